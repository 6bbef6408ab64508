// CSV import of establishments and users (SPEC ORG-1, ORG-2): all lines or none.
#include "app/csv_import.h"
#include "domain/wording.h"
#include "http/admin_common.h"
#include "http/request_guard.h"

namespace parcours::http {
namespace {

std::vector<Field> import_fields() {
  return {{"file",
           "Fichier CSV (UTF-8, séparateur « ; » ou « , »)",
           "file",
           true,
           "Le contenu est reconnu d’après la première ligne, qui donne les noms des colonnes. "
           "Établissements : code;nom;spip;departement;adresse;telephone — Utilisateurs : "
           "email;nom;role;organisation;telephone;qualification;adeli (le rôle en toutes lettres, "
           "par exemple « CPIP » ou « Psychologue du travail »).",
           {},
           ".csv,text/csv"}};
}

}  // namespace

void add_import_page(Web& web) {
  auto show = [&web](const Request& req, Response& res, PageCtx& ctx, const Error* err,
                     int status) {
    (void)req;
    nlohmann::json values = nlohmann::json::object();
    auto view = form_view("Importer un fichier CSV", "/admin/import", import_fields(), values, err,
                          "Importer", "/");
    view["intro"] =
        "Toutes les lignes sont vérifiées avant l’import : si une seule est incorrecte, rien n’est "
        "importé et chaque erreur est signalée avec son numéro de ligne. Chaque nouveau compte "
        "reçoit par courriel une invitation à choisir son mot de passe.";
    web.render(res, &ctx, "Importer un fichier CSV", "form", view, status);
  };
  admin_page(web, "GET", "/admin/import",
             [&web, show](const Request& req, Response& res, PageCtx& ctx) {
               if (!ctx.actor.is_admin()) return web.error_page(res, &ctx, 403);
               show(req, res, ctx, nullptr, 200);
             });
  admin_page(
      web, "POST", "/admin/import", [&web, show](const Request& req, Response& res, PageCtx& ctx) {
        if (!ctx.actor.is_admin()) return web.error_page(res, &ctx, 403);
        if (!req.has_file("file") || req.get_file_value("file").content.empty()) {
          Error e =
              invalid("Choisissez un fichier CSV à importer.", {{"file", "Aucun fichier reçu."}});
          return show(req, res, ctx, &e, 422);
        }
        const std::string& text = req.get_file_value("file").content;
        // SEC-5: a NUL is valid UTF-8 but no CSV text; other bytes that are not UTF-8 are
        // refused by parse_csv with their line number.
        if (guard::text_fault(text) == guard::TextFault::nul) {
          Error e = invalid(
              "Le fichier contient un caractère nul : ce n’est pas un fichier CSV texte. Rien n’a "
              "été importé.",
              {{"file", guard::text_fault_message(guard::TextFault::nul)}});
          return show(req, res, ctx, &e, 422);
        }
        auto n = import_csv(web.services().store, web.services().clock, ctx.actor, text);
        if (!n.ok()) {
          if (n.error().code == ErrorCode::forbidden) return web.fail(res, ctx, n.error());
          return show(req, res, ctx, &n.error(), 422);
        }
        const bool users = n->kind == "users";
        web.redirect(res, users ? "/admin/utilisateurs" : "/admin/organisations?type=establishment",
                     count_of(n->lines, "ligne importée", "lignes importées") +
                         (users ? ". Une invitation a été envoyée à chaque nouveau compte." : "."));
      });
}

}  // namespace parcours::http
