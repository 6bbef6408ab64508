// The contract, its lots and dated volume amendments (SPEC ORG-3).
#include "domain/indicators.h"
#include "domain/wording.h"
#include "http/admin_common.h"
#include "http/versioning.h"

namespace parcours::http {
namespace {

std::string contract_href(Id id) {
  return "/admin/marches/" + std::to_string(id);
}
std::string lot_href(Id id) {
  return "/admin/lots/" + std::to_string(id);
}
// « 1 740 h »: French digit grouping.
std::string hours(int h) {
  return format_count(h) + "\u00a0h";
}

// Programmes a contract may buy (those of config/programmes/), with their names on screen.
std::vector<std::pair<std::string, std::string>> programme_options(Web& web) {
  std::vector<std::pair<std::string, std::string>> options;
  for (const auto& c : web.services().journeys.programmes().all())
    options.push_back({c.id, c.label});
  return options;
}

std::string programme_label(Web& web, const std::string& name) {
  for (const auto& [value, label] : programme_options(web))
    if (value == name) return label;
  return name;
}

nlohmann::json cols(std::initializer_list<const char*> labels) {
  nlohmann::json out = nlohmann::json::array();
  for (auto l : labels) out.push_back({{"label", l}});
  return out;
}

std::string spip_names(const LotView& l) {
  std::string s;
  for (const auto& o : l.spips) s += (s.empty() ? "" : ", ") + o.name;
  return s;
}

nlohmann::json lot_row(const LotView& l) {
  return {{"cells",
           {cell("Lot " + std::to_string(l.lot.number), lot_href(l.lot.id)), cell(spip_names(l)),
            cell(l.provider ? l.provider->name : "Non attribué"),
            cell(hours(l.current.individual_hours)), cell(hours(l.current.collective_hours)),
            cell(format_euros(l.lot.individual_price_cents)),
            cell(format_euros(l.lot.collective_price_cents))}}};
}

std::vector<Field> contract_fields(Web& web, PageCtx& ctx) {
  return {{"disp_org_id", "DISP (pouvoir adjudicateur)", "select", true, "",
           org_options(web, ctx.actor, OrgKind::disp, false)},
          {"reference", "Référence", "text", true, "Par exemple « DISP21-PPAIP »."},
          {"title", "Intitulé", "text", true},
          {"programme", "Programme", "select", true, "", programme_options(web)},
          {"start_date", "Date de début", "date", true},
          {"initial_months", "Durée initiale (mois)", "number", true},
          {"renewals_allowed", "Reconductions possibles", "number", true},
          {"renewal_months", "Durée d’une reconduction (mois)", "number", true},
          {"renewals_used", "Reconductions effectuées", "number", true}};
}

Result<Contract> parse_contract(const Request& req, Contract c) {
  std::vector<FieldError> errs;
  auto disp = id_list(req, "disp_org_id");
  c.disp_org_id = disp.empty() ? 0 : disp.front();
  c.reference = form(req, "reference");
  c.title = form(req, "title");
  c.programme = form(req, "programme");
  if (auto d = date_field(req, "start_date", errs, true)) c.start_date = *d;
  c.initial_months = int_field(req, "initial_months", errs, "La durée initiale");
  c.renewals_allowed = int_field(req, "renewals_allowed", errs, "Le nombre de reconductions");
  c.renewal_months = int_field(req, "renewal_months", errs, "La durée d’une reconduction");
  c.renewals_used = int_field(req, "renewals_used", errs, "Le nombre de reconductions effectuées");
  if (!errs.empty()) return invalid("Le marché n’est pas valide.", errs);
  return c;
}

nlohmann::json contract_values(const Contract& c) {
  return {{"disp_org_id", std::to_string(c.disp_org_id)},
          {"reference", c.reference},
          {"title", c.title},
          {"programme", c.programme},
          {"start_date", c.start_date.ok() ? iso(c.start_date) : ""},
          {"initial_months", std::to_string(c.initial_months)},
          {"renewals_allowed", std::to_string(c.renewals_allowed)},
          {"renewal_months", std::to_string(c.renewal_months)},
          {"renewals_used", std::to_string(c.renewals_used)},
          {"version", std::to_string(c.version)}};
}

std::vector<Field> lot_fields(Web& web, PageCtx& ctx, bool creating) {
  auto providers = org_options(web, ctx.actor, OrgKind::provider, true);
  std::vector<Field> f = {{"number", "Numéro du lot", "number", true},
                          {"label", "Intitulé", "text", true},
                          {"provider_org_id", "Titulaire", "select", false, "", providers},
                          {"spip_ids", "SPIP couverts", "multiselect", true, "",
                           org_options(web, ctx.actor, OrgKind::spip, false)}};
  if (creating) {
    f.push_back({"individual_hours", "Volume d’entretiens individuels (heures)", "number", true});
    f.push_back({"collective_hours", "Volume d’ateliers collectifs (heures)", "number", true});
  }
  f.push_back({"individual_price", "Prix unitaire d’une heure individuelle (€, BPU)", "text", true,
               "Par exemple « 58,50 »."});
  f.push_back({"collective_price", "Prix unitaire d’une heure collective (€, BPU)", "text", true});
  if (!creating) f.push_back(version_field());  // issue 12: the version the form was loaded at
  return f;
}

Result<Lot> parse_lot(const Request& req, Lot l, bool creating) {
  std::vector<FieldError> errs;
  l.number = int_field(req, "number", errs, "Le numéro");
  l.label = form(req, "label");
  auto p = id_list(req, "provider_org_id");
  l.provider_org_id = p.empty() ? 0 : p.front();
  l.spip_ids = id_list(req, "spip_ids");
  if (creating) {
    l.individual_hours = int_field(req, "individual_hours", errs, "Le volume individuel");
    l.collective_hours = int_field(req, "collective_hours", errs, "Le volume collectif");
  }
  auto ip = parse_euros(form(req, "individual_price"));
  if (ip.ok())
    l.individual_price_cents = *ip;
  else
    errs.push_back({"individual_price", ip.error().message});
  auto cp = parse_euros(form(req, "collective_price"));
  if (cp.ok())
    l.collective_price_cents = *cp;
  else
    errs.push_back({"collective_price", cp.error().message});
  if (!errs.empty()) return invalid("Le lot n’est pas valide.", errs);
  return l;
}

std::string euros_input(long long cents) {
  return std::to_string(cents / 100) + "," + (cents % 100 < 10 ? "0" : "") +
         std::to_string(cents % 100);
}

void contract_views(Web& web) {
  admin_page(web, "GET", "/admin/marches", [&web](const Request&, Response& res, PageCtx& ctx) {
    if (!sees_contracts(ctx.actor)) return web.error_page(res, &ctx, 403);
    auto cs = web.services().admin.contracts(ctx.actor);
    if (!cs.ok()) return web.fail(res, ctx, cs.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& c : *cs)
      rows.push_back(
          {{"cells",
            {cell(c.contract.reference, contract_href(c.contract.id)), cell(c.contract.title),
             cell(c.disp.name), cell(french_short(c.contract.start_date)),
             cell(french_short(c.ends_on)), cell(std::to_string(c.lots.size()))}}});
    nlohmann::json view = {{"heading", "Marché et lots"},
                           {"caption", "Marchés visibles"},
                           {"columns", cols({"Référence", "Intitulé", "DISP", "Début",
                                             "Fin (reconductions comprises)", "Lots visibles"})},
                           {"rows", rows},
                           {"empty", rows.empty()},
                           {"empty_text", "Aucun marché visible."},
                           {"actions", nlohmann::json::array()}};
    if (ctx.actor.is_admin() || ctx.actor.has_role(Role::disp_manager))
      view["actions"].push_back(
          {{"href", "/admin/marches/nouveau"}, {"label", "Nouveau marché"}, {"icon", "plus-lg"}});
    web.render(res, &ctx, "Marché et lots", "list", view);
  });

  admin_page(
      web, "GET", R"(/admin/marches/(\d+))",
      [&web](const Request& req, Response& res, PageCtx& ctx) {
        auto c = web.services().admin.contract(ctx.actor, id_param(req));
        if (!c.ok()) return web.fail(res, ctx, c.error());
        const auto& k = c->contract;
        nlohmann::json facts = {
            {{"label", "DISP"}, {"value", c->disp.name}},
            {{"label", "Programme"}, {"value", programme_label(web, k.programme)}},
            {{"label", "Début"}, {"value", french_long(k.start_date)}},
            {{"label", "Durée initiale"}, {"value", std::to_string(k.initial_months) + " mois"}},
            {{"label", "Reconductions"},
             {"value", count_of(k.renewals_used, "effectuée", "effectuées") + " sur " +
                           std::to_string(k.renewals_allowed) + " de " +
                           std::to_string(k.renewal_months) + " mois"}},
            {{"label", "Fin"}, {"value", french_long(c->ends_on)}}};
        nlohmann::json rows = nlohmann::json::array();
        int ind = 0, col = 0;
        for (const auto& l : c->lots) {
          rows.push_back(lot_row(l));
          ind += l.current.individual_hours;
          col += l.current.collective_hours;
        }
        if (!c->lots.empty())
          rows.push_back({{"cells",
                           {cell("Total"), cell(""), cell(""), cell(hours(ind)), cell(hours(col)),
                            cell(""), cell("")}}});
        nlohmann::json lot_actions = nlohmann::json::array();
        nlohmann::json actions = nlohmann::json::array();
        if (c->can_edit) {
          actions.push_back({{"href", contract_href(k.id) + "/modifier"},
                             {"label", "Modifier"},
                             {"icon", "pencil"}});
          lot_actions.push_back({{"href", contract_href(k.id) + "/lots/nouveau"},
                                 {"label", "Nouveau lot"},
                                 {"icon", "plus-lg"}});
        }
        nlohmann::json sections = nlohmann::json::array(
            {{{"heading", "Lots et volumes en vigueur"},
              {"columns",
               cols({"Lot", "SPIP couverts", "Titulaire", "Entretiens individuels",
                     "Ateliers collectifs", "Prix horaire individuel", "Prix horaire collectif"})},
              {"rows", rows},
              {"empty", rows.empty()},
              {"empty_text", "Aucun lot."},
              {"actions", lot_actions}}});
        web.render(res, &ctx, k.reference, "detail",
                   {{"heading", k.title},
                    {"subheading", "Marché " + k.reference},
                    {"facts", facts},
                    {"sections", sections},
                    {"actions", actions}});
      });

  admin_page(
      web, "GET", R"(/admin/lots/(\d+))", [&web](const Request& req, Response& res, PageCtx& ctx) {
        auto l = web.services().admin.lot(ctx.actor, id_param(req));
        if (!l.ok()) return web.fail(res, ctx, l.error());
        nlohmann::json facts = {
            {{"label", "SPIP couverts"}, {"value", spip_names(*l)}},
            {{"label", "Titulaire"}, {"value", l->provider ? l->provider->name : "Non attribué"}},
            {{"label", "Volume initial"},
             {"value", hours(l->lot.individual_hours) + " d’entretiens individuels, " +
                           hours(l->lot.collective_hours) + " d’ateliers collectifs"}},
            {{"label", "Volume en vigueur"},
             {"value", hours(l->current.individual_hours) + " d’entretiens individuels, " +
                           hours(l->current.collective_hours) + " d’ateliers collectifs"}},
            {{"label", "Prix horaires (BPU)"},
             {"value", format_euros(l->lot.individual_price_cents) + " en individuel, " +
                           format_euros(l->lot.collective_price_cents) + " en collectif"}}};
        nlohmann::json rows = nlohmann::json::array();
        auto signed_hours = [](int h) { return (h > 0 ? "+" : "") + hours(h); };
        for (const auto& a : l->amendments)
          rows.push_back(
              {{"cells",
                {cell(french_short(a.effective_on)), cell(signed_hours(a.individual_hours_delta)),
                 cell(signed_hours(a.collective_hours_delta)), cell(a.reason)}}});
        auto c = web.services().admin.contract(ctx.actor, l->lot.contract_id);
        bool can_edit = c.ok() && c->can_edit;
        nlohmann::json actions = nlohmann::json::array();
        nlohmann::json am_actions = nlohmann::json::array();
        if (can_edit) {
          actions.push_back({{"href", lot_href(l->lot.id) + "/modifier"},
                             {"label", "Modifier"},
                             {"icon", "pencil"}});
          am_actions.push_back({{"href", lot_href(l->lot.id) + "/avenants/nouveau"},
                                {"label", "Nouvel avenant de volume"},
                                {"icon", "plus-slash-minus"}});
        }
        nlohmann::json sections = nlohmann::json::array(
            {{{"heading", "Avenants de volume"},
              {"columns", cols({"Date d’effet", "Individuel", "Collectif", "Motif"})},
              {"rows", rows},
              {"empty", rows.empty()},
              {"empty_text", "Aucun avenant : le volume initial s’applique."},
              {"actions", am_actions}}});
        web.render(res, &ctx, "Lot " + std::to_string(l->lot.number), "detail",
                   {{"heading", "Lot " + std::to_string(l->lot.number) + " — " + l->lot.label},
                    {"subheading", "Lot du marché"},
                    {"facts", facts},
                    {"sections", sections},
                    {"actions", actions}});
      });
}

void contract_forms(Web& web) {
  FormPage create;
  create.title = "Nouveau marché";
  create.success_flash = "Marché créé.";
  create.fields = [&web](const Request&, PageCtx& ctx) { return contract_fields(web, ctx); };
  create.initial = [](const Request&, PageCtx&) -> Result<nlohmann::json> {
    return contract_values(Contract{});
  };
  create.cancel = [](const Request&) { return "/admin/marches"; };
  create.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    auto c = parse_contract(req, Contract{});
    if (!c.ok()) return c.error();
    auto id = web.services().admin.create_contract(ctx.actor, *c);
    if (!id.ok()) return id.error();
    return contract_href(*id);
  };
  form_route(web, "/admin/marches/nouveau", create);

