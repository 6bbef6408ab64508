// DL-2: « À faire » — what is due and late across the actor's caseload, in one list: owed
// deadlines, attendances to record, proposals to decide or to revise, orientation requests and
// workshop lists awaiting the SPIP.
#include <algorithm>
#include <map>

#include "app/journey_internal.h"
#include "app/workshops_internal.h"

namespace parcours {

using namespace journey_detail;

namespace {

// Reads shared by the sources of the list: cases and names looked up once, by lists of ids
// (one query for many rows, never one per row: issue 13).
class TodoContext {
 public:
  TodoContext(Repos& r, const Actor& a, const Programmes& programmes, Instant now)
      : r(r),
        a(a),
        programmes(programmes),
        now(now),
        coordinator(a.has_role(Role::provider_coordinator)),
        names_of_users(r) {}

  // Loads the cases of `ids` not loaded yet, in one query.
  void load_cases(const std::vector<Id>& ids) {
    std::vector<Id> missing;
    for (Id id : ids)
      if (!cases_.count(id)) missing.push_back(id);
    if (missing.empty()) return;
    for (auto& p : r.journeys.find_prescriptions(missing)) cases_[p.id] = std::move(p);
    for (Id id : missing) cases_.emplace(id, std::nullopt);  // gone meanwhile
  }
  const std::optional<Prescription>& case_of(Id id) {
    load_cases({id});
    return cases_.at(id);
  }
  // Gives every item its person's name, the people read in one query.
  void name_people(std::vector<TodoItem>& items) {
    std::vector<Id> ids;
    for (const auto& t : items)
      if (t.person_id) ids.push_back(t.person_id);
    std::map<Id, std::string> names;
    for (const auto& p : r.persons.find_many(ids)) names[p.id] = person_display_name(p);
    for (auto& t : items)
      if (auto it = names.find(t.person_id); it != names.end()) t.person_name = it->second;
  }
  // An intervenant sees the cases assigned to them (or not assigned yet); a coordinator all.
  bool follows(const Prescription& p) const {
    return coordinator || !provider_side(a, p.provider_id) || p.intervenant_id == 0 ||
           p.intervenant_id == a.user.id;
  }
  TodoItem item(const std::string& kind, const std::string& label, const Prescription& p,
                const std::string& anchor) {
    TodoItem t;
    t.kind = kind;
    t.label = label;
    t.person_id = p.person_id;  // person_name: name_people, once the list is known
    t.cpip_name = names_of_users.user_name(p.cpip_id);
    t.prescription_id = p.id;
    t.link = "/prescriptions/" + std::to_string(p.id) + anchor;
    return t;
  }

  Repos& r;
  const Actor& a;
  const Programmes& programmes;
  const Instant now;
  const bool coordinator;
  Names names_of_users;

