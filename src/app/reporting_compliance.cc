// Deadline compliance (SPEC DL-3): the share of deadlines met on time by kind, provider, lot,
// SPIP and month, judged at the end of the as-of day, and the late ones listed.
#include <map>

#include "app/reporting_internal.h"
#include "domain/calendar.h"
#include "domain/indicators.h"

namespace parcours::reporting_detail {
namespace {

// The page and the PDF list the first late deadlines (by due date); a whole DISP has
// thousands, all in the CSV and XLSX exports and reachable through the filters.
constexpr std::size_t kLateRowsShown = 200;

std::string rule_label(const Programmes& programmes, const std::string& rule_id) {
  for (const auto& c : programmes.all())
    for (const auto& d : c.deadlines)
      if (d.id == rule_id) return d.label;
  return rule_id;
}

bool kept(const DeadlineFact& d, const ReportFilter& f) {
  return (f.lot_id == 0 || d.lot_id == f.lot_id) && (f.spip_id == 0 || d.spip_id == f.spip_id) &&
         (f.provider_id == 0 || d.provider_id == f.provider_id) &&
         (f.rule_id.empty() || d.rule_id == f.rule_id) &&
         (f.month.empty() || month_key(paris_date(d.due_at)) == f.month);
}

// Rows of one breakdown: label → tally, with a drill-down link per row.
struct Breakdown {
  std::string key;
  std::string title;
  std::string column;
  std::map<std::string, std::pair<ComplianceTally, std::string>> rows;  // label → (tally, link)
};

ReportTable breakdown_table(const Breakdown& b) {
  ReportTable t;
  t.key = b.key;
  t.title = b.title;
  t.columns = {b.column,  "Tenues dans le délai", "En retard", "Taux dans le délai",
               "À venir", "Levées (avec motif)"};
  ComplianceTally all;
  for (const auto& [label, row] : b.rows) {
    const auto& tally = row.first;
    t.rows.push_back({text_cell(label, false, row.second), count_cell(tally.on_time),
                      count_cell(tally.late), percent_cell(tally.rate(), tally.late > 0),
                      count_cell(tally.pending), count_cell(tally.waived)});
    all.add(tally);
  }
  t.totals = {text_cell("Total"),       count_cell(all.on_time), count_cell(all.late),
              percent_cell(all.rate()), count_cell(all.pending), count_cell(all.waived)};
  return t;
}

std::string initials_label(const DeadlineFact& d) {
  return case_reference(d.prescription_id, d.person_name);
}

}  // namespace

DashboardBlocks compliance_blocks(Repos& r, const Programmes& programmes, const ReportAudience& au,
                                  const ReportPeriod& p, const ReportFilter& f) {
  DashboardBlocks out;
  OrgNames names(r);
  const Instant as_of_end = end_of_paris_day(p.as_of);
  const std::string q = "?du=" + iso(p.from) + "&au=" + iso(p.to) + "&arrete=" + iso(p.as_of);
  Breakdown kinds{"delais-type", "Délais tenus par type d’échéance", "Échéance", {}};
  Breakdown providers{"delais-prestataire", "Délais tenus par prestataire", "Prestataire", {}};
  Breakdown lots{"delais-lot", "Délais tenus par lot", "Lot", {}};
  Breakdown spips{"delais-spip", "Délais tenus par SPIP", "SPIP", {}};
  std::map<std::string, ComplianceTally> months;
  ReportTable late;
  late.key = "retards";
  late.title = "Échéances en retard";
  late.note =
      "Échéances dues dans la période, tenues après leur terme ou non tenues à la date "
      "d’arrêté ; retard en jours ouvrés.";
  late.columns = {"Échéance", "Dossier",  "Prestataire",          "SPIP",
                  "Due le",   "Tenue le", "Retard (jours ouvrés)"};
  late.shown_rows = kLateRowsShown;
  for (const auto& d : r.reporting.deadline_facts(scope_of(au), period_start(p), period_end(p))) {
    if (!kept(d, f)) continue;
    const auto outcome =
        deadline_outcome(d.due_at, d.met_at, d.waived_at, d.conditional, as_of_end);
    if (outcome == DeadlineOutcome::excluded) continue;
    const Lot* lot = find_lot(au, d.lot_id);
    const std::string kind = rule_label(programmes, d.rule_id);
    // The drill-down link of a breakdown row is written once, when the row first appears.
    const auto count = [&](Breakdown& b, const std::string& row, const char* filter, auto value) {
      auto& entry = b.rows[row];
      entry.first.add(outcome);
      if (entry.second.empty())
        entry.second = "/pilotage/echeances" + q + "&" + filter + "=" + value;
    };
    count(kinds, kind, "type", d.rule_id);
    count(providers, names.name(d.provider_id), "prestataire", std::to_string(d.provider_id));
    count(lots, lot ? lot_label(*lot) : "Hors lot", "lot", std::to_string(d.lot_id));
    count(spips, names.name(d.spip_id), "spip", std::to_string(d.spip_id));
    months[month_key(paris_date(d.due_at))].add(outcome);
    if (outcome != DeadlineOutcome::late) continue;
    const bool met = d.met_at && *d.met_at <= as_of_end;
    late.rows.push_back({text_cell(kind, false, "/pilotage/echeances/" + std::to_string(d.id) + q),
                         text_cell(au.names_people() ? d.person_name : initials_label(d)),
                         text_cell(names.name(d.provider_id)), text_cell(names.name(d.spip_id)),
                         date_cell(paris_date(d.due_at)),
                         met ? date_cell(paris_date(*d.met_at)) : text_cell("Non tenue", true),
                         count_cell(jours_ouvres_late(d.due_at, d.met_at, as_of_end))});
  }
  out.tables.push_back(breakdown_table(kinds));
  if (au.kind == ReportAudience::Kind::disp) out.tables.push_back(breakdown_table(providers));
  out.tables.push_back(breakdown_table(lots));
  out.tables.push_back(breakdown_table(spips));
  Breakdown by_month{"delais-mois", "Délais tenus par mois d’échéance", "Mois", {}};
  ReportChart chart;
  chart.key = "delais-mois";
  chart.title = "Part des échéances tenues dans le délai, par mois";
  chart.unit = "%";
  chart.reference = 100;
  chart.reference_label = "100 %";
  chart.series = {{"Tenues dans le délai", {}}};
  for (const auto& [m, tally] : months) {
    by_month.rows[m] = {tally, "/pilotage/echeances" + q + "&mois=" + m};
    chart.categories.push_back(month_label(m));
    chart.series[0].values.push_back(100 * tally.rate());
  }
  ReportTable month_table = breakdown_table(by_month);
  for (auto& row : month_table.rows) row[0].text = month_label(row[0].text);
  out.tables.push_back(std::move(month_table));
  out.tables.push_back(std::move(late));
  out.charts.push_back(std::move(chart));
  return out;
}

}  // namespace parcours::reporting_detail

