// The audit trail (SPEC SEC-2): changes are recorded with their actor in the same transaction,
// and tampering with the journal — an altered entry, a removed one, removed last ones — is
// found by verify_audit. On SQLite and on a real PostgreSQL; the tampering is done with raw
// SQL on a connection of the test's own, as an intruder with database access would.
#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "app/admin.h"
#include "app/audit.h"
#include "app/secrets.h"
#include "cli/commands.h"
#include "db_support.h"
#include "storage/soci_store.h"

namespace parcours {
namespace {

class FixedClock : public Clock {
 public:
  Instant now() const override {
    return date::sys_days{Date{date::year{2025}, date::month{3}, date::day{3}}} +
           std::chrono::hours{9};
  }
};

class AuditTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
    db_ = std::make_unique<testdb::TestDatabase>(GetParam());
    auto store = SociStore::open(db_->url(), 5);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store.value());
    auto migrated = store_->migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
    admin_ = make_admin();
    admin_.remote_addr = "192.0.2.7";
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
  }

  // A platform administrator, written without going through the audited use cases.
  Actor make_admin() {
    auto actor = transact<Actor>(*store_, [&](Repos& r) -> Result<Actor> {
      Organisation o;
      o.kind = OrgKind::partner;
      o.code = "ADMIN";
      o.name = "Administration";
      auto org = insert_organisation(r, o);
      if (!org.ok()) return org.error();
      User u;
      u.email = "admin@example.fr";
      u.full_name = "Dominique Testeur";
      auto user = insert_user(r, u);
      if (!user.ok()) return user.error();
      if (auto m = insert_membership(r, Membership{0, *user, *org, Role::admin}); !m.ok())
        return m.error();
      return load_actor(r, *r.users.find(*user));
    });
    EXPECT_TRUE(actor.ok()) << actor.error().message;
    return actor.ok() ? actor.value() : Actor{};
  }

  // `n` entries, each in its own transaction.
  void make_entries(int n) {
    for (int i = 1; i <= n; ++i) {
      Status s = store_->transact([&](Repos& r) -> Status {
        record(r, clock_, admin_, "test.entry", "organisation", i, 0,
               "{\"i\":" + std::to_string(i) + "}");
        return {};
      });
      ASSERT_TRUE(s.ok()) << s.error().message;
    }
  }

  std::vector<AuditEntry> all_entries() {
    auto v =
        read<std::vector<AuditEntry>>(*store_, [](Repos& r) -> Result<std::vector<AuditEntry>> {
          return r.audit.entries_after(0, 100000);
        });
    EXPECT_TRUE(v.ok()) << v.error().message;
    return v.ok() ? v.value() : std::vector<AuditEntry>{};
  }

  AuditVerification verify() {
    auto v = verify_audit(*store_);
    EXPECT_TRUE(v.ok()) << v.error().message;
    return v.ok() ? v.value() : AuditVerification{false, 0, 0, "(erreur)"};
  }

  // Runs a statement on a connection of the test's own, outside the application.
  void tamper(const std::string& statement) {
    EXPECT_EQ(testdb::execute_outside(db_->url(), statement), 1) << statement;
  }

  FixedClock clock_;
  std::unique_ptr<testdb::TestDatabase> db_;
  std::unique_ptr<SociStore> store_;
  Actor admin_;
};

TEST_P(AuditTest, SEC_2_ChangesAreRecordedWithTheirActor) {
  AdminService admin(*store_, clock_);
  Organisation o;
  o.kind = OrgKind::partner;
  o.code = "FT18";
  o.name = "France Travail Bourges";
  auto id = admin.create_organisation(admin_, o);
  ASSERT_TRUE(id.ok()) << id.error().message;

  auto entries = all_entries();
  ASSERT_EQ(entries.size(), 1u);
  const AuditEntry& e = entries[0];
  EXPECT_EQ(e.seq, 1);
  EXPECT_EQ(e.at, clock_.now());
  EXPECT_EQ(e.action, "organisation.create");
  EXPECT_EQ(e.subject_type, "organisation");
  EXPECT_EQ(e.subject_id, *id);
  EXPECT_EQ(e.person_id, 0);
  EXPECT_EQ(e.actor_user_id, admin_.user.id);
  EXPECT_EQ(e.actor_label, "Dominique Testeur");
  EXPECT_EQ(e.remote_addr, "192.0.2.7");
  EXPECT_EQ(e.detail, R"({"code":"FT18","kind":"partner"})");
  EXPECT_EQ(e.prev_hash, "");
  EXPECT_EQ(e.hash.size(), 64u);

  auto by_subject =
      read<std::vector<AuditEntry>>(*store_, [&](Repos& r) -> Result<std::vector<AuditEntry>> {
        return r.audit.for_subject("organisation", *id, 10);
      });
  ASSERT_TRUE(by_subject.ok());
  ASSERT_EQ(by_subject->size(), 1u);
  EXPECT_EQ((*by_subject)[0].hash, e.hash);

  // Refused: invalid input, then a duplicate code. Nothing changed, nothing recorded.
  Organisation nameless = o;
  nameless.code = "FT36";
  nameless.name = "";
  EXPECT_FALSE(admin.create_organisation(admin_, nameless).ok());
  EXPECT_FALSE(admin.create_organisation(admin_, o).ok());
  EXPECT_EQ(all_entries().size(), 1u);

  AuditVerification v = verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 1);
}

