// The storage contract (DESIGN §1, §4.5, §5): the same tests, unchanged, on SQLite and on a
// real PostgreSQL. Every repository method round-trips its entity; backend failures come back
// as the same Errors on both; nothing is half-written (SPEC SEC-5).
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "app/ports.h"
#include "db_support.h"
#include "storage/migrations.h"
#include "storage/soci_store.h"

namespace parcours {
namespace {

Instant at(long long seconds) {
  return Instant{std::chrono::seconds{seconds}};
}

Date day(int y, unsigned m, unsigned d) {
  return Date{date::year{y}, date::month{m}, date::day{d}};
}

Organisation org(OrgKind kind, const std::string& code, const std::string& name, Id parent_id = 0) {
  Organisation o;
  o.kind = kind;
  o.code = code;
  o.name = name;
  o.parent_id = parent_id;
  return o;
}

User person(const std::string& email, const std::string& full_name) {
  User u;
  u.email = email;
  u.full_name = full_name;
  return u;
}

Contract contract(Id disp_id, const std::string& reference) {
  Contract c;
  c.disp_org_id = disp_id;
  c.reference = reference;
  c.title = "Accompagnement vers l’emploi";
  c.programme = "ppaip";
  c.start_date = day(2025, 3, 3);
  return c;
}

Lot lot(Id contract_id, int number, std::vector<Id> spips = {}) {
  Lot l;
  l.contract_id = contract_id;
  l.number = number;
  l.label = "Lot " + std::to_string(number);
  l.spip_ids = std::move(spips);
  return l;
}

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  static constexpr int kPoolSize = 3;

  void SetUp() override {
    PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
    url_ = testdb::fresh_test_database_url(GetParam());
    store_ = open_store(url_);
    ASSERT_NE(store_, nullptr);
    Result<int> applied = store_->migrate();
    ASSERT_TRUE(applied.ok()) << applied.error().message;
    applied_at_setup_ = applied.value();
  }

  void TearDown() override {
    store_.reset();
    if (!url_.empty()) testdb::drop_test_database(url_);
  }

  static std::unique_ptr<SociStore> open_store(const std::string& url, int pool = kPoolSize) {
    auto opened = SociStore::open(url, pool);
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    if (!opened.ok()) return nullptr;
    return std::move(opened.value());
  }

  // Runs fn in a transaction that must commit.
  void write(const std::function<void(Repos&)>& fn) {
    Status s = store_->transact([&](Repos& r) -> Status {
      fn(r);
      return {};
    });
    ASSERT_TRUE(s.ok()) << s.error().message;
  }

  // Runs fn in a transaction expected to fail; returns the error.
  Error failing_write(const std::function<void(Repos&)>& fn) {
    Status s = store_->transact([&](Repos& r) -> Status {
      fn(r);
      return {};
    });
    EXPECT_FALSE(s.ok()) << "the transaction should have failed";
    return s.ok() ? Error{ErrorCode::invalid, "(réussi)", {}} : s.error();
  }

  // Runs fn in a committed transaction and returns its value.
  template <typename Fn>
  auto in_tx(Fn fn) {
    using T = decltype(fn(std::declval<Repos&>()));
    Result<T> r =
        parcours::transact<T>(*store_, [&](Repos& repos) -> Result<T> { return fn(repos); });
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? std::move(r.value()) : T{};
  }

  // Runs fn in a read transaction and returns its value.
  template <typename Fn>
  auto in_read(Fn fn) {
    using T = decltype(fn(std::declval<Repos&>()));
    Result<T> r = parcours::read<T>(*store_, [&](Repos& repos) -> Result<T> { return fn(repos); });
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? std::move(r.value()) : T{};
  }

  Id add_org(OrgKind kind, const std::string& code, const std::string& name, Id parent = 0) {
    return in_tx([&](Repos& r) { return r.orgs.insert(org(kind, code, name, parent)); });
  }

  Id add_user(const std::string& email, const std::string& name) {
    return in_tx([&](Repos& r) { return r.users.insert(person(email, name)); });
  }

  std::string url_;
  std::unique_ptr<SociStore> store_;
  int applied_at_setup_ = -1;
};

// --- Migrations, pool, health -------------------------------------------------------------

TEST_P(StoreContract, Migrate_AppliesAllOnFreshDatabaseThenNothing) {
  EXPECT_EQ(applied_at_setup_, static_cast<int>(storage::migrations().size()));
  EXPECT_GT(applied_at_setup_, 0);
  Result<int> again = store_->migrate();
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again.value(), 0);
  Result<int> pending = store_->pending_migrations();
  ASSERT_TRUE(pending.ok()) << pending.error().message;
  EXPECT_EQ(pending.value(), 0);
}

TEST_P(StoreContract, Migrate_PendingCountsEverythingOnEmptyDatabase) {
  testdb::TestDatabase db(GetParam());
  auto store = open_store(db.url());
  ASSERT_NE(store, nullptr);
  Result<int> pending = store->pending_migrations();
  ASSERT_TRUE(pending.ok()) << pending.error().message;
  EXPECT_EQ(pending.value(), static_cast<int>(storage::migrations().size()));
  ASSERT_TRUE(store->migrate().ok());
  EXPECT_EQ(store->pending_migrations().value(), 0);
}

