#include "storage/statement_cache.h"

#include <cstddef>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include <soci/sqlite3/soci-sqlite3.h>

#include "storage/row_util.h"

namespace parcours::storage {
namespace {

// More distinct query texts than this on one connection (IN lists of every length…): the rest
// run as one-time statements.
constexpr std::size_t kMaxKeptPerConnection = 512;

enum class Shape { rows, id, count };

Shape shape_of(const KeptResult& r) {
  return r.on_row ? Shape::rows : r.id ? Shape::id : Shape::count;
}

struct Kept {
  Shape shape = Shape::count;
  Params bound;  // the values the statement reads at each execution (stable addresses)
  soci::row row;
  long long id = 0;
  std::unique_ptr<soci::statement> statement;
  bool busy = false;
};

using Connection = std::unordered_map<std::string, std::unique_ptr<Kept>>;

// Connections that keep statements. Each Connection is used only by the holder of its lease;
// the mutex guards the map of connections itself.
std::mutex registry_mutex;
std::unordered_map<const soci::session*, std::unique_ptr<Connection>> registry;

Connection* connection_of(const soci::session& sql) {
  std::lock_guard lock(registry_mutex);
  auto it = registry.find(&sql);
  return it == registry.end() ? nullptr : it->second.get();
}

// Ends the statement's run: it no longer holds the connection's read snapshot, and a later
// COMMIT does not find it in progress.
void reset(Kept& k) {
  auto* backend = static_cast<soci::sqlite3_statement_backend*>(k.statement->get_backend());
  if (backend && backend->stmt_) sqlite_api::sqlite3_reset(backend->stmt_);
  k.busy = false;
}

std::unique_ptr<Kept> prepare(soci::session& sql, const std::string& query, Params& params,
                              Shape shape) {
  auto k = std::make_unique<Kept>();
  k->shape = shape;
  k->bound = std::move(params);
  k->statement = std::make_unique<soci::statement>(sql);
  soci::statement& st = *k->statement;
  st.alloc();
  k->bound.bind_to(st);
  if (shape == Shape::rows) st.exchange(soci::into(k->row));
  if (shape == Shape::id) st.exchange(soci::into(k->id));
  st.prepare(query, soci::details::st_repeatable_query);
  st.define_and_bind();
  return k;
}

void run(Kept& k, const KeptResult& result) {
  soci::statement& st = *k.statement;
  switch (k.shape) {
    case Shape::rows:
      st.execute(false);
      while (st.fetch()) (*result.on_row)(k.row);
      break;
    case Shape::id:
      if (!st.execute(true)) throw std::runtime_error("INSERT … RETURNING id returned no row");
      *result.id = k.id;
      break;
    case Shape::count:
      st.execute(true);
      if (result.affected) *result.affected = st.get_affected_rows();
      break;
  }
}

}  // namespace

void keep_statements(soci::session& sql) {
  std::lock_guard lock(registry_mutex);
  registry.emplace(&sql, std::make_unique<Connection>());
}

void forget_statements(soci::session& sql) {
  std::unique_ptr<Connection> gone;
  {
    std::lock_guard lock(registry_mutex);
    auto it = registry.find(&sql);
    if (it == registry.end()) return;
    gone = std::move(it->second);
    registry.erase(it);
  }
  // The statements are finalised here, while the connection is still open.
}

bool run_kept(soci::session& sql, const std::string& query, Params& params, KeptResult result) {
  Connection* connection = connection_of(sql);
  if (!connection) return false;
  const Shape shape = shape_of(result);
  Kept* k = nullptr;
  auto it = connection->find(query);
  if (it != connection->end()) {
    k = it->second.get();
    if (k->busy || k->shape != shape || !k->bound.assign_same_types(params)) return false;
  } else {
    if (connection->size() >= kMaxKeptPerConnection) return false;
    auto fresh = prepare(sql, query, params, shape);  // throws: nothing kept
    k = fresh.get();
    connection->emplace(query, std::move(fresh));
  }
  k->busy = true;
  try {
    run(*k, result);
  } catch (...) {
    reset(*k);
    connection->erase(query);
    throw;
  }
  reset(*k);
  return true;
}

}  // namespace parcours::storage
