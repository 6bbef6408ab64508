#include "app/actor.h"

#include <algorithm>

#include "app/ports.h"

namespace parcours {

bool Actor::has_role(Role r) const {
  return std::any_of(memberships.begin(), memberships.end(),
                     [&](const ActorMembership& m) { return m.membership.role == r; });
}

bool Actor::has_role_in(Role r, Id org_id) const {
  return std::any_of(memberships.begin(), memberships.end(), [&](const ActorMembership& m) {
    return m.membership.role == r && m.membership.org_id == org_id;
  });
}

bool Actor::is_member_of(Id org_id) const {
  return std::any_of(memberships.begin(), memberships.end(),
                     [&](const ActorMembership& m) { return m.membership.org_id == org_id; });
}

std::vector<Id> Actor::orgs_with(std::initializer_list<Role> roles) const {
  std::vector<Id> out;
  for (const auto& m : memberships)
    if (std::find(roles.begin(), roles.end(), m.membership.role) != roles.end() &&
        std::find(out.begin(), out.end(), m.org.id) == out.end())
      out.push_back(m.org.id);
  return out;
}

std::string Actor::roles_text() const {
  std::string text;
  for (const auto& m : memberships) {
    if (!text.empty()) text += " · ";
    text += std::string(role_label(m.membership.role)) + " — " + m.org.name;
  }
  return text;
}

Actor load_actor(Repos& r, const User& u) {
  Actor a{u, {}, {}};
  for (const auto& m : r.users.memberships_of(u.id)) {
    if (auto org = r.orgs.find(m.org_id)) a.memberships.push_back({m, *org});
  }
  return a;
}

}  // namespace parcours
