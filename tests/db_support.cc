#include "db_support.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "storage/database_url.h"
#include "storage/row_util.h"

namespace parcours::testdb {
namespace {

constexpr const char* kSqliteDirPrefix = "parcours-test-";
constexpr const char* kPgPrefix = "parcours_t_";

std::string random_suffix() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static const char* digits = "0123456789abcdef";
  std::string out;
  std::uint64_t v = rng();
  for (int i = 0; i < 16; ++i, v >>= 4) out += digits[v & 0xF];
  return out;
}

using PgConn = std::unique_ptr<PGconn, decltype(&PQfinish)>;

// Runs one statement on the PARCOURS_TEST_PG server's own database.
void run_on_server(const std::string& statement) {
  std::string server = test_pg_server();
  if (server.empty()) throw std::runtime_error("PARCOURS_TEST_PG is not set");
  PgConn conn(PQconnectdb(server.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error("cannot connect to PARCOURS_TEST_PG: " +
                             std::string(PQerrorMessage(conn.get())));
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn.get(), statement.c_str()),
                                                    &PQclear);
  if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
    throw std::runtime_error(statement + ": " + PQerrorMessage(conn.get()));
  }
}

// The server URL with its database replaced by `dbname` (URI or keyword form).
std::string with_database(const std::string& server, const std::string& dbname) {
  auto scheme = server.find("://");
  if (scheme == std::string::npos) return server + " dbname=" + dbname;
  auto path = server.find_first_of("/?", scheme + 3);
  if (path == std::string::npos) return server + "/" + dbname;
  auto query = server.find('?', path);
  std::string tail = query == std::string::npos ? "" : server.substr(query);
  return server.substr(0, path) + "/" + dbname + tail;
}

std::string sqlite_url() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / (std::string(kSqliteDirPrefix) + "XXXXXX"))
          .string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("cannot create a temporary directory for SQLite");
  }
  return "sqlite:" + pattern + "/test.db";
}

std::string postgresql_url() {
  std::string server = test_pg_server();
  if (server.empty()) throw std::runtime_error(skip_reason("postgresql"));
  std::string name = kPgPrefix + random_suffix();
  run_on_server("CREATE DATABASE " + name);
  return with_database(server, name);
}

}  // namespace

const std::vector<std::string>& backends() {
  static const std::vector<std::string> all = {"sqlite", "postgresql"};
  return all;
}

std::string test_pg_server() {
  const char* value = std::getenv("PARCOURS_TEST_PG");
  return value == nullptr ? std::string() : std::string(value);
}

std::string skip_reason(const std::string& backend) {
  if (backend == "postgresql" && test_pg_server().empty()) {
    return "PostgreSQL tests skipped: PARCOURS_TEST_PG is not set. Start a server with "
           "`scripts/pg-test-server start build/pg-test 55432` and set "
           "PARCOURS_TEST_PG=postgresql://postgres@127.0.0.1:55432/postgres (make test does).";
  }
  return {};
}

std::string fresh_test_database_url(const std::string& backend) {
  if (backend == "sqlite") return sqlite_url();
  if (backend == "postgresql") return postgresql_url();
  throw std::runtime_error("unknown test backend: " + backend);
}

long long execute_outside(const std::string& url, const std::string& statement) {
  auto target = storage::parse_database_url(url);
  if (!target.ok()) throw std::runtime_error("execute_outside: " + target.error().message);
  soci::session sql;
  if (target->backend == Backend::sqlite)
    sql.open(soci::sqlite3, target->sqlite_path);
  else
    sql.open(soci::postgresql, target->connect_string);
  return storage::execute(sql, statement);
}

void drop_test_database(const std::string& url) {
  try {
    if (url.rfind("sqlite:", 0) == 0) {
      std::filesystem::path dir = std::filesystem::path(url.substr(7)).parent_path();
      if (dir.filename().string().rfind(kSqliteDirPrefix, 0) == 0) {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
      }
      return;
    }
    auto pos = url.find(kPgPrefix);
    if (pos == std::string::npos) return;
    auto end = url.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_", pos);
    std::string name = url.substr(pos, end == std::string::npos ? end : end - pos);
    run_on_server("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "drop_test_database: %s\n", e.what());
  }
}

}  // namespace parcours::testdb
