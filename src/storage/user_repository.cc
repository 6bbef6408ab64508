// People who use Parcours and their memberships (SPEC ORG-2, ORG-4, SEC-5).
#include <algorithm>
#include <stdexcept>

#include "storage/error_mapping.h"
#include "storage/repositories.h"
#include "storage/row_util.h"

namespace parcours::storage {
namespace {

constexpr const char* kUserColumns =
    "SELECT id, email, full_name, phone, qualification, adeli, active FROM users";

constexpr const char* kMembershipColumns = "SELECT id, user_id, org_id, role FROM memberships";

User read_user(const soci::row& row) {
  RowReader r(row);
  User u;
  u.id = r.integer();
  u.email = r.text();
  u.full_name = r.text();
  u.phone = r.text();
  u.qualification = r.text();
  u.adeli = r.text();
  u.active = r.boolean();
  return u;
}

Membership read_membership(const soci::row& row) {
  RowReader r(row);
  Membership m;
  m.id = r.integer();
  m.user_id = r.integer();
  m.org_id = r.integer();
  std::string role = r.text();
  auto parsed = parse_role(role);
  if (!parsed) throw std::runtime_error("unknown memberships.role '" + role + "'");
  m.role = *parsed;
  return m;
}

Params user_params(const User& u) {
  Params p;
  p.text(ascii_lower(u.email)).text(u.full_name).text(u.phone).text(u.qualification);
  p.text(u.adeli).boolean(u.active);
  return p;
}

std::vector<Membership> query_memberships(soci::session& sql, const std::string& where, Id id) {
  std::vector<Membership> out;
  for_each_row(sql, std::string(kMembershipColumns) + " WHERE " + where + " ORDER BY id",
               Params().integer(id),
               [&](const soci::row& row) { out.push_back(read_membership(row)); });
  return out;
}

}  // namespace

Id SqlUserRepository::insert(const User& u) {
  return insert_returning_id(sql_,
                             "INSERT INTO users (email, full_name, phone, qualification, adeli, "
                             "active) VALUES (:email, :full_name, :phone, :qualification, :adeli, "
                             ":active) RETURNING id",
                             user_params(u));
}

void SqlUserRepository::update(const User& u) {
  Params p = user_params(u);
  p.integer(u.id);
  long long changed = execute(sql_,
                              "UPDATE users SET email = :email, full_name = :full_name, "
                              "phone = :phone, qualification = :qualification, adeli = :adeli, "
                              "active = :active WHERE id = :id",
                              std::move(p));
  if (changed == 0) throw RowMissing("users");
}

std::optional<User> SqlUserRepository::find(Id id) {
  std::optional<User> out;
  fetch_one(sql_, std::string(kUserColumns) + " WHERE id = :id", Params().integer(id),
            [&](const soci::row& row) { out = read_user(row); });
  return out;
}

std::optional<User> SqlUserRepository::find_by_email(const std::string& email) {
  std::optional<User> out;
  fetch_one(sql_, std::string(kUserColumns) + " WHERE email = :email",
            Params().text(ascii_lower(email)), [&](const soci::row& row) { out = read_user(row); });
  return out;
}

std::vector<User> SqlUserRepository::list() {
  std::vector<std::pair<std::string, User>> keyed;
  for_each_row(sql_, std::string(kUserColumns) + " ORDER BY id", {}, [&](const soci::row& row) {
    User u = read_user(row);
    keyed.emplace_back(sort_key(u.full_name), std::move(u));
  });
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<User> out;
  out.reserve(keyed.size());
  for (auto& [key, u] : keyed) out.push_back(std::move(u));
  return out;
}

void SqlUserRepository::set_password_hash(Id user_id, const std::string& hash) {
  long long changed = execute(sql_, "UPDATE users SET password_hash = :hash WHERE id = :id",
                              Params().text(hash).integer(user_id));
  if (changed == 0) throw RowMissing("users");
}

std::optional<std::string> SqlUserRepository::password_hash(Id user_id) {
  std::optional<std::string> out;
  fetch_one(sql_, "SELECT password_hash FROM users WHERE id = :id", Params().integer(user_id),
            [&](const soci::row& row) {
              if (row.get_indicator(0) != soci::i_null) out = RowReader(row).text();
            });
  return out;
}

Id SqlUserRepository::add_membership(const Membership& m) {
  return insert_returning_id(sql_,
                             "INSERT INTO memberships (user_id, org_id, role) "
                             "VALUES (:user_id, :org_id, :role) RETURNING id",
                             Params().integer(m.user_id).integer(m.org_id).text(role_name(m.role)));
}

void SqlUserRepository::remove_membership(Id membership_id) {
  execute(sql_, "DELETE FROM memberships WHERE id = :id", Params().integer(membership_id));
}

std::vector<Membership> SqlUserRepository::memberships_of(Id user_id) {
  return query_memberships(sql_, "user_id = :user_id", user_id);
}

std::optional<Membership> SqlUserRepository::find_membership(Id membership_id) {
  auto found = query_memberships(sql_, "id = :id", membership_id);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<Membership> SqlUserRepository::members_of(Id org_id) {
  return query_memberships(sql_, "org_id = :org_id", org_id);
}

}  // namespace parcours::storage
