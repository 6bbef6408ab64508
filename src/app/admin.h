// Administration of organisations, people, contract and staff (SPEC ORG-1..5).
// Every function checks the actor's rights first (SEC-1), validates with the domain,
// and writes in one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/ports.h"

namespace parcours {

struct MemberView {
  Membership membership;
  User user;
};

struct AuthorisationView {
  AccessAuthorisation authorisation;
  User user;
  Organisation establishment;
  // ORG-4: asked at least one month before the start of the provider's contract (true when
  // the provider holds no lot yet).
  bool requested_in_time = true;
  Id provider_org_id = 0;  // the intervenant's employer
};

struct CoordinatorView {
  Organisation establishment;
  User user;
};

struct SubstituteView {
  Substitute substitute;
  User user;
};

struct OrganisationView {
  Organisation org;
  std::optional<Organisation> parent;
  std::vector<Organisation> children;
  std::vector<MemberView> members;
  std::vector<Place> places;
  std::vector<Lot> lots;                          // provider: lots held; SPIP: lots covering it
  std::vector<AuthorisationView> authorisations;  // provider only
  std::vector<CoordinatorView> coordinators;      // provider only
  std::vector<SubstituteView> substitutes;        // provider only
  bool can_edit = false;
  bool can_manage_members = false;
  bool can_manage_staff = false;
};

struct LotView {
  Lot lot;
  std::optional<Organisation> provider;
  std::vector<Organisation> spips;
  std::vector<VolumeAmendment> amendments;
  Volumes current;  // in force today (ORG-3)
};

struct ContractView {
  Contract contract;
  Organisation disp;
  Date ends_on{};
  std::vector<LotView> lots;
  bool can_edit = false;
};

struct UserView {
  User user;
  std::vector<ActorMembership> memberships;
  bool has_password = false;  // else the account waits for its invitation to be accepted
};

// ORG-2: « Actif », « Invitation envoyée » or « Désactivé ».
const char* account_status_label(const UserView& v);

// Rights, shared by pages and API (SEC-1).
bool can_administer(const Actor& a);  // platform administrator
// The administration area (/admin): an administrator or a manager of an organisation; a CPIP
// or an intervenant does not reach it (403).
bool has_admin_area(const Actor& a);
// Contract and lot pages: administrator, DISP, SPIP managers, provider coordinators.
bool sees_contracts(const Actor& a);
bool can_view_organisation(const Actor& a, const Organisation& o);
bool can_edit_organisation(const Actor& a, const Organisation& o);
bool can_manage_members(const Actor& a, const Organisation& o);
bool can_manage_staff(const Actor& a, const Organisation& provider);
bool can_view_contract(const Actor& a, const Contract& c);
bool can_edit_contract(const Actor& a, const Contract& c);
bool can_view_lot(const Actor& a, const Contract& c, const Lot& l);

class AdminService {
 public:
  AdminService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Organisations and places (ORG-1, ORG-5).
  Result<std::vector<Organisation>> organisations(const Actor& a, std::optional<OrgKind> kind);
  Result<OrganisationView> organisation(const Actor& a, Id id);
  // Names and codes of the active organisations of a kind, for choosing one in a form (an
  // establishment for an access authorisation…): a directory, without any member or staff.
  Result<std::vector<Organisation>> directory(const Actor& a, OrgKind kind);
  Result<Id> create_organisation(const Actor& a, Organisation o);
  Status update_organisation(const Actor& a, Organisation o);
  Result<Place> place(const Actor& a, Id id);
  Result<Id> create_place(const Actor& a, Place p);
  Status update_place(const Actor& a, Place p);

  // People (ORG-2).
  Result<std::vector<UserView>> users(const Actor& a);
  Result<UserView> user(const Actor& a, Id id);
  // Creates the account; with a password when given (else the user cannot sign in yet).
  Result<Id> create_user(const Actor& a, User u, const std::string& password);
  // ORG-2, SEC-5: creates the account in its organisation with its role, without a password,
  // and e-mails it an invitation to choose one (a one-time link).
  Result<Id> invite_user(const Actor& a, User u, Id org_id, Role role);
  // A new invitation (the previous link ends); `rule_violation` once a password is set.
  Status resend_invitation(const Actor& a, Id user_id);
  Status update_user(const Actor& a, User u);
  Status reset_password(const Actor& a, Id user_id, const std::string& password);
  Result<Id> add_membership(const Actor& a, Membership m);
  Status remove_membership(const Actor& a, Id membership_id);

  // Contract, lots, volume amendments (ORG-3).
  Result<std::vector<ContractView>> contracts(const Actor& a);
  Result<ContractView> contract(const Actor& a, Id id);
  Result<Id> create_contract(const Actor& a, Contract c);
  Status update_contract(const Actor& a, Contract c);
  Result<LotView> lot(const Actor& a, Id id);
  Result<std::vector<LotView>> lots(const Actor& a);
  Result<Id> create_lot(const Actor& a, Lot l);
  Status update_lot(const Actor& a, Lot l);
  Result<Id> add_amendment(const Actor& a, VolumeAmendment v);

  // Provider staff (ORG-4).
  Result<Id> add_authorisation(const Actor& a, AccessAuthorisation x);
  Status update_authorisation(const Actor& a, AccessAuthorisation x);
  Result<AuthorisationView> authorisation(const Actor& a, Id id);
  Status set_coordinator(const Actor& a, EstablishmentCoordinator c);
  Result<Id> add_substitute(const Actor& a, Substitute s);
  Status remove_substitute(const Actor& a, Id provider_org_id, Id substitute_id);

 private:
  Store& store_;
  const Clock& clock_;
};

// Checks that can be shared by imports: validates and inserts within an open transaction.
Result<Id> insert_organisation(Repos& r, Organisation o);
Result<Id> insert_user(Repos& r, User u);
Result<Id> insert_membership(Repos& r, const Membership& m);
Status check_lot_references(Repos& r, const Lot& l);

}  // namespace parcours
