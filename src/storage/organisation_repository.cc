// Organisations and their places (SPEC ORG-1, ORG-5).
#include <algorithm>
#include <stdexcept>

#include "storage/error_mapping.h"
#include "storage/repositories.h"
#include "storage/row_util.h"

namespace parcours::storage {
namespace {

constexpr const char* kOrgColumns =
    "SELECT id, kind, name, code, parent_id, departement, milieu, address, phone, email, active, "
    "version FROM organisations";

constexpr const char* kPlaceColumns =
    "SELECT id, org_id, name, address, phone, capacity, availability, public_transport, version "
    "FROM places";

Organisation read_org(const soci::row& row) {
  RowReader r(row);
  Organisation o;
  o.id = r.integer();
  std::string kind = r.text();
  auto parsed_kind = parse_org_kind(kind);
  if (!parsed_kind) throw std::runtime_error("unknown organisations.kind '" + kind + "'");
  o.kind = *parsed_kind;
  o.name = r.text();
  o.code = r.text();
  o.parent_id = r.id_or_zero();
  o.departement = r.text();
  std::string milieu = r.text();
  auto parsed_milieu = parse_milieu(milieu);
  if (!parsed_milieu) throw std::runtime_error("unknown organisations.milieu '" + milieu + "'");
  o.milieu = *parsed_milieu;
  o.address = r.text();
  o.phone = r.text();
  o.email = r.text();
  o.active = r.boolean();
  o.version = r.int32();
  return o;
}

Place read_place(const soci::row& row) {
  RowReader r(row);
  Place p;
  p.id = r.integer();
  p.org_id = r.integer();
  p.name = r.text();
  p.address = r.text();
  p.phone = r.text();
  p.capacity = r.int32();
  p.availability = r.text();
  p.public_transport = r.boolean();
  p.version = r.int32();
  return p;
}

// The columns after id, in table order, for INSERT and UPDATE.
Params org_params(const Organisation& o) {
  Params p;
  p.text(org_kind_name(o.kind)).text(o.name).text(o.code).id_or_null(o.parent_id);
  p.text(o.departement).text(milieu_name(o.milieu)).text(o.address).text(o.phone);
  p.text(o.email).boolean(o.active);
  return p;
}

Params place_params(const Place& pl) {
  Params p;
  p.integer(pl.org_id).text(pl.name).text(pl.address).text(pl.phone).integer(pl.capacity);
  p.text(pl.availability).boolean(pl.public_transport);
  return p;
}

int kind_rank(OrgKind k) {
  const auto& kinds = all_org_kinds();
  return static_cast<int>(std::find(kinds.begin(), kinds.end(), k) - kinds.begin());
}

// Kind (enum order), then name folded the French way, then id.
void sort_orgs(std::vector<Organisation>& orgs) {
  std::vector<std::pair<std::string, Organisation>> keyed;
  keyed.reserve(orgs.size());
  for (auto& o : orgs) keyed.emplace_back(sort_key(o.name), std::move(o));
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    int ra = kind_rank(a.second.kind), rb = kind_rank(b.second.kind);
    if (ra != rb) return ra < rb;
    if (a.first != b.first) return a.first < b.first;
    return a.second.id < b.second.id;
  });
  orgs.clear();
  for (auto& [key, o] : keyed) orgs.push_back(std::move(o));
}

std::vector<Organisation> query_orgs(soci::session& sql, const std::string& query, Params params) {
  std::vector<Organisation> out;
  for_each_row(sql, query, std::move(params),
               [&](const soci::row& row) { out.push_back(read_org(row)); });
  sort_orgs(out);
  return out;
}

}  // namespace

Id SqlOrganisationRepository::insert(const Organisation& o) {
  return insert_returning_id(
      sql_,
      "INSERT INTO organisations (kind, name, code, parent_id, departement, milieu, address, "
      "phone, email, active) VALUES (:kind, :name, :code, :parent_id, :departement, :milieu, "
      ":address, :phone, :email, :active) RETURNING id",
      org_params(o));
}

void SqlOrganisationRepository::update(const Organisation& o) {
  update_versioned(
      sql_, "organisations",
      "UPDATE organisations SET kind = :kind, name = :name, code = :code, parent_id = :parent_id, "
      "departement = :departement, milieu = :milieu, address = :address, phone = :phone, "
      "email = :email, active = :active, version = version + 1 WHERE id = :id AND version = "
      ":version",
      org_params(o), o.id, o.version);
}

std::optional<Organisation> SqlOrganisationRepository::find(Id id) {
  std::optional<Organisation> out;
  fetch_one(sql_, std::string(kOrgColumns) + " WHERE id = :id", Params().integer(id),
            [&](const soci::row& row) { out = read_org(row); });
  return out;
}

std::optional<Organisation> SqlOrganisationRepository::find_by_code(const std::string& code) {
  std::optional<Organisation> out;
  fetch_one(sql_, std::string(kOrgColumns) + " WHERE code = :code", Params().text(code),
            [&](const soci::row& row) { out = read_org(row); });
  return out;
}

std::vector<Organisation> SqlOrganisationRepository::list(std::optional<OrgKind> kind) {
  if (!kind) return query_orgs(sql_, kOrgColumns, {});
  return query_orgs(sql_, std::string(kOrgColumns) + " WHERE kind = :kind",
                    Params().text(org_kind_name(*kind)));
}

std::vector<Organisation> SqlOrganisationRepository::children(Id parent_id) {
  return query_orgs(sql_, std::string(kOrgColumns) + " WHERE parent_id = :parent_id",
                    Params().integer(parent_id));
}

Id SqlOrganisationRepository::insert_place(const Place& p) {
  return insert_returning_id(
      sql_,
      "INSERT INTO places (org_id, name, address, phone, capacity, availability, "
      "public_transport) VALUES (:org_id, :name, :address, :phone, :capacity, :availability, "
      ":public_transport) RETURNING id",
      place_params(p));
}

void SqlOrganisationRepository::update_place(const Place& p) {
  update_versioned(
      sql_, "places",
      "UPDATE places SET org_id = :org_id, name = :name, address = :address, phone = :phone, "
      "capacity = :capacity, availability = :availability, public_transport = :public_transport "
      ", version = version + 1 WHERE id = :id AND version = :version",
      place_params(p), p.id, p.version);
}

std::optional<Place> SqlOrganisationRepository::find_place(Id id) {
  std::optional<Place> out;
  fetch_one(sql_, std::string(kPlaceColumns) + " WHERE id = :id", Params().integer(id),
            [&](const soci::row& row) { out = read_place(row); });
  return out;
}

std::vector<Place> SqlOrganisationRepository::places_of(Id org_id) {
  std::vector<std::pair<std::string, Place>> keyed;
  for_each_row(sql_, std::string(kPlaceColumns) + " WHERE org_id = :org_id ORDER BY id",
               Params().integer(org_id), [&](const soci::row& row) {
                 Place p = read_place(row);
                 keyed.emplace_back(sort_key(p.name), std::move(p));
               });
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Place> out;
  for (auto& [key, p] : keyed) out.push_back(std::move(p));
  return out;
}

}  // namespace parcours::storage
