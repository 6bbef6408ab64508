#include "documents/page_frame.h"

#include <algorithm>

namespace parcours::pdf {
namespace {

inline constexpr double kLeftBlockWidth = mm(105);
inline constexpr double kRightBlockWidth = mm(72);
inline constexpr double kRunningHeadPadding = mm(1.2);
inline constexpr double kFooterRuleFromBottom = mm(13);

TextStyle style(double size, bool bold = false, double gray = 0.0, Align align = Align::left) {
  TextStyle s;
  s.size = size;
  s.bold = bold;
  s.gray = gray;
  s.align = align;
  return s;
}

void push_if(std::vector<Text>& lines, const std::string& s, TextStyle st) {
  if (!s.empty()) lines.push_back(text(s, st));
}

std::string joined(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return a + b;
  return a + " — " + b;
}

}  // namespace

PageFrame::PageFrame(const PdfCanvas& canvas, const DocumentHeader& header, bool running_head)
    : canvas_(canvas), footer_note_(joined(header.title, header.reference)) {
  const double page_width = canvas_.page().width;
  const double content_width = canvas_.page().content_width();
  double y = kMarginTop;
  if (header.justice_branding) {
    const double left = institutional_block(header, y);
    const double right = provider_block(header, page_width - kMarginSide - kRightBlockWidth, y,
                                        kRightBlockWidth, Align::right);
    y = std::max(left, right);
  } else {
    // SPEC PPAIP-16: the person's copy shows the provider only, no ministry wording at all.
    y = provider_block(header, kMarginSide, y, kLeftBlockWidth, Align::left);
  }
  rules_.push_back({kMarginSide, y + mm(2.5), content_width, 0.8});
  y = title_block(header, y + mm(5));
  if (running_head) {
    running_head_y_ = y + mm(2);
    const Layout sample = canvas_.layout(text("Ag", style(8.5, true)), content_width);
    running_head_height_ = layout_height(sample.get()) + 2 * kRunningHeadPadding;
    y = running_head_y_ + running_head_height_;
  }
  height_ = y + mm(5) - kMarginTop;
}

double PageFrame::stack(const std::vector<Text>& lines, double x, double y, double width) {
  for (const Text& line : lines) {
    Layout layout = canvas_.layout(line, width);
    placed_.push_back({layout, x, y, line.style.gray});
    y += layout_height(layout.get());
  }
  return y;
}

double PageFrame::institutional_block(const DocumentHeader& header, double y) {
  y = stack({text("MINISTÈRE DE LA JUSTICE", style(10.5, true))}, kMarginSide, y, kLeftBlockWidth);
  rules_.push_back({kMarginSide, y + mm(0.8), mm(28), 1.2});
  std::vector<Text> lines;
  push_if(lines, header.disp_name, style(7.5, false, 0.2));
  push_if(lines, header.spip_name, style(8.5, true));
  push_if(lines, header.establishment_name, style(8));
  return stack(lines, kMarginSide, y + mm(2), kLeftBlockWidth);
}

double PageFrame::provider_block(const DocumentHeader& header, double x, double y, double width,
                                 Align align) {
  std::vector<Text> lines;
  push_if(lines, header.provider_name, style(9.5, true, 0.0, align));
  push_if(lines, header.provider_contact, style(7.5, false, 0.3, align));
  return stack(lines, x, y, width);
}

double PageFrame::title_block(const DocumentHeader& header, double y) {
  std::vector<Text> lines;
  push_if(lines, header.title, style(14, true));
  push_if(lines, header.subtitle, style(10.5));
  push_if(lines, joined(header.reference, header.generated_on), style(8, false, 0.3));
  return stack(lines, kMarginSide, y, canvas_.page().content_width());
}

void PageFrame::paint_header(cairo_t* cr, const std::string& running_head) const {
  for (const Placed& p : placed_) draw_layout(cr, p.layout.get(), p.x, p.y, p.gray);
  for (const RuleAt& r : rules_) draw_hline(cr, r.x, r.y, r.width, r.thickness, 0.0);
  if (running_head_y_ < 0 || running_head.empty()) return;
  const double content_width = canvas_.page().content_width();
  set_gray(cr, 0.92);
  cairo_rectangle(cr, kMarginSide, running_head_y_, content_width, running_head_height_);
  cairo_fill(cr);
  TextStyle st = style(8.5, true);
  st.single_line = true;
  const Layout line =
      canvas_.layout(text(running_head, st), content_width - 4 * kRunningHeadPadding);
  draw_layout(cr, line.get(), kMarginSide + 2 * kRunningHeadPadding,
              running_head_y_ + kRunningHeadPadding, 0.0);
}

void PageFrame::paint_footer(cairo_t* cr, int page, int pages) const {
  const PageSize& size = canvas_.page();
  const double rule_y = size.height - kFooterRuleFromBottom;
  draw_hline(cr, kMarginSide, rule_y, size.content_width(), 0.4, 0.5);
  TextStyle note = style(7.5, false, 0.35);
  note.single_line = true;
  const Layout left = canvas_.layout(text(footer_note_, note), size.content_width() - mm(40));
  draw_layout(cr, left.get(), kMarginSide, rule_y + mm(1.5), note.gray);
  const std::string number = "Page " + std::to_string(page) + " sur " + std::to_string(pages);
  const Layout right = canvas_.layout(text(number, style(8, false, 0.0, Align::right)), mm(40));
  draw_layout(cr, right.get(), size.width - kMarginSide - mm(40), rule_y + mm(1.5), 0.0);
}

}  // namespace parcours::pdf
