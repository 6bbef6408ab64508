// The reads of a person's file are recorded by group commit (SPEC SEC-2, app/audit.h
// record_read): concurrent readers share write transactions, every read still has its entry
// before its answer, changes recorded meanwhile join the same chain, and a batch that cannot be
// written fails every read of it (503 on the page). On SQLite and on a real PostgreSQL.
#include <atomic>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "app/audit.h"
#include "journey_fixture.h"

namespace parcours::testing {
namespace {

class AuditGroupCommitTest : public JourneyFixture {
 protected:
  std::vector<AuditEntry> all_entries() {
    auto v = read<std::vector<AuditEntry>>(server_->store(),
                                           [](Repos& r) -> Result<std::vector<AuditEntry>> {
                                             return r.audit.entries_after(0, 1000000);
                                           });
    EXPECT_TRUE(v.ok()) << v.error().message;
    return v.ok() ? v.value() : std::vector<AuditEntry>{};
  }

  // Runs a statement on a connection of the test's own, outside the application.
  void tamper(const std::string& statement) {
    EXPECT_EQ(testdb::execute_outside(server_->database_url(), statement), 1) << statement;
  }
};

TEST_P(AuditGroupCommitTest, SEC_2_ConcurrentReadsAreAllRecordedInFewerTransactionsInOneChain) {
  constexpr int kThreads = 16;
  constexpr int kReads = 50;
  at(paris(2025, 3, 3, 9));
  const Id person = create_demo_person(*server_);
  const std::size_t entries_before = all_entries().size();
  const AuditReadStats before = audit_read_stats(server_->store());

  std::atomic<int> failures{0};
  std::atomic<bool> reading{true};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kReads; ++i) {
        auto f = journeys().person_file(cpip_, person);
        if (!f.ok() || f->person.id != person) ++failures;
      }
    });
  // Changes recorded in their own transactions meanwhile: they must join the same chain.
  std::atomic<int> changes{0};
  std::thread writer([&] {
    while (reading.load()) {
      Status s = server_->store().transact([&](Repos& r) -> Status {
        record(r, server_->clock(), cpip_, "test.change", "person", person, person);
        return {};
      });
      if (s.ok())
        ++changes;
      else
        ++failures;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  for (auto& th : threads) th.join();
  reading = false;
  writer.join();
  EXPECT_EQ(failures.load(), 0);

  // Every read has its entry, every change too, in one unbroken chain.
  auto entries = all_entries();
  int reads = 0, changed = 0;
  for (std::size_t i = entries_before; i < entries.size(); ++i) {
    const auto& e = entries[i];
    if (e.action == "person.read") {
      ++reads;
      EXPECT_EQ(e.person_id, person);
      EXPECT_EQ(e.subject_type, "person");
      EXPECT_EQ(e.actor_user_id, cpip_.user.id);
    } else if (e.action == "test.change") {
      ++changed;
    }
  }
  EXPECT_EQ(reads, kThreads * kReads);
  EXPECT_EQ(changed, changes.load());
  EXPECT_GT(changed, 0);
  for (std::size_t i = 0; i < entries.size(); ++i)
    EXPECT_EQ(entries[i].seq, static_cast<long long>(i + 1));
  auto v = verify_audit(server_->store());
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_TRUE(v->ok) << v->problem;
  EXPECT_EQ(v->entries, static_cast<long long>(entries.size()));

  // … and the reads shared their write transactions.
  const AuditReadStats after = audit_read_stats(server_->store());
  EXPECT_EQ(after.entries - before.entries, kThreads * kReads);
  EXPECT_LT(after.transactions - before.transactions, kThreads * kReads);
  EXPECT_GE(after.transactions - before.transactions, 1);
  EXPECT_EQ(after.failed_batches, before.failed_batches);
}

TEST_P(AuditGroupCommitTest, SEC_2_EveryReadOfAFailedBatchFailsAndNothingIsShown) {
  at(paris(2025, 3, 3, 9));
  const Id person = create_demo_person(*server_);
  const Id prescription = *journeys().prescribe(cpip_, eligible_prescription(person));
  Browser browser(server_->port());
  ASSERT_EQ(browser.login("cpip@demo.parcours.fr", demo_password()).status, 303);
  const std::size_t entries_before = all_entries().size();
  const AuditReadStats before = audit_read_stats(server_->store());
  // A damaged journal: no head row, so no entry can be appended.
  tamper("DELETE FROM audit_head WHERE id = 1");

  constexpr int kThreads = 8;
  constexpr int kReads = 5;
  std::atomic<int> refused{0}, answered{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kReads; ++i) {
        std::optional<Error> error;
        if (t % 2 == 0) {
          auto f = journeys().person_file(cpip_, person);
          if (!f.ok()) error = f.error();
        } else {
          auto v = journeys().prescription(cpip_, prescription);
          if (!v.ok()) error = v.error();
        }
        if (!error)
          ++answered;
        else if (error->code == ErrorCode::unavailable)
          ++refused;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(answered.load(), 0);
  EXPECT_EQ(refused.load(), kThreads * kReads);
  EXPECT_EQ(all_entries().size(), entries_before);
  const AuditReadStats after = audit_read_stats(server_->store());
  EXPECT_EQ(after.entries, before.entries);
  EXPECT_GE(after.failed_batches - before.failed_batches, 1);

  // The page answers 503: the service cannot show what it cannot record.
  Reply page = browser.get("/personnes/" + std::to_string(person));
  EXPECT_EQ(page.status, 503) << page.body;
  EXPECT_EQ(page.body.find("Benali"), std::string::npos);
}

// The file's history and the concurrent-edit check read the changes of the journal: reads,
// however many, never push them out (AuditRepository::for_subject, for_person; migration 12).
TEST_P(AuditGroupCommitTest, SEC_2_ChangesOfAFileReadManyTimesStayInItsHistory) {
  at(paris(2025, 3, 3, 9));
  const Id person = create_demo_person(*server_);
  for (int i = 0; i < 250; ++i) ASSERT_TRUE(journeys().person_file(cpip_, person).ok());
  auto file = journeys().person_file(cpip_, person);
  ASSERT_TRUE(file.ok()) << file.error().message;
  bool created = false;
  for (const auto& e : file->timeline) created = created || e.label == "Création du dossier";
  EXPECT_TRUE(created);

  auto changes = read<std::vector<AuditEntry>>(
      server_->store(), [&](Repos& r) -> Result<std::vector<AuditEntry>> {
        auto subject = r.audit.for_subject("person", person, 200);
        auto of_person = r.audit.for_person(person, 100);
        subject.insert(subject.end(), of_person.begin(), of_person.end());
        return subject;
      });
  ASSERT_TRUE(changes.ok()) << changes.error().message;
  ASSERT_FALSE(changes->empty());
  for (const auto& e : *changes) EXPECT_NE(e.action, "person.read");
  EXPECT_EQ(changes->front().action, "person.create");
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditGroupCommitTest, ::testing::ValuesIn(testdb::backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace parcours::testing
