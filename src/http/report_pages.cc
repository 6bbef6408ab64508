// The contract-execution pages (SPEC ORG-3, ORG-4, INV-1, INV-2, DL-3, REP-1..4): every
// report is one ReportDocument shown as tables and inline SVG charts, downloadable as PDF and
// XLSX, each table as CSV. Who sees what is ReportingService's decision.
#include <map>

#include <fmt/format.h>

#include "domain/indicators.h"
#include "domain/wording.h"
#include "http/admin_common.h"
#include "http/paper_views.h"
#include "http/report_svg.h"
#include "http/report_views.h"

namespace parcours::http {
namespace {

ReportingService& reporting(Web& web) {
  return web.services().reporting;
}

std::string reporting_month_label(const std::string& key) {
  int y = 0, m = 0;
  return parse_period_month(key, y, m) ? french_month_year(y, m) : key;
}

// "de mai 2025", "d’avril 2025", "d’août 2025", "d’octobre 2025".
std::string of_month(const std::string& label) {
  for (const char* vowel : {"a", "o"})
    if (label.rfind(vowel, 0) == 0) return "d’" + label;
  return "de " + label;
}

void send_download(Response& res, const std::string& name, std::string bytes,
                   const char* media_type) {
  PdfFile f;
  f.filename = name;
  f.bytes = std::move(bytes);
  f.media_type = media_type;
  send_file(res, f, false);
}

struct Tab {
  const char* path;
  const char* label;
};
constexpr Tab kTabs[] = {{"/pilotage", "Volumes"},
                         {"/pilotage/echeances", "Délais"},
                         {"/pilotage/egalite", "Égalité d’accès"},
                         {"/pilotage/intervenants", "Intervenants"},
                         {"/pilotage/synthese", "Synthèse"},
                         {"/pilotage/releves", "Relevés mensuels"},
                         {"/pilotage/copil", "Dossier COPIL"}};

nlohmann::json tabs(const std::string& active) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : kTabs)
    out.push_back({{"href", t.path}, {"label", t.label}, {"active", active == t.path}});
  return out;
}

std::string query_of(const ReportPeriod& p) {
  return "arrete=" + iso(p.as_of) + "&du=" + iso(p.from) + "&au=" + iso(p.to);
}

nlohmann::json cell_json(const ReportCell& c) {
  nlohmann::json j = {{"text", c.text},
                      {"number", c.kind != CellKind::text && c.kind != CellKind::date}};
  if (c.flagged) j["flagged"] = true;
  if (!c.link.empty()) j["href"] = c.link;
  return j;
}

nlohmann::json cells_json(const std::vector<ReportCell>& cells) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : cells) out.push_back(cell_json(c));
  return out;
}

// The document as the view of report.mustache; `self` is the page's address with its query.
nlohmann::json report_view(const ReportDocument& d, const std::string& self) {
  const std::string sep = self.find('?') == std::string::npos ? "?" : "&";
  nlohmann::json tables = nlohmann::json::array();
  for (const auto& t : d.tables) {
    nlohmann::json rows = nlohmann::json::array();
    const std::size_t shown = shown_row_count(t);
    for (std::size_t i = 0; i < shown; ++i) rows.push_back({{"cells", cells_json(t.rows[i])}});
    tables.push_back({{"key", t.key},
                      {"title", t.title},
                      {"note", t.note},
                      {"abridged", abridged_note(t)},
                      {"columns", t.columns},
                      {"rows", rows},
                      {"empty", t.rows.empty()},
                      {"has_totals", !t.totals.empty()},
                      {"totals", cells_json(t.totals)},
                      {"csv_href", self + sep + "format=csv&table=" + t.key}});
  }
  nlohmann::json charts = nlohmann::json::array();
  for (const auto& c : d.charts)
    if (!c.categories.empty()) charts.push_back({{"svg", chart_svg(c)}, {"title", c.title}});
  nlohmann::json facts = nlohmann::json::array();
  for (const auto& [k, v] : d.facts) facts.push_back({{"label", k}, {"value", v}});
  nlohmann::json key_figures = nlohmann::json::array();
  for (const auto& [k, v] : d.key_figures) key_figures.push_back({{"label", k}, {"value", v}});
  return {
      {"key_figures", key_figures},
      {"has_key_figures", !key_figures.empty()},
      {"heading", d.header.title},
      {"subheading", d.header.subtitle},
      {"tables", tables},
      {"charts", charts},
      {"facts", facts},
      {"has_facts", !facts.empty()},
      {"downloads",
       {{{"href", self + sep + "format=pdf"}, {"label", "PDF"}, {"icon", "filetype-pdf"}},
        {{"href", self + sep + "format=xlsx"}, {"label", "Excel"}, {"icon", "filetype-xlsx"}}}}};
}

