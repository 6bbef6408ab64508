// Prepared statements kept per SQLite connection (storage/statement_cache.h, issue 13): a kept
// statement gives the same rows as a one-time one, whatever the parameters of each call, a
// query issued from inside another's rows still runs, a failed statement is not kept, and a
// transaction commits after kept statements have run. On a real SQLite file.
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "db_support.h"
#include "storage/database_url.h"
#include "storage/row_util.h"
#include "storage/statement_cache.h"

namespace parcours::storage {
namespace {

class StatementCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto target = parse_database_url(db_.url());
    ASSERT_TRUE(target.ok()) << target.error().message;
    sql_.open(soci::sqlite3, target->sqlite_path);
    execute(sql_, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INTEGER)");
    keep_statements(sql_);
    for (int i = 1; i <= 5; ++i)
      execute(sql_, "INSERT INTO t (id, name, n) VALUES (:id, :name, :n)",
              Params().integer(i).text("nom " + std::to_string(i)).integer(i * 10));
  }
  void TearDown() override {
    forget_statements(sql_);
    sql_.close();
  }

  std::vector<std::string> names_from(long long min_n) {
    std::vector<std::string> out;
    for_each_row(sql_, "SELECT name FROM t WHERE n >= :n ORDER BY id", Params().integer(min_n),
                 [&](const soci::row& row) { out.push_back(RowReader(row).text()); });
    return out;
  }

  testdb::TestDatabase db_{"sqlite"};
  soci::session sql_;
};

TEST_F(StatementCacheTest, SameQueryAgainReadsTheNewParameters) {
  EXPECT_EQ(names_from(40), (std::vector<std::string>{"nom 4", "nom 5"}));
  EXPECT_EQ(names_from(10).size(), 5u);
  EXPECT_TRUE(names_from(60).empty());
  EXPECT_EQ(names_from(50), (std::vector<std::string>{"nom 5"}));
}

TEST_F(StatementCacheTest, NullThenValueInTheSameKeptStatement) {
  const std::string q = "SELECT COUNT(*) FROM t WHERE name IS :name OR id = :id";
  auto count = [&](Params p) {
    long long c = -1;
    fetch_one(sql_, q, std::move(p), [&](const soci::row& row) { c = RowReader(row).integer(); });
    return c;
  };
  EXPECT_EQ(count(Params().date_or_null(std::nullopt).id_or_null(0)), 0);
  EXPECT_EQ(count(Params().text("nom 2").id_or_null(3)), 2);
  EXPECT_EQ(count(Params().date_or_null(std::nullopt).id_or_null(1)), 1);
}

TEST_F(StatementCacheTest, OtherParameterTypesRunAsOneTimeStatements) {
  const std::string q = "SELECT COUNT(*) FROM t WHERE n >= :n";
  long long c = 0;
  auto read = [&](const soci::row& row) { c = RowReader(row).integer(); };
  fetch_one(sql_, q, Params().integer(30), read);
  EXPECT_EQ(c, 3);
  c = 0;
  fetch_one(sql_, q, Params().text("30"), read);  // the column's affinity makes it 30 again
  EXPECT_EQ(c, 3);
  fetch_one(sql_, q, Params().integer(20), read);
  EXPECT_EQ(c, 4);
}

TEST_F(StatementCacheTest, TheSameQueryInsideItsOwnRowsStillRuns) {
  const std::string q = "SELECT id FROM t WHERE id <= :id ORDER BY id";
  std::vector<std::string> pairs;
  for_each_row(sql_, q, Params().integer(2), [&](const soci::row& outer) {
    const long long a = RowReader(outer).integer();
    for_each_row(sql_, q, Params().integer(a), [&](const soci::row& inner) {
      pairs.push_back(std::to_string(a) + "-" + std::to_string(RowReader(inner).integer()));
    });
  });
  EXPECT_EQ(pairs, (std::vector<std::string>{"1-1", "2-1", "2-2"}));
}

TEST_F(StatementCacheTest, AFailedStatementIsNotKeptAndTheNextRunWorks) {
  const std::string q = "INSERT INTO t (id, name, n) VALUES (:id, :name, :n)";
  EXPECT_THROW(execute(sql_, q, Params().integer(1).text("doublon").integer(0)), soci::soci_error);
  EXPECT_EQ(execute(sql_, q, Params().integer(6).text("nom 6").integer(60)), 1);
  EXPECT_EQ(names_from(60), (std::vector<std::string>{"nom 6"}));
}

TEST_F(StatementCacheTest, InsertReturningIdThenCommit) {
  execute(sql_, "BEGIN IMMEDIATE");
  const std::string q = "INSERT INTO t (name, n) VALUES (:name, :n) RETURNING id";
  const Id first = insert_returning_id(sql_, q, Params().text("a").integer(1));
  const Id second = insert_returning_id(sql_, q, Params().text("b").integer(2));
  EXPECT_EQ(second, first + 1);
  EXPECT_EQ(names_from(0).size(), 7u);
  // No kept statement is left running: the transaction commits.
  EXPECT_NO_THROW(execute(sql_, "COMMIT"));
  EXPECT_EQ(names_from(0).size(), 7u);
}

TEST_F(StatementCacheTest, AnExceptionFromARowCallbackLeavesNothingRunning) {
  execute(sql_, "BEGIN");
  EXPECT_THROW(for_each_row(sql_, "SELECT id FROM t ORDER BY id", Params(),
                            [](const soci::row&) { throw std::runtime_error("arrêt"); }),
               std::runtime_error);
  EXPECT_NO_THROW(execute(sql_, "COMMIT"));
  std::vector<long long> ids;
  for_each_row(sql_, "SELECT id FROM t ORDER BY id", Params(),
               [&](const soci::row& row) { ids.push_back(RowReader(row).integer()); });
  EXPECT_EQ(ids.size(), 5u);
}

TEST_F(StatementCacheTest, UpdatesCountTheirRowsEachTime) {
  const std::string q = "UPDATE t SET n = n + 1 WHERE n >= :n";
  EXPECT_EQ(execute(sql_, q, Params().integer(40)), 2);
  EXPECT_EQ(execute(sql_, q, Params().integer(0)), 5);
  EXPECT_EQ(execute(sql_, q, Params().integer(1000)), 0);
}

TEST_F(StatementCacheTest, ASchemaChangeIsSeenByAKeptStatement) {
  EXPECT_EQ(names_from(10).size(), 5u);
  execute(sql_, "ALTER TABLE t ADD COLUMN extra TEXT");
  execute(sql_, "DELETE FROM t WHERE id > 2");
  EXPECT_EQ(names_from(10).size(), 2u);
}

}  // namespace
}  // namespace parcours::storage
