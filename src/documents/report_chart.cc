// The bar charts of a report PDF (SPEC REP-4, INV-1), drawn with cairo, their text set by pango
// so that it can be read back from the PDF: bars grouped by category (one per series), a y axis
// of 4 to 6 round ticks in French number format with the unit, category labels turned upright
// when they do not fit side by side (24 months stay readable; a quarter turn, not 45°, so that
// PDF readers still find the words), a legend, and the optional dashed reference line with its
// label. Series differ by colour, lightness and hatching, so that a
// greyscale print keeps them apart.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <memory>
#include <numbers>

#include "documents/document_parts.h"
#include "documents/report_layout.h"

namespace parcours::pdf {
namespace {

inline constexpr double kChartHeight = mm(80);
inline constexpr double kLabelCap = mm(26);  // category labels longer than this are ellipsised
inline constexpr double kSwatch = 9;
inline constexpr double kTickGap = 4;
inline constexpr double kRightPad = 4;

struct Rgb {
  double r, g, b;
};
enum class Hatch { none, diagonal, horizontal, cross };
struct SeriesLook {
  Rgb colour;
  Hatch hatch;
};
// Dark blue, orange, green, grey: far apart in lightness as well as in hue.
constexpr SeriesLook kLooks[] = {{{0.12, 0.31, 0.55}, Hatch::none},
                                 {{0.93, 0.58, 0.16}, Hatch::diagonal},
                                 {{0.40, 0.65, 0.42}, Hatch::horizontal},
                                 {{0.35, 0.35, 0.35}, Hatch::cross}};
constexpr Rgb kReferenceColour{0.70, 0.08, 0.08};

const SeriesLook& look(std::size_t series) {
  return kLooks[series % std::size(kLooks)];
}

// The value axis: from `low` to `high` by `step`, zero included.
struct Axis {
  double low = 0;
  double high = 1;
  double step = 1;
  int decimals = 0;
  int intervals() const { return static_cast<int>(std::lround((high - low) / step)); }
};

// The smallest step of 1, 2, 2.5 or 5 times a power of ten that covers [low, high] in at most 5
// intervals: 4 to 6 ticks, since each candidate step is at most twice the one before.
Axis nice_axis(double low, double high) {
  low = std::min(low, 0.0);
  high = std::max(high, 0.0);
  if (high - low <= 0) high = low + 1;
  const int base = static_cast<int>(std::floor(std::log10((high - low) / 5)));
  for (int e = base - 1; e <= base + 2; ++e) {
    for (const double m : {1.0, 2.0, 2.5, 5.0}) {
      const double step = m * std::pow(10.0, e);
      const double lo = std::floor(low / step + 1e-9) * step;
      const double hi = std::ceil(high / step - 1e-9) * step;
      if ((hi - lo) / step <= 5 + 1e-9) return {lo, hi, step, std::max(0, (m == 2.5) - e)};
    }
  }
  return {low, high, (high - low) / 5, 2};
}

// The axis covers every bar and the reference line; values that are not numbers are skipped
// (no bar).
Axis axis_of(const ReportChart& c) {
  std::vector<double> values;
  for (const ChartSeries& s : c.series)
    values.insert(values.end(), s.values.begin(), s.values.end());
  if (c.reference) values.push_back(*c.reference);
  double low = 0;
  double high = 0;
  for (const double v : values) {
    if (!std::isfinite(v)) continue;
    low = std::min(low, v);
    high = std::max(high, v);
  }
  return nice_axis(low, high);
}

TextStyle chart_style(double size, bool bold = false, Align align = Align::left) {
  TextStyle s;
  s.size = size;
  s.bold = bold;
  s.align = align;
  return s;
}

struct LegendItem {
  Layout label;
  std::size_t series = 0;
  double x = 0;
  double y = 0;
};

// Everything measured before painting; coordinates from the top-left corner of the chart.
struct ChartPlan {
  ReportChart data;
  Axis axis;
  double width = 0;
  double plot_left = 0, plot_right = 0, plot_top = 0, plot_bottom = 0;
  std::vector<Layout> ticks;  // from low to high
  double label_height = 0;    // of one line of category label
  bool rotated = false;
  std::vector<Layout> categories;
  std::vector<LegendItem> legend;
  Layout reference;

