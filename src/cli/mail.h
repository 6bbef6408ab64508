// E-mail from the command line and from `parcours serve` (SPEC DL-2; DESIGN §1 notify/):
//   parcours mail send     delivers the due e-mails of the outbox once (for cron or a timer)
//   parcours mail digest   enqueues today's daily digests
// and the background worker of `serve`, which does both while the server runs.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/notifications.h"
#include "app/reporting.h"

namespace CLI {
class App;
}

namespace parcours::cli {

struct MailConfig {
  std::string smtp_url;       // smtp://host:port or smtps://host:port; empty: no delivery
  std::string smtp_user;      // empty: no authentication
  std::string smtp_password;  // from PARCOURS_SMTP_PASSWORD only (never on the command line)
  std::string mail_from;      // sender address
  std::string base_url = "http://127.0.0.1:8080";  // links in e-mails
};

// Adds --smtp-url, --smtp-user, --mail-from and --base-url (with their PARCOURS_* variables)
// to a subcommand; the password is read from PARCOURS_SMTP_PASSWORD after parsing.
void add_mail_options(CLI::App& cmd, MailConfig& c);

struct MailCommand {
  CLI::App* send = nullptr;
  CLI::App* digest = nullptr;
};
// Declares `parcours mail send|digest`; `programmes_dir` is for the digest (what is due).
MailCommand add_mail_command(CLI::App& app, MailConfig& c, std::string& programmes_dir);

// 0 when every due e-mail was sent, 1 when some failed (they stay in the outbox and are
// retried later) or on a configuration or database error.
int mail_send(const std::string& database, MailConfig c);
int mail_digest(const std::string& database, MailConfig c, const std::string& programmes_dir);

// The SMTP transport of a configuration; invalid (French) without a URL or sender.
Result<std::unique_ptr<MailTransport>> smtp_transport(const MailConfig& c);
// The URL without its credentials, for messages.
std::string printable_url(const std::string& url);

// `serve`'s background delivery: every `period`, delivers the due e-mails and, once per Paris
// day after 07:00, enqueues the daily digests and sends the volume alerts due (SPEC INV-2).
// Messages go to stderr in French.
class MailWorker {
 public:
  MailWorker(Store& store, const Clock& clock, JourneyService& journeys,
             ReportingService& reporting, std::unique_ptr<MailTransport> transport,
             std::chrono::seconds period = std::chrono::seconds(30));
  ~MailWorker() { stop(); }
  MailWorker(const MailWorker&) = delete;
  MailWorker& operator=(const MailWorker&) = delete;
  void start();
  // Waits for the current round (at most one SMTP exchange, 30 s) and stops.
  void stop();

 private:
  void run();
  void round();

  Store& store_;
  const Clock& clock_;
  JourneyService& journeys_;
  ReportingService& reporting_;
  std::unique_ptr<MailTransport> transport_;
  std::chrono::seconds period_;
  std::optional<Date> digest_day_;  // Paris day of the last digest round
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace parcours::cli
