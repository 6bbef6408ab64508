// A validated programme: individual sessions about once a week and, for the collective
// modalities, a workshop; attendance with justified and unjustified absences, reconvocation and
// abandonment (PPAIP-11, PPAIP-12), cancellations and calendar changes (PPAIP-10), programme
// modifications (PPAIP-9), suspensions (PPAIP-13), interruptions (PPAIP-14) and the end
// (PPAIP-15). Sessions from today on are planned; a few past ones still await their attendance.
#include <algorithm>

#include "domain/journey.h"
#include "storage/national_case_sim.h"
#include "storage/national_names.h"

namespace parcours::storage::national {
namespace {

constexpr double kUnjustified = 0.045;                   // an unjustified absence
constexpr double kUnjustifiedAfterReconvocation = 0.15;  // …at the reconvocation: abandonment
constexpr double kJustified = 0.09;

struct Reasons {
  std::vector<const Reason*> justified, unjustified;
};

Reasons absence_reasons(const ProgrammeConfig& config) {
  Reasons out;
  for (const auto& r : config.absence_reasons)
    (r.justified ? out.justified : out.unjustified).push_back(&r);
  return out;
}

// The state of the timeline of a validated programme.
struct Follow {
  bool individual = false;
  WorkshopSlot* workshop = nullptr;
  RowId participant = 0;
  std::size_t next_workshop = 0;
  bool withdrawn = false;
  Day next_day = 0;
  int done = 0;  // individual minutes attended
  int held = 0;  // sessions with a recorded attendance
  Seconds planned_at = 0;
  int suspend_after = -1, interrupt_after = -1, quit_after = -1, modify_after = -1;
  bool complete_early = false;
};

}  // namespace

namespace {

// What the person did at one session. Returns false when the case was abandoned (PPAIP-12).
struct Attendance {
  std::string status = "present";
  const Reason* reason = nullptr;
};

// The first session of a programme is rarely missed (it was just agreed with the person).
Attendance draw_attendance(Rng& rng, const Reasons& reasons, bool reconvocation, bool first) {
  if (first && rng.chance(0.9)) return Attendance{};
  const double u = rng.unit();
  const double unjustified = reconvocation ? kUnjustifiedAfterReconvocation : kUnjustified;
  Attendance a;
  if (u < unjustified && !reasons.unjustified.empty()) {
    a.status = "absent";
    a.reason = reasons.unjustified[rng.index(reasons.unjustified.size())];
  } else if (u < unjustified + kJustified && !reasons.justified.empty()) {
    a.status = "absent";
    a.reason = reasons.justified[rng.index(reasons.justified.size())];
  }
  return a;
}

}  // namespace

void CaseSim::follow() {
  const Reasons reasons = absence_reasons(c_.config);
  LotInfo& lot = c_.world.lots[spip_.lot];
  WorkshopPlanner& planner = *c_.workshops;
  const Day validated_day = c_.time.day_of(validated_at_);
  Follow f;
  f.individual = in_.modality != "collective";
  f.planned_at = validated_at_ + 1800 * rng_.between(1, 8);
  if (f.individual) {
    const int delay = static_cast<int>(rng_.weighted({0.9, 0.07, 0.03}));
    const Day k = delay == 0   ? rng_.between(1, 5)
                  : delay == 1 ? rng_.between(6, 11)
                               : rng_.between(12, 25);
    f.next_day = c_.time.working_on_or_before(validated_day + k);
    if (f.next_day <= validated_day) f.next_day = c_.time.working_on_or_after(validated_day + 1);
  }
  if (in_.modality != "individual") {
    f.workshop = &planner.assign(spip_.lot, in_.spip, in_.site, validated_day + 3, in_.cpip);
    const Seconds first =
        c_.time.at(f.workshop->sessions.front().day, f.workshop->sessions.front().start);
    Seconds added = std::max(validated_at_ + 7200, f.workshop->created_at + 3600);
    added = std::min({added, first - 3 * 3600, c_.now - 600});
    f.participant =
        planner.add_participant(*f.workshop, r_.id, in_.person_id, intervenant().user.id, added);
    note("workshop_registered", "Inscription à un atelier", planner.words(*f.workshop),
         intervenant().user, added);
  }
  if (in_.modality == "collective") {
    // The provider starts a workshop-only programme by hand, with the person's first contact
    // after the validation, before the group meets (PPAIP-8).
    const bool late = rng_.chance(0.1);
    const Day d =
        c_.time.working_days_after(validated_day, late ? rng_.between(6, 10) : rng_.between(1, 3));
    const Seconds t = std::max(r_.last_activity + 600, working_time(d, 570, 960));
    if (t < c_.now && allowed("start")) fire("start", intervenant().user, t, t);
  }
  send_calendar();
  f.suspend_after = f.workshop == nullptr && rng_.chance(0.08) ? rng_.between(2, 8) : -1;
  f.interrupt_after = rng_.chance(0.05) ? rng_.between(1, 8) : -1;
  f.quit_after = rng_.chance(0.04) ? rng_.between(2, 8) : -1;
  f.modify_after = f.individual && rng_.chance(0.05) ? rng_.between(2, 6) : -1;
  f.complete_early = rng_.chance(0.25);

  auto withdraw = [&]() {
    if (f.workshop && !f.withdrawn && f.next_workshop < f.workshop->sessions.size()) {
      planner.withdraw(f.participant);
      f.withdrawn = true;
      note("workshop_withdrawn", "Retrait d’un atelier", planner.words(*f.workshop),
           intervenant().user, std::min(r_.last_activity + 3600, c_.now - 600));
    }
  };
  // PPAIP-12: an unjustified absence brings a reconvocation; another one ends the programme.
  auto absent = [&](const Attendance& a, Seconds start, Seconds recorded, const std::string& what,
                    bool workshop) -> bool {
    const bool justified = a.reason->justified;
    note(workshop ? "workshop_absent" : "session_absent",
         workshop
             ? (justified ? "Absence justifiée à un atelier" : "Absence non justifiée à un atelier")
             : (justified ? "Absence justifiée" : "Absence non justifiée"),
         what + " — " + a.reason->label, intervenant().user, recorded);
    if (justified) return true;
    const AbsenceOutcome policy = on_unjustified_absence(c_.config, r_.reconvocation_pending);
    if (policy.action == AbsenceAction::end && !policy.event.empty()) {
      fire(policy.event, intervenant().user, start, recorded, "", policy.message);
      withdraw();
      return false;
    }
    r_.reconvocation_pending = true;
    return true;
  };
  auto present = [&](Seconds start, Seconds recorded, const std::string& what, bool workshop) {
    r_.reconvocation_pending = false;
    if (r_.state == "validated" && allowed("start")) {
      // Individual sessions start the programme by themselves; a workshop is started by hand.
      if (workshop)
        fire("start", intervenant().user, recorded, recorded);
      else
        fire("start", intervenant().user, start, recorded, "", what);
    }
  };

  bool ongoing = false;
  while (!terminal()) {
    const bool more_individual =
        f.individual && f.done < (f.complete_early ? target_minutes_ * 4 / 5 : target_minutes_);
    const bool more_workshop =
        f.workshop && !f.withdrawn && f.next_workshop < f.workshop->sessions.size();
    if (!more_individual && !more_workshop) break;
    bool take_workshop = more_workshop && (!more_individual ||
                                           f.workshop->sessions[f.next_workshop].day <= f.next_day);
    if (take_workshop && f.workshop->sessions[f.next_workshop].day >= c_.today) {
      if (!more_individual) {
        ongoing = true;  // the group meets again later
        break;
      }
      take_workshop = false;  // plan the next individual sessions
    }
    if (take_workshop) {
      const WorkshopSessionSlot& s = f.workshop->sessions[f.next_workshop];
      ++f.next_workshop;
      const Seconds start = c_.time.at(s.day, s.start);
      const std::string what = planner.words(*f.workshop) + ", séance n° " +
                               std::to_string(s.number) + " du " + c_.time.french_long(s.day) +
                               " à " + french_time(s.start);
      const Attendance a = draw_attendance(rng_, reasons, r_.reconvocation_pending, false);
      planner.attend(s, f.participant, a.status == "present", a.reason ? a.reason->id : "",
                     a.reason && a.reason->justified, f.workshop->intervenant.id);
      ++f.held;
      r_.last_activity = std::max(r_.last_activity, s.recorded_at);
      if (a.status == "present") {
        note("workshop_present", "Séance d’atelier réalisée", what, intervenant().user,
             s.recorded_at);
        present(start, s.recorded_at, what, true);
        last_attended_end_ = start + 60 * s.duration;
      } else if (!absent(a, start, s.recorded_at, what, true)) {
        return;
      }
    } else {
      // The last session takes what is left of the validated hours (by half hours).
      int minutes = 60 + 30 * static_cast<int>(rng_.weighted({0.35, 0.4, 0.25}));
      if (f.individual && target_minutes_ - f.done < minutes)
        minutes = std::max(30, (target_minutes_ - f.done + 29) / 30 * 30);
      SessionRec s =
          session(f.next_day, minutes, r_.reconvocation_pending ? "reconvocation" : "individual");
      s.recorded_by = s.intervenant;
      s.recorded_at = std::max(f.planned_at, validated_at_ + 600);
      if (start_of(s) >= c_.now) {
        // The next sessions are planned (PPAIP-10); one or two ahead.
        r_.sessions.push_back(s);
        if (rng_.chance(0.6)) {
          SessionRec t =
              session(c_.time.working_days_after(s.day, rng_.between(4, 7)), minutes, "individual");
          t.recorded_by = t.intervenant;
          t.recorded_at = s.recorded_at;
          r_.sessions.push_back(t);
        }
        ongoing = true;
        break;
      }
      f.next_day = c_.time.working_days_after(s.day, rng_.between(3, 7));
      if (rng_.chance(0.025)) {
        // Cancelled beforehand; with the calendar sent, the change is communicated (PPAIP-10).
        s.status = "cancelled";
        s.note = rng_.pick(cancellation_notes());
        const Seconds at =
            std::max(*s.recorded_at + 600,
                     working_time(c_.time.working_days_after(s.day - 4, 1), 540, 1020));
        const Seconds when = std::min(at, start_of(s) - 3600);
        r_.sessions.push_back(s);
        note("session_cancelled", "Séance annulée", session_words(s) + " — " + s.note,
             intervenant().user, when);
        if (calendar_sent_ && allowed("change_calendar")) {
          fire("change_calendar", intervenant().user, when, when, "",
               "Séance annulée : " + session_words(s));
          const int k = static_cast<int>(rng_.weighted({0.85, 0.10, 0.05}));
          const Seconds told = when + 3600 * (k == 0 ? rng_.between(1, 40) : rng_.between(50, 110));
          if (k < 2 && told < c_.now)
            fire("communicate_calendar_change", intervenant().user, told, told);
        }
        continue;
      }
      const bool first = r_.state == "validated";
      const Seconds recorded =
          first ? end_of(s) + 60 * rng_.between(10, 90) : recording_after(end_of(s));
      if (recorded >= c_.now || (s.day >= c_.today - 12 && rng_.chance(0.07))) {
        r_.sessions.push_back(s);  // held, attendance not recorded yet
        continue;
      }
      const Attendance a = draw_attendance(rng_, reasons, s.kind == "reconvocation", first);
      s.status = a.status;
      s.recorded_at = recorded;
      f.planned_at = recorded;
      r_.last_activity = std::max(r_.last_activity, recorded);
      ++f.held;
      if (a.status == "present") {
        r_.sessions.push_back(s);
        f.done += s.duration;
        lot.individual_minutes += s.duration;
        last_attended_end_ = end_of(s);
        present(start_of(s), recorded, session_words(s), false);
      } else {
        s.absence_reason = a.reason->id;
        s.justified = a.reason->justified;
        r_.sessions.push_back(s);
        if (!absent(a, start_of(s), recorded, session_words(s), false)) return;
      }
    }
    if (r_.state != "in_progress") continue;
    if (f.held == f.modify_after) modify();
    if (f.held == f.suspend_after && !suspend(f.next_day)) return;
    if (f.held == f.interrupt_after) {
      if (!interrupt(f.next_day)) {
        withdraw();
        return;
      }
    }
    if (f.held == f.quit_after) {
      withdraw();
      finish("person_initiative", last_attended_end_,
             std::max(r_.last_activity + 600,
                      working_time(c_.time.working_days_after(c_.time.day_of(last_attended_end_),
                                                              rng_.between(1, 3)),
                                   540, 1050)));
      return;
    }
  }
  if (ongoing || r_.state != "in_progress" || last_attended_end_ == 0) return;
  // Sessions held after the last attended one and never recorded are dropped: the provider
  // closes the programme on its last interview (PPAIP-15).
  r_.sessions.erase(std::remove_if(r_.sessions.begin(), r_.sessions.end(),
                                   [&](const SessionRec& x) {
                                     return x.status == "planned" &&
                                            start_of(x) >= last_attended_end_;
                                   }),
                    r_.sessions.end());
  if (f.individual && f.done < target_minutes_ * 4 / 5) return;  // still going
  if (f.workshop && !f.withdrawn && f.next_workshop < f.workshop->sessions.size()) return;
  const Day last = c_.time.day_of(last_attended_end_);
  const Seconds recorded =
      std::max(r_.last_activity + 600,
               working_time(c_.time.working_days_after(last, rng_.between(0, 2)), 990, 1110));
  finish(f.complete_early ? "completed" : "validated_hours_reached", last_attended_end_, recorded);
}

}  // namespace parcours::storage::national
