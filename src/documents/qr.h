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

// Error correction M, the whole text in 8-bit (byte) mode, case kept (a URL keeps its case), the
// smallest version and the mask of lowest penalty: the symbol libqrencode's
// QRcode_encodeString8bit draws (tests/documents_test.cc compares them). In qr_encode.cc.
QrMatrix encode_qr(const std::string& text);

// The QR codes of one document, drawn from one 1-bit image: `add` each code while measuring,
// then `draw` it, as a `size`-point square at (x, y) with its white background: the symbol is
// surrounded by a quiet zone of kQrQuietModules modules, so nothing may be drawn inside. The
// image is built at the first `draw`, with every code added so far.
inline constexpr int kQrQuietModules = 2;

class QrAtlas {
 public:
  QrAtlas() = default;
  ~QrAtlas();
  QrAtlas(const QrAtlas&) = delete;
  QrAtlas& operator=(const QrAtlas&) = delete;

  // Returns the code's number for `draw`.
  int add(QrMatrix qr);
  void draw(cairo_t* cr, int code, double x, double y, double size);

 private:
  struct Place {
    int image = -1;  // index in images_
    int top = 0;     // first pixel row of the code in its image
  };
  void build();

  std::vector<QrMatrix> codes_;
  std::vector<Place> places_;
  std::vector<cairo_surface_t*> images_;
  std::size_t built_ = 0;  // codes_[0, built_) are in images_
};

}  // namespace parcours::pdf
