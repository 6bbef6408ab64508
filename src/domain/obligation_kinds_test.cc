// The four kinds of obligation (SPEC PROG-1) on a programme that only a test file defines
// (tests/programmes/accompagnement-test.json): a deadline in months, a scheduled document,
// a recurring frequency and a commission's decision.
#include <gtest/gtest.h>

#include "domain/case_engine.h"
#include "domain/recurring.h"
#include "domain/testing/shipped_ppaip.h"

namespace parcours {
namespace {

using namespace std::chrono_literals;

const ProgrammeConfig& test_programme() {
  static const ProgrammeConfig config =
      testing::programme_file("tests/programmes/accompagnement-test.json");
  return config;
}

// Paris wall clock, winter (UTC + 1) or summer (UTC + 2) as France keeps it.
Instant paris(int y, unsigned m, unsigned d, int hour) {
  return paris_wall_clock(date::year{y} / m / d, hour * 60);
}

Firing firing(const std::string& event, Role role, Instant at) {
  Firing f;
  f.event = event;
  f.roles = {role};
  f.at = at;
  f.now = at;
  return f;
}

Firing decision(const std::string& event, Instant at, const std::string& reason = "") {
  Firing f = firing(event, Role::plie_manager, at);
  f.by_commission = true;
  f.reason = reason;
  return f;
}

CaseEffects play(CaseFacts& facts, const Firing& f) {
  auto e = advance(test_programme(), facts, f);
  EXPECT_TRUE(e.ok()) << f.event << ": " << (e.ok() ? "" : e.error().message);
  if (!e.ok()) return {};
  facts.state = e->to_state;
  facts.obligations = e->obligations;
  return *e;
}

// A candidate received on Monday 5 January 2026, diagnosed, entered on 15 January.
CaseFacts entered_case() {
  CaseFacts facts;
  facts.modality = "standard";
  play(facts, firing("receive_candidature", Role::plie_manager, paris(2026, 1, 5, 10)));
  play(facts, firing("hold_diagnosis", Role::intervenant_cip, paris(2026, 1, 9, 14)));
  play(facts, decision("validate_entry", paris(2026, 1, 15, 9)));
  return facts;
}

TEST(ObligationKinds, PROG_1_TheTestProgrammeLoadsWithEveryKind) {
  const auto& c = test_programme();
  ASSERT_EQ(c.id, "accompagnement_test");
  ASSERT_EQ(c.recurring.size(), 2u);
  EXPECT_EQ(c.recurring[0].count, 2);
  const DeadlineRule* bilan = deadline(c, "stage_bilan");
  ASSERT_TRUE(bilan);
  EXPECT_EQ(bilan->kind, ObligationKind::scheduled_document);
  EXPECT_EQ(bilan->at_months, (std::vector<int>{5, 11, 17}));
  EXPECT_TRUE(c.transition("validate_entry")->by_commission);
  EXPECT_FALSE(c.transition("hold_diagnosis")->by_commission);
}

TEST(ObligationKinds, PROG_1_ABadScheduleOrKindIsNamedInFrench) {
  auto bad = parse_programme_config(R"({"id": "x", "version": "1", "label": "X",
    "initial_state": "a", "states": [{"id": "a", "label": "A"}],
    "transitions": [{"event": "open", "label": "Ouvrir", "done_label": "Ouvert", "from": [],
                     "to": "a", "roles": ["plie_manager"], "decided_by": "jury"}],
    "deadlines": [{"id": "b", "label": "B", "kind": "scheduled_document", "at_months": [5, 3],
                   "start_event": "open", "met_by_event": "open", "owner_role": "plie_manager"},
                  {"id": "c", "label": "C", "kind": "sometimes", "amount": 1, "unit": "months",
                   "start_event": "open", "met_by_event": "open", "owner_role": "plie_manager"}],
    "recurring": [{"id": "r", "label": "R", "count": 40, "states": ["nowhere"]}],
    "end_reasons": [{"id": "e", "label": "E"}]})",
                                    "essai.json");
  ASSERT_FALSE(bad.ok());
  const std::string& m = bad.error().message;
  EXPECT_NE(m.find("transitions[0].decided_by"), std::string::npos) << m;
  EXPECT_NE(m.find("deadlines[0].at_months[1]"), std::string::npos) << m;
  EXPECT_NE(m.find("deadlines[1].kind"), std::string::npos) << m;
  EXPECT_NE(m.find("recurring[0].count"), std::string::npos) << m;
  EXPECT_NE(m.find("recurring[0].states[0]"), std::string::npos) << m;
}

