// Storage contract of optimistic concurrency (issue 12, item 21), on SQLite and PostgreSQL:
// every update of a versioned record is `… WHERE id = :id AND version = :version`, bumps the
// version, and an update based on an outdated version changes nothing and is a conflict (a
// missing row stays not_found).
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "app/ports.h"
#include "db_support.h"
#include "storage/soci_store.h"

namespace parcours {
namespace {

class StorageVersions : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
    url_ = testdb::fresh_test_database_url(GetParam());
    auto opened = SociStore::open(url_, 2);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened.value());
    ASSERT_TRUE(store_->migrate().ok());
  }
  void TearDown() override {
    store_.reset();
    if (!url_.empty()) testdb::drop_test_database(url_);
  }
  Status run(const std::function<void(Repos&)>& fn) {
    return store_->transact([&](Repos& r) -> Status {
      fn(r);
      return {};
    });
  }
  Id insert_org(const std::string& code) {
    Id id = 0;
    EXPECT_TRUE(run([&](Repos& r) {
                  Organisation o;
                  o.kind = OrgKind::spip;
                  o.code = code;
                  o.name = "SPIP du Cher";
                  id = r.orgs.insert(o);
                }).ok());
    return id;
  }
  Organisation find_org(Id id) {
    Organisation o;
    EXPECT_TRUE(run([&](Repos& r) { o = *r.orgs.find(id); }).ok());
    return o;
  }

  std::string url_;
  std::unique_ptr<SociStore> store_;
};

TEST_P(StorageVersions, SEC_5_AnUpdateBumpsTheVersionAndAStaleOneIsAConflict) {
  const Id id = insert_org("SPIP18");
  Organisation read_by_one = find_org(id);
  Organisation read_by_two = find_org(id);
  EXPECT_EQ(read_by_one.version, 1);

  read_by_two.phone = "02 48 00 00 00";
  ASSERT_TRUE(run([&](Repos& r) { r.orgs.update(read_by_two); }).ok());
  EXPECT_EQ(find_org(id).version, 2);

  read_by_one.email = "spip18@example.org";
  Status stale = run([&](Repos& r) { r.orgs.update(read_by_one); });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  EXPECT_NE(stale.error().message.find("modifiée entre-temps"), std::string::npos);
  const Organisation now = find_org(id);
  EXPECT_EQ(now.phone, "02 48 00 00 00") << "the first save is not reverted";
  EXPECT_EQ(now.email, "");
  EXPECT_EQ(now.version, 2);

  Organisation missing = now;
  missing.id = id + 1000;
  Status gone = run([&](Repos& r) { r.orgs.update(missing); });
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, ErrorCode::not_found);
}

TEST_P(StorageVersions, SEC_5_EveryVersionedRecordChecksItsVersion) {
  const Id spip = insert_org("SPIP18");
  Id disp = 0, contract_id = 0, lot_id = 0, place_id = 0;
  ASSERT_TRUE(run([&](Repos& r) {
                Organisation d;
                d.kind = OrgKind::disp;
                d.code = "DISP21";
                d.name = "DISP de Dijon";
                disp = r.orgs.insert(d);
                Contract c;
                c.disp_org_id = disp;
                c.reference = "DISP21-PPAIP-2025";
                c.title = "Accompagnement";
                c.programme = "ppaip";
                c.start_date = Date{date::year{2025}, date::month{3}, date::day{3}};
                contract_id = r.contracts.insert_contract(c);
                Lot l;
                l.contract_id = contract_id;
                l.number = 1;
                l.label = "Cher";
                l.spip_ids = {spip};
                lot_id = r.contracts.insert_lot(l);
                Place p;
                p.org_id = spip;
                p.name = "Salle 2";
                place_id = r.orgs.insert_place(p);
              }).ok());
  auto expect_stale = [&](const std::function<void(Repos&)>& update, const char* what) {
    ASSERT_TRUE(run(update).ok()) << what << ": the first update";
    Status again = run(update);  // the same struct: its version is now outdated
    ASSERT_FALSE(again.ok()) << what;
    EXPECT_EQ(again.error().code, ErrorCode::conflict) << what;
  };
  Contract c;
  Lot l;
  Place p;
  ASSERT_TRUE(run([&](Repos& r) {
                c = *r.contracts.find_contract(contract_id);
                l = *r.contracts.find_lot(lot_id);
                p = *r.orgs.find_place(place_id);
              }).ok());
  expect_stale([&](Repos& r) { r.contracts.update_contract(c); }, "contract");
  expect_stale([&](Repos& r) { r.contracts.update_lot(l); }, "lot");
  expect_stale([&](Repos& r) { r.orgs.update_place(p); }, "place");
  ASSERT_TRUE(run([&](Repos& r) {
                EXPECT_EQ(r.contracts.find_contract(contract_id)->version, 2);
                EXPECT_EQ(r.contracts.find_lot(lot_id)->version, 2);
                EXPECT_EQ(r.contracts.find_lot(lot_id)->spip_ids, std::vector<Id>{spip});
                EXPECT_EQ(r.orgs.find_place(place_id)->version, 2);
              }).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageVersions, ::testing::ValuesIn(testdb::backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace parcours
