#include "storage/soci_store.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <set>
#include <system_error>

#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "storage/database_url.h"
#include "storage/error_mapping.h"
#include "storage/migrations.h"
#include "storage/reporting_internal.h"
#include "storage/repositories.h"
#include "storage/row_util.h"
#include "storage/statement_cache.h"

namespace parcours {
namespace {

constexpr int kLeaseTimeoutMs = 30000;
constexpr int kMaxPoolSize = 1000;
// Key of the PostgreSQL advisory lock held while migrating ("parcours" in a 32-bit integer).
constexpr long long kMigrationLockKey = 0x70617263;

constexpr const char* kPoolExhausted =
    "Toutes les connexions à la base de données sont occupées ; rien n’a été enregistré, "
    "réessayez dans un instant.";

const char* begin_statement(Backend backend, bool write) {
  if (backend == Backend::sqlite && write) return "BEGIN IMMEDIATE";  // no upgrade deadlock
  return "BEGIN";
}

// SQLite's process-wide settings, before its first connection opens (sqlite3_config refuses
// them once the library is initialised). A pooled connection is used by one thread at a time,
// so SQLite's own per-connection mutex (taken on every sqlite3_* call) is not needed; nor is
// the global lock around its memory statistics, taken on every allocation. Both were seen
// contended under load on the person page (docs/performance.md, issue 13).
void configure_sqlite_library() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
}

// Holds the PostgreSQL migration lock for its lifetime (no-op on SQLite, whose BEGIN IMMEDIATE
// already serialises writers).
class MigrationLock {
 public:
  MigrationLock(soci::session& sql, Backend backend) : sql_(sql), held_(false) {
    if (backend != Backend::postgresql) return;
    storage::execute(sql_, "SELECT pg_advisory_lock(:key)",
                     storage::Params().integer(kMigrationLockKey));
    held_ = true;
  }
  ~MigrationLock() {
    if (!held_) return;
    try {
      storage::execute(sql_, "SELECT pg_advisory_unlock(:key)",
                       storage::Params().integer(kMigrationLockKey));
    } catch (...) {  // a lost connection releases the lock anyway
    }
  }
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

