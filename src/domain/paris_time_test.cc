#include "domain/paris_time.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <date/tz.h>

#include "domain/calendar.h"
#include "domain/types.h"

// Expected instants were read from `zdump -v -c 1970,2101 Europe/Paris` (tzdata 2025b, glibc,
// which applies the POSIX rule of the tz file after 2037). The tz database is used here only
// as a witness: the code under test never reads it.

namespace parcours {
namespace {

using namespace date::literals;
using namespace std::chrono_literals;
using std::chrono::sys_seconds;

sys_seconds utc(Date d, std::chrono::seconds time_of_day = 0s) {
  return sys_seconds{date::sys_days{d}} + time_of_day;
}

date::local_seconds wall(Date d, std::chrono::seconds time_of_day) {
  return date::local_seconds{date::local_days{d}} + time_of_day;
}

// The two changes of a year, as UTC instants.
struct Changes {
  int year;
  sys_seconds start;
  sys_seconds end;
};

void expect_changes(const Changes& c) {
  SCOPED_TRACE(c.year);
  const auto summer = paris_summer_time(c.year);
  ASSERT_TRUE(summer.has_value());
  EXPECT_EQ(summer->start, c.start);
  EXPECT_EQ(summer->end, c.end);
  EXPECT_EQ(paris_utc_offset(c.start - 1s), 1h);
  EXPECT_EQ(paris_utc_offset(c.start), 2h);
  EXPECT_EQ(paris_utc_offset(c.end - 1s), 2h);
  EXPECT_EQ(paris_utc_offset(c.end), 1h);
}

TEST(DL_1_ParisTime, StandardTimeAllYearBefore1976) {
  EXPECT_FALSE(paris_summer_time(1970).has_value());
  EXPECT_FALSE(paris_summer_time(1975).has_value());
  // Monday 14 July 1975, 12:00Z: 13:00 in Paris.
  EXPECT_EQ(paris_local_time(utc(1975_y / 7 / 14, 12h)), wall(1975_y / 7 / 14, 13h));
  EXPECT_EQ(paris_utc_offset(utc(1970_y / 1 / 1)), 1h);
  EXPECT_EQ(paris_utc_offset(utc(1975_y / 12 / 31, 23h + 59min + 59s)), 1h);
}

TEST(DL_1_ParisTime, SummerTime1976From28MarchTo26SeptemberAtOneInTheMorning) {
  // Clocks went from 01:00 to 02:00 on 28 March, and from 01:00 back to 00:00 on 26 September.
  expect_changes({1976, utc(1976_y / 3 / 28), utc(1976_y / 9 / 25, 23h)});
  EXPECT_EQ(paris_local_time(utc(1976_y / 7 / 14, 12h)), wall(1976_y / 7 / 14, 14h));
}

TEST(DL_1_ParisTime, From1977To1980FirstSundayOfAprilToEndOfSeptember) {
  expect_changes({1977, utc(1977_y / 4 / 3, 1h), utc(1977_y / 9 / 25, 1h)});
  // 1978 ended on the first Sunday of October, not the last of September (24th).
  expect_changes({1978, utc(1978_y / 4 / 2, 1h), utc(1978_y / 10 / 1, 1h)});
  expect_changes({1979, utc(1979_y / 4 / 1, 1h), utc(1979_y / 9 / 30, 1h)});
  expect_changes({1980, utc(1980_y / 4 / 6, 1h), utc(1980_y / 9 / 28, 1h)});
}

TEST(DL_1_ParisTime, From1981To1995LastSundayOfMarchToLastSundayOfSeptember) {
  expect_changes({1981, utc(1981_y / 3 / 29, 1h), utc(1981_y / 9 / 27, 1h)});
  expect_changes({1995, utc(1995_y / 3 / 26, 1h), utc(1995_y / 9 / 24, 1h)});
  // 1 October 1995, 12:00Z: already winter time.
  EXPECT_EQ(paris_local_time(utc(1995_y / 10 / 1, 12h)), wall(1995_y / 10 / 1, 13h));
  EXPECT_EQ(paris_local_time(utc(1995_y / 7 / 14, 12h)), wall(1995_y / 7 / 14, 14h));
}

TEST(DL_1_ParisTime, From1996LastSundayOfMarchToLastSundayOfOctober) {
  expect_changes({1996, utc(1996_y / 3 / 31, 1h), utc(1996_y / 10 / 27, 1h)});
  // Sunday 20 October 1996, 12:00Z: still summer time (it would not have been in 1995).
  EXPECT_EQ(paris_local_time(utc(1996_y / 10 / 20, 12h)), wall(1996_y / 10 / 20, 14h));
  expect_changes({2025, utc(2025_y / 3 / 30, 1h), utc(2025_y / 10 / 26, 1h)});
  EXPECT_EQ(paris_local_time(utc(2025_y / 7 / 14, 12h)), wall(2025_y / 7 / 14, 14h));
  EXPECT_EQ(paris_local_time(utc(2025_y / 1 / 15, 12h)), wall(2025_y / 1 / 15, 13h));
  expect_changes({2037, utc(2037_y / 3 / 29, 1h), utc(2037_y / 10 / 25, 1h)});
}

TEST(DL_1_ParisTime, SummerTimeGoesOnAfter2037) {
  expect_changes({2038, utc(2038_y / 3 / 28, 1h), utc(2038_y / 10 / 31, 1h)});
  expect_changes({2040, utc(2040_y / 3 / 25, 1h), utc(2040_y / 10 / 28, 1h)});
  expect_changes({2045, utc(2045_y / 3 / 26, 1h), utc(2045_y / 10 / 29, 1h)});
  expect_changes({2099, utc(2099_y / 3 / 29, 1h), utc(2099_y / 10 / 25, 1h)});
  expect_changes({2100, utc(2100_y / 3 / 28, 1h), utc(2100_y / 10 / 31, 1h)});
  EXPECT_EQ(paris_local_time(utc(2038_y / 7 / 14, 12h)), wall(2038_y / 7 / 14, 14h));
  EXPECT_EQ(paris_local_time(utc(2040_y / 7 / 14, 12h)), wall(2040_y / 7 / 14, 14h));
  EXPECT_EQ(paris_local_time(utc(2099_y / 7 / 14, 12h)), wall(2099_y / 7 / 14, 14h));
  EXPECT_EQ(paris_local_time(utc(2099_y / 12 / 31, 23h)), wall(2100_y / 1 / 1, 0h));
}

TEST(DL_1_ParisTime, EuRuleEveryYearFrom1996To2100) {
  // Checked without the code's own Sunday arithmetic: a Sunday among the last seven days of
  // March and of October, at 01:00Z.
  for (int y = 1996; y <= 2100; ++y) {
    SCOPED_TRACE(y);
    const auto summer = paris_summer_time(y);
    ASSERT_TRUE(summer.has_value());
    for (const auto& [change, month] :
         {std::pair{summer->start, 3u}, std::pair{summer->end, 10u}}) {
      const auto day = date::floor<date::days>(change);
      const date::year_month_day ymd{day};
      EXPECT_EQ(change - day, 1h);
      EXPECT_EQ(date::weekday{day}, date::Sunday);
      EXPECT_EQ(ymd.year(), date::year{y});
      EXPECT_EQ(ymd.month(), date::month{month});
      EXPECT_GE(ymd.day(), date::day{25});
    }
  }
}

TEST(DL_1_ParisTime, LocalTimeToUtcChoosesTheEarliest) {
  // Ordinary times.
  EXPECT_EQ(paris_to_utc(wall(2025_y / 7 / 14, 14h)), utc(2025_y / 7 / 14, 12h));
  EXPECT_EQ(paris_to_utc(wall(2040_y / 7 / 14, 14h)), utc(2040_y / 7 / 14, 12h));
  EXPECT_EQ(paris_to_utc(wall(2025_y / 1 / 15, 13h)), utc(2025_y / 1 / 15, 12h));
  // Spring: 02:00–02:59:59 never shows; like date::choose::earliest, the change (01:00Z).
  EXPECT_EQ(paris_to_utc(wall(2025_y / 3 / 30, 1h + 59min + 59s)),
            utc(2025_y / 3 / 30, 59min + 59s));
  EXPECT_EQ(paris_to_utc(wall(2025_y / 3 / 30, 2h)), utc(2025_y / 3 / 30, 1h));
  EXPECT_EQ(paris_to_utc(wall(2025_y / 3 / 30, 2h + 30min)), utc(2025_y / 3 / 30, 1h));
  EXPECT_EQ(paris_to_utc(wall(2025_y / 3 / 30, 3h)), utc(2025_y / 3 / 30, 1h));
  EXPECT_EQ(paris_to_utc(wall(2040_y / 3 / 25, 2h + 30min)), utc(2040_y / 3 / 25, 1h));
  EXPECT_EQ(paris_to_utc(wall(1976_y / 3 / 28, 1h + 30min)), utc(1976_y / 3 / 28));
  // Autumn: 02:00–02:59:59 shows twice; the first time, still in summer time.
  EXPECT_EQ(paris_to_utc(wall(2025_y / 10 / 26, 1h + 59min + 59s)),
            utc(2025_y / 10 / 25, 23h + 59min + 59s));
  EXPECT_EQ(paris_to_utc(wall(2025_y / 10 / 26, 2h)), utc(2025_y / 10 / 26, 0h));
  EXPECT_EQ(paris_to_utc(wall(2025_y / 10 / 26, 2h + 30min)), utc(2025_y / 10 / 26, 30min));
  EXPECT_EQ(paris_to_utc(wall(2025_y / 10 / 26, 3h)), utc(2025_y / 10 / 26, 2h));
  EXPECT_EQ(paris_to_utc(wall(2099_y / 10 / 25, 2h + 30min)), utc(2099_y / 10 / 25, 30min));
  EXPECT_EQ(paris_to_utc(wall(1976_y / 9 / 26, 30min)), utc(1976_y / 9 / 25, 22h + 30min));
}

TEST(DL_1_ParisTime, WallClockAndEndOfDayAfter2037) {
  // Saturday 14 July 2040, 09:00 in Paris is 07:00Z (summer time).
  EXPECT_EQ(paris_wall_clock(2040_y / 7 / 14, 9 * 60), utc(2040_y / 7 / 14, 7h));
  EXPECT_EQ(end_of_paris_day(2045_y / 8 / 1), utc(2045_y / 8 / 1, 21h + 59min + 59s));
  EXPECT_EQ(end_of_paris_day(2045_y / 12 / 1), utc(2045_y / 12 / 1, 22h + 59min + 59s));
}

// The tz database installed on this machine, when there is one, as a witness.
const date::time_zone* installed_paris() {
  try {
    return date::locate_zone("Europe/Paris");
  } catch (const std::exception&) {
    return nullptr;
  }
}

// Every change of offset the installed data lists from 1970 to 2037 included.
std::vector<sys_seconds> installed_changes(const date::time_zone& zone) {
  std::vector<sys_seconds> out;
  const sys_seconds stop = utc(2038_y / 1 / 1);
  for (auto info = zone.get_info(utc(1970_y / 1 / 1)); info.end < stop;
       info = zone.get_info(info.end)) {
    out.push_back(info.end);
  }
  return out;
}

TEST(DL_1_ParisTime, EveryChangeOf1970To2037IsTheInstalledOne) {
  const auto* zone = installed_paris();
  if (zone == nullptr) GTEST_SKIP() << "no tz database on this machine";
  std::vector<sys_seconds> ours;
  for (int y = 1970; y <= 2037; ++y) {
    if (const auto summer = paris_summer_time(y)) {
      ours.push_back(summer->start);
      ours.push_back(summer->end);
    }
  }
  const auto theirs = installed_changes(*zone);
  if (theirs.size() < ours.size()) GTEST_SKIP() << "slim tz files: changes stop in the data";
  EXPECT_EQ(ours, theirs);
}

TEST(DL_1_ParisTime, EveryHourOf1970To2037MatchesTheInstalledData) {
  const auto* zone = installed_paris();
  if (zone == nullptr) GTEST_SKIP() << "no tz database on this machine";
  const auto changes = installed_changes(*zone);
  if (changes.empty() || changes.back() < utc(2037_y / 1 / 1)) {
    GTEST_SKIP() << "slim tz files: the data stops listing changes before 2037";
  }
  const sys_seconds stop = utc(2038_y / 1 / 1);
  int mismatches = 0;
  for (sys_seconds t = utc(1970_y / 1 / 1); t < stop && mismatches < 10; t += 1h) {
    const auto info = zone->get_info(t);
    if (paris_utc_offset(t) != info.offset) {
      ADD_FAILURE() << "offset at " << date::format("%FT%TZ", t);
      ++mismatches;
    }
  }
  const date::local_seconds last = wall(2037_y / 12 / 31, 23h + 30min);
  for (date::local_seconds l = wall(1970_y / 1 / 1, 0s); l <= last && mismatches < 10; l += 30min) {
    if (paris_to_utc(l) != zone->to_sys(l, date::choose::earliest)) {
      ADD_FAILURE() << "UTC of Paris " << date::format("%F %T", l);
      ++mismatches;
    }
  }
  EXPECT_EQ(mismatches, 0);
}

// Points TZDIR at an empty directory for the lifetime of the object, then restores it.
class EmptyTzDir {
 public:
  EmptyTzDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "parcours-tz-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    if (const char* old = std::getenv("TZDIR")) old_ = old;
    setenv("TZDIR", dir_.c_str(), 1);
  }
  ~EmptyTzDir() {
    if (old_) {
      setenv("TZDIR", old_->c_str(), 1);
    } else {
      unsetenv("TZDIR");
    }
    std::filesystem::remove(dir_);
  }
  EmptyTzDir(const EmptyTzDir&) = delete;
  EmptyTzDir& operator=(const EmptyTzDir&) = delete;

 private:
  std::string dir_;
  std::optional<std::string> old_;
};

TEST(DL_1_ParisTime, FrenchInstantAndParisDateNeedNoTzData) {
  const EmptyTzDir empty;
  // Tuesday 14 July 2026 and Friday 14 July 2045, 10:00Z: 12 h 00 in Paris.
  EXPECT_EQ(french_instant(utc(2026_y / 7 / 14, 10h)), "mardi 14 juillet 2026 à 12\u00a0h\u00a000");
  EXPECT_EQ(french_instant(utc(2045_y / 7 / 14, 10h)),
            "vendredi 14 juillet 2045 à 12\u00a0h\u00a000");
  // 22:30Z is already the next day in Paris in summer.
  EXPECT_EQ(paris_date(utc(2026_y / 6 / 30, 22h + 30min)), 2026_y / 7 / 1);
  EXPECT_EQ(paris_date(utc(2045_y / 6 / 30, 22h + 30min)), 2045_y / 7 / 1);
  EXPECT_EQ(paris_date(utc(2045_y / 12 / 31, 22h + 30min)), 2045_y / 12 / 31);
}

}  // namespace
}  // namespace parcours
