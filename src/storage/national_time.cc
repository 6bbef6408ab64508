#include "storage/national_time.h"

#include "domain/calendar.h"
#include "domain/deadline.h"
#include "domain/journey.h"
#include "domain/paris_time.h"

namespace parcours::storage::national {

ParisTime::ParisTime(Day first, Day last) : first_(first), last_(last) {
  const auto n = static_cast<std::size_t>(last - first + 1);
  offset_.resize(n);
  working_.resize(n);
  long_.resize(n);
  for (Day d = first; d <= last; ++d) {
    const auto i = static_cast<std::size_t>(d - first);
    const auto noon = date::sys_days{date::days{d}} + std::chrono::hours{12};
    offset_[i] = static_cast<int>(paris_utc_offset(noon).count());
    working_[i] = weekday(d) <= 5 && !is_public_holiday(date(d), false);
  }
}

// Sessions, events and deadlines fall in the day, far from the 2 a.m. changes of time: the
// offset at noon is the offset of the whole working day.
Seconds ParisTime::at(Day d, int minute) const {
  if (!in_range(d)) {
    Session s;
    s.date = date(d);
    s.start_minute = minute;
    return session_start(s).time_since_epoch().count();
  }
  return static_cast<Seconds>(d) * 86400 + minute * 60 -
         offset_[static_cast<std::size_t>(d - first_)];
}

Day ParisTime::day_of(Seconds t) const {
  const Day utc_day = static_cast<Day>((t >= 0 ? t : t - 86399) / 86400);
  if (!in_range(utc_day)) return day(paris_date(Instant{std::chrono::seconds{t}}));
  const Seconds local = t + offset_[static_cast<std::size_t>(utc_day - first_)];
  return static_cast<Day>((local >= 0 ? local : local - 86399) / 86400);
}

int ParisTime::weekday(Day d) {
  return static_cast<int>(date::weekday{date::sys_days{date::days{d}}}.iso_encoding());
}

bool ParisTime::working_day(Day d) const {
  if (!in_range(d)) return weekday(d) <= 5 && !is_public_holiday(date(d), false);
  return working_[static_cast<std::size_t>(d - first_)] != 0;
}

Day ParisTime::working_on_or_after(Day d) const {
  while (!working_day(d)) ++d;
  return d;
}

Day ParisTime::working_on_or_before(Day d) const {
  while (!working_day(d)) --d;
  return d;
}

Day ParisTime::working_days_after(Day d, int n) const {
  for (int i = 0; i < n; ++i) d = working_on_or_after(d + 1);
  return d;
}

const std::string& ParisTime::french_long(Day d) const {
  static thread_local std::string outside;
  if (!in_range(d)) return outside = parcours::french_long(date(d));
  std::string& s = long_[static_cast<std::size_t>(d - first_)];
  if (s.empty()) s = parcours::french_long(date(d));
  return s;
}

Date ParisTime::date(Day d) {
  return Date{date::sys_days{date::days{d}}};
}

Day ParisTime::day(Date d) {
  return static_cast<Day>(date::sys_days{d}.time_since_epoch().count());
}

Seconds DueInstants::due(const DeadlineRule& rule, Seconds start, bool alsace_moselle) {
  if (rule.unit == DurationUnit::hours) return start + static_cast<Seconds>(rule.amount) * 3600;
  const auto key = std::make_tuple(&rule, time_.day_of(start), alsace_moselle);
  auto it = memo_.find(key);
  if (it != memo_.end()) return it->second;
  const Instant due =
      deadline_after(Instant{std::chrono::seconds{start}}, rule.amount, rule.unit, alsace_moselle);
  return memo_[key] = due.time_since_epoch().count();
}

}  // namespace parcours::storage::national
