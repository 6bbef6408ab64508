// The Store over SOCI (DESIGN §1): SQLite in WAL mode, the embedded default, and PostgreSQL,
// which lets several stateless `parcours serve` processes share one database.
//
// Contract (src/app/ports.h): each transact/read call takes one connection from a pool, opens
// a transaction, hands fn the repositories bound to it, then commits (transact, when fn
// succeeded) or rolls back (read, failure, or any exception). Exceptions never cross this
// border: they are mapped to Errors (storage/error_mapping.h, DESIGN §4.5). Nothing is
// half-written (SPEC SEC-5).
//
// Do not call transact/read from inside fn: the inner call needs a second connection and
// would wait for one when the pool is exhausted (it gives up with `unavailable` after 30 s).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "app/ports.h"
#include "storage/backend.h"

namespace soci {
class connection_pool;
class session;
}  // namespace soci

namespace parcours {

class SociStore final : public Store {
 public:
  // Opens pool_size connections (1…1000) to the database at url:
  //   sqlite:PATH             a file, relative or absolute (sqlite:///abs also accepted); its
  //                           directory is created if missing. sqlite::memory: forces a pool
  //                           of one (each connection would see its own database).
  //   postgresql://… or postgres://…   a libpq URI
  //   host=… dbname=… …      a libpq keyword string
  // Errors: invalid when the URL is not understood, unavailable when the database cannot be
  // opened; French messages naming the backend, never containing a password.
  // SQLite connections use journal_mode=WAL, foreign_keys=ON, busy_timeout=5000 ms,
  // synchronous=NORMAL; write transactions start with BEGIN IMMEDIATE.
  static Result<std::unique_ptr<SociStore>> open(const std::string& url, int pool_size = 4);
  ~SociStore() override;
  SociStore(const SociStore&) = delete;
  SociStore& operator=(const SociStore&) = delete;

  // Applies the pending migrations (storage/migrations.h) in order, each in its own
  // transaction; returns how many were applied (0 when up to date). Safe when several
  // processes migrate at once (PostgreSQL: advisory lock; SQLite: BEGIN IMMEDIATE and a
  // re-check of each version inside its transaction).
  Result<int> migrate();
  // How many known migrations are not applied yet (0 = up to date).
  Result<int> pending_migrations();

  Status transact(const std::function<Status(Repos&)>& fn) override;
  Status read(const std::function<Status(Repos&)>& fn) override;
  // Readiness (OPS-3): the database answers (`unavailable` otherwise) and no migration is
  // pending (`conflict` otherwise: the schema is older than the program).
  Status ping() override;
  std::string backend() const override;
  PoolStats pool_stats() const override;

 private:
  class Lease;
  enum class Mode { write, read };

  SociStore(Backend backend, std::string connect_string, std::string target, int pool_size);
  Status connect_all();
  void set_up_session(soci::session& sql);
  void recover(soci::session& sql, bool connection_broken);
  void begin(soci::session& sql, bool write);
  Status run(Mode mode, const std::function<Status(Repos&)>& fn);
  bool apply_migration(soci::session& sql, int index);
  int count_pending(soci::session& sql);  // throws like the backend

  const Backend backend_;
  const std::string connect_string_;  // for the backend; may hold a password: never shown
  const std::string target_;          // what to name in messages: file, or database and host
  const int pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::atomic<int> in_use_{0};
};

}  // namespace parcours
