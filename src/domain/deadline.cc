#include "domain/deadline.h"

#include "domain/calendar.h"
#include "domain/validation.h"

namespace parcours {
namespace {

struct StateInfo {
  DeadlineState state;
  const char* name;
  const char* label;
};

constexpr StateInfo kStates[] = {
    {DeadlineState::pending, "pending", "En cours"},
    {DeadlineState::met_on_time, "met_on_time", "Respecté"},
    {DeadlineState::met_late, "met_late", "Respecté en retard"},
    {DeadlineState::missed, "missed", "Dépassé"},
    {DeadlineState::waived, "waived", "Levé"},
    {DeadlineState::lapsed, "lapsed", "Sans objet"},
};

bool closed(const Deadline& d) {
  return d.met_at.has_value() || d.waived_at.has_value();
}

}  // namespace

const char* deadline_state_name(DeadlineState s) {
  for (const auto& i : kStates)
    if (i.state == s) return i.name;
  return "pending";
}

const char* deadline_state_label(DeadlineState s) {
  for (const auto& i : kStates)
    if (i.state == s) return i.label;
  return "";
}

Deadline open_deadline(const DeadlineRule& rule, Instant start, bool alsace_moselle) {
  Deadline d;
  d.rule_id = rule.id;
  d.owner_role = rule.owner_role;
  d.conditional = rule.conditional;
  d.started_at = start;
  d.due_at = deadline_after(start, rule.amount, rule.unit, alsace_moselle);
  return d;
}

DeadlineState state_at(const Deadline& d, Instant now) {
  if (d.waived_at) return DeadlineState::waived;
  if (d.met_at) return *d.met_at <= d.due_at ? DeadlineState::met_on_time : DeadlineState::met_late;
  if (d.paused_since || now <= d.due_at) return DeadlineState::pending;
  return d.conditional ? DeadlineState::lapsed : DeadlineState::missed;
}

Status meet(Deadline& d, Instant at) {
  if (closed(d)) return conflict("Ce délai est déjà respecté ou levé.");
  if (d.paused_since) {
    if (auto s = resume(d, at); !s.ok()) return s;
  }
  d.met_at = at;
  return {};
}

Status waive(Deadline& d, Instant at, const std::string& reason) {
  if (is_blank(reason))
    return invalid("Indiquez pourquoi ce délai est levé.",
                   {{"reason", "Le motif est obligatoire."}});
  if (closed(d)) return conflict("Ce délai est déjà respecté ou levé.");
  d.waived_at = at;
  d.waiver_reason = trim(reason);
  d.paused_since.reset();
  return {};
}

Status pause(Deadline& d, Instant at) {
  if (closed(d) || d.paused_since) return {};  // nothing owed, or already paused
  d.paused_since = at;
  return {};
}

Status resume(Deadline& d, Instant at) {
  if (!d.paused_since) return {};
  if (at < *d.paused_since)
    return invalid("La reprise ne peut pas précéder la suspension.",
                   {{"resumed_at", "Date de reprise antérieure à la suspension."}});
  d.due_at = shift_for_pause(d.due_at, *d.paused_since, at);
  d.paused_since.reset();
  return {};
}

}  // namespace parcours
