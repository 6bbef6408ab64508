// Figures as plain tables and charts (SPEC REP-1, REP-4, INV-1), and the port that renders
// them as PDF and XLSX (DESIGN §1: documents/ renders from plain structs, never queries).
//
// One shape serves every report: the lot dashboard, the monthly statement, deadline
// compliance, equal access, staff and the COPIL pack are each a ReportDocument. Pages show
// the same tables and charts (http/ draws charts as inline SVG, readable without JavaScript
// and when printed); CSV exports one table.
//
// Every text is final French text, already formatted by app/ ("12 h 30", "45,2 %",
// "1 234,50 €", "lundi 3 mars 2025"). Numeric cells also carry their value so spreadsheets get
// numbers, not text.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/documents.h"
#include "domain/types.h"

namespace parcours {

// How a cell's value is typed in a spreadsheet.
enum class CellKind {
  text,     // value unused
  count,    // whole number: value = the count
  hours,    // value = decimal hours (1 h 30 → 1.5); XLSX format "0.00"
  percent,  // value = fraction (45,2 % → 0.452); XLSX format "0.0 %"
  money,    // value = euros (1 234,50 € → 1234.5); XLSX format "# ##0.00 €"
  date,     // iso = "2025-03-03"; XLSX date cell shown "03/03/2025"
};

struct ReportCell {
  CellKind kind = CellKind::text;
  std::string text;  // what pages, PDFs and CSV show
  double value = 0;
  std::string iso;       // date cells only
  bool flagged = false;  // drawn emphasised (late deadline, flagged statement line, alert)
  std::string link;      // optional address (pages only): drill-down
};

struct ReportTable {
  std::string key;    // ASCII id, unique in a document: XLSX sheet name (≤ 31), CSV file name
  std::string title;  // "Consommation des volumes par lot"
  std::string note;   // optional sentence under the title (scope, definitions)
  std::vector<std::string> columns;
  std::vector<std::vector<ReportCell>> rows;
  std::vector<ReportCell> totals;  // empty: no totals row
  // A long list (the late deadlines of a whole DISP): the page and the PDF show the first
  // `shown_rows` rows (0: every row) and say so; CSV, XLSX and the API carry every row.
  std::size_t shown_rows = 0;
};

// How many rows the page and the PDF show, and the sentence saying the list is abridged
// ("" when every row is shown).
std::size_t shown_row_count(const ReportTable& t);
std::string abridged_note(const ReportTable& t);

struct ChartSeries {
  std::string label;           // "Heures individuelles"
  std::vector<double> values;  // one per category
};

// Bars grouped by category (one bar per series), with an optional horizontal reference line
// (a volume, the 30 % psychologist target, 100 %).
struct ReportChart {
  std::string key;
  std::string title;                    // "Consommation mensuelle — lot 1"
  std::string unit;                     // "h", "%": appended to axis labels
  std::vector<std::string> categories;  // "janv. 2025", "Lot 1", "Femmes"
  std::vector<ChartSeries> series;      // 1 to 4
  std::optional<double> reference;
  std::string reference_label;  // "Volume : 1 650 h"
};

struct ReportDocument {
  DocumentHeader header;  // title, subtitle (period, "arrêté au…"), generated_on, created_at_iso
  std::vector<std::pair<std::string, std::string>> facts;  // ("Lot", "Lot 1 — SPIP du Cher")
  // SPEC REP-4: the COPIL pack opens with its key figures on a page of their own, taken from
  // its own tables (volumes per lot, deadlines met, people, exits). Empty: no summary page.
  std::vector<std::pair<std::string, std::string>> key_figures;
  std::vector<ReportChart> charts;
  std::vector<ReportTable> tables;
};

// Renders a report (documents/ implements it with cairo + pango and libxlsxwriter).
class ReportRenderer {
 public:
  virtual ~ReportRenderer() = default;
  // A4 (landscape when a table has more than 6 columns): header and facts, the charts, then
  // every table, paginated with repeated column headers and "Page N sur M".
  virtual RenderedPdf report_pdf(const ReportDocument& d) = 0;
  // One sheet "Synthèse" with the header and facts, then one sheet per table (named by
  // key), typed cells, bold header row, frozen first row, totals row in bold.
  virtual std::string report_xlsx(const ReportDocument& d) = 0;
};

// Cells with their French text and typed value (domain/indicators.h formatting).
ReportCell text_cell(std::string text, bool flagged = false, std::string link = "");
ReportCell count_cell(long long n);
ReportCell hours_cell(long long minutes, bool flagged = false);
ReportCell percent_cell(double fraction, bool flagged = false);
ReportCell money_cell(long long cents);
ReportCell date_cell(Date d);

// SPEC REP-1: one table as CSV the way French spreadsheets read it (UTF-8 with BOM, ';',
// decimal comma, CRLF), totals row included.
std::string table_csv(const ReportTable& t);

}  // namespace parcours
