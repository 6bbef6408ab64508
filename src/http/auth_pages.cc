// Sign-in, sign-out, home, account and the legal pages (SPEC SEC-5, page shell).
#include "app/secrets.h"
#include "domain/wording.h"
#include "http/journey_json.h"
#include "http/nav.h"
#include "http/web.h"

namespace parcours::http {
namespace {

// Only local paths are followed after sign-in (no open redirect).
std::string safe_next(const std::string& next) {
  if (next.empty() || next[0] != '/' || next.rfind("//", 0) == 0 ||
      next.find('\\') != std::string::npos)
    return "/";
  return next;
}

nlohmann::json home_links(const ActorMembership& m) {
  nlohmann::json links = nlohmann::json::array();
  auto add = [&](const std::string& href, const std::string& label) {
    links.push_back({{"href", href}, {"label", label}});
  };
  const std::string org = "/admin/organisations/" + std::to_string(m.org.id);
  switch (m.membership.role) {
    case Role::admin:
      add("/admin/organisations", "Organisations");
      add("/admin/utilisateurs", "Utilisateurs");
      add("/admin/marches", "Marché et lots");
      add("/admin/import", "Importer un fichier CSV");
      break;
    case Role::disp_manager:
      add("/pilotage", "Pilotage du marché : volumes, délais, relevés, dossier COPIL");
      add("/admin/marches", "Marché et lots");
      add(org, "Ma structure");
      break;
    case Role::cpip:
      add("/a-faire", "À faire : échéances et décisions");
      add("/personnes", "Personnes suivies");
      add("/validations", "Propositions à valider");
      add("/ateliers", "Ateliers collectifs : listes à valider");
      break;
    case Role::spip_manager:
      add("/a-faire", "À faire");
      add("/prescriptions?filtre=spip", "Prescriptions du service");
      add("/ateliers/thematiques", "Thématiques des ateliers");
      add(org, "Ma structure et mes équipes");
      add("/admin/marches", "Lots");
      break;
    case Role::provider_coordinator:
      add("/a-faire", "À faire : échéances et présences");
      add("/prescriptions", "Prescriptions reçues");
      add("/agenda", "Agenda");
      add("/ateliers", "Ateliers collectifs");
      add("/emargement/a-rapprocher", "Feuilles signées à déposer");
      add(org, "Ma structure et mes équipes");
      add("/admin/marches", "Lots");
      break;
    case Role::intervenant_cip:
    case Role::intervenant_psychologist:
      add("/a-faire", "À faire : échéances et présences");
      add("/prescriptions", "Prescriptions reçues");
      add("/agenda", "Mon agenda");
      add("/ateliers", "Ateliers collectifs");
      add("/emargement", "Saisir une feuille d’émargement");
      break;
    case Role::plie_manager:
      add(org, "Ma structure");
      add("/documents/partages", "Documents partagés avec nous");
      break;
    case Role::siae_staff:
      add("/documents/partages", "Documents partagés avec nous");
      break;
    default:
      break;
  }
  add("/compte", "Mon compte");
  return links;
}

void login_page(Web& web, const Request& req, Response& res, const std::string& error,
                bool throttled, int status) {
  std::string csrf = web.csrf_for_anonymous(req, res);
  web.render(res, nullptr, "Connexion", "login",
             {{"csrf_token", csrf},
              {"email", form(req, "email")},
              {"next", safe_next(form(req, "next"))},
              {"error", throttled ? "" : error},
              {"throttled", throttled}},
             status);
}

nlohmann::json static_page(const std::string& heading, std::vector<std::string> paragraphs) {
  return {{"heading", heading}, {"paragraphs", paragraphs}};
}

void set_session_cookie(Web& web, Response& res, const std::string& token) {
  res.set_header("Set-Cookie", std::string("parcours_session=") + token +
                                   "; Path=/; HttpOnly; SameSite=Lax" +
                                   (web.config().secure_cookies ? "; Secure" : ""));
}

// A link that cannot be used: 404 when unknown, 410 when used or expired (SEC-5).
void link_refused(Web& web, Response& res, const std::string& heading, const Error& e) {
  if (e.code == ErrorCode::unavailable) return web.error_page(res, nullptr, 503);
  web.render(res, nullptr, heading, "static_page", static_page(heading, {e.message}),
             e.code == ErrorCode::not_found ? 404 : 410);
}

void invitation_form(Web& web, const Request& req, Response& res, const std::string& error,
                     int status) {
  std::string csrf = web.csrf_for_anonymous(req, res);
  web.render(res, nullptr, "Choisir votre mot de passe", "invitation",
             {{"csrf_token", csrf}, {"action", req.path}, {"error", error}}, status);
}

// SEC-5, ORG-2: the page of the invitation link; choosing the password signs the person in.
void invitation_pages(Web& web) {
  const std::string pattern = R"(/invitation/([A-Za-z0-9_-]{20,100}))";
  web.public_page("GET", pattern, [&web](const Request& req, Response& res) {
    auto s = web.services().auth.check_link(req.matches[1], "invitation");
    if (!s.ok()) return link_refused(web, res, "Invitation", s.error());
    invitation_form(web, req, res, "", 200);
  });
  web.public_page("POST", pattern, [&web](const Request& req, Response& res) {
    auto in = web.services().auth.accept_invitation(req.matches[1], form(req, "password"),
                                                    form(req, "confirm_password"),
                                                    web.client_address(req));
    if (!in.ok()) {
      if (in.error().code == ErrorCode::invalid)
        return invitation_form(web, req, res, in.error().message, 422);
      return link_refused(web, res, "Invitation", in.error());
    }
    set_session_cookie(web, res, in->session_token);
    web.redirect(res, "/",
                 "Bienvenue, " + in->actor.user.full_name + ". Votre mot de passe est enregistré.");
  });
  // SEC-5: the link e-mailed when an account's sign-ins are throttled.
  web.public_page(
      "GET", R"(/deblocage/([A-Za-z0-9_-]{20,100}))", [&web](const Request& req, Response& res) {
        auto email = web.services().auth.unlock(req.matches[1]);
        if (!email.ok()) return link_refused(web, res, "Déblocage du compte", email.error());
        web.render(
            res, nullptr, "Compte débloqué", "static_page",
            static_page("Compte débloqué", {"Les tentatives de connexion refusées de votre "
                                            "compte ont été effacées : vous pouvez vous "
                                            "connecter à nouveau depuis la page de connexion "
                                            "(/connexion).",
                                            "Si vous n’avez pas oublié votre mot de passe, "
                                            "quelqu’un d’autre a peut-être essayé de le deviner : "
                                            "prévenez l’administrateur de votre structure."}));
      });
}

nlohmann::json token_json(const ApiToken& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"created_at", iso_instant(t.created_at)},
          {"last_used_at", instant_or_null(t.last_used_at)},
          {"expires_at", iso_instant(t.expires_at)}};
}

