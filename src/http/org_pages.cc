// Administration of organisations, places and memberships (SPEC ORG-1, ORG-2, ORG-5).
#include "domain/wording.h"
#include "http/admin_common.h"
#include "http/versioning.h"

namespace parcours::http {
namespace {

std::vector<std::pair<std::string, std::string>> kind_options() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto k : all_org_kinds()) out.push_back({org_kind_name(k), org_kind_label(k)});
  return out;
}

std::vector<std::pair<std::string, std::string>> role_options() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto r : all_roles()) out.push_back({role_name(r), role_label(r)});
  return out;
}

std::vector<Field> org_fields(Web& web, PageCtx& ctx, bool creating) {
  std::vector<Field> f;
  if (creating) f.push_back({"kind", "Type d’organisation", "select", true, "", kind_options()});
  f.push_back({"name", "Nom", "text", true, "Par exemple « SPIP du Cher »."});
  f.push_back({"code", "Code", "text", true,
               "Identifiant court et unique, sans accent ni espace : « SPIP18 », « EP-BOURGES »."});
  if (ctx.actor.is_admin()) {
    auto parents = org_options(web, ctx.actor, OrgKind::spip, true);
    for (auto& o : org_options(web, ctx.actor, OrgKind::disp, false)) parents.push_back(o);
    f.push_back({"parent_id", "Rattachement", "select", false,
                 "Une antenne ou un établissement est rattaché à un SPIP ; un SPIP à sa DISP.",
                 parents});
  }
  f.push_back({"departement", "Département", "text", false, "« 18 », « 2A » ou « 25/39 »."});
  f.push_back({"milieu",
               "Milieu (antennes)",
               "select",
               false,
               "",
               {{"", "—"}, {"mf", "Milieu fermé"}, {"mo", "Milieu ouvert"}}});
  f.push_back({"address", "Adresse", "textarea"});
  f.push_back({"phone", "Téléphone", "tel"});
  f.push_back({"email", "Adresse e-mail", "email"});
  if (!creating && ctx.actor.is_admin()) f.push_back({"active", "Organisation active", "checkbox"});
  if (!creating) f.push_back(version_field());  // issue 12: the version the form was loaded at
  return f;
}

Result<Organisation> parse_org(const Request& req, Organisation o, bool creating, bool admin) {
  std::vector<FieldError> errs;
  if (creating) {
    auto k = parse_org_kind(form(req, "kind"));
    if (!k)
      errs.push_back({"kind", "Choisissez un type d’organisation."});
    else
      o.kind = *k;
  }
  o.name = form(req, "name");
  o.code = form(req, "code");
  if (req.has_param("parent_id")) {
    auto ids = id_list(req, "parent_id");
    o.parent_id = ids.empty() ? 0 : ids.front();
  }
  o.departement = form(req, "departement");
  auto m = parse_milieu(form(req, "milieu"));
  if (!m)
    errs.push_back({"milieu", "Milieu inconnu."});
  else
    o.milieu = *m;
  o.address = form(req, "address");
  o.phone = form(req, "phone");
  o.email = form(req, "email");
  if (!creating && admin) o.active = checkbox(req, "active");
  if (!errs.empty()) return invalid("L’organisation n’est pas valide.", errs);
  return o;
}

nlohmann::json org_values(const Organisation& o) {
  return {{"kind", org_kind_name(o.kind)},
          {"name", o.name},
          {"code", o.code},
          {"parent_id", o.parent_id ? std::to_string(o.parent_id) : ""},
          {"departement", o.departement},
          {"milieu", milieu_name(o.milieu)},
          {"address", o.address},
          {"phone", o.phone},
          {"email", o.email},
          {"active", o.active},
          {"version", std::to_string(o.version)}};
}

