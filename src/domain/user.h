// People who use Parcours and their roles in organisations (SPEC ORG-2, ORG-4).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/organisation.h"

namespace parcours {

enum class Role {
  cpip,                      // conseiller pénitentiaire d'insertion et de probation: prescriber
  spip_manager,              // DFSPIP or their deputy
  disp_manager,              // DISP contract manager
  provider_coordinator,      // provider coordinator
  intervenant_cip,           // provider intervenant, conseiller en insertion professionnelle
  intervenant_psychologist,  // provider intervenant, psychologue du travail (ADELI number)
  plie_manager,              // PLIE project manager
  siae_staff,                // SIAE CIP or technical supervisor
  admin,                     // administrator of the platform
};

struct User {
  Id id = 0;
  std::string email;      // unique, lower-case; the login
  std::string full_name;  // "Camille Durand"
  std::string phone;
  std::string qualification;  // ORG-4: "Psychologue du travail", "CIP niveau III"…
  std::string adeli;          // psychologists only: 9 digits
  bool active = true;
};

struct Membership {
  Id id = 0;
  Id user_id = 0;
  Id org_id = 0;
  Role role = Role::cpip;
};

const char* role_name(Role r);   // "cpip"
const char* role_label(Role r);  // "CPIP"
std::optional<Role> parse_role(const std::string& name);
const std::vector<Role>& all_roles();
// One line for the home page: what this role finds in Parcours.
const char* role_summary(Role r);

bool is_intervenant(Role r);
// ORG-2: the kind of organisation a role belongs to (admin: any).
bool role_fits_org(Role r, OrgKind k);

Status validate_user(const User& u);
// Checks one membership against the user (ADELI for psychologists) and its organisation.
Status validate_membership(const User& u, Role r, OrgKind org_kind);
// SEC-5: at least 12 characters; not only letters or only digits.
Status validate_password(const std::string& password);

}  // namespace parcours