 private:
  soci::session& sql_;
  bool held_;
};

bool migration_table_exists(soci::session& sql, Backend backend) {
  const char* query = backend == Backend::sqlite
                          ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND "
                            "name = 'schema_migrations'"
                          : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                            "current_schema() AND table_name = 'schema_migrations'";
  long long count = 0;
  storage::fetch_one(sql, query, {},
                     [&](const soci::row& row) { count = storage::RowReader(row).integer(); });
  return count > 0;
}

std::set<int> applied_versions(soci::session& sql) {
  std::set<int> out;
  storage::for_each_row(sql, "SELECT version FROM schema_migrations", {},
                        [&](const soci::row& row) { out.insert(storage::RowReader(row).int32()); });
  return out;
}

long long now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

// One connection taken from the pool for the lifetime of the object; counted in pool_stats().
class SociStore::Lease {
 public:
  explicit Lease(SociStore& store) : store_(store) {
    ok_ = store_.pool_->try_lease(position_, kLeaseTimeoutMs);
    if (ok_) ++store_.in_use_;
  }
  ~Lease() {
    if (!ok_) return;
    --store_.in_use_;
    store_.pool_->give_back(position_);
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  bool ok() const { return ok_; }
  soci::session& session() { return store_.pool_->at(position_); }

 private:
  SociStore& store_;
  std::size_t position_ = 0;
  bool ok_ = false;
};

SociStore::SociStore(Backend backend, std::string connect_string, std::string target, int pool_size)
    : backend_(backend),
      connect_string_(std::move(connect_string)),
      target_(std::move(target)),
      pool_size_(pool_size),
      pool_(std::make_unique<soci::connection_pool>(static_cast<std::size_t>(pool_size))) {}

SociStore::~SociStore() {
  // Kept statements are finalised while their connections are still open.
  for (int i = 0; i < pool_size_; ++i)
    storage::forget_statements(pool_->at(static_cast<std::size_t>(i)));
}

Result<std::unique_ptr<SociStore>> SociStore::open(const std::string& url, int pool_size) {
  if (pool_size < 1 || pool_size > kMaxPoolSize) {
    return invalid("Le nombre de connexions à la base doit être compris entre 1 et 1000.");
  }
  Result<storage::DatabaseTarget> target = storage::parse_database_url(url);
  if (!target.ok()) return target.error();
  if (target->backend == Backend::sqlite) {
    configure_sqlite_library();
    if (target->sqlite_path == ":memory:") pool_size = 1;
    std::filesystem::path dir = std::filesystem::path(target->sqlite_path).parent_path();
    std::error_code ec;
    if (!dir.empty() && target->sqlite_path != ":memory:") {
      std::filesystem::create_directories(dir, ec);
      if (ec) {
        return unavailable("Impossible de créer le dossier « " + dir.string() +
                           " » de la base SQLite : " + ec.message() + ".");
      }
    }
  }
  std::unique_ptr<SociStore> store(
      new SociStore(target->backend, target->connect_string, target->description, pool_size));
  Status connected = store->connect_all();
  if (!connected.ok()) return connected.error();
  return store;
}

Status SociStore::connect_all() {
  for (int i = 0; i < pool_size_; ++i) {
    soci::session& sql = pool_->at(static_cast<std::size_t>(i));
    try {
      if (backend_ == Backend::sqlite) {
        sql.open(soci::sqlite3, connect_string_);
      } else {
        sql.open(soci::postgresql, connect_string_);
      }
      set_up_session(sql);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "parcours: storage: cannot open %s: %s\n", backend_name(backend_),
                   e.what());
      return unavailable("Impossible d’ouvrir " + target_ +
                         " : la base est injoignable ou refuse la connexion.");
    }
  }
  return {};
}

void SociStore::set_up_session(soci::session& sql) {
  if (backend_ == Backend::sqlite) {
    storage::execute(sql, "PRAGMA busy_timeout = 5000");
    storage::execute(sql, "PRAGMA journal_mode = WAL");
    storage::execute(sql, "PRAGMA foreign_keys = ON");
    storage::execute(sql, "PRAGMA synchronous = NORMAL");
    // Reads through a shared memory map of the file instead of one pread per page: the
    // reports walk hundreds of thousands of rows (docs/performance.md). SQLite caps the size
    // at its build limit (2 GiB on Debian); the rest of a larger file is read as before.
    storage::execute(sql, "PRAGMA mmap_size = 17179869184");
    storage::execute(sql, "PRAGMA cache_size = -65536");
    storage::keep_statements(sql);
  } else {
    storage::execute(sql, "SET client_min_messages TO warning");
  }
}

// After a failure: ends the transaction if one is open; a broken PostgreSQL connection is
// reopened so that the pool heals once the server is back.
void SociStore::recover(soci::session& sql, bool connection_broken) {
  if (!connection_broken) {
    try {
      storage::execute(sql, "ROLLBACK");
      return;
    } catch (...) {
      // SQLite: no transaction was open (BEGIN failed). PostgreSQL: see below.
      if (backend_ == Backend::sqlite) return;
    }
  }
  storage::forget_statements(sql);
  try {
    sql.reconnect();
    set_up_session(sql);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "parcours: storage: reconnection failed: %s\n", e.what());
  }
}

// Opens a transaction. A connection found broken (PostgreSQL restarted, idle connection cut)
// is reopened and the BEGIN tried once more: nothing of the caller's work has run yet.
void SociStore::begin(soci::session& sql, bool write) {
  try {
    storage::execute(sql, begin_statement(backend_, write));
  } catch (const std::exception& e) {
    if (!storage::is_connection_failure(e)) throw;
    recover(sql, true);
    storage::execute(sql, begin_statement(backend_, write));
  }
}

Status SociStore::run(Mode mode, const std::function<Status(Repos&)>& fn) {
  Lease lease(*this);
  if (!lease.ok()) return unavailable(kPoolExhausted);
  soci::session& sql = lease.session();
  try {
    begin(sql, mode == Mode::write);
    storage::SqlOrganisationRepository orgs(sql);
    storage::SqlUserRepository users(sql);
    storage::SqlContractRepository contracts(sql);
    storage::SqlStaffRepository staff(sql);
    storage::SqlAuthRepository auth(sql);
    storage::SqlAuditRepository audit(sql);
    storage::SqlPersonRepository persons(sql);
    storage::SqlJourneyRepository journeys(sql);
    storage::SqlNotificationRepository notifications(sql);
    storage::SqlWorkshopRepository workshops(sql);
    storage::SqlDocumentRepository documents(sql);
    storage::SqlReportingRepository reporting(sql);
    Repos repos{orgs,    users,    contracts,     staff,     auth,      audit,
                persons, journeys, notifications, workshops, documents, reporting};
    Status status = fn(repos);
    if (status.ok() && mode == Mode::write) {
      storage::execute(sql, "COMMIT");
    } else {
      storage::execute(sql, "ROLLBACK");
    }
    return status;
  } catch (const std::exception& e) {
    Error error = storage::map_backend_error(e, backend_);
    recover(sql, storage::is_connection_failure(e));
    return error;
  } catch (...) {
    std::fprintf(stderr, "parcours: storage: unknown exception in a transaction\n");
    recover(sql, false);
    return unavailable(storage::kGenericFailure);
  }
}