void list_page(Web& web) {
  admin_page(
      web, "GET", "/admin/organisations", [&web](const Request& req, Response& res, PageCtx& ctx) {
        auto kind = parse_org_kind(req.get_param_value("type"));
        auto orgs = web.services().admin.organisations(ctx.actor, kind);
        if (!orgs.ok()) return web.fail(res, ctx, orgs.error());
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& o : *orgs)
          rows.push_back(
              {{"cells",
                {cell(o.name, org_href(o.id)), cell(org_kind_label(o.kind)), cell(o.code),
                 cell(o.departement), cell(o.active ? "Active" : "Inactive")}}});
        nlohmann::json options = nlohmann::json::array(
            {{{"value", ""}, {"label", "Tous les types"}, {"selected", !kind}}});
        for (auto k : all_org_kinds())
          options.push_back(
              {{"value", org_kind_name(k)}, {"label", org_kind_label(k)}, {"selected", kind == k}});
        nlohmann::json view = {
            {"heading", "Organisations"},
            {"intro",
             "DISP, SPIP et leurs antennes, établissements pénitentiaires, prestataires, PLIE, "
             "SIAE et partenaires."},
            {"caption",
             count_of(static_cast<long long>(orgs->size()), "organisation", "organisations")},
            {"columns",
             {{{"label", "Nom"}},
              {{"label", "Type"}},
              {{"label", "Code"}},
              {{"label", "Département"}},
              {{"label", "État"}}}},
            {"rows", rows},
            {"empty", rows.empty()},
            {"empty_text", "Aucune organisation visible."},
            {"filters", true},
            {"filter_fields", {{{"name", "type"}, {"label", "Type"}, {"options", options}}}},
            {"actions", nlohmann::json::array()}};
        if (ctx.actor.is_admin())
          view["actions"].push_back({{"href", "/admin/organisations/nouvelle"},
                                     {"label", "Nouvelle organisation"},
                                     {"icon", "plus-lg"}});
        web.render(res, &ctx, "Organisations", "list", view);
      });
}

nlohmann::json section(const std::string& heading, nlohmann::json columns, nlohmann::json rows,
                       const std::string& empty_text,
                       nlohmann::json actions = nlohmann::json::array()) {
  return {{"heading", heading},    {"columns", columns},       {"rows", rows},
          {"empty", rows.empty()}, {"empty_text", empty_text}, {"actions", actions}};
}

nlohmann::json cols(std::initializer_list<const char*> labels) {
  nlohmann::json out = nlohmann::json::array();
  for (auto l : labels) out.push_back({{"label", l}});
  return out;
}

nlohmann::json action(const std::string& href, const std::string& label, const std::string& icon) {
  return {{"href", href}, {"label", label}, {"icon", icon}};
}

std::string opt_date(const std::optional<Date>& d) {
  return d ? french_short(*d) : "—";
}

void add_staff_sections(const OrganisationView& v, nlohmann::json& sections) {
  const std::string base = org_href(v.org.id);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& a : v.authorisations)
    rows.push_back(
        {{"cells",
          {cell(a.user.full_name,
                v.can_manage_staff
                    ? "/admin/autorisations/" + std::to_string(a.authorisation.id) + "/modifier"
                    : ""),
           cell(a.establishment.name), cell(french_short(a.authorisation.requested_on)),
           cell(opt_date(a.authorisation.granted_on)), cell(opt_date(a.authorisation.ends_on)),
           cell(a.requested_in_time ? "Oui" : "Non, demande tardive")}}});
  nlohmann::json acts = nlohmann::json::array();
  if (v.can_manage_staff)
    acts.push_back(
        action(base + "/autorisations/nouvelle", "Nouvelle autorisation", "shield-check"));
  sections.push_back(section("Autorisations d’accès aux établissements",
                             cols({"Intervenant", "Établissement", "Demandée le", "Délivrée le",
                                   "Fin", "Demandée un mois avant le début"}),
                             rows, "Aucune autorisation enregistrée.", acts));
  rows = nlohmann::json::array();
  for (const auto& c : v.coordinators)
    rows.push_back({{"cells", {cell(c.establishment.name), cell(c.user.full_name)}}});
  acts = nlohmann::json::array();
  if (v.can_manage_staff)
    acts.push_back(
        action(base + "/coordinateurs/nouveau", "Désigner un coordinateur", "person-badge"));
  sections.push_back(section("Coordinateurs par établissement",
                             cols({"Établissement", "Coordinateur"}), rows,
                             "Aucun coordinateur désigné.", acts));
  rows = nlohmann::json::array();
  for (const auto& s : v.substitutes) {
    nlohmann::json row = {
        {"cells", {cell(s.user.full_name), cell(s.user.qualification), cell(s.substitute.note)}}};
    if (v.can_manage_staff)
      row["post_action"] = {
          {"action", base + "/suppleants/" + std::to_string(s.substitute.id) + "/retirer"},
          {"label", "Retirer"},
          {"label_context", s.user.full_name + " des suppléants"}};
    rows.push_back(row);
  }
  acts = nlohmann::json::array();
  if (v.can_manage_staff)
    acts.push_back(action(base + "/suppleants/nouveau", "Désigner un suppléant", "person-plus"));
  sections.push_back(section("Suppléants désignés", cols({"Intervenant", "Qualification", "Note"}),
                             rows, "Aucun suppléant désigné.", acts));
}

