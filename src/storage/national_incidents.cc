// Incidents of a running programme: a modification of the programme (PPAIP-9), a suspension
// with its reason and dates (PPAIP-13), an interruption signalled to the CPIP (PPAIP-14).
#include <algorithm>

#include "domain/journey.h"
#include "storage/national_case_sim.h"
#include "storage/national_names.h"

namespace parcours::storage::national {
namespace {

Day last_day(const CaseRecord& r, const ParisTime& time) {
  return time.day_of(r.last_activity);
}

}  // namespace

// PPAIP-9: more hours asked for; the CPIP decides as for the first proposal.
void CaseSim::modify() {
  if (r_.proposals.empty()) return;
  const ProposalRec& last = r_.proposals.back();
  const Day day = c_.time.working_days_after(last_day(r_, c_.time), rng_.between(1, 3));
  const Seconds submitted = std::max(r_.last_activity + 600, working_time(day, 600, 960));
  if (submitted >= c_.now) return;
  const int extra_halves =
      std::min(static_cast<int>(rng_.between(4, 12)), 60 - last.centihours / 50);
  if (extra_halves <= 0) return;
  ProposalRec p = last;
  p.version = last.version + 1;
  p.kind = "modification";
  p.centihours = last.centihours + extra_halves * 50;
  p.justification = "Projet qui se précise : quelques séances de plus pour les candidatures.";
  p.status = "submitted";
  p.comment.clear();
  p.submitted_at = submitted;
  p.decided_by = 0;
  p.decided_at.reset();
  const UserRef& who = intervenant().user;
  p.submitted_by = who.id;
  const std::string version = "Version " + std::to_string(p.version);
  fire("propose_modification", who, submitted, submitted, "",
       version + " — " + french_hours(p.centihours / 100.0));
  const Seconds decided =
      working_time(c_.time.working_days_after(day, rng_.between(1, 6)), 540, 1080);
  if (decided >= c_.now) {
    r_.proposals.push_back(p);
    return;
  }
  const bool validate = rng_.chance(0.85);
  p.status = validate ? "validated" : "refused";
  p.comment = validate ? "" : "Le volume initial reste suffisant.";
  p.decided_by = in_.cpip.id;
  p.decided_at = decided;
  r_.proposals.push_back(p);
  fire(validate ? "validate_modification" : "refuse_modification", in_.cpip, decided, decided, "",
       version + (p.comment.empty() ? "" : " — " + p.comment));
  if (validate) target_minutes_ += extra_halves * 30;
}

// PPAIP-13: suspended for one to eight weeks; still suspended today for some.
bool CaseSim::suspend(Day& next_day) {
  const Day day = c_.time.working_days_after(last_day(r_, c_.time), rng_.between(1, 4));
  const Seconds from = std::max(r_.last_activity + 600, working_time(day, 540, 1020));
  if (from >= c_.now || !allowed("suspend")) return true;
  const auto& reasons = c_.config.suspension_reasons;
  if (reasons.empty()) return true;
  const Reason& reason = reasons[rng_.chance(0.45) ? 0 : rng_.index(reasons.size())];
  const UserRef& who = rng_.chance(0.7) ? intervenant().user : in_.cpip;
  fire("suspend", who, from, from, reason.id);
  const Day back = c_.time.working_on_or_after(day + static_cast<Day>(rng_.between(7, 56)));
  const Seconds resumed = working_time(back, 540, 1020);
  if (resumed >= c_.now) return false;
  fire("resume", intervenant().user, resumed, resumed);
  next_day = c_.time.working_days_after(back, rng_.between(1, 5));
  return true;
}

// PPAIP-14: the interruption is declared for its day and signalled within 48 hours, mostly;
// then the programme ends, or resumes, or stays interrupted.
bool CaseSim::interrupt(Day& next_day) {
  const auto& reasons = c_.config.interruption_reasons;
  if (reasons.empty() || !allowed("signal_interruption")) return true;
  const Day day = c_.time.working_days_after(last_day(r_, c_.time), rng_.between(1, 6));
  const Seconds declared = c_.time.at(day, 0);  // a declared date: the start of that day
  const bool on_time = rng_.chance(0.85);
  const Day told_day = on_time ? c_.time.working_days_after(day - 1, 1)
                               : c_.time.working_days_after(day, rng_.between(3, 5));
  Seconds told = std::max(r_.last_activity + 600, working_time(told_day, 540, 1050));
  if (told >= c_.now) return true;
  fire("signal_interruption", intervenant().user, declared, told, rng_.pick(reasons).id);
  const double u = rng_.unit();
  if (u < 0.75) {
    const Seconds ended =
        working_time(c_.time.working_days_after(told_day, rng_.between(1, 10)), 540, 1050);
    if (ended >= c_.now) return false;
    finish("interruption", ended, ended);
    return false;
  }
  if (u < 0.95) {
    const Day back = c_.time.working_days_after(told_day, rng_.between(5, 20));
    const Seconds resumed = working_time(back, 540, 1020);
    if (resumed >= c_.now) return false;
    fire("resume", intervenant().user, resumed, resumed);
    next_day = c_.time.working_days_after(back, rng_.between(1, 5));
    return true;
  }
  return false;
}

}  // namespace parcours::storage::national
