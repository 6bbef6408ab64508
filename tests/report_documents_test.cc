// Reports read back (DESIGN §5; SPEC REP-1, REP-4, INV-1): the PDF with poppler (titles, facts,
// column headers repeated on every page, totals, flagged cells, chart title, legend and
// reference line, "Page N sur M", the orientation), the XLSX with openpyxl (sheet names, typed
// cells and their formats, frozen header, filter, totals, properties). The PDFs, their pages as
// PNG and the workbooks are saved under build/documents/ for a person to look at.
#include <gtest/gtest.h>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "documents/report_renderer.h"

namespace parcours {
namespace {

using nlohmann::json;

// ---- Reading a PDF back -----------------------------------------------------------------------

// Collapses whitespace (no-break spaces included) into one space, as documents_test.cc does.
std::string normalise(const std::string& s) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool nbsp = s.compare(i, 2, "\xc2\xa0") == 0;
    const bool narrow = s.compare(i, 3, "\xe2\x80\xaf") == 0;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (nbsp || narrow || c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
      i += nbsp ? 1 : (narrow ? 2 : 0);
      space = true;
      continue;
    }
    if (space && !out.empty() && out.back() != '-') out += ' ';
    space = false;
    out += s[i];
  }
  return out;
}

struct PdfPage {
  std::string text;  // normalised
  bool landscape = false;
};

std::vector<PdfPage> read_back(const RenderedPdf& pdf) {
  std::vector<PdfPage> pages;
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(pdf.bytes.data(), static_cast<int>(pdf.bytes.size())));
  if (!doc) return pages;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    const auto utf8 = page->text(poppler::rectf(), poppler::page::raw_order_layout).to_utf8();
    const poppler::rectf box = page->page_rect();
    pages.push_back({normalise(std::string(utf8.begin(), utf8.end())), box.width() > box.height()});
  }
  return pages;
}

std::string all_text(const std::vector<PdfPage>& pages) {
  std::string all;
  for (const PdfPage& p : pages) all += p.text + " ";
  return all;
}

bool contains(const std::string& text, const std::string& needle) {
  return text.find(normalise(needle)) != std::string::npos;
}

void expect_all(const std::string& text, const std::vector<std::string>& needles) {
  for (const std::string& n : needles) EXPECT_TRUE(contains(text, n)) << "missing: " << n;
}

// ---- Saving for review ------------------------------------------------------------------------

