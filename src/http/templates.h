// Mustache templates of web/templates, loaded once; view models are JSON objects.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "http/mustache.h"

namespace parcours::http {

class Templates {
 public:
  // Loads every *.mustache file of dir; throws with a French message naming the file
  // when one is missing or does not parse (start-up must stop then).
  explicit Templates(const std::string& dir);
  // Renders a template with a JSON view model (objects, arrays, strings, numbers, booleans).
  // Const: the templates parsed at start-up are shared by the threads that render.
  std::string render(const std::string& name, const nlohmann::json& view) const;

 private:
  std::map<std::string, Mustache> parsed_;
};

}  // namespace parcours::http
