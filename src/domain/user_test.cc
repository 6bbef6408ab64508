#include "domain/user.h"

#include <gtest/gtest.h>

#include "domain/validation.h"

namespace parcours {
namespace {

User psychologist(const std::string& adeli) {
  User u;
  u.email = "helene.garnier@exemple.fr";
  u.full_name = "Hélène Garnier";
  u.adeli = adeli;
  return u;
}

TEST(User, ORG_2_PsychologistNeedsAnAdeliNumber) {
  EXPECT_TRUE(validate_membership(psychologist("759312345"), Role::intervenant_psychologist,
                                  OrgKind::provider)
                  .ok());
  auto s = validate_membership(psychologist(""), Role::intervenant_psychologist, OrgKind::provider);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().details.at(0).field, "adeli");
  EXPECT_FALSE(validate_user(psychologist("12345")).ok());  // not 9 digits
}

TEST(User, ORG_2_RoleMustFitTheOrganisation) {
  User u = psychologist("");
  EXPECT_TRUE(validate_membership(u, Role::cpip, OrgKind::spip).ok());
  EXPECT_TRUE(validate_membership(u, Role::cpip, OrgKind::antenna).ok());
  auto s = validate_membership(u, Role::cpip, OrgKind::provider);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().details.at(0).message,
            "Le rôle « CPIP » ne s’exerce pas dans une organisation de type « Prestataire ».");
  EXPECT_TRUE(validate_membership(u, Role::disp_manager, OrgKind::disp).ok());
  EXPECT_TRUE(validate_membership(u, Role::admin, OrgKind::partner).ok());
}

TEST(User, ORG_2_EveryRoleHasAFrenchLabelAndRoundTrips) {
  for (Role r : all_roles()) {
    EXPECT_EQ(parse_role(role_name(r)), r);
    EXPECT_FALSE(std::string(role_label(r)).empty());
    EXPECT_FALSE(std::string(role_summary(r)).empty());
  }
  EXPECT_FALSE(parse_role("chef").has_value());
}

TEST(User, SEC_5_PasswordPolicy) {
  EXPECT_TRUE(validate_password("Parcours-demo-2025").ok());
  EXPECT_EQ(validate_password("court-1").error().message,
            "Le mot de passe doit contenir au moins 12 caractères.");
  EXPECT_FALSE(validate_password("seulementdeslettres").ok());
  EXPECT_FALSE(validate_password("123456789012").ok());
  // Length counts characters, not bytes.
  EXPECT_FALSE(validate_password("éééééééééé1").ok());
}

TEST(Validation, FormatsOfCodesDepartementsAndEmails) {
  EXPECT_TRUE(is_departement("18"));
  EXPECT_TRUE(is_departement("2A"));
  EXPECT_TRUE(is_departement("974"));
  EXPECT_TRUE(is_departement("25/39"));
  EXPECT_FALSE(is_departement("1"));
  EXPECT_FALSE(is_departement("25/"));
  EXPECT_TRUE(is_email("camille.durand@justice.fr"));
  EXPECT_FALSE(is_email("camille@durand"));
  EXPECT_FALSE(is_email("a@b@c.fr"));
  EXPECT_TRUE(is_code("EP-DEMO-18_MA"));
  EXPECT_FALSE(is_code("SPIP 18"));
  EXPECT_EQ(utf8_length("Élodie"), 6u);
}

}  // namespace
}  // namespace parcours