namespace parcours {

using namespace reporting_detail;

Result<DeadlineDetail> ReportingService::deadline(const Actor& a, Id deadline_id,
                                                  const ReportPeriod& p) {
  return read<DeadlineDetail>(store_, [&](Repos& r) -> Result<DeadlineDetail> {
    auto au = load_audience(r, a);
    if (!au.ok()) return au.error();
    auto f = r.reporting.deadline_fact(deadline_id);
    if (!f) return not_found("Cette échéance n’existe pas.");
    const Lot* lot = find_lot(*au, f->lot_id);
    if (!lot || (au->spip_id != 0 && f->spip_id != au->spip_id))
      return forbidden("Cette échéance ne relève pas de vos lots.");
    OrgNames names(r);
    DeadlineDetail out;
    out.fact = *f;
    out.kind_label = rule_label(programmes_, f->rule_id);
    out.person_label = au->names_people() ? f->person_name : initials_label(*f);
    out.provider_name = names.name(f->provider_id);
    out.spip_name = names.name(f->spip_id);
    out.lot_label = lot_label(*lot);
    const Instant end = end_of_paris_day(p.as_of);
    const auto outcome = deadline_outcome(f->due_at, f->met_at, f->waived_at, f->conditional, end);
    const bool met = f->met_at && *f->met_at <= end;
    switch (outcome) {
      case DeadlineOutcome::on_time:
        out.outcome_label = "Tenue dans le délai";
        break;
      case DeadlineOutcome::pending:
        out.outcome_label = "À venir";
        break;
      case DeadlineOutcome::waived:
        out.outcome_label = "Levée avec motif";
        break;
      case DeadlineOutcome::excluded:
        out.outcome_label = "Hors décompte (sans objet)";
        break;
      case DeadlineOutcome::late:
        out.outcome_label = met ? "Tenue en retard" : "En retard, non tenue";
        out.days_late = jours_ouvres_late(f->due_at, f->met_at, end);
        break;
    }
    out.can_open_case = au->names_people();
    return out;
  });
}

}  // namespace parcours
