#include "domain/indicators.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "domain/calendar.h"
#include "domain/person.h"

namespace parcours {
namespace {

std::string grouped_digits(unsigned long long v) {
  std::string whole = std::to_string(v);
  std::string out;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += "\u202f";  // narrow no-break space
    out += whole[i];
  }
  return out;
}

}  // namespace

long long hours_amount_cents(long long minutes, long long price_per_hour_cents) {
  const long long numerator = minutes * price_per_hour_cents;
  if (numerator >= 0) return (numerator + 30) / 60;
  return -((-numerator + 30) / 60);
}

VolumeAlert volume_alert(long long done_minutes, long long volume_hours) {
  if (volume_hours <= 0) return done_minutes > 0 ? VolumeAlert::hundred : VolumeAlert::none;
  const long long volume_minutes = volume_hours * 60;
  if (done_minutes >= volume_minutes) return VolumeAlert::hundred;
  if (done_minutes * 10 >= volume_minutes * 8) return VolumeAlert::eighty;
  return VolumeAlert::none;
}

const char* volume_alert_label(VolumeAlert a) {
  switch (a) {
    case VolumeAlert::none:
      return "";
    case VolumeAlert::eighty:
      return "80 % du volume atteints";
    case VolumeAlert::hundred:
      return "Volume épuisé";
  }
  return "";
}

double consumption_rate(long long done_minutes, long long volume_hours) {
  if (volume_hours <= 0) return 0;
  return static_cast<double>(done_minutes) / static_cast<double>(volume_hours * 60);
}

Exhaustion forecast_exhaustion(long long done_minutes, long long volume_hours,
                               long long recent_minutes, int pace_days, Date as_of,
                               std::optional<Date> contract_last_day) {
  const long long remaining = volume_hours * 60 - done_minutes;
  if (remaining <= 0) return {Exhaustion::Kind::exhausted, as_of};
  if (recent_minutes <= 0 || pace_days <= 0) return {Exhaustion::Kind::no_pace, as_of};
  // Whole days needed at recent_minutes / pace_days per day, rounded up.
  const long long days = (remaining * pace_days + recent_minutes - 1) / recent_minutes;
  const Date on = Date{date::sys_days{as_of} + date::days{days}};
  // SPEC INV-2: past the contract's last day the volume is simply not exhausted.
  if (contract_last_day && date::sys_days{on} > date::sys_days{*contract_last_day})
    return {Exhaustion::Kind::beyond_contract, *contract_last_day};
  return {Exhaustion::Kind::on_date, on};
}

std::string exhaustion_label(const Exhaustion& e) {
  switch (e.kind) {
    case Exhaustion::Kind::exhausted:
      return "Volume épuisé";
    case Exhaustion::Kind::on_date:
      return french_long(e.date);
    case Exhaustion::Kind::no_pace:
      return "Pas de prévision (aucune heure récente)";
    case Exhaustion::Kind::beyond_contract:
      return "Au rythme actuel, le volume ne sera pas épuisé avant la fin du marché (" +
             french_medium(e.date) + ")";
  }
  return "";
}

DeadlineOutcome deadline_outcome(Instant due, std::optional<Instant> met,
                                 std::optional<Instant> waived, bool conditional,
                                 Instant as_of_end) {
  if (met && *met <= as_of_end)
    return *met <= due ? DeadlineOutcome::on_time : DeadlineOutcome::late;
  if (waived && *waived <= as_of_end) return DeadlineOutcome::waived;
  if (due >= as_of_end) return DeadlineOutcome::pending;
  // SPEC PPAIP-5: the conditional deadline is owed only if the first interview proved
  // impossible; when it runs out unneeded it lapses and is not a late deadline.
  return conditional ? DeadlineOutcome::excluded : DeadlineOutcome::late;
}

int jours_ouvres_late(Instant due, std::optional<Instant> met, Instant as_of_end) {
  const Date until = paris_date(met && *met <= as_of_end ? *met : as_of_end);
  return std::max(1, jours_ouvres_between(paris_date(due), until, false));
}

void ComplianceTally::add(DeadlineOutcome o) {
  if (o == DeadlineOutcome::on_time) ++on_time;
  if (o == DeadlineOutcome::late) ++late;
  if (o == DeadlineOutcome::pending) ++pending;
  if (o == DeadlineOutcome::waived) ++waived;
}

void ComplianceTally::add(const ComplianceTally& other) {
  on_time += other.on_time;
  late += other.late;
  pending += other.pending;
  waived += other.waived;
}

double ComplianceTally::rate() const {
  return judged() == 0 ? 0 : static_cast<double>(on_time) / static_cast<double>(judged());
}

AgeBand age_band(Date birth, Date on) {
  const int age = age_on(birth, on);
  if (age < 26) return AgeBand::under_26;
  if (age < 45) return AgeBand::from_26_to_44;
  return AgeBand::from_45;
}

const char* age_band_label(AgeBand b) {
  switch (b) {
    case AgeBand::under_26:
      return "Moins de 26 ans";
    case AgeBand::from_26_to_44:
      return "26 à 44 ans";
    case AgeBand::from_45:
      return "45 ans et plus";
  }
  return "";
}

bool young_without_qualification(Date birth, Date on, const std::string& qualification) {
  return age_band(birth, on) == AgeBand::under_26 && qualification == "sans";
}

Date replacement_due(Date from) {
  Date d = from;
  for (int counted = 0; counted < kReplacementJoursOuvrables;) {
    d = Date{date::sys_days{d} + date::days{1}};
    if (is_jour_ouvrable(d, false)) ++counted;
  }
  return d;
}

std::string format_minutes_as_hours(long long minutes) {
  const bool negative = minutes < 0;
  const unsigned long long v = negative ? -minutes : minutes;
  std::string out = (negative ? "-" : "") + grouped_digits(v / 60) + "\u00a0h";
  if (v % 60) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "\u00a0%02llu", v % 60);
    out += buf;
  }
  return out;
}

std::string format_percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", fraction * 100);
  std::string s = buf;
  for (char& c : s)
    if (c == '.') c = ',';
  return s + "\u00a0%";
}

std::string format_count(long long n) {
  return (n < 0 ? "-" : "") + grouped_digits(n < 0 ? -n : n);
}

std::string case_reference(Id case_id, const std::string& person_name) {
  std::string initials;
  bool start = true;
  for (std::size_t i = 0; i < person_name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(person_name[i]);
    if (c == ' ' || c == '-' || c == '\'') {
      start = true;
      continue;
    }
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte of a UTF-8 character
    if (start) {
      std::size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      initials += (initials.empty() ? "" : " ") + person_name.substr(i, len) + ".";
    }
    start = false;
  }
  return "Dossier n° " + std::to_string(case_id) + (initials.empty() ? "" : " (" + initials + ")");
}

}  // namespace parcours
