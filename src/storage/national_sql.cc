#include "storage/national_sql.h"

#include <cstdio>

#include <soci/soci.h>

#include "storage/row_util.h"

namespace parcours::storage::national {
namespace {

// A statement carries at most this many rows or bytes of values (SQLite and PostgreSQL parse
// a few hundred rows at once best; both accept far longer texts).
constexpr std::size_t kRowsPerStatement = 400;
constexpr std::size_t kBytesPerStatement = 256 * 1024;

// Days since 1970-01-01 → year, month, day (H. Hinnant's civil_from_days).
void civil(Day z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
}

}  // namespace

BulkTable::BulkTable(std::string table, std::string columns)
    : table_(std::move(table)), columns_(std::move(columns)) {
  values_.reserve(kBytesPerStatement + 4096);
}

BulkTable& BulkTable::row() {
  if (pending_ > 0) values_ += "),(";
  ++pending_;
  first_value_ = true;
  return *this;
}

void BulkTable::separator() {
  if (!first_value_) values_ += ',';
  first_value_ = false;
}

BulkTable& BulkTable::integer(long long v) {
  separator();
  char buf[24];
  int n = std::snprintf(buf, sizeof buf, "%lld", v);
  values_.append(buf, static_cast<std::size_t>(n));
  return *this;
}

BulkTable& BulkTable::id_or_null(RowId v) {
  return v == 0 ? null() : integer(v);
}

BulkTable& BulkTable::instant_or_null(Seconds v, bool present) {
  return present ? integer(v) : null();
}

BulkTable& BulkTable::null() {
  separator();
  values_ += "NULL";
  return *this;
}

// Standard SQL literal: quotes doubled. The generator's texts are UTF-8 without NUL bytes.
BulkTable& BulkTable::text(std::string_view v) {
  separator();
  values_ += '\'';
  for (char c : v) {
    if (c == '\'') values_ += '\'';
    values_ += c;
  }
  values_ += '\'';
  return *this;
}

BulkTable& BulkTable::date(Day d) {
  separator();
  values_ += '\'';
  values_ += iso_day(d);
  values_ += '\'';
  return *this;
}

BulkTable& BulkTable::date_or_null(Day d, bool present) {
  return present ? date(d) : null();
}

std::string BulkTable::take_statement() {
  std::string out;
  out.reserve(values_.size() + table_.size() + columns_.size() + 32);
  out += "INSERT INTO ";
  out += table_;
  out += " (";
  out += columns_;
  out += ") VALUES (";
  out += values_;
  out += ')';
  written_ += static_cast<long long>(pending_);
  values_.clear();
  pending_ = 0;
  return out;
}

void BulkWriter::maybe_flush() {
  for (const BulkTable* t : tables_) {
    if (t->pending_rows() >= kRowsPerStatement || t->pending_bytes() >= kBytesPerStatement) {
      flush();
      return;
    }
  }
}

void BulkWriter::flush() {
  for (BulkTable* t : tables_) {
    if (t->pending_rows() == 0) continue;
    run_sql(sql_, t->take_statement());
    ++statements_;
  }
}

std::string iso_day(Day d) {
  int y = 0;
  unsigned m = 0, day = 0;
  civil(d, y, m, day);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, day);
  return buf;
}

void run_sql(soci::session& sql, const std::string& statement) {
  execute(sql, statement);
}

RowId max_id(soci::session& sql, const std::string& table) {
  return query_integer(sql, "SELECT COALESCE(MAX(id), 0) FROM " + table);
}

long long query_integer(soci::session& sql, const std::string& query) {
  long long out = 0;
  fetch_one(sql, query, {}, [&](const soci::row& row) { out = RowReader(row).integer(); });
  return out;
}

std::string query_text(soci::session& sql, const std::string& query) {
  std::string out;
  fetch_one(sql, query, {}, [&](const soci::row& row) { out = RowReader(row).text(); });
  return out;
}

void advance_sequences(soci::session& sql, Backend backend,
                       const std::vector<std::string>& tables) {
  if (backend != Backend::postgresql) return;
  for (const auto& t : tables) {
    // setval(…, MAX, true): the next nextval() returns MAX + 1; an empty table restarts at 1.
    run_sql(sql, "SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), COALESCE((SELECT " +
                     "MAX(id) FROM " + t + "), 0) + 1, false)");
  }
}

}  // namespace parcours::storage::national