TEST(ObligationKinds, PLIE_2_OnlyACommissionDecidesAnEntry) {
  CaseFacts facts;
  facts.modality = "standard";
  play(facts, firing("receive_candidature", Role::plie_manager, paris(2026, 1, 5, 10)));
  play(facts, firing("hold_diagnosis", Role::intervenant_cip, paris(2026, 1, 9, 14)));
  auto alone = advance(test_programme(), facts,
                       firing("validate_entry", Role::plie_manager, paris(2026, 1, 15, 9)));
  ASSERT_FALSE(alone.ok());
  EXPECT_EQ(alone.error().code, ErrorCode::forbidden);
  EXPECT_NE(alone.error().message.find("commission"), std::string::npos);
  // A commission does not record a diagnosis either.
  Firing wrong = decision("deliver_bilan", paris(2026, 1, 15, 9));
  EXPECT_FALSE(advance(test_programme(), facts, wrong).ok());
  auto refused = advance(test_programme(), facts,
                         decision("refuse_entry", paris(2026, 1, 15, 9), "reoriented"));
  ASSERT_TRUE(refused.ok()) << refused.error().message;
  EXPECT_EQ(refused->to_state, "not_entered");
  EXPECT_EQ(refused->end_reason, "reoriented");
  EXPECT_EQ(refused->line_detail, "Réorientation vers un autre dispositif");
}

TEST(ObligationKinds, PLIE_9_AScheduledDocumentIsOwedAtEachMonthAndMetInTurn) {
  CaseFacts facts = entered_case();
  std::vector<const Deadline*> bilans;
  for (const auto& d : facts.obligations)
    if (d.rule_id == "stage_bilan") bilans.push_back(&d);
  ASSERT_EQ(bilans.size(), 3u);
  // 5, 11 and 17 months after the entry of 15 January 2026, until the end of that day.
  EXPECT_EQ(bilans[0]->due_at, end_of_paris_day(date::year{2026} / 6 / 15));
  EXPECT_EQ(bilans[1]->due_at, end_of_paris_day(date::year{2026} / 12 / 15));
  EXPECT_EQ(bilans[2]->due_at, end_of_paris_day(date::year{2027} / 6 / 15));
  // One bilan meets the earliest still owed, and only it.
  auto first = play(facts, firing("deliver_bilan", Role::intervenant_cip, paris(2026, 6, 10, 11)));
  ASSERT_EQ(first.changes.size(), 1u);
  EXPECT_EQ(first.changes[0].change, ObligationChange::met);
  auto second =
      play(facts, firing("deliver_bilan", Role::intervenant_cip, paris(2026, 12, 20, 11)));
  ASSERT_EQ(second.changes.size(), 1u);
  const Deadline& met_late = facts.obligations[second.changes[0].index];
  EXPECT_EQ(met_late.due_at, end_of_paris_day(date::year{2026} / 12 / 15));
  EXPECT_EQ(state_at(met_late, paris(2026, 12, 20, 12)), DeadlineState::met_late);
}

TEST(ObligationKinds, DL_1_ADeadlineInMonthsEndsTheSameDayMonthsLater) {
  CaseFacts facts = entered_case();
  auto e = play(facts, firing("start_job", Role::intervenant_cip, paris(2026, 3, 31, 9)));
  ASSERT_EQ(e.changes.size(), 1u);
  const Deadline& follow_up = facts.obligations[e.changes[0].index];
  EXPECT_EQ(follow_up.rule_id, "in_work_follow_up");
  // Six months after 31 March: 30 September (the month has no 31st).
  EXPECT_EQ(follow_up.due_at, end_of_paris_day(date::year{2026} / 9 / 30));
}

