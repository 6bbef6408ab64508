#include "storage/row_util.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "storage/error_mapping.h"
#include "storage/statement_cache.h"

namespace parcours::storage {
namespace {

// Prepares a statement run once (PostgreSQL: one PQexecParams, no server-side prepare).
void prepare_once(soci::statement& st, const std::string& query, Params& params) {
  st.alloc();
  params.bind_to(st);
  st.prepare(query, soci::details::st_one_time_query);
}

long long parse_integer(const std::string& text) {
  long long v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end) {
    throw std::runtime_error("stored value is not an integer: '" + text + "'");
  }
  return v;
}

// Latin letters with diacritics (UTF-8, two bytes) folded to their base letters.
const char* fold_two_bytes(unsigned char lead, unsigned char next) {
  if (lead == 0xC5) {
    if (next == 0x92 || next == 0x93) return "oe";  // Œ œ
    if (next == 0xB8) return "y";                   // Ÿ
    return nullptr;
  }
  if (lead != 0xC3) return nullptr;
  unsigned char c = next >= 0xA0 ? next - 0x20 : next;  // lower case → upper case row
  if (c >= 0x80 && c <= 0x85) return "a";
  if (c == 0x86) return "ae";
  if (c == 0x87) return "c";
  if (c >= 0x88 && c <= 0x8B) return "e";
  if (c >= 0x8C && c <= 0x8F) return "i";
  if (c == 0x91) return "n";
  if ((c >= 0x92 && c <= 0x96) || c == 0x98) return "o";
  if (c >= 0x99 && c <= 0x9C) return "u";
  if (c == 0x9D || next == 0xBF) return "y";
  return nullptr;
}

}  // namespace

Params& Params::text(std::string v) {
  values_.push_back(Value{true, std::move(v), 0, soci::i_ok});
  return *this;
}

Params& Params::integer(long long v) {
  values_.push_back(Value{false, {}, v, soci::i_ok});
  return *this;
}

Params& Params::id_or_null(Id v) {
  values_.push_back(Value{false, {}, v, v == 0 ? soci::i_null : soci::i_ok});
  return *this;
}

Params& Params::boolean(bool v) {
  return integer(v ? 1 : 0);
}

Params& Params::date(Date d) {
  return text(iso(d));
}

Params& Params::date_or_null(const std::optional<Date>& d) {
  values_.push_back(Value{true, d ? iso(*d) : std::string(), 0, d ? soci::i_ok : soci::i_null});
  return *this;
}

Params& Params::instant(Instant t) {
  return integer(t.time_since_epoch().count());
}

Params& Params::instant_or_null(const std::optional<Instant>& t) {
  long long v = t ? t->time_since_epoch().count() : 0;
  values_.push_back(Value{false, {}, v, t ? soci::i_ok : soci::i_null});
  return *this;
}

void Params::bind_to(soci::statement& statement) {
  for (Value& v : values_) {
    if (v.is_text) {
      statement.exchange(soci::use(v.text, v.indicator));
    } else {
      statement.exchange(soci::use(v.integer, v.indicator));
    }
  }
}

bool Params::assign_same_types(const Params& other) {
  if (other.values_.size() != values_.size()) return false;
  for (std::size_t i = 0; i < values_.size(); ++i)
    if (values_[i].is_text != other.values_[i].is_text) return false;
  for (std::size_t i = 0; i < values_.size(); ++i) {
    values_[i].text = other.values_[i].text;
    values_[i].integer = other.values_[i].integer;
    values_[i].indicator = other.values_[i].indicator;
  }
  return true;
}

