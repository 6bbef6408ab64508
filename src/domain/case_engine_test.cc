// The case engine on plain values (SPEC PROG-1, DL-1, DL-3, PPAIP-4, PPAIP-13, PPAIP-14).
#include "domain/case_engine.h"

#include <gtest/gtest.h>

#include "domain/testing/shipped_ppaip.h"

namespace parcours {
namespace {

using namespace std::chrono_literals;

// Monday 3 March 2025, 9 h in Paris (8 h UTC).
const Instant kMonday = date::sys_days{date::year{2025} / 3 / 3} + 8h;

const std::vector<Role> kCpip{Role::cpip};
const std::vector<Role> kProvider{Role::intervenant_cip};

Firing firing(const std::string& event, std::vector<Role> roles, Instant at, Instant now = {}) {
  Firing f;
  f.event = event;
  f.roles = std::move(roles);
  f.at = at;
  f.now = now == Instant{} ? at : now;
  return f;
}

// Plays `f` on `facts` and keeps the outcome, as app/ and the seed do.
CaseEffects play(CaseFacts& facts, const Firing& f) {
  auto e = advance(testing::shipped_ppaip(), facts, f);
  EXPECT_TRUE(e.ok()) << f.event << ": " << (e.ok() ? "" : e.error().message);
  if (!e.ok()) return {};
  facts.state = e->to_state;
  facts.obligations = e->obligations;
  return *e;
}

const Deadline* find(const CaseFacts& facts, const std::string& rule_id) {
  for (const auto& d : facts.obligations)
    if (d.rule_id == rule_id) return &d;
  return nullptr;
}

TEST(CaseEngine, PROG_1_PrescribingOpensTheFirstInterviewDeadline) {
  CaseFacts facts;
  facts.modality = "individual";
  auto e = play(facts, firing("prescribe", kCpip, kMonday));
  EXPECT_EQ(e.from_state, "");
  EXPECT_EQ(e.to_state, "prescribed");
  ASSERT_EQ(e.obligations.size(), 1u);
  EXPECT_EQ(e.first_opened, 0u);
  ASSERT_EQ(e.changes.size(), 1u);
  EXPECT_EQ(e.changes[0].change, ObligationChange::opened);
  EXPECT_EQ(e.obligations[0].rule_id, "first_interview");
  // 5 calendar days (PPAIP-4): until the end of Saturday 8 March in Paris (UTC + 1).
  EXPECT_EQ(e.obligations[0].due_at, date::sys_days{date::year{2025} / 3 / 8} + 22h + 59min + 59s);
  EXPECT_EQ(e.line_label, testing::shipped_ppaip().transition("prescribe")->done_label);
  EXPECT_FALSE(e.end_reason);
  EXPECT_FALSE(e.ended_at);
}

TEST(CaseEngine, PROG_1_RefusesWithoutChangingAnything) {
  CaseFacts facts;
  facts.modality = "individual";
  play(facts, firing("prescribe", kCpip, kMonday));
  const auto& config = testing::shipped_ppaip();
  // The provider may not validate a proposal; the CPIP may not do it before one is submitted.
  auto by_provider = advance(config, facts, firing("validate_proposal", kProvider, kMonday));
  ASSERT_FALSE(by_provider.ok());
  EXPECT_EQ(by_provider.error().code, ErrorCode::forbidden);
  auto too_early = advance(config, facts, firing("validate_proposal", kCpip, kMonday));
  ASSERT_FALSE(too_early.ok());
  EXPECT_EQ(too_early.error().code, ErrorCode::rule_violation);
  auto nobody = advance(config, facts, firing("record_first_interview", {}, kMonday));
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(nobody.error().code, ErrorCode::forbidden);
  auto unknown = advance(config, facts, firing("teleport", kCpip, kMonday));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::invalid);
  // Of several roles, one that may fire the event is enough.
  EXPECT_TRUE(
      advance(config, facts,
              firing("record_first_interview", {Role::cpip, Role::intervenant_cip}, kMonday))
          .ok());
}

TEST(CaseEngine, DL_1_MetAtTheFactNotWhenTyped) {
  CaseFacts facts;
  facts.modality = "individual";
  play(facts, firing("prescribe", kCpip, kMonday));
  // Held on Friday (day 4), typed in the following Tuesday (day 8): met on time.
  const Instant held = kMonday + 4 * 24h;
  auto e = play(facts, firing("record_first_interview", kProvider, held, kMonday + 8 * 24h));
  ASSERT_TRUE(find(facts, "first_interview"));
  EXPECT_EQ(find(facts, "first_interview")->met_at, held);
  EXPECT_EQ(state_at(*find(facts, "first_interview"), kMonday + 8 * 24h),
            DeadlineState::met_on_time);
  EXPECT_TRUE(e.touched(0));
  // The conditional impossibility signal opens from the interview, at the fact's instant.
  const Deadline* signal = find(facts, "impossibility_signal");
  ASSERT_TRUE(signal);
  EXPECT_TRUE(signal->conditional);
  EXPECT_EQ(signal->due_at, held + 48h);
}

TEST(CaseEngine, PPAIP_13_SuspensionPausesAndResumptionPushesBack) {
  CaseFacts facts;
  facts.modality = "individual";
  facts.state = "in_progress";
  Deadline calendar;
  calendar.rule_id = "calendar_change";
  calendar.started_at = kMonday;
  calendar.due_at = kMonday + 48h;
  facts.obligations = {calendar};
  Firing suspend = firing("suspend", kCpip, kMonday + 24h);
  suspend.reason = testing::shipped_ppaip().suspension_reasons.front().id;
  suspend.comment = "Hospitalisation";
  auto paused = play(facts, suspend);
  EXPECT_EQ(paused.suspension, SuspensionChange::opened);
  ASSERT_EQ(paused.changes.size(), 1u);
  EXPECT_EQ(paused.changes[0].change, ObligationChange::paused);
  EXPECT_EQ(paused.line_detail,
            testing::shipped_ppaip().suspension_reasons.front().label + " — Hospitalisation");
  // Resumed ten days later: the 24 h left are counted from the resumption.
  auto resumed = play(facts, firing("resume", kCpip, kMonday + 11 * 24h));
  EXPECT_EQ(resumed.suspension, SuspensionChange::closed);
  ASSERT_EQ(resumed.changes.size(), 1u);
  EXPECT_EQ(resumed.changes[0].change, ObligationChange::resumed);
  EXPECT_FALSE(facts.obligations[0].paused_since);
  EXPECT_EQ(facts.obligations[0].due_at, kMonday + 12 * 24h);
}

TEST(CaseEngine, PPAIP_14_StartedAndMetByTheSameEventIsMetWhenSignalled) {
  CaseFacts facts;
  facts.modality = "individual";
  facts.state = "in_progress";
  Firing f = firing("signal_interruption", kProvider, kMonday, kMonday + 72h);
  f.reason = testing::shipped_ppaip().interruption_reasons.front().id;
  auto e = play(facts, f);
  const Deadline* d = find(facts, "interruption_signal");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->met_at, kMonday + 72h);
  EXPECT_EQ(state_at(*d, kMonday + 72h), DeadlineState::met_late);
  ASSERT_EQ(e.changes.size(), 2u);
  EXPECT_EQ(e.changes[0].change, ObligationChange::opened);
  EXPECT_EQ(e.changes[1].change, ObligationChange::met);
}

