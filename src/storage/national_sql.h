// Bulk writing for the national dataset generator (storage/national_generator.h): rows are
// written as SQL literals into multi-row "INSERT … VALUES (…), (…)" statements of a few
// hundred rows, the same text for SQLite and PostgreSQL (standard SQL strings: a quote is
// doubled, a backslash is an ordinary character — standard_conforming_strings is set on).
//
// Ids are assigned by the generator (explicit primary keys); parents are always flushed
// before their children (BulkWriter keeps the tables in that order), so foreign keys resolve
// at every statement on PostgreSQL.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "storage/backend.h"

namespace soci {
class session;
}

namespace parcours::storage::national {

using Day = int;            // Europe/Paris calendar day, days since 1970-01-01
using Seconds = long long;  // instant, seconds since the epoch, UTC
using RowId = long long;    // a primary key; 0 written as NULL where a column is optional

// The pending rows of one table.
class BulkTable {
 public:
  BulkTable(std::string table, std::string columns);

  // Starts a row; each value call appends one column, in the order of `columns`.
  BulkTable& row();
  BulkTable& integer(long long v);
  BulkTable& id_or_null(RowId v);  // 0 → NULL
  BulkTable& instant_or_null(Seconds v, bool present);
  BulkTable& boolean(bool v) { return integer(v ? 1 : 0); }
  BulkTable& text(std::string_view v);
  BulkTable& date(Day d);  // 'YYYY-MM-DD'
  BulkTable& date_or_null(Day d, bool present);
  BulkTable& null();

  const std::string& name() const { return table_; }
  std::size_t pending_rows() const { return pending_; }
  std::size_t pending_bytes() const { return values_.size(); }
  long long written_rows() const { return written_; }
  // The INSERT statement of the pending rows; the table is empty afterwards.
  std::string take_statement();

 private:
  void separator();
  std::string table_;
  std::string columns_;
  std::string values_;
  std::size_t pending_ = 0;
  long long written_ = 0;
  bool first_value_ = true;
};

// Runs the statements of its tables, parents first, whenever one of them is full.
class BulkWriter {
 public:
  explicit BulkWriter(soci::session& sql) : sql_(sql) {}
  // Tables in insertion order (parents before children); the writer does not own them.
  void add(BulkTable& table) { tables_.push_back(&table); }
  // Flushes every table (in order) when one holds enough rows.
  void maybe_flush();
  void flush();
  long long statements() const { return statements_; }

 private:
  soci::session& sql_;
  std::vector<BulkTable*> tables_;
  long long statements_ = 0;
};

// 'YYYY-MM-DD' of a day number.
std::string iso_day(Day d);
// Runs one statement.
void run_sql(soci::session& sql, const std::string& statement);
// MAX(id) of a table, 0 when empty.
RowId max_id(soci::session& sql, const std::string& table);
// One integer or text read by a query returning one row and column ("" / 0 when none).
long long query_integer(soci::session& sql, const std::string& query);
std::string query_text(soci::session& sql, const std::string& query);
// PostgreSQL: moves each table's id sequence to its MAX(id), so that the application's next
// inserts get fresh ids (SQLite's AUTOINCREMENT follows explicit ids by itself).
void advance_sequences(soci::session& sql, Backend backend, const std::vector<std::string>& tables);

}  // namespace parcours::storage::national
