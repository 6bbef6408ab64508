// The engine of a case (SPEC PROG-1, DESIGN §1): what one event does to a case, computed on
// plain values from the programme configuration. Nothing is read or written here: app/
// applies the effects in the use case's transaction, and the seed (demo, national generator)
// calls the same function, so that a generated case follows the rules a real one follows.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/deadline.h"
#include "domain/programme.h"

namespace parcours {

// What the engine reads of a case.
struct CaseFacts {
  std::string state;                  // "" for a case not created yet
  std::string modality;               // a modality id of the programme
  bool alsace_moselle = false;        // local public holidays count (DL-1)
  std::vector<Deadline> obligations;  // every obligation of the case, in its order
};

// One event fired on a case.
struct Firing {
  std::string event;
  std::vector<Role> roles;  // the actor's roles on the case: any of them may fire it
  std::string reason;       // an id of the transition's reason list, or free text
  std::string comment;
  Instant at{};   // when the fact happened
  Instant now{};  // when it is recorded
  // The decision of a held commission, recorded for it (PLIE-2, PLIE-7): the only way to
  // fire a transition "decided_by": "commission", and only such a transition.
  bool by_commission = false;
};

enum class ObligationChange { opened, met, paused, resumed, waived };

struct ObligationEffect {
  std::size_t index = 0;  // in CaseEffects::obligations
  ObligationChange change = ObligationChange::opened;
};

enum class SuspensionChange { none, opened, closed };

struct CaseEffects {
  const Transition* transition = nullptr;
  std::string from_state;
  std::string to_state;
  std::optional<std::string> end_reason;  // set when the event records an exit
  std::optional<Instant> ended_at;        // set when the event ends the case
  // The case's obligations after the event: the given ones in their order, then those the
  // event opened (from index `first_opened`).
  std::vector<Deadline> obligations;
  std::size_t first_opened = 0;
  std::vector<ObligationEffect> changes;  // in the order they happened
  SuspensionChange suspension = SuspensionChange::none;
  // The line of the case's timeline: the fact (« Proposition validée ») and its detail (the
  // reason's label, then the comment).
  std::string line_label;
  std::string line_detail;

  // True when obligations[index] was changed or opened by the event.
  bool touched(std::size_t index) const;
};

// The due instant of an obligation of `rule` started at `start` (DL-1). The default is the
// calendar arithmetic of domain/calendar.h; the national generator passes a cached one.
using DueInstant = std::function<Instant(const DeadlineRule& rule, Instant start, bool alsace)>;

// Fires `firing` on a case. Errors, nothing being changed: `invalid` for an event unknown to
// the programme or a missing or unknown reason, `forbidden` when none of the roles may fire
// it or when it is a commission's decision fired alone (or the reverse), `rule_violation` when
// the case's state does not allow it. What the event does:
// - the new state (an event marked "keeps_state" only records a line);
// - the exit reason and end of the case (end_reasons, or a terminal state);
// - the obligations it meets (at the fact's instant, never after it was recorded; of a
//   scheduled document, only the earliest still owed), then those it opens (for the case's
//   modality; a scheduled document opens one per month of its schedule), opened already met
//   when the same event meets them;
// - entering a state that pauses obligations pauses every open one and opens a suspension;
//   leaving it resumes them, pushed back by the pause, and closes the suspension (PPAIP-13);
// - a terminal state waives every open obligation not yet due (DL-3: passed ones stay
//   missed).
Result<CaseEffects> advance(const ProgrammeConfig& config, const CaseFacts& facts,
                            const Firing& firing, const DueInstant& due = {});

// The French label of `reason` in the programme's list `list` ("end_reasons",
// "absence_reasons"…), or the reason itself when it is not one of its ids (free text).
std::string reason_label(const ProgrammeConfig& config, const std::string& list,
                         const std::string& reason);

}  // namespace parcours
