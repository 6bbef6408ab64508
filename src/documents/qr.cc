#include "documents/qr.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace parcours::pdf {
namespace {

// Pixels per module of the stencil: the symbol stays sharp in viewers that smooth images anyway.
inline constexpr int kPixelsPerModule = 2;
// Height of one stencil image at most (cairo's images stop at 32767 pixels), light rows between
// codes included.
inline constexpr int kMaxImageHeight = 8192;
inline constexpr int kGapPixels = kPixelsPerModule;

int pixels(const QrMatrix& qr) {
  return qr.width * kPixelsPerModule;
}

// Sets the dark modules of `qr` into the A1 image `data` from pixel row `top`. cairo's A1 pixels
// are packed in 32-bit words in the platform's bit order.
void paint_modules(unsigned char* data, int stride, int top, const QrMatrix& qr) {
  std::vector<std::uint32_t> line(static_cast<std::size_t>(stride) / sizeof(std::uint32_t));
  for (int row = 0; row < qr.width; ++row) {
    std::fill(line.begin(), line.end(), 0u);
    for (int col = 0; col < qr.width; ++col) {
      if (!qr.dark[static_cast<std::size_t>(row * qr.width + col)]) continue;
      for (int p = col * kPixelsPerModule; p < (col + 1) * kPixelsPerModule; ++p)
        line[static_cast<std::size_t>(p >> 5)] |= std::uint32_t{1} << (p & 31);
    }
    for (int k = 0; k < kPixelsPerModule; ++k)
      std::memcpy(data + static_cast<std::ptrdiff_t>(top + row * kPixelsPerModule + k) * stride,
                  line.data(), static_cast<std::size_t>(stride));
  }
}

}  // namespace

QrAtlas::~QrAtlas() {
  for (cairo_surface_t* image : images_) cairo_surface_destroy(image);
}

int QrAtlas::add(QrMatrix qr) {
  codes_.push_back(std::move(qr));
  places_.push_back({-1, 0});
  return static_cast<int>(codes_.size()) - 1;
}

// Packs the codes added since the last build into new images, stacked top to bottom.
void QrAtlas::build() {
  std::size_t first = built_;
  while (first < codes_.size()) {
    int width = 1;
    int height = 0;
    std::size_t last = first;
    for (; last < codes_.size(); ++last) {
      const int h = pixels(codes_[last]) + (last > first ? kGapPixels : 0);
      if (last > first && height + h > kMaxImageHeight) break;
      height += h;
      width = std::max(width, pixels(codes_[last]));
    }
    cairo_surface_t* image =
        cairo_image_surface_create(CAIRO_FORMAT_A1, width, std::max(height, 1));
    const int index = static_cast<int>(images_.size());
    images_.push_back(image);
    if (cairo_surface_status(image) == CAIRO_STATUS_SUCCESS) {
      cairo_surface_flush(image);
      unsigned char* data = cairo_image_surface_get_data(image);
      const int stride = cairo_image_surface_get_stride(image);
      for (int top = 0; first < last; ++first) {
        places_[first] = {index, top};
        paint_modules(data, stride, top, codes_[first]);
        top += pixels(codes_[first]) + kGapPixels;
      }
      cairo_surface_mark_dirty(image);
    }
    first = last;
  }
  built_ = codes_.size();
}

// The dark modules are painted through a 1-bit stencil (a PDF image mask, sampled without
// interpolation) that holds every code of the document: the PDF carries one small image, each
// code paints its own band of it, clipped. Drawn as paths, module runs by module runs, the
// codes of a 30-session sheet cost four times the rest of the sheet to write, and one image
// per code still cost half of it (docs/performance.md, issue 13).
void QrAtlas::draw(cairo_t* cr, int code, double x, double y, double size) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  const auto i = static_cast<std::size_t>(code);
  if (i >= built_) build();
  const QrMatrix& qr = codes_[i];
  const Place place = places_[i];
  if (!qr.empty() && place.image >= 0) {
    const double module = size / (qr.width + 2 * kQrQuietModules);
    const double x0 = x + kQrQuietModules * module;
    const double y0 = y + kQrQuietModules * module;
    cairo_rectangle(cr, x0, y0, qr.width * module, qr.width * module);
    cairo_clip(cr);
    cairo_translate(cr, x0, y0);
    cairo_scale(cr, module / kPixelsPerModule, module / kPixelsPerModule);
    cairo_pattern_t* stencil =
        cairo_pattern_create_for_surface(images_[static_cast<std::size_t>(place.image)]);
    cairo_pattern_set_filter(stencil, CAIRO_FILTER_NEAREST);
    cairo_matrix_t band;
    cairo_matrix_init_translate(&band, 0, place.top);
    cairo_pattern_set_matrix(stencil, &band);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_mask(cr, stencil);
    cairo_pattern_destroy(stencil);
  }
  cairo_restore(cr);
}

}  // namespace parcours::pdf