  double group() const { return (plot_right - plot_left) / data.categories.size(); }
  double y_of(double v) const {
    return plot_bottom - (v - axis.low) / (axis.high - axis.low) * (plot_bottom - plot_top);
  }
};

std::string tick_label(const Axis& axis, int i, const std::string& unit) {
  const std::string number = french_number(axis.low + i * axis.step, axis.decimals);
  return unit.empty() ? number : number + "\u00a0" + unit;
}

// The legend wraps over as many lines as it needs; returns its height.
double plan_legend(const PdfCanvas& canvas, ChartPlan& p) {
  double x = 0;
  double y = 0;
  double line = 0;
  for (std::size_t s = 0; s < p.data.series.size(); ++s) {
    Layout label = canvas.layout(text(p.data.series[s].label, chart_style(8)), p.width);
    const double w = kSwatch + 4 + layout_width(label.get());
    line = std::max(line, layout_height(label.get()));
    if (x > 0 && x + w > p.width) {
      x = 0;
      y += line + 3;
    }
    p.legend.push_back({label, s, x, y});
    x += w + 14;
  }
  return p.legend.empty() ? 0 : y + line;
}

double plan_ticks(const PdfCanvas& canvas, ChartPlan& p) {
  double widest = 0;
  for (int i = 0; i <= p.axis.intervals(); ++i) {
    p.ticks.push_back(canvas.layout(
        text(tick_label(p.axis, i, p.data.unit), chart_style(7, false, Align::right)), mm(30)));
    widest = std::max(widest, layout_width(p.ticks.back().get()));
  }
  return widest;
}

// Labels side by side when the widest fits its group, else turned upright; returns the height
// they take under the axis.
double plan_categories(const PdfCanvas& canvas, ChartPlan& p) {
  std::vector<double> widths;
  for (const std::string& c : p.data.categories)
    widths.push_back(std::min(natural_width(canvas, text(c, chart_style(7))), kLabelCap));
  const double widest = widths.empty() ? 0 : *std::max_element(widths.begin(), widths.end());
  p.label_height = layout_height(canvas.layout(text("Ag", chart_style(7)), p.width).get());
  p.rotated = widest > p.group() - 3;
  TextStyle style = chart_style(7, false, p.rotated ? Align::right : Align::center);
  style.single_line = true;
  for (const std::string& c : p.data.categories)
    p.categories.push_back(canvas.layout(text(c, style), p.rotated ? kLabelCap : p.group()));
  return (p.rotated ? widest : p.label_height) + 6;
}

std::shared_ptr<ChartPlan> plan_chart(const PdfCanvas& canvas, const ReportChart& c, double width) {
  auto p = std::make_shared<ChartPlan>();
  p->data = c;
  p->width = width;
  p->axis = axis_of(c);
  p->plot_top = plan_legend(canvas, *p) + mm(4);
  p->plot_left = plan_ticks(canvas, *p) + kTickGap + 2;
  p->plot_right = width - kRightPad;
  const double labels = plan_categories(canvas, *p);
  p->plot_bottom = kChartHeight - labels;
  if (c.reference && !c.reference_label.empty())
    p->reference = canvas.layout(text(c.reference_label, chart_style(7.5, true, Align::right)),
                                 p->plot_right - p->plot_left);
  return p;
}

// ---- Painting ---------------------------------------------------------------------------------

void set_rgb(cairo_t* cr, const Rgb& c) {
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

void segment(cairo_t* cr, double x0, double y0, double x1, double y1) {
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
}

// The path of the hatching of a w × h box at (x, y); drawn clipped to the box.
void hatch_lines(cairo_t* cr, Hatch hatch, double x, double y, double w, double h) {
  const double gap = 3.2;
  if (hatch == Hatch::horizontal)
    for (double yy = y + h - gap / 2; yy > y; yy -= gap) segment(cr, x, yy, x + w, yy);
  if (hatch == Hatch::diagonal || hatch == Hatch::cross)
    for (double t = -h; t < w; t += gap) segment(cr, x + t, y + h, x + t + h, y);
  if (hatch == Hatch::cross)
    for (double t = -h; t < w; t += gap) segment(cr, x + t, y, x + t + h, y + h);
}

// A bar or a legend swatch of series `s`: colour, white hatching, thin dark outline.
void paint_swatch(cairo_t* cr, std::size_t s, double x, double y, double w, double h) {
  cairo_rectangle(cr, x, y, w, h);
  set_rgb(cr, look(s).colour);
  cairo_fill(cr);
  if (look(s).hatch != Hatch::none) {
    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_clip(cr);
    hatch_lines(cr, look(s).hatch, x, y, w, h);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, 0.9);
    cairo_stroke(cr);
    cairo_restore(cr);
  }
  cairo_rectangle(cr, x, y, w, h);
  set_gray(cr, 0.15);
  cairo_set_line_width(cr, 0.3);
  cairo_stroke(cr);
}

void paint_legend(cairo_t* cr, const ChartPlan& p) {
  for (const LegendItem& item : p.legend) {
    const double h = layout_height(item.label.get());
    paint_swatch(cr, item.series, item.x, item.y + (h - kSwatch * 0.8) / 2, kSwatch, kSwatch * 0.8);
    draw_layout(cr, item.label.get(), item.x + kSwatch + 4, item.y, 0.0);
  }
}

void paint_grid(cairo_t* cr, const ChartPlan& p) {
  for (int i = 0; i <= p.axis.intervals(); ++i) {
    const double y = p.y_of(p.axis.low + i * p.axis.step);
    draw_hline(cr, p.plot_left, y, p.plot_right - p.plot_left, 0.4, 0.82);
    const Layout& label = p.ticks[static_cast<std::size_t>(i)];
    const double h = layout_height(label.get());
    draw_layout(cr, label.get(), p.plot_left - kTickGap - mm(30), y - h / 2, 0.2);
  }
}

void paint_bars(cairo_t* cr, const ChartPlan& p) {
  const std::size_t count = p.data.series.size();
  const double group = p.group();
  const double inner = group * (count == 1 ? 0.6 : 0.8);
  const double bar = inner / count;
  const double zero = p.y_of(0);
  for (std::size_t c = 0; c < p.data.categories.size(); ++c) {
    const double left = p.plot_left + c * group + (group - inner) / 2;
    for (std::size_t s = 0; s < count; ++s) {
      const std::vector<double>& values = p.data.series[s].values;
      if (c >= values.size() || !std::isfinite(values[c])) continue;
      const double y = p.y_of(values[c]);
      if (std::abs(y - zero) < 0.1) continue;
      paint_swatch(cr, s, left + s * bar, std::min(y, zero), bar, std::abs(y - zero));
    }
  }
}

void paint_axes(cairo_t* cr, const ChartPlan& p) {
  draw_hline(cr, p.plot_left, p.y_of(0), p.plot_right - p.plot_left, 0.8, 0.0);
  set_gray(cr, 0.0);
  cairo_set_line_width(cr, 0.8);
  segment(cr, p.plot_left, p.plot_top, p.plot_left, p.plot_bottom);
  cairo_stroke(cr);
}

// An upright label ends under the middle of its group and reads upwards.
void paint_category_labels(cairo_t* cr, const ChartPlan& p) {
  const double group = p.group();
  for (std::size_t c = 0; c < p.categories.size(); ++c) {
    const double middle = p.plot_left + (c + 0.5) * group;
    PangoLayout* label = p.categories[c].get();
    if (!p.rotated) {
      draw_layout(cr, label, middle - group / 2, p.plot_bottom + 3, 0.0);
      continue;
    }
    cairo_save(cr);
    cairo_translate(cr, middle, p.plot_bottom + 3);
    cairo_rotate(cr, -std::numbers::pi / 2);
    draw_layout(cr, label, -kLabelCap, -p.label_height / 2, 0.0);
    cairo_restore(cr);
  }
}

// The dashed line across the plot and its label at the right end, above the line unless that
// would leave the plot, on a white ground so that bars do not hide it.
void paint_reference(cairo_t* cr, const ChartPlan& p) {
  if (!p.data.reference) return;
  const double y = p.y_of(*p.data.reference);
  cairo_save(cr);
  const double dash[] = {5, 3};
  cairo_set_dash(cr, dash, 2, 0);
  set_rgb(cr, kReferenceColour);
  cairo_set_line_width(cr, 1.3);
  segment(cr, p.plot_left, y, p.plot_right, y);
  cairo_stroke(cr);
  cairo_restore(cr);
  if (!p.reference) return;
  const double w = layout_width(p.reference.get());
  const double h = layout_height(p.reference.get());
  const double top = y - h - 1.5 >= p.plot_top ? y - h - 1.5 : y + 1.5;
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, p.plot_right - w - 3, top, w + 3, h);
  cairo_fill(cr);
  set_rgb(cr, kReferenceColour);
  cairo_move_to(cr, p.plot_left, top);
  pango_cairo_show_layout(cr, p.reference.get());
}

void paint_chart(cairo_t* cr, const ChartPlan& p, double x, double y) {
  cairo_save(cr);
  cairo_translate(cr, x, y);
  paint_legend(cr, p);
  paint_grid(cr, p);
  paint_bars(cr, p);
  paint_axes(cr, p);
  paint_category_labels(cr, p);
  paint_reference(cr, p);
  cairo_restore(cr);
}

}  // namespace

std::string french_number(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string digits(buffer);
  std::string sign;
  if (!digits.empty() && digits.front() == '-') sign = "-", digits.erase(0, 1);
  const std::size_t point = digits.find('.');
  std::string whole = digits.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : "," + digits.substr(point + 1);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3)
    whole.insert(static_cast<std::size_t>(i), "\u00a0");
  if (whole.find_first_not_of("0\u00a0") == std::string::npos &&
      fraction.find_first_not_of(",0") == std::string::npos)
    sign.clear();  // no "-0"
  return sign + whole + fraction;
}

void add_report_chart(Flow& flow, const ReportChart& chart) {
  section_title(flow, chart.title);
  flow.keep_last_with_next();
  if (chart.categories.empty() || chart.series.empty()) {
    flow.paragraph(text("Aucune donnée pour ce graphique.", note_style()));
    return;
  }
  std::shared_ptr<const ChartPlan> plan = plan_chart(flow.canvas(), chart, flow.width());
  Slice slice;
  slice.height = kChartHeight;
  slice.paint = [plan](cairo_t* cr, double x, double y) { paint_chart(cr, *plan, x, y); };
  flow.add(std::move(slice));
}

}  // namespace parcours::pdf
