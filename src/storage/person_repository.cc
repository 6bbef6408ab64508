// The person file (SPEC BEN-1..3). Names are searched and ordered through folded keys
// (storage/migrations_journey.cc): lower case, no accents, letters and digits only.
#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "storage/error_mapping.h"
#include "storage/repositories.h"
#include "storage/row_util.h"

namespace parcours::storage {
namespace {

constexpr const char* kPersonColumns =
    "SELECT p.id, p.last_name, p.first_name, p.birth_date, p.sex, p.milieu, p.spip_id, "
    "p.site_id, p.judicial_status, p.qualification, p.referent_cpip_id, p.prison_number, "
    "p.sentence_end, p.id_valid_until, p.work_permit_until, p.brsa, p.cer, p.phone, p.email, "
    "p.address, p.diagnosis_text, p.diagnosis_on, p.diagnosis_by, p.created_at, p.version "
    "FROM persons p";

// The French-folded form of a name keeping only ASCII letters, digits and the bytes of
// characters that do not fold (so that every collation orders keys the same way).
std::string name_key(const std::string& text) {
  std::string folded = sort_key(text);
  folded.resize(folded.find('\0'));
  std::string key;
  for (char c : folded) {
    auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80) key += c;
  }
  return key;
}

// The words of a search, folded like the keys; empty words dropped.
std::vector<std::string> search_words(const std::string& search) {
  std::vector<std::string> words;
  std::istringstream in(search);
  std::string word;
  while (in >> word) {
    std::string key = name_key(word);
    if (!key.empty()) words.push_back(key);
  }
  return words;
}

template <typename T>
T parsed_or_throw(std::optional<T> value, const char* column, const std::string& text) {
  if (!value)
    throw std::runtime_error(std::string("unknown persons.") + column + " '" + text + "'");
  return *value;
}

Person read_person(const soci::row& row) {
  RowReader r(row);
  Person p;
  p.id = r.integer();
  p.last_name = r.text();
  p.first_name = r.text();
  p.birth_date = r.date();
  std::string sex = r.text();
  p.sex = parsed_or_throw(parse_sex(sex), "sex", sex);
  std::string milieu = r.text();
  p.milieu = parsed_or_throw(parse_milieu(milieu), "milieu", milieu);
  p.spip_id = r.integer();
  p.site_id = r.id_or_zero();
  std::string status = r.text();
  p.judicial_status = parsed_or_throw(parse_judicial_status(status), "judicial_status", status);
  p.qualification = r.text();
  p.referent_cpip_id = r.id_or_zero();
  p.prison_number = r.text();
  p.sentence_end = r.date_or_null();
  p.id_valid_until = r.date_or_null();
  p.work_permit_until = r.date_or_null();
  p.brsa = r.boolean();
  p.cer = r.boolean();
  p.phone = r.text();
  p.email = r.text();
  p.address = r.text();
  p.diagnosis.text = r.text();
  p.diagnosis.established_on = r.date_or_null();
  p.diagnosis.established_by = r.text();
  p.created_at = r.instant();
  p.version = r.int32();
  return p;
}

// The columns after id, in table order, for INSERT and UPDATE.
Params person_params(const Person& p) {
  Params v;
  v.text(p.last_name).text(p.first_name).text(name_key(p.last_name)).text(name_key(p.first_name));
  v.date(p.birth_date).text(sex_name(p.sex)).text(milieu_name(p.milieu)).integer(p.spip_id);
  v.id_or_null(p.site_id).text(judicial_status_name(p.judicial_status)).text(p.qualification);
  v.id_or_null(p.referent_cpip_id).text(p.prison_number).date_or_null(p.sentence_end);
  v.date_or_null(p.id_valid_until).date_or_null(p.work_permit_until).boolean(p.brsa);
  v.boolean(p.cer).text(p.phone).text(p.email).text(p.address).text(p.diagnosis.text);
  v.date_or_null(p.diagnosis.established_on).text(p.diagnosis.established_by);
  v.instant(p.created_at);
  return v;
}

// " WHERE …" for a query over persons p (empty when nothing filters), its values added to
// `params` in order.
std::string where_clause(const PersonQuery& q, Params& params) {
  std::vector<std::string> conditions;
  if (q.spip_id) {
    conditions.push_back("p.spip_id = :spip_id");
    params.integer(*q.spip_id);
  }
  if (q.referent_cpip_id) {
    conditions.push_back("p.referent_cpip_id = :referent_cpip_id");
    params.integer(*q.referent_cpip_id);
  }
  if (q.provider_id) {
    conditions.push_back(
        "EXISTS (SELECT 1 FROM prescriptions pr WHERE pr.person_id = p.id "
        "AND pr.provider_id = :provider_id)");
    params.integer(*q.provider_id);
  }
  int n = 0;
  for (const std::string& word : search_words(q.search)) {
    std::string a = ":w" + std::to_string(n++), b = ":w" + std::to_string(n++);
    conditions.push_back("(p.last_key LIKE " + a + " OR p.first_key LIKE " + b + ")");
    params.text("%" + word + "%").text("%" + word + "%");
  }
  std::string out;
  for (const std::string& c : conditions) out += (out.empty() ? " WHERE " : " AND ") + c;
  return out;
}

}  // namespace