TEST_P(StoreContract, Migrate_ConcurrentCallsApplyEachMigrationOnce) {
  testdb::TestDatabase db(GetParam());
  auto a = open_store(db.url(), 1);
  auto b = open_store(db.url(), 1);
  ASSERT_TRUE(a && b);
  std::optional<Result<int>> ra, rb;
  std::thread ta([&] { ra.emplace(a->migrate()); });
  std::thread tb([&] { rb.emplace(b->migrate()); });
  ta.join();
  tb.join();
  ASSERT_TRUE(ra->ok()) << ra->error().message;
  ASSERT_TRUE(rb->ok()) << rb->error().message;
  EXPECT_EQ(ra->value() + rb->value(), static_cast<int>(storage::migrations().size()));
  EXPECT_EQ(a->pending_migrations().value(), 0);
}

TEST_P(StoreContract, PoolStats_SizeIsPoolSizeAndLeasesAreCounted) {
  EXPECT_EQ(store_->backend(), GetParam());
  EXPECT_TRUE(store_->ping().ok());
  EXPECT_EQ(store_->pool_stats().size, kPoolSize);
  EXPECT_EQ(store_->pool_stats().in_use, 0);
  int inside = -1;
  write([&](Repos&) { inside = store_->pool_stats().in_use; });
  EXPECT_EQ(inside, 1);
  EXPECT_EQ(store_->pool_stats().in_use, 0);
}

// --- Organisations and places (ORG-1, ORG-5) ----------------------------------------------

TEST_P(StoreContract, ORG_1_OrganisationRoundTrip) {
  Id spip = add_org(OrgKind::spip, "SPIP18", "SPIP du Cher");
  Organisation o = org(OrgKind::antenna, "ANT18MO", "Antenne de Bourges", spip);
  o.departement = "18";
  o.milieu = Milieu::open;
  o.address = "12 rue de la Gare, 18000 Bourges";
  o.phone = "02 48 00 00 00";
  o.email = "antenne@example.fr";
  o.active = false;
  o.id = in_tx([&](Repos& r) { return r.orgs.insert(o); });
  ASSERT_GT(o.id, 0);

  auto found = in_read([&](Repos& r) { return r.orgs.find(o.id); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->kind, OrgKind::antenna);
  EXPECT_EQ(found->name, o.name);
  EXPECT_EQ(found->code, "ANT18MO");
  EXPECT_EQ(found->parent_id, spip);
  EXPECT_EQ(found->departement, "18");
  EXPECT_EQ(found->milieu, Milieu::open);
  EXPECT_EQ(found->address, o.address);
  EXPECT_EQ(found->phone, o.phone);
  EXPECT_EQ(found->email, o.email);
  EXPECT_FALSE(found->active);

  auto spip_row = in_read([&](Repos& r) { return r.orgs.find_by_code("SPIP18"); });
  ASSERT_TRUE(spip_row.has_value());
  EXPECT_EQ(spip_row->parent_id, 0) << "NULL parent reads back as 0";
  EXPECT_EQ(spip_row->milieu, Milieu::none);
  EXPECT_TRUE(spip_row->active);

  o.name = "Antenne milieu ouvert de Bourges";
  o.parent_id = 0;
  o.milieu = Milieu::closed;
  o.active = true;
  write([&](Repos& r) { r.orgs.update(o); });
  found = in_read([&](Repos& r) { return r.orgs.find(o.id); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "Antenne milieu ouvert de Bourges");
  EXPECT_EQ(found->parent_id, 0);
  EXPECT_EQ(found->milieu, Milieu::closed);
  EXPECT_TRUE(found->active);

  EXPECT_FALSE(in_read([&](Repos& r) { return r.orgs.find(987654); }).has_value());
  EXPECT_FALSE(in_read([&](Repos& r) { return r.orgs.find_by_code("NOPE"); }).has_value());
}

TEST_P(StoreContract, ORG_1_ListOrdersByKindThenNameAndFiltersChildren) {
  Id cher = add_org(OrgKind::spip, "SPIP18", "SPIP du Cher");
  add_org(OrgKind::provider, "PRESTA", "Avenir Emploi");
  Id bourges = add_org(OrgKind::establishment, "EP-B", "Maison d’arrêt de Bourges", cher);
  Id ecole = add_org(OrgKind::establishment, "EP-E", "École de Bourges", cher);
  Id zebre = add_org(OrgKind::establishment, "EP-Z", "zèbre (centre)", cher);
  add_org(OrgKind::disp, "DISP21", "DISP de Dijon");
  add_org(OrgKind::spip, "SPIP36", "SPIP de l’Indre");

  auto all = in_read([&](Repos& r) { return r.orgs.list(std::nullopt); });
  std::vector<std::string> codes;
  for (const auto& o : all) codes.push_back(o.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"DISP21", "SPIP36", "SPIP18", "EP-E", "EP-B", "EP-Z",
                                             "PRESTA"}))
      << "kind in all_org_kinds() order, then name ignoring case and accents";

  auto establishments = in_read([&](Repos& r) { return r.orgs.list(OrgKind::establishment); });
  ASSERT_EQ(establishments.size(), 3u);
  EXPECT_EQ(establishments[0].id, ecole);
  EXPECT_EQ(establishments[1].id, bourges);
  EXPECT_EQ(establishments[2].id, zebre);

  auto children = in_read([&](Repos& r) { return r.orgs.children(cher); });
  ASSERT_EQ(children.size(), 3u);
  EXPECT_EQ(children[0].id, ecole);
  EXPECT_TRUE(in_read([&](Repos& r) { return r.orgs.children(bourges); }).empty());
}

