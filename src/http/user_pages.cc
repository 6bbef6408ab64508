// Administration of accounts (SPEC ORG-2) and provider staff (ORG-4).
#include "domain/wording.h"
#include "http/admin_common.h"

namespace parcours::http {
namespace {

std::string user_href(Id id) {
  return "/admin/utilisateurs/" + std::to_string(id);
}

std::vector<std::pair<std::string, std::string>> role_choices() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto r : all_roles()) out.push_back({role_name(r), role_label(r)});
  return out;
}

std::vector<Field> user_fields(Web& web, PageCtx& ctx, bool creating) {
  std::vector<Field> f = {
      {"full_name", "Nom et prénom", "text", true},
      {"email", "Adresse e-mail", "email", true, "Sert d’identifiant de connexion."},
      {"phone", "Téléphone", "tel"},
      {"qualification", "Qualification", "text", false,
       "Par exemple « Psychologue du travail » ou « CIP, niveau III »."},
      {"adeli", "Numéro ADELI", "text", false,
       "Obligatoire pour un psychologue du travail : 9 chiffres."}};
  if (creating) {
    f.push_back({"org_id", "Organisation", "select", true, "",
                 org_options(web, ctx.actor, std::nullopt, false)});
    f.push_back({"role", "Rôle", "select", true, "", role_choices()});
  } else {
    f.push_back({"active", "Compte actif", "checkbox", false,
                 "Un compte désactivé ne peut plus se connecter."});
  }
  return f;
}

User parse_user(const Request& req, User u, bool creating) {
  u.full_name = form(req, "full_name");
  u.email = form(req, "email");
  u.phone = form(req, "phone");
  u.qualification = form(req, "qualification");
  u.adeli = form(req, "adeli");
  if (!creating) u.active = checkbox(req, "active");
  return u;
}

void list_page(Web& web) {
  admin_page(
      web, "GET", "/admin/utilisateurs", [&web](const Request&, Response& res, PageCtx& ctx) {
        auto users = web.services().admin.users(ctx.actor);
        if (!users.ok()) return web.fail(res, ctx, users.error());
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& u : *users) {
          std::string roles;
          for (const auto& m : u.memberships)
            roles += (roles.empty() ? "" : " · ") + std::string(role_label(m.membership.role)) +
                     " — " + m.org.name;
          rows.push_back({{"cells",
                           {cell(u.user.full_name, user_href(u.user.id)), cell(u.user.email),
                            cell(roles), cell(account_status_label(u))}}});
        }
        nlohmann::json view = {
            {"heading", "Utilisateurs"},
            {"caption", count_of(static_cast<long long>(users->size()), "compte", "comptes")},
            {"columns",
             {{{"label", "Nom"}},
              {{"label", "Adresse e-mail"}},
              {{"label", "Rôles"}},
              {{"label", "Compte"}}}},
            {"rows", rows},
            {"empty", rows.empty()},
            {"empty_text", "Aucun compte visible."},
            {"actions", nlohmann::json::array()}};
        if (ctx.actor.is_admin())
          view["actions"].push_back({{"href", "/admin/utilisateurs/nouveau"},
                                     {"label", "Nouveau compte"},
                                     {"icon", "person-plus"}});
        web.render(res, &ctx, "Utilisateurs", "list", view);
      });
}

