#include "domain/recurring.h"

#include <algorithm>

#include "domain/paris_time.h"

namespace parcours {
namespace {

bool among(const std::vector<std::string>& allowed, const std::string& value) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

date::year_month paris_month(Instant t) {
  const date::year_month_day day{date::floor<date::days>(paris_local_time(t))};
  return day.year() / day.month();
}

Instant month_start(date::year_month m) {
  return paris_to_utc(date::local_seconds{date::local_days{m / 1}});
}

// Seconds of [from, until) spent in owed periods.
long long owed_within(const std::vector<OwedPeriod>& owed, Instant from, Instant until) {
  long long total = 0;
  for (const auto& p : owed) {
    const Instant a = std::max(p.from, from);
    const Instant b = std::min(p.until.value_or(until), until);
    if (b > a) total += (b - a).count();
  }
  return total;
}

bool is_owed(const std::vector<OwedPeriod>& owed, Instant t) {
  return std::any_of(owed.begin(), owed.end(), [t](const OwedPeriod& p) {
    return p.from <= t && (!p.until || t < *p.until);
  });
}

}  // namespace

std::vector<MonthCompliance> recurring_compliance(const RecurringRule& rule,
                                                  const std::vector<OwedPeriod>& owed,
                                                  const std::vector<ContactFact>& contacts,
                                                  Instant now) {
  std::vector<MonthCompliance> out;
  if (owed.empty()) return out;
  Instant first = owed.front().from;
  for (const auto& p : owed) first = std::min(first, p.from);
  const date::year_month last = paris_month(now);
  for (date::year_month m = paris_month(first); m <= last; m += date::months{1}) {
    const Instant start = month_start(m);
    const Instant end = month_start(m + date::months{1});
    const long long owed_seconds = owed_within(owed, start, end);
    if (owed_seconds == 0) continue;
    const long long length = (end - start).count();
    MonthCompliance c;
    c.year = static_cast<int>(m.year());
    c.month = static_cast<unsigned>(m.month());
    c.required = static_cast<int>((rule.count * owed_seconds + length - 1) / length);
    c.done = static_cast<int>(std::count_if(contacts.begin(), contacts.end(), [&](const auto& x) {
      return x.at >= start && x.at < end && x.at <= now && is_owed(owed, x.at) &&
             among(rule.contact_kinds, x.kind) && among(rule.intervenant_kinds, x.intervenant_kind);
    }));
    c.verdict = c.done >= c.required ? MonthVerdict::met
                : now < end          ? MonthVerdict::pending
                                     : MonthVerdict::missed;
    out.push_back(c);
  }
  return out;
}

std::vector<OwedPeriod> owed_periods(const RecurringRule& rule,
                                     const std::vector<std::pair<Instant, std::string>>& changes) {
  std::vector<OwedPeriod> out;
  bool owing = false;
  for (const auto& [at, state] : changes) {
    const bool owes = std::find(rule.states.begin(), rule.states.end(), state) != rule.states.end();
    if (owes && !owing) out.push_back({at, std::nullopt});
    if (!owes && owing) out.back().until = at;
    owing = owes;
  }
  return out;
}

}  // namespace parcours