Id SqlPersonRepository::insert(const Person& p) {
  return insert_returning_id(
      sql_,
      "INSERT INTO persons (last_name, first_name, last_key, first_key, birth_date, sex, milieu, "
      "spip_id, site_id, judicial_status, qualification, referent_cpip_id, prison_number, "
      "sentence_end, id_valid_until, work_permit_until, brsa, cer, phone, email, address, "
      "diagnosis_text, diagnosis_on, diagnosis_by, created_at) VALUES (:last_name, :first_name, "
      ":last_key, :first_key, :birth_date, :sex, :milieu, :spip_id, :site_id, :judicial_status, "
      ":qualification, :referent_cpip_id, :prison_number, :sentence_end, :id_valid_until, "
      ":work_permit_until, :brsa, :cer, :phone, :email, :address, :diagnosis_text, "
      ":diagnosis_on, :diagnosis_by, :created_at) RETURNING id",
      person_params(p));
}

void SqlPersonRepository::update(const Person& p) {
  update_versioned(
      sql_, "persons",
      "UPDATE persons SET last_name = :last_name, first_name = :first_name, last_key = :last_key, "
      "first_key = :first_key, birth_date = :birth_date, sex = :sex, milieu = :milieu, "
      "spip_id = :spip_id, site_id = :site_id, judicial_status = :judicial_status, "
      "qualification = :qualification, referent_cpip_id = :referent_cpip_id, "
      "prison_number = :prison_number, sentence_end = :sentence_end, "
      "id_valid_until = :id_valid_until, work_permit_until = :work_permit_until, brsa = :brsa, "
      "cer = :cer, phone = :phone, email = :email, address = :address, "
      "diagnosis_text = :diagnosis_text, diagnosis_on = :diagnosis_on, "
      "diagnosis_by = :diagnosis_by, created_at = :created_at, version = version + 1 "
      "WHERE id = :id AND version = :version",
      person_params(p), p.id, p.version);
}

std::optional<Person> SqlPersonRepository::find(Id id) {
  std::optional<Person> out;
  fetch_one(sql_, std::string(kPersonColumns) + " WHERE p.id = :id", Params().integer(id),
            [&](const soci::row& row) { out = read_person(row); });
  return out;
}

std::vector<Person> SqlPersonRepository::find_many(const std::vector<Id>& ids) {
  return rows_with_ids(sql_, kPersonColumns, "p.id", ids, "", read_person);
}

std::vector<Person> SqlPersonRepository::search(const PersonQuery& q) {
  std::vector<Person> out;
  if (q.limit <= 0) return out;
  Params params;
  std::string where = where_clause(q, params);
  params.integer(q.limit).integer(std::max(q.offset, 0));
  for_each_row(sql_,
               std::string(kPersonColumns) + where +
                   " ORDER BY p.last_key, p.first_key, p.id LIMIT :limit OFFSET :offset",
               std::move(params), [&](const soci::row& row) { out.push_back(read_person(row)); });
  return out;
}

int SqlPersonRepository::count(const PersonQuery& q) {
  Params params;
  std::string where = where_clause(q, params);
  long long n = 0;
  fetch_one(sql_, "SELECT COUNT(*) FROM persons p" + where, std::move(params),
            [&](const soci::row& row) { n = RowReader(row).integer(); });
  return static_cast<int>(n);
}

}  // namespace parcours::storage