 private:
  std::map<Id, std::optional<Prescription>> cases_;
};

std::vector<Id> ids_of(const std::vector<Prescription>& cases) {
  std::vector<Id> ids;
  for (const auto& p : cases) ids.push_back(p.id);
  return ids;
}

// The cases whose state is not terminal, in the order given.
std::vector<Prescription> open_cases(const TodoContext& c, std::vector<Prescription> cases) {
  std::erase_if(cases, [&](const Prescription& p) {
    const ProgrammeConfig* config = c.programmes.find(p.programme_id);
    const ProgrammeState* state = config ? config->state(p.state) : nullptr;
    return !state || state->terminal;
  });
  return cases;
}

// The last proposal (highest version) of each of the cases that has one, in one query.
std::map<Id, Proposal> last_proposals(Repos& r, const std::vector<Prescription>& cases) {
  std::map<Id, Proposal> out;
  for (auto& proposal : r.journeys.proposals_of_cases(ids_of(cases)))
    out[proposal.prescription_id] = std::move(proposal);  // by version: the last one stays
  return out;
}

// Deadlines owned by the actor's organisations (DL-2), still owed, of open cases.
void owed_deadlines(TodoContext& c, const std::vector<Id>& owners, std::vector<TodoItem>& out) {
  std::vector<std::string> closed_states;
  for (const auto& config : c.programmes.all())
    for (const auto& st : config.states)
      if (st.terminal) closed_states.push_back(st.id);
  const auto owed = c.r.journeys.owed_deadlines_of_owners(owners, closed_states, 500);
  std::vector<Id> cases;
  for (const auto& d : owed) cases.push_back(d.prescription_id);
  c.load_cases(cases);
  for (const auto& d : owed) {
    const auto& p = c.case_of(d.prescription_id);
    if (!p || !c.follows(*p)) continue;
    TodoItem t = c.item("deadline", d.deadline.rule_id, *p, "");
    if (const ProgrammeConfig* config = c.programmes.find(p->programme_id))
      if (const auto* rule = deadline(*config, d.deadline.rule_id)) {
        t.label = rule->label;
        t.rule = rule->rule;
        t.source = rule->source;
      }
    t.due_at = d.deadline.due_at;
    t.state = state_at(d.deadline, c.now);
    t.late = t.state == DeadlineState::missed;
    out.push_back(t);
  }
}

// Provider: sessions held but whose attendance is not recorded yet (last 90 days).
void attendances_to_record(TodoContext& c, Id provider, std::vector<TodoItem>& out) {
  const Date today = paris_date(c.now);
  std::optional<Id> only;
  if (!c.coordinator) only = c.a.user.id;
  const auto sessions = c.r.journeys.sessions_of_provider(
      provider, Date{date::sys_days(today) - date::days{90}}, today, only);
  std::vector<Id> cases;
  for (const auto& s : sessions)
    if (s.status == "planned" && session_end(s) <= c.now) cases.push_back(s.prescription_id);
  c.load_cases(cases);
  for (const auto& s : sessions) {
    if (s.status != "planned" || session_end(s) > c.now) continue;
    const auto& p = c.case_of(s.prescription_id);
    if (!p) continue;
    TodoItem t = c.item("attendance",
                        "Présence à enregistrer — séance du " + french_long(s.date) + " à " +
                            french_time(s.start_minute),
                        *p, "#seances");
    t.rule = "PPAIP-11";
    t.due_at = session_end(s);
    t.late = true;
    out.push_back(t);
  }
}

// PPAIP-7: a proposal refused by the CPIP goes back to its provider, to be revised.
void proposals_to_revise(TodoContext& c, Id provider, std::vector<TodoItem>& out) {
  for (const auto& config : c.programmes.all()) {
    const Transition* refusal = config.transition("refuse_proposal");
    if (!refusal || !refusal->to) continue;
    PrescriptionQuery q;
    q.provider_id = provider;
    q.states = {*refusal->to};
    std::vector<Prescription> cases;
    for (auto& p : c.r.journeys.prescriptions(q))
      if (c.follows(p)) cases.push_back(std::move(p));
    const auto last = last_proposals(c.r, cases);
    for (const auto& p : cases) {
      auto it = last.find(p.id);
      if (it == last.end() || it->second.status != "refused") continue;
      TodoItem t = c.item("revision", "Proposition refusée — à revoir", p, "#proposition");
      t.rule = refusal->rule;
      t.due_at = it->second.decided_at;
      out.push_back(t);
    }
  }
}

// SPIP manager: the service's deadlines already missed, whoever owns them (DL-2, UX-2).
void service_late_deadlines(TodoContext& c, Id spip, std::vector<TodoItem>& out) {
  PrescriptionQuery q;
  q.spip_id = spip;
  const auto cases = open_cases(c, c.r.journeys.prescriptions(q));
  std::map<Id, std::vector<CaseDeadline>> deadlines;
  for (auto& d : c.r.journeys.deadlines_of_cases(ids_of(cases)))
    deadlines[d.prescription_id].push_back(std::move(d));
  for (const auto& p : cases) {
    const ProgrammeConfig* config = c.programmes.find(p.programme_id);
    for (const auto& d : deadlines[p.id]) {
      if (d.owner_org_id == spip || state_at(d.deadline, c.now) != DeadlineState::missed) continue;
      TodoItem t = c.item("deadline", d.deadline.rule_id, p, "#delais");
      if (const auto* rule = deadline(*config, d.deadline.rule_id)) {
        t.label = rule->label;
        t.rule = rule->rule;
        t.source = rule->source;
      }
      t.due_at = d.deadline.due_at;
      t.state = DeadlineState::missed;
      t.late = true;
      out.push_back(t);
    }
  }
}

// CPIP: proposals awaiting their decision; the SPIP manager sees the whole service's.
void proposals_to_decide(TodoContext& c, Id spip, std::vector<TodoItem>& out) {
  PrescriptionQuery q;
  q.spip_id = spip;
  if (!c.a.has_role(Role::spip_manager)) q.cpip_id = c.a.user.id;
  const auto cases = open_cases(c, c.r.journeys.prescriptions(q));
  std::map<Id, std::vector<Proposal>> proposals;  // by version, per case
  for (auto& proposal : c.r.journeys.proposals_of_cases(ids_of(cases)))
    proposals[proposal.prescription_id].push_back(std::move(proposal));
  for (const auto& p : cases) {
    for (const auto& proposal : proposals[p.id]) {
      if (proposal.status != "submitted") continue;
      TodoItem t = c.item(
          "validation",
          std::string(proposal.kind == "modification" ? "Modification de programme à valider"
                                                      : "Proposition de programme à valider") +
              " (version " + std::to_string(proposal.version) + ")",
          p, "#proposition");
      t.rule = proposal.kind == "modification" ? "PPAIP-9" : "PPAIP-7";
      t.due_at = proposal.submitted_at;
      out.push_back(t);
    }
  }
}

// CPIP: orientation requests of the SPIP to decide (PPAIP-2).
void orientations_to_decide(TodoContext& c, Id spip, std::vector<TodoItem>& out) {
  for (const auto& o : c.r.journeys.pending_orientations(spip)) {
    TodoItem t;
    t.kind = "orientation";
    t.label = "Demande d’orientation à examiner";
    t.rule = "PPAIP-2";
    t.person_id = o.person_id;
    t.link = "/personnes/" + std::to_string(o.person_id);
    t.due_at = o.recorded_at;
    out.push_back(t);
  }
}

// CPIP: workshop lists and calendars submitted to the SPIP (WS-3).
void workshop_lists_to_validate(TodoContext& c, Id spip, std::vector<TodoItem>& out) {
  WorkshopQuery q;
  q.spip_id = spip;
  q.list_status = "submitted";
  for (const auto& w : c.r.workshops.workshops(q)) {
    TodoItem t;
    t.kind = "workshop_list";
    t.label = "Liste d’atelier à valider";
    if (const ProgrammeConfig* config = c.programmes.find(w.programme_id))
      t.label += " — " + workshop_detail::theme_label(*config, w);
    t.rule = "WS-3";
    t.link = "/ateliers/" + std::to_string(w.id);
    out.push_back(t);
  }
}

}  // namespace

Result<std::vector<TodoItem>> JourneyService::todo(const Actor& a) {
  auto spips = actor_spips(a);
  auto providers = actor_providers(a);
  if (spips.empty() && providers.empty()) return std::vector<TodoItem>{};
  return read<std::vector<TodoItem>>(store_, [&](Repos& r) -> Result<std::vector<TodoItem>> {
    TodoContext c(r, a, programmes_, clock_.now());
    std::vector<TodoItem> out;
    std::vector<Id> owners = providers;
    owners.insert(owners.end(), spips.begin(), spips.end());
    owed_deadlines(c, owners, out);
    for (Id provider : providers) {
      attendances_to_record(c, provider, out);
      proposals_to_revise(c, provider, out);
    }
    const bool manager = a.has_role(Role::spip_manager);
    if (a.has_role(Role::cpip) || manager)
      for (Id spip : spips) {
        proposals_to_decide(c, spip, out);
        orientations_to_decide(c, spip, out);
        workshop_lists_to_validate(c, spip, out);
        if (manager) service_late_deadlines(c, spip, out);
      }
    c.name_people(out);
    // Late first, then by due instant.
    std::stable_sort(out.begin(), out.end(), [](const TodoItem& x, const TodoItem& y) {
      if (x.late != y.late) return x.late;
      if (x.due_at.has_value() != y.due_at.has_value()) return x.due_at.has_value();
      return x.due_at && *x.due_at < *y.due_at;
    });
    return out;
  });
}

}  // namespace parcours
