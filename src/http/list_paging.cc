#include "http/list_paging.h"

#include <algorithm>
#include <charconv>

#include "domain/indicators.h"
#include "http/form_body.h"

namespace parcours::http {

namespace {

int page_param(const Request& req) {
  const std::string text = req.get_param_value("page");
  int page = 1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), page);
  return ec == std::errc() && end == text.data() + text.size() ? page : 1;
}

// The same query with another page: every other parameter kept, in order.
std::string href_of_page(const Request& req, int page) {
  std::string query;
  for (const auto& [key, value] : req.params) {
    if (key == "page") continue;
    query +=
        (query.empty() ? "?" : "&") + url_encode_component(key) + "=" + url_encode_component(value);
  }
  return req.path + query + (query.empty() ? "?" : "&") + "page=" + std::to_string(page);
}

}  // namespace

Paging paging_of(const Request& req, std::size_t total, int per_page) {
  Paging p;
  p.total = total;
  p.pages = std::max(1, static_cast<int>((total + per_page - 1) / per_page));
  p.page = std::clamp(page_param(req), 1, p.pages);
  p.first = static_cast<std::size_t>(p.page - 1) * per_page;
  p.count = std::min<std::size_t>(per_page, total - std::min(total, p.first));
  return p;
}

nlohmann::json pager_view(const Request& req, const Paging& p) {
  if (p.pages <= 1) return nullptr;
  return {{"label", "Page " + std::to_string(p.page) + " sur " + std::to_string(p.pages) +
                        " — lignes " + std::to_string(p.first + 1) + " à " +
                        std::to_string(p.first + p.count) + " sur " +
                        format_count(static_cast<long long>(p.total))},
          {"prev_href", p.page > 1 ? href_of_page(req, p.page - 1) : ""},
          {"next_href", p.page < p.pages ? href_of_page(req, p.page + 1) : ""}};
}

std::string sort_of(const Request& req, const Options& choices) {
  const std::string asked = req.get_param_value("tri");
  for (const auto& [value, label] : choices)
    if (value == asked) return value;
  return choices.empty() ? std::string() : choices.front().first;
}

nlohmann::json sort_field(const Options& choices, const std::string& chosen) {
  return {{"name", "tri"}, {"label", "Trier par"}, {"options", option_list(choices, chosen)}};
}

}  // namespace parcours::http
