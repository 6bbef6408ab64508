#include "domain/calendar.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/paris_time.h"

namespace parcours {
namespace {

struct UnitInfo {
  DurationUnit unit;
  const char* name;
  const char* label;
};

constexpr std::array<UnitInfo, 5> kUnits = {{
    {DurationUnit::hours, "hours", "heures"},
    {DurationUnit::calendar_days, "calendar_days", "jours calendaires"},
    {DurationUnit::jours_ouvres, "jours_ouvres", "jours ouvrés"},
    {DurationUnit::jours_ouvrables, "jours_ouvrables", "jours ouvrables"},
    {DurationUnit::months, "months", "mois"},
}};

const UnitInfo& info(DurationUnit unit) {
  return kUnits[static_cast<std::size_t>(unit)];
}

// SPEC DL-1: holidays on a fixed day of the year.
struct FixedHoliday {
  unsigned month;
  unsigned day;
  const char* name;
  bool alsace_moselle_only;
};

constexpr std::array<FixedHoliday, 9> kFixed = {{
    {1, 1, "Jour de l’an", false},
    {5, 1, "Fête du travail", false},
    {5, 8, "Victoire 1945", false},
    {7, 14, "Fête nationale", false},
    {8, 15, "Assomption", false},
    {11, 1, "Toussaint", false},
    {11, 11, "Armistice 1918", false},
    {12, 25, "Noël", false},
    {12, 26, "Saint-Étienne", true},
}};

// SPEC DL-1: holidays a fixed number of days after Easter Sunday.
struct MovableHoliday {
  int days_after_easter;
  const char* name;
  bool alsace_moselle_only;
};

constexpr std::array<MovableHoliday, 4> kMovable = {{
    {-2, "Vendredi saint", true},
    {1, "Lundi de Pâques", false},
    {39, "Ascension", false},
    {50, "Lundi de Pentecôte", false},
}};

Date plus_days(Date d, int n) {
  return Date{date::sys_days{d} + date::days{n}};
}

Date fixed_date(int year, const FixedHoliday& h) {
  return Date{date::year{year}, date::month{h.month}, date::day{h.day}};
}

bool is_weekday(Date d, bool saturday_counts) {
  const date::weekday wd{date::sys_days{d}};
  return wd != date::Sunday && (saturday_counts || wd != date::Saturday);
}

// The amount-th day strictly after `from` accepted by `counts` (amount <= 0: `from`).
template <typename Pred>
Date nth_day_after(Date from, int amount, Pred counts) {
  Date d = from;
  for (int found = 0; found < amount;) {
    d = plus_days(d, 1);
    if (counts(d)) ++found;
  }
  return d;
}

// Local due date of a day-based unit; `hours` never gets here (see deadline_after).
Date due_date(Date start, int amount, DurationUnit unit, bool am) {
  switch (unit) {
    case DurationUnit::calendar_days:
      return plus_days(start, amount);
    case DurationUnit::jours_ouvres:
      return nth_day_after(start, amount, [am](Date d) { return is_jour_ouvre(d, am); });
    case DurationUnit::jours_ouvrables:
      return nth_day_after(start, amount, [am](Date d) { return is_jour_ouvrable(d, am); });
    case DurationUnit::months:
      return add_months(start, amount);
    case DurationUnit::hours:
      break;
  }
  return start;
}

}  // namespace

const char* duration_unit_name(DurationUnit unit) {
  return info(unit).name;
}

std::optional<DurationUnit> parse_duration_unit(const std::string& name) {
  for (const UnitInfo& u : kUnits) {
    if (name == u.name) return u.unit;
  }
  return std::nullopt;
}

const char* duration_unit_label(DurationUnit unit) {
  return info(unit).label;
}

Date easter_sunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100;
  const int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return Date{date::year{year}, date::month{static_cast<unsigned>(month)},
              date::day{static_cast<unsigned>(day)}};
}

std::vector<Holiday> public_holidays(int year, bool alsace_moselle) {
  std::vector<Holiday> out;
  for (const FixedHoliday& h : kFixed) {
    if (alsace_moselle || !h.alsace_moselle_only) out.push_back({fixed_date(year, h), h.name});
  }
  const Date easter = easter_sunday(year);
  for (const MovableHoliday& h : kMovable) {
    if (alsace_moselle || !h.alsace_moselle_only) {
      out.push_back({plus_days(easter, h.days_after_easter), h.name});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Holiday& x, const Holiday& y) { return x.date < y.date; });
  return out;
}

bool is_public_holiday(Date d, bool alsace_moselle) {
  const int year = static_cast<int>(d.year());
  for (const FixedHoliday& h : kFixed) {
    if ((alsace_moselle || !h.alsace_moselle_only) && fixed_date(year, h) == d) return true;
  }
  const Date easter = easter_sunday(year);
  for (const MovableHoliday& h : kMovable) {
    if ((alsace_moselle || !h.alsace_moselle_only) && plus_days(easter, h.days_after_easter) == d) {
      return true;
    }
  }
  return false;
}

bool is_jour_ouvre(Date d, bool alsace_moselle) {
  return is_weekday(d, false) && !is_public_holiday(d, alsace_moselle);
}

bool is_jour_ouvrable(Date d, bool alsace_moselle) {
  return is_weekday(d, true) && !is_public_holiday(d, alsace_moselle);
}

bool alsace_moselle_departement(const std::string& departement) {
  std::string part;
  for (const char ch : departement + " ") {
    if (std::isalnum(static_cast<unsigned char>(ch))) {
      part += ch;
      continue;
    }
    if (part == "57" || part == "67" || part == "68") return true;
    part.clear();
  }
  return false;
}

// SPEC DL-1: a skipped spring time gives the change, a repeated autumn time its first
// occurrence (paris_to_utc, as date::choose::earliest did).
Instant paris_wall_clock(Date d, int minute_of_day) {
  return paris_to_utc(date::local_days{d} + std::chrono::minutes{minute_of_day});
}

Instant end_of_paris_day(Date d) {
  using namespace std::chrono_literals;
  const date::local_seconds last_second{date::local_days{d} + 23h + 59min + 59s};
  // 23:59:59 is never skipped nor repeated in Europe/Paris (changes happen at night).
  return paris_to_utc(last_second);
}

Instant deadline_after(Instant start, int amount, DurationUnit unit, bool alsace_moselle) {
  if (unit == DurationUnit::hours) return start + std::chrono::hours{amount};
  return end_of_paris_day(due_date(paris_date(start), amount, unit, alsace_moselle));
}

int jours_ouvres_between(Date from, Date to, bool alsace_moselle) {
  if (to < from) return -jours_ouvres_between(to, from, alsace_moselle);
  int count = 0;
  for (Date d = plus_days(from, 1); d <= to; d = plus_days(d, 1)) {
    if (is_jour_ouvre(d, alsace_moselle)) ++count;
  }
  return count;
}

Instant shift_for_pause(Instant due, Instant pause_start, Instant pause_end) {
  if (pause_start >= due || pause_end <= pause_start) return due;
  return due + (pause_end - pause_start);
}

}  // namespace parcours
