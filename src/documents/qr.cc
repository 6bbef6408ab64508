#include "documents/qr.h"

#include <qrencode.h>

#include <memory>

namespace parcours::pdf {

QrMatrix encode_qr(const std::string& text) {
  if (text.empty()) return {};
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
  if (!code) return {};
  QrMatrix qr;
  qr.width = code->width;
  const std::size_t count = static_cast<std::size_t>(qr.width) * static_cast<std::size_t>(qr.width);
  qr.dark.resize(count);
  for (std::size_t i = 0; i < count; ++i) qr.dark[i] = (code->data[i] & 1) != 0;
  return qr;
}

namespace {

// Adds one rectangle per horizontal run of dark modules of row `y`.
void add_row_runs(cairo_t* cr, const QrMatrix& qr, int y, double x0, double y0, double module) {
  int x = 0;
  while (x < qr.width) {
    if (!qr.dark[static_cast<std::size_t>(y * qr.width + x)]) {
      ++x;
      continue;
    }
    const int start = x;
    while (x < qr.width && qr.dark[static_cast<std::size_t>(y * qr.width + x)]) ++x;
    cairo_rectangle(cr, x0 + start * module, y0 + y * module, (x - start) * module, module);
  }
}

}  // namespace

void draw_qr(cairo_t* cr, const QrMatrix& qr, double x, double y, double size) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  if (!qr.empty()) {
    const double module = size / (qr.width + 2 * kQrQuietModules);
    const double x0 = x + kQrQuietModules * module;
    const double y0 = y + kQrQuietModules * module;
    // One path filled once: adjacent modules show no hairline seams when rasterised.
    for (int row = 0; row < qr.width; ++row) add_row_runs(cr, qr, row, x0, y0, module);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    cairo_fill(cr);
  }
  cairo_restore(cr);
}

}  // namespace parcours::pdf