std::string documents_dir() {
  std::filesystem::create_directories(std::string(PARCOURS_BUILD_DIR) + "/documents");
  return std::string(PARCOURS_BUILD_DIR) + "/documents";
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Writes name.pdf and its pages as name-N.png (pdftoppm pads N to the width of the count).
void save_for_review(const std::string& name, const RenderedPdf& pdf) {
  const std::string base = documents_dir() + "/" + name;
  write_file(base + ".pdf", pdf.bytes);
  for (const auto& entry : std::filesystem::directory_iterator(documents_dir())) {
    const std::string file = entry.path().filename().string();
    if (file.rfind(name + "-", 0) == 0 && file.ends_with(".png")) std::filesystem::remove(entry);
  }
  const std::string command = "pdftoppm -r 60 -png '" + base + ".pdf' '" + base + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  std::string last = std::to_string(pdf.pages);
  EXPECT_TRUE(std::filesystem::exists(base + "-" + last + ".png")) << base << "-" << last;
}

// ---- A realistic report -----------------------------------------------------------------------

const std::string kTitle = "Consommation des volumes — Lot 1 : SPIP du Cher et SPIP de l’Indre";
const char* const kMonths[] = {"janv.", "févr.", "mars",  "avr.", "mai",  "juin",
                               "juil.", "août",  "sept.", "oct.", "nov.", "déc."};

DocumentHeader report_header() {
  DocumentHeader h;
  h.disp_name = "Direction interrégionale des services pénitentiaires de Dijon";
  h.spip_name = "SPIP du Cher et SPIP de l’Indre";
  h.provider_name = "Association Trajectoires Emploi";
  h.title = kTitle;
  h.subtitle = "Période du 1er janvier 2024 au 31 décembre 2025 — arrêté au 3 mars 2025";
  h.generated_on = "Édité le lundi 3 mars 2025";
  h.created_at_iso = "2025-03-03T00:00:00";
  return h;
}

ReportCell text_cell(std::string s, bool flagged = false) {
  return ReportCell{CellKind::text, std::move(s), 0, "", flagged, ""};
}

ReportCell count_cell(int n) {
  return ReportCell{CellKind::count, std::to_string(n), static_cast<double>(n), "", false, ""};
}

// 1.5 → "1 h 30"
ReportCell hours_cell(double hours, bool flagged = false) {
  const int minutes = static_cast<int>(hours * 60 + 0.5);
  std::string s = std::to_string(minutes / 60) + "\u00a0h";
  if (minutes % 60 != 0) s += "\u00a0" + std::to_string(minutes % 60);
  return ReportCell{CellKind::hours, s, hours, "", flagged, ""};
}

// 0.452 → "45,2 %"
ReportCell percent_cell(double fraction, bool flagged = false) {
  const int tenths = static_cast<int>(fraction * 1000 + 0.5);
  const std::string s = std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + "\u00a0%";
  return ReportCell{CellKind::percent, s, fraction, "", flagged, ""};
}

ReportCell money_cell(double euros, std::string shown) {
  return ReportCell{CellKind::money, std::move(shown), euros, "", false, ""};
}

ReportCell date_cell(std::string iso, std::string shown) {
  return ReportCell{CellKind::date, std::move(shown), 0, std::move(iso), false, ""};
}

// Seven columns: the report is landscape.
ReportTable volumes_table() {
  ReportTable t;
  t.key = "volumes";
  t.title = "Consommation des volumes par SPIP et par établissement";
  t.note = "Heures réalisées : entretiens et ateliers émargés, absences justifiées exclues.";
  t.columns = {"SPIP et établissement", "Volume (h)",      "Réalisé",          "Taux",
               "Montant facturé",       "Dernière séance", "Personnes suivies"};
  const char* const places[] = {
      "SPIP du Cher — Maison d’arrêt de Bourges", "SPIP du Cher — milieu ouvert",
      "SPIP de l’Indre — Centre pénitentiaire de Châteauroux", "SPIP de l’Indre — milieu ouvert"};
  for (int i = 0; i < 4; ++i)
    t.rows.push_back({text_cell(places[i]), hours_cell(400), hours_cell(i == 0 ? 1.5 : 180.75),
                      percent_cell(i == 0 ? 0.452 : 0.9, i == 2),
                      money_cell(1234.5, "1\u00a0234,50\u00a0€"),
                      date_cell("2025-03-03", "lundi 3 mars 2025"), count_cell(12 + i)});
  t.totals = {text_cell("Total"),
              hours_cell(1600),
              hours_cell(543.75),
              percent_cell(0.34),
              money_cell(4938, "4\u00a0938,00\u00a0€"),
              text_cell(""),
              count_cell(54)};
  return t;
}

// 120 sessions: the table runs over several pages.
ReportTable sessions_table() {
  ReportTable t;
  t.key = "seances";
  t.title = "Séances réalisées et délais de saisie";
  t.columns = {"Date", "Personne", "Activité", "Durée", "Saisie"};
  for (int i = 0; i < 120; ++i)
    t.rows.push_back(
        {date_cell("2025-02-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(1 + i % 28),
                   std::to_string(1 + i % 28) + " févr. 2025"),
         text_cell("Personne n°\u00a0" + std::to_string(1000 + i)),
         text_cell(i % 3 == 0 ? "Atelier : Techniques de recherche d’emploi"
                              : "Entretien individuel"),
         hours_cell(i % 2 == 0 ? 1.5 : 2),
         text_cell(i % 9 == 0 ? "En retard (J+4)" : "Dans les délais", i % 9 == 0)});
  t.totals = {text_cell("Total"), text_cell("120 séances"), text_cell(""), hours_cell(210),
              text_cell("14 en retard")};
  return t;
}

ReportTable equality_table() {
  ReportTable t;
  t.key = "egalite_acces_femmes_hommes_par_tranche_d_age";  // longer than 31 characters
  t.title = "Égalité d’accès";
  t.columns = {"Public", "Personnes", "Part", "Heures"};
  t.rows = {{text_cell("Femmes"), count_cell(12), percent_cell(0.222), hours_cell(96.5)},
            {text_cell("Hommes"), count_cell(42), percent_cell(0.778), hours_cell(447.25)}};
  t.totals = {text_cell("Total"), count_cell(54), percent_cell(1), hours_cell(543.75)};
  return t;
}

ReportChart monthly_chart() {
  ReportChart c;
  c.key = "mensuel";
  c.title = "Consommation mensuelle — lot 1";
  c.unit = "h";
  c.series = {{"Heures individuelles", {}}, {"Heures collectives", {}}};
  for (int i = 0; i < 24; ++i) {
    c.categories.push_back(std::string(kMonths[i % 12]) + " " + std::to_string(2024 + i / 12));
    c.series[0].values.push_back(600 + 35 * i);
    c.series[1].values.push_back(200 + (i * 53) % 400);
  }
  c.reference = 1650;
  c.reference_label = "Volume : 1\u00a0650\u00a0h";
  return c;
}

ReportChart psychologist_chart() {
  ReportChart c;
  c.key = "psychologue";
  c.title = "Part des entretiens avec un psychologue";
  c.unit = "%";
  c.categories = {"Lot 1", "Lot 2", "Lot 3"};
  c.series = {{"Part réalisée", {22.5, 31, 28}}};
  c.reference = 30;
  c.reference_label = "Objectif : 30\u00a0%";
  return c;
}

ReportDocument report() {
  ReportDocument d;
  d.header = report_header();
  d.facts = {{"Lot", "Lot 1 — SPIP du Cher et SPIP de l’Indre"},
             {"Prestataire", "Association Trajectoires Emploi"},
             {"Volume du marché", "1\u00a0650\u00a0h"},
             {"Heures réalisées", "543\u00a0h\u00a045"}};
  d.charts = {monthly_chart(), psychologist_chart()};
  d.tables = {volumes_table(), sessions_table(), equality_table()};
  return d;
}

// ---- PDF --------------------------------------------------------------------------------------

TEST(ReportDocuments, REP_1_PdfHasTitlesFactsHeadersAndTotals) {
  ReportDocumentRenderer renderer;
  const RenderedPdf pdf = renderer.report_pdf(report());
  save_for_review("report-lot-1", pdf);
  const std::vector<PdfPage> pages = read_back(pdf);
  ASSERT_EQ(static_cast<int>(pages.size()), pdf.pages);
  ASSERT_GE(pdf.pages, 4);
  const std::string all = all_text(pages);
  expect_all(all, {kTitle, "MINISTÈRE DE LA JUSTICE", "Édité le lundi 3 mars 2025",
                   "Volume du marché", "Lot 1 — SPIP du Cher et SPIP de l’Indre",
                   "Consommation des volumes par SPIP et par établissement",
                   "Heures réalisées : entretiens et ateliers émargés", "SPIP et établissement",
                   "Personnes suivies", "1\u00a0234,50\u00a0€", "lundi 3 mars 2025",
                   "Séances réalisées et délais de saisie", "Égalité d’accès", "Personne n° 1119",
                   "4\u00a0938,00\u00a0€", "120 séances"});
  // Flagged cells carry a marker, not only a shade; the legend says what it means.
  expect_all(all, {"⚠ En retard (J+4)", "⚠ 90,0 %", "⚠ : valeur signalée"});
}

TEST(ReportDocuments, REP_1_PageNumbersOnEveryPage) {
  ReportDocumentRenderer renderer;
  const RenderedPdf pdf = renderer.report_pdf(report());
  const std::vector<PdfPage> pages = read_back(pdf);
  const std::string of = " sur " + std::to_string(pdf.pages);
  for (std::size_t i = 0; i < pages.size(); ++i)
    EXPECT_TRUE(contains(pages[i].text, "Page " + std::to_string(i + 1) + of)) << "page " << i + 1;
}

TEST(ReportDocuments, REP_1_LongTableRepeatsItsHeaderOnEveryPage) {
  ReportDocumentRenderer renderer;
  const std::vector<PdfPage> pages = read_back(renderer.report_pdf(report()));
  int continued = 0;
  for (const PdfPage& page : pages) {
    if (!contains(page.text, "Personne n° 1") ||
        contains(page.text, "Séances réalisées et délais de saisie"))
      continue;
    ++continued;  // a page the sessions table runs onto
    expect_all(page.text, {"Date Personne Activité Durée Saisie"});
  }
  EXPECT_GE(continued, 2);
  // The totals row never starts a page alone: the last session is on its page.
  for (const PdfPage& page : pages) {
    if (contains(page.text, "120 séances")) {
      EXPECT_TRUE(contains(page.text, "Personne n° 1119"));
    }
  }
}

TEST(ReportDocuments, REP_4_ChartTitleLegendAxisAndReferenceAreText) {
  ReportDocumentRenderer renderer;
  const std::string all = all_text(read_back(renderer.report_pdf(report())));
  expect_all(all, {"Consommation mensuelle — lot 1", "Heures individuelles", "Heures collectives",
                   "Volume : 1\u00a0650\u00a0h", "1\u00a0500\u00a0h", "2\u00a0000\u00a0h",
                   "Part des entretiens avec un psychologue", "Part réalisée",
                   "Objectif : 30\u00a0%", "30\u00a0%", "Lot 3"});
  // 24 months: every label is printed (turned), first and last included.
  expect_all(all, {"janv. 2024", "déc. 2025"});
}

TEST(ReportDocuments, REP_1_LandscapeOnlyWhenATableHasMoreThanSixColumns) {
  ReportDocumentRenderer renderer;
  for (const PdfPage& page : read_back(renderer.report_pdf(report()))) EXPECT_TRUE(page.landscape);
  ReportDocument narrow = report();
  narrow.tables.erase(narrow.tables.begin());
  const RenderedPdf pdf = renderer.report_pdf(narrow);
  save_for_review("report-portrait", pdf);
  for (const PdfPage& page : read_back(pdf)) EXPECT_FALSE(page.landscape);
}

TEST(ReportDocuments, REP_1_SameReportSameBytes) {
  ReportDocumentRenderer renderer;
  EXPECT_EQ(renderer.report_pdf(report()).bytes, renderer.report_pdf(report()).bytes);
}

TEST(ReportDocuments, REP_1_EmptyReportStillRenders) {
  ReportDocument d;
  d.header = report_header();
  d.charts.push_back(ReportChart{"vide", "Graphique sans données", "h", {}, {}, {}, ""});
  d.tables.push_back(ReportTable{"vide", "Tableau sans lignes", "", {"Date", "Heures"}, {}, {}});
  ReportDocumentRenderer renderer;
  const RenderedPdf pdf = renderer.report_pdf(d);
  EXPECT_EQ(pdf.pages, 1);
  expect_all(all_text(read_back(pdf)),
             {"Aucune donnée pour ce graphique.", "Aucune donnée pour cette période."});
  EXPECT_FALSE(renderer.report_xlsx(d).empty());
}

// ---- XLSX -------------------------------------------------------------------------------------

// Dumps a workbook as JSON: sheet names, properties, and per sheet the frozen cell, the filter
// range and every cell (value, Python type, number format, bold).
const char* const kDumpScript = R"(
import datetime, json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
def value(v):
    return v.isoformat() if isinstance(v, (datetime.datetime, datetime.date)) else v
out = {"sheets": wb.sheetnames, "title": wb.properties.title, "creator": wb.properties.creator,
       "created": value(wb.properties.created), "cells": {}}
for ws in wb.worksheets:
    rows = [[{"v": value(c.value), "t": type(c.value).__name__, "f": c.number_format,
              "b": bool(c.font.b)} for c in row] for row in ws.iter_rows()]
    out["cells"][ws.title] = {"rows": rows, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref}
print(json.dumps(out))
)";

