// JSON API /api/v1 of contract execution (SPEC ORG-3, INV-1, INV-2, DL-3, REP-1..4): every
// report as JSON for any "as of" date and period, monthly statements previewed, issued and read.
// Documented in docs/openapi.json. Every rule is ReportingService's.
#include "http/api_common.h"
#include "http/report_views.h"

namespace parcours::http {
namespace {

using nlohmann::json;

const char* kind_name(CellKind k) {
  switch (k) {
    case CellKind::text:
      return "text";
    case CellKind::count:
      return "count";
    case CellKind::hours:
      return "hours";
    case CellKind::percent:
      return "percent";
    case CellKind::money:
      return "money";
    case CellKind::date:
      return "date";
  }
  return "text";
}

json cells(const std::vector<ReportCell>& row) {
  json out = json::array();
  for (const auto& c : row) {
    json j = {{"text", c.text}, {"kind", kind_name(c.kind)}};
    if (c.kind == CellKind::date)
      j["value"] = c.iso;
    else if (c.kind != CellKind::text)
      j["value"] = c.value;
    if (c.flagged) j["flagged"] = true;
    out.push_back(j);
  }
  return out;
}

json statement_json(const StatementView& v) {
  json lines = json::array();
  for (const auto& l : v.lines)
    lines.push_back({{"id", l.id},
                     {"line_no", l.line_no},
                     {"modality", l.modality},
                     {"source_id", l.source_id},
                     {"date", iso(l.date)},
                     {"label", l.label},
                     {"intervenant", l.intervenant_name},
                     {"minutes", l.minutes},
                     {"unit_price_cents", l.unit_price_cents},
                     {"amount_cents", l.amount_cents},
                     {"flags", split_flags(l.flags)},
                     {"corrects_line_id", l.corrects_line_id}});
  const Statement& s = v.statement;
  return {{"id", s.id},
          {"preview", v.preview},
          {"number", s.number},
          {"lot_id", s.lot_id},
          {"month", s.period_month},
          {"sequence", s.sequence},
          {"individual_minutes", s.individual_minutes},
          {"collective_minutes", s.collective_minutes},
          {"individual_cents", s.individual_cents},
          {"collective_cents", s.collective_cents},
          {"total_cents", s.total_cents()},
          {"flagged_lines", s.flagged_lines},
          {"lines", lines}};
}

using ReportFn = Result<ReportDocument> (ReportingService::*)(const Actor&, const ReportPeriod&);

void report_route(Web& web, const std::string& name, ReportFn fn) {
  web.api("GET", "/api/v1/reports/" + name, [&web, fn](Req req, Res res, const Actor& a) {
    auto p = report_period(web, req);
    if (!ok_or_error(res, p)) return;
    auto d = (web.services().reporting.*fn)(a, *p);
    if (!ok_or_error(res, d)) return;
    Web::json(res, report_json(*d));
  });
}

}  // namespace

json report_json(const ReportDocument& d) {
  json tables = json::array();
  for (const auto& t : d.tables) {
    json rows = json::array();
    for (const auto& r : t.rows) rows.push_back(cells(r));
    tables.push_back({{"key", t.key},
                      {"title", t.title},
                      {"note", t.note},
                      {"columns", t.columns},
                      {"rows", rows},
                      {"totals", cells(t.totals)}});
  }
  json charts = json::array();
  for (const auto& c : d.charts) {
    json series = json::array();
    for (const auto& s : c.series) series.push_back({{"label", s.label}, {"values", s.values}});
    json j = {{"key", c.key},
              {"title", c.title},
              {"unit", c.unit},
              {"categories", c.categories},
              {"series", series}};
    if (c.reference) j["reference"] = *c.reference;
    charts.push_back(j);
  }
  json facts = json::array();
  for (const auto& [k, v] : d.facts) facts.push_back({{"label", k}, {"value", v}});
  return {{"title", d.header.title},
          {"subtitle", d.header.subtitle},
          {"facts", facts},
          {"tables", tables},
          {"charts", charts}};
}

void add_report_api(Web& web) {
  report_route(web, "dashboard", &ReportingService::dashboard);
  report_route(web, "equal-access", &ReportingService::equal_access);
  report_route(web, "staff", &ReportingService::staff);
  report_route(web, "synthesis", &ReportingService::synthesis);
  report_route(web, "copil", &ReportingService::copil_pack);
  web.api("GET", "/api/v1/reports/compliance", [&web](Req req, Res res, const Actor& a) {
    auto p = report_period(web, req);
    if (!ok_or_error(res, p)) return;
    auto d = web.services().reporting.compliance(a, *p);
    if (!ok_or_error(res, d)) return;
    Web::json(res, report_json(*d));
  });
  web.api("GET", R"(/api/v1/lots/(\d+)/statement)", [&web](Req req, Res res, const Actor& a) {
    auto v =
        web.services().reporting.statement_preview(a, id_param(req), req.get_param_value("month"));
    if (!ok_or_error(res, v)) return;
    Web::json(res, statement_json(*v));
  });
  web.api("POST", R"(/api/v1/lots/(\d+)/statement)", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    b.require("month");
    if (b.reject(res)) return;
    auto s = web.services().reporting.issue_statement(a, id_param(req), b.text("month"));
    if (!ok_or_error(res, s)) return;
    created(res, s->id);
  });
  web.api("GET", R"(/api/v1/statements/(\d+))", [&web](Req req, Res res, const Actor& a) {
    auto v = web.services().reporting.issued_statement(a, id_param(req));
    if (!ok_or_error(res, v)) return;
    Web::json(res, statement_json(*v));
  });
}

}  // namespace parcours::http
