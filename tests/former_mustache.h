// The former view renderer (src/http/templates.cc before issue 13): the JSON view copied by
// to_data into kainjow's data tree, then rendered by kainjow. Kept only to check our Mustache
// engine against it (tests/mustache_test.cc) and to measure it (bench/templates_bench.cc).
#pragma once

#include <string>
#include <vector>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

namespace parcours::former_mustache {

using nlohmann::json;
namespace mst = kainjow::mustache;

inline mst::data to_data(const json& j);

inline std::vector<std::string> column_labels(const json& columns) {
  std::vector<std::string> out;
  for (const auto& c : columns)
    out.push_back(c.is_string()   ? c.get<std::string>()
                  : c.is_object() ? c.value("label", std::string())
                                  : std::string());
  return out;
}

inline mst::data labelled_cells(const json& cells, const std::vector<std::string>& labels) {
  mst::data d{mst::data::type::list};
  for (std::size_t i = 0; i < cells.size(); ++i) {
    json cell = cells[i];
    if (cell.is_object() && !cell.contains("column_label") && i < labels.size())
      cell["column_label"] = labels[i];
    d.push_back(to_data(cell));
  }
  return d;
}

inline mst::data labelled_rows(const json& rows, const std::vector<std::string>& labels) {
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

inline mst::data to_data(const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
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
      if (j.contains("rows") && j["rows"].is_array() && !j.contains("has_post_actions")) {
        bool any = false;
        for (const auto& row : j["rows"])
          any = any || (row.is_object() && row.contains("post_action"));
        d.set("has_post_actions",
              any ? mst::data{mst::data::type::bool_true} : mst::data{mst::data::type::bool_false});
      }
      return d;
    }
    case json::value_t::array: {
      mst::data d{mst::data::type::list};
      for (const auto& item : j) d.push_back(to_data(item));
      return d;
    }
    case json::value_t::string:
      return j.get<std::string>().empty() ? mst::data{mst::data::type::bool_false}
                                          : mst::data{j.get<std::string>()};
    case json::value_t::boolean:
      return j.get<bool>() ? mst::data{mst::data::type::bool_true}
                           : mst::data{mst::data::type::bool_false};
    case json::value_t::null:
      return mst::data{mst::data::type::bool_false};
    default:
      return mst::data{j.dump(-1, ' ', false, json::error_handler_t::replace)};
  }
}

}  // namespace parcours::former_mustache
