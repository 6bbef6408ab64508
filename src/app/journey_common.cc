// Access rules (SEC-1), the event engine of a case and the views shared by the journey use
// cases (app/journey.h).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "app/journey_internal.h"
#include "app/notifications.h"
#include "domain/calendar.h"
#include "domain/wording.h"

namespace parcours::journey_detail {

using nlohmann::json;

namespace {

bool is_spip_role(Role r) {
  return r == Role::cpip || r == Role::spip_manager;
}
bool is_provider_role(Role r) {
  return r == Role::provider_coordinator || r == Role::intervenant_cip ||
         r == Role::intervenant_psychologist;
}

// The SPIP an organisation of the actor belongs to (itself, or the parent of an antenna).
Id spip_of(const Organisation& o) {
  if (o.kind == OrgKind::spip) return o.id;
  if (o.kind == OrgKind::antenna) return o.parent_id;
  return 0;
}

bool open_deadline_state(const Deadline& d) {
  return !d.met_at && !d.waived_at;
}

}  // namespace

bool spip_side(const Actor& a, Id spip_id) {
  return std::any_of(a.memberships.begin(), a.memberships.end(), [&](const ActorMembership& m) {
    return is_spip_role(m.membership.role) && spip_of(m.org) == spip_id && spip_id != 0;
  });
}

bool provider_side(const Actor& a, Id provider_id) {
  return std::any_of(a.memberships.begin(), a.memberships.end(), [&](const ActorMembership& m) {
    return is_provider_role(m.membership.role) && m.org.id == provider_id && provider_id != 0;
  });
}

std::vector<Role> roles_on_case(const Actor& a, const Prescription& p) {
  std::vector<Role> roles;
  for (const auto& m : a.memberships) {
    const Role role = m.membership.role;
    bool fits = (is_spip_role(role) && spip_of(m.org) == p.spip_id) ||
                (is_provider_role(role) && m.org.id == p.provider_id);
    if (fits && std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
  }
  return roles;
}

std::vector<Id> actor_spips(const Actor& a) {
  std::vector<Id> out;
  for (const auto& m : a.memberships) {
    Id spip = spip_of(m.org);
    if (is_spip_role(m.membership.role) && spip != 0 &&
        std::find(out.begin(), out.end(), spip) == out.end())
      out.push_back(spip);
  }
  return out;
}

std::vector<Id> actor_providers(const Actor& a) {
  std::vector<Id> out;
  for (const auto& m : a.memberships)
    if (is_provider_role(m.membership.role) && m.org.kind == OrgKind::provider &&
        std::find(out.begin(), out.end(), m.org.id) == out.end())
      out.push_back(m.org.id);
  return out;
}

Result<Person> visible_person(Repos& r, const Actor& a, Id person_id) {
  auto person = r.persons.find(person_id);
  if (!person) return not_found("Cette personne n’existe pas.");
  if (spip_side(a, person->spip_id)) return *person;
  for (Id provider : actor_providers(a)) {
    PrescriptionQuery q;
    q.person_id = person_id;
    q.provider_id = provider;
    q.limit = 1;
    if (!r.journeys.prescriptions(q).empty()) return *person;
  }
  return forbidden("Vous n’avez pas accès au dossier de cette personne.");
}

Result<Prescription> visible_case(Repos& r, const Actor& a, Id prescription_id) {
  auto p = r.journeys.find_prescription(prescription_id);
  if (!p) return not_found("Cette prescription n’existe pas.");
  if (spip_side(a, p->spip_id) || provider_side(a, p->provider_id)) return *p;
  return forbidden("Vous n’avez pas accès à cette prescription.");
}

Result<CaseContext> case_context(Repos& r, const Actor& a, const Programmes& programmes,
                                 Id prescription_id) {
  auto p = visible_case(r, a, prescription_id);
  if (!p.ok()) return p.error();
  CaseContext c;
  c.p = *p;
  c.config = programmes.find(p->programme_id);
  if (!c.config) return unavailable("La configuration du programme est introuvable.");
  auto person = r.persons.find(p->person_id);
  if (!person) return not_found("Cette personne n’existe pas.");
  c.person = *person;
  return c;
}

const Organisation& Names::org(Id id) {
  auto it = orgs_.find(id);
  if (it != orgs_.end()) return it->second;
  Organisation o;
  if (id != 0)
    if (auto found = r_.orgs.find(id)) o = *found;
  return orgs_.emplace(id, o).first->second;
}

const User& Names::user(Id id) {
  auto it = users_.find(id);
  if (it != users_.end()) return it->second;
  User u;
  if (id != 0)
    if (auto found = r_.users.find(id)) u = *found;
  return users_.emplace(id, u).first->second;
}

std::string Names::user_name(Id id) {
  return id == 0 ? "" : user(id).full_name;
}

bool alsace_moselle_case(Repos& r, const Person& person) {
  auto site = r.orgs.find(person.site_id);
  if (site && alsace_moselle_departement(site->departement)) return true;
  auto spip = r.orgs.find(person.spip_id);
  return spip && alsace_moselle_departement(spip->departement);
}

bool allowed_from(const ProgrammeConfig& config, const std::string& event,
                  const std::string& state) {
  const Transition* t = config.transition(event);
  return t && std::find(t->from.begin(), t->from.end(), state) != t->from.end();
}

Result<AttendanceOutcome> follow_unjustified_absence(Repos& r, const Clock& clock, const Actor& a,
                                                     const ProgrammeConfig& config, Prescription& p,
                                                     const Person& person, bool after_reconvocation,
                                                     Instant at, const std::string& what) {
  auto policy = on_unjustified_absence(config, after_reconvocation);
  AttendanceOutcome outcome;
  outcome.message = policy.message;
  if (policy.action == AbsenceAction::end && !policy.event.empty()) {
    auto fired =
        apply_event(r, clock, a, config, p, person, policy.event, "", policy.message, at, "");
    if (!fired.ok()) return fired.error();
    outcome.event = policy.event;
    return outcome;
  }
  if (policy.action == AbsenceAction::reconvocation ||
      policy.action == AbsenceAction::written_reminder)
    p.reconvocation_pending = true;
  r.journeys.update_prescription(p);
  notify(r, clock, spip_recipients(p), "case_signal",
         "Absence non justifiée — " + person_display_name(person),
         person_display_name(person) + " était " + agreed(person.sex, "absent", "absente") + " à " +
             what + ".\n" + policy.message,
         "/prescriptions/" + std::to_string(p.id));
  return outcome;
}

std::vector<Id> spip_recipients(const Prescription& p) {
  return p.cpip_id ? std::vector<Id>{p.cpip_id} : std::vector<Id>{};
}

std::vector<Id> provider_recipients(Repos& r, const Prescription& p, const Person& person) {
  std::vector<Id> out;
  // ORG-4: the provider's coordinator for the person's establishment, else every coordinator.
  for (const auto& c : r.staff.coordinators_of(p.provider_id))
    if (c.establishment_id == person.site_id) out.push_back(c.user_id);
  if (out.empty())
    for (const auto& m : r.users.members_of(p.provider_id))
      if (m.role == Role::provider_coordinator) out.push_back(m.user_id);
  auto add = [&out](Id user) {
    if (user && std::find(out.begin(), out.end(), user) == out.end()) out.push_back(user);
  };
  add(p.intervenant_id);
  // PPAIP-7: the decision on a proposal also reaches whoever wrote it.
  auto proposals = r.journeys.proposals_of(p.id);
  if (!proposals.empty()) add(proposals.back().submitted_by);
  return out;
}

std::string reason_label(const ProgrammeConfig& config, const std::string& list,
                         const std::string& reason) {
  if (const auto* reasons = config.reason_list(list))
    for (const auto& x : *reasons)
      if (x.id == reason) return x.label;
  return reason;
}

bool may_waive_deadlines(const Actor& a, const Prescription& p) {
  auto roles = roles_on_case(a, p);
  return std::any_of(roles.begin(), roles.end(), [](Role r) {
    return r == Role::spip_manager || r == Role::provider_coordinator;
  });
}

bool holds_document(Repos& r, const Prescription& p, const std::string& kind) {
  auto docs = r.documents.documents_of_person(p.person_id);
  return std::any_of(docs.begin(), docs.end(), [&](const StoredDocument& d) {
    return d.prescription_id == p.id && d.kind == kind;
  });
}

std::string actor_on_case(const Actor& a, const Prescription& p) {
  auto roles = roles_on_case(a, p);
  const std::string name = audit_actor_label(a);
  return roles.empty() ? name : name + ", " + role_label(roles.front());
}

void add_case_event(Repos& r, const Clock& clock, const Actor& a, const Prescription& p,
                    const std::string& event, const std::string& label, const std::string& detail) {
  CaseEvent e;
  e.prescription_id = p.id;
  e.person_id = p.person_id;
  e.event = event;
  e.label = label;
  e.detail = detail;
  e.actor_id = a.user.id;
  e.actor_label = audit_actor_label(a);
  e.at = clock.now();
  r.journeys.insert_event(e);
}

Result<Fired> apply_event(Repos& r, const Clock& clock, const Actor& a,
                          const ProgrammeConfig& config, Prescription& p, const Person& person,
                          const std::string& event, const std::string& reason,
                          const std::string& comment, Instant at, const std::string& extra_body) {
  const Instant now = clock.now();
  const Transition* t = config.transition(event);
  if (!t) return invalid("L’action « " + event + " » n’existe pas dans ce programme.");
  // The engine decides (DESIGN §4.4): any of the actor's roles on the case may fire it.
  auto roles = roles_on_case(a, p);
  std::optional<Result<std::string>> outcome;
  for (Role role : roles) {
    auto next = next_state(config, p.state, event, role, reason);
    if (next.ok() || !outcome || outcome->error().code == ErrorCode::forbidden) outcome = next;
    if (next.ok()) break;
  }
  if (!outcome) return forbidden("Vous ne pouvez pas « " + t->label + " » pour cette personne.");
  if (!outcome->ok()) return outcome->error();
  if (!t->requires_document.empty() && !holds_document(r, p, t->requires_document))
    return rule_violation("« " + t->label + " » demande d’abord le document « " +
                          document_kind_label(t->requires_document) +
                          " » dans le dossier professionnel : rédigez-le puis enregistrez sa "
                          "remise.");
  Fired fired{p.state, t};
  const std::string new_state = **outcome;
  const ProgrammeState* before = config.state(p.state);
  const ProgrammeState* after = config.state(new_state);
  p.state = new_state;

  // Reasons that end the case (configuration: end_reasons, possibly tied to this event).
  for (const auto& er : config.end_reasons)
    if (er.event == event) p.end_reason = er.id;
  if (t->reason_list == "end_reasons") p.end_reason = reason;
  if (t->reason_list == "end_reasons" || (after && after->terminal)) p.ended_at = at;

  if (p.id == 0) {
    p.id = r.journeys.insert_prescription(p);
  } else {
    r.journeys.update_prescription(p);
  }

  // Deadlines (DL-1).
  const bool alsace = alsace_moselle_case(r, person);
  auto deadlines = r.journeys.deadlines_of(p.id);
  for (auto& d : deadlines) {
    const DeadlineRule* rule = deadline(config, d.deadline.rule_id);
    if (!rule || !open_deadline_state(d.deadline) || rule->met_by_event != event) continue;
    // SPEC DL-1, ATT-2: met when the fact happened (`at`), not when it was typed in.
    if (meet(d.deadline, std::min(at, now)).ok()) r.journeys.update_deadline(d);
  }
  for (const DeadlineRule* rule : deadlines_started_by(config, event)) {
    if (!rule->applies_to.empty() && std::find(rule->applies_to.begin(), rule->applies_to.end(),
                                               p.modality) == rule->applies_to.end())
      continue;
    bool already_open = std::any_of(deadlines.begin(), deadlines.end(), [&](const CaseDeadline& d) {
      return d.deadline.rule_id == rule->id && open_deadline_state(d.deadline);
    });
    if (already_open && rule->met_by_event != event) continue;
    CaseDeadline d;
    d.prescription_id = p.id;
    d.owner_org_id = (rule->owner_role == Role::cpip || rule->owner_role == Role::spip_manager)
                         ? p.spip_id
                         : p.provider_id;
    d.deadline = open_deadline(*rule, at, alsace);
    // A deadline started and met by the same event (PPAIP-14: signalling an interruption
    // declared at `at`) is met now, on time or late.
    if (rule->met_by_event == event) (void)meet(d.deadline, now);
    d.id = r.journeys.insert_deadline(d);
    deadlines.push_back(d);
  }
  // PPAIP-13: suspended, not stopped — deadlines pause and are pushed back on resumption.
  const bool paused_before = before && before->pauses_deadlines;
  const bool paused_after = after && after->pauses_deadlines;
  if (paused_after && !paused_before) {
    for (auto& d : deadlines)
      if (open_deadline_state(d.deadline) && !d.deadline.paused_since && pause(d.deadline, at).ok())
        r.journeys.update_deadline(d);
    Suspension s;
    s.prescription_id = p.id;
    s.reason = reason;
    s.comment = comment;
    s.from = at;
    r.journeys.insert_suspension(s);
  } else if (paused_before && !paused_after) {
    for (auto& d : deadlines)
      if (d.deadline.paused_since && resume(d.deadline, now).ok()) r.journeys.update_deadline(d);
    for (auto s : r.journeys.suspensions_of(p.id))
      if (!s.until) {
        s.until = now;
        r.journeys.update_suspension(s);
      }
  }
  // A closed case owes nothing more; deadlines already passed stay missed (DL-3).
  if (after && after->terminal) {
    for (auto& d : deadlines)
      if (open_deadline_state(d.deadline) && d.deadline.due_at > now &&
          waive(d.deadline, now, "Prise en charge close : " + after->label).ok())
        r.journeys.update_deadline(d);
  }

  // Timeline, notification of the other side, audit.
  std::string detail;
  if (!reason.empty()) {
    detail = t->reason_list.empty() ? reason : reason_label(config, t->reason_list, reason);
  }
  if (!comment.empty()) detail += (detail.empty() ? "" : " — ") + comment;
  add_case_event(r, clock, a, p, event, t->done_label, detail);
  if (!t->notify.empty()) {
    const bool by_provider = provider_side(a, p.provider_id) && !spip_side(a, p.spip_id);
    auto recipients = by_provider ? spip_recipients(p) : provider_recipients(r, p, person);
    // Said as a fact (« Proposition refusée par Claire Martin, CPIP »), never as an order.
    std::string body = t->done_label + " par " + actor_on_case(a, p) + ", le " +
                       french_instant(now) + ".\n" + person_display_name(person) + " — " +
                       config.label + (after ? "\nÉtat : " + after->label : "") +
                       (detail.empty() ? "" : "\n" + detail) +
                       (extra_body.empty() ? "" : "\n\n" + extra_body);
    notify(r, clock, recipients, t->notify, t->done_label + " — " + person_display_name(person),
           body, "/prescriptions/" + std::to_string(p.id));
  }
  record(r, clock, a, "prescription." + event, "prescription", p.id, p.person_id,
         json{{"event", event}, {"from", fired.from_state}, {"to", p.state}, {"reason", reason}}
             .dump());
  return fired;
}

std::vector<DeadlineView> deadline_views(const ProgrammeConfig* config,
                                         const std::vector<CaseDeadline>& deadlines, Instant now) {
  std::vector<DeadlineView> out;
  for (const auto& d : deadlines) {
    DeadlineView v;
    v.deadline = d;
    v.state = state_at(d.deadline, now);
    v.label = d.deadline.rule_id;
    if (config)
      if (const DeadlineRule* rule = deadline(*config, d.deadline.rule_id)) {
        v.label = rule->label;
        v.rule = rule->rule;
        v.source = rule->source;
      }
    out.push_back(v);
  }
  return out;
}

PrescriptionSummary summarise(Repos& r, Names& names, const Programmes& programmes,
                              const Prescription& p, const Person& person, Instant now) {
  PrescriptionSummary s;
  s.prescription = p;
  s.person_name = person_display_name(person);
  const ProgrammeConfig* config = programmes.find(p.programme_id);
  s.programme_label = config ? config->label : p.programme_id;
  s.state_label = p.state;
  if (config) {
    if (const auto* st = config->state(p.state)) s.state_label = st->label;
    for (const auto& m : config->modalities)
      if (m.id == p.modality) s.modality_label = m.label;
  }
  s.provider_name = names.org(p.provider_id).name;
  s.spip_name = names.org(p.spip_id).name;
  s.cpip_name = names.user_name(p.cpip_id);
  s.site_name = names.org(person.site_id).name;
  for (const auto& v : deadline_views(config, r.journeys.deadlines_of(p.id), now)) {
    if (v.state != DeadlineState::pending && v.state != DeadlineState::missed) continue;
    if (v.deadline.deadline.conditional) continue;
    if (!s.next_due_at || v.deadline.deadline.due_at < *s.next_due_at) {
      s.next_due_at = v.deadline.deadline.due_at;
      s.next_due_label = v.label;
      s.next_due_state = v.state;
    }
  }
  return s;
}

const char* session_status_label(const Session& s) {
  if (s.status == "planned") return "Prévue";
  if (s.status == "present") return "Présence";
  if (s.status == "cancelled") return "Annulée";
  if (s.status == "absent")
    return s.absence_justified ? "Absence justifiée" : "Absence non justifiée";
  return "";
}

Error log_denied(Store& store, const Clock& clock, const Actor& a, const std::string& action,
                 const std::string& subject_type, Id subject_id, const Error& e) {
  record_denied(store, clock, a, action, subject_type, subject_id);
  return e;
}

}  // namespace parcours::journey_detail
