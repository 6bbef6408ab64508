#include "http/message.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace parcours::http {
namespace {

template <class Map>
std::string nth_value(const Map& map, std::string_view name, std::size_t index) {
  auto [first, last] = map.equal_range(std::string(name));
  if (static_cast<std::size_t>(std::distance(first, last)) <= index) return {};
  std::advance(first, static_cast<std::ptrdiff_t>(index));
  return first->second;
}

}  // namespace

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(
      a.begin(), a.end(), b.begin(), b.end(),
      [](unsigned char x, unsigned char y) { return std::tolower(x) < std::tolower(y); });
}

bool Request::has_header(std::string_view name) const {
  return headers.find(std::string(name)) != headers.end();
}

std::string Request::get_header_value(std::string_view name, std::size_t index) const {
  return nth_value(headers, name, index);
}

bool Request::has_param(std::string_view name) const {
  return params.find(std::string(name)) != params.end();
}

std::string Request::get_param_value(std::string_view name, std::size_t index) const {
  return nth_value(params, name, index);
}

std::size_t Request::get_param_value_count(std::string_view name) const {
  return params.count(std::string(name));
}

bool Request::has_file(std::string_view name) const {
  return files.find(std::string(name)) != files.end();
}

const FilePart& Request::get_file_value(std::string_view name) const {
  static const FilePart none;
  auto it = files.find(std::string(name));
  return it == files.end() ? none : it->second;
}

bool Request::is_multipart_form_data() const {
  return get_header_value("Content-Type").rfind("multipart/form-data", 0) == 0;
}

void Response::set_header(std::string name, std::string value) {
  headers.emplace(std::move(name), std::move(value));
}

bool Response::has_header(std::string_view name) const {
  return headers.find(std::string(name)) != headers.end();
}

std::string Response::get_header_value(std::string_view name) const {
  auto it = headers.find(std::string(name));
  return it == headers.end() ? std::string() : it->second;
}

void Response::set_content(std::string content, std::string_view content_type) {
  body = std::move(content);
  headers.erase("Content-Type");
  headers.emplace("Content-Type", std::string(content_type));
}

}  // namespace parcours::http
