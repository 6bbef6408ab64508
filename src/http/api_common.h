// Answers shared by the JSON API route files (journey_api.cc, workshop_api.cc, file_api.cc):
// errors as JSON, {"ok": true}, {"id": …} with 201, lists of resources as {"items": […]}.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "http/journey_json.h"
#include "http/web.h"
#include "http/workshop_json.h"

namespace parcours::http {

using Req = const Request&;
using Res = Response&;

// Answers the error when `r` failed; true when it succeeded.
template <typename T>
bool ok_or_error(Response& res, const Result<T>& r) {
  if (!r.ok()) Web::api_error(res, r.error());
  return r.ok();
}

inline void ok(Response& res) {
  Web::json(res, {{"ok", true}});
}

inline void created(Response& res, Id id) {
  Web::json(res, {{"id", id}}, 201);
}

inline void reply(Response& res, const Status& s) {
  if (!s.ok()) return Web::api_error(res, s.error());
  ok(res);
}

template <typename T>
nlohmann::json items(const std::vector<T>& xs) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& x : xs) out.push_back(to_json(x));
  return out;
}

}  // namespace parcours::http
