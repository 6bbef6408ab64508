// Report rendering benchmarks (make bench, SPEC REP-1, REP-4): a COPIL-sized report (6 charts of
// 12 months, 10 tables of 50 rows) as PDF and as XLSX, in documents per second.
#include <benchmark/benchmark.h>

#include <string>

#include "documents/report_renderer.h"

namespace {

using namespace parcours;

const char* const kMonths[] = {"janv.", "févr.", "mars",  "avr.", "mai",  "juin",
                               "juil.", "août",  "sept.", "oct.", "nov.", "déc."};

ReportCell text_cell(std::string s) {
  return ReportCell{CellKind::text, std::move(s), 0, "", false, ""};
}

ReportCell number_cell(CellKind kind, std::string shown, double value, bool flagged = false) {
  return ReportCell{kind, std::move(shown), value, "", flagged, ""};
}

ReportChart chart(int n) {
  ReportChart c;
  c.key = "graphique_" + std::to_string(n);
  c.title = "Consommation mensuelle — lot " + std::to_string(n + 1);
  c.unit = "h";
  c.series = {{"Heures individuelles", {}}, {"Heures collectives", {}}};
  for (int m = 0; m < 12; ++m) {
    c.categories.push_back(std::string(kMonths[m]) + " 2025");
    c.series[0].values.push_back(90 + 7 * m);
    c.series[1].values.push_back(40 + (m * 13) % 50);
  }
  c.reference = 150;
  c.reference_label = "Volume mensuel : 150\u00a0h";
  return c;
}

// Seven columns (the PDF is landscape), every cell kind, some flagged cells, a totals row.
ReportTable table(int n) {
  ReportTable t;
  t.key = "tableau_" + std::to_string(n);
  t.title = "Suivi des personnes — SPIP n°\u00a0" + std::to_string(n + 1);
  t.note = "Heures réalisées : entretiens et ateliers émargés.";
  t.columns = {"Personne", "Programme", "Entrée", "Heures", "Taux", "Montant", "Séances"};
  for (int r = 0; r < 50; ++r)
    t.rows.push_back({text_cell("DUPONT-MARTIN Jean-Édouard n°\u00a0" + std::to_string(r)),
                      text_cell(r % 2 ? "PPAIP individuel" : "PLIE — accompagnement renforcé"),
                      ReportCell{CellKind::date, "lundi 3 mars 2025", 0, "2025-03-03", false, ""},
                      number_cell(CellKind::hours, "12\u00a0h\u00a030", 12.5),
                      number_cell(CellKind::percent, "45,2\u00a0%", 0.452, r % 7 == 0),
                      number_cell(CellKind::money, "1\u00a0234,50\u00a0€", 1234.5),
                      number_cell(CellKind::count, "8", 8)});
  t.totals = {text_cell("Total"),
              text_cell(""),
              text_cell(""),
              number_cell(CellKind::hours, "625\u00a0h", 625),
              number_cell(CellKind::percent, "45,2\u00a0%", 0.452),
              number_cell(CellKind::money, "61\u00a0725,00\u00a0€", 61725),
              number_cell(CellKind::count, "400", 400)};
  return t;
}

ReportDocument copil_report() {
  ReportDocument d;
  d.header.disp_name = "Direction interrégionale des services pénitentiaires de Dijon";
  d.header.spip_name = "SPIP du Cher et SPIP de l’Indre";
  d.header.provider_name = "Association Trajectoires Emploi";
  d.header.title = "Comité de pilotage — marché de la DISP de Dijon";
  d.header.subtitle = "Année 2025 — arrêté au 31 décembre 2025";
  d.header.generated_on = "Édité le lundi 5 janvier 2026";
  d.header.created_at_iso = "2026-01-05T00:00:00";
  d.facts = {{"Marché", "Accompagnement des personnes placées sous main de justice"},
             {"Lots", "4"},
             {"Volume total", "6\u00a0600\u00a0h"}};
  for (int i = 0; i < 6; ++i) d.charts.push_back(chart(i));
  for (int i = 0; i < 10; ++i) d.tables.push_back(table(i));
  return d;
}

void BM_CopilReportPdf(benchmark::State& state) {
  ReportDocumentRenderer renderer;
  const ReportDocument d = copil_report();
  double pages = 0;
  for (auto _ : state) {
    const RenderedPdf pdf = renderer.report_pdf(d);
    benchmark::DoNotOptimize(pdf.bytes.data());
    pages += pdf.pages;
  }
  state.counters["pages/s"] = benchmark::Counter(pages, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CopilReportPdf)->Unit(benchmark::kMillisecond);

void BM_CopilReportXlsx(benchmark::State& state) {
  ReportDocumentRenderer renderer;
  const ReportDocument d = copil_report();
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string xlsx = renderer.report_xlsx(d);
    benchmark::DoNotOptimize(xlsx.data());
    bytes += xlsx.size();
  }
  state.counters["bytes"] = static_cast<double>(bytes) / state.iterations();
}
BENCHMARK(BM_CopilReportXlsx)->Unit(benchmark::kMillisecond);

}  // namespace