std::string file_stem(const ReportDocument& d) {
  std::string out;
  for (unsigned char c : d.header.title) {
    if (std::isalnum(c))
      out += static_cast<char>(std::tolower(c));
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "rapport" : out;
}

// ?format=pdf|xlsx|csv(&table=key): sends the file and returns true.
bool send_export(Web& web, const Request& req, Response& res, PageCtx& ctx, const ReportDocument& d,
                 const std::string& stem) {
  const std::string format = req.get_param_value("format");
  if (format.empty()) return false;
  ReportRenderer& renderer = web.services().reports;
  if (format == "pdf") {
    send_download(res, stem + ".pdf", renderer.report_pdf(d).bytes, "application/pdf");
  } else if (format == "xlsx") {
    send_download(res, stem + ".xlsx", renderer.report_xlsx(d),
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  } else if (format == "csv") {
    const std::string key = req.get_param_value("table");
    for (const auto& t : d.tables)
      if (t.key == key) {
        send_download(res, stem + "-" + key + ".csv", table_csv(t), "text/csv; charset=utf-8");
        return true;
      }
    web.error_page(res, &ctx, 404, "Ce tableau n’existe pas dans ce rapport.");
  } else {
    web.error_page(res, &ctx, 400, "Format inconnu : choisissez PDF, Excel ou CSV.");
  }
  return true;
}

using Builder =
    std::function<Result<ReportDocument>(const Actor&, const ReportPeriod&, const Request&)>;
using Decorate = std::function<void(nlohmann::json& view, PageCtx& ctx)>;

void report_page(Web& web, const std::string& path, Builder build, Decorate decorate = {}) {
  web.page("GET", path,
           [&web, path, build, decorate](const Request& req, Response& res, PageCtx& ctx) {
             auto p = report_period(web, req);
             if (!p.ok()) return web.fail(res, ctx, p.error());
             auto d = build(ctx.actor, *p, req);
             if (!d.ok()) return web.fail(res, ctx, d.error());
             std::string self = path + "?" + query_of(*p);
             std::vector<nlohmann::json> hidden;
             for (const char* f : {"lot", "spip", "prestataire", "type", "mois"}) {
               const std::string v = req.get_param_value(f);
               if (v.empty()) continue;
               self += std::string("&") + f + "=" + v;
               hidden.push_back({{"name", f}, {"value", v}});
             }
             if (send_export(web, req, res, ctx, *d, file_stem(*d) + "-" + iso(p->as_of))) return;
             auto view = report_view(*d, self);
             view["tabs"] = tabs(path);
             view["period_form"] = {{"as_of", iso(p->as_of)},
                                    {"from", iso(p->from)},
                                    {"to", iso(p->to)},
                                    {"hidden", hidden}};
             if (!hidden.empty()) {
               view["filter_note"] = "Filtre appliqué.";
               view["clear_href"] = path + "?" + query_of(*p);
             }
             if (decorate) decorate(view, ctx);
             web.render(res, &ctx, d->header.title, "report", view);
           });
}

Id param_id(const Request& req, const char* name) {
  try {
    return std::stoll(req.get_param_value(name));
  } catch (...) {
    return 0;
  }
}

void report_pages(Web& web) {
  report_page(web, "/pilotage", [&web](const Actor& a, const ReportPeriod& p, const Request&) {
    return reporting(web).dashboard(a, p);
  });
  report_page(web, "/pilotage/echeances",
              [&web](const Actor& a, const ReportPeriod& p, const Request& req) {
                ReportFilter f;
                f.lot_id = param_id(req, "lot");
                f.spip_id = param_id(req, "spip");
                f.provider_id = param_id(req, "prestataire");
                f.rule_id = req.get_param_value("type");
                f.month = req.get_param_value("mois");
                return reporting(web).compliance(a, p, f);
              });
  report_page(web, "/pilotage/egalite",
              [&web](const Actor& a, const ReportPeriod& p, const Request&) {
                return reporting(web).equal_access(a, p);
              });
  report_page(web, "/pilotage/synthese",
              [&web](const Actor& a, const ReportPeriod& p, const Request&) {
                return reporting(web).synthesis(a, p);
              });
  report_page(web, "/pilotage/copil",
              [&web](const Actor& a, const ReportPeriod& p, const Request&) {
                return reporting(web).copil_pack(a, p);
              });
}

// DL-3 drill-down: one deadline.
void deadline_page(Web& web) {
  web.page("GET", R"(/pilotage/echeances/(\d+))",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             auto p = report_period(web, req);
             if (!p.ok()) return web.fail(res, ctx, p.error());
             auto d = reporting(web).deadline(ctx.actor, id_param(req), *p);
             if (!d.ok()) return web.fail(res, ctx, d.error());
             const DeadlineFact& f = d->fact;
             nlohmann::json facts = nlohmann::json::array();
             auto fact = [&](const std::string& k, const std::string& v,
                             const std::string& href = "") {
               nlohmann::json j = {{"label", k}, {"value", v}};
               if (!href.empty()) j["href"] = href;
               facts.push_back(j);
             };
             fact("Échéance", d->kind_label);
             fact("Dossier", d->person_label,
                  d->can_open_case ? "/prescriptions/" + std::to_string(f.prescription_id) : "");
             fact("Prestataire", d->provider_name);
             fact("SPIP", d->spip_name);
             fact("Lot", d->lot_label);
             fact("Due le", french_instant(f.due_at));
             fact("Tenue le", f.met_at ? french_instant(*f.met_at) : "Non tenue");
             fact("Situation au " + french_long(p->as_of), d->outcome_label);
             if (d->days_late > 0)
               fact("Retard", count_of(d->days_late, "jour ouvré", "jours ouvrés"));
             web.render(res, &ctx, "Échéance en retard", "report",
                        {{"heading", d->kind_label},
                         {"subheading", d->outcome_label},
                         {"tabs", tabs("/pilotage/echeances")},
                         {"facts", facts},
                         {"has_facts", true}});
           });
}

std::string month_of(const Request& req, const Clock& clock) {
  std::string m = req.get_param_value("mois");
  if (m.empty()) m = form(req, "mois");
  if (!m.empty()) return m;
  // Default: the previous month, the one a statement is usually issued for.
  Date today = paris_date(clock.now());
  Date prev = add_months(Date{today.year(), today.month(), date::day{1}}, -1);
  return iso(prev).substr(0, 7);
}

// The month picker of the statements (no JavaScript): the current month and the 35 before it,
// newest first, plus the chosen month when it is older.
nlohmann::json month_form(const std::string& action, const std::string& chosen,
                          const Clock& clock) {
  const Date today = paris_date(clock.now());
  const Date first{today.year(), today.month(), date::day{1}};
  nlohmann::json months = nlohmann::json::array();
  bool listed = false;
  for (int back = 0; back < 36; ++back) {
    const std::string key = iso(add_months(first, -back)).substr(0, 7);
    listed = listed || key == chosen;
    months.push_back(
        {{"value", key}, {"label", reporting_month_label(key)}, {"selected", key == chosen}});
  }
  if (!listed)
    months.push_back(
        {{"value", chosen}, {"label", reporting_month_label(chosen)}, {"selected", true}});
  return {{"action", action}, {"months", months}};
}

// A month typed in the address: "2025-05"; anything else is refused in French.
bool valid_month(Web& web, Response& res, PageCtx& ctx, const std::string& month) {
  int y = 0, m = 0;
  if (month.size() == 7 && parse_period_month(month, y, m)) return true;
  web.error_page(res, &ctx, 400, "Ce mois n’est pas valide : choisissez-le dans la liste.");
  return false;
}

void statement_pages(Web& web) {
  web.page("GET", "/pilotage/releves", [&web](const Request& req, Response& res, PageCtx& ctx) {
    auto list = reporting(web).statements(ctx.actor);
    if (!list.ok()) return web.fail(res, ctx, list.error());
    const std::string month = month_of(req, web.services().clock);
    if (!valid_month(web, res, ctx, month)) return;
    ReportDocument d;
    d.header.title = "Relevés mensuels par lot";
    ReportTable lots;
    lots.key = "lots";
    lots.title = "Relevé du mois " + of_month(reporting_month_label(month));
    lots.columns = {"Lot", "Relevés émis"};
    ReportTable issued;
    issued.key = "emis";
    issued.title = "Relevés émis";
    issued.columns = {"Numéro", "Lot", "Mois", "Émis le", "Heures", "Montant", "Lignes signalées"};
    for (const auto& s : *list) {
      lots.rows.push_back(
          {text_cell("Lot " + std::to_string(s.lot.number) + " — " + s.lot.label, false,
                     "/pilotage/releves/lot/" + std::to_string(s.lot.id) + "?mois=" + month),
           count_cell(static_cast<long long>(s.statements.size()))});
      for (const auto& st : s.statements)
        issued.rows.push_back(
            {text_cell(st.number, false, "/pilotage/releves/" + std::to_string(st.id)),
             text_cell("Lot " + std::to_string(s.lot.number)),
             text_cell(reporting_month_label(st.period_month)),
             text_cell(french_instant(st.issued_at)),
             hours_cell(st.individual_minutes + st.collective_minutes),
             money_cell(st.total_cents()), count_cell(st.flagged_lines)});
    }
    d.tables = {lots, issued};
    auto view = report_view(d, "/pilotage/releves?mois=" + month);
    view["downloads"] = nlohmann::json::array();
    view["tabs"] = tabs("/pilotage/releves");
    view["month_form"] = month_form("/pilotage/releves", month, web.services().clock);
    view["subheading"] = "Séances tenues d’après les émargements, heures × prix unitaires du lot.";
    if (req.has_param("format"))
      return web.error_page(res, &ctx, 404, "Exportez un relevé depuis sa page.");
    web.render(res, &ctx, "Relevés mensuels", "report", view);
  });

  web.page(
      "GET", R"(/pilotage/releves/lot/(\d+))",
      [&web](const Request& req, Response& res, PageCtx& ctx) {
        const Id lot_id = id_param(req);
        const std::string month = month_of(req, web.services().clock);
        if (!valid_month(web, res, ctx, month)) return;
        auto v = reporting(web).statement_preview(ctx.actor, lot_id, month);
        if (!v.ok()) return web.fail(res, ctx, v.error());
        ReportDocument d = reporting(web).statement_document(*v);
        if (send_export(web, req, res, ctx, d, "projet-" + v->statement.number)) return;
        const std::string self =
            "/pilotage/releves/lot/" + std::to_string(lot_id) + "?mois=" + month;
        auto view = report_view(d, self);
        view["tabs"] = tabs("/pilotage/releves");
        view["month_form"] = month_form("/pilotage/releves/lot/" + std::to_string(lot_id), month,
                                        web.services().clock);
        if (!v->nothing_to_issue.empty()) view["notice"] = v->nothing_to_issue;
        if (v->can_issue)
          view["issue_form"] = {
              {"action", "/pilotage/releves/lot/" + std::to_string(lot_id)},
              {"csrf_token", ctx.csrf_token},
              {"month", month},
              {"label", v->issued.empty() ? "Émettre le relevé" : "Émettre le relevé rectificatif"},
              {"text", "Une fois émis, le relevé n° " + v->statement.number +
                           " est définitif : il ne pourra plus être modifié. Une différence "
                           "constatée plus tard fera l’objet d’un relevé rectificatif."}};
        web.render(res, &ctx, d.header.title, "report", view);
      });

  web.page("POST", R"(/pilotage/releves/lot/(\d+))",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             auto s = reporting(web).issue_statement(ctx.actor, id_param(req), form(req, "mois"));
             if (!s.ok()) return web.fail(res, ctx, s.error());
             web.redirect(res, "/pilotage/releves/" + std::to_string(s->id),
                          "Relevé n° " + s->number + " émis.");
           });

  web.page("GET", R"(/pilotage/releves/(\d+))",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             auto v = reporting(web).issued_statement(ctx.actor, id_param(req));
             if (!v.ok()) return web.fail(res, ctx, v.error());
             ReportDocument d = reporting(web).statement_document(*v);
             if (send_export(web, req, res, ctx, d, "releve-" + v->statement.number)) return;
             auto view = report_view(d, "/pilotage/releves/" + std::to_string(v->statement.id));
             view["tabs"] = tabs("/pilotage/releves");
             view["notice"] =
                 "Relevé émis : il ne peut plus être modifié. Pour une correction, "
                 "ouvrez le relevé du mois et émettez un relevé rectificatif.";
             web.render(res, &ctx, d.header.title, "report", view);
           });
}

