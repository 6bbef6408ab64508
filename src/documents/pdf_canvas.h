// The drawing surface of a printed document: an A4 PDF (portrait, or landscape for wide tables)
// written to memory by cairo, with pango text layouts in DejaVu Sans (DESIGN §2). Everything is
// in PDF points (1/72 in).
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "documents/qr.h"

namespace parcours::pdf {

inline constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double mm(double millimetres) {
  return millimetres * kPointsPerMm;
}

// A4 portrait and its margins; the footer sits inside the bottom margin. The margins are the
// same in landscape.
inline constexpr double kPageWidth = mm(210);
inline constexpr double kPageHeight = mm(297);
inline constexpr double kMarginSide = mm(15);
inline constexpr double kMarginTop = mm(12);
inline constexpr double kMarginBottom = mm(17);
inline constexpr double kContentWidth = kPageWidth - 2 * kMarginSide;

enum class Orientation { portrait, landscape };

// The size of every page of a document; portrait unless a document asks for landscape.
struct PageSize {
  double width = kPageWidth;
  double height = kPageHeight;
  double content_width() const { return width - 2 * kMarginSide; }
};

PageSize page_size(Orientation orientation);

enum class Align { left, center, right };

struct TextStyle {
  double size = 9.5;  // points
  bool bold = false;
  bool italic = false;
  bool mono = false;  // DejaVu Sans Mono, for codes people type (ATT-2)
  Align align = Align::left;
  double gray = 0.0;         // 0 is black, 1 white
  bool single_line = false;  // ellipsised instead of wrapped
};

// A piece of a paragraph; bold runs let "Label : value" share one layout.
struct Run {
  std::string text;
  bool bold = false;
};

struct Text {
  std::vector<Run> runs;
  TextStyle style;
};

Text text(std::string s, TextStyle style = {});
// "Label : value" with the label in bold and a non-breaking space before the colon.
Text field(const std::string& label, std::string value, TextStyle style = {});

using Layout = std::shared_ptr<PangoLayout>;

// Owns the PDF surface, its cairo context and the pango context of the whole document.
class PdfCanvas {
 public:
  // `created_iso`: the PDF creation date (ISO 8601), or "" for now.
  PdfCanvas(const std::string& title, const std::string& created_iso,
            Orientation orientation = Orientation::portrait);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  cairo_t* cr() const { return cr_; }
  const PageSize& page() const { return page_; }
  // A layout wrapping at `width`, ligatures off so that text read back contains "fi", "fl".
  // Layouts are immutable once made: the same text in the same style and width (a place, a
  // duration repeated on every line of a table) is laid out once per document and shared.
  Layout layout(const Text& text, double width) const;
  // The document's QR codes, drawn from one image (qr.h).
  QrAtlas& qr_codes() const { return qr_codes_; }
  void show_page() { cairo_show_page(cr_); }
  // Ends the document and returns the PDF bytes; throws std::runtime_error on a cairo failure.
  std::string finish();

 private:
  void release();

  PageSize page_;
  std::string bytes_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  PangoContext* context_ = nullptr;
  mutable std::unordered_map<std::string, Layout> layouts_;
  mutable QrAtlas qr_codes_;
};

double layout_height(PangoLayout* layout);
double layout_width(PangoLayout* layout);
void set_gray(cairo_t* cr, double gray);
void draw_layout(cairo_t* cr, PangoLayout* layout, double x, double y, double gray);
// A line of `thickness` from (x, y) to (x + width, y).
void draw_hline(cairo_t* cr, double x, double y, double width, double thickness, double gray);

}  // namespace parcours::pdf
