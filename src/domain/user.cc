#include "domain/user.h"

#include <algorithm>
#include <cctype>

#include "domain/validation.h"

namespace parcours {
namespace {

struct RoleInfo {
  Role role;
  const char* name;
  const char* label;
  const char* summary;
};

constexpr RoleInfo kRoles[] = {
    {Role::cpip, "cpip", "CPIP",
     "Prescrire un accompagnement, valider les programmes proposés et suivre les personnes de "
     "votre "
     "SPIP."},
    {Role::spip_manager, "spip_manager", "Encadrement du SPIP",
     "Suivre l’activité du SPIP, les prescriptions et les délais de vos équipes."},
    {Role::disp_manager, "disp_manager", "Gestionnaire de marché (DISP)",
     "Piloter le marché : lots, volumes d’heures, états mensuels, délais et indicateurs."},
    {Role::provider_coordinator, "provider_coordinator", "Coordinateur prestataire",
     "Organiser les intervenants, les autorisations d’accès et le suivi des lots de votre "
     "structure."},
    {Role::intervenant_cip, "intervenant_cip", "Intervenant CIP",
     "Recevoir les prescriptions, mener les entretiens et les ateliers, saisir les émargements."},
    {Role::intervenant_psychologist, "intervenant_psychologist", "Psychologue du travail",
     "Recevoir les prescriptions, mener les entretiens et les ateliers, saisir les émargements."},
    {Role::plie_manager, "plie_manager", "Chef de projet PLIE",
     "Suivre les parcours PLIE, préparer les commissions et les bilans."},
    {Role::siae_staff, "siae_staff", "Équipe SIAE",
     "Suivre les parcours IAE en détention et le cahier de transmission avec le SPIP."},
    {Role::admin, "admin", "Administrateur",
     "Gérer les organisations, les utilisateurs, le marché et ses lots."},
};

}  // namespace

const char* role_name(Role r) {
  for (const auto& i : kRoles)
    if (i.role == r) return i.name;
  return "cpip";
}

const char* role_label(Role r) {
  for (const auto& i : kRoles)
    if (i.role == r) return i.label;
  return "";
}

const char* role_summary(Role r) {
  for (const auto& i : kRoles)
    if (i.role == r) return i.summary;
  return "";
}

std::optional<Role> parse_role(const std::string& name) {
  for (const auto& i : kRoles)
    if (name == i.name) return i.role;
  return std::nullopt;
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> v;
    for (const auto& i : kRoles) v.push_back(i.role);
    return v;
  }();
  return roles;
}

bool is_intervenant(Role r) {
  return r == Role::intervenant_cip || r == Role::intervenant_psychologist;
}

bool role_fits_org(Role r, OrgKind k) {
  switch (r) {
    case Role::cpip:
    case Role::spip_manager:
      return k == OrgKind::spip || k == OrgKind::antenna;
    case Role::disp_manager:
      return k == OrgKind::disp;
    case Role::provider_coordinator:
    case Role::intervenant_cip:
    case Role::intervenant_psychologist:
      return k == OrgKind::provider;
    case Role::plie_manager:
      return k == OrgKind::plie;
    case Role::siae_staff:
      return k == OrgKind::siae;
    case Role::admin:
      return true;
  }
  return false;
}

Status validate_user(const User& u) {
  Validator v;
  v.require_text("full_name", u.full_name, "Le nom", 200);
  if (is_blank(u.email))
    v.add("email", "L’adresse e-mail est obligatoire.");
  else if (!is_email(u.email))
    v.add("email", "L’adresse e-mail « " + u.email + " » n’est pas valide.");
  if (!u.adeli.empty() && !is_adeli(u.adeli))
    v.add("adeli", "Le numéro ADELI comporte exactement 9 chiffres.");
  v.max_text("qualification", u.qualification, "La qualification", 200);
  v.max_text("phone", u.phone, "Le téléphone", 40);
  return v.status("L’utilisateur n’est pas valide.");
}

Status validate_membership(const User& u, Role r, OrgKind org_kind) {
  Validator v;
  if (!role_fits_org(r, org_kind))
    v.add("role", std::string("Le rôle « ") + role_label(r) +
                      " » ne s’exerce pas dans une organisation de type « " +
                      org_kind_label(org_kind) + " ».");
  // SPEC ORG-2 / ORG-4: a psychologist has an ADELI number.
  if (r == Role::intervenant_psychologist && !is_adeli(u.adeli))
    v.add("adeli", "Un psychologue du travail doit avoir un numéro ADELI (9 chiffres).");
  return v.status("Le rattachement n’est pas valide.");
}

Status validate_password(const std::string& password) {
  if (utf8_length(password) < 12)
    return invalid("Le mot de passe doit contenir au moins 12 caractères.");
  if (password.size() > 1024) return invalid("Le mot de passe est trop long.");
  bool all_alpha = std::all_of(password.begin(), password.end(),
                               [](unsigned char c) { return std::isalpha(c); });
  bool all_digit = std::all_of(password.begin(), password.end(),
                               [](unsigned char c) { return std::isdigit(c); });
  if (all_alpha || all_digit)
    return invalid("Le mot de passe doit mêler lettres et chiffres ou autres caractères.");
  return {};
}

}  // namespace parcours