std::string python() {
  return std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

json dump_xlsx(const std::string& name, const std::string& bytes) {
  const std::string base = documents_dir() + "/" + name;
  write_file(base + ".xlsx", bytes);
  write_file(documents_dir() + "/dump_xlsx.py", kDumpScript);
  const std::string command =
      python() + " '" + documents_dir() + "/dump_xlsx.py' '" + base + ".xlsx' 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string out;
  char buffer[4096];
  while (pipe && std::fgets(buffer, sizeof buffer, pipe.get()) != nullptr) out += buffer;
  const json parsed = json::parse(out, nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << out;
  return parsed;
}

const json& cell_at(const json& book, const std::string& sheet, int row, int col) {
  return book["cells"][sheet]["rows"][row - 1][col - 1];
}

TEST(ReportDocuments, REP_1_XlsxHasSummaryAndOneSheetPerTable) {
  ReportDocumentRenderer renderer;
  const json book = dump_xlsx("report-lot-1", renderer.report_xlsx(report()));
  ASSERT_TRUE(book.is_object());
  EXPECT_EQ(book["sheets"],
            json({"Synthèse", "volumes", "seances", "egalite_acces_femmes_hommes_par"}));
  EXPECT_EQ(book["title"], kTitle);
  EXPECT_EQ(book["creator"], "Parcours");
  EXPECT_EQ(book["created"], "2025-03-03T00:00:00");
  EXPECT_EQ(cell_at(book, "Synthèse", 1, 1)["v"], kTitle);
  EXPECT_TRUE(cell_at(book, "Synthèse", 1, 1)["b"]);
  EXPECT_EQ(cell_at(book, "Synthèse", 3, 1)["v"], "Édité le lundi 3 mars 2025");
  EXPECT_EQ(cell_at(book, "Synthèse", 5, 1)["v"], "Lot");
  EXPECT_EQ(cell_at(book, "Synthèse", 5, 2)["v"], "Lot 1 — SPIP du Cher et SPIP de l’Indre");
}

TEST(ReportDocuments, REP_1_XlsxCellsAreTyped) {
  ReportDocumentRenderer renderer;
  const json book = dump_xlsx("report-lot-1", renderer.report_xlsx(report()));
  ASSERT_TRUE(book.is_object());
  const std::string s = "volumes";
  EXPECT_EQ(cell_at(book, s, 1, 1)["v"], "Consommation des volumes par SPIP et par établissement");
  EXPECT_EQ(cell_at(book, s, 3, 1)["v"], "SPIP et établissement");
  EXPECT_TRUE(cell_at(book, s, 3, 7)["b"]);
  EXPECT_EQ(book["cells"][s]["freeze"], "A4");
  EXPECT_EQ(book["cells"][s]["filter"], "A3:G7");
  const json& hours = cell_at(book, s, 4, 3);  // 1 h 30
  EXPECT_EQ(hours["v"], 1.5);
  EXPECT_EQ(hours["f"], "0.00");
  const json& percent = cell_at(book, s, 4, 4);
  EXPECT_EQ(percent["v"], 0.452);
  EXPECT_NE(percent["f"].get<std::string>().find('%'), std::string::npos);
  const json& money = cell_at(book, s, 4, 5);
  EXPECT_EQ(money["v"], 1234.5);
  EXPECT_NE(money["f"].get<std::string>().find("€"), std::string::npos);
  const json& date = cell_at(book, s, 4, 6);
  EXPECT_EQ(date["t"], "datetime");
  EXPECT_EQ(date["v"], "2025-03-03T00:00:00");
  EXPECT_EQ(date["f"], "dd/mm/yyyy");
  EXPECT_EQ(cell_at(book, s, 4, 7)["t"], "int");
  EXPECT_EQ(cell_at(book, s, 4, 7)["v"], 12);
}

TEST(ReportDocuments, REP_1_XlsxTotalsRowIsBoldAndTyped) {
  ReportDocumentRenderer renderer;
  const json book = dump_xlsx("report-lot-1", renderer.report_xlsx(report()));
  ASSERT_TRUE(book.is_object());
  const std::string s = "volumes";
  EXPECT_EQ(cell_at(book, s, 8, 1)["v"], "Total");
  EXPECT_TRUE(cell_at(book, s, 8, 1)["b"]);
  EXPECT_EQ(cell_at(book, s, 8, 3)["v"], 543.75);
  EXPECT_TRUE(cell_at(book, s, 8, 3)["b"]);
  EXPECT_EQ(cell_at(book, s, 8, 7)["v"], 54);
  const json& sessions = book["cells"]["seances"]["rows"];
  EXPECT_EQ(sessions.size(), 2u + 1u + 120u + 1u);  // title, legend of flags, header, rows, totals
  EXPECT_EQ(sessions.back()[3]["v"], 210);
  EXPECT_EQ(sessions[3][0]["t"], "datetime");
}

// DL-3 at a DISP's scale: a long list is abridged on paper, whole in the workbook.
TEST(ReportDocuments, REP_1_LongListIsAbridgedInThePdfAndWholeInTheXlsx) {
  ReportDocument d = report();
  for (auto& t : d.tables)
    if (t.key == "seances") t.shown_rows = 30;
  ReportDocumentRenderer renderer;
  std::string all;
  for (const PdfPage& page : read_back(renderer.report_pdf(d))) all += page.text + "\n";
  expect_all(all, {"Les 30 premières lignes sur 120 sont affichées ; les exports Excel et CSV "
                   "contiennent la liste complète.",
                   "Personne n° 1029"});
  EXPECT_FALSE(contains(all, "Personne n° 1030"));
  EXPECT_TRUE(contains(all, "120 séances"));  // the totals still count every row
  const json book = dump_xlsx("report-abridged", renderer.report_xlsx(d));
  ASSERT_TRUE(book.is_object());
  EXPECT_EQ(book["cells"]["seances"]["rows"].size(), 2u + 1u + 120u + 1u);
}

TEST(ReportDocuments, REP_1_XlsxSheetNamesAreShortAndUnique) {
  ReportDocument d;
  d.header = report_header();
  const std::string key = "consommation_des_volumes_par_lot_et_par_mois";
  d.tables = {ReportTable{key, "Premier", "", {"A"}, {}, {}},
              ReportTable{key + "_bis", "Second", "", {"A"}, {}, {}},
              ReportTable{"seances", "Troisième", "", {"A"}, {}, {}},
              ReportTable{"SEANCES", "Quatrième", "", {"A"}, {}, {}}};
  ReportDocumentRenderer renderer;
  const json book = dump_xlsx("report-names", renderer.report_xlsx(d));
  ASSERT_TRUE(book.is_object());
  EXPECT_EQ(book["sheets"], json({"Synthèse", "consommation_des_volumes_par_lo",
                                  "consommation_des_volumes_par_~2", "seances", "SEANCES~2"}));
}

TEST(ReportDocuments, REP_1_XlsxSameReportSameBytes) {
  ReportDocumentRenderer renderer;
  const std::string first = renderer.report_xlsx(report());
  // The creation date comes from the header, not the clock: a later second gives the same bytes.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(first, renderer.report_xlsx(report()));
  EXPECT_EQ(first.substr(0, 2), "PK");
}

}  // namespace
}  // namespace parcours
