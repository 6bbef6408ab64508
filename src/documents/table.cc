#include "documents/table.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "documents/qr.h"

namespace parcours::pdf {
namespace {

// An item of a cell once measured: its height and how to paint it.
struct Measured {
  double height = 0;
  Painter paint;
};

struct PlacedItem {
  double y = 0;  // from the top of the cell's content
  Painter paint;
};

struct MeasuredCell {
  double width = 0;
  double fill = 1.0;
  bool middle = false;
  double height = 0;  // content, padding excluded
  std::vector<PlacedItem> items;
};

struct MeasuredRow {
  std::vector<MeasuredCell> cells;
  double height = 0;
  double padding = 0;
  bool borders = true;
};

inline constexpr double kQrCaptionGap = mm(1.0);

// SPEC ATT-2: the QR code holds the address a phone camera opens; the code alone without one.
const std::string& qr_payload(const SheetCode& code) {
  return code.url.empty() ? code.code : code.url;
}

bool is_empty(const Text& text) {
  for (const Run& run : text.runs)
    if (!run.text.empty()) return false;
  return true;
}

Measured measure(const PdfCanvas& canvas, const Text& text, double width) {
  Layout layout = canvas.layout(text, width);
  // An empty cell keeps the height of one line and paints nothing.
  if (is_empty(text)) return {layout_height(layout.get()), nullptr};
  const double gray = text.style.gray;
  return {layout_height(layout.get()), [layout, gray](cairo_t* cr, double x, double y) {
            draw_layout(cr, layout.get(), x, y, gray);
          }};
}

Measured measure_qr_below(const PdfCanvas& canvas, const QrImage& qr, double width) {
  QrAtlas* codes = &canvas.qr_codes();
  const int code = codes->add(encode_qr(qr_payload(qr.code)));
  Layout caption = canvas.layout(text(qr.code.code, qr.caption), width);
  const double size = std::min(qr.size, width);
  const double height = size + kQrCaptionGap + layout_height(caption.get());
  return {height, [codes, code, caption, size, width](cairo_t* cr, double x, double y) {
            codes->draw(cr, code, x + (width - size) / 2, y, size);
            draw_layout(cr, caption.get(), x, y + size + kQrCaptionGap, 0.0);
          }};
}

// The code in large letters to the right of the QR code, vertically centred (SPEC WS-5).
Measured measure_qr_beside(const PdfCanvas& canvas, const QrImage& qr, double width) {
  QrAtlas* codes = &canvas.qr_codes();
  const int code = codes->add(encode_qr(qr_payload(qr.code)));
  const double size = std::min(qr.size, width / 2);
  const double text_x = size + mm(2);
  Layout caption = canvas.layout(text(qr.code.code, qr.caption), width - text_x);
  const double caption_height = layout_height(caption.get());
  const double height = std::max(size, caption_height);
  return {height, [=](cairo_t* cr, double x, double y) {
            codes->draw(cr, code, x, y + (height - size) / 2, size);
            draw_layout(cr, caption.get(), x + text_x, y + (height - caption_height) / 2, 0.0);
          }};
}

Measured measure(const PdfCanvas& canvas, const CellItem& item, double width) {
  if (const auto* t = std::get_if<Text>(&item)) return measure(canvas, *t, width);
  if (const auto* gap = std::get_if<Gap>(&item)) return {gap->height, nullptr};
  const auto& qr = std::get<QrImage>(item);
  return qr.caption_beside ? measure_qr_beside(canvas, qr, width)
                           : measure_qr_below(canvas, qr, width);
}

MeasuredCell measure_cell(const PdfCanvas& canvas, const Cell& c, double width, double padding) {
  MeasuredCell m{width, c.fill, c.middle, 0, {}};
  for (const CellItem& item : c.items) {
    Measured measured = measure(canvas, item, width - 2 * padding);
    if (measured.paint) m.items.push_back({m.height, std::move(measured.paint)});
    m.height += measured.height;
  }
  return m;
}

MeasuredRow measure_row(const PdfCanvas& canvas, const Table& table, const std::vector<Cell>& cells,
                        double min_height) {
  MeasuredRow row{{}, min_height, table.padding, table.borders};
  for (std::size_t i = 0; i < cells.size() && i < table.widths.size(); ++i) {
    row.cells.push_back(measure_cell(canvas, cells[i], table.widths[i], table.padding));
    row.height = std::max(row.height, row.cells.back().height + 2 * table.padding);
  }
  return row;
}

// Backgrounds first, then every border of the row as one path stroked once (what each cell's
// own rectangle drew, in far fewer PDF operators), then the contents.
void paint_row(cairo_t* cr, const MeasuredRow& row, double x, double y) {
  double left = x;
  for (const MeasuredCell& c : row.cells) {
    if (c.fill < 1.0) {
      set_gray(cr, c.fill);
      cairo_rectangle(cr, left, y, c.width, row.height);
      cairo_fill(cr);
    }
    left += c.width;
  }
  if (row.borders) {
    left = x;
    for (const MeasuredCell& c : row.cells) {
      cairo_rectangle(cr, left, y, c.width, row.height);
      left += c.width;
    }
    set_gray(cr, 0.0);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
  }
  for (const MeasuredCell& c : row.cells) {
    const double slack = row.height - 2 * row.padding - c.height;
    const double top = y + row.padding + (c.middle ? slack / 2 : 0);
    for (const PlacedItem& item : c.items) item.paint(cr, x + row.padding, top + item.y);
    x += c.width;
  }
}

Slice row_slice(const PdfCanvas& canvas, const Table& table, const std::vector<Cell>& cells,
                double min_height) {
  auto row = std::make_shared<MeasuredRow>(measure_row(canvas, table, cells, min_height));
  Slice slice;
  slice.height = row->height;
  slice.paint = [row](cairo_t* cr, double x, double y) { paint_row(cr, *row, x, y); };
  return slice;
}

}  // namespace

Cell cell(Text text, double fill) {
  return Cell{{CellItem{std::move(text)}}, fill, false};
}

Cell cell(std::vector<CellItem> items, double fill) {
  return Cell{std::move(items), fill, false};
}

Cell middle(Cell c) {
  c.middle = true;
  return c;
}

void add_table(Flow& flow, const Table& table) {
  int header = -1;
  if (!table.header.empty()) {
    Slice head = row_slice(flow.canvas(), table, table.header, 0);
    head.keep_with_next = !table.rows.empty();
    header = flow.add(std::move(head));
  }
  const std::size_t count = table.rows.size();
  const std::size_t kept = static_cast<std::size_t>(std::max(table.keep_last_rows, 0));
  for (std::size_t i = 0; i < count; ++i) {
    Slice row = row_slice(flow.canvas(), table, table.rows[i], table.min_row_height);
    row.repeat_header = header;
    const bool last = i + 1 == count;
    row.keep_with_next = !last && (table.keep_together || i + 1 + kept >= count);
    flow.add(std::move(row));
  }
}

}  // namespace parcours::pdf
