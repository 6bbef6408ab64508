// The audit trail (SPEC SEC-2): append-only journal and its head row (migration 2).
#include "storage/error_mapping.h"
#include "storage/migrations_schema.h"
#include "storage/repositories.h"
#include "storage/row_util.h"

namespace parcours::storage {
namespace {

constexpr const char* kEntryColumns =
    "SELECT id, seq, at, actor_user_id, actor_label, remote_addr, action, subject_type, "
    "subject_id, person_id, detail, prev_hash, hash FROM audit_log";

AuditEntry read_entry(const soci::row& row) {
  RowReader r(row);
  AuditEntry e;
  e.id = r.integer();
  e.seq = r.integer();
  e.at = r.instant();
  e.actor_user_id = r.id_or_zero();
  e.actor_label = r.text();
  e.remote_addr = r.text();
  e.action = r.text();
  e.subject_type = r.text();
  e.subject_id = r.id_or_zero();
  e.person_id = r.id_or_zero();
  e.detail = r.text();
  e.prev_hash = r.text();
  e.hash = r.text();
  return e;
}

std::vector<AuditEntry> entries(soci::session& sql, const std::string& tail, Params params) {
  std::vector<AuditEntry> out;
  for_each_row(sql, std::string(kEntryColumns) + " " + tail, std::move(params),
               [&](const soci::row& row) { out.push_back(read_entry(row)); });
  return out;
}

}  // namespace

void SqlAuditRepository::append(const AuditEntry& e) {
  execute(sql_,
          "INSERT INTO audit_log (seq, at, actor_user_id, actor_label, remote_addr, action, "
          "subject_type, subject_id, person_id, detail, prev_hash, hash) VALUES (:seq, :at, "
          ":actor_user_id, :actor_label, :remote_addr, :action, :subject_type, :subject_id, "
          ":person_id, :detail, :prev_hash, :hash)",
          Params()
              .integer(e.seq)
              .instant(e.at)
              .id_or_null(e.actor_user_id)
              .text(e.actor_label)
              .text(e.remote_addr)
              .text(e.action)
              .text(e.subject_type)
              .id_or_null(e.subject_id)
              .id_or_null(e.person_id)
              .text(e.detail)
              .text(e.prev_hash)
              .text(e.hash));
}

// The no-op UPDATE takes the head's row lock on PostgreSQL (held until commit or rollback;
// under READ COMMITTED the following SELECT then sees the head left by the previous writer).
// On SQLite it is one more write in a transaction that BEGIN IMMEDIATE already made exclusive.
std::optional<std::pair<long long, std::string>> SqlAuditRepository::head_for_update() {
  if (execute(sql_, "UPDATE audit_head SET seq = seq WHERE id = 1") == 0) return std::nullopt;
  return head();
}

std::optional<std::pair<long long, std::string>> SqlAuditRepository::head() {
  std::optional<std::pair<long long, std::string>> out;
  fetch_one(sql_, "SELECT seq, hash FROM audit_head WHERE id = 1", {}, [&](const soci::row& row) {
    RowReader r(row);
    long long seq = r.integer();
    out.emplace(seq, r.text());
  });
  return out;
}

void SqlAuditRepository::set_head(long long seq, const std::string& hash) {
  if (execute(sql_, "UPDATE audit_head SET seq = :seq, hash = :hash WHERE id = 1",
              Params().integer(seq).text(hash)) == 0) {
    throw RowMissing("audit_head");
  }
}

std::vector<AuditEntry> SqlAuditRepository::entries_after(long long seq, int limit) {
  return entries(sql_, "WHERE seq > :seq ORDER BY seq LIMIT :limit",
                 Params().integer(seq).integer(limit));
}

std::vector<AuditEntry> SqlAuditRepository::for_subject(const std::string& type, Id id, int limit) {
  // Changes only (AuditRepository): the condition of ix_audit_log_subject_changes (migration 12).
  return entries(sql_,
                 "WHERE subject_type = :type AND subject_id = :id AND " +
                     std::string(kAuditChangesOnly) + " ORDER BY seq DESC LIMIT :limit",
                 Params().text(type).integer(id).integer(limit));
}

std::vector<AuditEntry> SqlAuditRepository::for_person(Id person_id, int limit) {
  // Changes only: the condition of ix_audit_log_person_changes (migration 12).
  return entries(sql_,
                 "WHERE person_id = :person_id AND " + std::string(kAuditChangesOnly) +
                     " ORDER BY seq DESC LIMIT :limit",
                 Params().integer(person_id).integer(limit));
}

}  // namespace parcours::storage
