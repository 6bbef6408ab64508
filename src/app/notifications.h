// Notifications in the application and by e-mail (SPEC DL-2, PPAIP-10, PPAIP-14).
//
// Use cases call notify() inside their own transaction: the in-app notification and the
// outbox e-mail are written with the change, or not at all. Delivery is separate: a worker
// claims due e-mails, hands each to the MailTransport outside any transaction, and records
// the attempt; a failure leaves the e-mail pending with a later retry (domain retry_delay).
#pragma once

#include <string>
#include <vector>

#include "app/actor.h"
#include "app/ports.h"

namespace parcours {

class JourneyService;

// Inside the caller's write transaction: one in-app notification per user, and one outbox
// e-mail per active user with an address who has not opted out of `kind` by e-mail.
// `link` is a path of the application; the e-mail body ends with base_url + link.
void notify(Repos& r, const Clock& clock, const std::vector<Id>& user_ids, const std::string& kind,
            const std::string& title, const std::string& body, const std::string& link);

// An e-mail to an address that is not a user's (none yet; kept for letters by e-mail).
void enqueue_email(Repos& r, const Clock& clock, Id user_id, const std::string& to,
                   const std::string& kind, const std::string& subject, const std::string& body);

// The port to the SMTP server (notify/ implements it with libcurl).
class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Sends one e-mail; an Error (unavailable) carries the reason in French.
  virtual Status send(const OutboxEmail& e) = 0;
};

struct DeliveryReport {
  int sent = 0;
  int failed = 0;
};

// Settings shared by notify() and the worker.
struct MailSettings {
  std::string base_url = "http://127.0.0.1:8080";  // links in e-mails
};
void set_mail_settings(const MailSettings& s);
const MailSettings& mail_settings();

// Delivers the due e-mails (at most `limit`), one claim, one attempt and one record each.
Result<DeliveryReport> deliver_due_emails(Store& store, const Clock& clock,
                                          MailTransport& transport, int limit = 100);

// DL-2: one digest e-mail per user with something due or late, at most once per Paris day
// (the day is recorded); users who opted out of "daily_digest" are skipped. Returns the
// number of digests enqueued.
Result<int> enqueue_daily_digests(Store& store, const Clock& clock, JourneyService& journeys);

struct NotificationPrefs {
  std::vector<NotificationKind> kinds;
  std::vector<std::string> email_opt_outs;
};

class NotificationService {
 public:
  NotificationService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}
  Result<std::vector<Notification>> inbox(const Actor& a, int limit = 100);
  Result<int> unread(const Actor& a);
  Status mark_read(const Actor& a, Id notification_id);  // 0: all
  Result<NotificationPrefs> prefs(const Actor& a);
  Status set_email_opt_outs(const Actor& a, const std::vector<std::string>& kinds);
  // Administrators: the outbox with its attempts (newest first).
  Result<std::vector<OutboxEmail>> outbox(const Actor& a, int limit = 200);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace parcours
