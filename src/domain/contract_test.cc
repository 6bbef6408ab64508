#include "domain/contract.h"

#include <gtest/gtest.h>

namespace parcours {
namespace {

using namespace date::literals;

Lot lot1() {
  Lot l;
  l.id = 1;
  l.number = 1;
  l.label = "SPIP du Cher — SPIP de l’Indre";
  l.spip_ids = {10, 11};
  l.individual_hours = 660;
  l.collective_hours = 300;
  return l;
}

TEST(Contract, ORG_3_ContractEndsAfter24MonthsPlusUsedRenewals) {
  Contract c;
  c.start_date = 2025_y / date::January / 1;
  EXPECT_EQ(contract_end(c), 2027_y / date::January / 1);
  c.renewals_used = 2;
  EXPECT_EQ(contract_end(c), 2029_y / date::January / 1);
  c.reference = "DISP21-PPAIP";
  c.title = "PPAIP";
  EXPECT_TRUE(validate_contract(c).ok());
  c.renewals_used = 3;  // more than the 2 renewals of the contract
  EXPECT_FALSE(validate_contract(c).ok());
}

TEST(Contract, ORG_3_VolumesInForceFollowDatedAmendments) {
  const Lot l = lot1();
  std::vector<VolumeAmendment> a = {{1, 1, 2025_y / date::June / 1, 120, -50, "Hausse"},
                                    {2, 1, 2026_y / date::January / 1, -20, 0, "Baisse"},
                                    {3, 2, 2025_y / date::February / 1, 999, 999, "Autre lot"}};
  EXPECT_EQ(volumes_on(l, a, 2025_y / date::May / 31).individual_hours, 660);
  EXPECT_EQ(volumes_on(l, a, 2025_y / date::June / 1).individual_hours, 780);
  EXPECT_EQ(volumes_on(l, a, 2025_y / date::June / 1).collective_hours, 250);
  EXPECT_EQ(volumes_on(l, a, 2026_y / date::March / 1).individual_hours, 760);
}

TEST(Contract, ORG_3_AmendmentMayNotMakeAVolumeNegative) {
  VolumeAmendment cut{0, 1, 2025_y / date::June / 1, 0, -301, "Réduction"};
  auto s = validate_amendment(cut, lot1(), Volumes{660, 300});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().details.at(0).message, "Le volume d’heures collectives deviendrait négatif.");
  VolumeAmendment none{0, 1, 2025_y / date::June / 1, 0, 0, "Rien"};
  EXPECT_FALSE(validate_amendment(none, lot1(), Volumes{660, 300}).ok());
}

TEST(Contract, ORG_3_LotCoversAtLeastOneSpip) {
  Lot l = lot1();
  EXPECT_TRUE(validate_lot(l).ok());
  l.spip_ids.clear();
  l.individual_hours = -1;
  auto s = validate_lot(l);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().details.size(), 2u);
}

TEST(Contract, ORG_4_AccessRequestedAtLeastOneMonthBeforeStart) {
  AccessAuthorisation a;
  a.user_id = 1;
  a.establishment_id = 2;
  a.requested_on = 2024_y / date::December / 1;
  EXPECT_TRUE(requested_in_time(a, 2025_y / date::January / 1));
  a.requested_on = 2024_y / date::December / 2;
  EXPECT_FALSE(requested_in_time(a, 2025_y / date::January / 1));
  a.granted_on = 2024_y / date::November / 30;  // before the request
  EXPECT_FALSE(validate_authorisation(a).ok());
}

TEST(Contract, EurosAreParsedAndPrintedTheFrenchWay) {
  EXPECT_EQ(*parse_euros("58,50"), 5850);
  EXPECT_EQ(*parse_euros("58.5"), 5850);
  EXPECT_EQ(*parse_euros(" 75 "), 7500);
  EXPECT_FALSE(parse_euros("58,505").ok());
  EXPECT_FALSE(parse_euros("-3").ok());
  EXPECT_FALSE(parse_euros("douze").ok());
  EXPECT_EQ(format_euros(123456789), "1\u202f234\u202f567,89\u00a0€");
  EXPECT_EQ(format_euros(5850), "58,50\u00a0€");
}

}  // namespace
}  // namespace parcours
