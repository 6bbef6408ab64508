#include "app/notifications.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "app/journey.h"

namespace parcours {
namespace {

using nlohmann::json;

// A claimed e-mail is not due again before this; far longer than one SMTP exchange (30 s), so
// that a sender that dies mid-way only delays the e-mail.
constexpr std::chrono::minutes kClaimLease{5};

// What set_last_digest is given to take the user's digest row lock before reading it (see
// enqueue_digest): "never", as the stored day only moves forward.
const Date kNeverDigested = Date{date::year{1970}, date::January, date::day{1}};

MailSettings& settings() {
  static MailSettings s;
  return s;
}

bool opted_out(Repos& r, Id user_id, const std::string& kind) {
  auto outs = r.notifications.email_opt_outs(user_id);
  return std::find(outs.begin(), outs.end(), kind) != outs.end();
}

std::string footer() {
  return "\n\n-- \nCe message vous a été envoyé automatiquement par Parcours ; merci de ne pas y "
         "répondre.\nPour choisir les notifications que vous recevez par courriel : " +
         mail_settings().base_url + "/compte/notifications";
}

std::string email_body(const std::string& body, const std::string& link) {
  std::string out = body;
  if (!link.empty()) out += "\n\nOuvrir dans Parcours : " + mail_settings().base_url + link;
  return out + footer();
}

// The whole e-mail of a digest: one paragraph per item, most urgent first (todo() order).
std::string digest_body(const Actor& a, const std::vector<TodoItem>& items) {
  std::string out = "Bonjour " + a.user.full_name +
                    ",\n\nVoici ce qui est à faire dans Parcours (" + std::to_string(items.size()) +
                    (items.size() > 1 ? " éléments" : " élément") + ") :";
  for (const auto& item : items) {
    out += "\n\n- " + item.label;
    if (!item.person_name.empty()) out += " — " + item.person_name;
    if (item.due_at) out += "\n  Échéance : " + french_instant(*item.due_at);
    if (item.late) out += " (en retard)";
    if (!item.link.empty()) out += "\n  " + mail_settings().base_url + item.link;
  }
  out += "\n\nVotre liste « À faire » : " + mail_settings().base_url + "/a-faire";
  return out + footer();
}

// Records one delivery attempt and its outcome on the e-mail, in one transaction.
Status record_attempt(Store& store, Id email_id, Instant at, const Status& sent) {
  return store.transact([&](Repos& r) -> Status {
    auto e = r.notifications.find_email(email_id);
    if (!e) return not_found("Ce courriel n’existe plus dans la boîte d’envoi.");
    EmailAttempt attempt{0, email_id, at, sent.ok(), sent.ok() ? "" : sent.error().message};
    r.notifications.insert_attempt(attempt);
    e->attempts += 1;
    if (sent.ok()) {
      e->status = EmailStatus::sent;
      e->sent_at = at;
      e->last_error.clear();
    } else {
      e->last_error = attempt.error;
      e->next_attempt_at = at + retry_delay(e->attempts);
    }
    r.notifications.update_email(*e);
    return {};
  });
}

// One user's digest, unless another sender already enqueued today's. Returns whether one was.
Result<bool> enqueue_digest(Store& store, const Clock& clock, const Actor& a, Date today,
                            const std::vector<TodoItem>& items) {
  return transact<bool>(store, [&](Repos& r) -> Result<bool> {
    // The stored day only moves forward: this writes nothing when a digest was ever sent, but
    // takes the row's lock (PostgreSQL), so that two servers cannot both send today's.
    r.notifications.set_last_digest(a.user.id, kNeverDigested);
    auto last = r.notifications.last_digest(a.user.id);
    if (last && *last >= today) return false;
    if (opted_out(r, a.user.id, "daily_digest")) return false;  // declined meanwhile
    enqueue_email(r, clock, a.user.id, a.user.email, "daily_digest",
                  "Parcours — vos échéances du " + french_long(today), digest_body(a, items));
    r.notifications.set_last_digest(a.user.id, today);
    return true;
  });
}

// Active users with an address who may receive today's digest.
Result<std::vector<Actor>> digest_candidates(Store& store, Date today) {
  return read<std::vector<Actor>>(store, [&](Repos& r) -> Result<std::vector<Actor>> {
    std::vector<Actor> out;
    for (const User& u : r.users.list()) {
      if (!u.active || u.email.empty()) continue;
      auto last = r.notifications.last_digest(u.id);
      if (last && *last >= today) continue;
      if (opted_out(r, u.id, "daily_digest")) continue;
      out.push_back(load_actor(r, u));
    }
    return out;
  });
}

Status require_user(const Actor& a) {
  if (a.user.id == 0) return forbidden("Cette action demande un compte utilisateur.");
  return {};
}

}  // namespace

void set_mail_settings(const MailSettings& s) {
  settings() = s;
}

const MailSettings& mail_settings() {
  return settings();
}

void notify(Repos& r, const Clock& clock, const std::vector<Id>& user_ids, const std::string& kind,
            const std::string& title, const std::string& body, const std::string& link) {
  const Instant now = clock.now();
  std::set<Id> done;
  for (Id user_id : user_ids) {
    if (user_id == 0 || !done.insert(user_id).second) continue;
    auto u = r.users.find(user_id);
    if (!u) continue;
    r.notifications.insert_notification(
        Notification{0, user_id, kind, title, body, link, now, std::nullopt});
    if (!u->active || u->email.empty() || opted_out(r, user_id, kind)) continue;
    enqueue_email(r, clock, user_id, u->email, kind, title, email_body(body, link));
  }
}

void enqueue_email(Repos& r, const Clock& clock, Id user_id, const std::string& to,
                   const std::string& kind, const std::string& subject, const std::string& body) {
  OutboxEmail e;
  e.user_id = user_id;
  e.to_address = to;
  e.subject = subject;
  e.body = body;
  e.kind = kind;
  e.created_at = clock.now();
  e.next_attempt_at = e.created_at;
  r.notifications.enqueue_email(e);
}

// At least once: an e-mail sent whose attempt cannot be recorded (database lost meanwhile) is
// sent again after the lease.
Result<DeliveryReport> deliver_due_emails(Store& store, const Clock& clock,
                                          MailTransport& transport, int limit) {
  auto due =
      read<std::vector<OutboxEmail>>(store, [&](Repos& r) -> Result<std::vector<OutboxEmail>> {
        return r.notifications.due_emails(clock.now(), limit);
      });
  if (!due.ok()) return due.error();
  DeliveryReport report;
  for (const OutboxEmail& e : *due) {
    const Instant now = clock.now();
    auto claimed = transact<bool>(store, [&](Repos& r) -> Result<bool> {
      return r.notifications.claim_email(e.id, now, now + kClaimLease);
    });
    if (!claimed.ok()) return claimed.error();
    if (!*claimed) continue;  // another sender has it
    Status sent = transport.send(e);
    if (Status s = record_attempt(store, e.id, clock.now(), sent); !s.ok()) return s.error();
    ++(sent.ok() ? report.sent : report.failed);
  }
  return report;
}

Result<int> enqueue_daily_digests(Store& store, const Clock& clock, JourneyService& journeys) {
  const Date today = paris_date(clock.now());
  auto candidates = digest_candidates(store, today);
  if (!candidates.ok()) return candidates.error();
  int enqueued = 0;
  for (const Actor& a : *candidates) {
    auto items = journeys.todo(a);
    if (!items.ok()) {
      if (items.error().code == ErrorCode::unavailable) return items.error();
      continue;  // nothing this user may be shown
    }
    if (items->empty()) continue;
    auto done = enqueue_digest(store, clock, a, today, *items);
    if (!done.ok()) return done.error();
    if (*done) ++enqueued;
  }
  return enqueued;
}

Result<std::vector<Notification>> NotificationService::inbox(const Actor& a, int limit) {
  if (Status s = require_user(a); !s.ok()) return s.error();
  return read<std::vector<Notification>>(
      store_, [&](Repos& r) -> Result<std::vector<Notification>> {
        return r.notifications.notifications_of(a.user.id, std::clamp(limit, 1, 500));
      });
}

Result<int> NotificationService::unread(const Actor& a) {
  if (Status s = require_user(a); !s.ok()) return s.error();
  return read<int>(
      store_, [&](Repos& r) -> Result<int> { return r.notifications.unread_count(a.user.id); });
}

Status NotificationService::mark_read(const Actor& a, Id notification_id) {
  if (Status s = require_user(a); !s.ok()) return s;
  return store_.transact([&](Repos& r) -> Status {
    r.notifications.mark_read(a.user.id, notification_id, clock_.now());
    return {};
  });
}

Result<NotificationPrefs> NotificationService::prefs(const Actor& a) {
  if (Status s = require_user(a); !s.ok()) return s.error();
  return read<NotificationPrefs>(store_, [&](Repos& r) -> Result<NotificationPrefs> {
    return NotificationPrefs{notification_kinds(), r.notifications.email_opt_outs(a.user.id)};
  });
}

Status NotificationService::set_email_opt_outs(const Actor& a,
                                               const std::vector<std::string>& kinds) {
  if (Status s = require_user(a); !s.ok()) return s;
  std::vector<FieldError> errors;
  for (const auto& k : kinds)
    if (!is_notification_kind(k))
      errors.push_back({"email_opt_outs", "Type de notification inconnu : « " + k + " »."});
  if (!errors.empty())
    return invalid("Les préférences de notification n’ont pas été enregistrées.", errors);
  std::vector<std::string> sorted = kinds;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  return store_.transact([&](Repos& r) -> Status {
    r.notifications.set_email_opt_outs(a.user.id, sorted);
    record(r, clock_, a, "notification_prefs.update", "user", a.user.id, 0,
           json{{"email_opt_outs", sorted}}.dump());
    return {};
  });
}

Result<std::vector<OutboxEmail>> NotificationService::outbox(const Actor& a, int limit) {
  if (!a.is_admin()) return forbidden();
  return read<std::vector<OutboxEmail>>(store_, [&](Repos& r) -> Result<std::vector<OutboxEmail>> {
    return r.notifications.emails(std::nullopt, std::clamp(limit, 1, 1000));
  });
}

}  // namespace parcours
