// Alerts to users: in the application and by e-mail (SPEC DL-2, PPAIP-10, PPAIP-14).
//
// E-mails are written to an outbox in the same transaction as the change that causes them,
// then delivered by SMTP; every attempt is recorded and a failed one is retried later, so an
// e-mail is never lost (DESIGN §4.6).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/types.h"

namespace parcours {

// A kind of notification a user may opt out of by e-mail (the in-app one always stays).
struct NotificationKind {
  std::string id;     // "prescription_received"
  std::string label;  // French: "Nouvelle prescription reçue"
};
const std::vector<NotificationKind>& notification_kinds();
bool is_notification_kind(const std::string& id);

struct Notification {
  Id id = 0;
  Id user_id = 0;
  std::string kind;
  std::string title;  // French, one line
  std::string body;   // French, a few lines
  std::string link;   // path in the application: "/prescriptions/12"
  Instant created_at{};
  std::optional<Instant> read_at;
};

enum class EmailStatus { pending, sent };

struct OutboxEmail {
  Id id = 0;
  Id user_id = 0;  // 0 when the recipient is not a user
  std::string to_address;
  std::string subject;
  std::string body;  // plain text, UTF-8
  std::string kind;
  Instant created_at{};
  EmailStatus status = EmailStatus::pending;
  int attempts = 0;
  Instant next_attempt_at{};
  std::string last_error;
  std::optional<Instant> sent_at;
};

struct EmailAttempt {
  Id id = 0;
  Id email_id = 0;
  Instant at{};
  bool ok = false;
  std::string error;  // French or the SMTP server's words
};

const char* email_status_name(EmailStatus s);  // "pending", "sent"
std::optional<EmailStatus> parse_email_status(const std::string& name);

// Delay before the next attempt after `failed_attempts` failures: 1 min, 2, 4… capped at
// one hour. An e-mail is never abandoned.
std::chrono::seconds retry_delay(int failed_attempts);

}  // namespace parcours
