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

namespace {

// The case as the engine reads it.
CaseFacts facts_of(Repos& r, const Prescription& p, const Person& person,
                   const std::vector<CaseDeadline>& deadlines) {
  CaseFacts facts;
  facts.state = p.state;
  facts.modality = p.modality;
  facts.alsace_moselle = alsace_moselle_case(r, person);
  facts.obligations.reserve(deadlines.size());
  for (const auto& d : deadlines) facts.obligations.push_back(d.deadline);
  return facts;
}

// Writes what the engine decided for the obligations and the suspension of the case.
void apply_obligations(Repos& r, const Prescription& p, std::vector<CaseDeadline>& deadlines,
                       const CaseEffects& e, const std::string& reason, const std::string& comment,
                       Instant at, Instant now) {
  for (std::size_t i = 0; i < e.obligations.size(); ++i) {
    if (!e.touched(i)) continue;
    if (i < e.first_opened) {
      deadlines[i].deadline = e.obligations[i];
      r.journeys.update_deadline(deadlines[i]);
      continue;
    }
    CaseDeadline d;
    d.prescription_id = p.id;
    const Role owner = e.obligations[i].owner_role;
    d.owner_org_id =
        (owner == Role::cpip || owner == Role::spip_manager) ? p.spip_id : p.provider_id;
    d.deadline = e.obligations[i];
    d.id = r.journeys.insert_deadline(d);
  }
  if (e.suspension == SuspensionChange::opened) {
    Suspension s;
    s.prescription_id = p.id;
    s.reason = reason;
    s.comment = comment;
    s.from = at;
    r.journeys.insert_suspension(s);
  } else if (e.suspension == SuspensionChange::closed) {
    for (auto s : r.journeys.suspensions_of(p.id))
      if (!s.until) {
        s.until = now;
        r.journeys.update_suspension(s);
      }
  }
}

}  // namespace

// The engine decides (domain/case_engine.h); this applies its effects in the use case's
// transaction, then tells the other side and journals the change.
Result<Fired> apply_event(Repos& r, const Clock& clock, const Actor& a,
                          const ProgrammeConfig& config, Prescription& p, const Person& person,
                          const std::string& event, const std::string& reason,
                          const std::string& comment, Instant at, const std::string& extra_body) {
  const Instant now = clock.now();
  auto deadlines = p.id == 0 ? std::vector<CaseDeadline>{} : r.journeys.deadlines_of(p.id);
  Firing firing{event, roles_on_case(a, p), reason, comment, at, now};
  auto effects = advance(config, facts_of(r, p, person, deadlines), firing);
  if (!effects.ok()) return effects.error();
  const Transition* t = effects->transition;
  if (!t->requires_document.empty() && !holds_document(r, p, t->requires_document))
    return rule_violation("« " + t->label + " » demande d’abord le document « " +
                          document_kind_label(t->requires_document) +
                          " » dans le dossier professionnel : rédigez-le puis enregistrez sa "
                          "remise.");
  Fired fired{p.state, t};
  p.state = effects->to_state;
  if (effects->end_reason) p.end_reason = *effects->end_reason;
  if (effects->ended_at) p.ended_at = *effects->ended_at;
  if (p.id == 0) {
    p.id = r.journeys.insert_prescription(p);
  } else {
    r.journeys.update_prescription(p);
  }
  apply_obligations(r, p, deadlines, *effects, reason, comment, at, now);

  // Timeline, notification of the other side, audit.
  const std::string& detail = effects->line_detail;
  add_case_event(r, clock, a, p, event, effects->line_label, detail);
  if (!t->notify.empty()) {
    const ProgrammeState* after = config.state(p.state);
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