nlohmann::json detail_view(const OrganisationView& v) {
  const std::string base = org_href(v.org.id);
  nlohmann::json facts = nlohmann::json::array();
  auto fact = [&](const std::string& label, const std::string& value) {
    if (!value.empty()) facts.push_back({{"label", label}, {"value", value}});
  };
  fact("Type", org_kind_label(v.org.kind));
  fact("Code", v.org.code);
  if (v.parent) fact("Rattachement", v.parent->name);
  fact("Département", v.org.departement);
  fact("Milieu", milieu_label(v.org.milieu));
  fact("Adresse", v.org.address);
  fact("Téléphone", v.org.phone);
  fact("Adresse e-mail", v.org.email);
  fact("État", v.org.active ? "Active" : "Inactive");

  nlohmann::json sections = nlohmann::json::array();
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& m : v.members) {
    nlohmann::json row = {
        {"cells",
         {cell(m.user.full_name, "/admin/utilisateurs/" + std::to_string(m.user.id)),
          cell(role_label(m.membership.role)), cell(m.user.qualification),
          cell(m.user.active ? "Actif" : "Désactivé")}}};
    if (v.can_manage_members)
      row["post_action"] = {
          {"action", "/admin/rattachements/" + std::to_string(m.membership.id) + "/retirer"},
          {"label", "Retirer"},
          {"label_context", m.user.full_name + " — " + role_label(m.membership.role)}};
    rows.push_back(row);
  }
  nlohmann::json acts = nlohmann::json::array();
  if (v.can_manage_members)
    acts.push_back(action(base + "/membres/nouveau", "Rattacher une personne", "person-plus"));
  sections.push_back(section("Membres", cols({"Nom", "Rôle", "Qualification", "Compte"}), rows,
                             "Personne n’est rattaché à cette organisation.", acts));
  if (!v.children.empty()) {
    rows = nlohmann::json::array();
    for (const auto& c : v.children)
      rows.push_back({{"cells",
                       {cell(c.name, org_href(c.id)), cell(org_kind_label(c.kind)),
                        cell(milieu_label(c.milieu))}}});
    sections.push_back(
        section("Antennes et établissements rattachés", cols({"Nom", "Type", "Milieu"}), rows, ""));
  }
  if (!v.lots.empty()) {
    rows = nlohmann::json::array();
    for (const auto& l : v.lots)
      rows.push_back({{"cells",
                       {cell("Lot " + std::to_string(l.number) + " — " + l.label,
                             "/admin/lots/" + std::to_string(l.id))}}});
    sections.push_back(section("Lots du marché", cols({"Lot"}), rows, ""));
  }
  rows = nlohmann::json::array();
  for (const auto& p : v.places) {
    nlohmann::json cells = {cell(p.name), cell(p.address), cell(std::to_string(p.capacity)),
                            cell(p.availability), cell(p.public_transport ? "Oui" : "Non")};
    if (v.can_edit) cells[0] = cell(p.name, "/admin/lieux/" + std::to_string(p.id) + "/modifier");
    rows.push_back({{"cells", cells}});
  }
  acts = nlohmann::json::array();
  if (v.can_edit) acts.push_back(action(base + "/lieux/nouveau", "Nouveau lieu", "geo-alt"));
  sections.push_back(
      section("Lieux et salles",
              cols({"Lieu", "Adresse", "Capacité", "Disponibilités", "Transports en commun"}), rows,
              "Aucun lieu enregistré.", acts));
  if (v.org.kind == OrgKind::provider) add_staff_sections(v, sections);

  nlohmann::json top = nlohmann::json::array();
  if (v.can_edit) top.push_back(action(base + "/modifier", "Modifier", "pencil"));
  return {{"heading", v.org.name},
          {"subheading", org_kind_label(v.org.kind)},
          {"facts", facts},
          {"sections", sections},
          {"actions", top}};
}