Status SociStore::transact(const std::function<Status(Repos&)>& fn) {
  return run(Mode::write, fn);
}

Status SociStore::read(const std::function<Status(Repos&)>& fn) {
  return run(Mode::read, fn);
}

Status SociStore::ping() {
  Lease lease(*this);
  if (!lease.ok()) return unavailable(kPoolExhausted);
  soci::session& sql = lease.session();
  for (int attempt = 0;; ++attempt) {
    try {
      storage::fetch_one(sql, "SELECT 1", {}, [](const soci::row&) {});
      if (count_pending(sql) > 0)
        return conflict(
            "La base de données n’est pas à jour : des migrations sont en attente "
            "(parcours migrate).");
      return {};
    } catch (const std::exception& e) {
      bool broken = storage::is_connection_failure(e);
      if (broken) recover(sql, true);
      if (!broken || attempt > 0) return storage::map_backend_error(e, backend_);
    }
  }
}

std::string SociStore::backend() const {
  return backend_name(backend_);
}

PoolStats SociStore::pool_stats() const {
  return PoolStats{pool_size_, in_use_.load()};
}

// Applies migration `index` unless another process did it first; true when applied here. On
// failure the transaction is rolled back before the exception goes on, so that the migration
// lock can still be released on this connection.
bool SociStore::apply_migration(soci::session& sql, int index) {
  const storage::Migration& m = storage::migrations()[static_cast<std::size_t>(index)];
  storage::execute(sql, begin_statement(backend_, true));
  try {
    if (applied_versions(sql).count(m.version) > 0) {
      storage::execute(sql, "ROLLBACK");
      return false;
    }
    for (const std::string& statement :
         storage::split_sql_statements(storage::render_migration_sql(m.sql, backend_))) {
      storage::execute(sql, statement);
    }
    storage::execute(
        sql,
        "INSERT INTO schema_migrations (version, description, applied_at) "
        "VALUES (:version, :description, :applied_at)",
        storage::Params().integer(m.version).text(m.description).integer(now_seconds()));
    storage::execute(sql, "COMMIT");
    return true;
  } catch (...) {
    try {
      storage::execute(sql, "ROLLBACK");
    } catch (...) {  // the connection is gone: so is the transaction
    }
    throw;
  }
}

Result<int> SociStore::migrate() {
  Lease lease(*this);
  if (!lease.ok()) return unavailable(kPoolExhausted);
  soci::session& sql = lease.session();
  try {
    MigrationLock lock(sql, backend_);
    storage::execute(sql, storage::kSchemaMigrationsDdl);
    int applied = 0;
    for (std::size_t i = 0; i < storage::migrations().size(); ++i) {
      if (apply_migration(sql, static_cast<int>(i))) ++applied;
    }
    return applied;
  } catch (const std::exception& e) {
    Error error = storage::map_backend_error(e, backend_);
    if (storage::is_connection_failure(e)) recover(sql, true);
    std::fprintf(stderr, "parcours: storage: migration failed: %s\n", error.message.c_str());
    return error;
  }
}

int SociStore::count_pending(soci::session& sql) {
  const auto& all = storage::migrations();
  if (!migration_table_exists(sql, backend_)) return static_cast<int>(all.size());
  std::set<int> applied = applied_versions(sql);
  int pending = 0;
  for (const auto& m : all) {
    if (applied.count(m.version) == 0) ++pending;
  }
  return pending;
}

Result<int> SociStore::pending_migrations() {
  Lease lease(*this);
  if (!lease.ok()) return unavailable(kPoolExhausted);
  soci::session& sql = lease.session();
  try {
    return count_pending(sql);
  } catch (const std::exception& e) {
    Error error = storage::map_backend_error(e, backend_);
    if (storage::is_connection_failure(e)) recover(sql, true);
    return error;
  }
}

}  // namespace parcours
