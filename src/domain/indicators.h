// Indicator arithmetic (SPEC INV-1, INV-2, DL-3, REP-2, ORG-4): pure functions over plain
// facts. app/ loads the facts for a scope, an "as of" date and a period; these functions
// classify and count them, so the same figures come out of pages, exports and the COPIL pack.
#pragma once

#include <optional>
#include <string>

#include "domain/types.h"

namespace parcours {

// ---- INV-1: amounts ---------------------------------------------------------------------------

// Amount of `minutes` at an hourly price in cents, rounded to the nearest cent (half up).
long long hours_amount_cents(long long minutes, long long price_per_hour_cents);

// ---- INV-2: consumption of a volume -----------------------------------------------------------

// SPEC INV-2 (issue 5): the DISP and the provider coordinator are alerted when a lot's
// consumption reaches 80 %, then 100 % of a volume.
enum class VolumeAlert { none, eighty, hundred };
VolumeAlert volume_alert(long long done_minutes, long long volume_hours);
const char* volume_alert_label(VolumeAlert a);  // "", "80 % atteints", "Volume épuisé"
// done / volume as a fraction (0 when the volume is 0).
double consumption_rate(long long done_minutes, long long volume_hours);

// When the volume runs out at the current pace (SPEC INV-2). The pace is the minutes done
// over the `pace_days` days ending on `as_of` (sessions dated in (as_of - pace_days, as_of]).
struct Exhaustion {
  enum class Kind {
    exhausted,  // nothing left on as_of
    on_date,    // runs out on `date`
    no_pace,    // nothing done recently: no forecast
    // would run out after the contract's last day (`date`): not before the contract ends
    beyond_contract,
  };
  Kind kind = Kind::no_pace;
  Date date{};
};
// `contract_last_day`: the last day of the contract at today's renewals (the day before
// `contract_end`); a forecast after it says so instead of giving a date the contract never
// reaches.
Exhaustion forecast_exhaustion(long long done_minutes, long long volume_hours,
                               long long recent_minutes, int pace_days, Date as_of,
                               std::optional<Date> contract_last_day = std::nullopt);
// "Volume épuisé", "vendredi 12 juin 2026", "Pas de prévision (aucune heure récente)",
// "Au rythme actuel, le volume ne sera pas épuisé avant la fin du marché (31 décembre 2026)"
std::string exhaustion_label(const Exhaustion& e);

// ---- DL-3: deadlines met on time --------------------------------------------------------------

// A deadline judged at the end of the "as of" day: met by then (on time or late), not met
// and past due (late), not yet due (pending), lifted with a reason by then (waived: counted
// apart, DL-1), or out of the count (a conditional PPAIP-5 deadline that lapsed unneeded).
enum class DeadlineOutcome { on_time, late, pending, waived, excluded };
DeadlineOutcome deadline_outcome(Instant due, std::optional<Instant> met,
                                 std::optional<Instant> waived, bool conditional,
                                 Instant as_of_end);

// Jours ouvrés late (at least 1) of a late deadline: up to the day it was met by the end of
// the as-of day, else up to the as-of day.
int jours_ouvres_late(Instant due, std::optional<Instant> met, Instant as_of_end);

struct ComplianceTally {
  long long on_time = 0;
  long long late = 0;
  long long pending = 0;
  long long waived = 0;  // lifted with a reason: neither on time nor late
  void add(DeadlineOutcome o);
  void add(const ComplianceTally& other);
  long long judged() const { return on_time + late; }
  // on_time / judged; 0 when nothing was judged.
  double rate() const;
};

// ---- REP-2: equal access ------------------------------------------------------------------------

enum class AgeBand { under_26, from_26_to_44, from_45 };
AgeBand age_band(Date birth, Date on);
const char* age_band_label(AgeBand b);  // "Moins de 26 ans", "26 à 44 ans", "45 ans et plus"
// SPEC REP-2 / seed §1: the target public "jeunes sans qualification": under 26 and without
// a qualification (level "sans").
bool young_without_qualification(Date birth, Date on, const std::string& qualification);

// ---- ORG-4: staff ------------------------------------------------------------------------------

// SPEC ORG-4: a leaving or absent intervenant is replaced within 10 jours ouvrables.
inline constexpr int kReplacementJoursOuvrables = 10;
// The last day to replace someone absent or leaving from `from` (10th jour ouvrable after).
Date replacement_due(Date from);
// SPEC ORG-4 / seed §6.7: about 30 % of the intervenants are work psychologists.
inline constexpr double kPsychologistTarget = 0.30;

// ---- Formatting shared by every report ---------------------------------------------------------

// "12 h", "12 h 30", "1 234 h 15"
std::string format_minutes_as_hours(long long minutes);
// "45,2 %" (one decimal)
std::string format_percent(double fraction);
// "1 234" (narrow no-break space as thousands separator, as French typography wants)
std::string format_count(long long n);
// SPEC SEC-1: how the funder sees a person — the case number and initials, never a name:
// case_reference(7, "DUPONT-MARTIN Élise") == "Dossier n° 7 (D. M. É.)".
std::string case_reference(Id case_id, const std::string& person_name);

}  // namespace parcours
