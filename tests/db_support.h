// Test databases for the integration tests (DESIGN §5: the database is never mocked; tests run
// on a SQLite file and on a real PostgreSQL).
//
// Usage, in a fixture's SetUp:
//   PARCOURS_SKIP_UNLESS_BACKEND(backend);      // PostgreSQL needs PARCOURS_TEST_PG
//   url_ = parcours::testdb::fresh_test_database_url(backend);
//   auto store = parcours::SociStore::open(url_);  … store->migrate() …
// and in TearDown, after closing the stores: parcours::testdb::drop_test_database(url_);
// or hold a parcours::testdb::TestDatabase, which drops it when destroyed.
//
// PostgreSQL: PARCOURS_TEST_PG is the libpq URL of a server on which the tests may create and
// drop databases, e.g. postgresql://postgres@127.0.0.1:55432/postgres as printed by
// `scripts/pg-test-server start build/pg-test 55432` (`make test` sets it).
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace parcours::testdb {

// "sqlite" and "postgresql", for INSTANTIATE_TEST_SUITE_P(…, ::testing::ValuesIn(backends())).
const std::vector<std::string>& backends();

// The value of PARCOURS_TEST_PG, or "" when it is unset.
std::string test_pg_server();

// Why `backend` cannot be tested here, or "" when it can.
std::string skip_reason(const std::string& backend);

// A new, empty, isolated database for `backend`, as a URL for SociStore::open:
//   "sqlite"      sqlite:/tmp/parcours-test-XXXXXX/test.db (a new directory)
//   "postgresql"  a new database parcours_t_<random> on the PARCOURS_TEST_PG server
// Throws std::runtime_error when it cannot (PARCOURS_TEST_PG unset, server down).
std::string fresh_test_database_url(const std::string& backend);

// Drops a database made by fresh_test_database_url (PostgreSQL: even with connections still
// open) or removes its SQLite directory. Never throws; does nothing for other URLs.
void drop_test_database(const std::string& url);

// Runs one statement on a connection of the test's own, outside the application (an intruder
// editing a row, a schema made older), and returns the number of rows it changed.
long long execute_outside(const std::string& url, const std::string& statement);

// A fresh database for the lifetime of the object. Destroy the stores using it first.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& backend) : url_(fresh_test_database_url(backend)) {}
  ~TestDatabase() { drop_test_database(url_); }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  const std::string& url() const { return url_; }

 private:
  std::string url_;
};

}  // namespace parcours::testdb

// Skips the current test, with the reason, when `backend` cannot be tested here.
#define PARCOURS_SKIP_UNLESS_BACKEND(backend)                                     \
  do {                                                                            \
    std::string parcours_skip_reason_ = ::parcours::testdb::skip_reason(backend); \
    if (!parcours_skip_reason_.empty()) GTEST_SKIP() << parcours_skip_reason_;    \
  } while (false)
