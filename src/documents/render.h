// Turns a document built as a flow into PDF bytes: measures, paginates, then paints each page
// with its header block and its footer "Page N sur M".
#pragma once

#include <functional>

#include "app/documents.h"
#include "documents/flow.h"

namespace parcours::pdf {

// `build` fills the body flow (the content width of the page); the PDF title metadata is the
// header's title. Every page has the same orientation.
RenderedPdf render_pdf(const DocumentHeader& header, const std::function<void(Flow&)>& build,
                       Orientation orientation = Orientation::portrait);

}  // namespace parcours::pdf
