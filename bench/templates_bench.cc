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

json fact(const std::string& label, const std::string& value) {
  return {{"label", label}, {"value", value}};
}

json person_view() {
  json identity = json::array();
  for (const char* label :
       {"Nom", "Prénom", "Date de naissance", "Sexe", "Milieu", "SPIP", "Antenne",
        "Niveau de qualification", "CPIP référent", "Pièce d’identité valable jusqu’au",
        "Titre de séjour", "Bénéficiaire du RSA", "Contrat d’engagements réciproques", "Téléphone",
        "Adresse e-mail", "Adresse postale"})
    identity.push_back(fact(label, "Valeur « de démonstration » & co"));
  json cases = json::array();
  for (int i = 0; i < 3; ++i)
    cases.push_back({{"programme", "PPAIP"},
                     {"href", "/prises-en-charge/" + std::to_string(40 + i)},
                     {"state", {{"text", "En cours"}, {"tone", "info"}}},
                     {"modality", "Individuel"},
                     {"provider", "Association Cap Emploi"},
                     {"prescribed", "3 févr. 2025 à 10:15"},
                     {"next_due", "Bilan intermédiaire — avant le 3 mai 2025"}});
  json orientations = json::array();
  for (int i = 0; i < 2; ++i)
    orientations.push_back({{"id", 7 + i},
                            {"requested_on", "mardi 4 février 2025"},
                            {"source", "Juge de l’application des peines"},
                            {"source_detail", ""},
                            {"comment", "Souhaite une formation de cariste"},
                            {"status", {{"text", "En attente de décision"}, {"tone", "warning"}}},
                            {"decision_comment", ""},
                            {"prescription_href", ""},
                            {"pending", i == 0},
                            {"can_decide", i == 0},
                            {"prescribe_href", "/personnes/12/prescrire?orientation_id=7"},
                            {"form_id", "refus-" + std::to_string(7 + i)},
                            {"decline_action", "/orientations/7/refus"},
                            {"open", false},
                            {"comment_value", ""},
                            {"comment_error", ""}});
  json timeline = json::array();
  for (int i = 0; i < 20; ++i)
    timeline.push_back({{"at", "5 févr. 2025 à 14:05"},
                        {"label", i % 3 ? "Entretien réalisé" : "Prescription validée"},
                        {"detail", i % 2 ? "Présente, a apporté son CV" : ""},
                        {"who", "Julien Moreau (CPIP)"},
                        {"href", i % 3 ? "" : "/prises-en-charge/40"}});
  json actions = json::array();
  for (const char* label : {"Dossier professionnel", "Modifier le dossier", "Prescrire un PPAIP"})
    actions.push_back(
        {{"href", "/personnes/12/x"}, {"label", label}, {"icon", "pencil"}, {"secondary", true}});
  return {{"heading", "Aïssata N’DIAYE"},
          {"person_id", 12},
          {"subheading", "Milieu ouvert — Montpellier"},
          {"actions", actions},
          {"identity", identity},
          {"judicial_visible", true},
          {"judicial", json::array({fact("Statut judiciaire", "Condamnée"),
                                    fact("Fin de peine", "30 juin 2026")})},
          {"diagnosis_text", "Motivée.\nCherche un emploi."},
          {"diagnosis_paragraphs", json::array({"Motivée.", "Cherche un emploi."})},
          {"diagnosis_on", "10 janv. 2025"},
          {"diagnosis_by", "J. Moreau"},
          {"cases", cases},
          {"no_cases", false},
          {"spip_side", true},
          {"orientations", orientations},
          {"no_orientations", false},
          {"timeline", timeline},
          {"no_timeline", false},
          {"csrf_token", "q8L-3x_Zt0"}};
}

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
  json view = person_view();
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
