// The data tables of a report PDF (SPEC REP-1): column widths from their content, numbers
// aligned right, the header row repeated on every page, the totals row in bold and kept with the
// row before it, flagged cells emphasised without relying on colour (bold, "⚠", shading).
#include <algorithm>
#include <numeric>
#include <utility>

#include "documents/document_parts.h"
#include "documents/report_layout.h"

namespace parcours::pdf {
namespace {

inline constexpr double kTotalsFill = 0.93;
inline constexpr double kFlaggedFill = 0.86;
inline constexpr double kMinColumn = mm(9);
inline constexpr double kMaxGrowth = 1.5;       // a narrow table grows at most this much
inline constexpr std::size_t kShortTable = 15;  // rows (totals included) kept on one page
inline constexpr const char* kFlagMarker = "⚠\u00a0";
inline constexpr const char* kFlagLegend = "⚠\u00a0: valeur signalée (en gras sur fond grisé).";

// A cell before measuring: its text and background.
struct Pending {
  Text text;
  double fill = 1.0;
};

// The table's cells, every row as wide as the header; the totals row last.
struct Grid {
  std::vector<Pending> header;
  std::vector<std::vector<Pending>> rows;
  bool has_totals = false;
};

bool numeric(CellKind kind) {
  return kind == CellKind::count || kind == CellKind::hours || kind == CellKind::percent ||
         kind == CellKind::money;
}

// A column holds numbers when its first cell does (body rows first, then totals).
Align column_align(const ReportTable& t, std::size_t column) {
  for (const auto& row : t.rows)
    if (column < row.size()) return numeric(row[column].kind) ? Align::right : Align::left;
  if (column < t.totals.size() && numeric(t.totals[column].kind)) return Align::right;
  return Align::left;
}

Pending header_pending(const std::string& label, Align align) {
  TextStyle s = emphasis_style(7.5);
  s.align = align;
  return {text(label, s), kHeaderFill};
}

Pending cell_pending(const ReportCell& c, Align align, bool total) {
  TextStyle s = cell_style();
  s.align = align;
  s.bold = total || c.flagged;
  const double fill = c.flagged ? kFlaggedFill : (total ? kTotalsFill : 1.0);
  return {text(c.flagged ? kFlagMarker + c.text : c.text, s), fill};
}

std::vector<Pending> row_pending(const std::vector<ReportCell>& cells,
                                 const std::vector<Align>& aligns, bool total) {
  std::vector<Pending> row;
  for (std::size_t i = 0; i < aligns.size(); ++i)
    row.push_back(cell_pending(i < cells.size() ? cells[i] : ReportCell{}, aligns[i], total));
  return row;
}

Grid grid_of(const ReportTable& t) {
  std::vector<Align> aligns;
  for (std::size_t i = 0; i < t.columns.size(); ++i) aligns.push_back(column_align(t, i));
  Grid g;
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    g.header.push_back(header_pending(t.columns[i], aligns[i]));
  for (std::size_t i = 0; i < shown_row_count(t); ++i)
    g.rows.push_back(row_pending(t.rows[i], aligns, false));
  g.has_totals = !t.totals.empty();
  if (g.has_totals) g.rows.push_back(row_pending(t.totals, aligns, true));
  return g;
}

// The widest word of a header label: headers wrap between words, never inside one.
double widest_word(const PdfCanvas& canvas, const Text& label) {
  double widest = 0;
  std::string word;
  const std::string all = label.runs.empty() ? "" : label.runs.front().text + " ";
  for (char ch : all) {
    if (ch != ' ') {
      word += ch;
      continue;
    }
    if (!word.empty()) widest = std::max(widest, natural_width(canvas, text(word, label.style)));
    word.clear();
  }
  return widest;
}

// Each column's wish (its widest cell on one line) and floor (its header's widest word).
void column_needs(const PdfCanvas& canvas, const Grid& g, double padding, std::vector<double>& want,
                  std::vector<double>& floor) {
  const double extra = 2 * padding + 1;
  for (const Pending& h : g.header) {
    floor.push_back(std::max(widest_word(canvas, h.text) + extra, kMinColumn));
    want.push_back(floor.back());
  }
  for (const auto& row : g.rows)
    for (std::size_t i = 0; i < row.size(); ++i)
      want[i] = std::max(want[i], natural_width(canvas, row[i].text) + extra);
}

std::vector<double> scaled(std::vector<double> widths, double total) {
  const double sum = std::accumulate(widths.begin(), widths.end(), 0.0);
  for (double& w : widths) w *= total / sum;
  return widths;
}

std::vector<double> capped(const std::vector<double>& want, const std::vector<double>& floor,
                           double cap) {
  std::vector<double> widths;
  for (std::size_t i = 0; i < want.size(); ++i)
    widths.push_back(std::max(floor[i], std::min(want[i], cap)));
  return widths;
}

double sum_of(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0);
}

// When the wishes fit, each column grows in proportion, up to kMaxGrowth or the full width (a
// narrow table keeps its numbers near their labels). Otherwise the table fills `width`: the
// widest columns are capped at one common width (they wrap) and narrow ones keep their wish.
std::vector<double> fit_columns(const std::vector<double>& want, const std::vector<double>& floor,
                                double width) {
  if (sum_of(want) <= width) return scaled(want, std::min(width, sum_of(want) * kMaxGrowth));
  if (sum_of(floor) >= width) return scaled(floor, width);
  double low = 0;
  double high = *std::max_element(want.begin(), want.end());
  for (int i = 0; i < 40; ++i) {
    const double cap = (low + high) / 2;
    (sum_of(capped(want, floor, cap)) > width ? high : low) = cap;
  }
  return scaled(capped(want, floor, low), width);
}

std::vector<Cell> cells_of(const std::vector<Pending>& row) {
  std::vector<Cell> cells;
  for (const Pending& p : row) cells.push_back(cell(p.text, p.fill));
  return cells;
}

bool has_flagged(const ReportTable& t) {
  const auto flagged = [](const std::vector<ReportCell>& row) {
    return std::any_of(row.begin(), row.end(), [](const ReportCell& c) { return c.flagged; });
  };
  return std::any_of(t.rows.begin(), t.rows.end(), flagged) || flagged(t.totals);
}

// A line under the title, kept with the table (its space after included).
void heading_line(Flow& flow, const std::string& line) {
  flow.paragraph(text(line, note_style()), mm(1.2), true);
  flow.keep_last_with_next();
}

void table_heading(Flow& flow, const ReportTable& t) {
  section_title(flow, t.title);
  flow.keep_last_with_next();
  if (!t.note.empty()) heading_line(flow, t.note);
  if (const std::string abridged = abridged_note(t); !abridged.empty())
    heading_line(flow, abridged);
  if (has_flagged(t)) heading_line(flow, kFlagLegend);
}

}  // namespace

void add_report_table(Flow& flow, const ReportTable& t) {
  table_heading(flow, t);
  if (t.columns.empty()) return;
  const Grid g = grid_of(t);
  Table table;
  std::vector<double> want;
  std::vector<double> floor;
  column_needs(flow.canvas(), g, table.padding, want, floor);
  table.widths = fit_columns(want, floor, flow.width());
  table.header = cells_of(g.header);
  for (const auto& row : g.rows) table.rows.push_back(cells_of(row));
  table.keep_last_rows = g.has_totals ? 1 : 0;
  table.keep_together = g.rows.size() <= kShortTable;
  add_table(flow, table);
  if (t.rows.empty()) flow.paragraph(text("Aucune donnée pour cette période.", note_style()));
}

}  // namespace parcours::pdf
