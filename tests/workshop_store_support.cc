#include "workshop_store_support.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "storage/database_url.h"
#include "storage/row_util.h"

namespace parcours::testing_support {
namespace {

Organisation org(OrgKind kind, const std::string& code, const std::string& name, Id parent = 0) {
  Organisation o;
  o.kind = kind;
  o.code = code;
  o.name = name;
  o.parent_id = parent;
  return o;
}

User user(const std::string& email, const std::string& full_name) {
  User u;
  u.email = email;
  u.full_name = full_name;
  return u;
}

}  // namespace

void WorkshopStoreBase::SetUp() {
  PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
  url_ = testdb::fresh_test_database_url(GetParam());
  auto opened = SociStore::open(url_, 2);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  store_ = std::move(opened.value());
  Result<int> applied = store_->migrate();
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  write([&](Repos& r) {
    spip_ = r.orgs.insert(org(OrgKind::spip, "SPIP18", "SPIP du Cher"));
    other_spip_ = r.orgs.insert(org(OrgKind::spip, "SPIP36", "SPIP de l’Indre"));
    site_ = r.orgs.insert(org(OrgKind::establishment, "EP-B", "Maison d’arrêt", spip_));
    provider_ = r.orgs.insert(org(OrgKind::provider, "PREST1", "Prestataire Un"));
    other_provider_ = r.orgs.insert(org(OrgKind::provider, "PREST2", "Prestataire Deux"));
    partner_ = r.orgs.insert(org(OrgKind::partner, "FT18", "France Travail Bourges"));
    other_partner_ = r.orgs.insert(org(OrgKind::partner, "ML18", "Mission locale"));
    cpip_ = r.users.insert(user("cpip@example.fr", "Claire Martin"));
    intervenant_ = r.users.insert(user("cip@example.fr", "Inès Roux"));
    other_intervenant_ = r.users.insert(user("cip2@example.fr", "Hugo Blanc"));
    Contract c;
    c.disp_org_id = r.orgs.insert(org(OrgKind::disp, "DISP21", "DISP de Dijon"));
    c.reference = "M-2025-01";
    c.programme = "ppaip";
    c.start_date = day(2025, 3, 3);
    Lot l;
    l.contract_id = r.contracts.insert_contract(c);
    l.number = 1;
    l.provider_org_id = provider_;
    lot_ = r.contracts.insert_lot(l);
    Place pl;
    pl.org_id = site_;
    pl.name = "Salle 2";
    place_ = r.orgs.insert_place(pl);
  });
  person_ = add_person("Martin", "Léa");
  other_person_ = add_person("Diallo", "Karim");
  case_ = add_prescription(person_, provider_);
  other_case_ = add_prescription(other_person_, other_provider_);
}

void WorkshopStoreBase::TearDown() {
  store_.reset();
  if (!url_.empty()) testdb::drop_test_database(url_);
}

void WorkshopStoreBase::write(const std::function<void(Repos&)>& fn) {
  Status s = store_->transact([&](Repos& r) -> Status {
    fn(r);
    return {};
  });
  ASSERT_TRUE(s.ok()) << s.error().message;
}

Error WorkshopStoreBase::failing_write(const std::function<void(Repos&)>& fn) {
  Status s = store_->transact([&](Repos& r) -> Status {
    fn(r);
    return {};
  });
  EXPECT_FALSE(s.ok()) << "the transaction should have failed";
  return s.ok() ? Error{ErrorCode::invalid, "(réussi)", {}} : s.error();
}

long long WorkshopStoreBase::count_rows(const std::string& table) {
  auto target = storage::parse_database_url(url_);
  EXPECT_TRUE(target.ok()) << target.error().message;
  if (!target.ok()) return -1;
  soci::session sql;
  if (target->backend == Backend::sqlite) {
    sql.open(soci::sqlite3, target->sqlite_path);
  } else {
    sql.open(soci::postgresql, target->connect_string);
  }
  long long count = -1;
  storage::fetch_one(sql, "SELECT COUNT(*) FROM " + table, {},
                     [&](const soci::row& row) { count = storage::RowReader(row).integer(); });
  return count;
}

Workshop WorkshopStoreBase::workshop(const std::string& theme, Id provider, Id spip) const {
  Workshop w;
  w.provider_id = provider != 0 ? provider : provider_;
  w.spip_id = spip != 0 ? spip : spip_;
  w.theme = theme;
  w.created_at = at(1'741'000'000);
  return w;
}

Id WorkshopStoreBase::add_workshop(const Workshop& w) {
  return in_tx([&](Repos& r) { return r.workshops.insert_workshop(w); });
}

WorkshopSession WorkshopStoreBase::workshop_session(Id workshop_id, int number, Date d,
                                                    int start) const {
  WorkshopSession s;
  s.workshop_id = workshop_id;
  s.number = number;
  s.date = d;
  s.start_minute = start;
  return s;
}

Id WorkshopStoreBase::add_workshop_session(Id workshop_id, int number, Date d, int start,
                                           const std::string& status) {
  WorkshopSession s = workshop_session(workshop_id, number, d, start);
  s.status = status;
  return in_tx([&](Repos& r) { return r.workshops.insert_session(s); });
}

Id WorkshopStoreBase::add_participant(Id workshop_id, Id prescription_id, Id person_id) {
  WorkshopParticipant p;
  p.workshop_id = workshop_id;
  p.prescription_id = prescription_id;
  p.person_id = person_id;
  p.added_at = at(1'741'100'000);
  return in_tx([&](Repos& r) { return r.workshops.insert_participant(p); });
}

Id WorkshopStoreBase::add_prescription(Id person_id, Id provider) {
  Prescription p;
  p.person_id = person_id;
  p.state = "in_progress";
  p.modality = "individual_and_workshops";
  p.spip_id = spip_;
  p.lot_id = lot_;
  p.provider_id = provider;
  p.cpip_id = cpip_;
  p.prescribed_at = at(1'741'000'000);
  return in_tx([&](Repos& r) { return r.journeys.insert_prescription(p); });
}

Id WorkshopStoreBase::add_person(const std::string& last, const std::string& first) {
  Person p;
  p.last_name = last;
  p.first_name = first;
  p.birth_date = day(1990, 5, 17);
  p.sex = Sex::male;
  p.spip_id = spip_;
  p.site_id = site_;
  p.referent_cpip_id = cpip_;
  p.created_at = at(1'740'000'000);
  return in_tx([&](Repos& r) { return r.persons.insert(p); });
}

}  // namespace parcours::testing_support