TEST_P(StoreContract, ORG_5_PlaceRoundTrip) {
  Id ep = add_org(OrgKind::establishment, "EP-B", "Maison d’arrêt de Bourges");
  Place p;
  p.org_id = ep;
  p.name = "Salle 2 — bâtiment socio-éducatif";
  p.address = "Rue Gambetta";
  p.phone = "02 48 11 11 11";
  p.capacity = 6;
  p.availability = "mardi et jeudi 9\u00a0h – 12\u00a0h";
  p.public_transport = true;
  p.id = in_tx([&](Repos& r) { return r.orgs.insert_place(p); });
  Place other = p;
  other.name = "Atelier";
  other.public_transport = false;
  other.id = in_tx([&](Repos& r) { return r.orgs.insert_place(other); });

  auto found = in_read([&](Repos& r) { return r.orgs.find_place(p.id); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->org_id, ep);
  EXPECT_EQ(found->name, p.name);
  EXPECT_EQ(found->address, p.address);
  EXPECT_EQ(found->phone, p.phone);
  EXPECT_EQ(found->capacity, 6);
  EXPECT_EQ(found->availability, p.availability);
  EXPECT_TRUE(found->public_transport);

  p.capacity = 4;
  p.public_transport = false;
  write([&](Repos& r) { r.orgs.update_place(p); });
  found = in_read([&](Repos& r) { return r.orgs.find_place(p.id); });
  EXPECT_EQ(found->capacity, 4);
  EXPECT_FALSE(found->public_transport);

  auto places = in_read([&](Repos& r) { return r.orgs.places_of(ep); });
  ASSERT_EQ(places.size(), 2u);
  EXPECT_EQ(places[0].id, other.id) << "by name";
  EXPECT_EQ(places[1].id, p.id);
}

// --- Users and memberships (ORG-2, ORG-4, SEC-5) ------------------------------------------

TEST_P(StoreContract, ORG_2_UserRoundTrip) {
  User u = person("camille.durand@example.fr", "Camille Durand");
  u.phone = "06 00 00 00 00";
  u.qualification = "Psychologue du travail";
  u.adeli = "189312345";
  u.active = true;
  u.id = in_tx([&](Repos& r) { return r.users.insert(u); });
  add_user("emile@example.fr", "Émile Zola");
  add_user("anne@example.fr", "anne Besson");

  auto found = in_read([&](Repos& r) { return r.users.find(u.id); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->email, u.email);
  EXPECT_EQ(found->full_name, u.full_name);
  EXPECT_EQ(found->phone, u.phone);
  EXPECT_EQ(found->qualification, u.qualification);
  EXPECT_EQ(found->adeli, u.adeli);
  EXPECT_TRUE(found->active);

  auto by_email =
      in_read([&](Repos& r) { return r.users.find_by_email("Camille.Durand@example.fr"); });
  ASSERT_TRUE(by_email.has_value()) << "e-mail addresses are compared in lower case";
  EXPECT_EQ(by_email->id, u.id);

  u.full_name = "Camille Durand-Martin";
  u.active = false;
  write([&](Repos& r) { r.users.update(u); });
  found = in_read([&](Repos& r) { return r.users.find(u.id); });
  EXPECT_EQ(found->full_name, "Camille Durand-Martin");
  EXPECT_FALSE(found->active);

  auto users = in_read([&](Repos& r) { return r.users.list(); });
  std::vector<std::string> names;
  for (const auto& x : users) names.push_back(x.full_name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"anne Besson", "Camille Durand-Martin", "Émile Zola"}));
}

TEST_P(StoreContract, SEC_5_PasswordHashIsNullUntilSet) {
  Id id = add_user("camille@example.fr", "Camille Durand");
  EXPECT_FALSE(in_read([&](Repos& r) { return r.users.password_hash(id); }).has_value());
  write([&](Repos& r) { r.users.set_password_hash(id, "$argon2id$v=19$m=65536,t=2,p=1$abc$def"); });
  auto hash = in_read([&](Repos& r) { return r.users.password_hash(id); });
  ASSERT_TRUE(hash.has_value());
  EXPECT_EQ(*hash, "$argon2id$v=19$m=65536,t=2,p=1$abc$def");
}

TEST_P(StoreContract, ORG_2_MembershipRoundTrip) {
  Id spip = add_org(OrgKind::spip, "SPIP18", "SPIP du Cher");
  Id other = add_org(OrgKind::spip, "SPIP36", "SPIP de l’Indre");
  Id u = add_user("camille@example.fr", "Camille Durand");
  Id v = add_user("dominique@example.fr", "Dominique Petit");
  Id m1 = in_tx([&](Repos& r) { return r.users.add_membership({0, u, spip, Role::cpip}); });
  Id m2 = in_tx([&](Repos& r) {
    return r.users.add_membership({0, u, other, Role::spip_manager});
  });
  in_tx([&](Repos& r) { return r.users.add_membership({0, v, spip, Role::cpip}); });

  auto mine = in_read([&](Repos& r) { return r.users.memberships_of(u); });
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].id, m1);
  EXPECT_EQ(mine[0].user_id, u);
  EXPECT_EQ(mine[0].org_id, spip);
  EXPECT_EQ(mine[0].role, Role::cpip);
  EXPECT_EQ(mine[1].id, m2);
  EXPECT_EQ(mine[1].role, Role::spip_manager);
  EXPECT_EQ(in_read([&](Repos& r) { return r.users.members_of(spip); }).size(), 2u);
  auto found = in_read([&](Repos& r) { return r.users.find_membership(m2); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->org_id, other);
  EXPECT_EQ(found->role, Role::spip_manager);

  write([&](Repos& r) { r.users.remove_membership(m1); });
  EXPECT_FALSE(in_read([&](Repos& r) { return r.users.find_membership(m1); }).has_value());
  mine = in_read([&](Repos& r) { return r.users.memberships_of(u); });
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].id, m2);
  EXPECT_EQ(in_read([&](Repos& r) { return r.users.members_of(spip); }).size(), 1u);
}

