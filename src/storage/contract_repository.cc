// The contract (marché), its lots and their volume amendments (SPEC ORG-3).
#include <algorithm>
#include <map>

#include "storage/error_mapping.h"
#include "storage/repositories.h"
#include "storage/row_util.h"

namespace parcours::storage {
namespace {

constexpr const char* kContractColumns =
    "SELECT id, disp_org_id, reference, title, programme, start_date, initial_months, "
    "renewals_allowed, renewal_months, renewals_used, version FROM contracts";

constexpr const char* kAmendmentColumns =
    "SELECT id, lot_id, effective_on, individual_hours_delta, collective_hours_delta, reason "
    "FROM volume_amendments";

Contract read_contract(const soci::row& row) {
  RowReader r(row);
  Contract c;
  c.id = r.integer();
  c.disp_org_id = r.integer();
  c.reference = r.text();
  c.title = r.text();
  c.programme = r.text();
  c.start_date = r.date();
  c.initial_months = r.int32();
  c.renewals_allowed = r.int32();
  c.renewal_months = r.int32();
  c.renewals_used = r.int32();
  c.version = r.int32();
  return c;
}

Lot read_lot(const soci::row& row) {
  RowReader r(row);
  Lot l;
  l.id = r.integer();
  l.contract_id = r.integer();
  l.number = r.int32();
  l.label = r.text();
  l.provider_org_id = r.id_or_zero();
  l.individual_hours = r.int32();
  l.collective_hours = r.int32();
  l.individual_price_cents = r.integer();
  l.collective_price_cents = r.integer();
  l.version = r.int32();
  return l;
}

VolumeAmendment read_amendment(const soci::row& row) {
  RowReader r(row);
  VolumeAmendment a;
  a.id = r.integer();
  a.lot_id = r.integer();
  a.effective_on = r.date();
  a.individual_hours_delta = r.int32();
  a.collective_hours_delta = r.int32();
  a.reason = r.text();
  return a;
}

Params contract_params(const Contract& c) {
  Params p;
  p.integer(c.disp_org_id).text(c.reference).text(c.title).text(c.programme);
  p.date(c.start_date).integer(c.initial_months).integer(c.renewals_allowed);
  p.integer(c.renewal_months).integer(c.renewals_used);
  return p;
}

Params lot_params(const Lot& l) {
  Params p;
  p.integer(l.contract_id).integer(l.number).text(l.label).id_or_null(l.provider_org_id);
  p.integer(l.individual_hours).integer(l.collective_hours);
  p.integer(l.individual_price_cents).integer(l.collective_price_cents);
  return p;
}

}  // namespace

Id SqlContractRepository::insert_contract(const Contract& c) {
  return insert_returning_id(
      sql_,
      "INSERT INTO contracts (disp_org_id, reference, title, programme, start_date, "
      "initial_months, renewals_allowed, renewal_months, renewals_used) VALUES (:disp_org_id, "
      ":reference, :title, :programme, :start_date, :initial_months, :renewals_allowed, "
      ":renewal_months, :renewals_used) RETURNING id",
      contract_params(c));
}

void SqlContractRepository::update_contract(const Contract& c) {
  update_versioned(
      sql_, "contracts",
      "UPDATE contracts SET disp_org_id = :disp_org_id, reference = :reference, title = :title, "
      "programme = :programme, start_date = :start_date, initial_months = :initial_months, "
      "renewals_allowed = :renewals_allowed, renewal_months = :renewal_months, "
      "renewals_used = :renewals_used, version = version + 1 WHERE id = :id AND version = :version",
      contract_params(c), c.id, c.version);
}

std::optional<Contract> SqlContractRepository::find_contract(Id id) {
  std::optional<Contract> out;
  fetch_one(sql_, std::string(kContractColumns) + " WHERE id = :id", Params().integer(id),
            [&](const soci::row& row) { out = read_contract(row); });
  return out;
}

std::optional<Contract> SqlContractRepository::find_contract_by_reference(
    const std::string& reference) {
  std::optional<Contract> out;
  fetch_one(sql_, std::string(kContractColumns) + " WHERE reference = :reference",
            Params().text(reference), [&](const soci::row& row) { out = read_contract(row); });
  return out;
}

std::vector<Contract> SqlContractRepository::contracts() {
  std::vector<Contract> out;
  for_each_row(sql_, std::string(kContractColumns) + " ORDER BY start_date, reference, id", {},
               [&](const soci::row& row) { out.push_back(read_contract(row)); });
  return out;
}

void SqlContractRepository::write_spips(Id lot_id, const std::vector<Id>& spip_ids) {
  std::vector<Id> ids = spip_ids;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (Id spip_id : ids) {
    execute(sql_, "INSERT INTO lot_spips (lot_id, spip_id) VALUES (:lot_id, :spip_id)",
            Params().integer(lot_id).integer(spip_id));
  }
}

Id SqlContractRepository::insert_lot(const Lot& l) {
  Id id = insert_returning_id(
      sql_,
      "INSERT INTO lots (contract_id, number, label, provider_org_id, individual_hours, "
      "collective_hours, individual_price_cents, collective_price_cents) VALUES (:contract_id, "
      ":number, :label, :provider_org_id, :individual_hours, :collective_hours, "
      ":individual_price_cents, :collective_price_cents) RETURNING id",
      lot_params(l));
  write_spips(id, l.spip_ids);
  return id;
}

void SqlContractRepository::update_lot(const Lot& l) {
  update_versioned(
      sql_, "lots",
      "UPDATE lots SET contract_id = :contract_id, number = :number, label = :label, "
      "provider_org_id = :provider_org_id, individual_hours = :individual_hours, "
      "collective_hours = :collective_hours, individual_price_cents = :individual_price_cents, "
      "collective_price_cents = :collective_price_cents, version = version + 1 "
      "WHERE id = :id AND version = :version",
      lot_params(l), l.id, l.version);
  execute(sql_, "DELETE FROM lot_spips WHERE lot_id = :lot_id", Params().integer(l.id));
  write_spips(l.id, l.spip_ids);
}

std::vector<Lot> SqlContractRepository::load_lots(const std::string& where,
                                                  const std::string& order, Id param) {
  std::vector<Lot> lots;
  std::string filter = where.empty() ? "" : " WHERE " + where;
  Params params;
  if (!where.empty()) params.integer(param);
  for_each_row(sql_,
               "SELECT l.id, l.contract_id, l.number, l.label, l.provider_org_id, "
               "l.individual_hours, l.collective_hours, l.individual_price_cents, "
               "l.collective_price_cents, l.version FROM lots l" +
                   filter + " ORDER BY " + order,
               params, [&](const soci::row& row) { lots.push_back(read_lot(row)); });
  if (lots.empty()) return lots;
  std::map<Id, std::vector<Id>> spips;
  for_each_row(sql_,
               "SELECT s.lot_id, s.spip_id FROM lot_spips s JOIN lots l ON l.id = s.lot_id" +
                   filter + " ORDER BY s.lot_id, s.spip_id",
               params, [&](const soci::row& row) {
                 RowReader r(row);
                 Id lot_id = r.integer();
                 spips[lot_id].push_back(r.integer());
               });
  for (Lot& l : lots) l.spip_ids = spips[l.id];
  return lots;
}

std::optional<Lot> SqlContractRepository::find_lot(Id id) {
  std::vector<Lot> lots = load_lots("l.id = :id", "l.id", id);
  if (lots.empty()) return std::nullopt;
  return std::move(lots.front());
}

std::vector<Lot> SqlContractRepository::lots_of(Id contract_id) {
  return load_lots("l.contract_id = :contract_id", "l.number, l.id", contract_id);
}

std::vector<Lot> SqlContractRepository::lots_of_provider(Id provider_org_id) {
  return load_lots("l.provider_org_id = :provider_org_id", "l.contract_id, l.number, l.id",
                   provider_org_id);
}

std::vector<Lot> SqlContractRepository::all_lots() {
  return load_lots("", "l.contract_id, l.number, l.id", 0);
}

Id SqlContractRepository::insert_amendment(const VolumeAmendment& a) {
  return insert_returning_id(
      sql_,
      "INSERT INTO volume_amendments (lot_id, effective_on, individual_hours_delta, "
      "collective_hours_delta, reason) VALUES (:lot_id, :effective_on, :individual_hours_delta, "
      ":collective_hours_delta, :reason) RETURNING id",
      Params()
          .integer(a.lot_id)
          .date(a.effective_on)
          .integer(a.individual_hours_delta)
          .integer(a.collective_hours_delta)
          .text(a.reason));
}

std::vector<VolumeAmendment> SqlContractRepository::amendments_of(Id lot_id) {
  std::vector<VolumeAmendment> out;
  for_each_row(
      sql_, std::string(kAmendmentColumns) + " WHERE lot_id = :lot_id ORDER BY effective_on, id",
      Params().integer(lot_id), [&](const soci::row& row) { out.push_back(read_amendment(row)); });
  return out;
}

}  // namespace parcours::storage
