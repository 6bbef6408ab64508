// The body of a document as a flow of slices: indivisible horizontal bands (a line of a
// paragraph, a table row) that the paginator places on pages (paginate.h).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "documents/pdf_canvas.h"

namespace parcours::pdf {

// Paints something with its top-left corner at (x, y).
using Painter = std::function<void(cairo_t* cr, double x, double y)>;

struct Slice {
  double height = 0;
  Painter paint;  // empty for a space or a marker
  // A table row: the index of its header row, repeated first on a page the row starts.
  int repeat_header = -1;
  bool keep_with_next = false;  // never the last slice of a page when the next one follows
  bool break_before = false;    // starts a new page
  bool collapsible = false;     // a space: dropped at the top or bottom of a page
  // A marker: from the page holding the next slice on, the page header shows this line.
  bool sets_running_head = false;
  std::string running_head;
};

class Flow {
 public:
  Flow(PdfCanvas& canvas, double width) : canvas_(canvas), width_(width) {}

  PdfCanvas& canvas() const { return canvas_; }
  double width() const { return width_; }
  const std::vector<Slice>& slices() const { return slices_; }
  bool has_running_head() const { return has_running_head_; }

  // Appends a slice and returns its index.
  int add(Slice slice);
  // A wrapped paragraph, one slice per line so that long texts continue on the next page; a
  // paragraph of three lines or less is kept whole, longer ones leave no line alone.
  void paragraph(const Text& text, double space_after = 0, bool keep_with_next = false);
  void space(double height);
  // A horizontal rule across the flow, kept with what follows (under a title).
  void rule(double thickness = 0.6, double gray = 0.0);
  void page_break();
  void running_head(std::string line);
  // Makes the last slice keep with the next one.
  void keep_last_with_next();

 private:
  PdfCanvas& canvas_;
  double width_;
  std::vector<Slice> slices_;
  bool has_running_head_ = false;
};

}  // namespace parcours::pdf
