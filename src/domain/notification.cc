#include "domain/notification.h"

#include <algorithm>

namespace parcours {

// SPEC DL-2, PPAIP-10, PPAIP-14: what a user may choose not to receive by e-mail.
const std::vector<NotificationKind>& notification_kinds() {
  static const std::vector<NotificationKind> kinds = {
      {"prescription_received", "Nouvelle prescription reçue"},
      {"proposal_submitted", "Proposition de programme à valider"},
      {"proposal_decided", "Décision du CPIP sur une proposition"},
      {"calendar", "Calendrier personnalisé et ses modifications"},
      {"case_signal", "Signalements : impossibilité, interruption, absence, abandon"},
      {"case_status", "Suspension, reprise et fin de programme"},
      {"last_interview", "Invitation au dernier entretien"},
      {"orientation", "Demandes d’orientation"},
      {"daily_digest", "Récapitulatif quotidien des échéances"},
  };
  return kinds;
}

bool is_notification_kind(const std::string& id) {
  const auto& kinds = notification_kinds();
  return std::any_of(kinds.begin(), kinds.end(),
                     [&](const NotificationKind& k) { return k.id == id; });
}

const char* email_status_name(EmailStatus s) {
  switch (s) {
    case EmailStatus::pending:
      return "pending";
    case EmailStatus::sent:
      return "sent";
  }
  return "pending";
}

std::optional<EmailStatus> parse_email_status(const std::string& name) {
  if (name == "pending") return EmailStatus::pending;
  if (name == "sent") return EmailStatus::sent;
  return std::nullopt;
}

std::chrono::seconds retry_delay(int failed_attempts) {
  constexpr std::chrono::seconds kFirst{60};
  constexpr std::chrono::seconds kCap{3600};
  if (failed_attempts <= 1) return kFirst;
  // 60 · 2^6 = 3840 s already exceeds the cap: no need to shift further (nor to overflow).
  if (failed_attempts > 7) return kCap;
  return std::min(kCap, std::chrono::seconds{kFirst.count() << (failed_attempts - 1)});
}

}  // namespace parcours