// --- Contract, lots, amendments (ORG-3) ---------------------------------------------------

TEST_P(StoreContract, ORG_3_ContractRoundTrip) {
  Id disp = add_org(OrgKind::disp, "DISP21", "DISP de Dijon");
  Contract c = contract(disp, "DISP21-PPAIP-2025");
  c.initial_months = 24;
  c.renewals_allowed = 2;
  c.renewal_months = 12;
  c.renewals_used = 1;
  c.id = in_tx([&](Repos& r) { return r.contracts.insert_contract(c); });
  Contract older = contract(disp, "DISP21-PPAIP-2022");
  older.start_date = day(2022, 1, 31);
  older.id = in_tx([&](Repos& r) { return r.contracts.insert_contract(older); });

  auto found = in_read([&](Repos& r) { return r.contracts.find_contract(c.id); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->disp_org_id, disp);
  EXPECT_EQ(found->reference, c.reference);
  EXPECT_EQ(found->title, c.title);
  EXPECT_EQ(found->programme, "ppaip");
  EXPECT_EQ(found->start_date, day(2025, 3, 3));
  EXPECT_EQ(found->initial_months, 24);
  EXPECT_EQ(found->renewals_allowed, 2);
  EXPECT_EQ(found->renewal_months, 12);
  EXPECT_EQ(found->renewals_used, 1);

  c.renewals_used = 2;
  c.start_date = day(2024, 2, 29);
  write([&](Repos& r) { r.contracts.update_contract(c); });
  found = in_read([&](Repos& r) { return r.contracts.find_contract_by_reference(c.reference); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->renewals_used, 2);
  EXPECT_EQ(found->start_date, day(2024, 2, 29));

  auto all = in_read([&](Repos& r) { return r.contracts.contracts(); });
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, older.id) << "by start date";
  EXPECT_EQ(all[1].id, c.id);
}

TEST_P(StoreContract, ORG_3_LotRoundTripAndSpipsReplacedOnUpdate) {
  Id disp = add_org(OrgKind::disp, "DISP21", "DISP de Dijon");
  Id cher = add_org(OrgKind::spip, "SPIP18", "SPIP du Cher");
  Id indre = add_org(OrgKind::spip, "SPIP36", "SPIP de l’Indre");
  Id nievre = add_org(OrgKind::spip, "SPIP58", "SPIP de la Nièvre");
  Id presta = add_org(OrgKind::provider, "PRESTA", "Avenir Emploi");
  Id c1 = in_tx([&](Repos& r) { return r.contracts.insert_contract(contract(disp, "C1")); });
  Id c2 = in_tx([&](Repos& r) { return r.contracts.insert_contract(contract(disp, "C2")); });

  Lot l2 = lot(c1, 2, {indre, cher});
  l2.label = "SPIP du Cher et SPIP de l’Indre";
  l2.individual_hours = 1200;
  l2.collective_hours = 300;
  l2.individual_price_cents = 4550;
  l2.collective_price_cents = 3000000000LL;  // above 32 bits
  l2.id = in_tx([&](Repos& r) { return r.contracts.insert_lot(l2); });
  Lot l1 = lot(c1, 1, {nievre});
  l1.provider_org_id = presta;
  l1.id = in_tx([&](Repos& r) { return r.contracts.insert_lot(l1); });
  Lot other = lot(c2, 1);
  other.provider_org_id = presta;
  other.id = in_tx([&](Repos& r) { return r.contracts.insert_lot(other); });

  auto found = in_read([&](Repos& r) { return r.contracts.find_lot(l2.id); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->contract_id, c1);
  EXPECT_EQ(found->number, 2);
  EXPECT_EQ(found->label, l2.label);
  EXPECT_EQ(found->provider_org_id, 0) << "NULL provider reads back as 0";
  EXPECT_EQ(found->spip_ids, (std::vector<Id>{cher, indre})) << "ascending";
  EXPECT_EQ(found->individual_hours, 1200);
  EXPECT_EQ(found->collective_hours, 300);
  EXPECT_EQ(found->individual_price_cents, 4550);
  EXPECT_EQ(found->collective_price_cents, 3000000000LL);

  l2.provider_org_id = presta;
  l2.spip_ids = {nievre};
  l2.individual_hours = 1100;
  write([&](Repos& r) { r.contracts.update_lot(l2); });
  found = in_read([&](Repos& r) { return r.contracts.find_lot(l2.id); });
  EXPECT_EQ(found->provider_org_id, presta);
  EXPECT_EQ(found->spip_ids, (std::vector<Id>{nievre})) << "update replaces the SPIPs";
  EXPECT_EQ(found->individual_hours, 1100);

  auto of_c1 = in_read([&](Repos& r) { return r.contracts.lots_of(c1); });
  ASSERT_EQ(of_c1.size(), 2u);
  EXPECT_EQ(of_c1[0].id, l1.id) << "by number";
  EXPECT_EQ(of_c1[0].spip_ids, (std::vector<Id>{nievre}));
  EXPECT_EQ(of_c1[1].id, l2.id);
  EXPECT_EQ(in_read([&](Repos& r) { return r.contracts.lots_of_provider(presta); }).size(), 3u);
  auto all = in_read([&](Repos& r) { return r.contracts.all_lots(); });
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2].id, other.id);
  EXPECT_TRUE(all[2].spip_ids.empty());
  EXPECT_FALSE(in_read([&](Repos& r) { return r.contracts.find_lot(424242); }).has_value());
}