  FormPage edit;
  edit.title = "Modifier le marché";
  edit.success_flash = "Marché enregistré.";
  edit.fields = [&web](const Request&, PageCtx& ctx) {
    auto f = contract_fields(web, ctx);
    f.push_back(version_field());  // issue 12: the version the form was loaded at
    return f;
  };
  edit.cancel = [](const Request& req) { return contract_href(id_param(req)); };
  edit.initial = [&web](const Request& req, PageCtx& ctx) -> Result<nlohmann::json> {
    auto c = web.services().admin.contract(ctx.actor, id_param(req));
    if (!c.ok()) return c.error();
    if (!c->can_edit) return forbidden();
    return contract_values(c->contract);
  };
  edit.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    auto current = web.services().admin.contract(ctx.actor, id_param(req));
    if (!current.ok()) return current.error();
    auto c = parse_contract(req, current->contract);
    if (!c.ok()) return c.error();
    auto version = posted_version(req);  // issue 12
    if (!version.ok()) return version.error();
    c->version = *version;
    if (auto s = web.services().admin.update_contract(ctx.actor, *c); !s.ok()) return s.error();
    return contract_href(c->id);
  };
  form_route(web, R"(/admin/marches/(\d+)/modifier)", edit);
}

void lot_forms(Web& web) {
  FormPage create;
  create.title = "Nouveau lot";
  create.success_flash = "Lot créé.";
  create.fields = [&web](const Request&, PageCtx& ctx) { return lot_fields(web, ctx, true); };
  create.cancel = [](const Request& req) { return contract_href(id_param(req)); };
  create.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    Lot l;
    l.contract_id = id_param(req);
    auto parsed = parse_lot(req, l, true);
    if (!parsed.ok()) return parsed.error();
    auto id = web.services().admin.create_lot(ctx.actor, *parsed);
    if (!id.ok()) return id.error();
    return lot_href(*id);
  };
  form_route(web, R"(/admin/marches/(\d+)/lots/nouveau)", create);

  FormPage edit;
  edit.title = "Modifier le lot";
  edit.success_flash = "Lot enregistré.";
  edit.intro = "Les volumes d’heures se modifient par avenant daté, depuis la page du lot.";
  edit.fields = [&web](const Request&, PageCtx& ctx) { return lot_fields(web, ctx, false); };
  edit.cancel = [](const Request& req) { return lot_href(id_param(req)); };
  edit.initial = [&web](const Request& req, PageCtx& ctx) -> Result<nlohmann::json> {
    auto l = web.services().admin.lot(ctx.actor, id_param(req));
    if (!l.ok()) return l.error();
    nlohmann::json spips = nlohmann::json::array();
    for (Id s : l->lot.spip_ids) spips.push_back(std::to_string(s));
    return nlohmann::json{
        {"number", std::to_string(l->lot.number)},
        {"label", l->lot.label},
        {"provider_org_id", l->lot.provider_org_id ? std::to_string(l->lot.provider_org_id) : ""},
        {"spip_ids", spips},
        {"individual_price", euros_input(l->lot.individual_price_cents)},
        {"collective_price", euros_input(l->lot.collective_price_cents)},
        {"version", std::to_string(l->lot.version)}};
  };
  edit.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    auto current = web.services().admin.lot(ctx.actor, id_param(req));
    if (!current.ok()) return current.error();
    auto l = parse_lot(req, current->lot, false);
    if (!l.ok()) return l.error();
    auto version = posted_version(req);  // issue 12
    if (!version.ok()) return version.error();
    l->version = *version;
    if (auto s = web.services().admin.update_lot(ctx.actor, *l); !s.ok()) return s.error();
    return lot_href(l->id);
  };
  form_route(web, R"(/admin/lots/(\d+)/modifier)", edit);

  FormPage amend;
  amend.title = "Nouvel avenant de volume";
  amend.success_flash = "Avenant enregistré.";
  amend.intro =
      "Indiquez la variation d’heures (négative pour une baisse) et la date à laquelle elle prend "
      "effet.";
  amend.fields = [](const Request&, PageCtx&) {
    return std::vector<Field>{
        {"effective_on", "Date d’effet", "date", true},
        {"individual_hours_delta", "Variation des heures individuelles", "number", true},
        {"collective_hours_delta", "Variation des heures collectives", "number", true},
        {"reason", "Motif", "textarea", true}};
  };
  amend.initial = [](const Request&, PageCtx&) -> Result<nlohmann::json> {
    return nlohmann::json{{"individual_hours_delta", "0"}, {"collective_hours_delta", "0"}};
  };
  amend.cancel = [](const Request& req) { return lot_href(id_param(req)); };
  amend.submit = [&web](const Request& req, PageCtx& ctx) -> Result<std::string> {
    std::vector<FieldError> errs;
    VolumeAmendment a;
    a.lot_id = id_param(req);
    if (auto d = date_field(req, "effective_on", errs, true)) a.effective_on = *d;
    a.individual_hours_delta =
        int_field(req, "individual_hours_delta", errs, "La variation individuelle");
    a.collective_hours_delta =
        int_field(req, "collective_hours_delta", errs, "La variation collective");
    a.reason = form(req, "reason");
    if (!errs.empty()) return invalid("L’avenant n’est pas valide.", errs);
    auto id = web.services().admin.add_amendment(ctx.actor, a);
    if (!id.ok()) return id.error();
    return lot_href(a.lot_id);
  };
  form_route(web, R"(/admin/lots/(\d+)/avenants/nouveau)", amend);
}

}  // namespace

void add_contract_pages(Web& web) {
  contract_views(web);
  contract_forms(web);
  lot_forms(web);
}

}  // namespace parcours::http
