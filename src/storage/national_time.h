// Time arithmetic of the national dataset generator, fast enough for millions of rows:
// Europe/Paris offsets and public holidays precomputed per day over the dataset's range, and
// deadline due instants computed by the domain (domain/deadline.h) once per distinct start day.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "domain/programme.h"
#include "storage/national_sql.h"

namespace parcours::storage::national {

class ParisTime {
 public:
  // Covers the days [first, last]; outside, the domain's own conversions are used.
  ParisTime(Day first, Day last);

  // Paris wall clock (minutes since local midnight) on day d → instant.
  Seconds at(Day d, int minute) const;
  // The Paris calendar day of an instant.
  Day day_of(Seconds t) const;
  // ISO weekday: Monday 1 … Sunday 7.
  static int weekday(Day d);
  // Monday to Friday and not a national public holiday (DL-1).
  bool working_day(Day d) const;
  // d itself when it is a working day, else the next one.
  Day working_on_or_after(Day d) const;
  // d itself when it is a working day, else the one before.
  Day working_on_or_before(Day d) const;
  // The n-th working day after d (n >= 1).
  Day working_days_after(Day d, int n) const;
  // "lundi 3 mars 2025" (memoised).
  const std::string& french_long(Day d) const;

  static Date date(Day d);
  static Day day(Date d);

 private:
  bool in_range(Day d) const { return d >= first_ && d <= last_; }
  Day first_;
  Day last_;
  std::vector<int> offset_;  // seconds east of UTC at local noon
  std::vector<char> working_;
  mutable std::vector<std::string> long_;
};

// Due instants of the programme's deadline rules (SPEC DL-1), memoised per rule, start day
// and holiday set: day-based units only depend on the start's Paris date.
class DueInstants {
 public:
  explicit DueInstants(const ParisTime& time) : time_(time) {}
  Seconds due(const DeadlineRule& rule, Seconds start, bool alsace_moselle);

 private:
  const ParisTime& time_;
  std::map<std::tuple<const DeadlineRule*, Day, bool>, long long> memo_;
};

}  // namespace parcours::storage::national
