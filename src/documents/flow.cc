#include "documents/flow.h"

#include <utility>

namespace parcours::pdf {
namespace {

// One line of a paragraph layout, in layout coordinates (points).
struct LineBand {
  PangoLayoutLine* line;
  double top;
  double height;
  double baseline;  // from the top of the band
  double x;
};

std::vector<LineBand> line_bands(PangoLayout* layout) {
  std::vector<LineBand> bands;
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  do {
    int y0 = 0;
    int y1 = 0;
    pango_layout_iter_get_line_yrange(it, &y0, &y1);
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    const double top = static_cast<double>(y0) / PANGO_SCALE;
    bands.push_back({pango_layout_iter_get_line_readonly(it), top,
                     static_cast<double>(y1 - y0) / PANGO_SCALE,
                     static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE - top,
                     static_cast<double>(logical.x) / PANGO_SCALE});
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  return bands;
}

// No orphan nor widow: the first two and the last two lines stay together.
bool keeps_line_with_next(std::size_t i, std::size_t count) {
  if (count <= 3) return i + 1 < count;
  return i == 0 || i + 2 == count;
}

}  // namespace

int Flow::add(Slice slice) {
  slices_.push_back(std::move(slice));
  return static_cast<int>(slices_.size()) - 1;
}

void Flow::paragraph(const Text& text, double space_after, bool keep_with_next) {
  const Layout layout = canvas_.layout(text, width_);
  const std::vector<LineBand> bands = line_bands(layout.get());
  const double gray = text.style.gray;
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const LineBand band = bands[i];
    Slice slice;
    slice.height = band.height;
    slice.keep_with_next =
        keeps_line_with_next(i, bands.size()) || (keep_with_next && i + 1 == bands.size());
    slice.paint = [layout, band, gray](cairo_t* cr, double x, double y) {
      set_gray(cr, gray);
      cairo_move_to(cr, x + band.x, y + band.baseline);
      pango_cairo_show_layout_line(cr, band.line);
    };
    add(std::move(slice));
  }
  if (space_after > 0) space(space_after);
}

void Flow::space(double height) {
  Slice slice;
  slice.height = height;
  slice.collapsible = true;
  add(std::move(slice));
}

void Flow::rule(double thickness, double gray) {
  Slice slice;
  slice.height = thickness + mm(1.2);
  slice.keep_with_next = true;
  const double width = width_;
  slice.paint = [thickness, gray, width](cairo_t* cr, double x, double y) {
    draw_hline(cr, x, y + thickness / 2, width, thickness, gray);
  };
  add(std::move(slice));
}

void Flow::page_break() {
  Slice slice;
  slice.break_before = true;
  slice.collapsible = true;
  add(std::move(slice));
}

void Flow::running_head(std::string line) {
  Slice slice;
  slice.sets_running_head = true;
  slice.running_head = std::move(line);
  has_running_head_ = true;
  add(std::move(slice));
}

void Flow::keep_last_with_next() {
  if (!slices_.empty()) slices_.back().keep_with_next = true;
}

}  // namespace parcours::pdf
