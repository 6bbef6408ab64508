// Small helpers shared by the SOCI repositories: binding parameters, reading rows the same way
// on SQLite and PostgreSQL, and sorting names the same way on both.
//
// Storage conventions (one schema for both backends, DESIGN §1):
//   dates     TEXT 'YYYY-MM-DD'                booleans  INTEGER 0/1
//   instants  BIGINT seconds since epoch, UTC  money     BIGINT cents
//   optional foreign keys: 0 in the struct ↔ NULL in the database.
// Failures are thrown (soci::soci_error, std::runtime_error for unreadable stored values) and
// translated at the Store border (DESIGN §4.5).
#pragma once

#include <algorithm>
#include <cstddef>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "domain/types.h"

namespace parcours::storage {

// Parameters of one statement, bound in order to its placeholders. Values are copied and keep
// stable addresses until the statement has run. (SOCI 4.0.3's soci::values ignores i_null,
// hence this class.)
class Params {
 public:
  Params& text(std::string v);
  Params& integer(long long v);
  Params& id_or_null(Id v);  // 0 → NULL
  Params& boolean(bool v);
  Params& date(Date d);
  Params& date_or_null(const std::optional<Date>& d);
  Params& instant(Instant t);
  Params& instant_or_null(const std::optional<Instant>& t);

  // Adds one soci::use per value, in order, to an allocated statement not yet prepared.
  void bind_to(soci::statement& statement);
  // Takes other's values in place (the addresses bound stay valid) when both hold the same
  // types in the same order; false, unchanged, otherwise (statement_cache.h).
  bool assign_same_types(const Params& other);

 private:
  struct Value {
    bool is_text = false;
    std::string text;
    long long integer = 0;
    soci::indicator indicator = soci::i_ok;
  };
  std::deque<Value> values_;
};

// Runs a statement returning no row; returns the number of rows it changed.
long long execute(soci::session& sql, const std::string& query, Params params = {});

// Runs an "INSERT … RETURNING id" and returns the new id.
Id insert_returning_id(soci::session& sql, const std::string& query, Params params);

// Runs a query and calls on_row for each row, in order.
void for_each_row(soci::session& sql, const std::string& query, Params params,
                  const std::function<void(const soci::row&)>& on_row);

// Runs a query expected to return at most one row; false when it returned none.
bool fetch_one(soci::session& sql, const std::string& query, Params params,
               const std::function<void(const soci::row&)>& on_row);

// Every row of a query, each read by `read`, in order.
template <typename T>
std::vector<T> all_rows(soci::session& sql, const std::string& query, Params params,
                        T (*read)(const soci::row&)) {
  std::vector<T> out;
  for_each_row(sql, query, std::move(params),
               [&](const soci::row& row) { out.push_back(read(row)); });
  return out;
}

// The first row of a query read by `read`, or nullopt when it returned none.
template <typename T>
std::optional<T> one_row(soci::session& sql, const std::string& query, Params params,
                         T (*read)(const soci::row&)) {
  std::optional<T> out;
  fetch_one(sql, query, std::move(params), [&](const soci::row& row) { out = read(row); });
  return out;
}

// Runs an UPDATE … WHERE id = :id (id bound last) and throws RowMissing (error_mapping.h;
// → not_found) if nothing changed.
void update_row(soci::session& sql, const char* table, const std::string& query, Params params,
                Id id);

// Runs an UPDATE … SET …, version = version + 1 WHERE id = :id AND version = :version (id then
// version bound last). Nothing changed: throws StaleVersion (→ conflict) when the row exists
// with another version, RowMissing when it does not (optimistic concurrency, issue 12).
void update_versioned(soci::session& sql, const char* table, const std::string& query,
                      Params params, Id id, int version);

// ":name0, :name1, …" for an IN list, binding the values with bind(params, value).
template <typename T, typename Bind>
std::string in_list(const std::string& name, const std::vector<T>& values, Params& params,
                    Bind bind) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    out += (i == 0 ? ":" : ", :") + name + std::to_string(i);
    bind(params, values[i]);
  }
  return out;
}

// The rows of `select` (columns, FROM and joins, no WHERE) whose `column` is one of `ids`, by
// `column` then `then` (e.g. "version, id"): one query per 500 ids, never one per row. The
// ids are deduplicated and sorted, so that the chunks come back in `column` order.
template <typename T>
std::vector<T> rows_with_ids(soci::session& sql, const std::string& select,
                             const std::string& column, std::vector<Id> ids,
                             const std::string& then, T (*read)(const soci::row&)) {
  constexpr std::size_t kChunk = 500;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<T> out;
  for (std::size_t from = 0; from < ids.size(); from += kChunk) {
    std::vector<Id> chunk(
        ids.begin() + static_cast<std::ptrdiff_t>(from),
        ids.begin() + static_cast<std::ptrdiff_t>(std::min(from + kChunk, ids.size())));
    Params params;
    std::string list = in_list("id", chunk, params, [](Params& p, Id id) { p.integer(id); });
    for_each_row(sql,
                 select + " WHERE " + column + " IN (" + list + ") ORDER BY " + column +
                     (then.empty() ? "" : ", " + then),
                 std::move(params), [&](const soci::row& row) { out.push_back(read(row)); });
  }
  return out;
}

// Reads the columns of a row from left to right, whatever type each backend reports for them
// (row::get<T> wants the exact type: SQLite says dt_string for expressions, PostgreSQL says
// dt_long_long for BIGINT…). NULL reads as 0, "" or false; the *_or_null readers keep it.
class RowReader {
 public:
  explicit RowReader(const soci::row& row) : row_(row) {}
  long long integer();
  int int32();
  Id id_or_zero();  // NULL → 0
  std::string text();
  bool boolean();
  Date date();
  std::optional<Date> date_or_null();
  Instant instant();
  std::optional<Instant> instant_or_null();
  std::size_t position() const { return next_; }

 private:
  bool is_null(std::size_t i) const;
  long long integer_at(std::size_t i) const;
  std::string text_at(std::size_t i) const;
  const soci::row& row_;
  std::size_t next_ = 0;
};

// A key to sort French names the same way on both backends, whatever their collation: letters
// folded to lower case without accents (é → e, Œ → oe), then the original text to break ties.
std::string sort_key(const std::string& text);

// ASCII lower case (e-mail addresses are stored lower-case).
std::string ascii_lower(std::string text);

}  // namespace parcours::storage
