#include "http/templates.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <kainjow/mustache.hpp>

namespace parcours::http {
namespace {

namespace mst = kainjow::mustache;

mst::data to_data(const nlohmann::json& j);

// The label of each column ("Date", or {"label": "Date"}) of a table view.
std::vector<std::string> column_labels(const nlohmann::json& columns) {
  std::vector<std::string> out;
  for (const auto& c : columns)
    out.push_back(c.is_string()   ? c.get<std::string>()
                  : c.is_object() ? c.value("label", std::string())
                                  : std::string());
  return out;
}

// A row's cells, each given "column_label", the label of its column: on a phone, a table is
// shown as cards whose cells carry their column's name (data-label="{{column_label}}").
mst::data labelled_cells(const nlohmann::json& cells, const std::vector<std::string>& labels) {
  mst::data d{mst::data::type::list};
  for (std::size_t i = 0; i < cells.size(); ++i) {
    nlohmann::json cell = cells[i];
    if (cell.is_object() && !cell.contains("column_label") && i < labels.size())
      cell["column_label"] = labels[i];
    d.push_back(to_data(cell));
  }
  return d;
}

// The rows (or totals) of a table view whose cells are listed with their columns.
mst::data labelled_rows(const nlohmann::json& rows, const std::vector<std::string>& labels) {
  mst::data d{mst::data::type::list};
  for (const auto& row : rows) {
    if (!row.is_object() || !row.contains("cells") || !row["cells"].is_array()) {
      d.push_back(to_data(row));
      continue;
    }
    mst::data r{mst::data::type::object};
    for (auto it = row.begin(); it != row.end(); ++it)
      r.set(it.key(),
            it.key() == "cells" ? labelled_cells(it.value(), labels) : to_data(it.value()));
    d.push_back(r);
  }
  return d;
}

mst::data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mst::data d{mst::data::type::object};
      const bool table = j.contains("columns") && j["columns"].is_array();
      const auto labels = table ? column_labels(j["columns"]) : std::vector<std::string>();
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (table && it.key() == "rows" && it.value().is_array())
          d.set(it.key(), labelled_rows(it.value(), labels));
        else if (table && it.key() == "totals" && it.value().is_array())
          d.set(it.key(), labelled_cells(it.value(), labels));
        else
          d.set(it.key(), to_data(it.value()));
      }
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
      return mst::data{j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
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

namespace {

// A template parsed once per thread: kainjow's render() is not const (it may set the error
// message), so the parsed tree is not shared between threads. Parsing the page and the layout
// at every request was a tenth of the person file's cost (issue 13). Keyed by the Templates
// object and the name; the source is kept and compared, so that another Templates built at
// the same address (tests) never gets a stale tree.
struct Parsed {
  std::string source;
  std::unique_ptr<mst::mustache> tree;
};

mst::mustache& parsed(const void* owner, const std::string& name, const std::string& source) {
  thread_local std::unordered_map<const void*, std::unordered_map<std::string, Parsed>> cache;
  Parsed& p = cache[owner][name];
  // A tree left invalid by a render (an error is sticky in kainjow) is parsed again.
  if (!p.tree || !p.tree->is_valid() || p.source != source) {
    p.source = source;
    p.tree = std::make_unique<mst::mustache>(source);
  }
  return *p.tree;
}

}  // namespace

std::string Templates::render(const std::string& name, const nlohmann::json& view) const {
  auto it = sources_.find(name);
  if (it == sources_.end()) throw std::runtime_error("Gabarit inconnu : " + name);
  return parsed(this, name, it->second).render(to_data(view));
}

}  // namespace parcours::http
