// PPAIP-1 eligibility with the shipped PPAIP configuration.
#include "domain/eligibility.h"

#include <gtest/gtest.h>

#include "domain/testing/shipped_ppaip.h"

namespace parcours {
namespace {

using namespace date::literals;

const ProgrammeConfig& ppaip() {
  return testing::shipped_ppaip();
}

EligibilityFacts eligible(Milieu m) {
  EligibilityFacts f;
  f.birth_date = 1990_y / date::May / 12;
  f.prescribed_on = 2025_y / date::March / 3;
  f.milieu = m;
  f.status = JudicialStatus::condamne;
  f.followed_by_spip = true;
  f.volunteer = true;
  f.needs_support = true;
  f.legal_residence = true;
  return f;
}

TEST(Eligibility, PPAIP_1_EveryShippedRuleIsKnown) {
  for (const auto& r : ppaip().eligibility_rules) EXPECT_TRUE(eligibility_rule_known(r.id)) << r.id;
}

TEST(Eligibility, PPAIP_1_EligiblePersonPasses) {
  const auto c = ppaip();
  EXPECT_TRUE(check_eligibility(c, eligible(Milieu::closed)).ok());
  EXPECT_TRUE(check_eligibility(c, eligible(Milieu::open)).ok());
}

TEST(Eligibility, PPAIP_1_MinorIsRefusedWithTheRuleNamed) {
  auto f = eligible(Milieu::closed);
  f.birth_date = 2007_y / date::March / 4;  // 18 the day after the prescription
  auto s = check_eligibility(ppaip(), f);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::rule_violation);
  EXPECT_NE(s.error().message.find("Être majeur"), std::string::npos) << s.error().message;
  ASSERT_EQ(s.error().details.size(), 1u);
  EXPECT_EQ(s.error().details[0].field, "adult");
  f.birth_date = 2007_y / date::March / 3;  // 18 that very day
  EXPECT_TRUE(check_eligibility(ppaip(), f).ok());
}

TEST(Eligibility, PPAIP_1_LegalResidenceIsRequiredInMilieuOuvertOnly) {
  auto f = eligible(Milieu::closed);
  f.legal_residence = false;
  EXPECT_TRUE(check_eligibility(ppaip(), f).ok());
  f.milieu = Milieu::open;
  auto s = check_eligibility(ppaip(), f);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().details.at(0).field, "legal_residence");
}

TEST(Eligibility, PPAIP_1_EveryFailedRuleIsListed) {
  auto f = eligible(Milieu::closed);
  f.volunteer = false;
  f.status = JudicialStatus::none;
  auto s = check_eligibility(ppaip(), f);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().details.size(), 2u);
  f.milieu = Milieu::none;
  EXPECT_EQ(check_eligibility(ppaip(), f).error().code, ErrorCode::invalid);
}

}  // namespace
}  // namespace parcours
