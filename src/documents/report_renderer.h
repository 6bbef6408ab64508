// The PDF and XLSX implementation of the report port (DESIGN §1, SPEC REP-1, REP-4, INV-1):
// - report_pdf (report_pdf.cc): A4 with cairo + pango on the engine of the printed documents,
//   landscape when a table has more than 6 columns; the header block, the facts, the bar charts
//   (report_chart.cc), then the tables (report_table.cc) with their column headers repeated on
//   every page, "Page N sur M" at the foot of each page;
// - report_xlsx (report_xlsx.cc): libxlsxwriter, a "Synthèse" sheet then one typed sheet per
//   table.
// The same document with the same header.created_at_iso gives the same bytes. Stateless; one
// renderer may serve several threads. Throws std::runtime_error when cairo or libxlsxwriter
// fails (an adapter border, DESIGN §4.3).
#pragma once

#include <string>

#include "app/reports.h"

namespace parcours {

class ReportDocumentRenderer final : public ReportRenderer {
 public:
  RenderedPdf report_pdf(const ReportDocument& d) override;
  std::string report_xlsx(const ReportDocument& d) override;
};

}  // namespace parcours
