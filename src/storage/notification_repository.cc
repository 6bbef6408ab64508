// Notifications in the application, the e-mail outbox, opt-outs and the digest log
// (SPEC DL-2). Orders: notifications newest first (created_at, then id); due e-mails oldest
// first (next_attempt_at, then id); outbox listing newest first (id); attempts by id.
#include <algorithm>
#include <stdexcept>

#include "storage/error_mapping.h"
#include "storage/repositories.h"
#include "storage/row_util.h"

namespace parcours::storage {
namespace {

constexpr const char* kNotificationColumns =
    "SELECT id, user_id, kind, title, body, link, created_at, read_at FROM notifications";

constexpr const char* kEmailColumns =
    "SELECT id, user_id, to_address, subject, body, kind, created_at, status, attempts, "
    "next_attempt_at, last_error, sent_at FROM email_outbox";

constexpr const char* kAttemptColumns = "SELECT id, email_id, at, ok, error FROM email_attempts";

Notification read_notification(const soci::row& row) {
  RowReader r(row);
  Notification n;
  n.id = r.integer();
  n.user_id = r.integer();
  n.kind = r.text();
  n.title = r.text();
  n.body = r.text();
  n.link = r.text();
  n.created_at = r.instant();
  n.read_at = r.instant_or_null();
  return n;
}

OutboxEmail read_email(const soci::row& row) {
  RowReader r(row);
  OutboxEmail e;
  e.id = r.integer();
  e.user_id = r.id_or_zero();
  e.to_address = r.text();
  e.subject = r.text();
  e.body = r.text();
  e.kind = r.text();
  e.created_at = r.instant();
  std::string status = r.text();
  auto parsed = parse_email_status(status);
  if (!parsed) throw std::runtime_error("unknown email_outbox.status '" + status + "'");
  e.status = *parsed;
  e.attempts = r.int32();
  e.next_attempt_at = r.instant();
  e.last_error = r.text();
  e.sent_at = r.instant_or_null();
  return e;
}

EmailAttempt read_attempt(const soci::row& row) {
  RowReader r(row);
  EmailAttempt a;
  a.id = r.integer();
  a.email_id = r.integer();
  a.at = r.instant();
  a.ok = r.boolean();
  a.error = r.text();
  return a;
}

std::vector<OutboxEmail> query_emails(soci::session& sql, const std::string& where_order,
                                      Params params) {
  std::vector<OutboxEmail> out;
  for_each_row(sql, std::string(kEmailColumns) + where_order, std::move(params),
               [&](const soci::row& row) { out.push_back(read_email(row)); });
  return out;
}

}  // namespace

Id SqlNotificationRepository::insert_notification(const Notification& n) {
  return insert_returning_id(
      sql_,
      "INSERT INTO notifications (user_id, kind, title, body, link, created_at, read_at) "
      "VALUES (:user_id, :kind, :title, :body, :link, :created_at, :read_at) RETURNING id",
      Params()
          .integer(n.user_id)
          .text(n.kind)
          .text(n.title)
          .text(n.body)
          .text(n.link)
          .instant(n.created_at)
          .instant_or_null(n.read_at));
}

std::vector<Notification> SqlNotificationRepository::notifications_of(Id user_id, int limit) {
  std::vector<Notification> out;
  for_each_row(sql_,
               std::string(kNotificationColumns) +
                   " WHERE user_id = :user_id ORDER BY created_at DESC, id DESC LIMIT :limit",
               Params().integer(user_id).integer(limit),
               [&](const soci::row& row) { out.push_back(read_notification(row)); });
  return out;
}

int SqlNotificationRepository::unread_count(Id user_id) {
  int count = 0;
  fetch_one(sql_, "SELECT COUNT(*) FROM notifications WHERE user_id = :user_id AND read_at IS NULL",
            Params().integer(user_id),
            [&](const soci::row& row) { count = RowReader(row).int32(); });
  return count;
}

// Only the user's own notifications; already-read ones keep their first reading time.
void SqlNotificationRepository::mark_read(Id user_id, Id id, Instant at) {
  if (id == 0) {
    execute(sql_,
            "UPDATE notifications SET read_at = :at WHERE user_id = :user_id AND read_at IS NULL",
            Params().instant(at).integer(user_id));
    return;
  }
  execute(sql_,
          "UPDATE notifications SET read_at = :at "
          "WHERE id = :id AND user_id = :user_id AND read_at IS NULL",
          Params().instant(at).integer(id).integer(user_id));
}

Id SqlNotificationRepository::enqueue_email(const OutboxEmail& e) {
  return insert_returning_id(
      sql_,
      "INSERT INTO email_outbox (user_id, to_address, subject, body, kind, created_at, status, "
      "attempts, next_attempt_at, last_error, sent_at) VALUES (:user_id, :to_address, :subject, "
      ":body, :kind, :created_at, :status, :attempts, :next_attempt_at, :last_error, :sent_at) "
      "RETURNING id",
      Params()
          .id_or_null(e.user_id)
          .text(e.to_address)
          .text(e.subject)
          .text(e.body)
          .text(e.kind)
          .instant(e.created_at)
          .text(email_status_name(e.status))
          .integer(e.attempts)
          .instant(e.next_attempt_at)
          .text(e.last_error)
          .instant_or_null(e.sent_at));
}

std::optional<OutboxEmail> SqlNotificationRepository::find_email(Id id) {
  std::optional<OutboxEmail> out;
  fetch_one(sql_, std::string(kEmailColumns) + " WHERE id = :id", Params().integer(id),
            [&](const soci::row& row) { out = read_email(row); });
  return out;
}

std::vector<OutboxEmail> SqlNotificationRepository::due_emails(Instant now, int limit) {
  return query_emails(sql_,
                      " WHERE status = 'pending' AND next_attempt_at <= :now "
                      "ORDER BY next_attempt_at, id LIMIT :limit",
                      Params().instant(now).integer(limit));
}

// A conditional update: of two senders racing for the same e-mail, only one changes the row
// (PostgreSQL re-checks the condition after the other's commit; SQLite serialises writers).
bool SqlNotificationRepository::claim_email(Id id, Instant now, Instant lease_until) {
  long long changed = execute(sql_,
                              "UPDATE email_outbox SET next_attempt_at = :lease_until "
                              "WHERE id = :id AND status = 'pending' AND next_attempt_at <= :now",
                              Params().instant(lease_until).integer(id).instant(now));
  return changed == 1;
}

void SqlNotificationRepository::update_email(const OutboxEmail& e) {
  long long changed =
      execute(sql_,
              "UPDATE email_outbox SET user_id = :user_id, to_address = :to_address, "
              "subject = :subject, body = :body, kind = :kind, created_at = :created_at, "
              "status = :status, attempts = :attempts, next_attempt_at = :next_attempt_at, "
              "last_error = :last_error, sent_at = :sent_at WHERE id = :id",
              Params()
                  .id_or_null(e.user_id)
                  .text(e.to_address)
                  .text(e.subject)
                  .text(e.body)
                  .text(e.kind)
                  .instant(e.created_at)
                  .text(email_status_name(e.status))
                  .integer(e.attempts)
                  .instant(e.next_attempt_at)
                  .text(e.last_error)
                  .instant_or_null(e.sent_at)
                  .integer(e.id));
  if (changed == 0) throw RowMissing("email_outbox");
}

Id SqlNotificationRepository::insert_attempt(const EmailAttempt& a) {
  return insert_returning_id(
      sql_,
      "INSERT INTO email_attempts (email_id, at, ok, error) "
      "VALUES (:email_id, :at, :ok, :error) RETURNING id",
      Params().integer(a.email_id).instant(a.at).boolean(a.ok).text(a.error));
}

std::vector<EmailAttempt> SqlNotificationRepository::attempts_of(Id email_id) {
  std::vector<EmailAttempt> out;
  for_each_row(sql_, std::string(kAttemptColumns) + " WHERE email_id = :email_id ORDER BY id",
               Params().integer(email_id),
               [&](const soci::row& row) { out.push_back(read_attempt(row)); });
  return out;
}

std::vector<OutboxEmail> SqlNotificationRepository::emails(std::optional<EmailStatus> status,
                                                           int limit) {
  if (status) {
    return query_emails(sql_, " WHERE status = :status ORDER BY id DESC LIMIT :limit",
                        Params().text(email_status_name(*status)).integer(limit));
  }
  return query_emails(sql_, " ORDER BY id DESC LIMIT :limit", Params().integer(limit));
}

// Sorted by kind id.
std::vector<std::string> SqlNotificationRepository::email_opt_outs(Id user_id) {
  std::vector<std::string> out;
  for_each_row(sql_,
               "SELECT kind FROM notification_opt_outs WHERE user_id = :user_id ORDER BY kind",
               Params().integer(user_id),
               [&](const soci::row& row) { out.push_back(RowReader(row).text()); });
  return out;
}

// Replaces the user's opt-outs; duplicates in `kinds` are stored once.
void SqlNotificationRepository::set_email_opt_outs(Id user_id,
                                                   const std::vector<std::string>& kinds) {
  execute(sql_, "DELETE FROM notification_opt_outs WHERE user_id = :user_id",
          Params().integer(user_id));
  std::vector<std::string> unique = kinds;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  for (const auto& kind : unique) {
    execute(sql_, "INSERT INTO notification_opt_outs (user_id, kind) VALUES (:user_id, :kind)",
            Params().integer(user_id).text(kind));
  }
}

std::optional<Date> SqlNotificationRepository::last_digest(Id user_id) {
  std::optional<Date> out;
  fetch_one(sql_, "SELECT last_day FROM digest_log WHERE user_id = :user_id",
            Params().integer(user_id), [&](const soci::row& row) { out = RowReader(row).date(); });
  return out;
}

// The day only moves forward (ISO days compare as text). Even when it does not move, the
// upsert locks the user's row until the end of the transaction (PostgreSQL locks every row
// that ON CONFLICT DO UPDATE considers): app/notifications.cc relies on that so that two
// servers never both enqueue the same day's digest.
void SqlNotificationRepository::set_last_digest(Id user_id, Date day) {
  execute(sql_,
          "INSERT INTO digest_log (user_id, last_day) VALUES (:user_id, :last_day) "
          "ON CONFLICT (user_id) DO UPDATE SET last_day = excluded.last_day "
          "WHERE digest_log.last_day < excluded.last_day",
          Params().integer(user_id).date(day));
}

}  // namespace parcours::storage
