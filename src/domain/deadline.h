// A tracked obligation with a time limit (SPEC DL-1): its due instant, owner and state.
// Pure values: the app stores them with the case and asks these functions what changes.
#pragma once

#include <optional>
#include <string>

#include "domain/programme.h"

namespace parcours {

enum class DeadlineState {
  pending,      // not met yet, due instant not passed (or paused)
  met_on_time,  // met at or before the due instant
  met_late,     // met after the due instant
  missed,       // due instant passed without being met
  waived,       // no longer owed, with a reason (case ended, prescription withdrawn…)
  lapsed,       // conditional obligation (PPAIP-5) whose event never happened: not a miss
};

struct Deadline {
  std::string rule_id;  // DeadlineRule::id of the programme configuration
  Role owner_role = Role::provider_coordinator;
  bool conditional = false;
  Instant started_at{};
  Instant due_at{};
  std::optional<Instant> met_at;
  std::optional<Instant> waived_at;
  std::string waiver_reason;
  std::optional<Instant> paused_since;  // PPAIP-13: suspended programme, deadline paused
};

const char* deadline_state_name(DeadlineState s);   // "pending", "met_on_time"…
const char* deadline_state_label(DeadlineState s);  // "En cours", "Respecté"…

// Opens the deadline of `rule` started at `start` (DL-1 arithmetic, Europe/Paris calendar).
Deadline open_deadline(const DeadlineRule& rule, Instant start, bool alsace_moselle);
// The state at `now`; a paused deadline stays pending.
DeadlineState state_at(const Deadline& d, Instant now);
// Records the event that meets it. Errors: already met or waived (conflict).
Status meet(Deadline& d, Instant at);
// Waives it with a mandatory reason. Errors: empty reason (invalid), already met (conflict).
Status waive(Deadline& d, Instant at, const std::string& reason);
// PPAIP-13: pause while the programme is suspended; resuming pushes the due instant by the
// length of the pause (only if the pause began before it was due).
Status pause(Deadline& d, Instant at);
Status resume(Deadline& d, Instant at);

}  // namespace parcours
