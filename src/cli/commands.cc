#include "cli/commands.h"

#include <pthread.h>
#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include "app/audit.h"
#include "app/csv_import.h"
#include "app/reference.h"
#include "app/reporting.h"
#include "app/secrets.h"
#include "app/system_clock.h"
#include "cli/programmes.h"
#include "documents/pdf_renderer.h"
#include "documents/report_renderer.h"
#include "domain/validation.h"
#include "domain/wording.h"
#include "http/server.h"
#include "http/web.h"
#include "seed/demo.h"
#include "storage/national_generator.h"
#include "storage/national_progress.h"
#include "storage/soci_store.h"

namespace parcours::cli {
namespace {

std::unique_ptr<SociStore> open_or_throw(const std::string& database, int pool = 4) {
  auto s = SociStore::open(database, pool);
  if (!s.ok()) throw std::runtime_error(s.error().message);
  return std::move(*s);
}

void print_error(const Error& e) {
  std::cerr << "Erreur : " << e.message << "\n";
  for (const auto& d : e.details) std::cerr << "  - " << d.field << " : " << d.message << "\n";
}

// The command line acts as the platform administrator.
Actor system_actor() {
  Actor a;
  a.user.full_name = "Ligne de commande";
  Organisation o;
  o.name = "Administration de la plateforme";
  a.memberships.push_back({Membership{0, 0, 0, Role::admin}, o});
  return a;
}

}  // namespace

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("impossible de lire le fichier « " + path + " ».");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int migrate(const std::string& database) {
  auto store = open_or_throw(database, 1);
  auto n = store->migrate();
  if (!n.ok()) {
    print_error(n.error());
    return 1;
  }
  std::cout << (*n == 0 ? "La base est à jour.\n"
                        : count_of(*n, "migration appliquée", "migrations appliquées") + ".\n");
  return 0;
}

int serve(const ServeOptions& o) {
  init_secrets();
  // Signals are handled by one waiting thread; the server threads inherit the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // PROG-1: a broken programme configuration stops start-up, naming file, field and problem.
  auto programmes = load_programmes(o.programmes_dir);
  if (!programmes.ok()) {  // the message already lists every problem
    std::cerr << "Erreur : " << programmes.error().message << "\n";
    return 1;
  }
  // Threads that run handlers (database work); connections cost none while they wait.
  const int threads = o.threads > 0 ? o.threads : 16;
  auto store = open_or_throw(o.database, threads + 2);
  auto pending = store->pending_migrations();
  if (!pending.ok()) {
    print_error(pending.error());
    return 1;
  }
  if (*pending > 0) {
    std::cerr << "Erreur : la base n’est pas à jour ("
              << count_of(*pending, "migration en attente", "migrations en attente")
              << "). Lancez « parcours migrate » d’abord.\n";
    return 1;
  }
  SystemClock clock;
  AuthService auth(*store, clock);
  AdminService admin(*store, clock);
  Programmes loaded(std::move(*programmes));
  JourneyService journeys(*store, clock, loaded);
  NotificationService notifications(*store, clock);
  WorkshopService workshops(*store, clock, loaded);
  PdfRenderer renderer;
  ProfessionalFileService files(*store, clock, loaded, renderer);
  ReportingService reporting(*store, clock, loaded);
  ReportDocumentRenderer report_renderer;
  set_mail_settings(MailSettings{o.mail.base_url});
  MailConfig mail_config = o.mail;
  if (const char* p = std::getenv("PARCOURS_SMTP_PASSWORD")) mail_config.smtp_password = p;
  std::unique_ptr<MailWorker> mailer;
  if (!mail_config.smtp_url.empty()) {
    auto transport = smtp_transport(mail_config);
    if (!transport.ok()) {
      print_error(transport.error());
      return 1;
    }
    mailer =
        std::make_unique<MailWorker>(*store, clock, journeys, reporting, std::move(*transport));
  }
  http::WebConfig config;
  if (!o.web_root.empty()) config.web_root = o.web_root;
  if (!o.assets_root.empty()) config.assets_root = o.assets_root;
  config.secure_cookies = o.secure_cookies;
  config.behind_proxy = o.behind_proxy;
  files.max_upload_bytes = config.max_upload_bytes;
  auto web = http::make_web({*store, clock, auth, admin, journeys, notifications, workshops, files,
                             reporting, report_renderer},
                            config);
  web->metrics().set_access({o.metrics_token, o.metrics_loopback});
  http::ServerLimits limits;
  limits.workers = static_cast<std::size_t>(threads);
  limits.max_connections = static_cast<std::size_t>(o.max_connections);
  limits.max_connections_per_address = static_cast<std::size_t>(o.max_connections_per_address);
  http::raise_open_file_limit();
  http::Server server(*web, limits);
  if (server.bind(o.bind, o.port) < 0) {
    std::cerr << "Erreur : impossible d’écouter sur " << o.bind << ":" << o.port
              << " (port déjà utilisé ?).\n";
    return 1;
  }
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.stop();
  });
  std::cerr << "Parcours écoute sur http://" << o.bind << ":" << o.port << " (base "
            << store->backend() << ").\n";
  if (mailer) {
    mailer->start();
    std::cerr << "Courriels envoyés par " << printable_url(mail_config.smtp_url)
              << " (toutes les 30 s ; récapitulatif quotidien après 7 h).\n";
  } else {
    std::cerr << "Aucun serveur de courriel configuré (--smtp-url) : les courriels restent dans "
                 "la boîte d’envoi.\n";
  }
  server.run();
  if (mailer) mailer->stop();
  if (stopper.joinable()) {
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
  }
  std::cerr << "Parcours arrêté.\n";
  return 0;
}

