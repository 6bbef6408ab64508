// Who may see and change what in the administration (SPEC SEC-1, ORG-2).
#include <algorithm>

#include "app/admin.h"

namespace parcours {
namespace {

// Roles that manage their own organisation (its members, places, details).
bool manages(const Actor& a, Id org_id) {
  return a.has_role_in(Role::spip_manager, org_id) ||
         a.has_role_in(Role::provider_coordinator, org_id) ||
         a.has_role_in(Role::disp_manager, org_id) || a.has_role_in(Role::plie_manager, org_id);
}

}  // namespace

bool can_administer(const Actor& a) {
  return a.is_admin();
}

bool has_admin_area(const Actor& a) {
  return a.is_admin() || a.has_role(Role::spip_manager) || a.has_role(Role::disp_manager) ||
         a.has_role(Role::provider_coordinator) || a.has_role(Role::plie_manager);
}

bool sees_contracts(const Actor& a) {
  return a.is_admin() || a.has_role(Role::disp_manager) || a.has_role(Role::spip_manager) ||
         a.has_role(Role::provider_coordinator);
}

bool can_view_organisation(const Actor& a, const Organisation& o) {
  if (a.is_admin() || a.is_member_of(o.id)) return true;
  // A SPIP's managers see its antennas and establishments.
  return o.parent_id != 0 && manages(a, o.parent_id);
}

bool can_edit_organisation(const Actor& a, const Organisation& o) {
  return a.is_admin() || manages(a, o.id);
}

bool can_manage_members(const Actor& a, const Organisation& o) {
  return a.is_admin() || manages(a, o.id);
}

bool can_manage_staff(const Actor& a, const Organisation& provider) {
  return provider.kind == OrgKind::provider &&
         (a.is_admin() || a.has_role_in(Role::provider_coordinator, provider.id));
}

bool can_view_contract(const Actor& a, const Contract& c) {
  return a.is_admin() || a.is_member_of(c.disp_org_id);
}

bool can_edit_contract(const Actor& a, const Contract& c) {
  return a.is_admin() || a.has_role_in(Role::disp_manager, c.disp_org_id);
}

bool can_view_lot(const Actor& a, const Contract& c, const Lot& l) {
  if (can_view_contract(a, c)) return true;
  if (l.provider_org_id != 0 && a.is_member_of(l.provider_org_id)) return true;
  return std::any_of(l.spip_ids.begin(), l.spip_ids.end(),
                     [&](Id s) { return a.has_role_in(Role::spip_manager, s); });
}

}  // namespace parcours
