// Cross-reference checks of a programme configuration (SPEC PROG-1): a configuration that
// names a state, an event, a modality or a reason list that does not exist never reaches
// the engine.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "domain/programme_internal.h"

namespace parcours {

void ConfigProblems::add(const std::string& path, const std::string& what) {
  std::string message = file_ + " : " + (path.empty() ? "" : path + " : ") + what;
  details_.push_back({path, std::move(message)});
}

Error ConfigProblems::error() const {
  std::string message = "Configuration de programme invalide (" + file_ + ", " +
                        std::to_string(details_.size()) +
                        (details_.size() > 1 ? " problèmes) :" : " problème) :");
  for (const auto& d : details_) message += "\n- " + d.message;
  return invalid(std::move(message), details_);
}

std::string format_hours(double hours) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", hours);
  std::string s = buffer;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

namespace {

std::string at(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// Reports the second and later uses of an id in `items`.
template <typename T, typename Id>
void check_unique(const std::vector<T>& items, const std::string& list, const char* field, Id id_of,
                  ConfigProblems& p) {
  std::map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string& id = id_of(items[i]);
    if (id.empty()) continue;  // already reported as missing
    auto [it, inserted] = first.emplace(id, i);
    if (!inserted)
      p.add(at(list, i) + "." + field,
            "l’identifiant « " + id + " » est déjà utilisé par " + at(list, it->second) + ".");
  }
}

void check_all_unique(const ProgrammeConfig& c, ConfigProblems& p) {
  auto id = [](const auto& item) -> const std::string& { return item.id; };
  check_unique(c.modalities, "modalities", "id", id, p);
  check_unique(c.states, "states", "id", id, p);
  check_unique(
      c.transitions, "transitions", "event",
      [](const Transition& t) -> const std::string& { return t.event; }, p);
  check_unique(c.deadlines, "deadlines", "id", id, p);
  check_unique(c.end_reasons, "end_reasons", "id", id, p);
  check_unique(c.suspension_reasons, "suspension_reasons", "id", id, p);
  check_unique(c.interruption_reasons, "interruption_reasons", "id", id, p);
  check_unique(c.absence_reasons, "absence_reasons", "id", id, p);
  check_unique(c.orientation_sources, "orientation_sources", "id", id, p);
  check_unique(c.eligibility_rules, "eligibility_rules", "id", id, p);
  check_unique(c.documents, "documents", "id", id, p);
}

std::string no_state(const std::string& id) {
  return "l’état « " + id + " » n’existe pas.";
}

// An event exists when a transition declares it; empty names were reported when read.
void check_event(const ProgrammeConfig& c, const std::string& path, const std::string& event,
                 ConfigProblems& p) {
  if (!event.empty() && !c.transition(event))
    p.add(path, "l’événement « " + event + " » n’existe pas (aucune transition ne le déclare).");
}

bool leaves(const Transition& t, const std::string& state) {
  return t.to && *t.to != state && std::find(t.from.begin(), t.from.end(), state) != t.from.end();
}

void check_states(const ProgrammeConfig& c, ConfigProblems& p) {
  if (const auto* initial = c.state(c.initial_state)) {
    if (initial->terminal)
      p.add("initial_state", "l’état initial « " + initial->id + " » ne peut pas être terminal.");
  } else if (!c.initial_state.empty()) {
    p.add("initial_state", no_state(c.initial_state));
  }
  if (!c.states.empty() &&
      std::none_of(c.states.begin(), c.states.end(), [](const auto& s) { return s.terminal; }))
    p.add("states", "aucun état terminal : un parcours doit pouvoir se terminer.");
  for (std::size_t i = 0; i < c.states.size(); ++i) {
    const auto& s = c.states[i];
    if (s.id.empty()) continue;
    auto exits = [&](const Transition& t) { return leaves(t, s.id); };
    if (!s.terminal && std::none_of(c.transitions.begin(), c.transitions.end(), exits))
      p.add(at("states", i), "l’état non terminal « " + s.id +
                                 " » n’a aucune transition qui en sort (un parcours y resterait "
                                 "bloqué).");
    auto enters = [&](const Transition& t) { return t.to && *t.to == s.id; };
    if (s.id != c.initial_state && std::none_of(c.transitions.begin(), c.transitions.end(), enters))
      p.add(at("states", i), "l’état « " + s.id + " » n’est atteint par aucune transition.");
  }
}

void check_reason_list(const ProgrammeConfig& c, const Transition& t, const std::string& path,
                       ConfigProblems& p) {
  if (t.reason_list.empty()) return;
  const auto* reasons = c.reason_list(t.reason_list);
  if (!reasons || t.reason_list == "absence_reasons") {
    p.add(path, "la liste de motifs « " + t.reason_list +
                    " » n’existe pas (listes possibles : end_reasons, suspension_reasons, "
                    "interruption_reasons).");
    return;
  }
  auto usable = [&](const Reason& r) { return r.event.empty() || r.event == t.event; };
  if (std::none_of(reasons->begin(), reasons->end(), usable))
    p.add(path, "la liste « " + t.reason_list + " » n’a aucun motif utilisable pour l’action « " +
                    t.event + " ».");
}

void check_transition(const ProgrammeConfig& c, const Transition& t, const std::string& path,
                      ConfigProblems& p) {
  for (std::size_t j = 0; j < t.from.size(); ++j) {
    const auto* from = c.state(t.from[j]);
    if (!from && !t.from[j].empty())
      p.add(at(path + ".from", j), no_state(t.from[j]));
    else if (from && from->terminal)
      p.add(at(path + ".from", j),
            "l’état « " + from->id + " » est terminal : aucune action ne peut en partir.");
  }
  if (t.to && !t.to->empty() && !c.state(*t.to)) p.add(path + ".to", no_state(*t.to));
  if (t.from.empty() && !t.to)
    p.add(path + ".from", "une action qui ne change pas l’état doit partir d’au moins un état.");
  else if (t.from.empty() && t.to && *t.to != c.initial_state && !c.initial_state.empty())
    p.add(path + ".to",
          "une transition sans état de départ crée le parcours : elle doit mener à "
          "l’état initial « " +
              c.initial_state + " ».");
  check_reason_list(c, t, path + ".reason_list", p);
}

// REP-3 keys name existing states and end reasons.
void check_reporting_keys(const ProgrammeConfig& c, ConfigProblems& p) {
  for (std::size_t i = 0; i < c.not_taken_in_charge_states.size(); ++i)
    if (!c.state(c.not_taken_in_charge_states[i]))
      p.add(at("not_taken_in_charge_states", i),
            "l’état « " + c.not_taken_in_charge_states[i] + " » n’existe pas (voir « states »).");
  for (std::size_t i = 0; i < c.objective_end_reasons.size(); ++i) {
    auto same = [&](const Reason& r) { return r.id == c.objective_end_reasons[i]; };
    if (std::none_of(c.end_reasons.begin(), c.end_reasons.end(), same))
      p.add(at("objective_end_reasons", i),
            "le motif « " + c.objective_end_reasons[i] + " » n’existe pas (voir « end_reasons »).");
  }
}

void check_transitions(const ProgrammeConfig& c, ConfigProblems& p) {
  for (std::size_t i = 0; i < c.transitions.size(); ++i)
    check_transition(c, c.transitions[i], at("transitions", i), p);
  auto creates = [](const Transition& t) { return t.from.empty() && t.to; };
  if (!c.transitions.empty() && std::none_of(c.transitions.begin(), c.transitions.end(), creates))
    p.add("transitions",
          "aucune transition ne crée le parcours (« from » vide et « to » vers l’état initial).");
}

void check_deadlines(const ProgrammeConfig& c, ConfigProblems& p) {
  for (std::size_t i = 0; i < c.deadlines.size(); ++i) {
    const auto& d = c.deadlines[i];
    auto path = at("deadlines", i);
    check_event(c, path + ".start_event", d.start_event, p);
    check_event(c, path + ".met_by_event", d.met_by_event, p);
    for (std::size_t j = 0; j < d.applies_to.size(); ++j) {
      auto same = [&](const Choice& m) { return m.id == d.applies_to[j]; };
      if (!d.applies_to[j].empty() && std::none_of(c.modalities.begin(), c.modalities.end(), same))
        p.add(at(path + ".applies_to", j),
              "la modalité « " + d.applies_to[j] + " » n’existe pas (voir « modalities »).");
    }
  }
}

void check_recurring(const ProgrammeConfig& c, ConfigProblems& p) {
  for (std::size_t i = 0; i < c.recurring.size(); ++i) {
    const auto& states = c.recurring[i].states;
    for (std::size_t j = 0; j < states.size(); ++j)
      if (!states[j].empty() && !c.state(states[j]))
        p.add(at(at("recurring", i) + ".states", j),
              "l’état « " + states[j] + " » n’existe pas (voir « states »).");
  }
}

void check_absence_step(const ProgrammeConfig& c, const AbsenceStep& step, const std::string& path,
                        ConfigProblems& p) {
  if (step.event.empty()) return;
  const auto* t = c.transition(step.event);
  if (!t)
    check_event(c, path + ".event", step.event, p);
  else if (step.action == AbsenceAction::end && !t->to)
    p.add(path + ".event", "l’événement « " + step.event +
                               " » ne change pas l’état : il ne peut pas terminer le parcours.");
}

void check_events_named(const ProgrammeConfig& c, ConfigProblems& p) {
  for (std::size_t i = 0; i < c.end_reasons.size(); ++i)
    check_event(c, at("end_reasons", i) + ".event", c.end_reasons[i].event, p);
  for (std::size_t i = 0; i < c.documents.size(); ++i)
    check_event(c, at("documents", i) + ".event", c.documents[i].event, p);
  for (const auto& [list, reasons] : {std::pair{"suspension_reasons", &c.suspension_reasons},
                                      std::pair{"interruption_reasons", &c.interruption_reasons}})
    for (std::size_t i = 0; i < reasons->size(); ++i)
      check_event(c, at(list, i) + ".event", (*reasons)[i].event, p);
  if (!c.absence_policy) return;
  check_absence_step(c, c.absence_policy->unjustified_absence, "absence_policy.unjustified_absence",
                     p);
  check_absence_step(c, c.absence_policy->unjustified_absence_after_reconvocation,
                     "absence_policy.unjustified_absence_after_reconvocation", p);
}

}  // namespace

void check_programme_references(const ProgrammeConfig& config, ConfigProblems& problems) {
  check_all_unique(config, problems);
  check_states(config, problems);
  check_transitions(config, problems);
  check_deadlines(config, problems);
  check_recurring(config, problems);
  check_reporting_keys(config, problems);
  check_events_named(config, problems);
}

}  // namespace parcours
