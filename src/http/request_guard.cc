#include "http/request_guard.h"

#include <algorithm>
#include <cctype>
#include <limits>

#include <nlohmann/json.hpp>

#include "domain/csv.h"

namespace parcours::http::guard {
namespace {

using nlohmann::json;

// Deeper JSON is refused: no request of the API nests more than a few levels.
constexpr std::size_t kMaxJsonDepth = 64;

std::string_view trimmed(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// A Content-Length value: digits only, within 64 bits.
std::optional<unsigned long long> length_value(std::string_view s) {
  s = trimmed(s);
  if (s.empty() || s.size() > 19) return std::nullopt;
  if (!std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); }))
    return std::nullopt;
  return std::stoull(std::string(s));
}

Refusal bad_framing(const std::string& why) {
  return {400, "Requête refusée : " + why, {}, true};
}

bool is_chunked(const Framing& f) {
  return f.transfer_encoding.size() == 1 && iequals(trimmed(f.transfer_encoding[0]), "chunked");
}

std::optional<Refusal> framing_ambiguity(const Framing& f) {
  if (!f.transfer_encoding.empty() && !is_chunked(f))
    return bad_framing("seul le codage de transfert « chunked » est accepté.");
  if (!f.transfer_encoding.empty() && !f.content_length.empty())
    return bad_framing("Content-Length et Transfer-Encoding ne peuvent pas être combinés.");
  if (!f.content_length.empty() && !declared_length(f))
    return bad_framing("la longueur du corps (Content-Length) est invalide ou contradictoire.");
  return std::nullopt;
}

Refusal json_refusal(int status, const std::string& message, const std::string& field = "") {
  Refusal r{status, message, {}, false};
  if (!field.empty()) r.details.push_back({field, message});
  return r;
}

struct Pending {
  const json* value;
  std::string path;
  std::size_t depth;
};

// The first string (value or key) of `root` that is not storable text, walked without recursion.
std::optional<Refusal> json_text_problem(const json& root) {
  std::vector<Pending> todo{{&root, "", 0}};
  while (!todo.empty()) {
    Pending p = std::move(todo.back());
    todo.pop_back();
    if (p.depth > kMaxJsonDepth)
      return json_refusal(400, "Le corps JSON est imbriqué trop profondément.");
    if (p.value->is_string()) {
      if (auto f = text_fault(p.value->get_ref<const std::string&>()); f != TextFault::none)
        return text_refusal(p.path.empty() ? "corps" : p.path, f);
    } else if (p.value->is_object()) {
      for (const auto& [key, item] : p.value->items()) {
        if (auto f = text_fault(key); f != TextFault::none) return text_refusal("corps", f);
        todo.push_back({&item, json_field_name(p.path, key), p.depth + 1});
      }
    } else if (p.value->is_array()) {
      std::size_t i = 0;
      for (const auto& item : *p.value)
        todo.push_back({&item, p.path + "[" + std::to_string(i++) + "]", p.depth + 1});
    }
  }
  return std::nullopt;
}

}  // namespace

bool takes_body(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool announces_body(const Framing& f) {
  if (!f.transfer_encoding.empty()) return true;
  auto n = declared_length(f);
  return !f.content_length.empty() && (!n || *n > 0);
}

std::optional<unsigned long long> declared_length(const Framing& f) {
  std::optional<unsigned long long> out;
  for (const auto& v : f.content_length) {
    auto n = length_value(v);
    if (!n || (out && *out != *n)) return std::nullopt;
    out = n;
  }
  return out;
}

std::optional<Refusal> check_framing(const Framing& f) {
  if (auto r = framing_ambiguity(f)) return r;
  if (announces_body(f) && !takes_body(f.method))
    return bad_framing("cette méthode n’admet pas de corps de requête.");
  return std::nullopt;
}

bool declared_too_large(const Framing& f, std::size_t max_body_bytes) {
  auto n = declared_length(f);
  return n && *n > max_body_bytes;
}

bool BodyBudget::take(std::size_t n) {
  if (exceeded_ || n > max_ - std::min(used_, max_)) {
    exceeded_ = true;
    return false;
  }
  used_ += n;
  return true;
}

bool serve_ranges(std::size_t asked) {
  return asked <= 1;
}

TextFault text_fault(std::string_view s) {
  if (first_invalid_utf8(s) != std::string_view::npos) return TextFault::not_utf8;
  if (s.find('\0') != std::string_view::npos) return TextFault::nul;
  return TextFault::none;
}

std::string text_fault_message(TextFault f) {
  switch (f) {
    case TextFault::not_utf8:
      return "Ce texte contient des octets qui ne sont pas de l’UTF-8 valide.";
    case TextFault::nul:
      return "Ce texte contient un caractère nul, qui n’est pas admis.";
    case TextFault::none:
      break;
  }
  return {};
}

Refusal text_refusal(const std::string& field, TextFault f) {
  return Refusal{422,
                 "La requête contient un texte illisible (encodage autre que l’UTF-8 ou "
                 "caractère nul) : rien n’a été enregistré.",
                 {{field, text_fault_message(f)}},
                 false};
}

std::optional<Refusal> check_json_body(std::string_view body) {
  if (std::all_of(body.begin(), body.end(), [](unsigned char c) { return std::isspace(c); }))
    return std::nullopt;
  if (auto f = text_fault(body); f != TextFault::none) return text_refusal("corps", f);
  json parsed;
  try {
    parsed = json::parse(body);
  } catch (const json::out_of_range&) {
    return json_refusal(400, "Un nombre du corps JSON dépasse les valeurs admises.");
  } catch (const json::exception&) {
    return json_refusal(400, "Le corps de la requête n’est pas un objet JSON valide.");
  }
  return json_text_problem(parsed);
}

std::string json_field_name(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

}  // namespace parcours::http::guard
