// A case from the prescription to the validated proposal, and its end with the final bilan
// (SPEC PPAIP-3..9, PPAIP-15, PPAIP-16, DL-1). Every event goes through the case engine
// (domain/case_engine.h), as JourneyService's do.
#include <algorithm>
#include <stdexcept>

#include "domain/calendar.h"
#include "domain/case_engine.h"
#include "domain/document.h"
#include "domain/journey.h"
#include "storage/national_case_sim.h"
#include "storage/national_names.h"

namespace parcours::storage::national {
namespace {

const std::vector<std::string>& impossibility_reasons() {
  static const std::vector<std::string> v = {
      "Troubles de santé à prendre en charge d’abord : orientation vers l’unité sanitaire.",
      "Maîtrise insuffisante du français : orientation vers un atelier de français langue "
      "étrangère avant tout programme.",
      "Transfert vers un autre établissement annoncé pour les prochains jours.",
  };
  return v;
}

Instant instant(Seconds s) {
  return Instant{std::chrono::seconds{s}};
}

Seconds seconds(Instant i) {
  return std::chrono::duration_cast<std::chrono::seconds>(i.time_since_epoch()).count();
}

std::optional<Instant> instant(const std::optional<Seconds>& s) {
  return s ? std::optional<Instant>(instant(*s)) : std::nullopt;
}

std::optional<Seconds> seconds(const std::optional<Instant>& i) {
  return i ? std::optional<Seconds>(seconds(*i)) : std::nullopt;
}

Deadline deadline_of(const DeadlineRec& r) {
  Deadline d;
  d.rule_id = r.rule->id;
  d.owner_role = r.rule->owner_role;
  d.conditional = r.rule->conditional;
  d.started_at = instant(r.started);
  d.due_at = instant(r.due);
  d.met_at = instant(r.met);
  d.waived_at = instant(r.waived);
  d.waiver_reason = r.waiver;
  d.paused_since = instant(r.paused);
  return d;
}

void copy_into(DeadlineRec& r, const Deadline& d) {
  r.started = seconds(d.started_at);
  r.due = seconds(d.due_at);
  r.met = seconds(d.met_at);
  r.waived = seconds(d.waived_at);
  r.waiver = d.waiver_reason;
  r.paused = seconds(d.paused_since);
}

}  // namespace

CaseSim::CaseSim(Context& c, Rng& rng, const CaseInput& in, CaseRecord& out)
    : c_(c),
      rng_(rng),
      in_(in),
      r_(out),
      spip_(c.world.spips[in.spip]),
      lot_(c.world.lots[c.world.spips[in.spip].lot]),
      provider_(c.world.providers[c.world.lots[c.world.spips[in.spip].lot].provider]) {}

bool CaseSim::allowed(const std::string& event) const {
  const Transition* t = c_.config.transition(event);
  return t && std::find(t->from.begin(), t->from.end(), r_.state) != t->from.end();
}

bool CaseSim::terminal() const {
  const ProgrammeState* s = c_.config.state(r_.state);
  return s && s->terminal;
}

void CaseSim::note(const std::string& event, const std::string& label, const std::string& detail,
                   const UserRef& actor, Seconds at) {
  r_.events.push_back(EventRec{event, label, detail, actor, at});
  r_.last_activity = std::max(r_.last_activity, at);
}

// The generator plays an actor entitled to the event (any of the transition's roles); the
// engine refusing an event the generator chose is a bug of the generator.
void CaseSim::fire(const std::string& event, const UserRef& actor, Seconds at, Seconds recorded,
                   const std::string& reason, const std::string& comment) {
  const Transition* t = c_.config.transition(event);
  if (!t) return;
  CaseFacts facts;
  facts.state = r_.state;
  facts.modality = in_.modality;
  facts.alsace_moselle = in_.alsace_moselle;
  facts.obligations.reserve(r_.deadlines.size());
  for (const auto& d : r_.deadlines) facts.obligations.push_back(deadline_of(d));
  const Firing firing{event, t->roles, reason, comment, instant(at), instant(recorded)};
  auto effects = advance(c_.config, facts, firing,
                         [this](const DeadlineRule& rule, Instant start, bool alsace) {
                           return instant(c_.dues.due(rule, seconds(start), alsace));
                         });
  if (!effects.ok())
    throw std::logic_error("national generator: « " + event + " » refused in state « " + r_.state +
                           " »: " + effects.error().message);
  for (std::size_t i = 0; i < effects->obligations.size(); ++i) {
    if (!effects->touched(i)) continue;
    const Deadline& d = effects->obligations[i];
    if (i >= effects->first_opened) {
      DeadlineRec rec;
      rec.rule = deadline(c_.config, d.rule_id);
      const bool spip_owned = d.owner_role == Role::cpip || d.owner_role == Role::spip_manager;
      rec.owner = spip_owned ? spip_.id : provider_.id;
      r_.deadlines.push_back(rec);
    }
    copy_into(r_.deadlines[i], d);
  }
  if (effects->suspension == SuspensionChange::opened)
    r_.suspensions.push_back(SuspensionRec{reason, comment, at, std::nullopt});
  for (auto& s : r_.suspensions)
    if (effects->suspension == SuspensionChange::closed && !s.until) s.until = recorded;
  if (effects->end_reason) r_.end_reason = *effects->end_reason;
  if (effects->ended_at) r_.ended_at = seconds(*effects->ended_at);
  r_.state = effects->to_state;
  const ProgrammeState* after = c_.config.state(r_.state);
  r_.terminal = after && after->terminal;
  note(event, effects->line_label, effects->line_detail, actor, recorded);
}

void CaseSim::run() {
  fire("prescribe", in_.cpip, in_.prescribed_at, in_.prescribed_at);
  if (early_exit() || !first_interview() || !proposals()) return;
  follow();
}

// A few prescriptions are withdrawn by the SPIP, or lapse after two missed convocations.
bool CaseSim::early_exit() {
  const double u = rng_.unit();
  const Day day = c_.time.day_of(in_.prescribed_at);
  if (u < 0.012) {
    const Seconds t = working_time(c_.time.working_days_after(day, rng_.between(2, 8)), 540, 1050);
    if (t >= c_.now) return false;
    fire("withdraw_prescription", in_.cpip, t, t, rng_.pick(withdrawal_reasons()));
    return true;
  }
  if (u < 0.022) {
    const Seconds t = working_time(c_.time.working_days_after(day, rng_.between(6, 14)), 540, 1050);
    if (t >= c_.now) return false;
    fire("abandon", provider_.coordinators.front(), t, t, "",
         "Absences non justifiées aux deux convocations au premier entretien.");
    return true;
  }
  return false;
}

// PPAIP-4: the first interview, most within the 5 days; PPAIP-5: a few impossibilities.
bool CaseSim::first_interview() {
  const Day day0 = c_.time.day_of(in_.prescribed_at);
  const Day due_day = r_.deadlines.empty() ? day0 + 5 : c_.time.day_of(r_.deadlines.front().due);
  Day day = 0;
  const auto delay = rng_.weighted({0.88, 0.09, 0.03});
  switch (delay) {
    case 0:
      day = c_.time.working_on_or_before(
          day0 + static_cast<Day>(rng_.between(1, std::max(1, due_day - day0))));
      if (day <= day0) day = c_.time.working_on_or_after(day0 + 1);
      break;
    case 1:
      day = c_.time.working_on_or_after(due_day + static_cast<Day>(rng_.between(1, 6)));
      break;
    default:
      day = c_.time.working_on_or_after(due_day + static_cast<Day>(rng_.between(7, 20)));
  }
  intervenant_ = rng_.pick(spip_.intervenants);
  const UserRef& who = intervenant().user;
  SessionRec s =
      session(day, 60 + 30 * static_cast<int>(rng_.weighted({0.3, 0.5, 0.2})), "first_interview");
  s.intervenant = who.id;
  const Seconds planned = std::min(in_.prescribed_at + 3600 * rng_.between(2, 30), c_.now - 3600);
  // Recorded the same day when held in time, so that the deadline is met (PPAIP-4).
  const Seconds recorded =
      delay == 0 ? end_of(s) + 60 * rng_.between(10, 90) : recording_after(end_of(s));
  if (start_of(s) >= c_.now || recorded >= c_.now) {
    // Convened: the first interview is planned (or held and still to be recorded).
    if (day > c_.today + 15) return false;
    r_.intervenant = who.id;
    note("intervenant_assigned", "Intervenant désigné", who.name, provider_.coordinators.front(),
         planned);
    s.recorded_by = who.id;
    s.recorded_at = planned;
    r_.sessions.push_back(s);
    return false;
  }
  s.status = "present";
  s.recorded_by = who.id;
  s.recorded_at = recorded;
  r_.sessions.push_back(s);
  c_.world.lots[spip_.lot].individual_minutes += s.duration;  // INV-1: an hour held and paid
  r_.intervenant = who.id;
  fire("record_first_interview", who, start_of(s), recorded, "", session_words(s));
  last_attended_end_ = end_of(s);
  if (rng_.chance(0.03)) {
    const Seconds t =
        end_of(s) + 3600 * (rng_.chance(0.9) ? rng_.between(2, 40) : rng_.between(50, 90));
    if (t >= c_.now) return false;
    fire("signal_impossibility", who, t, t, rng_.pick(impossibility_reasons()));
    return false;
  }
  return true;
}

namespace {

std::vector<std::string> pick_actions(Rng& rng, const ProgrammeConfig& config, bool workshops) {
  std::vector<std::string> out;
  for (const auto& a : config.actions) {
    if (a.id == "workshops") {
      if (workshops) out.push_back(a.id);
    } else if (rng.chance(0.55)) {
      out.push_back(a.id);
    }
  }
  if (out.empty()) out.push_back(config.actions.front().id);
  return out;
}

}  // namespace

// PPAIP-6, PPAIP-7: proposals until one is validated; a few are refused and resubmitted.
bool CaseSim::proposals() {
  const bool individual = in_.modality != "collective";
  int halves =
      individual ? (in_.modality == "both" ? rng_.between(6, 24) : rng_.between(14, 52)) : 0;
  Day day = c_.time.working_days_after(c_.time.day_of(r_.last_activity), rng_.between(1, 5));
  const UserRef& who = intervenant().user;
  for (int version = 1; version <= 4; ++version) {
    const Seconds submitted = working_time(day, 600, 1020);
    if (submitted >= c_.now) return false;
    ProposalRec p;
    p.version = version;
    p.actions = pick_actions(rng_, c_.config, in_.modality != "individual");
    p.content = rng_.pick(programme_contents());
    p.justification = individual ? rng_.pick(justifications()) : "";
    p.calendar = rng_.pick(calendars());
    p.centihours = halves * 50;
    p.workshops = in_.modality != "individual";
    if (p.workshops)
      p.workshops_detail = "Participation à un atelier collectif choisi avec le SPIP (WS-3).";
    p.submitted_by = who.id;
    p.submitted_at = submitted;
    fire(version == 1 ? "submit_proposal" : "resubmit_proposal", who, submitted, submitted, "",
         "Version " + std::to_string(version) + " — " + french_hours(halves / 2.0));
    const Day decision_day = c_.time.working_days_after(day, rng_.between(1, 6));
    const Seconds decided = working_time(decision_day, 540, 1080);
    if (decided >= c_.now) {
      r_.proposals.push_back(p);
      return false;
    }
    const bool refuse = rng_.chance(version == 1 ? 0.12 : 0.05);
    p.status = refuse ? "refused" : "validated";
    p.comment = rng_.pick(refuse ? refusal_comments() : validation_comments());
    p.decided_by = in_.cpip.id;
    p.decided_at = decided;
    r_.proposals.push_back(p);
    const std::string words =
        "Version " + std::to_string(version) + (p.comment.empty() ? "" : " — " + p.comment);
    if (!refuse) {
      fire("validate_proposal", in_.cpip, decided, decided, "", words);
      validated_at_ = decided;
      target_minutes_ = halves * 30;
      return true;
    }
    fire("refuse_proposal", in_.cpip, decided, decided, "", words);
    if (individual) halves = std::max(6, halves - static_cast<int>(rng_.between(0, 6)));
    day = c_.time.working_days_after(decision_day, rng_.between(1, 5));
  }
  return false;
}

// PPAIP-10: the personalised calendar goes to the CPIP once the first sessions are planned.
void CaseSim::send_calendar() {
  if (!rng_.chance(0.85)) return;
  const Day day = c_.time.working_days_after(c_.time.day_of(validated_at_), rng_.between(0, 2));
  const Seconds t = std::max(validated_at_ + 1800, working_time(day, 660, 960));
  if (t >= c_.now || !allowed("send_calendar")) return;
  fire("send_calendar", intervenant().user, t, t);
  calendar_sent_ = true;
}

// PPAIP-15: the end, declared at `at`; PPAIP-16: the final bilan, most within the delay.
void CaseSim::finish(const std::string& reason, Seconds at, Seconds recorded) {
  if (recorded >= c_.now || !allowed("end")) return;
  fire("end", intervenant().user, at, recorded, reason);
  deliver_bilan(at);
}

void CaseSim::deliver_bilan(Seconds ended) {
  const DeadlineRec* due = nullptr;
  for (const auto& d : r_.deadlines)
    if (d.open() && d.rule->met_by_event == "deliver_final_bilan") due = &d;
  const Day end_day = c_.time.day_of(ended);
  const int amount = due ? std::max(1, due->rule->amount) : 5;
  Day day = 0;
  switch (rng_.weighted({0.86, 0.10, 0.04})) {
    case 0:
      day = c_.time.working_days_after(end_day, rng_.between(1, amount));
      break;
    case 1:
      day = c_.time.working_days_after(end_day, amount + rng_.between(1, 6));
      break;
    default:
      return;  // not delivered: the deadline is missed
  }
  const Seconds recorded = std::max(r_.last_activity + 600, working_time(day, 840, 1080));
  if (recorded >= c_.now) return;
  const std::string mode = in_.closed_milieu ? (rng_.chance(0.85) ? "hand" : "post")
                                             : (rng_.chance(0.5)   ? "hand"
                                                : rng_.chance(0.6) ? "post"
                                                                   : "email");
  const Day given = c_.time.day_of(recorded);
  fire("deliver_final_bilan", intervenant().user, recorded, recorded, "",
       std::string(delivery_mode_label(mode)) + " le " + c_.time.french_long(given));
  r_.bilan = BilanRec{given, mode, recorded, intervenant().user};
}

// --- Helpers ---------------------------------------------------------------------------------

const StaffInfo& CaseSim::intervenant() const {
  return c_.world.staff[intervenant_];
}

Seconds CaseSim::working_time(Day day, int from_minute, int to_minute) {
  return c_.time.at(day, static_cast<int>(rng_.between(from_minute / 5, to_minute / 5)) * 5);
}

Seconds CaseSim::start_of(const SessionRec& s) const {
  return c_.time.at(s.day, s.start);
}

Seconds CaseSim::end_of(const SessionRec& s) const {
  return start_of(s) + static_cast<Seconds>(s.duration) * 60;
}

Seconds CaseSim::recording_after(Seconds end) {
  if (rng_.chance(0.85)) return end + 60 * rng_.between(15, 150);
  const Day next = c_.time.working_days_after(c_.time.day_of(end), 1);
  return working_time(next, 540, 720);
}

std::string CaseSim::session_words(const SessionRec& s) const {
  return c_.time.french_long(s.day) + " à " + french_time(s.start) + " (" +
         french_duration(s.duration) + ")";
}

int CaseSim::pick_start_minute(Day day) {
  static const int kMorning[] = {540, 570, 600, 630};
  static const int kAfternoon[] = {840, 870, 900, 930, 960};
  // PPAIP-3: no session during the training timetable (Wednesday afternoons).
  const bool afternoon = !(in_.training && ParisTime::weekday(day) == 3) && rng_.chance(0.45);
  return afternoon ? kAfternoon[rng_.index(5)] : kMorning[rng_.index(4)];
}

SessionRec CaseSim::session(Day day, int duration, const std::string& kind) {
  SessionRec s;
  s.id = c_.sink.next.session++;
  s.kind = kind;
  s.day = day;
  s.start = pick_start_minute(day);
  s.duration = duration;
  const SiteInfo& site = c_.world.sites[in_.site];
  if (in_.closed_milieu && !site.rooms.empty())
    s.place = site.rooms[site.rooms.size() > 1 && rng_.chance(0.3) ? 1 : 0];
  else
    s.place = spip_.premises;
  // Now and then a colleague stands in for the case's intervenant.
  s.intervenant = intervenant().user.id;
  if (spip_.intervenants.size() > 1 && rng_.chance(0.05))
    s.intervenant = c_.world.staff[rng_.pick(spip_.intervenants)].user.id;
  return s;
}

void simulate_case(Context& c, Rng& rng, const CaseInput& in, CaseRecord& out) {
  out.id = c.sink.next.prescription++;
  CaseSim sim(c, rng, in, out);
  sim.run();
}

}  // namespace parcours::storage::national