// SEC-5: the API of one's own tokens; creating one asks for the password.
void token_api(Web& web) {
  web.api("GET", "/api/v1/me/tokens", [&web](const Request&, Response& res, const Actor& a) {
    auto list = web.services().auth.api_tokens(a);
    if (!list.ok()) return Web::api_error(res, list.error());
    nlohmann::json items = nlohmann::json::array();
    const Instant now = web.services().clock.now();
    for (const auto& t : *list)
      if (!t.revoked && now < t.expires_at) items.push_back(token_json(t));
    Web::json(res, {{"items", items}});
  });
  web.api("POST", "/api/v1/me/tokens", [&web](const Request& req, Response& res, const Actor& a) {
    JsonBody b(req.body);
    b.require("name");
    b.require("password");
    std::string name = b.text("name"), password = b.text("password");
    if (b.reject(res)) return;
    auto t = web.services().auth.create_api_token(a, name, password);
    if (!t.ok()) return Web::api_error(res, t.error());
    nlohmann::json out = token_json(t->token);
    out["token"] = t->secret;
    Web::json(res, out, 201);
  });
  web.api("DELETE", R"(/api/v1/me/tokens/(\d+))",
          [&web](const Request& req, Response& res, const Actor& a) {
            auto s = web.services().auth.revoke_api_token(a, id_param(req));
            if (!s.ok()) return Web::api_error(res, s.error());
            Web::json(res, {{"ok", true}});
          });
}

}  // namespace

