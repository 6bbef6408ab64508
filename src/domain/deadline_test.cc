// DL-1 deadline states, with the shipped PPAIP configuration and real dates.
#include "domain/deadline.h"

#include <gtest/gtest.h>

#include "domain/testing/shipped_ppaip.h"

namespace parcours {
namespace {

using namespace date::literals;
using std::chrono::hours;
using std::chrono::minutes;

const ProgrammeConfig& ppaip() {
  return testing::shipped_ppaip();
}

Instant paris(date::year_month_day d, int h, int m = 0) {
  // Winter dates here (UTC+1) unless said otherwise.
  return date::sys_days{d} + hours(h - 1) + minutes(m);
}

const DeadlineRule& rule_started_by(const ProgrammeConfig& c, const std::string& event) {
  auto rules = deadlines_started_by(c, event);
  EXPECT_FALSE(rules.empty()) << event;
  return *rules.front();
}

TEST(Deadline, PPAIP_4_FirstInterviewDueFiveDaysAfterReception) {
  const auto config = ppaip();
  const DeadlineRule& rule = rule_started_by(config, "prescribe");
  // Received Thursday 6 March 2025, 10:00 in Paris: due Tuesday 11 March 23:59:59.
  Deadline d = open_deadline(rule, paris(2025_y / date::March / 6, 10), false);
  EXPECT_EQ(d.due_at, paris(2025_y / date::March / 11, 23, 59) + std::chrono::seconds(59));
  EXPECT_EQ(state_at(d, paris(2025_y / date::March / 11, 18)), DeadlineState::pending);
  EXPECT_EQ(state_at(d, paris(2025_y / date::March / 12, 8)), DeadlineState::missed);
  ASSERT_TRUE(meet(d, paris(2025_y / date::March / 10, 14)).ok());
  EXPECT_EQ(state_at(d, paris(2025_y / date::March / 20, 8)), DeadlineState::met_on_time);
  EXPECT_EQ(meet(d, paris(2025_y / date::March / 12, 8)).error().code, ErrorCode::conflict);
}

TEST(Deadline, DL_1_MetLateIsKeptApartFromMissed) {
  const auto config = ppaip();
  Deadline d = open_deadline(rule_started_by(config, "prescribe"),
                             paris(2025_y / date::March / 6, 10), false);
  ASSERT_TRUE(meet(d, paris(2025_y / date::March / 13, 9)).ok());
  EXPECT_EQ(state_at(d, paris(2025_y / date::March / 13, 9)), DeadlineState::met_late);
  EXPECT_STREQ(deadline_state_label(DeadlineState::met_late), "Respecté en retard");
}

TEST(Deadline, PPAIP_13_SuspensionPausesThenPushesTheDeadline) {
  const auto config = ppaip();
  Deadline d = open_deadline(rule_started_by(config, "prescribe"),
                             paris(2025_y / date::March / 6, 10), false);
  const Instant due = d.due_at;
  // Fouille générale: suspended Monday 10 March 8:00, resumed Wednesday 12 March 8:00.
  ASSERT_TRUE(pause(d, paris(2025_y / date::March / 10, 8)).ok());
  EXPECT_EQ(state_at(d, paris(2025_y / date::March / 12, 7)), DeadlineState::pending);
  ASSERT_TRUE(resume(d, paris(2025_y / date::March / 12, 8)).ok());
  EXPECT_EQ(d.due_at, due + hours(48));
  EXPECT_EQ(state_at(d, paris(2025_y / date::March / 13, 12)), DeadlineState::pending);
  EXPECT_EQ(state_at(d, paris(2025_y / date::March / 14, 8)), DeadlineState::missed);
  // Resuming again changes nothing.
  ASSERT_TRUE(resume(d, paris(2025_y / date::March / 12, 9)).ok());
  EXPECT_EQ(d.due_at, due + hours(48));
}

TEST(Deadline, PPAIP_5_ImpossibilitySignalLapsesWhenNeverNeeded) {
  const auto config = ppaip();
  const DeadlineRule* rule = nullptr;
  for (const auto& r : config.deadlines)
    if (r.conditional) rule = &r;
  ASSERT_NE(rule, nullptr);
  Deadline d = open_deadline(*rule, paris(2025_y / date::March / 10, 14), false);
  EXPECT_EQ(d.due_at, paris(2025_y / date::March / 12, 14));  // 48 hours
  EXPECT_EQ(state_at(d, paris(2025_y / date::March / 13, 9)), DeadlineState::lapsed);
}

TEST(Deadline, DL_1_WaiverNeedsAReason) {
  const auto config = ppaip();
  Deadline d = open_deadline(rule_started_by(config, "prescribe"),
                             paris(2025_y / date::March / 6, 10), false);
  auto s = waive(d, paris(2025_y / date::March / 7, 9), "  ");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::invalid);
  ASSERT_TRUE(
      waive(d, paris(2025_y / date::March / 7, 9), "Prescription retirée par le SPIP").ok());
  EXPECT_EQ(state_at(d, paris(2025_y / date::March / 20, 9)), DeadlineState::waived);
  EXPECT_EQ(d.waiver_reason, "Prescription retirée par le SPIP");
}

}  // namespace
}  // namespace parcours
