// The one engine of every programme (SPEC PROG-1): it applies the configuration's state
// machine table (DESIGN §4.4), finds its deadlines and checks its bounds. No number of a
// programme is written here.
#include "domain/programme.h"

#include <algorithm>
#include <cmath>

#include "domain/programme_internal.h"
#include "domain/validation.h"

namespace parcours {
namespace {

template <typename T>
bool contains(const std::vector<T>& values, const T& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::string quoted(const std::string& s) {
  return "« " + s + " »";
}

Error reason_error(std::string message) {
  FieldError detail{"reason", message};
  return invalid(std::move(message), {std::move(detail)});
}

// A required reason is present and, when the transition names a list, is one of its ids
// usable for this event (end_reasons such as "abandonment" are recorded by their own event).
Status check_reason(const ProgrammeConfig& c, const Transition& t, const std::string& reason) {
  if (!t.requires_reason) return {};
  if (is_blank(reason))
    return reason_error("Le motif est obligatoire pour l’action " + quoted(t.label) + ".");
  const auto* reasons = c.reason_list(t.reason_list);
  if (t.reason_list.empty() || !reasons) return {};
  std::string choices;
  for (const auto& r : *reasons) {
    if (!r.event.empty() && r.event != t.event) continue;
    if (r.id == reason) return {};
    choices += (choices.empty() ? "" : ", ") + quoted(r.label);
  }
  return reason_error("Motif inconnu pour l’action " + quoted(t.label) + " : " + quoted(reason) +
                      ". Motifs possibles : " + choices + ".");
}

Status check_hours(const std::optional<HoursBounds>& bounds, double hours, const char* what) {
  if (!std::isfinite(hours) || hours <= 0)
    return invalid(std::string("La durée ") + what + " doit être un nombre d’heures positif.");
  if (!bounds || (hours >= bounds->min && hours <= bounds->max)) return {};
  return rule_violation(std::string("La durée ") + what + " doit être comprise entre " +
                        format_hours(bounds->min) + "\u00a0h et " + format_hours(bounds->max) +
                        "\u00a0h (durée proposée : " + format_hours(hours) + "\u00a0h).");
}

std::string people(int n) {
  return std::to_string(n) + (n > 1 ? " personnes" : " personne");
}

}  // namespace

const ProgrammeState* ProgrammeConfig::state(const std::string& state_id) const {
  for (const auto& s : states)
    if (s.id == state_id) return &s;
  return nullptr;
}

const Transition* ProgrammeConfig::transition(const std::string& event) const {
  for (const auto& t : transitions)
    if (t.event == event) return &t;
  return nullptr;
}

const std::vector<Reason>* ProgrammeConfig::reason_list(const std::string& name) const {
  if (name == "end_reasons") return &end_reasons;
  if (name == "suspension_reasons") return &suspension_reasons;
  if (name == "interruption_reasons") return &interruption_reasons;
  if (name == "absence_reasons") return &absence_reasons;
  return nullptr;
}

// Order of the checks: the event exists, the actor may fire it (SEC-1: say nothing of the
// case to someone who may not act), the state allows it, the reason is there.
Result<std::string> next_state(const ProgrammeConfig& config, const std::string& from_state,
                               const std::string& event, Role actor_role,
                               const std::string& reason) {
  const Transition* t = config.transition(event);
  if (!t)
    return invalid("Action inconnue pour le programme " + quoted(config.id) + " : " +
                   quoted(event) + ".");
  if (!contains(t->roles, actor_role))
    return forbidden(std::string("Votre rôle (") + role_label(actor_role) +
                     ") ne permet pas l’action " + quoted(t->label) + ".");
  if (from_state.empty()) {
    if (!t->from.empty() || !t->to)
      return rule_violation("Action " + quoted(t->label) +
                            " impossible : le parcours n’a pas encore été prescrit.");
  } else {
    const ProgrammeState* s = config.state(from_state);
    if (!s)
      return invalid("État inconnu pour le programme " + quoted(config.id) + " : " +
                     quoted(from_state) + ".");
    if (!contains(t->from, from_state))
      return rule_violation("Action " + quoted(t->label) + " impossible : le programme est " +
                            quoted(s->label) + ".");
  }
  if (auto ok = check_reason(config, *t, reason); !ok) return ok.error();
  return t->to ? *t->to : from_state;
}

std::vector<const Transition*> available_transitions(const ProgrammeConfig& config,
                                                     const std::string& state_id, Role role) {
  std::vector<const Transition*> out;
  for (const auto& t : config.transitions) {
    bool from_ok = state_id.empty() ? t.from.empty() : contains(t.from, state_id);
    if (from_ok && contains(t.roles, role)) out.push_back(&t);
  }
  return out;
}

const DeadlineRule* deadline(const ProgrammeConfig& config, const std::string& id) {
  for (const auto& d : config.deadlines)
    if (d.id == id) return &d;
  return nullptr;
}

std::vector<const DeadlineRule*> deadlines_started_by(const ProgrammeConfig& config,
                                                      const std::string& event) {
  std::vector<const DeadlineRule*> out;
  for (const auto& d : config.deadlines)
    if (d.start_event == event) out.push_back(&d);
  return out;
}

// SPEC PPAIP-6: an individual programme lasts between the configured bounds (3 h – 30 h).
Status check_individual_hours(const ProgrammeConfig& config, double hours) {
  return check_hours(config.bounds.individual_hours, hours, "d’un accompagnement individuel");
}

// SPEC WS-2: a workshop lasts between the configured bounds (2 h – 30 h).
Status check_workshop_hours(const ProgrammeConfig& config, double hours) {
  return check_hours(config.bounds.workshop_hours, hours, "d’un atelier collectif");
}

// SPEC WS-2: ideally 4 to 6 people, never more than 6 (numbers from the configuration).
GroupSizeCheck check_group_size(const ProgrammeConfig& config, int participants) {
  if (participants < 0)
    return {GroupSizeVerdict::refused, "Le nombre de participants ne peut pas être négatif."};
  const auto& bounds = config.bounds.group_size;
  if (!bounds) return {};
  if (participants > bounds->max)
    return {GroupSizeVerdict::refused, "Un atelier ne peut pas dépasser " + people(bounds->max) +
                                           " (" + std::to_string(participants) + " inscrites)."};
  if (participants < bounds->warn_below)
    return {GroupSizeVerdict::warning, "Le groupe compte " + people(participants) +
                                           " : l’idéal est d’au moins " +
                                           people(bounds->warn_below) + "."};
  return {};
}

// SPEC PPAIP-12: reconvocation first, abandonment after an unjustified absence at the
// reconvocation — or whatever the programme's absence_policy says.
AbsenceOutcome on_unjustified_absence(const ProgrammeConfig& config, bool after_reconvocation) {
  if (!config.absence_policy) return {};
  const AbsenceStep& step = after_reconvocation
                                ? config.absence_policy->unjustified_absence_after_reconvocation
                                : config.absence_policy->unjustified_absence;
  return {step.action, step.event, step.label};
}

}  // namespace parcours