nlohmann::json option(Id value, const std::string& label) {
  return {{"value", std::to_string(value)}, {"label", label}};
}

void staff_forms(Web& web, nlohmann::json& view, PageCtx& ctx) {
  auto people = reporting(web).provider_intervenants(ctx.actor);
  auto open = reporting(web).open_absences(ctx.actor);
  if (!people.ok() || !open.ok()) return;
  nlohmann::json staff = nlohmann::json::array(), absences = nlohmann::json::array();
  std::map<Id, std::string> names;
  for (const auto& u : *people) {
    staff.push_back(option(u.id, u.full_name));
    names[u.id] = u.full_name;
  }
  nlohmann::json reasons = {{{"value", "absence"}, {"label", "Absence"}},
                            {{"value", "departure"}, {"label", "Départ"}}};
  nlohmann::json forms = nlohmann::json::array();
  forms.push_back(
      {{"heading", "Signaler une absence ou un départ"},
       {"action", "/pilotage/intervenants/absences"},
       {"csrf_token", ctx.csrf_token},
       {"submit", "Enregistrer l’absence"},
       {"selects",
        {{{"id", "absence-intervenant"},
          {"name", "intervenant"},
          {"label", "Intervenant"},
          {"options", staff}},
         {{"id", "absence-motif"}, {"name", "motif"}, {"label", "Motif"}, {"options", reasons}}}},
       {"dates", {{{"id", "absence-depuis"}, {"name", "depuis"}, {"label", "Depuis le"}}}}});
  for (const auto& x : *open)
    forms.push_back(
        {{"heading",
          "Remplacement de " + names[x.user_id] + " (depuis le " + french_long(x.from_on) + ")"},
         {"action", "/pilotage/intervenants/absences/" + std::to_string(x.id)},
         {"csrf_token", ctx.csrf_token},
         {"submit", "Enregistrer le remplacement"},
         {"selects",
          {{{"id", "remplacant-" + std::to_string(x.id)},
            {"name", "remplacant"},
            {"label", "Remplacé par"},
            {"options", staff}}}},
         {"dates",
          {{{"id", "le-" + std::to_string(x.id)}, {"name", "le"}, {"label", "À compter du"}}}}});
  view["extra_forms"] = forms;
}

