// CSV import of establishments and users (SPEC ORG-1, ORG-2): all lines or none.
#include "app/csv_import.h"
#include "http/admin_common.h"
#include "http/request_guard.h"

namespace parcours::http {
namespace {

std::vector<Field> import_fields() {
  return {{"kind",
           "Contenu du fichier",
           "select",
           true,
           "",
           {{"establishments", "Établissements pénitentiaires"},
            {"users", "Utilisateurs et rattachements"}}},
          {"file",
           "Fichier CSV (UTF-8, séparateur « ; » ou « , »)",
           "file",
           true,
           "Établissements : code;nom;spip;departement;adresse;telephone — Utilisateurs : "
           "email;nom;role;organisation;telephone;qualification;adeli. La première ligne donne les "
           "noms des colonnes.",
           {},
           ".csv,text/csv"}};
}

}  // namespace

void add_import_page(Web& web) {
  auto show = [&web](const httplib::Request& req, httplib::Response& res, PageCtx& ctx,
                     const Error* err, int status) {
    nlohmann::json values = {{"kind", form(req, "kind")}};
    auto view = form_view("Importer un fichier CSV", "/admin/import", import_fields(), values, err,
                          "Importer", "/");
    view["intro"] =
        "Toutes les lignes sont vérifiées avant l’import : si une seule est incorrecte, rien n’est "
        "importé "
        "et chaque erreur est signalée avec son numéro de ligne.";
    web.render(res, &ctx, "Importer un fichier CSV", "form", view, status);
  };
  admin_page(web, "GET", "/admin/import",
             [&web, show](const httplib::Request& req, httplib::Response& res, PageCtx& ctx) {
               if (!ctx.actor.is_admin()) return web.error_page(res, &ctx, 403);
               show(req, res, ctx, nullptr, 200);
             });
  admin_page(
      web, "POST", "/admin/import",
      [&web, show](const httplib::Request& req, httplib::Response& res, PageCtx& ctx) {
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
        const std::string kind = form(req, "kind");
        Result<int> n = kind == "users" ? import_users_csv(web.services().store, ctx.actor, text)
                        : kind == "establishments"
                            ? import_establishments_csv(web.services().store, ctx.actor, text)
                            : Result<int>(invalid("Choisissez le contenu du fichier.",
                                                  {{"kind", "Choisissez le contenu du fichier."}}));
        if (!n.ok()) {
          if (n.error().code == ErrorCode::forbidden) return web.fail(res, ctx, n.error());
          return show(req, res, ctx, &n.error(), 422);
        }
        web.redirect(
            res,
            kind == "users" ? "/admin/utilisateurs" : "/admin/organisations?type=establishment",
            std::to_string(*n) + " ligne(s) importée(s).");
      });
}

}  // namespace parcours::http