void org_forms(Web& web) {
  FormPage create;
  create.title = "Nouvelle organisation";
  create.submit_label = "Créer l’organisation";
  create.success_flash = "Organisation créée.";
  create.fields = [&web](const Request&, PageCtx& ctx) { return org_fields(web, ctx, true); };
  create.cancel = [](const Request&) { return "/admin/organisations"; };
  create.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    auto o = parse_org(req, Organisation{}, true, ctx.actor.is_admin());
    if (!o.ok()) return o.error();
    auto id = web.services().admin.create_organisation(ctx.actor, *o);
    if (!id.ok()) return id.error();
    return org_href(*id);
  };
  form_route(web, "/admin/organisations/nouvelle", create);

  FormPage edit;
  edit.title = "Modifier l’organisation";
  edit.success_flash = "Organisation enregistrée.";
  edit.fields = [&web](const Request&, PageCtx& ctx) { return org_fields(web, ctx, false); };
  edit.cancel = [](const Request& req) { return org_href(id_param(req)); };
  edit.initial = [&web](const Request& req, PageCtx& ctx) -> Result<nlohmann::json> {
    auto v = web.services().admin.organisation(ctx.actor, id_param(req));
    if (!v.ok()) return v.error();
    if (!v->can_edit) return forbidden();
    return org_values(v->org);
  };
  edit.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    auto current = web.services().admin.organisation(ctx.actor, id_param(req));
    if (!current.ok()) return current.error();
    auto o = parse_org(req, current->org, false, ctx.actor.is_admin());
    if (!o.ok()) return o.error();
    auto version = posted_version(req);  // issue 12
    if (!version.ok()) return version.error();
    o->version = *version;
    if (auto s = web.services().admin.update_organisation(ctx.actor, *o); !s.ok()) return s.error();
    return org_href(o->id);
  };
  form_route(web, R"(/admin/organisations/(\d+)/modifier)", edit);
}

std::vector<Field> place_fields() {
  return {
      {"name", "Nom du lieu", "text", true, "Par exemple « Salle 2 — bâtiment socio-éducatif »."},
      {"address", "Adresse", "textarea"},
      {"phone", "Téléphone", "tel"},
      {"capacity", "Capacité (personnes)", "number", true},
      {"availability", "Jours et horaires disponibles", "text", false,
       "Par exemple « mardi et jeudi, 9\u00a0h – 12\u00a0h »."},
      {"public_transport", "Accessible en transports en commun", "checkbox"}};
}

Result<Place> parse_place(const Request& req, Place p) {
  std::vector<FieldError> errs;
  p.name = form(req, "name");
  p.address = form(req, "address");
  p.phone = form(req, "phone");
  p.capacity = int_field(req, "capacity", errs, "La capacité");
  p.availability = form(req, "availability");
  p.public_transport = checkbox(req, "public_transport");
  if (!errs.empty()) return invalid("Le lieu n’est pas valide.", errs);
  return p;
}

void place_forms(Web& web) {
  FormPage create;
  create.title = "Nouveau lieu";
  create.success_flash = "Lieu enregistré.";
  create.fields = [](const Request&, PageCtx&) { return place_fields(); };
  create.initial = [](const Request&, PageCtx&) -> Result<nlohmann::json> {
    return nlohmann::json{{"capacity", "6"}};
  };
  create.cancel = [](const Request& req) { return org_href(id_param(req)); };
  create.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    Place p;
    p.org_id = id_param(req);
    auto parsed = parse_place(req, p);
    if (!parsed.ok()) return parsed.error();
    auto id = web.services().admin.create_place(ctx.actor, *parsed);
    if (!id.ok()) return id.error();
    return org_href(p.org_id);
  };
  form_route(web, R"(/admin/organisations/(\d+)/lieux/nouveau)", create);
}

