// A report as PDF (SPEC REP-1, REP-4, INV-1): the header block of the printed documents, the
// facts, the charts, then the tables. Portrait unless a table is too wide for it.
#include <algorithm>

#include "documents/document_parts.h"
#include "documents/render.h"
#include "documents/report_layout.h"
#include "documents/report_renderer.h"

namespace parcours {
namespace pdf {
namespace {

inline constexpr double kFactsMaxWidth = mm(180);
inline constexpr double kFactsKeyMaxWidth = mm(70);
inline constexpr double kFactsFill = 0.94;

TextStyle fact_style(bool bold) {
  TextStyle s = body_style();
  s.size = 8.5;
  s.bold = bold;
  return s;
}

// The key column is as wide as the longest key, up to kFactsKeyMaxWidth.
double key_width(const PdfCanvas& canvas, const Facts& facts, double padding) {
  double widest = 0;
  for (const auto& [key, value] : facts)
    widest = std::max(widest, natural_width(canvas, text(key, fact_style(true))));
  return std::min(widest + 2 * padding + 1, kFactsKeyMaxWidth);
}

}  // namespace

double natural_width(const PdfCanvas& canvas, const Text& t) {
  Text line = t;
  line.style.align = Align::left;
  line.style.single_line = false;
  const Layout layout = canvas.layout(line, 1e5);
  return layout_width(layout.get());
}

void add_report_facts(Flow& flow, const Facts& facts) {
  if (facts.empty()) return;
  Table table;
  const double width = std::min(flow.width(), kFactsMaxWidth);
  const double key = key_width(flow.canvas(), facts, table.padding);
  table.widths = {key, width - key};
  for (const auto& [k, v] : facts)
    table.rows.push_back(
        {cell(text(k, fact_style(true)), kFactsFill), cell(text(v, fact_style(false)))});
  add_table(flow, table);
  flow.space(mm(2));
}

namespace {

// REP-4: denser than the facts, so that the key figures of a DISP's lots hold on one page.
void add_key_figures(Flow& flow, const Facts& figures) {
  Table table;
  table.padding = mm(0.9);
  const double width = flow.width();
  double widest = 0;
  for (const auto& [k, v] : figures)
    widest = std::max(widest, natural_width(flow.canvas(), text(k, fact_style(true))));
  const double key = std::min(widest + 2 * table.padding + 1, mm(95));
  table.widths = {key, width - key};
  for (const auto& [k, v] : figures)
    table.rows.push_back(
        {cell(text(k, fact_style(true)), kFactsFill), cell(text(v, fact_style(false)))});
  add_table(flow, table);
}

}  // namespace
}  // namespace pdf

namespace {

// SPEC REP-1: a table of more than 6 columns does not fit across a portrait page.
pdf::Orientation orientation_for(const ReportDocument& d) {
  const bool wide = std::any_of(d.tables.begin(), d.tables.end(),
                                [](const ReportTable& t) { return t.columns.size() > 6; });
  return wide ? pdf::Orientation::landscape : pdf::Orientation::portrait;
}

}  // namespace

RenderedPdf ReportDocumentRenderer::report_pdf(const ReportDocument& d) {
  const auto build = [&d](pdf::Flow& flow) {
    pdf::add_report_facts(flow, d.facts);
    if (!d.key_figures.empty()) {
      pdf::section_title(flow, "Chiffres clés");
      pdf::add_key_figures(flow, d.key_figures);
      flow.page_break();
    }
    for (const ReportChart& chart : d.charts) pdf::add_report_chart(flow, chart);
    for (const ReportTable& table : d.tables) pdf::add_report_table(flow, table);
  };
  return pdf::render_pdf(d.header, build, orientation_for(d));
}

}  // namespace parcours