TEST_P(StoreContract, ORG_3_AmendmentsKeptWithTheirDateInOrder) {
  Id disp = add_org(OrgKind::disp, "DISP21", "DISP de Dijon");
  Id c = in_tx([&](Repos& r) { return r.contracts.insert_contract(contract(disp, "C1")); });
  Id l = in_tx([&](Repos& r) { return r.contracts.insert_lot(lot(c, 1)); });
  Id later = in_tx([&](Repos& r) {
    return r.contracts.insert_amendment({0, l, day(2026, 1, 15), -50, 10, "Baisse des besoins"});
  });
  Id earlier = in_tx([&](Repos& r) {
    return r.contracts.insert_amendment({0, l, day(2025, 9, 1), 100, 0, "Hausse"});
  });
  Id same_day = in_tx([&](Repos& r) {
    return r.contracts.insert_amendment({0, l, day(2026, 1, 15), 0, -5, "Correction"});
  });
  auto list = in_read([&](Repos& r) { return r.contracts.amendments_of(l); });
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].id, earlier);
  EXPECT_EQ(list[0].effective_on, day(2025, 9, 1));
  EXPECT_EQ(list[0].individual_hours_delta, 100);
  EXPECT_EQ(list[0].reason, "Hausse");
  EXPECT_EQ(list[1].id, later);
  EXPECT_EQ(list[1].individual_hours_delta, -50);
  EXPECT_EQ(list[1].collective_hours_delta, 10);
  EXPECT_EQ(list[2].id, same_day);
}

// --- Provider staff (ORG-4) ---------------------------------------------------------------

TEST_P(StoreContract, ORG_4_AuthorisationRoundTripWithOptionalDates) {
  Id ep = add_org(OrgKind::establishment, "EP-B", "Maison d’arrêt de Bourges");
  Id u = add_user("cip@example.fr", "Claude Martin");
  AccessAuthorisation a{0, u, ep, day(2025, 1, 6), std::nullopt, std::nullopt};
  a.id = in_tx([&](Repos& r) { return r.staff.insert_authorisation(a); });
  auto found = in_read([&](Repos& r) { return r.staff.find_authorisation(a.id); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->user_id, u);
  EXPECT_EQ(found->establishment_id, ep);
  EXPECT_EQ(found->requested_on, day(2025, 1, 6));
  EXPECT_FALSE(found->granted_on.has_value());
  EXPECT_FALSE(found->ends_on.has_value());

  a.granted_on = day(2025, 2, 3);
  a.ends_on = day(2026, 2, 2);
  write([&](Repos& r) { r.staff.update_authorisation(a); });
  Id second = in_tx([&](Repos& r) {
    return r.staff.insert_authorisation({0, u, ep, day(2024, 12, 1), std::nullopt, std::nullopt});
  });
  auto list = in_read([&](Repos& r) { return r.staff.authorisations_of_user(u); });
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, second) << "by requested date";
  EXPECT_EQ(list[1].granted_on, day(2025, 2, 3));
  EXPECT_EQ(list[1].ends_on, day(2026, 2, 2));
}

TEST_P(StoreContract, ORG_4_OneCoordinatorPerEstablishmentSettingReplaces) {
  Id presta = add_org(OrgKind::provider, "PRESTA", "Avenir Emploi");
  Id ep1 = add_org(OrgKind::establishment, "EP-1", "Centre pénitentiaire");
  Id ep2 = add_org(OrgKind::establishment, "EP-2", "Maison d’arrêt");
  Id a = add_user("a@example.fr", "Alix");
  Id b = add_user("b@example.fr", "Bao");
  write([&](Repos& r) { r.staff.set_coordinator({presta, ep2, a}); });
  write([&](Repos& r) { r.staff.set_coordinator({presta, ep1, a}); });
  write([&](Repos& r) { r.staff.set_coordinator({presta, ep1, b}); });
  auto list = in_read([&](Repos& r) { return r.staff.coordinators_of(presta); });
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].establishment_id, ep1);
  EXPECT_EQ(list[0].user_id, b) << "the second setting replaced the first";
  EXPECT_EQ(list[1].establishment_id, ep2);
  EXPECT_EQ(list[1].user_id, a);
}

TEST_P(StoreContract, ORG_4_SubstitutesRoundTripAndDuplicateIsConflict) {
  Id presta = add_org(OrgKind::provider, "PRESTA", "Avenir Emploi");
  Id a = add_user("a@example.fr", "Alix");
  Id b = add_user("b@example.fr", "Bao");
  Id sa = in_tx([&](Repos& r) { return r.staff.add_substitute({0, presta, a, "Remplace en MF"}); });
  Id sb = in_tx([&](Repos& r) { return r.staff.add_substitute({0, presta, b, ""}); });
  auto list = in_read([&](Repos& r) { return r.staff.substitutes_of(presta); });
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, sa);
  EXPECT_EQ(list[0].user_id, a);
  EXPECT_EQ(list[0].note, "Remplace en MF");
  EXPECT_EQ(list[1].id, sb);

  Error e = failing_write([&](Repos& r) { r.staff.add_substitute({0, presta, a, "encore"}); });
  EXPECT_EQ(e.code, ErrorCode::conflict);
  EXPECT_EQ(e.message, "Cet intervenant est déjà suppléant.");

  write([&](Repos& r) { r.staff.remove_substitute(sa); });
  list = in_read([&](Repos& r) { return r.staff.substitutes_of(presta); });
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, sb);
}

// --- Authentication (SEC-5) ---------------------------------------------------------------

