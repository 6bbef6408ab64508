// Pagination: places the slices of a flow on pages of a given body height. Pure arithmetic,
// run once before painting so that the footer knows the page count ("Page N sur M").
#pragma once

#include <string>
#include <vector>

#include "documents/flow.h"

namespace parcours::pdf {

struct Placement {
  int slice = 0;
  double y = 0;  // from the top of the page body
};

struct Page {
  std::vector<Placement> placements;
  std::string running_head;
};

// Contracts: a slice never straddles two pages; a table row starting a page is preceded by its
// header row (ATT-1: headers repeat on every page); a keep-with-next chain moves to the next
// page whole unless it is taller than a page; spaces vanish at page edges. Always one page.
std::vector<Page> paginate(const std::vector<Slice>& slices, double body_height);

}  // namespace parcours::pdf
