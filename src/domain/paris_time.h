// Europe/Paris legal time computed from France's own rules, with no time-zone database: the
// result is the same on every server, whatever tz files it has (or lacks), and stays right
// after 2037 (SPEC DL-1; DESIGN §1 "Time": dates and hours shown to people are Europe/Paris).
// Include from .cc files only.
#pragma once

#include <chrono>
#include <optional>

#include <date/date.h>

namespace parcours {

// The UTC interval [start, end) during which Paris keeps summer time (heure d'été, UTC+2).
struct ParisSummerTime {
  std::chrono::sys_seconds start;
  std::chrono::sys_seconds end;
};

// SPEC DL-1: France's summer time of a year, as in force in Europe/Paris:
// - before 1976: none (standard time UTC+1 since 16 September 1945);
// - 1976: 28 March → 26 September, changes at 01:00 local time;
// - 1977–1980: first Sunday of April → last Sunday of September (1978: 1 October);
// - 1981–1995: last Sunday of March → last Sunday of September;
// - 1996 onwards: last Sunday of March → last Sunday of October (EU directive 2000/84/EC);
// from 1977 the changes happen at 01:00 UTC. Years after 2037 follow the EU rule, as the
// POSIX rule "CET-1CEST,M3.5.0,M10.5.0/3" carried by the tz files says.
std::optional<ParisSummerTime> paris_summer_time(int year);

// Offset of Paris legal time from UTC at an instant: 1 h (CET) or 2 h (CEST).
// Exact from 16 September 1945 onwards.
std::chrono::seconds paris_utc_offset(std::chrono::sys_seconds t);

// Paris wall-clock time of an instant.
date::local_seconds paris_local_time(std::chrono::sys_seconds t);

// The instant at which Paris wall clocks show `local`. Same choice as
// date::choose::earliest: an ambiguous autumn time (shown twice) gives its first occurrence,
// in summer time; a nonexistent spring time (skipped) gives the instant of the change.
std::chrono::sys_seconds paris_to_utc(date::local_seconds local);

}  // namespace parcours
