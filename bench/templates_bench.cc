// Template rendering (make bench), issue 13: the person's file (person.mustache inside
// layout.mustache, about 15 KB of HTML) rendered by the former path — the view copied by to_data
// into kainjow's data tree, then rendered by kainjow from a tree parsed once — and by our engine
// (http/mustache.h), which renders from the JSON view itself.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "../tests/former_mustache.h"
#include "../tests/person_page_sample.h"
#include "http/templates.h"

namespace {

using nlohmann::json;

using parcours::former_mustache::to_data;
namespace mst = parcours::former_mustache::mst;

// ---- A person's file as the page builds it (http/journey_people_pages.cc) ----------------------

std::string read_template(const std::string& name) {
  std::ifstream in(PARCOURS_SOURCE_DIR "/web/templates/" + name + ".mustache");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

using parcours::template_samples::person_view;

// The layout's view (Web::layout) around a rendered body.
json layout_view(const std::string& body) {
  json nav = json::array();
  for (const char* label : {"Accueil", "À faire", "Personnes", "Ateliers", "Permanences",
                            "Rapports", "Organisations", "Notifications"})
    nav.push_back({{"label", label}, {"href", "/x"}, {"icon", "house"}, {"active", false}});
  return {{"title", "Aïssata N’DIAYE"},
          {"signed_in", true},
          {"flashes", json::array()},
          {"asset_version", "3f9a2c"},
          {"user", {{"full_name", "Julien Moreau"}, {"email", "j.moreau@example.org"}}},
          {"roles_text", "CPIP"},
          {"csrf_token", "q8L-3x_Zt0"},
          {"nav", nav},
          {"body", body}};
}

// Both benchmarks render the page, then the layout around it, as Web::render does; the views
// are built once, outside the timed loop (building them costs the same on both paths).
struct PersonPage {
  json view = person_view(20);
  json layout = layout_view(std::string());
};

std::string render_former(mst::mustache& person, mst::mustache& layout, PersonPage& page) {
  page.layout["body"] = person.render(to_data(page.view));
  return layout.render(to_data(page.layout));
}

std::string render_engine(const parcours::http::Templates& templates, PersonPage& page) {
  page.layout["body"] = templates.render("person", page.view);
  return templates.render("layout", page.layout);
}

void BM_PersonPageFormer(benchmark::State& state) {
  mst::mustache person{read_template("person")};
  mst::mustache layout{read_template("layout")};
  PersonPage page;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string html = render_former(person, layout, page);
    bytes = html.size();
    benchmark::DoNotOptimize(html.data());
  }
  state.counters["html_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_PersonPageFormer)->Unit(benchmark::kMicrosecond);

void BM_PersonPageEngine(benchmark::State& state) {
  const parcours::http::Templates templates(PARCOURS_SOURCE_DIR "/web/templates");
  PersonPage page;
  {  // the same bytes, or the comparison means nothing
    mst::mustache person{read_template("person")};
    mst::mustache layout{read_template("layout")};
    PersonPage former;
    if (render_former(person, layout, former) != render_engine(templates, page))
      state.SkipWithError("the two paths render different pages");
  }
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string html = render_engine(templates, page);
    bytes = html.size();
    benchmark::DoNotOptimize(html.data());
  }
  state.counters["html_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_PersonPageEngine)->Unit(benchmark::kMicrosecond);

}  // namespace