// ORG-4: the staff figures, and for a provider coordinator the forms recording an absence or
// departure and its replacement.
void staff_pages(Web& web) {
  report_page(
      web, "/pilotage/intervenants",
      [&web](const Actor& a, const ReportPeriod& p, const Request&) {
        return reporting(web).staff(a, p);
      },
      [&web](nlohmann::json& view, PageCtx& ctx) { staff_forms(web, view, ctx); });
  web.page("POST", "/pilotage/intervenants/absences",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             StaffReplacement x;
             x.user_id = std::atoll(form(req, "intervenant").c_str());
             x.reason = form(req, "motif");
             auto from = parse_iso_date(form(req, "depuis"));
             if (!from.ok()) return web.fail(res, ctx, from.error());
             x.from_on = *from;
             auto id = reporting(web).record_absence(ctx.actor, x);
             if (!id.ok()) return web.fail(res, ctx, id.error());
             web.redirect(res, "/pilotage/intervenants#table-remplacements",
                          "Absence enregistrée : à remplacer avant le " +
                              french_long(replacement_due(x.from_on)) + ".");
           });
  web.page("POST", R"(/pilotage/intervenants/absences/(\d+))",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             auto on = parse_iso_date(form(req, "le"));
             if (!on.ok()) return web.fail(res, ctx, on.error());
             auto s = reporting(web).record_replacement(
                 ctx.actor, id_param(req), std::atoll(form(req, "remplacant").c_str()), *on);
             if (!s.ok()) return web.fail(res, ctx, s.error());
             web.redirect(res, "/pilotage/intervenants#table-remplacements",
                          "Remplacement enregistré.");
           });
}

}  // namespace

Result<ReportPeriod> report_period(Web& web, const Request& req) {
  ReportPeriod p = reporting(web).default_period();
  auto take = [&](const char* name, Date& out, const char* label) -> Status {
    const std::string v = req.get_param_value(name);
    if (v.empty()) return {};
    auto d = parse_iso_date(v);
    if (!d.ok()) return invalid(std::string(label) + " : " + d.error().message);
    out = *d;
    return {};
  };
  if (auto s = take("arrete", p.as_of, "Date d’arrêté"); !s.ok()) return s.error();
  if (req.get_param_value("du").empty() && !req.get_param_value("arrete").empty())
    p.from = Date{p.as_of.year(), date::January, date::day{1}};
  if (req.get_param_value("au").empty() && !req.get_param_value("arrete").empty()) p.to = p.as_of;
  if (auto s = take("du", p.from, "Début de période"); !s.ok()) return s.error();
  if (auto s = take("au", p.to, "Fin de période"); !s.ok()) return s.error();
  if (auto s = reporting(web).check_period(p); !s.ok()) return s.error();
  return p;
}

void add_report_pages(Web& web) {
  report_pages(web);
  deadline_page(web);
  statement_pages(web);
  staff_pages(web);
}

}  // namespace parcours::http