void detail_page(Web& web) {
  admin_page(
      web, "GET", R"(/admin/utilisateurs/(\d+))",
      [&web](const Request& req, Response& res, PageCtx& ctx) {
        auto v = web.services().admin.user(ctx.actor, id_param(req));
        if (!v.ok()) return web.fail(res, ctx, v.error());
        nlohmann::json facts = nlohmann::json::array();
        auto fact = [&](const std::string& l, const std::string& val) {
          if (!val.empty()) facts.push_back({{"label", l}, {"value", val}});
        };
        fact("Adresse e-mail", v->user.email);
        fact("Téléphone", v->user.phone);
        fact("Qualification", v->user.qualification);
        fact("Numéro ADELI", v->user.adeli);
        fact("Compte", account_status_label(*v));
        fact("Mot de passe", v->has_password ? "Défini" : "Pas encore défini");
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& m : v->memberships) {
          nlohmann::json row = {
              {"cells",
               {cell(m.org.name, org_href(m.org.id)), cell(role_label(m.membership.role))}}};
          if (ctx.actor.is_admin())
            row["post_action"] = {
                {"action", "/admin/rattachements/" + std::to_string(m.membership.id) + "/retirer"},
                {"label", "Retirer"},
                {"label_context", m.org.name + " — " + role_label(m.membership.role)}};
          rows.push_back(row);
        }
        nlohmann::json actions = nlohmann::json::array();
        const std::string base = user_href(v->user.id);
        if (ctx.actor.is_admin()) {
          actions.push_back(
              {{"href", base + "/modifier"}, {"label", "Modifier"}, {"icon", "pencil"}});
          actions.push_back({{"href", base + "/mot-de-passe"},
                             {"label", "Définir le mot de passe"},
                             {"icon", "key"}});
          if (!v->has_password && v->user.active)
            actions.push_back({{"href", base + "/invitation"},
                               {"label", "Renvoyer l’invitation"},
                               {"icon", "envelope"}});
        }
        nlohmann::json sections = nlohmann::json::array(
            {{{"heading", "Rattachements"},
              {"columns", {{{"label", "Organisation"}}, {{"label", "Rôle"}}}},
              {"rows", rows},
              {"empty", rows.empty()},
              {"empty_text", "Aucun rattachement : la personne ne voit rien dans Parcours."},
              {"actions", nlohmann::json::array()}}});
        web.render(res, &ctx, v->user.full_name, "detail",
                   {{"heading", v->user.full_name},
                    {"subheading", "Compte utilisateur"},
                    {"facts", facts},
                    {"actions", actions},
                    {"sections", sections}});
      });
}

void user_forms(Web& web) {
  FormPage create;
  create.title = "Nouveau compte";
  create.submit_label = "Créer le compte";
  create.success_flash =
      "Compte créé. Une invitation à choisir son mot de passe a été envoyée par courriel.";
  create.intro =
      "La personne reçoit par courriel un lien, valable 7\u00a0jours, pour choisir elle-même son "
      "mot de passe : personne d’autre ne le connaît.";
  create.fields = [&web](const Request&, PageCtx& ctx) { return user_fields(web, ctx, true); };
  create.cancel = [](const Request&) { return "/admin/utilisateurs"; };
  create.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    auto role = parse_role(form(req, "role"));
    auto org = id_list(req, "org_id");
    if (!role) return invalid("Le compte n’a pas été créé.", {{"role", "Choisissez un rôle."}});
    auto id = web.services().admin.invite_user(ctx.actor, parse_user(req, User{}, true),
                                               org.empty() ? 0 : org.front(), *role);
    if (!id.ok()) return id.error();
    return user_href(*id);
  };
  form_route(web, "/admin/utilisateurs/nouveau", create);

  FormPage edit;
  edit.title = "Modifier le compte";
  edit.success_flash = "Compte enregistré.";
  edit.fields = [&web](const Request&, PageCtx& ctx) { return user_fields(web, ctx, false); };
  edit.cancel = [](const Request& req) { return user_href(id_param(req)); };
  edit.initial = [&web](const Request& req, PageCtx& ctx) -> Result<nlohmann::json> {
    if (!ctx.actor.is_admin()) return forbidden();
    auto v = web.services().admin.user(ctx.actor, id_param(req));
    if (!v.ok()) return v.error();
    return nlohmann::json{
        {"full_name", v->user.full_name}, {"email", v->user.email},
        {"phone", v->user.phone},         {"qualification", v->user.qualification},
        {"adeli", v->user.adeli},         {"active", v->user.active}};
  };
  edit.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    auto v = web.services().admin.user(ctx.actor, id_param(req));
    if (!v.ok()) return v.error();
    if (auto s = web.services().admin.update_user(ctx.actor, parse_user(req, v->user, false));
        !s.ok())
      return s.error();
    return user_href(v->user.id);
  };
  form_route(web, R"(/admin/utilisateurs/(\d+)/modifier)", edit);

  FormPage password;
  password.title = "Définir le mot de passe";
  password.success_flash =
      "Mot de passe défini. Les sessions ouvertes de ce compte ont été fermées.";
  password.fields = [](const Request&, PageCtx&) {
    return std::vector<Field>{
        {"password", "Nouveau mot de passe", "password", true,
         "Au moins 12 caractères, en mêlant lettres et chiffres ou autres caractères."}};
  };
  password.cancel = [](const Request& req) { return user_href(id_param(req)); };
  password.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    if (auto s =
            web.services().admin.reset_password(ctx.actor, id_param(req), form(req, "password"));
        !s.ok())
      return s.error();
    return user_href(id_param(req));
  };
  form_route(web, R"(/admin/utilisateurs/(\d+)/mot-de-passe)", password);

  FormPage invitation;
  invitation.title = "Renvoyer l’invitation";
  invitation.submit_label = "Renvoyer l’invitation";
  invitation.success_flash = "Invitation renvoyée. Le lien envoyé auparavant ne fonctionne plus.";
  invitation.intro =
      "Un nouveau lien, valable 7\u00a0jours, est envoyé à l’adresse e-mail du compte pour "
      "choisir son mot de passe.";
  invitation.fields = [](const Request&, PageCtx&) { return std::vector<Field>{}; };
  invitation.initial = [&web](const Request& req, PageCtx& ctx) -> Result<nlohmann::json> {
    if (!ctx.actor.is_admin()) return forbidden();
    auto v = web.services().admin.user(ctx.actor, id_param(req));
    if (!v.ok()) return v.error();
    return nlohmann::json::object();
  };
  invitation.cancel = [](const Request& req) { return user_href(id_param(req)); };
  invitation.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    if (auto s = web.services().admin.resend_invitation(ctx.actor, id_param(req)); !s.ok())
      return s.error();
    return user_href(id_param(req));
  };
  form_route(web, R"(/admin/utilisateurs/(\d+)/invitation)", invitation);
}

