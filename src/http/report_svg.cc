#include "http/report_svg.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace parcours::http {
namespace {

constexpr double kWidth = 760, kHeight = 320;
constexpr double kLeft = 64, kRight = 16, kTop = 16, kBottom = 86;
// Colours of the Parcours theme, distinguishable in greyscale (dark, light, mid, hatched).
constexpr const char* kColours[] = {"#1d4e89", "#8fb8de", "#c05621", "#4a5568"};

std::string escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A round step giving about five ticks up to `max`.
double nice_step(double max) {
  if (max <= 0) return 1;
  const double raw = max / 5;
  const double mag = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (raw <= m * mag) return m * mag;
  return 10 * mag;
}

std::string number(double v) {
  std::string s =
      std::fabs(v - std::round(v)) < 1e-9 ? fmt::format("{:.0f}", v) : fmt::format("{:.1f}", v);
  for (char& c : s)
    if (c == '.') c = ',';
  // Thousands with a narrow no-break space.
  auto dot = s.find(',');
  std::size_t int_end = dot == std::string::npos ? s.size() : dot;
  for (int i = static_cast<int>(int_end) - 3; i > (s[0] == '-' ? 1 : 0); i -= 3)
    s.insert(static_cast<std::size_t>(i), "\u202f");
  return s;
}

std::string description(const ReportChart& c) {
  std::string d;
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    d += (i ? " ; " : "") + c.categories[i] + " :";
    for (const auto& s : c.series)
      d += " " + s.label + " " + number(i < s.values.size() ? s.values[i] : 0) + " " + c.unit;
  }
  return d;
}

}  // namespace

std::string chart_svg(const ReportChart& c) {
  double max = c.reference.value_or(0);
  for (const auto& s : c.series)
    for (double v : s.values) max = std::max(max, v);
  const double step = nice_step(max * 1.05);
  const double top = step * std::ceil(std::max(max, step) / step);
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto y_of = [&](double v) { return kTop + plot_h * (1 - v / top); };
  const std::string id = "graphique-" + c.key;
  std::string out = fmt::format(
      "<svg class=\"pc-chart__svg\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"{}-t "
      "{}-d\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{}-t\">{}</title><desc "
      "id=\"{}-d\">{}</desc>",
      kWidth, kHeight, id, id, id, escaped(c.title), id, escaped(description(c)));
  for (double v = 0; v <= top + 1e-9; v += step) {
    out += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#d0d7e2\"/><text "
        "x=\"{}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\" fill=\"#333\">{} {}</text>",
        kLeft, kWidth - kRight, y_of(v), y_of(v), kLeft - 6, y_of(v) + 4, escaped(number(v)),
        escaped(c.unit));
  }
  const std::size_t n = std::max<std::size_t>(1, c.categories.size());
  const double group_w = plot_w / static_cast<double>(n);
  const double bar_w =
      std::max(2.0, group_w * 0.8 / static_cast<double>(std::max<std::size_t>(1, c.series.size())));
  const bool slanted = n > 8;
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    const double x0 = kLeft + group_w * static_cast<double>(i) + group_w * 0.1;
    for (std::size_t s = 0; s < c.series.size(); ++s) {
      const double v = i < c.series[s].values.size() ? c.series[s].values[i] : 0;
      const double y = y_of(std::max(0.0, v));
      out += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
          "fill=\"{}\"><title>{} "
          "— {} : {} {}</title></rect>",
          x0 + bar_w * static_cast<double>(s), y, bar_w - 1, kTop + plot_h - y, kColours[s % 4],
          escaped(c.categories[i]), escaped(c.series[s].label), escaped(number(v)),
          escaped(c.unit));
    }
    const double cx = kLeft + group_w * (static_cast<double>(i) + 0.5);
    const double cy = kTop + plot_h + 14;
    out += slanted ? fmt::format(
                         "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\" text-anchor=\"end\" "
                         "transform=\"rotate(-40 {:.1f} {:.1f})\" fill=\"#333\">{}</text>",
                         cx, cy, cx, cy, escaped(c.categories[i]))
                   : fmt::format(
                         "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"middle\" "
                         "fill=\"#333\">{}</text>",
                         cx, cy, escaped(c.categories[i]));
  }
  if (c.reference) {
    const double y = y_of(*c.reference);
    out += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#b42318\" "
        "stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text x=\"{}\" y=\"{:.1f}\" "
        "font-size=\"11\" text-anchor=\"end\" fill=\"#b42318\">{}</text>",
        kLeft, kWidth - kRight, y, y, kWidth - kRight, y - 4, escaped(c.reference_label));
  }
  double lx = kLeft;
  for (std::size_t s = 0; s < c.series.size(); ++s) {
    out += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{:.1f}\" "
        "y=\"{}\" font-size=\"12\" fill=\"#222\">{}</text>",
        lx, kHeight - 18, kColours[s % 4], lx + 16, kHeight - 8, escaped(c.series[s].label));
    lx += 28 + 7.0 * static_cast<double>(c.series[s].label.size());
  }
  return out + "</svg>";
}

}  // namespace parcours::http
