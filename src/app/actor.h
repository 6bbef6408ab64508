// Who is acting: a signed-in user with their memberships (SPEC ORG-2, SEC-1).
#pragma once

#include <string>
#include <vector>

#include "domain/organisation.h"
#include "domain/user.h"

namespace parcours {

struct ActorMembership {
  Membership membership;
  Organisation org;
};

struct Actor {
  User user;
  std::vector<ActorMembership> memberships;
  // The client's address, filled by the HTTP layer for the audit trail (SEC-2); "" when
  // unknown (command line, tests).
  std::string remote_addr;

  bool has_role(Role r) const;
  bool is_admin() const { return has_role(Role::admin); }
  // True when the actor holds role r in organisation org_id.
  bool has_role_in(Role r, Id org_id) const;
  bool is_member_of(Id org_id) const;
  // Organisations where the actor holds one of the given roles.
  std::vector<Id> orgs_with(std::initializer_list<Role> roles) const;
  // "CPIP — SPIP du Cher" for the header.
  std::string roles_text() const;
};

// Loads the actor's memberships with their organisations.
struct Repos;
Actor load_actor(Repos& r, const User& u);

}  // namespace parcours
