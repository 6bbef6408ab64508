#include "documents/render.h"

#include "documents/page_frame.h"
#include "documents/paginate.h"

namespace parcours::pdf {
namespace {

void paint_page(cairo_t* cr, const Page& page, const std::vector<Slice>& slices, double body_top) {
  for (const Placement& p : page.placements) {
    const Slice& slice = slices[static_cast<std::size_t>(p.slice)];
    if (slice.paint) slice.paint(cr, kMarginSide, body_top + p.y);
  }
}

}  // namespace

RenderedPdf render_pdf(const DocumentHeader& header, const std::function<void(Flow&)>& build,
                       Orientation orientation) {
  PdfCanvas canvas(header.title, header.created_at_iso, orientation);
  Flow flow(canvas, canvas.page().content_width());
  build(flow);
  const PageFrame frame(canvas, header, flow.has_running_head());
  const double body_top = kMarginTop + frame.height();
  const double body_height = canvas.page().height - kMarginBottom - body_top;
  const std::vector<Page> pages = paginate(flow.slices(), body_height);
  const int count = static_cast<int>(pages.size());
  for (int i = 0; i < count; ++i) {
    const Page& page = pages[static_cast<std::size_t>(i)];
    frame.paint_header(canvas.cr(), page.running_head);
    paint_page(canvas.cr(), page, flow.slices(), body_top);
    frame.paint_footer(canvas.cr(), i + 1, count);
    canvas.show_page();
  }
  return RenderedPdf{canvas.finish(), count};
}

}  // namespace parcours::pdf
