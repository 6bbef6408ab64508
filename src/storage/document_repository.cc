// The professional file (SPEC BEN-4) with signed attendance sheets (ATT-2), consents and shares
// with partners (SEC-3), bilans (PPAIP-16). Schema and the reasons for its indexes:
// storage/migrations_workshops.cc; orders: storage/repositories.h.
#include <stdexcept>

#include "storage/base64.h"
#include "storage/repositories.h"
#include "storage/row_util.h"

namespace parcours::storage {
namespace {

constexpr const char* kDocumentColumns =
    "SELECT id, person_id, prescription_id, workshop_id, session_id, workshop_session_id, kind, "
    "copy_kind, title, filename, media_type, byte_size, checksum, version, author_id, created_at "
    "FROM documents";

constexpr const char* kConsentColumns =
    "SELECT id, person_id, recipient_org_id, consent_scope, given_on, note, recorded_by, "
    "recorded_at, revoked_at, revoked_by, revoke_reason FROM consents";

constexpr const char* kShareColumns =
    "SELECT id, document_id, recipient_org_id, consent_id, shared_by, shared_at "
    "FROM document_shares";

constexpr const char* kBilanColumns =
    "SELECT id, prescription_id, kind, programme_done, professional_project, action_plan, "
    "recommendations, status, author_id, updated_at, delivered_to_person_on, delivery_mode, "
    "delivered_at, cpip_document_id, person_document_id, version FROM bilans";

// ATT-2: individual sessions with attendance recorded (present or absent) and workshop sessions
// held, without a signed scan, merged by date. Each branch walks its index in date order and
// stops at the limit (migrations_workshops.cc), so the merge sorts at most twice the limit.
constexpr const char* kUnscannedSessions =
    "SELECT kind, session_id, prescription_id, workshop_id, session_date, start_minute, "
    "duration_minutes, intervenant_id FROM (SELECT 'individual' AS kind, s.id AS session_id, "
    "s.prescription_id AS prescription_id, 0 AS workshop_id, s.session_date AS session_date, "
    "s.start_minute AS start_minute, s.duration_minutes AS duration_minutes, "
    "s.intervenant_id AS intervenant_id FROM sessions s WHERE s.provider_id = :provider_id "
    "AND s.session_date >= :from_date AND s.session_date <= :to_date "
    "AND s.status IN ('present', 'absent') AND NOT EXISTS (SELECT 1 FROM documents d "
    "WHERE d.session_id = s.id AND d.kind = 'scan') "
    "ORDER BY s.session_date, s.start_minute, s.id LIMIT :individual_limit) individual "
    "UNION ALL "
    "SELECT kind, session_id, prescription_id, workshop_id, session_date, start_minute, "
    "duration_minutes, intervenant_id FROM (SELECT 'workshop' AS kind, ws.id AS session_id, "
    "0 AS prescription_id, ws.workshop_id AS workshop_id, ws.session_date AS session_date, "
    "ws.start_minute AS start_minute, ws.duration_minutes AS duration_minutes, "
    "w.intervenant_id AS intervenant_id FROM workshops w "
    "JOIN workshop_sessions ws ON ws.workshop_id = w.id WHERE w.provider_id = :w_provider_id "
    "AND ws.session_date >= :w_from_date AND ws.session_date <= :w_to_date "
    "AND ws.status = 'held' AND NOT EXISTS (SELECT 1 FROM documents d "
    "WHERE d.workshop_session_id = ws.id AND d.kind = 'scan') "
    "ORDER BY ws.session_date, ws.start_minute, ws.id LIMIT :workshop_limit) collective "
    "ORDER BY session_date, start_minute, kind, session_id LIMIT :limit";

StoredDocument read_document(const soci::row& row) {
  RowReader r(row);
  StoredDocument d;
  d.id = r.integer();
  d.person_id = r.id_or_zero();
  d.prescription_id = r.id_or_zero();
  d.workshop_id = r.id_or_zero();
  d.session_id = r.id_or_zero();
  d.workshop_session_id = r.id_or_zero();
  d.kind = r.text();
  d.copy = r.text();
  d.title = r.text();
  d.filename = r.text();
  d.media_type = r.text();
  d.size = r.integer();
  d.checksum = r.text();
  d.version = r.int32();
  d.author_id = r.id_or_zero();
  d.created_at = r.instant();
  return d;
}

Consent read_consent(const soci::row& row) {
  RowReader r(row);
  Consent c;
  c.id = r.integer();
  c.person_id = r.integer();
  c.recipient_org_id = r.integer();
  c.scope = r.text();
  c.given_on = r.date();
  c.note = r.text();
  c.recorded_by = r.id_or_zero();
  c.recorded_at = r.instant();
  c.revoked_at = r.instant_or_null();
  c.revoked_by = r.id_or_zero();
  c.revoke_reason = r.text();
  return c;
}

DocumentShare read_share(const soci::row& row) {
  RowReader r(row);
  DocumentShare s;
  s.id = r.integer();
  s.document_id = r.integer();
  s.recipient_org_id = r.integer();
  s.consent_id = r.integer();
  s.shared_by = r.id_or_zero();
  s.shared_at = r.instant();
  return s;
}

Bilan read_bilan(const soci::row& row) {
  RowReader r(row);
  Bilan b;
  b.id = r.integer();
  b.prescription_id = r.integer();
  b.kind = r.text();
  b.programme_done = r.text();
  b.professional_project = r.text();
  b.action_plan = r.text();
  b.recommendations = r.text();
  b.status = r.text();
  b.author_id = r.id_or_zero();
  b.updated_at = r.instant();
  b.delivered_to_person_on = r.date_or_null();
  b.delivery_mode = r.text();
  b.delivered_at = r.instant_or_null();
  b.cpip_document_id = r.id_or_zero();
  b.person_document_id = r.id_or_zero();
  b.version = r.int32();
  return b;
}

UnscannedSession read_unscanned(const soci::row& row) {
  RowReader r(row);
  UnscannedSession u;
  u.kind = r.text();
  u.session_id = r.integer();
  u.prescription_id = r.id_or_zero();
  u.workshop_id = r.id_or_zero();
  u.date = r.date();
  u.start_minute = r.int32();
  u.duration_minutes = r.int32();
  u.intervenant_id = r.id_or_zero();
  return u;
}

std::string read_content(const soci::row& row) {
  return RowReader(row).text();
}

// --- Parameters: the columns after id, in table order, for INSERT and UPDATE ----------------

Params document_params(const StoredDocument& d) {
  Params p;
  p.id_or_null(d.person_id).id_or_null(d.prescription_id).id_or_null(d.workshop_id);
  p.id_or_null(d.session_id).id_or_null(d.workshop_session_id).text(d.kind).text(d.copy);
  p.text(d.title).text(d.filename).text(d.media_type).integer(d.size).text(d.checksum);
  p.integer(d.version).id_or_null(d.author_id).instant(d.created_at);
  return p;
}

Params consent_params(const Consent& c) {
  Params p;
  p.integer(c.person_id).integer(c.recipient_org_id).text(c.scope).date(c.given_on);
  p.text(c.note).id_or_null(c.recorded_by).instant(c.recorded_at);
  p.instant_or_null(c.revoked_at).id_or_null(c.revoked_by).text(c.revoke_reason);
  return p;
}

Params bilan_params(const Bilan& b) {
  Params p;
  p.integer(b.prescription_id).text(b.kind).text(b.programme_done);
  p.text(b.professional_project).text(b.action_plan).text(b.recommendations).text(b.status);
  p.id_or_null(b.author_id).instant(b.updated_at).date_or_null(b.delivered_to_person_on);
  p.text(b.delivery_mode).instant_or_null(b.delivered_at).id_or_null(b.cpip_document_id);
  p.id_or_null(b.person_document_id);
  return p;
}

// " WHERE …" selecting the series of `like` (ids 0 ↔ IS NULL); binds its values.
std::string series_filter(const StoredDocument& like, Params& params) {
  std::string where;
  auto id_column = [&](const std::string& column, Id value) {
    where += where.empty() ? " WHERE " : " AND ";
    if (value == 0) {
      where += column + " IS NULL";
      return;
    }
    where += column + " = :" + column;
    params.integer(value);
  };
  id_column("person_id", like.person_id);
  id_column("prescription_id", like.prescription_id);
  id_column("workshop_id", like.workshop_id);
  id_column("session_id", like.session_id);
  id_column("workshop_session_id", like.workshop_session_id);
  where += " AND kind = :kind AND copy_kind = :copy_kind";
  params.text(like.kind).text(like.copy);
  return where;
}

}  // namespace

// --- Documents and their bytes (BEN-4, ATT-2) -----------------------------------------------

Id SqlDocumentRepository::insert_document(const StoredDocument& d, const std::string& bytes) {
  bool stored = fetch_one(sql_, "SELECT 1 FROM document_contents WHERE checksum = :checksum",
                          Params().text(d.checksum), [](const soci::row&) {});
  if (!stored) {
    Params p;
    p.text(d.checksum).integer(static_cast<long long>(bytes.size())).text(base64_encode(bytes));
    execute(sql_,
            "INSERT INTO document_contents (checksum, byte_size, content) VALUES (:checksum, "
            ":byte_size, :content) ON CONFLICT (checksum) DO NOTHING",
            std::move(p));
  }
  return insert_returning_id(
      sql_,
      "INSERT INTO documents (person_id, prescription_id, workshop_id, session_id, "
      "workshop_session_id, kind, copy_kind, title, filename, media_type, byte_size, checksum, "
      "version, author_id, created_at) VALUES (:person_id, :prescription_id, :workshop_id, "
      ":session_id, :workshop_session_id, :kind, :copy_kind, :title, :filename, :media_type, "
      ":byte_size, :checksum, :version, :author_id, :created_at) RETURNING id",
      document_params(d));
}

std::optional<StoredDocument> SqlDocumentRepository::find_document(Id id) {
  return one_row(sql_, std::string(kDocumentColumns) + " WHERE id = :id", Params().integer(id),
                 read_document);
}

std::optional<std::string> SqlDocumentRepository::content(const std::string& checksum) {
  std::optional<std::string> text =
      one_row(sql_, "SELECT content FROM document_contents WHERE checksum = :checksum",
              Params().text(checksum), read_content);
  if (!text) return std::nullopt;
  std::optional<std::string> bytes = base64_decode(*text);
  if (!bytes) throw std::runtime_error("stored document_contents.content is not base64");
  return bytes;
}

std::optional<StoredDocument> SqlDocumentRepository::latest_version(const StoredDocument& like) {
  Params params;
  std::string where = series_filter(like, params);
  return one_row(sql_,
                 std::string(kDocumentColumns) + where + " ORDER BY version DESC, id DESC LIMIT 1",
                 std::move(params), read_document);
}

std::vector<StoredDocument> SqlDocumentRepository::documents_of_person(Id person_id) {
  return all_rows(sql_,
                  std::string(kDocumentColumns) +
                      " WHERE person_id = :person_id ORDER BY created_at DESC, id DESC",
                  Params().integer(person_id), read_document);
}

std::vector<StoredDocument> SqlDocumentRepository::documents_of_workshop(Id workshop_id) {
  return all_rows(sql_,
                  std::string(kDocumentColumns) +
                      " WHERE workshop_id = :workshop_id ORDER BY created_at DESC, id DESC",
                  Params().integer(workshop_id), read_document);
}

std::vector<StoredDocument> SqlDocumentRepository::scans_of_session(Id session_id) {
  return all_rows(sql_,
                  std::string(kDocumentColumns) +
                      " WHERE session_id = :session_id AND kind = 'scan' "
                      "ORDER BY created_at DESC, id DESC",
                  Params().integer(session_id), read_document);
}

std::vector<StoredDocument> SqlDocumentRepository::scans_of_workshop_session(
    Id workshop_session_id) {
  return all_rows(sql_,
                  std::string(kDocumentColumns) +
                      " WHERE workshop_session_id = :workshop_session_id AND kind = 'scan' "
                      "ORDER BY created_at DESC, id DESC",
                  Params().integer(workshop_session_id), read_document);
}

std::vector<UnscannedSession> SqlDocumentRepository::unscanned_sessions(Id provider_id, Date from,
                                                                        Date to, int limit) {
  if (limit <= 0) return {};
  Params p;
  p.integer(provider_id).date(from).date(to).integer(limit);
  p.integer(provider_id).date(from).date(to).integer(limit);
  p.integer(limit);
  return all_rows(sql_, kUnscannedSessions, std::move(p), read_unscanned);
}

// --- Consents (SEC-3) -----------------------------------------------------------------------

Id SqlDocumentRepository::insert_consent(const Consent& c) {
  return insert_returning_id(
      sql_,
      "INSERT INTO consents (person_id, recipient_org_id, consent_scope, given_on, note, "
      "recorded_by, recorded_at, revoked_at, revoked_by, revoke_reason) VALUES (:person_id, "
      ":recipient_org_id, :consent_scope, :given_on, :note, :recorded_by, :recorded_at, "
      ":revoked_at, :revoked_by, :revoke_reason) RETURNING id",
      consent_params(c));
}

void SqlDocumentRepository::update_consent(const Consent& c) {
  update_row(sql_, "consents",
             "UPDATE consents SET person_id = :person_id, recipient_org_id = :recipient_org_id, "
             "consent_scope = :consent_scope, given_on = :given_on, note = :note, "
             "recorded_by = :recorded_by, recorded_at = :recorded_at, revoked_at = :revoked_at, "
             "revoked_by = :revoked_by, revoke_reason = :revoke_reason WHERE id = :id",
             consent_params(c), c.id);
}

std::optional<Consent> SqlDocumentRepository::find_consent(Id id) {
  return one_row(sql_, std::string(kConsentColumns) + " WHERE id = :id", Params().integer(id),
                 read_consent);
}

std::vector<Consent> SqlDocumentRepository::consents_of_person(Id person_id) {
  return all_rows(sql_,
                  std::string(kConsentColumns) +
                      " WHERE person_id = :person_id ORDER BY recorded_at DESC, id DESC",
                  Params().integer(person_id), read_consent);
}

// --- Shares (SEC-3) -------------------------------------------------------------------------

Id SqlDocumentRepository::insert_share(const DocumentShare& s) {
  Params p;
  p.integer(s.document_id).integer(s.recipient_org_id).integer(s.consent_id);
  p.id_or_null(s.shared_by).instant(s.shared_at);
  return insert_returning_id(
      sql_,
      "INSERT INTO document_shares (document_id, recipient_org_id, consent_id, shared_by, "
      "shared_at) VALUES (:document_id, :recipient_org_id, :consent_id, :shared_by, :shared_at) "
      "RETURNING id",
      std::move(p));
}

std::vector<DocumentShare> SqlDocumentRepository::shares_of_document(Id document_id) {
  return all_rows(sql_,
                  std::string(kShareColumns) + " WHERE document_id = :document_id ORDER BY id",
                  Params().integer(document_id), read_share);
}

std::vector<DocumentShare> SqlDocumentRepository::shares_to(const std::vector<Id>& org_ids,
                                                            int limit) {
  if (org_ids.empty() || limit <= 0) return {};
  Params params;
  std::string list = in_list("org", org_ids, params, [](Params& p, Id id) { p.integer(id); });
  params.integer(limit);
  return all_rows(sql_,
                  std::string(kShareColumns) + " WHERE recipient_org_id IN (" + list +
                      ") ORDER BY shared_at DESC, id DESC LIMIT :limit",
                  std::move(params), read_share);
}

// --- Bilans (PPAIP-16) ----------------------------------------------------------------------

Id SqlDocumentRepository::insert_bilan(const Bilan& b) {
  return insert_returning_id(
      sql_,
      "INSERT INTO bilans (prescription_id, kind, programme_done, professional_project, "
      "action_plan, recommendations, status, author_id, updated_at, delivered_to_person_on, "
      "delivery_mode, delivered_at, cpip_document_id, person_document_id) VALUES "
      "(:prescription_id, :kind, :programme_done, :professional_project, :action_plan, "
      ":recommendations, :status, :author_id, :updated_at, :delivered_to_person_on, "
      ":delivery_mode, :delivered_at, :cpip_document_id, :person_document_id) RETURNING id",
      bilan_params(b));
}

void SqlDocumentRepository::update_bilan(const Bilan& b) {
  update_versioned(
      sql_, "bilans",
      "UPDATE bilans SET prescription_id = :prescription_id, kind = :kind, "
      "programme_done = :programme_done, professional_project = :professional_project, "
      "action_plan = :action_plan, recommendations = :recommendations, "
      "status = :status, author_id = :author_id, updated_at = :updated_at, "
      "delivered_to_person_on = :delivered_to_person_on, "
      "delivery_mode = :delivery_mode, delivered_at = :delivered_at, "
      "cpip_document_id = :cpip_document_id, person_document_id = :person_document_id, "
      "version = version + 1 WHERE id = :id AND version = :version",
      bilan_params(b), b.id, b.version);
}

std::optional<Bilan> SqlDocumentRepository::find_bilan(Id id) {
  return one_row(sql_, std::string(kBilanColumns) + " WHERE id = :id", Params().integer(id),
                 read_bilan);
}

std::vector<Bilan> SqlDocumentRepository::bilans_of(Id prescription_id) {
  return all_rows(
      sql_, std::string(kBilanColumns) + " WHERE prescription_id = :prescription_id ORDER BY id",
      Params().integer(prescription_id), read_bilan);
}

}  // namespace parcours::storage