int user_add(const std::string& database, const std::string& email, const std::string& name,
             const std::string& role, const std::string& org_code) {
  std::string password;
  std::getline(std::cin, password);
  auto store = open_or_throw(database, 1);
  auto r = transact<Id>(*store, [&](Repos& repos) -> Result<Id> {
    User u;
    u.email = email;
    u.full_name = name;
    auto id = insert_user(repos, u);
    if (!id.ok()) return id;
    if (auto s = set_user_password(repos, *id, password); !s.ok()) return s.error();
    if (role.empty()) return id;
    auto rl = parse_role(role);
    if (!rl) return invalid("Rôle inconnu : « " + role + " ».");
    auto o = repos.orgs.find_by_code(org_code);
    if (!o) return invalid("Organisation inconnue : « " + org_code + " ».");
    if (auto m = insert_membership(repos, Membership{0, *id, o->id, *rl}); !m.ok())
      return m.error();
    return id;
  });
  if (!r.ok()) {
    print_error(r.error());
    return 1;
  }
  std::cout << "Compte créé pour " << ascii_lower(email) << ".\n";
  return 0;
}

namespace {

// `--today`: the demo is played as if the system clock read that day (noon in Paris).
class FixedDayClock final : public Clock {
 public:
  explicit FixedDayClock(Date d)
      : t_(std::chrono::duration_cast<std::chrono::seconds>(
            (date::sys_days{d} + std::chrono::hours{11}).time_since_epoch())) {}
  Instant now() const override { return t_; }

 private:
  Instant t_;
};

void print_national_counts(const storage::NationalCounts& n) {
  using storage::french_count;
  std::cout << "Jeu de données national généré en " << storage::french_elapsed(n.seconds)
            << " :\n  organisations : " << french_count(n.organisations)
            << " ; comptes : " << french_count(n.users) << " ; lieux : " << french_count(n.places)
            << " ; autorisations d’accès : " << french_count(n.authorisations)
            << " ; avenants : " << french_count(n.amendments)
            << "\n  personnes : " << french_count(n.persons)
            << " ; demandes d’orientation : " << french_count(n.orientations)
            << " ; prescriptions : " << french_count(n.prescriptions)
            << " ; propositions : " << french_count(n.proposals)
            << "\n  séances individuelles : " << french_count(n.sessions)
            << " ; suspensions : " << french_count(n.suspensions)
            << " ; échéances : " << french_count(n.deadlines)
            << " ; lignes d’historique : " << french_count(n.events)
            << "\n  ateliers : " << french_count(n.workshops)
            << " (séances : " << french_count(n.workshop_sessions)
            << ", participants : " << french_count(n.participants)
            << ", émargements : " << french_count(n.attendance) << ")"
            << "\n  documents : " << french_count(n.documents)
            << " ; bilans finaux : " << french_count(n.bilans) << "\n";
}

int generate_national(const std::string& database, const Programmes& programmes,
                      const DemoNationalOptions& o, Date today) {
  const ProgrammeConfig* config = programmes.find("ppaip");
  if (!config) {
    std::cerr << "Erreur : la configuration du programme PPAIP est introuvable.\n";
    return 1;
  }
  storage::NationalOptions options;
  options.people = o.people;
  options.seed = o.seed;
  options.today = today;
  storage::StderrProgress progress;
  auto counts = storage::generate_national_dataset(database, *config, options, progress);
  if (!counts.ok()) {
    print_error(counts.error());
    return 1;
  }
  print_national_counts(*counts);
  return 0;
}

}  // namespace

