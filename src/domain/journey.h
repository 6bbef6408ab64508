// One programme case of a person, from the prescription to its closure (SPEC PPAIP-2..17).
//
// The state machine, deadlines, bounds and absence policy come from the programme's
// configuration (domain/programme.h); these are the records the case is made of and the pure
// computations on them (hours done, overlap with a training timetable, proposal diffs).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/deadline.h"
#include "domain/programme.h"
#include "domain/types.h"
#include "domain/validation.h"

namespace parcours {

// PPAIP-2: a request for an orientation towards a programme; the SPIP decides.
struct Orientation {
  Id id = 0;
  Id person_id = 0;
  std::string programme_id = "ppaip";
  std::string source;         // orientation_sources id of the programme configuration
  std::string source_detail;  // "M. Roux, RLFP"
  std::string comment;
  Date requested_on{};
  std::string status = "pending";  // "pending", "prescribed", "declined"
  std::string decision_comment;
  Id prescription_id = 0;  // once prescribed
  Id recorded_by = 0;
  Instant recorded_at{};
};

// PPAIP-3: a weekly slot of the person's training timetable (Monday = 1 … Sunday = 7),
// minutes since midnight, Europe/Paris.
struct TimetableSlot {
  int weekday = 1;
  int start_minute = 0;
  int end_minute = 0;
};

// The case: a prescription and everything that follows it. `state` is a state id of the
// programme configuration.
struct Prescription {
  Id id = 0;
  Id person_id = 0;
  std::string programme_id = "ppaip";
  std::string programme_version;
  std::string state;
  std::string modality;  // modalities id: "individual", "collective", "both"
  Id spip_id = 0;
  Id lot_id = 0;
  Id provider_id = 0;
  Id cpip_id = 0;         // the prescriber, referent for this case
  Id intervenant_id = 0;  // assigned by the provider (0: not yet)
  Id orientation_id = 0;
  std::string objectives;   // what the CPIP expects
  std::string constraints;  // free text (PPAIP-3)
  std::vector<TimetableSlot> training_timetable;
  std::optional<Date> training_until;  // the timetable applies until then
  Instant prescribed_at{};             // sent to (and received by) the provider
  bool reconvocation_pending = false;  // PPAIP-12: next appointment is a reconvocation
  std::string end_reason;
  std::optional<Instant> ended_at;
};

// PPAIP-6: a programme proposal; every version is kept (PPAIP-7, PPAIP-9).
struct Proposal {
  Id id = 0;
  Id prescription_id = 0;
  int version = 1;
  std::string kind = "initial";      // "initial" or "modification" (PPAIP-9)
  std::vector<std::string> actions;  // action ids of the programme configuration
  std::string content;               // the programme in the provider's words
  std::string justification;         // why this number of hours
  double individual_hours = 0;
  bool workshops = false;
  std::string workshops_detail;
  std::string calendar;  // planned calendar in words ("mardis 9 h – 11 h, du … au …")
  std::string status = "submitted";  // "submitted", "validated", "refused"
  std::string decision_comment;
  Id submitted_by = 0;
  Instant submitted_at{};
  Id decided_by = 0;
  std::optional<Instant> decided_at;
};

// One line of a comparison between two versions of a proposal.
struct ProposalChange {
  std::string field;  // "individual_hours"
  std::string label;  // "Heures individuelles"
  std::string before;
  std::string after;
};
// What changed from `before` to `after`, field by field (labels from the configuration).
std::vector<ProposalChange> compare_proposals(const ProgrammeConfig& config, const Proposal& before,
                                              const Proposal& after);

// Individual sessions (interviews). A workshop session (issue 4) is another record.
struct Session {
  Id id = 0;
  Id prescription_id = 0;
  std::string kind = "individual";  // "first_interview", "individual", "reconvocation"
  Date date{};
  int start_minute = 0;  // Europe/Paris local time
  int duration_minutes = 60;
  Id place_id = 0;
  std::string place_label;
  Id intervenant_id = 0;
  // "planned", "present", "absent", "cancelled"
  std::string status = "planned";
  std::string absence_reason;  // absence_reasons id
  bool absence_justified = false;
  std::string note;
  Id recorded_by = 0;
  std::optional<Instant> recorded_at;
};

// PPAIP-13: a suspension with its reason and dates; `until` is empty while it lasts.
struct Suspension {
  Id id = 0;
  Id prescription_id = 0;
  std::string reason;  // suspension_reasons id
  std::string comment;
  Instant from{};
  std::optional<Instant> until;
};

// A deadline of a case (DL-1) as stored: the domain deadline with its case and owner.
struct CaseDeadline {
  Id id = 0;
  Id prescription_id = 0;
  Id owner_org_id = 0;  // provider or SPIP that must meet it
  Deadline deadline;
};

// One line of the case's history (BEN-3 timeline).
struct CaseEvent {
  Id id = 0;
  Id prescription_id = 0;
  Id person_id = 0;
  std::string event;   // transition event id, or "session_recorded", "calendar_sent"…
  std::string label;   // French, as shown in the timeline
  std::string detail;  // French, short
  Id actor_id = 0;
  std::string actor_label;
  Instant at{};
};

// PPAIP-17: a permanence held by the provider on a site to meet prescribers.
struct Permanence {
  Id id = 0;
  Id provider_id = 0;
  Id site_id = 0;  // establishment or SPIP antenna
  Date date{};
  int start_minute = 0;
  int duration_minutes = 120;
  std::string note;
  Id recorded_by = 0;
};

// Session instants (Europe/Paris wall clock → UTC).
Instant session_start(const Session& s);
Instant session_end(const Session& s);
// "14 h 30"
std::string french_time(int minute_of_day);
// "1 h 30", "2 h", "45 min"
std::string french_duration(int minutes);
// "12,5 h"
std::string french_hours(double hours);
// Paris wall clock "HH:MM" → minutes since midnight; nullopt when malformed.
std::optional<int> parse_clock_time(const std::string& text);

// PPAIP-3: true when the session overlaps the training timetable (on or before training_until).
bool overlaps_training(const Prescription& p, const Session& s);
// Defaults of the session forms that do not produce errors (a Paris date and a start minute).
struct SessionSlot {
  Date date{};
  int start_minute = 0;
};
// PPAIP-4: a first interview already held, after the prescription: the quarter hour an hour
// before `now`, never before the prescription (nor after `now`).
SessionSlot first_interview_default(Instant prescribed_at, Instant now);
// PPAIP-3: the first weekday slot from `from` (9 h to 16 h, every half hour) that stays out of
// the person's training timetable; `from` at 9 h when none is free within two weeks.
SessionSlot free_slot(const Prescription& p, Date from, int duration_minutes);

// PPAIP-11: hours actually done (sessions with the person present).
double hours_done(const std::vector<Session>& sessions);
// The hours of the last validated proposal; 0 before any validation.
double hours_validated(const std::vector<Proposal>& proposals);
// Planned (not cancelled, not yet held) sessions in the future of `now`, by date.
std::vector<Session> planned_sessions(const std::vector<Session>& sessions, Instant now);

// Date, start and duration of a session or a workshop session: a date, a start within the day,
// 15 min – 8 h, ending the same day (fields "date", "start", "duration").
void check_session_slot(Validator& v, Date date, int start_minute, int duration_minutes);
// Field checks of a session (date, time, duration 15 min – 8 h, intervenant).
Status validate_session(const Session& s);
// Field checks of a proposal against the configuration (hours bounds for the modalities
// with individual hours, known actions, content required).
Status validate_proposal(const ProgrammeConfig& config, const std::string& modality,
                         const Proposal& p);
// Weekday names: "lundi"…
const char* french_weekday(int weekday);
// "lundi 9 h – 12 h, mercredi 14 h – 17 h"
std::string describe_timetable(const std::vector<TimetableSlot>& slots);
// "lundi 09:00-12:00; mercredi 14:00-17:00" or "lun 9h-12h" is not accepted: one slot per
// line or separated by ";", "<jour> HH:MM-HH:MM". French error naming the bad slot.
Result<std::vector<TimetableSlot>> parse_timetable(const std::string& text);
std::string timetable_text(const std::vector<TimetableSlot>& slots);  // parse_timetable form

}  // namespace parcours
