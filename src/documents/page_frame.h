// What every page carries around its body: the header block of the document (institutional
// block, provider, title, reference, date, running head) and the footer "Page N sur M".
#pragma once

#include <string>
#include <vector>

#include "app/documents.h"
#include "documents/pdf_canvas.h"

namespace parcours::pdf {

class PageFrame {
 public:
  // `running_head`: whether pages carry a running line (the person's name, the session) under
  // the title; its text is given per page.
  PageFrame(const PdfCanvas& canvas, const DocumentHeader& header, bool running_head);

  // Height of the header block from the top margin, space before the body included; the same on
  // every page.
  double height() const { return height_; }
  void paint_header(cairo_t* cr, const std::string& running_head) const;
  void paint_footer(cairo_t* cr, int page, int pages) const;

 private:
  struct Placed {
    Layout layout;
    double x;
    double y;
    double gray;
  };
  struct RuleAt {
    double x;
    double y;
    double width;
    double thickness;
  };

  double stack(const std::vector<Text>& lines, double x, double y, double width);
  double institutional_block(const DocumentHeader& header, double y);
  double provider_block(const DocumentHeader& header, double x, double y, double width,
                        Align align);
  double title_block(const DocumentHeader& header, double y);

  const PdfCanvas& canvas_;
  std::vector<Placed> placed_;
  std::vector<RuleAt> rules_;
  std::string footer_note_;
  double running_head_y_ = -1;  // < 0: no running head
  double running_head_height_ = 0;
  double height_ = 0;
};

}  // namespace parcours::pdf
