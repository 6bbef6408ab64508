// Temporary stubs: replaced by the real implementation.
#include <stdexcept>

#include "storage/repositories.h"

namespace parcours::storage {

Id SqlNotificationRepository::insert_notification(const Notification&) {
  throw std::runtime_error("insert_notification");
}
std::vector<Notification> SqlNotificationRepository::notifications_of(Id, int) {
  throw std::runtime_error("notifications_of");
}
int SqlNotificationRepository::unread_count(Id) {
  throw std::runtime_error("unread_count");
}
void SqlNotificationRepository::mark_read(Id, Id, Instant) {
  throw std::runtime_error("mark_read");
}
Id SqlNotificationRepository::enqueue_email(const OutboxEmail&) {
  throw std::runtime_error("enqueue_email");
}
std::optional<OutboxEmail> SqlNotificationRepository::find_email(Id) {
  throw std::runtime_error("find_email");
}
std::vector<OutboxEmail> SqlNotificationRepository::due_emails(Instant, int) {
  throw std::runtime_error("due_emails");
}
bool SqlNotificationRepository::claim_email(Id, Instant, Instant) {
  throw std::runtime_error("claim_email");
}
void SqlNotificationRepository::update_email(const OutboxEmail&) {
  throw std::runtime_error("update_email");
}
Id SqlNotificationRepository::insert_attempt(const EmailAttempt&) {
  throw std::runtime_error("insert_attempt");
}
std::vector<EmailAttempt> SqlNotificationRepository::attempts_of(Id) {
  throw std::runtime_error("attempts_of");
}
std::vector<OutboxEmail> SqlNotificationRepository::emails(std::optional<EmailStatus>, int) {
  throw std::runtime_error("emails");
}
std::vector<std::string> SqlNotificationRepository::email_opt_outs(Id) {
  throw std::runtime_error("email_opt_outs");
}
void SqlNotificationRepository::set_email_opt_outs(Id, const std::vector<std::string>&) {
  throw std::runtime_error("set_email_opt_outs");
}
std::optional<Date> SqlNotificationRepository::last_digest(Id) {
  throw std::runtime_error("last_digest");
}
void SqlNotificationRepository::set_last_digest(Id, Date) {
  throw std::runtime_error("set_last_digest");
}

}  // namespace parcours::storage