long long execute(soci::session& sql, const std::string& query, Params params) {
  long long affected = 0;
  if (run_kept(sql, query, params, {nullptr, nullptr, &affected})) return affected;
  soci::statement st(sql);
  prepare_once(st, query, params);
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

Id insert_returning_id(soci::session& sql, const std::string& query, Params params) {
  long long id = 0;
  if (run_kept(sql, query, params, {nullptr, &id, nullptr})) return id;
  soci::statement st(sql);
  prepare_once(st, query, params);
  st.exchange(soci::into(id));
  st.define_and_bind();
  if (!st.execute(true)) throw std::runtime_error("INSERT … RETURNING id returned no row");
  return id;
}

void for_each_row(soci::session& sql, const std::string& query, Params params,
                  const std::function<void(const soci::row&)>& on_row) {
  if (run_kept(sql, query, params, {&on_row, nullptr, nullptr})) return;
  soci::row row;
  soci::statement st(sql);
  st.alloc();
  params.bind_to(st);
  st.exchange(soci::into(row));
  st.prepare(query, soci::details::st_one_time_query);
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) on_row(row);
}

bool fetch_one(soci::session& sql, const std::string& query, Params params,
               const std::function<void(const soci::row&)>& on_row) {
  bool found = false;
  for_each_row(sql, query, std::move(params), [&](const soci::row& row) {
    if (!found) on_row(row);
    found = true;
  });
  return found;
}

void update_row(soci::session& sql, const char* table, const std::string& query, Params params,
                Id id) {
  params.integer(id);
  if (execute(sql, query, std::move(params)) == 0) throw RowMissing(table);
}

void update_versioned(soci::session& sql, const char* table, const std::string& query,
                      Params params, Id id, int version) {
  params.integer(id).integer(version);
  if (execute(sql, query, std::move(params)) > 0) return;
  // `table` is one of ours, never input.
  bool exists = fetch_one(sql, std::string("SELECT 1 FROM ") + table + " WHERE id = :id",
                          Params().integer(id), [](const soci::row&) {});
  if (exists) throw StaleVersion(table);
  throw RowMissing(table);
}

bool RowReader::is_null(std::size_t i) const {
  return row_.get_indicator(i) == soci::i_null;
}

long long RowReader::integer_at(std::size_t i) const {
  if (is_null(i)) return 0;
  switch (row_.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return row_.get<int>(i);
    case soci::dt_long_long:
      return row_.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(row_.get<unsigned long long>(i));
    case soci::dt_double:
      return std::llround(row_.get<double>(i));
    case soci::dt_string:
      return parse_integer(row_.get<std::string>(i));
    default:
      throw std::runtime_error("column " + row_.get_properties(i).get_name() +
                               " is not an integer");
  }
}

std::string RowReader::text_at(std::size_t i) const {
  if (is_null(i)) return {};
  if (row_.get_properties(i).get_data_type() == soci::dt_string) return row_.get<std::string>(i);
  return std::to_string(integer_at(i));
}

long long RowReader::integer() {
  return integer_at(next_++);
}

int RowReader::int32() {
  return static_cast<int>(integer_at(next_++));
}

Id RowReader::id_or_zero() {
  return integer_at(next_++);
}

std::string RowReader::text() {
  return text_at(next_++);
}

bool RowReader::boolean() {
  return integer_at(next_++) != 0;
}

Date RowReader::date() {
  std::string text = text_at(next_++);
  Result<Date> d = parse_iso_date(text);
  if (!d.ok()) throw std::runtime_error("stored date is not YYYY-MM-DD: '" + text + "'");
  return d.value();
}

std::optional<Date> RowReader::date_or_null() {
  if (is_null(next_)) {
    ++next_;
    return std::nullopt;
  }
  return date();
}

Instant RowReader::instant() {
  return Instant{std::chrono::seconds{integer_at(next_++)}};
}

std::optional<Instant> RowReader::instant_or_null() {
  if (is_null(next_)) {
    ++next_;
    return std::nullopt;
  }
  return instant();
}

std::string sort_key(const std::string& text) {
  std::string key;
  key.reserve(text.size() * 2 + 1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      continue;
    }
    const char* folded =
        i + 1 < text.size() ? fold_two_bytes(c, static_cast<unsigned char>(text[i + 1])) : nullptr;
    if (folded != nullptr) {
      key += folded;
      ++i;
    } else {
      key += static_cast<char>(c);
    }
  }
  key += '\0';
  key += text;
  return key;
}

std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

}  // namespace parcours::storage
