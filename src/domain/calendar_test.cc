#include "domain/calendar.h"

#include <gtest/gtest.h>

// Every expected value below was checked against a real calendar and the tz database:
// `TZ=Europe/Paris date -d '2025-03-11 23:59:59' +%s` then `date -u -d @…`.

namespace parcours {
namespace {

using namespace date::literals;
using namespace std::chrono_literals;

constexpr bool kNational = false;
constexpr bool kAlsaceMoselle = true;

// A UTC instant written as it would appear in ISO 8601 with a trailing Z.
Instant utc(Date d, std::chrono::seconds time_of_day) {
  return Instant{date::sys_days{d}} + time_of_day;
}

std::vector<Date> dates_of(const std::vector<Holiday>& holidays) {
  std::vector<Date> out;
  for (const Holiday& h : holidays) out.push_back(h.date);
  return out;
}

TEST(Calendar, DL_1_EasterDates) {
  EXPECT_EQ(easter_sunday(2024), 2024_y / 3 / 31);
  EXPECT_EQ(easter_sunday(2025), 2025_y / 4 / 20);
  EXPECT_EQ(easter_sunday(2026), 2026_y / 4 / 5);
  EXPECT_EQ(easter_sunday(2027), 2027_y / 3 / 28);
  EXPECT_EQ(easter_sunday(2038), 2038_y / 4 / 25);  // latest possible date
  EXPECT_EQ(easter_sunday(2000), 2000_y / 4 / 23);
  EXPECT_EQ(easter_sunday(2008), 2008_y / 3 / 23);
  EXPECT_EQ(easter_sunday(2285), 2285_y / 3 / 22);  // earliest possible date
}

TEST(Calendar, DL_1_HolidaysOf2025) {
  const std::vector<Date> national = {
      2025_y / 1 / 1,  2025_y / 4 / 21,  2025_y / 5 / 1,   2025_y / 5 / 8,
      2025_y / 5 / 29, 2025_y / 6 / 9,   2025_y / 7 / 14,  2025_y / 8 / 15,
      2025_y / 11 / 1, 2025_y / 11 / 11, 2025_y / 12 / 25,
  };
  const auto holidays = public_holidays(2025, kNational);
  EXPECT_EQ(dates_of(holidays), national);
  EXPECT_EQ(holidays[0].name, "Jour de l’an");
  EXPECT_EQ(holidays[1].name, "Lundi de Pâques");
  EXPECT_EQ(holidays[4].name, "Ascension");
  EXPECT_EQ(holidays[5].name, "Lundi de Pentecôte");
  EXPECT_EQ(holidays[6].name, "Fête nationale");
  EXPECT_EQ(holidays[9].name, "Armistice 1918");

  std::vector<Date> local = national;
  local.insert(local.begin() + 1, 2025_y / 4 / 18);
  local.push_back(2025_y / 12 / 26);
  const auto am = public_holidays(2025, kAlsaceMoselle);
  EXPECT_EQ(dates_of(am), local);
  EXPECT_EQ(am[1].name, "Vendredi saint");
  EXPECT_EQ(am.back().name, "Saint-Étienne");

  for (const Date& d : national) EXPECT_TRUE(is_public_holiday(d, kNational)) << iso(d);
  EXPECT_FALSE(is_public_holiday(2025_y / 4 / 20, kNational));  // Easter Sunday itself
  EXPECT_FALSE(is_public_holiday(2025_y / 12 / 26, kNational));
}

TEST(Calendar, DL_1_JoursOuvresAcross14July) {
  // Friday 11 July 2025, 10:00 Paris. 12–13 weekend, Monday 14 July holiday.
  const Instant start = utc(2025_y / 7 / 11, 8h);
  EXPECT_EQ(deadline_after(start, 1, DurationUnit::jours_ouvres, kNational),
            utc(2025_y / 7 / 15, 21h + 59min + 59s));  // Tuesday 15 July
  EXPECT_EQ(deadline_after(start, 2, DurationUnit::jours_ouvres, kNational),
            utc(2025_y / 7 / 16, 21h + 59min + 59s));  // Wednesday 16 July
  EXPECT_FALSE(is_jour_ouvre(2025_y / 7 / 14, kNational));
}

TEST(Calendar, DL_1_JoursOuvresAcrossAscension) {
  // Wednesday 28 May 2025; Thursday 29 May is Ascension.
  const Instant start = utc(2025_y / 5 / 28, 12h);
  EXPECT_EQ(deadline_after(start, 1, DurationUnit::jours_ouvres, kNational),
            utc(2025_y / 5 / 30, 21h + 59min + 59s));  // Friday 30 May
}

TEST(Calendar, DL_1_JoursOuvresAcrossWhitMonday) {
  // Friday 6 June 2025; Monday 9 June is lundi de Pentecôte.
  const Instant start = utc(2025_y / 6 / 6, 9h);
  EXPECT_EQ(deadline_after(start, 1, DurationUnit::jours_ouvres, kNational),
            utc(2025_y / 6 / 10, 21h + 59min + 59s));  // Tuesday 10 June
  EXPECT_EQ(deadline_after(start, 3, DurationUnit::jours_ouvres, kNational),
            utc(2025_y / 6 / 12, 21h + 59min + 59s));  // Thursday 12 June
}

TEST(Calendar, DL_1_JoursOuvrablesCountSaturday) {
  // Friday 4 July 2025: Saturday 5 counts, Sunday 6 does not.
  const Instant friday = utc(2025_y / 7 / 4, 8h);
  EXPECT_EQ(deadline_after(friday, 1, DurationUnit::jours_ouvrables, kNational),
            utc(2025_y / 7 / 5, 21h + 59min + 59s));  // Saturday 5 July
  EXPECT_EQ(deadline_after(friday, 2, DurationUnit::jours_ouvrables, kNational),
            utc(2025_y / 7 / 7, 21h + 59min + 59s));  // Monday 7 July
  // Friday 11 July 2025: Saturday 12, then Monday 14 July is a holiday → Tuesday 15.
  const Instant before_holiday = utc(2025_y / 7 / 11, 8h);
  EXPECT_EQ(deadline_after(before_holiday, 2, DurationUnit::jours_ouvrables, kNational),
            utc(2025_y / 7 / 15, 21h + 59min + 59s));
  EXPECT_TRUE(is_jour_ouvrable(2025_y / 7 / 12, kNational));
  EXPECT_FALSE(is_jour_ouvre(2025_y / 7 / 12, kNational));
}

TEST(Calendar, DL_1_CalendarDaysAcrossWeekend) {
  // SPEC PPAIP-4: prescription received Thursday 6 March 2025 10:00 Paris (09:00Z);
  // first interview within 5 days → Tuesday 11 March 2025 23:59:59 Paris (CET).
  const Instant received = utc(2025_y / 3 / 6, 9h);
  EXPECT_EQ(deadline_after(received, 5, DurationUnit::calendar_days, kNational),
            utc(2025_y / 3 / 11, 22h + 59min + 59s));
}

TEST(Calendar, DL_1_CalendarDaysCountFromParisDate) {
  // 00:30 Paris on Friday 11 July 2025 is 22:30Z on the 10th: the Paris date counts.
  const Instant just_after_midnight = utc(2025_y / 7 / 10, 22h + 30min);
  EXPECT_EQ(deadline_after(just_after_midnight, 1, DurationUnit::calendar_days, kNational),
            utc(2025_y / 7 / 12, 21h + 59min + 59s));
}

TEST(Calendar, DL_1_HoursAcrossDstChange) {
  // SPEC PPAIP-5: 48 hours. Spring: Saturday 29 March 2025 12:00 Paris (11:00Z, CET)
  // → Monday 31 March 2025 13:00 Paris (11:00Z, CEST).
  EXPECT_EQ(deadline_after(utc(2025_y / 3 / 29, 11h), 48, DurationUnit::hours, kNational),
            utc(2025_y / 3 / 31, 11h));
  // Autumn: Saturday 25 October 2025 12:00 Paris (10:00Z, CEST)
  // → Monday 27 October 2025 11:00 Paris (10:00Z, CET).
  EXPECT_EQ(deadline_after(utc(2025_y / 10 / 25, 10h), 48, DurationUnit::hours, kNational),
            utc(2025_y / 10 / 27, 10h));
}

TEST(Calendar, DL_1_EndOfDayInSummerAndWinter) {
  EXPECT_EQ(end_of_paris_day(2025_y / 1 / 15), utc(2025_y / 1 / 15, 22h + 59min + 59s));
  EXPECT_EQ(end_of_paris_day(2025_y / 7 / 15), utc(2025_y / 7 / 15, 21h + 59min + 59s));
  // The change days themselves: summer time from 30 March, winter time from 26 October.
  EXPECT_EQ(end_of_paris_day(2025_y / 3 / 30), utc(2025_y / 3 / 30, 21h + 59min + 59s));
  EXPECT_EQ(end_of_paris_day(2025_y / 10 / 26), utc(2025_y / 10 / 26, 22h + 59min + 59s));
}

TEST(Calendar, DL_1_AlsaceMosellePublicHolidays) {
  // Good Friday 18 April 2025: holiday in Bas-Rhin (67), a jour ouvré in Côte-d'Or (21).
  EXPECT_FALSE(is_jour_ouvre(2025_y / 4 / 18, alsace_moselle_departement("67")));
  EXPECT_TRUE(is_jour_ouvre(2025_y / 4 / 18, alsace_moselle_departement("21")));
  EXPECT_FALSE(is_jour_ouvre(2025_y / 12 / 26, kAlsaceMoselle));  // Friday
  EXPECT_TRUE(is_jour_ouvre(2025_y / 12 / 26, kNational));
  // Thursday 17 April 2025 + 1 jour ouvré: Friday 18 nationally, Tuesday 22 in Moselle.
  const Instant thursday = utc(2025_y / 4 / 17, 8h);
  EXPECT_EQ(deadline_after(thursday, 1, DurationUnit::jours_ouvres, kNational),
            utc(2025_y / 4 / 18, 21h + 59min + 59s));
  EXPECT_EQ(deadline_after(thursday, 1, DurationUnit::jours_ouvres, kAlsaceMoselle),
            utc(2025_y / 4 / 22, 21h + 59min + 59s));

  EXPECT_TRUE(alsace_moselle_departement("57"));
  EXPECT_TRUE(alsace_moselle_departement("67"));
  EXPECT_TRUE(alsace_moselle_departement("68"));
  EXPECT_TRUE(alsace_moselle_departement("67/68"));
  EXPECT_TRUE(alsace_moselle_departement("54, 57"));
  EXPECT_FALSE(alsace_moselle_departement("21"));
  EXPECT_FALSE(alsace_moselle_departement("2A"));
  EXPECT_FALSE(alsace_moselle_departement("675"));
  EXPECT_FALSE(alsace_moselle_departement(""));
}

TEST(Calendar, PPAIP_16_BilanFiveJoursOuvresAfterLastInterview) {
  // Last individual interview Tuesday 6 May 2025; Thursday 8 May is a holiday:
  // 7, 9, 12, 13, 14 → Wednesday 14 May 2025 23:59:59 Paris (CEST).
  const Instant last_interview = utc(2025_y / 5 / 6, 12h);
  EXPECT_EQ(deadline_after(last_interview, 5, DurationUnit::jours_ouvres, kNational),
            utc(2025_y / 5 / 14, 21h + 59min + 59s));
  // 10 jours ouvrés after a workshop ending Wednesday 30 April 2025 (1 and 8 May off):
  // 2, 5, 6, 7, 9, 12, 13, 14, 15, 16 → Friday 16 May 2025.
  const Instant workshop_end = utc(2025_y / 4 / 30, 15h);
  EXPECT_EQ(deadline_after(workshop_end, 10, DurationUnit::jours_ouvres, kNational),
            utc(2025_y / 5 / 16, 21h + 59min + 59s));
}

TEST(Calendar, PPAIP_13_PauseShiftsDeadline) {
  const Instant due = utc(2025_y / 5 / 14, 21h + 59min + 59s);
  // Suspended from Monday 12 May 08:00Z to Thursday 15 May 08:00Z: 72 hours later.
  EXPECT_EQ(shift_for_pause(due, utc(2025_y / 5 / 12, 8h), utc(2025_y / 5 / 15, 8h)),
            utc(2025_y / 5 / 17, 21h + 59min + 59s));
  // A pause starting at or after the due instant changes nothing.
  EXPECT_EQ(shift_for_pause(due, due, due + 24h), due);
  EXPECT_EQ(shift_for_pause(due, utc(2025_y / 5 / 20, 8h), utc(2025_y / 5 / 22, 8h)), due);
  // An empty or inverted pause changes nothing.
  EXPECT_EQ(shift_for_pause(due, utc(2025_y / 5 / 12, 8h), utc(2025_y / 5 / 12, 8h)), due);
  EXPECT_EQ(shift_for_pause(due, utc(2025_y / 5 / 12, 8h), utc(2025_y / 5 / 11, 8h)), due);
}

TEST(Calendar, DL_1_MonthsClampToMonthEnd) {
  // 31 January 2025 + 1 month → Friday 28 February 2025 23:59:59 Paris (CET).
  EXPECT_EQ(deadline_after(utc(2025_y / 1 / 31, 9h), 1, DurationUnit::months, kNational),
            utc(2025_y / 2 / 28, 22h + 59min + 59s));
  // Leap year: 31 January 2024 + 1 month → 29 February 2024.
  EXPECT_EQ(deadline_after(utc(2024_y / 1 / 31, 9h), 1, DurationUnit::months, kNational),
            utc(2024_y / 2 / 29, 22h + 59min + 59s));
  // Across the spring change: 15 January 2025 + 6 months → 15 July 2025 (CEST).
  EXPECT_EQ(deadline_after(utc(2025_y / 1 / 15, 9h), 6, DurationUnit::months, kNational),
            utc(2025_y / 7 / 15, 21h + 59min + 59s));
}

TEST(Calendar, DL_1_ZeroAmountEndsOnStartDay) {
  const Instant friday = utc(2025_y / 7 / 11, 8h);
  const Instant end_of_friday = utc(2025_y / 7 / 11, 21h + 59min + 59s);
  EXPECT_EQ(deadline_after(friday, 0, DurationUnit::jours_ouvres, kNational), end_of_friday);
  EXPECT_EQ(deadline_after(friday, 0, DurationUnit::jours_ouvrables, kNational), end_of_friday);
  EXPECT_EQ(deadline_after(friday, 0, DurationUnit::calendar_days, kNational), end_of_friday);
  // A start on a non-working day: Saturday 12 July + 1 jour ouvré → Tuesday 15 July.
  EXPECT_EQ(deadline_after(utc(2025_y / 7 / 12, 8h), 1, DurationUnit::jours_ouvres, kNational),
            utc(2025_y / 7 / 15, 21h + 59min + 59s));
}

TEST(Calendar, DL_1_JoursOuvresBetween) {
  // Wednesday 7 → Monday 12 May 2025: Friday 9 and Monday 12 (8 May off, weekend).
  EXPECT_EQ(jours_ouvres_between(2025_y / 5 / 7, 2025_y / 5 / 12, kNational), 2);
  EXPECT_EQ(jours_ouvres_between(2025_y / 5 / 12, 2025_y / 5 / 7, kNational), -2);
  EXPECT_EQ(jours_ouvres_between(2025_y / 5 / 7, 2025_y / 5 / 7, kNational), 0);
  // Whole of 2025: 261 weekdays minus 10 holidays on weekdays (1 November is a Saturday).
  EXPECT_EQ(jours_ouvres_between(2024_y / 12 / 31, 2025_y / 12 / 31, kNational), 251);
  EXPECT_EQ(jours_ouvres_between(2024_y / 12 / 31, 2025_y / 12 / 31, kAlsaceMoselle), 249);
}

TEST(Calendar, DL_1_DurationUnitNames) {
  const DurationUnit all[] = {DurationUnit::hours, DurationUnit::calendar_days,
                              DurationUnit::jours_ouvres, DurationUnit::jours_ouvrables,
                              DurationUnit::months};
  for (DurationUnit u : all) EXPECT_EQ(parse_duration_unit(duration_unit_name(u)), u);
  EXPECT_STREQ(duration_unit_name(DurationUnit::jours_ouvres), "jours_ouvres");
  EXPECT_STREQ(duration_unit_label(DurationUnit::jours_ouvres), "jours ouvrés");
  EXPECT_STREQ(duration_unit_label(DurationUnit::calendar_days), "jours calendaires");
  EXPECT_STREQ(duration_unit_label(DurationUnit::months), "mois");
  EXPECT_FALSE(parse_duration_unit("days").has_value());
  EXPECT_FALSE(parse_duration_unit("Hours").has_value());
}

}  // namespace
}  // namespace parcours
