#include "http/versioning.h"

#include <algorithm>
#include <charconv>
#include <climits>

#include "http/web.h"

namespace parcours::http {
namespace {

std::optional<int> parse_int(const std::string& text) {
  int out = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size() || out < 0)
    return std::nullopt;
  return out;
}

// "v3" or W/"v3" → 3; anything else → nullopt.
std::optional<int> etag_version(std::string tag) {
  if (tag.rfind("W/", 0) == 0) tag = tag.substr(2);
  if (tag.size() < 4 || tag.front() != '"' || tag.back() != '"' || tag[1] != 'v')
    return std::nullopt;
  return parse_int(tag.substr(2, tag.size() - 3));
}

std::string trimmed(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

}  // namespace

Field version_field() {
  return Field("version", "", "hidden");
}

Result<int> posted_version(const Request& req) {
  // Without the field (a form posted by a script written before versions): unconditional.
  if (!req.has_param("version")) return 0;
  if (auto v = parse_int(form(req, "version"))) return *v;
  return invalid(
      "Le formulaire est incomplet : rechargez la page, puis saisissez et enregistrez à nouveau.");
}

std::string etag_of(int version) {
  return "\"v" + std::to_string(version) + "\"";
}

void set_etag(Response& res, int version) {
  res.set_header("ETag", etag_of(version));
}

bool if_match_holds(const Request& req, Response& res, int stored_version) {
  if (!req.has_header("If-Match")) return true;
  const std::string header = req.get_header_value("If-Match");
  std::size_t start = 0;
  while (start <= header.size()) {
    auto comma = header.find(',', start);
    std::string tag = trimmed(header.substr(start, comma - start));
    if (tag == "*" || etag_version(tag) == stored_version) return true;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  set_etag(res, stored_version);
  Web::json(res,
            {{"error", "precondition_failed"},
             {"message",
              "Cette fiche a été modifiée entre-temps par quelqu’un d’autre ; rien n’a été "
              "enregistré. Relisez-la (version " +
                  std::to_string(stored_version) + ") avant de la modifier."},
             {"details", nlohmann::json::array({{{"field", "version"},
                                                 {"message", std::to_string(stored_version)}}})}},
            412);
  return false;
}

int expected_version(const Request& req, std::optional<long long> body_version, int stored_version,
                     int unconditional) {
  if (body_version)  // 1 … INT_MAX: a version the record may have
    return static_cast<int>(std::clamp<long long>(*body_version, 1, INT_MAX));
  if (req.has_header("If-Match")) return stored_version;  // checked by if_match_holds
  return unconditional;
}

}  // namespace parcours::http
