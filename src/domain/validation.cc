#include "domain/validation.h"

#include <algorithm>
#include <cctype>

namespace parcours {

void Validator::add(std::string field, std::string message) {
  errors_.push_back({std::move(field), std::move(message)});
}

void Validator::require_text(const std::string& field, const std::string& value,
                             const std::string& label, std::size_t max_chars) {
  if (is_blank(value)) {
    add(field, label + " est obligatoire.");
    return;
  }
  max_text(field, value, label, max_chars);
}

void Validator::max_text(const std::string& field, const std::string& value,
                         const std::string& label, std::size_t max_chars) {
  if (utf8_length(value) > max_chars)
    add(field, label + " ne doit pas dépasser " + std::to_string(max_chars) + " caractères.");
}

Status Validator::status(const std::string& summary) const {
  if (errors_.empty()) return {};
  return invalid(summary, errors_);
}

bool is_blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

std::size_t utf8_length(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string ascii_lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool is_email(const std::string& s) {
  auto at = s.find('@');
  if (at == std::string::npos || at == 0 || s.find('@', at + 1) != std::string::npos) return false;
  auto dot = s.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot + 1 >= s.size()) return false;
  return std::none_of(s.begin(), s.end(),
                      [](unsigned char c) { return std::isspace(c) || c == '<' || c == '>'; }) &&
         s.size() <= 254;
}

bool is_code(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-';
  });
}

bool is_departement(const std::string& s) {
  // One or more numbers joined by "/", each 2 or 3 characters, Corsica's 2A/2B allowed.
  std::size_t start = 0;
  while (true) {
    auto slash = s.find('/', start);
    auto part = s.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    bool corsica = part == "2A" || part == "2B";
    bool digits =
        (part.size() == 2 || part.size() == 3) &&
        std::all_of(part.begin(), part.end(), [](unsigned char c) { return std::isdigit(c); });
    if (!corsica && !digits) return false;
    if (slash == std::string::npos) return true;
    start = slash + 1;
  }
}

bool is_adeli(const std::string& s) {
  return s.size() == 9 &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace parcours