void add_auth_pages(Web& web) {
  invitation_pages(web);
  token_api(web);
  web.public_page("GET", "/connexion", [&web](const Request& req, Response& res) {
    login_page(web, req, res, "", false, 200);
  });

  web.public_page("POST", "/connexion", [&web](const Request& req, Response& res) {
    auto r = web.services().auth.login(form(req, "email"), form(req, "password"),
                                       web.client_address(req));
    if (!r.ok()) {
      bool throttled = r.error().code == ErrorCode::rule_violation;
      login_page(web, req, res, r.error().message, throttled, throttled ? 429 : 401);
      return;
    }
    set_session_cookie(web, res, r->session_token);
    web.redirect(res, safe_next(form(req, "next")), "Bienvenue, " + r->actor.user.full_name + ".");
  });

  web.page("POST", "/deconnexion", [&web](const Request&, Response& res, PageCtx& ctx) {
    (void)web.services().auth.logout(ctx.session_token);
    res.set_header("Set-Cookie", "parcours_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    web.redirect(res, "/connexion", "");
  });

  web.page("GET", "/", [&web](const Request&, Response& res, PageCtx& ctx) {
    nlohmann::json ms = nlohmann::json::array();
    for (const auto& m : ctx.actor.memberships)
      ms.push_back({{"org_name", m.org.name},
                    {"org_kind_label", org_kind_label(m.org.kind)},
                    {"role_label", role_label(m.membership.role)},
                    {"role_summary", role_summary(m.membership.role)},
                    {"links", home_links(m)}});
    web.render(res, &ctx, "Accueil", "home",
               {{"full_name", ctx.actor.user.full_name},
                {"memberships", ms},
                {"no_membership", ms.empty()}});
  });

  auto account = [&web](Response& res, PageCtx& ctx, const std::string& error,
                        const std::string& success, const std::string& new_token, int status,
                        const std::string& token_error = "") {
    nlohmann::json tokens = nlohmann::json::array();
    const Instant now = web.services().clock.now();
    if (auto list = web.services().auth.api_tokens(ctx.actor); list.ok())
      for (const auto& t : *list)
        if (!t.revoked && now < t.expires_at)
          tokens.push_back(
              {{"name", t.name},
               {"created", french_instant(t.created_at)},
               {"last_used", t.last_used_at ? french_instant(*t.last_used_at) : "jamais"},
               {"expires", french_instant(t.expires_at)},
               {"revoke_action", "/compte/jetons/" + std::to_string(t.id) + "/revoquer"}});
    const long long days = std::chrono::duration_cast<std::chrono::hours>(
                               web.services().auth.policy().api_token_lifetime)
                               .count() /
                           24;
    web.render(res, &ctx, "Mon compte", "account",
               {{"full_name", ctx.actor.user.full_name},
                {"email", ctx.actor.user.email},
                {"roles_text", ctx.actor.roles_text()},
                {"error", error},
                {"success", success},
                {"tokens", tokens},
                {"token_error", token_error},
                {"token_lifetime", count_of(days, "jour", "jours")},
                {"new_token", new_token}},
               status);
  };

  web.page("GET", "/compte", [account](const Request&, Response& res, PageCtx& ctx) {
    account(res, ctx, "", "", "", 200);
  });

  web.page("POST", "/compte/mot-de-passe",
           [&web, account](const Request& req, Response& res, PageCtx& ctx) {
             auto s = web.services().auth.change_password(
                 ctx.actor, ctx.session_token, form(req, "current_password"),
                 form(req, "new_password"), form(req, "confirm_password"));
             if (!s.ok()) return account(res, ctx, s.error().message, "", "", 422);
             account(res, ctx, "",
                     "Votre mot de passe a été modifié. Vos autres sessions ont été fermées.", "",
                     200);
           });

  web.page("POST", "/compte/jetons",
           [&web, account](const Request& req, Response& res, PageCtx& ctx) {
             auto t = web.services().auth.create_api_token(ctx.actor, form(req, "name"),
                                                           form(req, "password"));
             if (!t.ok()) {
               std::string message = t.error().message;
               for (const auto& f : t.error().details) message += " " + f.message;
               return account(res, ctx, "", "", "", Web::status_of(t.error().code), message);
             }
             account(res, ctx, "",
                     "Jeton créé. Il expire le " + french_instant(t->token.expires_at) + ".",
                     t->secret, 201);
           });

  web.page("POST", R"(/compte/jetons/(\d+)/revoquer)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             auto s = web.services().auth.revoke_api_token(ctx.actor, id_param(req));
             if (!s.ok()) return web.fail(res, ctx, s.error());
             web.redirect(res, "/compte", "Le jeton a été révoqué.");
           });

  auto legal = [&web](const std::string& title, std::vector<std::string> paragraphs) {
    return [&web, title, paragraphs](const Request& req, Response& res) {
      auto s = web.services().auth.session(cookie(req, "parcours_session"));
      std::optional<PageCtx> ctx;
      if (s.ok()) ctx = PageCtx{s->actor, s->csrf_token, "", {}, {}};
      web.render(res, ctx ? &*ctx : nullptr, title, "static_page", static_page(title, paragraphs));
    };
  };
  web.public_page(
      "GET", "/accessibilite",
      legal("Accessibilité",
            {"Parcours vise la conformité au référentiel général d’amélioration de "
             "l’accessibilité (RGAA 4.1) : navigation au clavier, lien d’évitement, "
             "contrastes suffisants, libellés sur chaque champ, pages utilisables sans "
             "JavaScript et imprimables.",
             "Si vous rencontrez une difficulté, signalez-la à l’administrateur de votre "
             "structure : une alternative vous sera proposée."}));
  web.public_page(
      "GET", "/donnees-personnelles",
      legal("Données personnelles",
            {"Parcours traite des données de personnes placées sous main de justice "
             "et de professionnels, pour le suivi des programmes d’insertion prescrits.",
             "Chaque utilisateur ne voit que les données que son rôle et son "
             "organisation lui permettent de voir. Les mots de passe sont conservés "
             "sous forme d’empreinte (argon2id) et jamais en clair."}));
  web.public_page(
      "GET", "/aide",
      legal("Aide", {"Connectez-vous avec l’adresse e-mail et le mot de passe fournis par "
                     "l’administrateur de votre structure.",
                     "Après cinq échecs de connexion depuis un même poste, les connexions à ce "
                     "compte depuis ce poste sont suspendues quinze minutes par sécurité ; un "
                     "courriel envoyé au compte contient un lien pour le débloquer tout de suite.",
                     "Lors de la création de votre compte, vous recevez par courriel un lien "
                     "pour choisir vous-même votre mot de passe ; il reste valable sept jours.",
                     "Le guide d’utilisation est disponible auprès de votre administrateur "
                     "(docs/guide-utilisateur.md)."}));
}

}  // namespace parcours::http
