// parcours — command line: serve, migrate, user add, demo, import, audit verify, mail.
#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace parcours::cli;
  CLI::App app{"Parcours — suivi des parcours d’insertion socioprofessionnelle."};
  app.set_help_flag("-h,--help", "Affiche cette aide et quitte.");
  // Help in French (subcommands share this formatter).
  auto fmt = app.get_formatter();
  for (const auto& [en, fr] :
       std::initializer_list<std::pair<const char*, const char*>>{{"Usage", "Utilisation"},
                                                                  {"OPTIONS", "OPTIONS"},
                                                                  {"REQUIRED", "OBLIGATOIRE"},
                                                                  {"Env", "Variable"},
                                                                  {"Needs", "Requiert"},
                                                                  {"Excludes", "Exclut"},
                                                                  {"Positionals", "Arguments"},
                                                                  {"Options", "Options"},
                                                                  {"Subcommands", "Sous-commandes"},
                                                                  {"SUBCOMMAND", "SOUS-COMMANDE"},
                                                                  {"TEXT", "TEXTE"},
                                                                  {"INT", "ENTIER"},
                                                                  {"UINT", "ENTIER"}})
    fmt->label(en, fr);
  app.require_subcommand(1);
  app.fallthrough();  // --database is accepted after the subcommand too
  app.footer(
      "Base de données : sqlite:CHEMIN (par défaut sqlite:var/parcours.db) ou chaîne de "
      "connexion PostgreSQL (postgresql://utilisateur@hôte/base). Variable : PARCOURS_DATABASE.");
  std::string database = "sqlite:var/parcours.db";
  app.add_option("--database", database, "Base de données (sqlite:CHEMIN ou PostgreSQL).")
      ->envname("PARCOURS_DATABASE")
      ->capture_default_str();

  ServeOptions so;
  auto* serve_cmd = app.add_subcommand("serve", "Démarre le serveur web.");
  serve_cmd->set_help_flag("-h,--help", "Affiche cette aide et quitte.");
  serve_cmd->add_option("--bind", so.bind, "Adresse d’écoute.")
      ->envname("PARCOURS_BIND")
      ->capture_default_str();
  serve_cmd->add_option("--port", so.port, "Port d’écoute.")
      ->envname("PARCOURS_PORT")
      ->capture_default_str();
  serve_cmd->add_option("--web-root", so.web_root, "Dossier web/ (gabarits et fichiers statiques).")
      ->envname("PARCOURS_WEB_ROOT");
  serve_cmd
      ->add_flag("--secure-cookies", so.secure_cookies,
                 "Cookies réservés à HTTPS (derrière un proxy TLS).")
      ->envname("PARCOURS_SECURE_COOKIES");
  serve_cmd
      ->add_option("--assets-root", so.assets_root, "Dossier node_modules/ (Bootstrap, icônes).")
      ->envname("PARCOURS_ASSETS_ROOT");
  serve_cmd
      ->add_flag("--behind-proxy", so.behind_proxy,
                 "Derrière un proxy inverse : adresse du client lue dans X-Forwarded-For.")
      ->envname("PARCOURS_BEHIND_PROXY");
  serve_cmd
      ->add_option("--metrics-token", so.metrics_token,
                   "Jeton exigé pour lire /metrics (Authorization: Bearer …) ; préférez la "
                   "variable d’environnement.")
      ->envname("PARCOURS_METRICS_TOKEN");
  serve_cmd
      ->add_flag("--metrics-loopback", so.metrics_loopback,
                 "Autorise /metrics sans jeton depuis 127.0.0.1 ou ::1 (hors proxy).")
      ->envname("PARCOURS_METRICS_LOOPBACK");
  serve_cmd
      ->add_option("--programmes", so.programmes_dir,
                   "Dossier des configurations de programmes (config/programmes).")
      ->envname("PARCOURS_PROGRAMMES")
      ->capture_default_str();
  serve_cmd->add_option("--threads", so.threads, "Nombre de fils de traitement (0 : 16 fils).")
      ->envname("PARCOURS_THREADS");
  serve_cmd
      ->add_option("--max-connexions", so.max_connections,
                   "Connexions simultanées au plus ; au-delà, réponse 503.")
      ->envname("PARCOURS_MAX_CONNECTIONS")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  serve_cmd
      ->add_option("--max-connexions-par-adresse", so.max_connections_per_address,
                   "Connexions simultanées au plus depuis une même adresse ; au-delà, réponse 503.")
      ->envname("PARCOURS_MAX_CONNECTIONS_PER_ADDRESS")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  add_mail_options(*serve_cmd, so.mail);

  auto* migrate_cmd =
      app.add_subcommand("migrate", "Applique les migrations du schéma de la base.");
  migrate_cmd->set_help_flag("-h,--help", "Affiche cette aide et quitte.");

  auto* user_cmd = app.add_subcommand("user", "Gère les comptes utilisateurs.");
  user_cmd->set_help_flag("-h,--help", "Affiche cette aide et quitte.");
  user_cmd->require_subcommand(1);
  std::string email, name, role, org;
  auto* user_add_cmd = user_cmd->add_subcommand(
      "add", "Crée un compte ; le mot de passe est lu sur l’entrée standard, jamais en argument.");
  user_add_cmd->set_help_flag("-h,--help", "Affiche cette aide et quitte.");
  user_add_cmd->add_option("--email", email, "Adresse e-mail (identifiant de connexion).")
      ->required();
  user_add_cmd->add_option("--name", name, "Nom et prénom.")->required();
  auto* role_opt = user_add_cmd->add_option("--role", role,
                                            "Rôle (admin, cpip, spip_manager, disp_manager, …).");
  auto* org_opt = user_add_cmd->add_option("--org", org, "Code de l’organisation de rattachement.");
  role_opt->needs(org_opt);
  org_opt->needs(role_opt);

  std::string reference = PARCOURS_SOURCE_DIR "/data/reference/disp-dijon-ppaip.json";
  auto* demo_cmd =
      app.add_subcommand("demo", "Charge le marché de référence et des données de démonstration.");
  demo_cmd->set_help_flag("-h,--help", "Affiche cette aide et quitte.");
  demo_cmd->add_option("--reference", reference, "Fichier de référence du marché.")
      ->capture_default_str();
  std::string demo_programmes = PARCOURS_SOURCE_DIR "/config/programmes";
  demo_cmd
      ->add_option(
          "--programmes", demo_programmes,
          "Dossier des configurations de programmes (personnes et parcours de démonstration).")
      ->envname("PARCOURS_PROGRAMMES")
      ->capture_default_str();
  DemoNationalOptions national;
  demo_cmd
      ->add_option("--people", national.people,
                   "Génère en plus un jeu de données national de N personnes (9 DISP, SPIP, "
                   "établissements, prestataires, parcours, séances, ateliers, échéances), "
                   "pour les mesures de performance.")
      ->type_name("N")
      ->check(CLI::Range(0LL, 100000000LL).name("").description(""));
  demo_cmd
      ->add_option("--seed", national.seed,
                   "Graine du jeu de données national : même graine, mêmes données.")
      ->capture_default_str();
  demo_cmd->add_option("--today", national.today,
                       "Date du jour du jeu national (AAAA-MM-JJ, heure de Paris) ; par défaut "
                       "la date du jour, à fixer pour des mesures reproductibles.");

  std::string kind, file;
  auto* import_cmd = app.add_subcommand("import", "Importe un fichier (tout ou rien).");
  import_cmd->set_help_flag("-h,--help", "Affiche cette aide et quitte.");
  import_cmd->add_option("type", kind, "reference, establishments ou users.")
      ->required()
      ->check(CLI::IsMember({"reference", "establishments", "users"}));
  import_cmd->add_option("fichier", file, "Chemin du fichier (JSON ou CSV UTF-8).")->required();

  auto* audit_cmd =
      app.add_subcommand("audit", "Journal d’audit des consultations et modifications.");
  audit_cmd->set_help_flag("-h,--help", "Affiche cette aide et quitte.");
  audit_cmd->require_subcommand(1);
  auto* audit_verify_cmd = audit_cmd->add_subcommand(
      "verify",
      "Vérifie que le journal d’audit n’a pas été altéré (code de sortie 0 : intègre ; 1 : "
      "altéré ; 2 : vérification impossible).");
  audit_verify_cmd->set_help_flag("-h,--help", "Affiche cette aide et quitte.");

  MailConfig mail_config;
  std::string mail_programmes = PARCOURS_SOURCE_DIR "/config/programmes";
  auto mail_cmd = add_mail_command(app, mail_config, mail_programmes);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    if (*serve_cmd) {
      so.database = database;
      return serve(so);
    }
    if (*migrate_cmd) return migrate(database);
    if (*user_add_cmd) return user_add(database, email, name, role, org);
    if (*demo_cmd) return demo(database, reference, demo_programmes, national);
    if (*import_cmd) return import_file(database, kind, file);
    if (*audit_verify_cmd) return audit_verify(database);
    if (*mail_cmd.send) return mail_send(database, mail_config);
    if (*mail_cmd.digest) return mail_digest(database, mail_config, mail_programmes);
  } catch (const std::exception& e) {
    std::cerr << "Erreur : " << e.what() << "\n";
    return 1;
  }
  return 0;
}
