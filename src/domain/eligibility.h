// PPAIP-1 eligibility: which rules apply is configuration (eligibility_rules of the programme,
// per milieu); what each rule checks is code, here. A refusal names every failed rule.
#pragma once

#include <string>

#include "domain/programme.h"

namespace parcours {

enum class JudicialStatus { none, prevenu, condamne };

// What the prescriber states or the file holds when prescribing.
struct EligibilityFacts {
  Date birth_date{};
  Date prescribed_on{};
  Milieu milieu = Milieu::none;  // MF or MO
  JudicialStatus status = JudicialStatus::none;
  bool followed_by_spip = false;
  bool volunteer = false;
  bool needs_support = false;
  bool legal_residence = false;
};

// True when this code knows how to check the rule id (every id of a configuration must be).
bool eligibility_rule_known(const std::string& id);
// Ok, or rule_violation whose message names the failed rules in French and whose details list
// them one by one (field = rule id). `invalid` for a rule id this code does not know.
Status check_eligibility(const ProgrammeConfig& config, const EligibilityFacts& facts);

}  // namespace parcours
