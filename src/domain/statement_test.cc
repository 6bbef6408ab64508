#include "domain/statement.h"

#include <gtest/gtest.h>

#include "domain/indicators.h"

namespace parcours {
namespace {

using namespace date::literals;

StatementLine line(Id source, long long minutes, const std::string& flags = "") {
  StatementLine l;
  l.modality = "individual";
  l.source_id = source;
  l.date = 2025_y / date::May / 12;
  l.minutes = minutes;
  l.unit_price_cents = 5000;
  l.amount_cents = hours_amount_cents(minutes, 5000);
  l.flags = flags;
  return l;
}

StatementLine issued(Id id, StatementLine l) {
  l.id = id;
  l.statement_id = 1;
  return l;
}

TEST(Statement, INV_1_FirstIssueTakesEveryBillableLine) {
  auto out = lines_to_issue({line(1, 60), line(2, 90, kFlagNoScan)}, {});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].line_no, 2);
  Statement s;
  total_statement(s, out);
  EXPECT_EQ(s.individual_minutes, 150);
  EXPECT_EQ(s.individual_cents, 12500);
  EXPECT_EQ(s.flagged_lines, 1);
}

TEST(Statement, INV_1_CorrectionLinesReferenceTheIssuedLines) {
  std::vector<StatementLine> before = {issued(10, line(1, 60)), issued(11, line(2, 90)),
                                       issued(12, line(3, 60))};
  // Session 1 unchanged, session 2 now 60 min, session 3 no longer billable, 4 recorded late.
  auto out = lines_to_issue({line(1, 60), line(2, 60), line(4, 45)}, before);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].source_id, 2);
  EXPECT_EQ(out[0].minutes, -30);
  EXPECT_EQ(out[0].amount_cents, -2500);
  EXPECT_EQ(out[0].corrects_line_id, 11);
  EXPECT_EQ(out[1].source_id, 4);
  EXPECT_EQ(out[1].corrects_line_id, 0);
  EXPECT_EQ(out[2].source_id, 3);
  EXPECT_EQ(out[2].minutes, -60);
  EXPECT_EQ(out[2].corrects_line_id, 12);
  // Once issued, the same state gives nothing more to issue.
  std::vector<StatementLine> all = before;
  Id next = 20;
  for (auto l : out) all.push_back(issued(next++, l));
  EXPECT_TRUE(lines_to_issue({line(1, 60), line(2, 60), line(4, 45)}, all).empty());
}

TEST(Statement, INV_1_AFlagChangeIsACorrectionOfZeroHours) {
  auto out = lines_to_issue({line(1, 60)}, {issued(10, line(1, 60, kFlagNoScan))});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].minutes, 0);
  EXPECT_EQ(out[0].flags, "");
  EXPECT_EQ(out[0].corrects_line_id, 10);
}

TEST(Statement, INV_1_WithinAValidatedProgrammeOnlyAfterTheSpipValidatedIt) {
  const Instant start = Instant{date::sys_days{2025_y / date::April / 2}} + std::chrono::hours{12};
  const Instant before = start - std::chrono::hours{24}, after = start + std::chrono::hours{24};
  EXPECT_TRUE(within_validated_programme("individual", before, start));
  EXPECT_FALSE(within_validated_programme("individual", after, start));
  EXPECT_FALSE(within_validated_programme("individual", std::nullopt, start));
  EXPECT_FALSE(
      within_validated_programme("", std::nullopt, start));  // workshop, list not validated
  // SPEC PPAIP-4: the first interview precedes any programme.
  EXPECT_TRUE(within_validated_programme("first_interview", std::nullopt, start));
}

TEST(Statement, NumbersAndPeriods) {
  EXPECT_EQ(statement_number("DISP21-PPAIP", 3, "2025-05", 2), "DISP21-PPAIP-L3-2025-05-2");
  int y = 0, m = 0;
  EXPECT_TRUE(parse_period_month("2025-02", y, m));
  EXPECT_EQ(period_last_day(y, m), 2025_y / date::February / 28);
  EXPECT_FALSE(parse_period_month("2025-13", y, m));
  EXPECT_FALSE(parse_period_month("2025-5", y, m));
}

}  // namespace
}  // namespace parcours
