// The French working-day calendar and deadline arithmetic (SPEC DL-1, PROG-1).
//
// Pure functions: no clock read, no I/O. Local dates are those of Europe/Paris
// (DESIGN §1, "Time"); instants stay UTC.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/types.h"

namespace parcours {

// Unit of a deadline's amount in a programme configuration (SPEC PROG-1).
enum class DurationUnit {
  hours,            // elapsed time ("within 48 hours", SPEC PPAIP-5, PPAIP-10, PPAIP-14)
  calendar_days,    // every day counts ("within 5 days", SPEC PPAIP-4, PPAIP-8)
  jours_ouvres,     // Monday to Friday, public holidays excluded (SPEC PPAIP-16)
  jours_ouvrables,  // Monday to Saturday, public holidays excluded
  months,           // calendar months, clamped to the month's last day (PLIE)
};

// Machine name used in configurations and the JSON API: "hours", "calendar_days",
// "jours_ouvres", "jours_ouvrables", "months".
const char* duration_unit_name(DurationUnit unit);
// Inverse of duration_unit_name; nullopt for any other text (exact, case-sensitive).
std::optional<DurationUnit> parse_duration_unit(const std::string& name);
// French label shown to people: "heures", "jours calendaires", "jours ouvrés",
// "jours ouvrables", "mois".
const char* duration_unit_label(DurationUnit unit);

struct Holiday {
  Date date;
  std::string name;  // French, e.g. "Fête nationale"
};

// Easter Sunday of a Gregorian year (anonymous Gregorian / Meeus–Jones–Butcher algorithm).
Date easter_sunday(int year);

// SPEC DL-1: the 11 national public holidays of `year`, plus Vendredi saint and
// Saint-Étienne (26 December) when `alsace_moselle`. Sorted by date.
std::vector<Holiday> public_holidays(int year, bool alsace_moselle);
bool is_public_holiday(Date d, bool alsace_moselle);
// Jour ouvré: Monday to Friday and not a public holiday.
bool is_jour_ouvre(Date d, bool alsace_moselle);
// Jour ouvrable: Monday to Saturday and not a public holiday.
bool is_jour_ouvrable(Date d, bool alsace_moselle);

// SPEC DL-1: Moselle (57), Bas-Rhin (67) and Haut-Rhin (68) keep the local holidays.
// Accepts a single code ("67") or a combined one whose parts are separated by any
// non-alphanumeric character ("67/68", "57, 54"): true when one part is 57, 67 or 68.
bool alsace_moselle_departement(const std::string& departement);

// The last second (23:59:59) of local day `d` in Europe/Paris, as a UTC instant:
// 22:59:59Z in winter (CET, UTC+1), 21:59:59Z in summer (CEST, UTC+2).
Instant end_of_paris_day(Date d);
// The instant of local time `minute_of_day` on day `d` in Europe/Paris. A time skipped by the
// spring change is moved forward; a repeated one takes the first.
Instant paris_wall_clock(Date d, int minute_of_day);

// Due instant of a deadline of `amount` `unit`s starting at `start` (SPEC DL-1).
// The start's local date is its Europe/Paris date (paris_date).
//  - hours: start + amount hours of elapsed time; across a daylight-saving change
//    48 hours stay 48 real hours (the local clock reading shifts by one hour).
//  - calendar_days: end_of_paris_day(start's local date + amount days).
//  - jours_ouvres / jours_ouvrables: end_of_paris_day of the amount-th jour ouvré /
//    ouvrable strictly after the start's local date; the start day itself never counts.
//    amount <= 0 gives the end of the start day.
//  - months: end_of_paris_day(add_months(start's local date, amount)).
// `alsace_moselle` selects the holiday set (see alsace_moselle_departement).
Instant deadline_after(Instant start, int amount, DurationUnit unit, bool alsace_moselle);

// Number of jours ouvrés d with from < d <= to (e.g. how many working days late a
// deliverable is). Antisymmetric: when to < from, minus the count of to < d <= from.
int jours_ouvres_between(Date from, Date to, bool alsace_moselle);

// SPEC PPAIP-13: a suspension pauses deadlines. When the pause started strictly before
// `due`, the deadline moves by the pause's length (pause_end - pause_start, elapsed
// time); a pause starting at or after `due`, or an empty/inverted one, changes nothing.
Instant shift_for_pause(Instant due, Instant pause_start, Instant pause_end);

}  // namespace parcours
