// The simulation of one case (national_case.h), split over national_cases.cc (the engine and
// the stages up to the validated proposal, the end and the bilan) and national_sessions.cc
// (sessions, workshops, absences, suspensions, interruptions). Not a public interface.
#pragma once

#include <string>

#include "storage/national_case.h"
#include "storage/national_workshops.h"

namespace parcours::storage::national {

class CaseSim {
 public:
  CaseSim(Context& c, Rng& rng, const CaseInput& in, CaseRecord& out);
  void run();

  // --- The engine: what JourneyService's apply_event does, for the generator. `at` is the
  // declared instant of the fact, `recorded` when it was typed in (the clock's "now").
  void fire(const std::string& event, const UserRef& actor, Seconds at, Seconds recorded,
            const std::string& reason = "", const std::string& comment = "");
  // A line of the timeline without a state change.
  void note(const std::string& event, const std::string& label, const std::string& detail,
            const UserRef& actor, Seconds at);
  bool allowed(const std::string& event) const;
  bool terminal() const;

  // --- Stages (national_cases.cc).
  bool early_exit();
  bool first_interview();
  bool proposals();
  void send_calendar();
  // Ends the programme (`at` its declared instant) and delivers the final bilan.
  void finish(const std::string& reason, Seconds at, Seconds recorded);
  void deliver_bilan(Seconds ended);

  // --- Sessions and workshops (national_sessions.cc).
  void follow();
  // --- Incidents of a running programme (national_incidents.cc). suspend and interrupt
  // return false when the case stops following its sessions (still suspended or interrupted
  // today, or ended); they move `next_day` past the pause.
  void modify();
  bool suspend(Day& next_day);
  bool interrupt(Day& next_day);

  // --- Helpers.
  SessionRec session(Day day, int duration, const std::string& kind);
  std::string session_words(const SessionRec& s) const;
  Seconds start_of(const SessionRec& s) const;
  Seconds end_of(const SessionRec& s) const;
  Seconds recording_after(Seconds end);  // when a session's attendance is typed in
  Seconds working_time(Day day, int from_minute, int to_minute);
  int pick_start_minute(Day day);
  const StaffInfo& intervenant() const;

  Context& c_;
  Rng& rng_;
  const CaseInput& in_;
  CaseRecord& r_;
  const SpipInfo& spip_;
  const LotInfo& lot_;
  const ProviderInfo& provider_;
  std::size_t intervenant_ = kNone;  // index in World::staff
  Seconds validated_at_ = 0;
  int target_minutes_ = 0;
  bool calendar_sent_ = false;
  Seconds last_attended_end_ = 0;
};

}  // namespace parcours::storage::national
