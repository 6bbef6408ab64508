// The pieces of a report PDF (report_pdf.cc), appended to the flow of the document: the key
// figures, the bar charts (report_chart.cc) and the data tables (report_table.cc).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/reports.h"
#include "documents/flow.h"

namespace parcours::pdf {

using Facts = std::vector<std::pair<std::string, std::string>>;

// The facts as a two-column key/value block.
void add_report_facts(Flow& flow, const Facts& facts);

// The chart's title, then the chart itself: one indivisible band the width of the flow. Values
// and the reference are in the chart's unit (30 for "30 %", 1650 for "1 650 h").
void add_report_chart(Flow& flow, const ReportChart& chart);

// The table's title and note, then its rows under a header row repeated on every page, the
// totals row last in bold and never alone at the top of a page; a short table stays on one page.
// Flagged cells are bold, marked "⚠" and shaded, and a line under the note says so.
void add_report_table(Flow& flow, const ReportTable& table);

// A number written the French way: "1 500", "2,5", "-0,25" (a no-break space between groups of
// thousands, a decimal comma), with `decimals` digits after the comma.
std::string french_number(double value, int decimals);

// The width of `t` on one line, unwrapped.
double natural_width(const PdfCanvas& canvas, const Text& t);

}  // namespace parcours::pdf
