#include "documents/pdf_canvas.h"

#include <cairo-pdf.h>

#include <stdexcept>
#include <utility>

namespace parcours::pdf {
namespace {

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

PangoFontDescription* font_for(const TextStyle& style) {
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, style.mono ? "DejaVu Sans Mono" : "DejaVu Sans");
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
  return font;
}

PangoAlignment pango_alignment(Align align) {
  switch (align) {
    case Align::center:
      return PANGO_ALIGN_CENTER;
    case Align::right:
      return PANGO_ALIGN_RIGHT;
    case Align::left:
      break;
  }
  return PANGO_ALIGN_LEFT;
}

// Joins the runs and returns the attributes: no ligatures, no inserted hyphens, bold runs.
PangoAttrList* attributes_for(const Text& text, std::string& joined) {
  PangoAttrList* attrs = pango_attr_list_new();
  pango_attr_list_insert(attrs, pango_attr_font_features_new("liga 0, clig 0"));
  pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
  for (const Run& run : text.runs) {
    const auto start = static_cast<guint>(joined.size());
    joined += run.text;
    if (!run.bold || text.style.bold) continue;
    PangoAttribute* bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
    bold->start_index = start;
    bold->end_index = static_cast<guint>(joined.size());
    pango_attr_list_insert(attrs, bold);
  }
  return attrs;
}

}  // namespace

Text text(std::string s, TextStyle style) {
  return Text{{Run{std::move(s), false}}, style};
}

Text field(const std::string& label, std::string value, TextStyle style) {
  return Text{{Run{label + "\u00a0: ", true}, Run{std::move(value), false}}, style};
}

PageSize page_size(Orientation orientation) {
  if (orientation == Orientation::landscape) return PageSize{kPageHeight, kPageWidth};
  return PageSize{};
}

PdfCanvas::PdfCanvas(const std::string& title, const std::string& created_iso,
                     Orientation orientation)
    : page_(page_size(orientation)) {
  surface_ = cairo_pdf_surface_create_for_stream(append_bytes, &bytes_, page_.width, page_.height);
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "Parcours");
  if (!created_iso.empty()) {
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATE_DATE, created_iso.c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_MOD_DATE, created_iso.c_str());
  }
  cr_ = cairo_create(surface_);
  context_ = pango_cairo_create_context(cr_);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context_, options);
  // Glyphs where the font puts them: rounding their positions to whole points (pango's default,
  // meant for screens) spaced letters unevenly on paper and made cairo write a correction after
  // nearly every glyph.
  pango_context_set_round_glyph_positions(context_, FALSE);
  cairo_font_options_destroy(options);
}

PdfCanvas::~PdfCanvas() {
  release();
}

void PdfCanvas::release() {
  layouts_.clear();
  if (context_ != nullptr) g_object_unref(context_);
  if (cr_ != nullptr) cairo_destroy(cr_);
  if (surface_ != nullptr) cairo_surface_destroy(surface_);
  context_ = nullptr;
  cr_ = nullptr;
  surface_ = nullptr;
}

namespace {

// Everything a layout depends on, as a string.
std::string layout_key(const Text& text, double width) {
  const TextStyle& s = text.style;
  std::string key = std::to_string(width) + '|' + std::to_string(s.size) + '|' +
                    (s.bold ? 'b' : '-') + (s.italic ? 'i' : '-') + (s.mono ? 'm' : '-') +
                    (s.single_line ? 's' : '-') +
                    static_cast<char>('0' + static_cast<int>(s.align));
  for (const Run& run : text.runs) {
    key += run.bold ? '\x01' : '\x02';
    key += run.text;
  }
  return key;
}

}  // namespace

Layout PdfCanvas::layout(const Text& text, double width) const {
  std::string key = layout_key(text, width);
  if (auto it = layouts_.find(key); it != layouts_.end()) return it->second;
  Layout layout(pango_layout_new(context_), g_object_unref);
  std::string joined;
  PangoAttrList* attrs = attributes_for(text, joined);
  PangoFontDescription* font = font_for(text.style);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  pango_layout_set_text(layout.get(), joined.c_str(), static_cast<int>(joined.size()));
  pango_layout_set_attributes(layout.get(), attrs);
  pango_attr_list_unref(attrs);
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), pango_alignment(text.style.align));
  if (text.style.single_line) pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  layouts_.emplace(std::move(key), layout);
  return layout;
}

std::string PdfCanvas::finish() {
  cairo_status_t status = cairo_status(cr_);
  g_object_unref(context_);
  context_ = nullptr;
  cairo_destroy(cr_);
  cr_ = nullptr;
  cairo_surface_finish(surface_);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface_);
  release();
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo PDF: ") + cairo_status_to_string(status));
  return std::move(bytes_);
}

double layout_height(PangoLayout* layout) {
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout, &width, &height);
  return static_cast<double>(height) / PANGO_SCALE;
}

double layout_width(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return static_cast<double>(logical.width) / PANGO_SCALE;
}

void set_gray(cairo_t* cr, double gray) {
  cairo_set_source_rgb(cr, gray, gray, gray);
}

void draw_layout(cairo_t* cr, PangoLayout* layout, double x, double y, double gray) {
  set_gray(cr, gray);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
}

void draw_hline(cairo_t* cr, double x, double y, double width, double thickness, double gray) {
  set_gray(cr, gray);
  cairo_set_line_width(cr, thickness);
  cairo_move_to(cr, x, y);
  cairo_line_to(cr, x + width, y);
  cairo_stroke(cr);
}

}  // namespace parcours::pdf
