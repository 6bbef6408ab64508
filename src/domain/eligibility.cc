#include "domain/eligibility.h"

#include <algorithm>
#include <functional>
#include <map>

namespace parcours {
namespace {

bool adult_on(Date birth, Date on) {
  if (!birth.ok() || !on.ok()) return false;
  return date::sys_days{add_months(birth, 18 * 12)} <= date::sys_days{on};
}

using Check = std::function<bool(const EligibilityFacts&)>;

const std::map<std::string, Check>& checks() {
  static const std::map<std::string, Check> table = {
      {"adult", [](const EligibilityFacts& f) { return adult_on(f.birth_date, f.prescribed_on); }},
      {"followed_by_spip",
       [](const EligibilityFacts& f) {
         return f.followed_by_spip && f.status != JudicialStatus::none;
       }},
      {"volunteer", [](const EligibilityFacts& f) { return f.volunteer; }},
      {"needs_support", [](const EligibilityFacts& f) { return f.needs_support; }},
      {"legal_residence", [](const EligibilityFacts& f) { return f.legal_residence; }},
  };
  return table;
}

bool applies(const EligibilityRule& r, Milieu m) {
  return std::find(r.milieux.begin(), r.milieux.end(), m) != r.milieux.end();
}

}  // namespace

bool eligibility_rule_known(const std::string& id) {
  return checks().count(id) > 0;
}

Status check_eligibility(const ProgrammeConfig& config, const EligibilityFacts& facts) {
  if (facts.milieu == Milieu::none)
    return invalid("Précisez si la personne est suivie en milieu fermé ou en milieu ouvert.",
                   {{"milieu", "Milieu fermé ou ouvert ?"}});
  std::vector<FieldError> failed;
  for (const auto& rule : config.eligibility_rules) {
    if (!applies(rule, facts.milieu)) continue;
    auto check = checks().find(rule.id);
    if (check == checks().end())
      return invalid("Règle d’éligibilité inconnue : « " + rule.id + " ».");
    if (!check->second(facts)) failed.push_back({rule.id, rule.label});
  }
  if (failed.empty()) return {};
  std::string message = "Prescription refusée : condition d’éligibilité non remplie — ";
  for (std::size_t i = 0; i < failed.size(); ++i) message += (i ? " ; " : "") + failed[i].message;
  Error e = rule_violation(message + ".");
  e.details = failed;
  return e;
}

}  // namespace parcours