// Options listing the provider's intervenants and coordinators.
std::vector<std::pair<std::string, std::string>> staff_options(Web& web, PageCtx& ctx,
                                                               Id provider) {
  std::vector<std::pair<std::string, std::string>> out;
  auto v = web.services().admin.organisation(ctx.actor, provider);
  if (!v.ok()) return out;
  for (const auto& m : v->members)
    if (is_intervenant(m.membership.role) || m.membership.role == Role::provider_coordinator)
      out.push_back(
          {std::to_string(m.user.id), m.user.full_name + " — " + role_label(m.membership.role)});
  return out;
}

Id first_id(const Request& req, const std::string& name) {
  auto ids = id_list(req, name);
  return ids.empty() ? 0 : ids.front();
}

// The dates of an access authorisation, shared by its creation and edit forms.
std::vector<Field> authorisation_date_fields() {
  return {{"requested_on", "Demandée le", "date", true},
          {"granted_on", "Délivrée le", "date", false,
           "Laissez vide tant que l’autorisation n’est pas délivrée."},
          {"ends_on", "Fin de validité", "date"}};
}

Result<AccessAuthorisation> parse_authorisation_dates(const Request& req, AccessAuthorisation a) {
  std::vector<FieldError> errs;
  if (auto d = date_field(req, "requested_on", errs, true)) a.requested_on = *d;
  a.granted_on = date_field(req, "granted_on", errs, false);
  a.ends_on = date_field(req, "ends_on", errs, false);
  if (!errs.empty()) return invalid("L’autorisation n’est pas valide.", errs);
  return a;
}

// The staff forms of a provider open only for who manages its staff (SEC-1).
Result<nlohmann::json> staff_form_access(Web& web, const Request& req, PageCtx& ctx) {
  auto v = web.services().admin.organisation(ctx.actor, id_param(req));
  if (!v.ok()) return v.error();
  if (!v->can_manage_staff) return forbidden();
  return nlohmann::json::object();
}

