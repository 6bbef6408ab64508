// Vocabulary shared by every layer: identifiers, dates and instants.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <date/date.h>

#include "domain/result.h"

namespace parcours {

using Id = std::int64_t;  // 0 means "not stored yet"
using Date = date::year_month_day;
using Instant = std::chrono::sys_seconds;  // always UTC (DESIGN §1, "Time")

// Injected time source (DESIGN §4.2): the domain never reads the clock itself.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

// "2025-03-03" <-> Date. Parsing refuses impossible dates with a French message.
Result<Date> parse_iso_date(const std::string& text);
std::string iso(Date d);
// "lundi 3 mars 2025"
std::string french_long(Date d);
// "03/03/2025"
std::string french_short(Date d);
// "1er janvier 2025" (no weekday)
std::string french_medium(Date d);
// "mai 2025"
std::string french_month_year(int year, int month);
// Europe/Paris rendering of an instant: "lundi 3 mars 2025 à 14 h 30"
std::string french_instant(Instant t);
// Europe/Paris local calendar date of an instant.
Date paris_date(Instant t);
// Months added to a date, clamped to the last day of the month (24 months from 31 jan...).
Date add_months(Date d, int months);

}  // namespace parcours
