#include "domain/types.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "domain/paris_time.h"

namespace parcours {
namespace {

constexpr std::array<const char*, 7> kWeekdays = {"dimanche", "lundi",    "mardi", "mercredi",
                                                  "jeudi",    "vendredi", "samedi"};
constexpr std::array<const char*, 12> kMonths = {"janvier",   "février", "mars",     "avril",
                                                 "mai",       "juin",    "juillet",  "août",
                                                 "septembre", "octobre", "novembre", "décembre"};

}  // namespace

Result<Date> parse_iso_date(const std::string& text) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) {
    return invalid("La date « " + text + " » n’est pas au format AAAA-MM-JJ.");
  }
  Date date{date::year{y}, date::month{m}, date::day{d}};
  if (!date.ok() || y < 1900 || y > 2200) {
    return invalid("La date « " + text + " » n’existe pas.");
  }
  return date;
}

std::string iso(Date d) {
  return date::format("%F", date::sys_days{d});
}

std::string french_long(Date d) {
  date::weekday wd{date::sys_days{d}};
  return std::string(kWeekdays[wd.c_encoding()]) + " " + french_medium(d);
}

std::string french_medium(Date d) {
  const unsigned day = static_cast<unsigned>(d.day());
  return (day == 1 ? std::string("1er") : std::to_string(day)) + " " +
         kMonths[static_cast<unsigned>(d.month()) - 1] + " " +
         std::to_string(static_cast<int>(d.year()));
}

std::string french_month_year(int year, int month) {
  if (month < 1 || month > 12) return std::to_string(year);
  return std::string(kMonths[month - 1]) + " " + std::to_string(year);
}

std::string french_short(Date d) {
  return date::format("%d/%m/%Y", date::sys_days{d});
}

// SPEC DL-1: Paris legal time from France's rules (domain/paris_time.h), no tz database.
std::string french_instant(Instant t) {
  const date::local_seconds local = paris_local_time(t);
  auto day = date::floor<date::days>(local);
  date::hh_mm_ss hms{local - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, " à %d\u00a0h\u00a0%02d", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()));
  return french_long(Date{date::sys_days{day.time_since_epoch()}}) + buf;
}

Date paris_date(Instant t) {
  return Date{date::sys_days{date::floor<date::days>(paris_local_time(t)).time_since_epoch()}};
}

Date add_months(Date d, int months) {
  auto ym = date::year_month{d.year(), d.month()} + date::months{months};
  auto last = date::year_month_day_last{ym.year(), date::month_day_last{ym.month()}};
  return Date{ym.year(), ym.month(), std::min(d.day(), last.day())};
}

}  // namespace parcours
