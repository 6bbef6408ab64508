// Migration 4: notifications in the application, the e-mail outbox and its delivery attempts,
// e-mail opt-outs and the daily digest log (SPEC DL-2, PPAIP-10, PPAIP-14; DESIGN §1 notify/).
// Instants are BIGINT seconds since the epoch, UTC; days are TEXT 'YYYY-MM-DD'.
#include "storage/migrations_schema.h"

namespace parcours::storage {

const char* const kNotificationSchema = R"sql(
-- One row per user and alert; read_at NULL while unread.
CREATE TABLE notifications (
  id {{pk}},
  user_id BIGINT NOT NULL CONSTRAINT fk_notifications_user REFERENCES users (id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  read_at BIGINT NULL
);
CREATE INDEX ix_notifications_user_created ON notifications (user_id, created_at);

-- Written in the transaction of the change that causes the e-mail; a sender delivers it.
-- A pending e-mail is due when next_attempt_at <= now; claiming it moves next_attempt_at to
-- the end of a short lease, so that two senders never send it twice.
CREATE TABLE email_outbox (
  id {{pk}},
  user_id BIGINT NULL CONSTRAINT fk_email_outbox_user REFERENCES users (id),
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending'
    CONSTRAINT ck_email_outbox_status CHECK (status IN ('pending', 'sent')),
  attempts INTEGER NOT NULL DEFAULT 0 CONSTRAINT ck_email_outbox_attempts CHECK (attempts >= 0),
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  sent_at BIGINT NULL
);
CREATE INDEX ix_email_outbox_due ON email_outbox (status, next_attempt_at);

-- Every delivery attempt, successful or not.
CREATE TABLE email_attempts (
  id {{pk}},
  email_id BIGINT NOT NULL
    CONSTRAINT fk_email_attempts_email REFERENCES email_outbox (id) ON DELETE CASCADE,
  at BIGINT NOT NULL,
  ok INTEGER NOT NULL CONSTRAINT ck_email_attempts_ok CHECK (ok IN (0, 1)),
  error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_email_attempts_email ON email_attempts (email_id, id);

-- Kinds a user does not want by e-mail (the in-app notification always stays).
CREATE TABLE notification_opt_outs (
  user_id BIGINT NOT NULL
    CONSTRAINT fk_notification_opt_outs_user REFERENCES users (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  CONSTRAINT uq_notification_opt_outs_user_kind UNIQUE (user_id, kind)
);

-- DL-2: the Paris day of the last daily digest enqueued for a user (at most one a day).
CREATE TABLE digest_log (
  user_id BIGINT NOT NULL CONSTRAINT fk_digest_log_user REFERENCES users (id) ON DELETE CASCADE,
  last_day TEXT NOT NULL,
  CONSTRAINT uq_digest_log_user UNIQUE (user_id)
);
)sql";

}  // namespace parcours::storage