TEST_P(StoreContract, SEC_5_WebSessionRoundTrip) {
  Id u = add_user("a@example.fr", "Alix");
  Id v = add_user("b@example.fr", "Bao");
  WebSession s{"hash-1", u, "csrf-1", at(1700000000), at(1700000100), "192.0.2.1"};
  write([&](Repos& r) {
    r.auth.insert_session(s);
    r.auth.insert_session({"hash-2", u, "csrf-2", at(1700000000), at(1700000000), ""});
    r.auth.insert_session({"hash-3", v, "csrf-3", at(1700000000), at(1700000000), ""});
  });
  auto found = in_read([&](Repos& r) { return r.auth.find_session("hash-1"); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->user_id, u);
  EXPECT_EQ(found->csrf_token, "csrf-1");
  EXPECT_EQ(found->created_at, at(1700000000));
  EXPECT_EQ(found->last_seen_at, at(1700000100));
  EXPECT_EQ(found->remote_addr, "192.0.2.1");

  write([&](Repos& r) { r.auth.touch_session("hash-1", at(1700000500)); });
  found = in_read([&](Repos& r) { return r.auth.find_session("hash-1"); });
  EXPECT_EQ(found->last_seen_at, at(1700000500));

  write([&](Repos& r) { r.auth.delete_session("hash-2"); });
  EXPECT_FALSE(in_read([&](Repos& r) { return r.auth.find_session("hash-2"); }).has_value());
  write([&](Repos& r) { r.auth.delete_sessions_of(u); });
  EXPECT_FALSE(in_read([&](Repos& r) { return r.auth.find_session("hash-1"); }).has_value());
  EXPECT_TRUE(in_read([&](Repos& r) { return r.auth.find_session("hash-3"); }).has_value());
}

TEST_P(StoreContract, SEC_5_IdleSessionsDeletedAndCounted) {
  Id u = add_user("a@example.fr", "Alix");
  write([&](Repos& r) {
    r.auth.insert_session({"old-1", u, "c", at(1000), at(1000), ""});
    r.auth.insert_session({"old-2", u, "c", at(1000), at(1999), ""});
    r.auth.insert_session({"edge", u, "c", at(1000), at(2000), ""});
    r.auth.insert_session({"fresh", u, "c", at(1000), at(3000), ""});
  });
  int deleted = in_tx([&](Repos& r) { return r.auth.delete_sessions_idle_since(at(2000)); });
  EXPECT_EQ(deleted, 2) << "last seen strictly before the limit";
  EXPECT_TRUE(in_read([&](Repos& r) { return r.auth.find_session("edge"); }).has_value());
  EXPECT_EQ(in_tx([&](Repos& r) { return r.auth.delete_sessions_idle_since(at(2000)); }), 0);
}

TEST_P(StoreContract, SEC_5_LoginFailuresCountedWithinTheWindow) {
  write([&](Repos& r) {
    r.auth.record_login_failure("compte:a@example.fr", at(1000));
    r.auth.record_login_failure("compte:a@example.fr", at(1500));
    r.auth.record_login_failure("compte:a@example.fr", at(1600));
    r.auth.record_login_failure("adresse:192.0.2.1", at(1600));
  });
  auto count = [&](const std::string& key, long long since) {
    return in_read([&](Repos& r) { return r.auth.count_login_failures(key, at(since)); });
  };
  EXPECT_EQ(count("compte:a@example.fr", 0), 3);
  EXPECT_EQ(count("compte:a@example.fr", 1500), 2) << "at or after the start of the window";
  EXPECT_EQ(count("compte:a@example.fr", 1601), 0);
  EXPECT_EQ(count("adresse:192.0.2.1", 0), 1);
  write([&](Repos& r) { r.auth.clear_login_failures("compte:a@example.fr"); });
  EXPECT_EQ(count("compte:a@example.fr", 0), 0);
  EXPECT_EQ(count("adresse:192.0.2.1", 0), 1);
}

TEST_P(StoreContract, SEC_5_ApiTokenRoundTripTouchAndRevoke) {
  Id u = add_user("a@example.fr", "Alix");
  ApiToken t{0, u, "Export mensuel", "token-hash-1", at(1700000000), std::nullopt, false};
  t.id = in_tx([&](Repos& r) { return r.auth.insert_api_token(t); });
  Id second = in_tx([&](Repos& r) {
    return r.auth.insert_api_token(
        {0, u, "Autre", "token-hash-2", at(1700000500), at(1700000600), false});
  });
  auto found = in_read([&](Repos& r) { return r.auth.find_api_token("token-hash-1"); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, t.id);
  EXPECT_EQ(found->user_id, u);
  EXPECT_EQ(found->name, "Export mensuel");
  EXPECT_EQ(found->created_at, at(1700000000));
  EXPECT_FALSE(found->last_used_at.has_value());
  EXPECT_FALSE(found->revoked);

  write([&](Repos& r) { r.auth.touch_api_token(t.id, at(1700001000)); });
  write([&](Repos& r) { r.auth.revoke_api_token(t.id); });
  found = in_read([&](Repos& r) { return r.auth.find_api_token("token-hash-1"); });
  ASSERT_TRUE(found->last_used_at.has_value());
  EXPECT_EQ(*found->last_used_at, at(1700001000));
  EXPECT_TRUE(found->revoked);

  auto list = in_read([&](Repos& r) { return r.auth.api_tokens_of(u); });
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, t.id);
  EXPECT_EQ(list[1].id, second);
  EXPECT_EQ(list[1].last_used_at, at(1700000600));
  EXPECT_FALSE(list[1].revoked);
}

// --- Errors mapped the same way on both backends (DESIGN §4.5) ----------------------------

TEST_P(StoreContract, DuplicateOrganisationCodeIsConflict) {
  add_org(OrgKind::spip, "SPIP18", "SPIP du Cher");
  Error e = failing_write([&](Repos& r) { r.orgs.insert(org(OrgKind::spip, "SPIP18", "Autre")); });
  EXPECT_EQ(e.code, ErrorCode::conflict);
  EXPECT_EQ(e.message, "Une organisation porte déjà ce code.");
}

TEST_P(StoreContract, DuplicateUserEmailIsConflictWhateverTheCase) {
  add_user("camille@example.fr", "Camille Durand");
  Error e = failing_write([&](Repos& r) { r.users.insert(person("Camille@Example.fr", "Autre")); });
  EXPECT_EQ(e.code, ErrorCode::conflict);
  EXPECT_EQ(e.message, "Un compte existe déjà avec cette adresse e-mail.");
}

TEST_P(StoreContract, DuplicateLotNumberInOneContractIsConflict) {
  Id disp = add_org(OrgKind::disp, "DISP21", "DISP de Dijon");
  Id c1 = in_tx([&](Repos& r) { return r.contracts.insert_contract(contract(disp, "C1")); });
  Id c2 = in_tx([&](Repos& r) { return r.contracts.insert_contract(contract(disp, "C2")); });
  in_tx([&](Repos& r) { return r.contracts.insert_lot(lot(c1, 1)); });
  in_tx([&](Repos& r) { return r.contracts.insert_lot(lot(c2, 1)); });  // another contract: fine
  Error e = failing_write([&](Repos& r) { r.contracts.insert_lot(lot(c1, 1)); });
  EXPECT_EQ(e.code, ErrorCode::conflict);
  EXPECT_EQ(e.message, "Ce numéro de lot existe déjà dans ce marché.");
}

TEST_P(StoreContract, DuplicateContractReferenceIsConflict) {
  Id disp = add_org(OrgKind::disp, "DISP21", "DISP de Dijon");
  in_tx([&](Repos& r) { return r.contracts.insert_contract(contract(disp, "C1")); });
  Error e = failing_write([&](Repos& r) { r.contracts.insert_contract(contract(disp, "C1")); });
  EXPECT_EQ(e.code, ErrorCode::conflict);
  EXPECT_EQ(e.message, "Un marché porte déjà cette référence.");
}

TEST_P(StoreContract, ORG_2_DuplicateMembershipIsConflict) {
  Id spip = add_org(OrgKind::spip, "SPIP18", "SPIP du Cher");
  Id u = add_user("camille@example.fr", "Camille Durand");
  in_tx([&](Repos& r) { return r.users.add_membership({0, u, spip, Role::cpip}); });
  in_tx([&](Repos& r) { return r.users.add_membership({0, u, spip, Role::spip_manager}); });
  Error e = failing_write([&](Repos& r) { r.users.add_membership({0, u, spip, Role::cpip}); });
  EXPECT_EQ(e.code, ErrorCode::conflict);
  EXPECT_EQ(e.message, "Cette personne a déjà ce rôle dans cette organisation.");
}

TEST_P(StoreContract, MembershipToMissingOrganisationIsConflict) {
  Id u = add_user("camille@example.fr", "Camille Durand");
  Error e = failing_write([&](Repos& r) { r.users.add_membership({0, u, 999999, Role::cpip}); });
  EXPECT_EQ(e.code, ErrorCode::conflict);
  EXPECT_EQ(e.message, "L’élément lié n’existe pas.");
}

TEST_P(StoreContract, NegativePlaceCapacityIsInvalid) {
  Id ep = add_org(OrgKind::establishment, "EP-B", "Maison d’arrêt de Bourges");
  Place p;
  p.org_id = ep;
  p.name = "Salle";
  p.capacity = -1;
  Error e = failing_write([&](Repos& r) { r.orgs.insert_place(p); });
  EXPECT_EQ(e.code, ErrorCode::invalid);
  EXPECT_EQ(e.message, "La capacité d’un lieu ne peut pas être négative.");
}

TEST_P(StoreContract, UpdateOfMissingRowIsNotFound) {
  Organisation o = org(OrgKind::spip, "SPIP18", "SPIP du Cher");
  o.id = 424242;
  Error e = failing_write([&](Repos& r) { r.orgs.update(o); });
  EXPECT_EQ(e.code, ErrorCode::not_found);
}

// --- Transactions: nothing half-written (SEC-5) -------------------------------------------

TEST_P(StoreContract, SEC_5_NothingHalfWrittenWhenFnReturnsAnError) {
  Status s = store_->transact([&](Repos& r) -> Status {
    r.orgs.insert(org(OrgKind::spip, "SPIP18", "SPIP du Cher"));
    r.users.insert(person("camille@example.fr", "Camille Durand"));
    return rule_violation("Refusé par la règle.");
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::rule_violation);
  EXPECT_EQ(s.error().message, "Refusé par la règle.");
  EXPECT_FALSE(in_read([&](Repos& r) { return r.orgs.find_by_code("SPIP18"); }).has_value());
  EXPECT_FALSE(
      in_read([&](Repos& r) { return r.users.find_by_email("camille@example.fr"); }).has_value());
}

TEST_P(StoreContract, SEC_5_NothingHalfWrittenWhenSecondInsertFails) {
  add_org(OrgKind::spip, "SPIP18", "SPIP du Cher");
  Error e = failing_write([&](Repos& r) {
    r.orgs.insert(org(OrgKind::spip, "SPIP36", "SPIP de l’Indre"));
    r.orgs.insert(org(OrgKind::spip, "SPIP18", "Doublon"));
  });
  EXPECT_EQ(e.code, ErrorCode::conflict);
  EXPECT_FALSE(in_read([&](Repos& r) { return r.orgs.find_by_code("SPIP36"); }).has_value())
      << "the first insert was rolled back with the second";
  EXPECT_EQ(store_->pool_stats().in_use, 0);
  // The connection is usable again after the failure.
  add_org(OrgKind::spip, "SPIP58", "SPIP de la Nièvre");
}

TEST_P(StoreContract, SEC_5_ExceptionFromFnIsCaughtAndRolledBack) {
  Status s = store_->transact([&](Repos& r) -> Status {
    r.orgs.insert(org(OrgKind::spip, "SPIP18", "SPIP du Cher"));
    throw std::runtime_error("bug in a use case");
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::unavailable);
  EXPECT_EQ(s.error().message.find("bug"), std::string::npos) << "no technical text shown";
  EXPECT_FALSE(in_read([&](Repos& r) { return r.orgs.find_by_code("SPIP18"); }).has_value());
  EXPECT_EQ(store_->pool_stats().in_use, 0);
}

TEST_P(StoreContract, ReadNeverCommits) {
  Status s = store_->read([&](Repos& r) -> Status {
    r.orgs.insert(org(OrgKind::spip, "SPIP18", "SPIP du Cher"));
    return {};
  });
  EXPECT_TRUE(s.ok()) << s.error().message;
  EXPECT_FALSE(in_read([&](Repos& r) { return r.orgs.find_by_code("SPIP18"); }).has_value());
}

TEST_P(StoreContract, ParallelWritersAllCommit) {
  constexpr int kThreads = 4;
  constexpr int kEach = 10;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        Status s = store_->transact([&](Repos& r) -> Status {
          std::string code = "ORG-" + std::to_string(t) + "-" + std::to_string(i);
          r.orgs.insert(org(OrgKind::partner, code, code));
          return {};
        });
        if (!s.ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(in_read([&](Repos& r) { return r.orgs.list(OrgKind::partner); }).size(),
            static_cast<std::size_t>(kThreads * kEach));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::ValuesIn(testdb::backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

// --- Opening a store ----------------------------------------------------------------------

TEST(StoreContractOpen, UnknownUrlIsInvalid) {
  auto opened = SociStore::open("mysql://root:secret@localhost/db");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::invalid);
  EXPECT_EQ(opened.error().message.find("secret"), std::string::npos);
}

TEST(StoreContractOpen, EmptySqlitePathIsInvalid) {
  auto opened = SociStore::open("sqlite:");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::invalid);
}

TEST(StoreContractOpen, UnreachablePostgresqlIsUnavailableWithoutPassword) {
  auto opened = SociStore::open("postgresql://parcours:motdepasse-secret@127.0.0.1:1/parcours");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::unavailable);
  EXPECT_NE(opened.error().message.find("PostgreSQL"), std::string::npos);
  EXPECT_EQ(opened.error().message.find("motdepasse-secret"), std::string::npos);
}

TEST(StoreContractOpen, SqliteCreatesTheMissingDirectory) {
  testdb::TestDatabase db("sqlite");
  std::string url = db.url();
  std::string nested = url.substr(0, url.rfind('/')) + "/var/sub/parcours.db";
  auto opened = SociStore::open(nested, 2);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(opened.value()->backend(), "sqlite");
  EXPECT_EQ(opened.value()->pool_stats().size, 2);
  EXPECT_TRUE(opened.value()->migrate().ok());
}

TEST(StoreContractOpen, InvalidPoolSizeIsInvalid) {
  auto opened = SociStore::open("sqlite:/tmp/never-created/x.db", 0);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::invalid);
}

// --- PostgreSQL connections lost and healed (DESIGN §4.5: connection lost → unavailable) ----

// Terminates every other connection to the database at `url` (as a server restart would).
void cut_connections(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PGresult* res = PQexec(conn,
                         "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  EXPECT_EQ(PQresultStatus(res), PGRES_TUPLES_OK) << PQerrorMessage(conn);
  PQclear(res);
  PQfinish(conn);
}

TEST(StoreContractPostgresql, ConnectionCutBetweenTransactionsHealsTransparently) {
  PARCOURS_SKIP_UNLESS_BACKEND("postgresql");
  testdb::TestDatabase db("postgresql");
  auto opened = SociStore::open(db.url(), 1);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  SociStore& store = *opened.value();
  ASSERT_TRUE(store.migrate().ok());
  cut_connections(db.url());
  Status s = store.transact([](Repos& r) -> Status {
    r.orgs.insert(org(OrgKind::spip, "SPIP18", "SPIP du Cher"));
    return {};
  });
  EXPECT_TRUE(s.ok()) << s.error().message;
  cut_connections(db.url());
  EXPECT_TRUE(store.ping().ok());
}

TEST(StoreContractPostgresql, ConnectionLostInsideTransactionIsUnavailableThenHeals) {
  PARCOURS_SKIP_UNLESS_BACKEND("postgresql");
  testdb::TestDatabase db("postgresql");
  auto opened = SociStore::open(db.url(), 1);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  SociStore& store = *opened.value();
  ASSERT_TRUE(store.migrate().ok());
  Status s = store.transact([&](Repos& r) -> Status {
    r.orgs.insert(org(OrgKind::spip, "SPIP18", "SPIP du Cher"));
    cut_connections(db.url());
    r.orgs.insert(org(OrgKind::spip, "SPIP36", "SPIP de l’Indre"));
    return {};
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::unavailable);
  EXPECT_EQ(s.error().message.find("SELECT"), std::string::npos);
  EXPECT_EQ(store.pool_stats().in_use, 0);
  Result<bool> found = parcours::read<bool>(
      store, [](Repos& r) -> Result<bool> { return r.orgs.find_by_code("SPIP18").has_value(); });
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_FALSE(found.value()) << "nothing half-written (SEC-5)";
}

}  // namespace
}  // namespace parcours
