#include "http/templates.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

namespace parcours::http {

// Issue 13: the templates are parsed here once and rendered straight from the view model by
// http/mustache.h; the former renderer copied every view into kainjow's data tree first (a
// tenth of the person file's cost) and kept a parsed tree per thread.
Templates::Templates(const std::string& dir) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) throw std::runtime_error("Dossier des gabarits introuvable : " + dir);
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string error;
    auto parsed = Mustache::parse(ss.str(), &error);
    if (!parsed)
      throw std::runtime_error("Gabarit invalide " + entry.path().string() + " : " + error);
    parsed_.insert_or_assign(entry.path().stem().string(), std::move(*parsed));
  }
}

std::string Templates::render(const std::string& name, const nlohmann::json& view) const {
  auto it = parsed_.find(name);
  if (it == parsed_.end()) throw std::runtime_error("Gabarit inconnu : " + name);
  return it->second.render(view);
}

}  // namespace parcours::http