TEST_P(AuditTest, SEC_2_UpdatesNameChangedFieldsAndNeverThePassword) {
  AdminService admin(*store_, clock_);
  User u;
  u.email = "camille.durand@example.fr";
  u.full_name = "Camille Durand";
  const std::string password = "Un-mot-de-passe-tres-long-42";
  auto id = admin.create_user(admin_, u, password);
  ASSERT_TRUE(id.ok()) << id.error().message;
  u.id = *id;
  u.phone = "02 48 00 00 00";
  ASSERT_TRUE(admin.update_user(admin_, u).ok());
  ASSERT_TRUE(admin.reset_password(admin_, *id, "Un-autre-mot-de-passe-99").ok());

  auto entries = all_entries();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, "user.create");
  EXPECT_EQ(entries[1].action, "user.update");
  EXPECT_EQ(entries[1].detail, R"({"changed":["phone"]})");
  EXPECT_EQ(entries[2].action, "user.reset_password");
  for (const auto& e : entries) {
    EXPECT_EQ(e.subject_id, *id);
    EXPECT_EQ(e.detail.find("mot-de-passe"), std::string::npos) << e.detail;
    EXPECT_EQ(e.detail.find("Camille"), std::string::npos) << e.detail;
  }
  EXPECT_TRUE(verify().ok);
}

TEST_P(AuditTest, SEC_2_RolledBackChangeLeavesNoEntry) {
  Status s = store_->transact([&](Repos& r) -> Status {
    record(r, clock_, admin_, "test.entry", "organisation", 1);
    return rule_violation("Refusé après coup.");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(all_entries().empty());
  AuditVerification v = verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 0);
}

TEST_P(AuditTest, SEC_2_VerifyAcceptsAnIntactJournal) {
  make_entries(5);
  AuditVerification v = verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 5);
  EXPECT_EQ(v.first_bad_seq, 0);
  EXPECT_EQ(v.problem, "");
}

TEST_P(AuditTest, SEC_2_VerifyDetectsAlteredEntry) {
  make_entries(5);
  tamper("UPDATE audit_log SET detail = '{\"i\":99}' WHERE seq = 3");
  AuditVerification v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_EQ(v.entries, 2);
  EXPECT_EQ(v.problem, "Entrée n° 3 modifiée : son empreinte ne correspond plus à son contenu.");
}

TEST_P(AuditTest, SEC_2_VerifyDetectsRemovedEntry) {
  make_entries(5);
  tamper("DELETE FROM audit_log WHERE seq = 2");
  AuditVerification v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 2);
  EXPECT_EQ(v.problem, "Entrée n° 2 manquante : la chaîne est rompue.");
}

TEST_P(AuditTest, SEC_2_VerifyDetectsRemovedTail) {
  make_entries(5);
  tamper("DELETE FROM audit_log WHERE seq = 5");
  AuditVerification v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 5);
  EXPECT_EQ(v.problem,
            "Les dernières entrées ont été supprimées : la tête du journal indique 5 entrées, 4 "
            "sont présentes.");
}

// An intruder who rewrites an entry and recomputes its hash still breaks the next link.
TEST_P(AuditTest, SEC_2_VerifyDetectsReplacedEntryWithRecomputedHash) {
  make_entries(4);
  auto entries = all_entries();
  ASSERT_EQ(entries.size(), 4u);
  AuditEntry forged = entries[1];
  forged.detail = "{\"i\":42}";
  forged.hash = token_digest(audit_payload(forged));
  tamper("UPDATE audit_log SET detail = '" + forged.detail + "', hash = '" + forged.hash +
         "' WHERE seq = 2");
  AuditVerification v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 2);
  EXPECT_EQ(v.problem,
            "Entrée n° 3 : son lien avec l’entrée n° 2 est rompu ; l’une des deux a été modifiée "
            "ou remplacée.");
}

TEST_P(AuditTest, SEC_2_ConcurrentAppendsKeepOneChain) {
  constexpr int kThreads = 4;
  constexpr int kEach = 20;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        Status s = store_->transact([&](Repos& r) -> Status {
          record(r, clock_, admin_, "test.entry", "organisation", t * 100 + i);
          return {};
        });
        if (!s.ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);

  auto entries = all_entries();
  ASSERT_EQ(entries.size(), static_cast<std::size_t>(kThreads * kEach));
  std::set<Id> subjects;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].seq, static_cast<long long>(i + 1));
    subjects.insert(entries[i].subject_id);
  }
  EXPECT_EQ(subjects.size(), entries.size());
  AuditVerification v = verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, kThreads * kEach);
}

TEST_P(AuditTest, SEC_2_AuditVerifyCommandExitsNonZeroOnTampering) {
  make_entries(3);
  ::testing::internal::CaptureStdout();
  int intact = cli::audit_verify(db_->url());
  std::string out = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(intact, 0);
  EXPECT_EQ(out, "Journal d’audit intègre : 3 entrées vérifiées.\n");

  tamper("UPDATE audit_log SET actor_label = 'Quelqu’un d’autre' WHERE seq = 1");
  ::testing::internal::CaptureStderr();
  int altered = cli::audit_verify(db_->url());
  std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(altered, 1);
  EXPECT_NE(err.find("Entrée n° 1 modifiée"), std::string::npos) << err;
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditTest, ::testing::ValuesIn(testdb::backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace parcours
