#include "domain/case_engine.h"

#include <algorithm>

#include "domain/calendar.h"

namespace parcours {
namespace {

bool open(const Deadline& d) {
  return !d.met_at && !d.waived_at;
}

// The state after the event for the first of the roles allowed to fire it; otherwise the
// most telling refusal (a state or reason problem rather than a role one).
Result<std::string> next_for_roles(const ProgrammeConfig& config, const Transition& t,
                                   const std::string& from, const Firing& f) {
  std::optional<Result<std::string>> outcome;
  for (Role role : f.roles) {
    auto next = next_state(config, from, f.event, role, f.reason);
    if (next.ok() || !outcome || outcome->error().code == ErrorCode::forbidden) outcome = next;
    if (next.ok()) break;
  }
  if (!outcome) return forbidden("Vous ne pouvez pas « " + t.label + " » pour cette personne.");
  return *outcome;
}

bool applies_to(const DeadlineRule& rule, const std::string& modality) {
  return rule.applies_to.empty() || std::find(rule.applies_to.begin(), rule.applies_to.end(),
                                              modality) != rule.applies_to.end();
}

class Run {
 public:
  Run(const ProgrammeConfig& config, const Firing& f, const DueInstant& due, CaseEffects& out)
      : config_(config), f_(f), due_(due), out_(out) {}

  // DL-1: met when the fact happened, not when it was typed in. One document meets one
  // occurrence of a scheduled document: the earliest still owed.
  void meet_obligations() {
    std::vector<const DeadlineRule*> scheduled_met;
    for (std::size_t i = 0; i < out_.obligations.size(); ++i) {
      Deadline& d = out_.obligations[i];
      const DeadlineRule* rule = deadline(config_, d.rule_id);
      if (!rule || !open(d) || rule->met_by_event != f_.event) continue;
      const bool scheduled = rule->kind == ObligationKind::scheduled_document;
      if (scheduled &&
          std::find(scheduled_met.begin(), scheduled_met.end(), rule) != scheduled_met.end())
        continue;
      if (!meet(d, std::min(f_.at, f_.now)).ok()) continue;
      note(i, ObligationChange::met);
      if (scheduled) scheduled_met.push_back(rule);
    }
  }

  void open_obligations(const std::string& modality, bool alsace) {
    for (const DeadlineRule* rule : deadlines_started_by(config_, f_.event)) {
      if (!applies_to(*rule, modality)) continue;
      const bool already_open =
          std::any_of(out_.obligations.begin(), out_.obligations.end(),
                      [&](const Deadline& d) { return d.rule_id == rule->id && open(d); });
      if (already_open && rule->met_by_event != f_.event) continue;
      for (const Deadline& d : opened_by(*rule, alsace)) {
        out_.obligations.push_back(d);
        note(out_.obligations.size() - 1, ObligationChange::opened);
        // Started and met by the same event (PPAIP-14: an interruption declared at `at` is
        // signalled now): met now, on time or late.
        if (rule->met_by_event == f_.event && meet(out_.obligations.back(), f_.now).ok())
          note(out_.obligations.size() - 1, ObligationChange::met);
      }
    }
  }

  // PPAIP-13: suspended, not stopped.
  void pause_or_resume(const ProgrammeState* before, const ProgrammeState* after) {
    const bool paused_before = before && before->pauses_deadlines;
    const bool paused_after = after && after->pauses_deadlines;
    if (paused_after && !paused_before) {
      for (std::size_t i = 0; i < out_.obligations.size(); ++i) {
        Deadline& d = out_.obligations[i];
        if (open(d) && !d.paused_since && pause(d, f_.at).ok()) note(i, ObligationChange::paused);
      }
      out_.suspension = SuspensionChange::opened;
    } else if (paused_before && !paused_after) {
      for (std::size_t i = 0; i < out_.obligations.size(); ++i) {
        Deadline& d = out_.obligations[i];
        if (d.paused_since && resume(d, f_.now).ok()) note(i, ObligationChange::resumed);
      }
      out_.suspension = SuspensionChange::closed;
    }
  }

  // A closed case owes nothing more; obligations already passed stay missed (DL-3).
  void waive_on_close(const ProgrammeState* after) {
    if (!after || !after->terminal) return;
    for (std::size_t i = 0; i < out_.obligations.size(); ++i) {
      Deadline& d = out_.obligations[i];
      if (open(d) && d.due_at > f_.now &&
          waive(d, f_.now, "Prise en charge close : " + after->label).ok())
        note(i, ObligationChange::waived);
    }
  }

 private:
  void note(std::size_t index, ObligationChange change) { out_.changes.push_back({index, change}); }

  // A one-off deadline, or one obligation per month of a scheduled document's schedule.
  std::vector<Deadline> opened_by(const DeadlineRule& rule, bool alsace) const {
    Deadline d = open_deadline(rule, f_.at, alsace);
    if (rule.kind == ObligationKind::deadline) {
      if (due_) d.due_at = due_(rule, f_.at, alsace);
      return {d};
    }
    std::vector<Deadline> out;
    for (int months : rule.at_months) {
      d.due_at = deadline_after(f_.at, months, DurationUnit::months, alsace);
      out.push_back(d);
    }
    return out;
  }

  const ProgrammeConfig& config_;
  const Firing& f_;
  const DueInstant& due_;
  CaseEffects& out_;
};

}  // namespace

std::string reason_label(const ProgrammeConfig& config, const std::string& list,
                         const std::string& reason) {
  if (const auto* reasons = config.reason_list(list))
    for (const auto& x : *reasons)
      if (x.id == reason) return x.label;
  return reason;
}

bool CaseEffects::touched(std::size_t index) const {
  return std::any_of(changes.begin(), changes.end(),
                     [index](const ObligationEffect& e) { return e.index == index; });
}

Result<CaseEffects> advance(const ProgrammeConfig& config, const CaseFacts& facts,
                            const Firing& firing, const DueInstant& due) {
  const Transition* t = config.transition(firing.event);
  if (!t) return invalid("L’action « " + firing.event + " » n’existe pas dans ce programme.");
  if (t->by_commission && !firing.by_commission)
    return forbidden("« " + t->label +
                     " » se décide en commission : inscrivez le dossier à l’ordre du jour de la "
                     "prochaine commission.");
  if (firing.by_commission && !t->by_commission)
    return forbidden("« " + t->label + " » ne se décide pas en commission.");
  auto next = next_for_roles(config, *t, facts.state, firing);
  if (!next.ok()) return next.error();

  CaseEffects out;
  out.transition = t;
  out.from_state = facts.state;
  out.to_state = *next;
  const ProgrammeState* before = config.state(facts.state);
  const ProgrammeState* after = config.state(out.to_state);
  for (const auto& er : config.end_reasons)
    if (er.event == firing.event) out.end_reason = er.id;
  if (t->reason_list == "end_reasons") out.end_reason = firing.reason;
  if (t->reason_list == "end_reasons" || (after && after->terminal)) out.ended_at = firing.at;

  out.obligations = facts.obligations;
  out.first_opened = facts.obligations.size();
  Run run(config, firing, due, out);
  run.meet_obligations();
  run.open_obligations(facts.modality, facts.alsace_moselle);
  run.pause_or_resume(before, after);
  run.waive_on_close(after);

  out.line_label = t->done_label;
  if (!firing.reason.empty())
    out.line_detail = t->reason_list.empty() ? firing.reason
                                             : reason_label(config, t->reason_list, firing.reason);
  if (!firing.comment.empty())
    out.line_detail += (out.line_detail.empty() ? "" : " — ") + firing.comment;
  return out;
}

}  // namespace parcours
