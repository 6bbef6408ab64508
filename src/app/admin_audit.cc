#include "app/admin_audit.h"

#include <algorithm>

namespace parcours {
namespace {

// Storage keeps a lot's SPIPs ascending without duplicates: compare them the same way.
std::vector<Id> id_set(std::vector<Id> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

class Diff {
 public:
  template <typename T>
  Diff& field(const char* name, const T& before, const T& after) {
    if (!(before == after)) names_.push_back(name);
    return *this;
  }
  nlohmann::json names() const { return names_; }

 private:
  nlohmann::json names_ = nlohmann::json::array();
};

}  // namespace

nlohmann::json changed_fields(const Organisation& b, const Organisation& a) {
  return Diff()
      .field("kind", b.kind, a.kind)
      .field("name", b.name, a.name)
      .field("code", b.code, a.code)
      .field("parent_id", b.parent_id, a.parent_id)
      .field("departement", b.departement, a.departement)
      .field("milieu", b.milieu, a.milieu)
      .field("address", b.address, a.address)
      .field("phone", b.phone, a.phone)
      .field("email", b.email, a.email)
      .field("active", b.active, a.active)
      .names();
}

nlohmann::json changed_fields(const Place& b, const Place& a) {
  return Diff()
      .field("name", b.name, a.name)
      .field("address", b.address, a.address)
      .field("phone", b.phone, a.phone)
      .field("capacity", b.capacity, a.capacity)
      .field("availability", b.availability, a.availability)
      .field("public_transport", b.public_transport, a.public_transport)
      .names();
}

nlohmann::json changed_fields(const User& b, const User& a) {
  return Diff()
      .field("email", b.email, a.email)
      .field("full_name", b.full_name, a.full_name)
      .field("phone", b.phone, a.phone)
      .field("qualification", b.qualification, a.qualification)
      .field("adeli", b.adeli, a.adeli)
      .field("active", b.active, a.active)
      .names();
}

nlohmann::json changed_fields(const Contract& b, const Contract& a) {
  return Diff()
      .field("disp_org_id", b.disp_org_id, a.disp_org_id)
      .field("reference", b.reference, a.reference)
      .field("title", b.title, a.title)
      .field("programme", b.programme, a.programme)
      .field("start_date", b.start_date, a.start_date)
      .field("initial_months", b.initial_months, a.initial_months)
      .field("renewals_allowed", b.renewals_allowed, a.renewals_allowed)
      .field("renewal_months", b.renewal_months, a.renewal_months)
      .field("renewals_used", b.renewals_used, a.renewals_used)
      .names();
}

nlohmann::json changed_fields(const Lot& b, const Lot& a) {
  return Diff()
      .field("number", b.number, a.number)
      .field("label", b.label, a.label)
      .field("provider_org_id", b.provider_org_id, a.provider_org_id)
      .field("spip_ids", id_set(b.spip_ids), id_set(a.spip_ids))
      .field("individual_hours", b.individual_hours, a.individual_hours)
      .field("collective_hours", b.collective_hours, a.collective_hours)
      .field("individual_price_cents", b.individual_price_cents, a.individual_price_cents)
      .field("collective_price_cents", b.collective_price_cents, a.collective_price_cents)
      .names();
}

nlohmann::json changed_fields(const AccessAuthorisation& b, const AccessAuthorisation& a) {
  return Diff()
      .field("establishment_id", b.establishment_id, a.establishment_id)
      .field("requested_on", b.requested_on, a.requested_on)
      .field("granted_on", b.granted_on, a.granted_on)
      .field("ends_on", b.ends_on, a.ends_on)
      .names();
}

}  // namespace parcours