TEST(CaseEngine, DL_3_EndingWaivesWhatIsNotDueAndKeepsWhatIsMissed) {
  CaseFacts facts;
  facts.modality = "collective";
  facts.state = "in_progress";
  Deadline missed;
  missed.rule_id = "calendar_change";
  missed.due_at = kMonday - 24h;
  Deadline pending;
  pending.rule_id = "programme_start";
  pending.due_at = kMonday + 24h;
  facts.obligations = {missed, pending};
  Firing f = firing("abandon", kCpip, kMonday);
  auto e = play(facts, f);
  EXPECT_EQ(e.to_state, "abandoned");
  EXPECT_EQ(e.ended_at, kMonday);
  EXPECT_EQ(e.end_reason, "abandonment");
  EXPECT_FALSE(facts.obligations[0].waived_at);
  EXPECT_EQ(state_at(facts.obligations[0], kMonday), DeadlineState::missed);
  EXPECT_EQ(facts.obligations[1].waived_at, kMonday);
  EXPECT_FALSE(e.touched(0));
  EXPECT_TRUE(e.touched(1));
}

TEST(CaseEngine, PROG_1_ObligationsFollowTheModality) {
  for (const auto& [modality, rule] : std::vector<std::pair<std::string, std::string>>{
           {"individual", "final_bilan_individual"}, {"collective", "final_bilan_collective"}}) {
    CaseFacts facts;
    facts.modality = modality;
    facts.state = "in_progress";
    Firing f = firing("end", kCpip, kMonday);
    f.reason = testing::shipped_ppaip().end_reasons.front().id;
    auto e = play(facts, f);
    ASSERT_EQ(facts.obligations.size(), 1u) << modality;
    EXPECT_EQ(facts.obligations[0].rule_id, rule);
    EXPECT_EQ(e.end_reason, f.reason);
    EXPECT_EQ(e.ended_at, kMonday);
  }
}

TEST(CaseEngine, DL_1_ACachedDueInstantIsUsedWhenGiven) {
  CaseFacts facts;
  facts.modality = "individual";
  auto e = advance(testing::shipped_ppaip(), facts, firing("prescribe", kCpip, kMonday),
                   [](const DeadlineRule&, Instant start, bool) { return start + 1h; });
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->obligations[0].due_at, kMonday + 1h);
}

}  // namespace
}  // namespace parcours
