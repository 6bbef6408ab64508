#include "domain/types.h"

#include <gtest/gtest.h>

namespace parcours {
namespace {

using namespace date::literals;

TEST(Types, FrenchLongDateWithFirstOfMonth) {
  EXPECT_EQ(french_long(2025_y / date::March / 3), "lundi 3 mars 2025");
  EXPECT_EQ(french_long(2025_y / date::January / 1), "mercredi 1er janvier 2025");
  EXPECT_EQ(french_long(2025_y / date::August / 15), "vendredi 15 août 2025");
  EXPECT_EQ(french_short(2025_y / date::December / 25), "25/12/2025");
}

TEST(Types, FrenchInstantIsParisTimeWithHourNotation) {
  // 13:30Z on 3 March 2025 is 14 h 30 in Paris (UTC+1); in July, 12:05Z is 14 h 05.
  Instant winter =
      date::sys_days{2025_y / date::March / 3} + std::chrono::hours(13) + std::chrono::minutes(30);
  EXPECT_EQ(french_instant(winter), "lundi 3 mars 2025 à 14\u00a0h\u00a030");
  Instant summer =
      date::sys_days{2025_y / date::July / 1} + std::chrono::hours(12) + std::chrono::minutes(5);
  EXPECT_EQ(french_instant(summer), "mardi 1er juillet 2025 à 14\u00a0h\u00a005");
}

TEST(Types, ParisDateChangesBeforeMidnightUtc) {
  Instant late =
      date::sys_days{2025_y / date::July / 10} + std::chrono::hours(22) + std::chrono::minutes(30);
  EXPECT_EQ(paris_date(late), 2025_y / date::July / 11);
}

TEST(Types, IsoDatesAreCheckedInFrench) {
  EXPECT_TRUE(parse_iso_date("2024-02-29").ok());
  auto bad = parse_iso_date("2025-02-29");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "La date « 2025-02-29 » n’existe pas.");
  EXPECT_FALSE(parse_iso_date("03/03/2025").ok());
  EXPECT_FALSE(parse_iso_date("2025-03-03x").ok());
}

TEST(Types, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(add_months(2025_y / date::January / 31, 1), 2025_y / date::February / 28);
  EXPECT_EQ(add_months(2025_y / date::January / 1, 24), 2027_y / date::January / 1);
}

}  // namespace
}  // namespace parcours
