// QR codes printed on attendance sheets, convocations and calendars (SPEC ATT-2): they hold the
// address of the session's e-signature page, opened directly by a phone camera.
#pragma once

#include <cairo.h>

#include <string>
#include <vector>

namespace parcours::pdf {

// The modules of a QR code, row by row; empty when the text cannot be encoded.
struct QrMatrix {
  int width = 0;
  std::vector<bool> dark;  // width * width modules
  bool empty() const { return width == 0; }
};

// Error correction M, 8-bit mode, case-sensitive (a URL keeps its case).
QrMatrix encode_qr(const std::string& text);

// Draws the code as a `size`-point square at (x, y), white background included: the symbol is
// surrounded by a quiet zone of kQrQuietModules modules, so nothing may be drawn inside.
inline constexpr int kQrQuietModules = 2;
void draw_qr(cairo_t* cr, const QrMatrix& qr, double x, double y, double size);

}  // namespace parcours::pdf
