#include "cli/mail.h"

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/journey.h"
#include "app/system_clock.h"
#include "cli/programmes.h"
#include "domain/paris_time.h"
#include "domain/wording.h"
#include "notify/smtp_transport.h"
#include "storage/soci_store.h"

namespace parcours::cli {
namespace {

constexpr int kBatch = 100;
constexpr int kDigestHour = 7;  // Europe/Paris

void print_error(const Error& e) {
  std::cerr << "Erreur : " << e.message << "\n";
  for (const auto& d : e.details) std::cerr << "  - " << d.field << " : " << d.message << "\n";
}

// An open, migrated store, or nullptr after printing why.
std::unique_ptr<SociStore> open_migrated(const std::string& database) {
  auto opened = SociStore::open(database, 2);
  if (!opened.ok()) {
    print_error(opened.error());
    return nullptr;
  }
  auto pending = (*opened)->pending_migrations();
  if (!pending.ok()) {
    print_error(pending.error());
    return nullptr;
  }
  if (*pending > 0) {
    std::cerr << "Erreur : la base n’est pas à jour ("
              << count_of(*pending, "migration en attente", "migrations en attente")
              << "). Lancez « parcours migrate » d’abord.\n";
    return nullptr;
  }
  return std::move(*opened);
}

void read_password(MailConfig& c) {
  if (const char* p = std::getenv("PARCOURS_SMTP_PASSWORD")) c.smtp_password = p;
}

int paris_hour(Instant t) {
  const auto local = paris_local_time(t);
  return static_cast<int>(
      std::chrono::floor<std::chrono::hours>(local - date::floor<date::days>(local)).count());
}

// Delivers batches until one is not full (failed e-mails are rescheduled, so this ends).
Result<DeliveryReport> deliver_all(Store& store, const Clock& clock, MailTransport& transport) {
  DeliveryReport total;
  for (;;) {
    auto r = deliver_due_emails(store, clock, transport, kBatch);
    if (!r.ok()) return r.error();
    total.sent += r->sent;
    total.failed += r->failed;
    if (r->sent + r->failed < kBatch) return total;
  }
}

std::string report_text(const DeliveryReport& r) {
  return count_of(r.sent, "courriel envoyé", "courriels envoyés") + ", " +
         std::to_string(r.failed) + " en échec";
}

}  // namespace

void add_mail_options(CLI::App& cmd, MailConfig& c) {
  cmd.add_option("--smtp-url", c.smtp_url,
                 "Serveur de courriel : smtp://hôte:port (STARTTLS si proposé) ou "
                 "smtps://hôte:port. Mot de passe : variable PARCOURS_SMTP_PASSWORD.")
      ->envname("PARCOURS_SMTP_URL");
  cmd.add_option("--smtp-user", c.smtp_user, "Identifiant SMTP (vide : sans authentification).")
      ->envname("PARCOURS_SMTP_USER");
  cmd.add_option("--mail-from", c.mail_from, "Adresse d’expédition des courriels.")
      ->envname("PARCOURS_MAIL_FROM");
  cmd.add_option("--base-url", c.base_url,
                 "Adresse publique de Parcours, pour les liens des courriels.")
      ->envname("PARCOURS_BASE_URL")
      ->capture_default_str();
}

MailCommand add_mail_command(CLI::App& app, MailConfig& c, std::string& programmes_dir) {
  auto* mail = app.add_subcommand("mail", "Courriels : envoi de la boîte d’envoi, récapitulatifs.");
  mail->set_help_flag("-h,--help", "Affiche cette aide et quitte.");
  mail->require_subcommand(1);
  MailCommand out;
  out.send = mail->add_subcommand(
      "send",
      "Envoie une fois les courriels en attente dont l’heure est venue (code de sortie 1 si un "
      "envoi a échoué : le courriel reste dans la boîte d’envoi et sera retenté).");
  out.send->set_help_flag("-h,--help", "Affiche cette aide et quitte.");
  add_mail_options(*out.send, c);
  out.digest = mail->add_subcommand(
      "digest",
      "Met en file d’envoi le récapitulatif quotidien des échéances (au plus un par personne et "
      "par jour).");
  out.digest->set_help_flag("-h,--help", "Affiche cette aide et quitte.");
  add_mail_options(*out.digest, c);
  out.digest
      ->add_option("--programmes", programmes_dir,
                   "Dossier des configurations de programmes (config/programmes).")
      ->envname("PARCOURS_PROGRAMMES")
      ->capture_default_str();
  return out;
}

std::string printable_url(const std::string& url) {
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  return url.substr(0, scheme + 3) + url.substr(at + 1);
}

Result<std::unique_ptr<MailTransport>> smtp_transport(const MailConfig& c) {
  if (c.smtp_url.empty())
    return invalid(
        "Aucun serveur de courriel n’est configuré (option --smtp-url ou variable "
        "PARCOURS_SMTP_URL).");
  if (c.smtp_url.rfind("smtp://", 0) != 0 && c.smtp_url.rfind("smtps://", 0) != 0)
    return invalid("L’adresse du serveur de courriel doit commencer par smtp:// ou smtps:// : « " +
                   printable_url(c.smtp_url) + " ».");
  if (c.mail_from.find('@') == std::string::npos)
    return invalid(
        "L’adresse d’expédition des courriels manque ou n’est pas valide (option --mail-from ou "
        "variable PARCOURS_MAIL_FROM).");
  mail::SmtpConfig config;
  config.url = c.smtp_url;
  config.username = c.smtp_user;
  config.password = c.smtp_password;
  config.from_address = c.mail_from;
  return std::unique_ptr<MailTransport>(std::make_unique<mail::SmtpTransport>(config));
}

int mail_send(const std::string& database, MailConfig c) {
  read_password(c);
  auto transport = smtp_transport(c);
  if (!transport.ok()) {
    print_error(transport.error());
    return 1;
  }
  auto store = open_migrated(database);
  if (!store) return 1;
  set_mail_settings(MailSettings{c.base_url});
  SystemClock clock;
  auto report = deliver_all(*store, clock, **transport);
  if (!report.ok()) {
    print_error(report.error());
    return 1;
  }
  std::cout << report_text(*report) << ".\n";
  return report->failed > 0 ? 1 : 0;
}

int mail_digest(const std::string& database, MailConfig c, const std::string& programmes_dir) {
  auto programmes = load_programmes(programmes_dir);
  if (!programmes.ok()) {
    print_error(programmes.error());
    return 1;
  }
  auto store = open_migrated(database);
  if (!store) return 1;
  set_mail_settings(MailSettings{c.base_url});
  SystemClock clock;
  Programmes loaded(std::move(*programmes));
  JourneyService journeys(*store, clock, loaded);
  auto n = enqueue_daily_digests(*store, clock, journeys);
  if (!n.ok()) {
    print_error(n.error());
    return 1;
  }
  std::cout << count_of(*n, "récapitulatif mis", "récapitulatifs mis") << " en file d’envoi.\n";
  ReportingService reporting(*store, clock, loaded);
  auto alerts = reporting.send_volume_alerts(paris_date(clock.now()));
  if (!alerts.ok()) {
    print_error(alerts.error());
    return 1;
  }
  std::cout << count_of(*alerts, "alerte de volume envoyée", "alertes de volume envoyées") << ".\n";
  return 0;
}

MailWorker::MailWorker(Store& store, const Clock& clock, JourneyService& journeys,
                       ReportingService& reporting, std::unique_ptr<MailTransport> transport,
                       std::chrono::seconds period)
    : store_(store),
      clock_(clock),
      journeys_(journeys),
      reporting_(reporting),
      transport_(std::move(transport)),
      period_(period) {}

void MailWorker::start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void MailWorker::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void MailWorker::run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    lock.unlock();
    round();
    lock.lock();
    cv_.wait_for(lock, period_, [this] { return stopping_; });
  }
}

void MailWorker::round() {
  const Instant now = clock_.now();
  const Date today = paris_date(now);
  if (paris_hour(now) >= kDigestHour && digest_day_ != today) {
    auto n = enqueue_daily_digests(store_, clock_, journeys_);
    if (n.ok()) {
      digest_day_ = today;
      if (*n > 0) std::cerr << "Courriels : " << *n << " récapitulatif(s) quotidien(s) en file.\n";
    } else {
      std::cerr << "Courriels : récapitulatifs non préparés : " << n.error().message << "\n";
    }
    auto alerts = reporting_.send_volume_alerts(today);
    if (!alerts.ok())
      std::cerr << "Alertes de volume non envoyées : " << alerts.error().message << "\n";
    else if (*alerts > 0)
      std::cerr << "Alertes de volume : " << *alerts << " envoyée(s).\n";
  }
  auto r = deliver_all(store_, clock_, *transport_);
  if (!r.ok())
    std::cerr << "Courriels : envoi interrompu : " << r.error().message << "\n";
  else if (r->sent + r->failed > 0)
    std::cerr << "Courriels : " << report_text(*r) << ".\n";
}

}  // namespace parcours::cli
