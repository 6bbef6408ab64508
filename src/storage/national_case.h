// One generated PPAIP case (national dataset generator): the facts of a prescription from the
// prescription to today, simulated with the programme's own rules (state machine, deadline
// rules and absence policy of the configuration) and kept in memory until the case is written.
// Not a public interface.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/national_model.h"

namespace parcours::storage::national {

struct CaseInput {
  RowId person_id = 0;
  std::string last_name;
  std::size_t spip = kNone;
  std::size_t site = kNone;  // establishment (MF) or MO antenna
  bool closed_milieu = true;
  bool alsace_moselle = false;
  UserRef cpip;
  std::string modality;  // "individual", "collective", "both"
  Seconds prescribed_at = 0;
  RowId orientation_id = 0;
  bool training = false;  // a Region-funded training on Wednesday afternoons (PPAIP-3)
};

struct DeadlineRec {
  const DeadlineRule* rule = nullptr;
  RowId owner = 0;
  Seconds started = 0, due = 0;
  std::optional<Seconds> met, waived, paused;
  std::string waiver;
  bool open() const { return !met && !waived; }
};

struct SessionRec {
  RowId id = 0;
  std::string kind = "individual";
  Day day = 0;
  int start = 0, duration = 60;
  PlaceRef place;
  RowId intervenant = 0;
  std::string status = "planned";
  std::string absence_reason;
  bool justified = false;
  std::string note;
  RowId recorded_by = 0;
  std::optional<Seconds> recorded_at;
};

struct ProposalRec {
  int version = 1;
  std::string kind = "initial";
  std::vector<std::string> actions;
  std::string content, justification, calendar, workshops_detail;
  int centihours = 0;
  bool workshops = false;
  std::string status = "submitted";
  std::string comment;
  RowId submitted_by = 0;
  Seconds submitted_at = 0;
  RowId decided_by = 0;
  std::optional<Seconds> decided_at;
};

struct SuspensionRec {
  std::string reason, comment;
  Seconds from = 0;
  std::optional<Seconds> until;
};

struct EventRec {
  std::string event, label, detail;
  UserRef actor;
  Seconds at = 0;
};

struct BilanRec {
  Day delivered_on = 0;
  std::string mode;
  Seconds delivered_at = 0;
  UserRef author;
};

struct CaseRecord {
  RowId id = 0;
  std::string state;
  RowId intervenant = 0;
  bool reconvocation_pending = false;
  std::string end_reason;
  std::optional<Seconds> ended_at;
  std::vector<DeadlineRec> deadlines;
  std::vector<SessionRec> sessions;
  std::vector<ProposalRec> proposals;
  std::vector<SuspensionRec> suspensions;
  std::vector<EventRec> events;
  std::optional<BilanRec> bilan;
  // The last instant something happened: a later case of the person starts after it.
  Seconds last_activity = 0;
  bool terminal = false;
};

// Simulates the case of `in` up to c.now into `out` (national_cases.cc, national_sessions.cc).
void simulate_case(Context& c, Rng& rng, const CaseInput& in, CaseRecord& out);
// Writes the case's rows, its signed scans and its bilan (national_emit.cc).
void write_case(Context& c, Rng& rng, const CaseInput& in, const CaseRecord& r);

}  // namespace parcours::storage::national
