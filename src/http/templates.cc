#include "http/templates.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <kainjow/mustache.hpp>

namespace parcours::http {
namespace {

namespace mst = kainjow::mustache;

mst::data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mst::data d{mst::data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), to_data(it.value()));
      // detail.mustache: a table whose rows carry a POST action needs its extra column.
      if (j.contains("rows") && j["rows"].is_array() && !j.contains("has_post_actions")) {
        bool any = false;
        for (const auto& row : j["rows"])
          any = any || (row.is_object() && row.contains("post_action"));
        d.set("has_post_actions",
              any ? mst::data{mst::data::type::bool_true} : mst::data{mst::data::type::bool_false});
      }
      return d;
    }
    case nlohmann::json::value_t::array: {
      mst::data d{mst::data::type::list};
      for (const auto& item : j) d.push_back(to_data(item));
      return d;
    }
    // kainjow takes an empty string as true in sections: "" becomes false (renders empty).
    case nlohmann::json::value_t::string:
      return j.get<std::string>().empty() ? mst::data{mst::data::type::bool_false}
                                          : mst::data{j.get<std::string>()};
    case nlohmann::json::value_t::boolean:
      return j.get<bool>() ? mst::data{mst::data::type::bool_true}
                           : mst::data{mst::data::type::bool_false};
    case nlohmann::json::value_t::null:
      return mst::data{mst::data::type::bool_false};
    default:
      return mst::data{j.dump()};
  }
}

}  // namespace

Templates::Templates(const std::string& dir) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) throw std::runtime_error("Dossier des gabarits introuvable : " + dir);
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    mst::mustache check{ss.str()};
    if (!check.is_valid())
      throw std::runtime_error("Gabarit invalide " + entry.path().string() + " : " +
                               check.error_message());
    sources_[entry.path().stem().string()] = ss.str();
  }
}

std::string Templates::render(const std::string& name, const nlohmann::json& view) const {
  auto it = sources_.find(name);
  if (it == sources_.end()) throw std::runtime_error("Gabarit inconnu : " + name);
  mst::mustache tpl{it->second};
  return tpl.render(to_data(view));
}

}  // namespace parcours::http