int demo(const std::string& database, const std::string& reference_file,
         const std::string& programmes_dir, const DemoNationalOptions& national) {
  std::optional<Date> fixed_today;
  if (!national.today.empty()) {
    auto d = parse_iso_date(national.today);
    if (!d.ok()) {
      std::cerr << "Erreur : --today : " << d.error().message << "\n";
      return 1;
    }
    fixed_today = *d;
  }
  auto store = open_or_throw(database, 1);
  if (auto m = store->migrate(); !m.ok()) {
    print_error(m.error());
    return 1;
  }
  auto r = load_demo(*store, read_file(reference_file));
  if (!r.ok() && r.error().code != ErrorCode::conflict) {
    print_error(r.error());
    return 1;
  }
  auto programmes = load_programmes(programmes_dir);
  if (!programmes.ok()) {
    std::cerr << "Erreur : " << programmes.error().message << "\n";
    return 1;
  }
  Programmes loaded(std::move(*programmes));
  SystemClock system_clock;
  std::optional<FixedDayClock> fixed_clock;
  if (fixed_today) fixed_clock.emplace(*fixed_today);
  const Clock& clock = fixed_clock ? static_cast<const Clock&>(*fixed_clock) : system_clock;
  auto people = load_demo_journeys(*store, clock, loaded);
  if (!people.ok()) {
    print_error(people.error());
    return 1;
  }
  if (national.people >= 0 &&
      generate_national(database, loaded, national, paris_date(clock.now())) != 0)
    return 1;
  std::cout << (r.ok() ? "Données de démonstration chargées."
                       : "Données de démonstration déjà présentes.")
            << " Comptes (mot de passe commun : " << kDemoPassword << ") :\n";
  auto logins = featured_demo_logins(*store);
  if (!logins.ok()) {
    print_error(logins.error());
    return 1;
  }
  for (const auto& l : *logins)
    std::cout << "  " << l.role_label << " : " << l.email << " (" << l.organisation << ")\n";
  return 0;
}

int import_file(const std::string& database, const std::string& kind, const std::string& file) {
  auto store = open_or_throw(database, 1);
  const std::string text = read_file(file);
  if (kind == "reference") {
    auto r = import_reference(*store, text);
    if (!r.ok()) {
      print_error(r.error());
      return 1;
    }
    std::cout << "Référence importée.\n";
    return 0;
  }
  Actor admin = system_actor();
  // ORG-2: the invitations of imported accounts link to the public address of the servers.
  if (const char* url = std::getenv("PARCOURS_BASE_URL")) set_mail_settings(MailSettings{url});
  auto n = kind == "users" ? import_users_csv(*store, admin, text)
                           : import_establishments_csv(*store, admin, text);
  if (!n.ok()) {
    print_error(n.error());
    return 1;
  }
  std::cout << *n << " ligne(s) importée(s).\n";
  return 0;
}

int audit_verify(const std::string& database) {
  auto opened = SociStore::open(database, 1);
  if (!opened.ok()) {
    print_error(opened.error());
    return 2;
  }
  auto& store = **opened;
  auto pending = store.pending_migrations();
  if (!pending.ok() || *pending > 0) {
    if (!pending.ok())
      print_error(pending.error());
    else
      std::cerr << "Erreur : la base n’est pas à jour ("
                << count_of(*pending, "migration en attente", "migrations en attente")
                << "). Lancez « parcours migrate » d’abord.\n";
    return 2;
  }
  auto v = verify_audit(store);
  if (!v.ok()) {
    print_error(v.error());
    return 2;
  }
  if (!v->ok) {
    std::cerr << "Journal d’audit altéré. " << v->problem << "\n";
    return 1;
  }
  std::cout << "Journal d’audit intègre : " << v->entries
            << (v->entries > 1 ? " entrées vérifiées.\n" : " entrée vérifiée.\n");
  return 0;
}

}  // namespace parcours::cli
