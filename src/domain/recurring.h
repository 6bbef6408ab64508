// Recurring obligations (SPEC PROG-1, PLIE-4, PLIE-6): at least N contacts of a kind each
// calendar month a case spends in given states, judged month by month in Europe/Paris.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/programme.h"

namespace parcours {

// A stretch of time during which the case owed the obligation (it was in one of the rule's
// states); `until` empty: still owed.
struct OwedPeriod {
  Instant from{};
  std::optional<Instant> until;
};

// A contact held with the person: its instant, its kind ("physical", "phone"…) and the kind
// of intervenant who held it ("cip", "psychologist"…).
struct ContactFact {
  Instant at{};
  std::string kind;
  std::string intervenant_kind;
};

enum class MonthVerdict {
  met,      // enough contacts
  pending,  // the month is not over and not enough contacts yet
  missed,   // the month is over without enough contacts
};

struct MonthCompliance {
  int year = 0;
  unsigned month = 0;  // 1..12
  // Contacts owed: the rule's count, prorated for a month partly owed (entry, exit,
  // suspension) by its days, rounded up; at least one for any day owed.
  int required = 0;
  int done = 0;  // contacts of the rule's kinds held in the month while owed
  MonthVerdict verdict = MonthVerdict::pending;
};

// Every calendar month touched by `owed` up to `now`, in order, with what was owed and done.
// A contact counts when it matches the rule's kinds and falls in an owed period.
std::vector<MonthCompliance> recurring_compliance(const RecurringRule& rule,
                                                  const std::vector<OwedPeriod>& owed,
                                                  const std::vector<ContactFact>& contacts,
                                                  Instant now);

// The periods a case owed `rule`, from its state history: `changes` lists each state the case
// entered, with the instant, in order.
std::vector<OwedPeriod> owed_periods(const RecurringRule& rule,
                                     const std::vector<std::pair<Instant, std::string>>& changes);

}  // namespace parcours
