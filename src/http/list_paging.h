// UX-2: every list a person works from can be sorted and paginated. The sort and the page are
// query parameters (`tri`, `page`), so that a list is a link that can be shared and works
// without JavaScript; the other parameters of the query (filters, search) are kept.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include "http/message.h"

#include "http/journey_views.h"

namespace parcours::http {

inline constexpr int kRowsPerPage = 50;

struct Paging {
  int page = 1;  // 1-based, clamped to the last page
  int pages = 1;
  std::size_t first = 0;  // index of the first row shown
  std::size_t count = 0;  // rows shown
  std::size_t total = 0;
};

// The page asked by `page=` for `total` rows (out-of-range or malformed: the nearest page).
Paging paging_of(const Request& req, std::size_t total, int per_page = kRowsPerPage);

// The rows of the page.
template <typename T>
std::vector<T> rows_of_page(const std::vector<T>& all, const Paging& p) {
  return {all.begin() + static_cast<std::ptrdiff_t>(p.first),
          all.begin() + static_cast<std::ptrdiff_t>(p.first + p.count)};
}

// {label: "Page 2 sur 5 — lignes 51 à 100 sur 230", prev_href, next_href}; null on one page.
nlohmann::json pager_view(const Request& req, const Paging& p);

// The sort asked by `tri=` when it is one of `choices`, else the first choice.
std::string sort_of(const Request& req, const Options& choices);

// A select of the filter form: « Trier par ».
nlohmann::json sort_field(const Options& choices, const std::string& chosen);

}  // namespace parcours::http