void staff_forms(Web& web) {
  FormPage auth;
  auth.title = "Nouvelle autorisation d’accès";
  auth.success_flash = "Autorisation enregistrée.";
  auth.intro =
      "La demande d’accès doit être faite au moins un mois avant le démarrage de l’intervention "
      "(casier judiciaire vierge exigé).";
  auth.fields = [&web](const Request& req, PageCtx& ctx) {
    std::vector<Field> f = {
        {"user_id", "Intervenant", "select", true, "", staff_options(web, ctx, id_param(req))},
        {"establishment_id", "Établissement", "select", true, "",
         org_options(web, ctx.actor, OrgKind::establishment, false)}};
    for (auto& d : authorisation_date_fields()) f.push_back(d);
    return f;
  };
  auth.initial = [&web](const Request& req, PageCtx& ctx) {
    return staff_form_access(web, req, ctx);
  };
  auth.cancel = [](const Request& req) { return org_href(id_param(req)); };
  auth.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    AccessAuthorisation x;
    x.user_id = first_id(req, "user_id");
    x.establishment_id = first_id(req, "establishment_id");
    auto a = parse_authorisation_dates(req, x);
    if (!a.ok()) return a.error();
    auto id = web.services().admin.add_authorisation(ctx.actor, *a);
    if (!id.ok()) return id.error();
    return org_href(id_param(req));
  };
  form_route(web, R"(/admin/organisations/(\d+)/autorisations/nouvelle)", auth);

  FormPage edit;
  edit.title = "Modifier l’autorisation d’accès";
  edit.success_flash = "Autorisation enregistrée.";
  edit.fields = [](const Request&, PageCtx&) { return authorisation_date_fields(); };
  edit.initial = [&web](const Request& req, PageCtx& ctx) -> Result<nlohmann::json> {
    auto v = web.services().admin.authorisation(ctx.actor, id_param(req));
    if (!v.ok()) return v.error();
    const auto& a = v->authorisation;
    return nlohmann::json{{"requested_on", iso(a.requested_on)},
                          {"granted_on", a.granted_on ? iso(*a.granted_on) : ""},
                          {"ends_on", a.ends_on ? iso(*a.ends_on) : ""}};
  };
  edit.cancel = [](const Request&) { return "/admin/organisations"; };
  edit.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    auto v = web.services().admin.authorisation(ctx.actor, id_param(req));
    if (!v.ok()) return v.error();
    auto a = parse_authorisation_dates(req, v->authorisation);
    if (!a.ok()) return a.error();
    if (auto s = web.services().admin.update_authorisation(ctx.actor, *a); !s.ok())
      return s.error();
    return org_href(v->provider_org_id);
  };
  form_route(web, R"(/admin/autorisations/(\d+)/modifier)", edit);

  FormPage coord;
  coord.title = "Désigner un coordinateur d’établissement";
  coord.success_flash = "Coordinateur désigné.";
  coord.intro =
      "Un intervenant-coordinateur par établissement fait le lien avec le SPIP, la direction de "
      "l’établissement et la DISP.";
  coord.fields = [&web](const Request& req, PageCtx& ctx) {
    return std::vector<Field>{
        {"establishment_id", "Établissement", "select", true, "",
         org_options(web, ctx.actor, OrgKind::establishment, false)},
        {"user_id", "Coordinateur", "select", true, "", staff_options(web, ctx, id_param(req))}};
  };
  coord.initial = [&web](const Request& req, PageCtx& ctx) {
    return staff_form_access(web, req, ctx);
  };
  coord.cancel = [](const Request& req) { return org_href(id_param(req)); };
  coord.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    EstablishmentCoordinator c{id_param(req), first_id(req, "establishment_id"),
                               first_id(req, "user_id")};
    if (auto s = web.services().admin.set_coordinator(ctx.actor, c); !s.ok()) return s.error();
    return org_href(c.provider_org_id);
  };
  form_route(web, R"(/admin/organisations/(\d+)/coordinateurs/nouveau)", coord);

  FormPage sub;
  sub.title = "Désigner un suppléant";
  sub.success_flash = "Suppléant désigné.";
  sub.intro =
      "Le suppléant assure l’accompagnement en cas d’absence ou de départ d’un intervenant ; il "
      "doit avoir ses autorisations d’accès.";
  sub.fields = [&web](const Request& req, PageCtx& ctx) {
    return std::vector<Field>{
        {"user_id", "Intervenant", "select", true, "", staff_options(web, ctx, id_param(req))},
        {"note", "Note", "text"}};
  };
  sub.initial = [&web](const Request& req, PageCtx& ctx) {
    return staff_form_access(web, req, ctx);
  };
  sub.cancel = [](const Request& req) { return org_href(id_param(req)); };
  sub.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    Substitute s{0, id_param(req), first_id(req, "user_id"), form(req, "note")};
    auto id = web.services().admin.add_substitute(ctx.actor, s);
    if (!id.ok()) return id.error();
    return org_href(s.provider_org_id);
  };
  form_route(web, R"(/admin/organisations/(\d+)/suppleants/nouveau)", sub);

  admin_page(web, "POST", R"(/admin/organisations/(\d+)/suppleants/(\d+)/retirer)",
             [&web](const Request& req, Response& res, PageCtx& ctx) {
               auto s = web.services().admin.remove_substitute(ctx.actor, id_param(req, 1),
                                                               id_param(req, 2));
               if (!s.ok()) return web.fail(res, ctx, s.error());
               web.redirect(res, org_href(id_param(req, 1)), "Suppléant retiré.");
             });
}

}  // namespace

void add_user_pages(Web& web) {
  list_page(web);
  detail_page(web);
  user_forms(web);
  staff_forms(web);
}

}  // namespace parcours::http
