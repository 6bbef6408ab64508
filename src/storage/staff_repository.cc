// Provider staff: access authorisations, coordinators, substitutes (SPEC ORG-4).
#include "storage/error_mapping.h"
#include "storage/repositories.h"
#include "storage/row_util.h"

namespace parcours::storage {
namespace {

constexpr const char* kAuthorisationColumns =
    "SELECT id, user_id, establishment_id, requested_on, granted_on, ends_on "
    "FROM access_authorisations";

AccessAuthorisation read_authorisation(const soci::row& row) {
  RowReader r(row);
  AccessAuthorisation a;
  a.id = r.integer();
  a.user_id = r.integer();
  a.establishment_id = r.integer();
  a.requested_on = r.date();
  a.granted_on = r.date_or_null();
  a.ends_on = r.date_or_null();
  return a;
}

Params authorisation_params(const AccessAuthorisation& a) {
  Params p;
  p.integer(a.user_id).integer(a.establishment_id).date(a.requested_on);
  p.date_or_null(a.granted_on).date_or_null(a.ends_on);
  return p;
}

}  // namespace

Id SqlStaffRepository::insert_authorisation(const AccessAuthorisation& a) {
  return insert_returning_id(
      sql_,
      "INSERT INTO access_authorisations (user_id, establishment_id, requested_on, granted_on, "
      "ends_on) VALUES (:user_id, :establishment_id, :requested_on, :granted_on, :ends_on) "
      "RETURNING id",
      authorisation_params(a));
}

void SqlStaffRepository::update_authorisation(const AccessAuthorisation& a) {
  Params p = authorisation_params(a);
  p.integer(a.id);
  long long changed = execute(sql_,
                              "UPDATE access_authorisations SET user_id = :user_id, "
                              "establishment_id = :establishment_id, requested_on = :requested_on, "
                              "granted_on = :granted_on, ends_on = :ends_on WHERE id = :id",
                              std::move(p));
  if (changed == 0) throw RowMissing("access_authorisations");
}

std::optional<AccessAuthorisation> SqlStaffRepository::find_authorisation(Id id) {
  std::optional<AccessAuthorisation> out;
  fetch_one(sql_, std::string(kAuthorisationColumns) + " WHERE id = :id", Params().integer(id),
            [&](const soci::row& row) { out = read_authorisation(row); });
  return out;
}

std::vector<AccessAuthorisation> SqlStaffRepository::authorisations_of_user(Id user_id) {
  std::vector<AccessAuthorisation> out;
  for_each_row(
      sql_,
      std::string(kAuthorisationColumns) + " WHERE user_id = :user_id ORDER BY requested_on, id",
      Params().integer(user_id),
      [&](const soci::row& row) { out.push_back(read_authorisation(row)); });
  return out;
}

// ORG-4: one coordinator per (provider, establishment); setting replaces the previous one.
void SqlStaffRepository::set_coordinator(const EstablishmentCoordinator& c) {
  execute(
      sql_,
      "INSERT INTO establishment_coordinators (provider_org_id, establishment_id, user_id) "
      "VALUES (:provider_org_id, :establishment_id, :user_id) "
      "ON CONFLICT (provider_org_id, establishment_id) DO UPDATE SET user_id = excluded.user_id",
      Params().integer(c.provider_org_id).integer(c.establishment_id).integer(c.user_id));
}

std::vector<EstablishmentCoordinator> SqlStaffRepository::coordinators_of(Id provider_org_id) {
  std::vector<EstablishmentCoordinator> out;
  for_each_row(sql_,
               "SELECT provider_org_id, establishment_id, user_id FROM establishment_coordinators "
               "WHERE provider_org_id = :provider_org_id ORDER BY establishment_id",
               Params().integer(provider_org_id), [&](const soci::row& row) {
                 RowReader r(row);
                 EstablishmentCoordinator c;
                 c.provider_org_id = r.integer();
                 c.establishment_id = r.integer();
                 c.user_id = r.integer();
                 out.push_back(c);
               });
  return out;
}

Id SqlStaffRepository::add_substitute(const Substitute& s) {
  return insert_returning_id(sql_,
                             "INSERT INTO substitutes (provider_org_id, user_id, note) "
                             "VALUES (:provider_org_id, :user_id, :note) RETURNING id",
                             Params().integer(s.provider_org_id).integer(s.user_id).text(s.note));
}

void SqlStaffRepository::remove_substitute(Id id) {
  execute(sql_, "DELETE FROM substitutes WHERE id = :id", Params().integer(id));
}

std::vector<Substitute> SqlStaffRepository::substitutes_of(Id provider_org_id) {
  std::vector<Substitute> out;
  for_each_row(sql_,
               "SELECT id, provider_org_id, user_id, note FROM substitutes "
               "WHERE provider_org_id = :provider_org_id ORDER BY id",
               Params().integer(provider_org_id), [&](const soci::row& row) {
                 RowReader r(row);
                 Substitute s;
                 s.id = r.integer();
                 s.provider_org_id = r.integer();
                 s.user_id = r.integer();
                 s.note = r.text();
                 out.push_back(s);
               });
  return out;
}

}  // namespace parcours::storage
