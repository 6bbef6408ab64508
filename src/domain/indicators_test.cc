#include "domain/indicators.h"

#include <gtest/gtest.h>

#include "domain/calendar.h"

namespace parcours {
namespace {

using namespace date::literals;
using std::chrono::hours;

Instant at(Date d, int hour) {
  return Instant{date::sys_days{d}} + hours{hour};
}

TEST(Indicators, INV_1_AmountIsHoursTimesUnitPriceRoundedToTheCent) {
  EXPECT_EQ(hours_amount_cents(90, 5000), 7500);  // 1 h 30 at 50 € = 75 €
  EXPECT_EQ(hours_amount_cents(50, 4550), 3792);  // 45,50 × 50/60 = 37,9166… → 37,92 €
  EXPECT_EQ(hours_amount_cents(-90, 5000), -7500);
  EXPECT_EQ(hours_amount_cents(0, 5000), 0);
}

TEST(Indicators, INV_2_AlertsAt80And100PercentOfTheVolume) {
  EXPECT_EQ(volume_alert(79 * 60, 100), VolumeAlert::none);
  EXPECT_EQ(volume_alert(80 * 60, 100), VolumeAlert::eighty);
  EXPECT_EQ(volume_alert(100 * 60 - 1, 100), VolumeAlert::eighty);
  EXPECT_EQ(volume_alert(100 * 60, 100), VolumeAlert::hundred);
  EXPECT_EQ(volume_alert(0, 0), VolumeAlert::none);
  EXPECT_DOUBLE_EQ(consumption_rate(30 * 60, 120), 0.25);
}

TEST(Indicators, INV_2_ForecastExhaustionAtTheRecentPace) {
  // 60 h left, 90 h done over the last 90 days: 1 h a day → 60 days after 31 May 2025.
  auto e = forecast_exhaustion(40 * 60, 100, 90 * 60, 90, 2025_y / date::May / 31);
  EXPECT_EQ(e.kind, Exhaustion::Kind::on_date);
  EXPECT_EQ(e.date, 2025_y / date::July / 30);
  EXPECT_EQ(exhaustion_label(e), "mercredi 30 juillet 2025");
  EXPECT_EQ(forecast_exhaustion(100 * 60, 100, 60, 90, 2025_y / date::May / 31).kind,
            Exhaustion::Kind::exhausted);
  EXPECT_EQ(forecast_exhaustion(10, 100, 0, 90, 2025_y / date::May / 31).kind,
            Exhaustion::Kind::no_pace);
}

TEST(Indicators, DL_3_DeadlineJudgedAtTheEndOfTheAsOfDay) {
  const Date d = 2025_y / date::March / 10;
  const Instant due = at(d, 22);
  const Instant as_of = end_of_paris_day(2025_y / date::March / 20);
  EXPECT_EQ(deadline_outcome(due, at(d, 9), {}, false, as_of), DeadlineOutcome::on_time);
  EXPECT_EQ(deadline_outcome(due, at(d, 23), {}, false, as_of), DeadlineOutcome::late);
  // Met after the "as of" day: on that day it was overdue, hence late.
  EXPECT_EQ(deadline_outcome(due, at(2025_y / date::March / 25, 9), {}, false, as_of),
            DeadlineOutcome::late);
  EXPECT_EQ(deadline_outcome(due, {}, {}, false, as_of), DeadlineOutcome::late);
  EXPECT_EQ(deadline_outcome(due, {}, {}, true, as_of), DeadlineOutcome::excluded);
  // DL-1: lifted with a reason, counted apart (neither on time nor late).
  EXPECT_EQ(deadline_outcome(due, {}, at(d, 8), false, as_of), DeadlineOutcome::waived);
  EXPECT_EQ(deadline_outcome(at(2025_y / date::April / 1, 10), {}, {}, false, as_of),
            DeadlineOutcome::pending);
  // 10 March → 20 March 2025, not met: 8 jours ouvrés; met 11 March: 1.
  EXPECT_EQ(jours_ouvres_late(due, {}, as_of), 8);
  EXPECT_EQ(jours_ouvres_late(due, at(2025_y / date::March / 11, 9), as_of), 1);
  ComplianceTally t;
  t.add(DeadlineOutcome::on_time);
  t.add(DeadlineOutcome::on_time);
  t.add(DeadlineOutcome::on_time);
  t.add(DeadlineOutcome::late);
  t.add(DeadlineOutcome::pending);
  t.add(DeadlineOutcome::waived);
  EXPECT_EQ(t.judged(), 4);
  EXPECT_EQ(t.waived, 1);
  EXPECT_DOUBLE_EQ(t.rate(), 0.75);
}

TEST(Indicators, REP_2_AgeBandsAndYoungWithoutQualification) {
  const Date on = 2025_y / date::June / 1;
  EXPECT_EQ(age_band(2000_y / date::June / 2, on), AgeBand::under_26);  // 24 years old
  EXPECT_EQ(age_band(1999_y / date::June / 1, on), AgeBand::from_26_to_44);
  EXPECT_EQ(age_band(1980_y / date::June / 1, on), AgeBand::from_45);
  EXPECT_STREQ(age_band_label(AgeBand::from_26_to_44), "26 à 44 ans");
  EXPECT_TRUE(young_without_qualification(2001_y / date::January / 1, on, "sans"));
  EXPECT_FALSE(young_without_qualification(2001_y / date::January / 1, on, "3"));
  EXPECT_FALSE(young_without_qualification(1990_y / date::January / 1, on, "sans"));
}

TEST(Indicators, ORG_4_ReplacementWithinTenJoursOuvrables) {
  // From Friday 2 May 2025: Saturdays count, Sundays and 8 May do not.
  // 3, 5, 6, 7, 9, 10, 12, 13, 14, 15 May → Thursday 15 May.
  EXPECT_EQ(replacement_due(2025_y / date::May / 2), 2025_y / date::May / 15);
}

TEST(Indicators, FrenchFormatting) {
  EXPECT_EQ(format_minutes_as_hours(90), "1\u00a0h\u00a030");
  EXPECT_EQ(format_minutes_as_hours(1234 * 60), "1\u202f234\u00a0h");
  EXPECT_EQ(format_percent(0.452), "45,2\u00a0%");
  EXPECT_EQ(format_count(1234567), "1\u202f234\u202f567");
  EXPECT_EQ(french_month_year(2025, 8), "août 2025");
  EXPECT_EQ(french_medium(2025_y / date::January / 1), "1er janvier 2025");
}

}  // namespace
}  // namespace parcours
