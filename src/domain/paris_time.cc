#include "domain/paris_time.h"

namespace parcours {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_seconds;

constexpr std::chrono::seconds kCet = 1h;   // heure d'hiver
constexpr std::chrono::seconds kCest = 2h;  // heure d'été

date::sys_days first_sunday(int year, unsigned month) {
  return date::sys_days{date::year{year} / date::month{month} / date::Sunday[1]};
}

date::sys_days last_sunday(int year, unsigned month) {
  return date::sys_days{date::year{year} / date::month{month} / date::Sunday[date::last]};
}

// SPEC DL-1: from 1977 France changes time with the rest of Europe, at 01:00 UTC.
sys_seconds at_one_utc(date::sys_days day) {
  return day + 1h;
}

int utc_year(sys_seconds t) {
  return static_cast<int>(date::year_month_day{date::floor<date::days>(t)}.year());
}

}  // namespace

std::optional<ParisSummerTime> paris_summer_time(int year) {
  if (year < 1976) return std::nullopt;
  if (year == 1976) {
    // 01:00 wall-clock time: 00:00 UTC on 28 March (CET), 23:00 UTC on 25 September (CEST).
    return ParisSummerTime{date::sys_days{date::year{1976} / date::March / 28},
                           date::sys_days{date::year{1976} / date::September / 25} + 23h};
  }
  if (year <= 1980) {
    const date::sys_days end = year == 1978 ? first_sunday(year, 10) : last_sunday(year, 9);
    return ParisSummerTime{at_one_utc(first_sunday(year, 4)), at_one_utc(end)};
  }
  const unsigned end_month = year <= 1995 ? 9 : 10;
  return ParisSummerTime{at_one_utc(last_sunday(year, 3)),
                         at_one_utc(last_sunday(year, end_month))};
}

std::chrono::seconds paris_utc_offset(sys_seconds t) {
  // A summer time never spans a new year, so the UTC year of t picks the only candidate.
  const auto summer = paris_summer_time(utc_year(t));
  return summer && summer->start <= t && t < summer->end ? kCest : kCet;
}

date::local_seconds paris_local_time(sys_seconds t) {
  return date::local_seconds{(t + paris_utc_offset(t)).time_since_epoch()};
}

sys_seconds paris_to_utc(date::local_seconds local) {
  const sys_seconds wall{local.time_since_epoch()};
  // Earliest first: an autumn time shown twice is first reached in summer time.
  const sys_seconds in_summer = wall - kCest;
  if (paris_utc_offset(in_summer) == kCest) return in_summer;
  const sys_seconds in_winter = wall - kCet;
  if (paris_utc_offset(in_winter) == kCet) return in_winter;
  // Neither: a spring time the clocks skip. date::choose::earliest gives the change itself.
  const auto summer = paris_summer_time(utc_year(in_winter));
  return summer ? summer->start : in_winter;
}

}  // namespace parcours