void member_form(Web& web) {
  FormPage page;
  page.title = "Rattacher une personne";
  page.success_flash = "Rattachement enregistré.";
  page.intro =
      "La personne doit déjà avoir un compte. Un psychologue du travail doit avoir un numéro "
      "ADELI.";
  page.fields = [&web](const Request&, PageCtx& ctx) {
    std::vector<std::pair<std::string, std::string>> people;
    if (auto users = web.services().admin.users(ctx.actor); users.ok())
      for (const auto& u : *users)
        people.push_back({std::to_string(u.user.id), u.user.full_name + " (" + u.user.email + ")"});
    std::vector<Field> f;
    f.push_back({"email", "Adresse e-mail du compte", "email", true,
                 "Adresse de connexion de la personne."});
    f.push_back({"role", "Rôle", "select", true, "", role_options()});
    return f;
  };
  page.cancel = [](const Request& req) { return org_href(id_param(req)); };
  page.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    Membership m;
    m.org_id = id_param(req);
    auto role = parse_role(form(req, "role"));
    if (!role) return invalid("Choisissez un rôle.", {{"role", "Choisissez un rôle."}});
    m.role = *role;
    auto users = web.services().admin.users(ctx.actor);
    if (!users.ok()) return users.error();
    std::string email = form(req, "email");
    for (const auto& u : *users)
      if (u.user.email == email) m.user_id = u.user.id;
    if (!m.user_id)
      return invalid("Aucun compte visible ne porte cette adresse e-mail.",
                     {{"email", "Aucun compte visible ne porte cette adresse."}});
    auto id = web.services().admin.add_membership(ctx.actor, m);
    if (!id.ok()) return id.error();
    return org_href(m.org_id);
  };
  form_route(web, R"(/admin/organisations/(\d+)/membres/nouveau)", page);
}

}  // namespace

void add_admin_pages(Web& web) {
  list_page(web);
  org_forms(web);
  place_forms(web);
  member_form(web);
  admin_page(web, "GET", R"(/admin/organisations/(\d+))",
             [&web](const Request& req, Response& res, PageCtx& ctx) {
               auto v = web.services().admin.organisation(ctx.actor, id_param(req));
               if (!v.ok()) return web.fail(res, ctx, v.error());
               web.render(res, &ctx, v->org.name, "detail", detail_view(*v));
             });
  admin_page(web, "POST", R"(/admin/rattachements/(\d+)/retirer)",
             [&web](const Request& req, Response& res, PageCtx& ctx) {
               auto s = web.services().admin.remove_membership(ctx.actor, id_param(req));
               if (!s.ok()) return web.fail(res, ctx, s.error());
               std::string back = req.get_header_value("Referer");
               web.redirect(res,
                            back.find("/admin/") != std::string::npos
                                ? back.substr(back.find("/admin/"))
                                : "/admin/organisations",
                            "Rattachement retiré.");
             });
  FormPage edit_place;
  edit_place.title = "Modifier le lieu";
  edit_place.success_flash = "Lieu enregistré.";
  edit_place.fields = [](const Request&, PageCtx&) {
    auto f = place_fields();
    f.push_back(version_field());  // issue 12: the version the form was loaded at
    return f;
  };
  edit_place.initial = [&web](const Request& req, PageCtx& ctx) -> Result<nlohmann::json> {
    auto v = web.services().admin.place(ctx.actor, id_param(req));
    if (!v.ok()) return v.error();
    return nlohmann::json{{"name", v->name},
                          {"address", v->address},
                          {"phone", v->phone},
                          {"capacity", std::to_string(v->capacity)},
                          {"availability", v->availability},
                          {"public_transport", v->public_transport},
                          {"version", std::to_string(v->version)}};
  };
  edit_place.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    auto current = web.services().admin.place(ctx.actor, id_param(req));
    if (!current.ok()) return current.error();
    auto p = parse_place(req, *current);
    if (!p.ok()) return p.error();
    auto version = posted_version(req);  // issue 12
    if (!version.ok()) return version.error();
    p->version = *version;
    if (auto s = web.services().admin.update_place(ctx.actor, *p); !s.ok()) return s.error();
    return org_href(p->org_id);
  };
  form_route(web, R"(/admin/lieux/(\d+)/modifier)", edit_place);
}

}  // namespace parcours::http