TEST(ObligationKinds, PLIE_4_TwoPhysicalInterviewsAMonthProratedAtEntry) {
  const RecurringRule& rule = test_programme().recurring[0];
  // Entered on Thursday 15 January 2026 at 9 h: 17 days of January owed (of 31).
  const std::vector<std::pair<Instant, std::string>> history = {
      {paris(2026, 1, 5, 10), "candidature"}, {paris(2026, 1, 9, 14), "entry_proposed"},
      {paris(2026, 1, 15, 9), "accompanied"}, {paris(2026, 3, 1, 0), "paused"},
      {paris(2026, 3, 16, 0), "accompanied"},
  };
  auto owed = owed_periods(rule, history);
  ASSERT_EQ(owed.size(), 2u);
  EXPECT_EQ(owed[0].until, paris(2026, 3, 1, 0));
  const std::vector<ContactFact> contacts = {
      {paris(2026, 1, 8, 10), "physical", "cip"},   // before the entry: not counted
      {paris(2026, 1, 20, 10), "physical", "cip"},  // January: 1 of 2 × 17/31 → 2
      {paris(2026, 2, 3, 10), "physical", "cip"},   // February: 2 of 2
      {paris(2026, 2, 17, 10), "phone", "cip"},     // a call is not a physical interview
      {paris(2026, 2, 24, 10), "physical", "cip"},
      {paris(2026, 3, 5, 10), "physical", "cip"},            // during the suspension: not counted
      {paris(2026, 3, 20, 10), "physical", "psychologist"},  // another intervenant kind
      {paris(2026, 4, 2, 10), "physical", "cip"},            // April, not over yet
  };
  auto months = recurring_compliance(rule, owed, contacts, paris(2026, 4, 10, 12));
  ASSERT_EQ(months.size(), 4u);
  EXPECT_EQ(months[0].month, 1u);
  EXPECT_EQ(months[0].required, 2);  // ceil(2 × 17 days less 9 hours / 31 days)
  EXPECT_EQ(months[0].done, 1);
  EXPECT_EQ(months[0].verdict, MonthVerdict::missed);
  EXPECT_EQ(months[1].required, 2);
  EXPECT_EQ(months[1].done, 2);
  EXPECT_EQ(months[1].verdict, MonthVerdict::met);
  EXPECT_EQ(months[2].month, 3u);  // owed from the 16th only: 16 of 31 days → 2 (rounded up)
  EXPECT_EQ(months[2].required, 2);
  EXPECT_EQ(months[2].done, 0);
  EXPECT_EQ(months[2].verdict, MonthVerdict::missed);
  EXPECT_EQ(months[3].month, 4u);
  EXPECT_EQ(months[3].done, 1);
  EXPECT_EQ(months[3].verdict, MonthVerdict::pending);
}

TEST(ObligationKinds, PLIE_6_AMonthlyContactInWorkAcceptsACall) {
  const RecurringRule& rule = test_programme().recurring[1];
  auto owed = owed_periods(rule, {{paris(2026, 5, 1, 0), "in_work"}});
  auto months = recurring_compliance(rule, owed, {{paris(2026, 5, 12, 15), "phone", "cip"}},
                                     paris(2026, 6, 2, 9));
  ASSERT_EQ(months.size(), 2u);
  EXPECT_EQ(months[0].required, 1);
  EXPECT_EQ(months[0].verdict, MonthVerdict::met);
  EXPECT_EQ(months[1].verdict, MonthVerdict::pending);
  EXPECT_TRUE(recurring_compliance(rule, {}, {}, paris(2026, 6, 2, 9)).empty());
}

}  // namespace
}  // namespace parcours
