// Collective workshops (SPEC WS-1..3): the list, the creation and edition form with its session
// rows, and the catalogue of themes a SPIP agrees. The workshop page itself is in
// workshop_detail_pages.cc. Every rule is WorkshopService's.
#include <algorithm>
#include <set>

#include "domain/validation.h"
#include "http/admin_common.h"
#include "http/journey_pages.h"
#include "http/paper_views.h"

namespace parcours::http {
namespace {

constexpr int kSessionRows = 10;  // rows of the creation form; more sessions can be added later

WorkshopService& workshops(Web& web) {
  return web.services().workshops;
}

// The programme whose workshops these pages plan: the one with a workshop catalogue (WS-1).
std::string workshop_programme(Web& web) {
  return web.services().journeys.programmes().offering_workshops_id();
}

// ---- List ------------------------------------------------------------------------------------

std::string period_text(const WorkshopSummary& s) {
  if (!s.first_date) return "Aucune séance";
  if (!s.last_date || *s.last_date == *s.first_date) return "le " + french_long(*s.first_date);
  return "du " + french_long(*s.first_date) + " au " + french_long(*s.last_date);
}

nlohmann::json summary_row(const WorkshopSummary& s, bool provider) {
  const Workshop& w = s.workshop;
  nlohmann::json cells = nlohmann::json::array();
  cells.push_back(cell(s.theme_label, workshop_href(w.id)));  // with its title
  cells.push_back(cell(provider ? s.spip_name : s.intervenant_name));
  cells.push_back(cell(s.site_name.empty() ? "Locaux du prestataire" : s.site_name));
  cells.push_back(cell(period_text(s)));
  cells.push_back(cell(std::to_string(s.sessions) + " séance(s), " + french_hours(s.hours)));
  cells.push_back(cell(std::to_string(s.participants)));
  cells.push_back({{"text", s.list_status_label}, {"badge", true}});
  return {{"cells", cells}};
}

void list_page(Web& web) {
  web.page("GET", "/ateliers", [&web](const Request&, Response& res, PageCtx& ctx) {
    auto list = workshops(web).workshops(ctx.actor);
    if (!list.ok()) return web.fail(res, ctx, list.error());
    const bool provider = provider_staff(ctx.actor) && !spip_staff(ctx.actor);
    std::vector<WorkshopSummary> sorted = *list;
    // SPIP side: the lists awaiting its validation first (WS-3).
    if (!provider)
      std::stable_partition(sorted.begin(), sorted.end(), [](const WorkshopSummary& s) {
        return s.workshop.list_status == "submitted";
      });
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& s : sorted) rows.push_back(summary_row(s, provider));
    nlohmann::json columns = nlohmann::json::array();
    for (const char* c : {"Atelier", provider ? "SPIP" : "Intervenant", "Lieu", "Dates", "Durée",
                          "Participants", "Liste"})
      columns.push_back({{"label", c}});
    nlohmann::json actions = nlohmann::json::array();
    if (provider && !workshops(web).spips_for_workshops(ctx.actor).empty())
      actions.push_back(
          {{"href", "/ateliers/nouveau"}, {"label", "Nouvel atelier"}, {"icon", "plus-lg"}});
    if (spip_staff(ctx.actor))
      actions.push_back({{"href", "/ateliers/thematiques"},
                         {"label", "Thématiques convenues"},
                         {"icon", "ui-checks"},
                         {"secondary", true}});
    web.render(res, &ctx, "Ateliers collectifs", "list",
               {{"heading", "Ateliers collectifs"},
                {"intro", provider ? "Les ateliers de votre structure. Chaque liste de "
                                     "participants est validée par le SPIP (WS-3)."
                                   : "Les ateliers proposés pour les personnes de votre SPIP, "
                                     "les listes à valider d’abord (WS-3)."},
                {"caption", std::to_string(rows.size()) + " atelier(s)"},
                {"columns", columns},
                {"rows", rows},
                {"empty", rows.empty()},
                {"empty_text", "Aucun atelier pour l’instant."},
                {"actions", actions}});
  });
}

// ---- Creation and edition form ------------------------------------------------------------------

// The choices of the form for one SPIP.
struct Choices {
  Organisation spip;
  Options sites;
  Options themes;
  Options intervenants;
  Options places;
};

Id provider_of(const Actor& a) {
  auto ids = a.orgs_with(
      {Role::provider_coordinator, Role::intervenant_cip, Role::intervenant_psychologist});
  return ids.empty() ? 0 : ids.front();
}

Options site_options(Web& web, const Actor& a, Id spip_id) {
  Options out{{"0", "Locaux du prestataire"}};
  for (OrgKind kind : {OrgKind::establishment, OrgKind::antenna})
    if (auto list = web.services().admin.directory(a, kind); list.ok())
      for (const auto& o : *list)
        if (o.parent_id == spip_id) out.push_back({std::to_string(o.id), o.name});
  return out;
}

// WS-1: the catalogue restricted to the themes the SPIP agreed.
Result<Options> theme_options(Web& web, const Actor& a, Id spip_id) {
  const std::string programme = workshop_programme(web);
  auto agreed = workshops(web).agreed_themes(a, spip_id, programme);
  if (!agreed.ok()) return agreed.error();
  Options out{{"", "— Choisir la thématique —"}};
  for (const auto& c : workshops(web).catalogue(programme))
    if (std::find(agreed->begin(), agreed->end(), c.id) != agreed->end())
      out.push_back({c.id, c.label});
  return out;
}

Options people_options(const std::vector<User>& users) {
  Options out{{"", "— Choisir —"}};
  for (const auto& u : users) out.push_back({std::to_string(u.id), u.full_name});
  return out;
}

Options place_options(const std::vector<Place>& places) {
  Options out{{"", "— Autre lieu (à préciser ci-dessous) —"}};
  for (const auto& p : places) out.push_back({std::to_string(p.id), p.name});
  return out;
}

// Provider staff and places, for a creation (the edition has them in the WorkshopView).
void provider_choices(Web& web, const Actor& a, Choices& c) {
  std::vector<User> staff;
  std::vector<Place> places;
  if (auto org = web.services().admin.organisation(a, provider_of(a)); org.ok()) {
    std::set<Id> seen;
    for (const auto& m : org->members)
      if (m.membership.role != Role::admin && seen.insert(m.user.id).second)
        staff.push_back(m.user);
    places = org->places;
  }
  c.intervenants = people_options(staff);
  c.places = place_options(places);
}

Result<Choices> choices_for(Web& web, const Actor& a, const Organisation& spip) {
  Choices c;
  c.spip = spip;
  auto themes = theme_options(web, a, spip.id);
  if (!themes.ok()) return themes.error();
  c.themes = *themes;
  c.sites = site_options(web, a, spip.id);
  return c;
}

std::vector<Field> detail_fields(const Choices& c) {
  return {{"theme", "Thématique", "select", true, "Parmi les thématiques convenues avec le SPIP.",
           c.themes},
          {"title", "Intitulé", "text", false,
           "Obligatoire pour un atelier « à la carte » ; sinon, une précision de la thématique."},
          {"description", "Description", "textarea", false, "Le contenu et les objectifs."},
          {"site_id", "Site", "select", true, "Établissement ou antenne du SPIP.", c.sites},
          {"intervenant_id", "Intervenant", "select", true, "", c.intervenants},
          {"external_professionals", "Professionnels extérieurs", "text", false,
           "Par exemple « Mme Roux, conseillère France Travail »."},
          {"place_id", "Lieu", "select", false, "", c.places},
          {"place_label", "Lieu (texte libre)", "text", false,
           "Si le lieu n’est pas dans la liste, ou pour préciser la salle."}};
}

std::string text_value(const nlohmann::json& values, const std::string& name) {
  return values.contains(name) && values[name].is_string() ? values[name].get<std::string>() : "";
}

nlohmann::json field_view(const Field& f, const nlohmann::json& values,
                          const nlohmann::json& errors) {
  const std::string id = "f-" + f.name;
  const std::string error = text_value(errors, f.name);
  std::string describedby = f.help.empty() ? "" : id + "-aide";
  if (!error.empty()) describedby += (describedby.empty() ? "" : " ") + id + "-erreur";
  nlohmann::json j = {{"id", id},
                      {"name", f.name},
                      {"label", f.label},
                      {"required", f.required},
                      {"help", f.help},
                      {"error", error},
                      {"describedby", describedby},
                      {"value", text_value(values, f.name)}};
  j["is_select"] = f.kind == "select";
  j["is_textarea"] = f.kind == "textarea";
  j["is_input"] = f.kind == "text";
  if (f.kind == "select") j["options"] = option_list(f.options, text_value(values, f.name));
  return j;
}

// Where an error of the use case points to: its field, the session rows, or the form.
std::string anchor_of(const std::vector<Field>& fields, const std::string& field,
                      bool with_sessions) {
  for (const auto& f : fields)
    if (f.name == field) return "#f-" + field;
  for (const char* prefix : {"date_", "start_", "duration_"})
    if (field.rfind(prefix, 0) == 0) return "#f-" + field;
  return with_sessions ? "#seances" : "#atelier-formulaire";
}

struct FormState {
  std::string heading;
  std::string action;
  std::string submit_label;
  std::string cancel_href;
  bool with_sessions = false;
};

nlohmann::json session_rows(const nlohmann::json& values, const nlohmann::json& errors) {
  nlohmann::json rows = nlohmann::json::array();
  for (int n = 1; n <= kSessionRows; ++n) {
    const std::string k = std::to_string(n);
    rows.push_back({{"n", k},
                    {"date", text_value(values, "date_" + k)},
                    {"start", text_value(values, "start_" + k)},
                    {"duration", text_value(values, "duration_" + k)},
                    {"date_error", text_value(errors, "date_" + k)},
                    {"start_error", text_value(errors, "start_" + k)},
                    {"duration_error", text_value(errors, "duration_" + k)}});
  }
  return rows;
}

void show_form(Web& web, Response& res, PageCtx& ctx, const FormState& st, const Choices& c,
               const nlohmann::json& values, const Error* err, int status) {
  const auto fields = detail_fields(c);
  nlohmann::json errors = nlohmann::json::object();
  nlohmann::json view = {{"heading", st.heading}};
  if (err) {
    nlohmann::json details = nlohmann::json::array();
    for (const auto& d : err->details) {
      if (!d.field.empty() && !errors.contains(d.field)) errors[d.field] = d.message;
      details.push_back(
          {{"href", anchor_of(fields, d.field, st.with_sessions)}, {"message", d.message}});
    }
    view["error_summary"] = {{"message", err->message}, {"details", details}};
  }
  nlohmann::json fv = nlohmann::json::array();
  for (const auto& f : fields) fv.push_back(field_view(f, values, errors));
  const ProgrammeConfig* config = web.services().journeys.programmes().offering_workshops();
  std::string bounds;
  if (config && config->bounds.workshop_hours)
    bounds = "entre " + french_hours(config->bounds.workshop_hours->min) + " et " +
             french_hours(config->bounds.workshop_hours->max) + " au total";
  view["form"] = {{"action", st.action},
                  {"csrf_token", ctx.csrf_token},
                  {"spip_id", std::to_string(c.spip.id)},
                  {"spip_name", c.spip.name},
                  {"fields", fv},
                  {"with_sessions", st.with_sessions},
                  {"bounds", bounds},
                  {"rows", session_rows(values, errors)},
                  {"submit_label", st.submit_label},
                  {"cancel_href", st.cancel_href}};
  web.render(res, &ctx, st.heading, "workshop_form", view, status);
}

// Session rows typed in the form; rows left empty are ignored.
std::vector<WorkshopSession> parse_session_rows(const Request& req, std::vector<FieldError>& errs) {
  std::vector<WorkshopSession> out;
  for (int n = 1; n <= kSessionRows; ++n) {
    const std::string k = std::to_string(n);
    if (trim(form(req, "date_" + k)).empty() && trim(form(req, "start_" + k)).empty() &&
        trim(form(req, "duration_" + k)).empty())
      continue;
    WorkshopSession s;
    s.number = static_cast<int>(out.size()) + 1;
    if (auto d = date_field(req, "date_" + k, errs, true)) s.date = *d;
    s.start_minute = time_field(req, "start_" + k, errs);
    s.duration_minutes = minutes_field(req, "duration_" + k, errs);
    out.push_back(s);
  }
  return out;
}

WorkshopInput parse_details(const Request& req, std::vector<FieldError>& errs) {
  WorkshopInput in;
  in.spip_id = id_field(req, "spip_id");
  in.theme = trim(form(req, "theme"));
  in.title = trim(form(req, "title"));
  in.description = trim(form(req, "description"));
  in.site_id = id_field(req, "site_id");
  in.intervenant_id = id_field(req, "intervenant_id");
  if (!in.intervenant_id) errs.push_back({"intervenant_id", "Choisissez l’intervenant."});
  in.external_professionals = trim(form(req, "external_professionals"));
  in.place_id = id_field(req, "place_id");
  in.place_label = trim(form(req, "place_label"));
  return in;
}

// The SPIP the creation is for: the only one, or ?spip= / spip_id among those allowed.
std::optional<Organisation> chosen_spip(const std::vector<Organisation>& spips, Id wanted) {
  if (spips.size() == 1 && (!wanted || wanted == spips.front().id)) return spips.front();
  for (const auto& s : spips)
    if (s.id == wanted) return s;
  return std::nullopt;
}

void show_spip_choice(Web& web, Response& res, PageCtx& ctx,
                      const std::vector<Organisation>& spips) {
  Options opts{{"", "— Choisir le SPIP —"}};
  for (const auto& s : spips) opts.push_back({std::to_string(s.id), s.name});
  web.render(
      res, &ctx, "Nouvel atelier", "workshop_form",
      {{"heading", "Nouvel atelier"},
       {"choose_spip", {{"action", "/ateliers/nouveau"}, {"spips", option_list(opts, "")}}}});
}

Result<Choices> creation_choices(Web& web, PageCtx& ctx, const Organisation& spip) {
  auto c = choices_for(web, ctx.actor, spip);
  if (!c.ok()) return c.error();
  provider_choices(web, ctx.actor, *c);
  return c;
}

const FormState kCreate{"Nouvel atelier", "/ateliers/nouveau", "Créer l’atelier", "/ateliers",
                        true};

void create_page(Web& web) {
  web.page("GET", "/ateliers/nouveau", [&web](const Request& req, Response& res, PageCtx& ctx) {
    auto spips = workshops(web).spips_for_workshops(ctx.actor);
    if (spips.empty())
      return web.fail(res, ctx,
                      refuse(web, ctx.actor, "workshop.create", "workshop", 0,
                             "Les ateliers sont créés par les prestataires titulaires d’un lot."));
    auto spip = chosen_spip(spips, id_field(req, "spip"));
    if (!spip) return show_spip_choice(web, res, ctx, spips);
    auto c = creation_choices(web, ctx, *spip);
    if (!c.ok()) return web.fail(res, ctx, c.error());
    if (c->themes.size() <= 1)
      return web.render(
          res, &ctx, kCreate.heading, "workshop_form",
          {{"heading", kCreate.heading},
           {"no_theme", spip->name + " n’a encore convenu d’aucune thématique d’atelier "
                                     "avec vous (WS-1) : demandez-lui de les choisir sur "
                                     "la page « Thématiques convenues »."}});
    nlohmann::json values = {{"site_id", "0"}};
    show_form(web, res, ctx, kCreate, *c, values, nullptr, 200);
  });
  web.page("POST", "/ateliers/nouveau", [&web](const Request& req, Response& res, PageCtx& ctx) {
    auto spip =
        chosen_spip(workshops(web).spips_for_workshops(ctx.actor), id_field(req, "spip_id"));
    if (!spip)
      return web.fail(res, ctx,
                      refuse(web, ctx.actor, "workshop.create", "workshop", 0,
                             "Votre structure ne propose pas d’ateliers pour ce SPIP."));
    std::vector<FieldError> errs;
    WorkshopInput in = parse_details(req, errs);
    in.sessions = parse_session_rows(req, errs);
    Result<Id> id = errs.empty() ? workshops(web).create_workshop(ctx.actor, in)
                                 : Result<Id>(invalid("L’atelier n’est pas valide.", errs));
    if (id.ok())
      return web.redirect(res, workshop_href(*id),
                          "Atelier créé. Inscrivez les participants puis soumettez la liste "
                          "au SPIP (WS-3).");
    if (id.error().code == ErrorCode::forbidden) return web.fail(res, ctx, id.error());
    auto c = creation_choices(web, ctx, *spip);
    if (!c.ok()) return web.fail(res, ctx, c.error());
    show_form(web, res, ctx, kCreate, *c, form_values(req), &id.error(),
              Web::status_of(id.error().code));
  });
}

// Edition of the details (sessions have their own forms on the workshop page).
void edit_page(Web& web) {
  auto load = [&web](const Request& req, PageCtx& ctx) -> Result<WorkshopView> {
    auto v = workshops(web).workshop(ctx.actor, id_param(req));
    if (!v.ok()) return v.error();
    if (!v->provider_side)
      return refuse(web, ctx.actor, "workshop.update", "workshop", v->workshop.id,
                    "L’atelier est modifié par le prestataire.");
    return v;
  };
  auto state = [](const WorkshopView& v) {
    const std::string href = workshop_href(v.workshop.id);
    return FormState{"Modifier l’atelier", href + "/modifier", "Enregistrer", href, false};
  };
  auto choices = [&web](PageCtx& ctx, const WorkshopView& v) -> Result<Choices> {
    auto c = choices_for(web, ctx.actor, v.spip);
    if (!c.ok()) return c.error();
    c->intervenants = people_options(v.intervenants);
    c->places = place_options(v.places);
    return c;
  };
  web.page("GET", R"(/ateliers/(\d+)/modifier)",
           [&web, load, state, choices](const Request& req, Response& res, PageCtx& ctx) {
             auto v = load(req, ctx);
             if (!v.ok()) return web.fail(res, ctx, v.error());
             auto c = choices(ctx, *v);
             if (!c.ok()) return web.fail(res, ctx, c.error());
             const Workshop& w = v->workshop;
             nlohmann::json values = {{"theme", w.theme},
                                      {"title", w.title},
                                      {"description", w.description},
                                      {"site_id", std::to_string(w.site_id)},
                                      {"intervenant_id", std::to_string(w.intervenant_id)},
                                      {"external_professionals", w.external_professionals},
                                      {"place_id", w.place_id ? std::to_string(w.place_id) : ""},
                                      {"place_label", w.place_label}};
             show_form(web, res, ctx, state(*v), *c, values, nullptr, 200);
           });
  web.page("POST", R"(/ateliers/(\d+)/modifier)",
           [&web, load, state, choices](const Request& req, Response& res, PageCtx& ctx) {
             auto v = load(req, ctx);
             if (!v.ok()) return web.fail(res, ctx, v.error());
             std::vector<FieldError> errs;
             WorkshopInput in = parse_details(req, errs);
             in.spip_id = v->workshop.spip_id;
             Status s = errs.empty() ? workshops(web).update_workshop(ctx.actor, v->workshop.id, in)
                                     : Status(invalid("L’atelier n’est pas valide.", errs));
             if (s.ok())
               return web.redirect(res, workshop_href(v->workshop.id), "Atelier modifié.");
             if (s.error().code == ErrorCode::forbidden) return web.fail(res, ctx, s.error());
             auto c = choices(ctx, *v);
             if (!c.ok()) return web.fail(res, ctx, c.error());
             show_form(web, res, ctx, state(*v), *c, form_values(req), &s.error(),
                       Web::status_of(s.error().code));
           });
}

// ---- Themes agreed by the SPIP (WS-1)
// -------------------------------------------------------------

void show_themes(Web& web, Response& res, PageCtx& ctx, const EmbeddedFailure* failure) {
  std::vector<Id> spips = ctx.actor.orgs_with({Role::cpip, Role::spip_manager});
  if (spips.empty())
    return web.fail(res, ctx,
                    refuse(web, ctx.actor, "workshop.themes", "organisation", 0,
                           "Les thématiques des ateliers sont convenues par le SPIP."));
  const std::string programme = workshop_programme(web);
  const auto catalogue = workshops(web).catalogue(programme);
  nlohmann::json forms = nlohmann::json::array();
  for (Id spip : spips) {
    auto agreed = workshops(web).agreed_themes(ctx.actor, spip, programme);
    if (!agreed.ok()) return web.fail(res, ctx, agreed.error());
    auto org = web.services().admin.organisation(ctx.actor, spip);
    nlohmann::json themes = nlohmann::json::array();
    for (const auto& c : catalogue)
      themes.push_back(
          {{"id", c.id},
           {"label", c.label},
           {"checked", std::find(agreed->begin(), agreed->end(), c.id) != agreed->end()}});
    forms.push_back({{"form_id", "thematiques-" + std::to_string(spip)},
                     {"spip_id", spip},
                     {"spip_name", org.ok() ? org->org.name : "SPIP"},
                     {"themes", themes}});
  }
  nlohmann::json view = {{"forms", forms}};
  if (failure) view["error_summary"] = failure_summary(*failure);
  web.render(res, &ctx, "Thématiques des ateliers", "workshop_themes", view,
             failure ? Web::status_of(failure->error.code) : 200);
}

void themes_page(Web& web) {
  web.page("GET", "/ateliers/thematiques", [&web](const Request&, Response& res, PageCtx& ctx) {
    show_themes(web, res, ctx, nullptr);
  });
  web.page(
      "POST", "/ateliers/thematiques", [&web](const Request& req, Response& res, PageCtx& ctx) {
        const Id spip = id_field(req, "spip_id");
        std::vector<std::string> themes;
        for (std::size_t i = 0; i < req.get_param_value_count("themes"); ++i)
          themes.push_back(req.get_param_value("themes", i));
        auto s = workshops(web).set_agreed_themes(ctx.actor, spip, workshop_programme(web), themes);
        if (s.ok())
          return web.redirect(res, "/ateliers/thematiques",
                              "Thématiques enregistrées : le prestataire peut proposer "
                              "des ateliers sur ces thèmes.");
        if (s.error().code == ErrorCode::forbidden) return web.fail(res, ctx, s.error());
        EmbeddedFailure failure{"thematiques-" + std::to_string(spip), s.error(), form_values(req)};
        show_themes(web, res, ctx, &failure);
      });
}

}  // namespace

void add_workshop_pages(Web& web) {
  list_page(web);
  themes_page(web);  // before /ateliers/{id}
  create_page(web);
  edit_page(web);
  add_workshop_detail_pages(web);
}

}  // namespace parcours::http
