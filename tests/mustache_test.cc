// Issue 13: the Mustache engine of http/mustache.h replaced the view copy (to_data) and kainjow's
// renderer. These tests render every template of web/templates, with realistic views and with
// thousands of generated ones, through both the former path (kept below, for the tests only) and
// the new engine, and require the same bytes; then they pin the rules the pages rely on.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "former_mustache.h"
#include "http/mustache.h"
#include "http/templates.h"
#include "person_page_sample.h"

namespace parcours::http {
namespace {

using nlohmann::json;

// ---- The former renderer: the view copied by to_data into kainjow's data, as it was ----------

namespace former {

using namespace ::parcours::former_mustache;

std::string render(const std::string& source, const json& view) {
  mst::mustache t{source};
  EXPECT_TRUE(t.is_valid()) << t.error_message();
  return t.render(to_data(view));
}

}  // namespace former

std::string render_new(const std::string& source, const json& view) {
  std::string error;
  auto t = Mustache::parse(source, &error);
  EXPECT_TRUE(t.has_value()) << error;
  return t ? t->render(view) : std::string();
}

// Renders with both, requires the same bytes, and returns them.
std::string both(const std::string& source, const json& view) {
  const std::string expected = former::render(source, view);
  EXPECT_EQ(render_new(source, view), expected) << "template: " << source << "\nview: " << view;
  return expected;
}

const std::string kTemplateDir = PARCOURS_SOURCE_DIR "/web/templates";

std::string read_template(const std::string& name) {
  std::ifstream in(kTemplateDir + "/" + name + ".mustache");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> template_names() {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(kTemplateDir))
    if (e.path().extension() == ".mustache") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

// ---- Realistic views (as the pages build them) -------------------------------------------------

using namespace ::parcours::template_samples;

json layout_view(const std::string& body, bool signed_in, bool flash) {
  json nav = json::array();
  for (const char* label : {"Accueil", "Personnes", "Ateliers", "Permanences", "Rapports"})
    nav.push_back({{"label", label},
                   {"href", std::string("/") + label},
                   {"icon", "house"},
                   {"active", std::string(label) == "Personnes"}});
  json v = {{"title", "Aïssata N’DIAYE"},
            {"signed_in", signed_in},
            {"flashes", json::array()},
            {"asset_version", "3f9a2c"},
            {"body", body}};
  if (!signed_in) return v;
  v["user"] = {{"full_name", "Julien Moreau"}, {"email", "j.moreau@example.org"}};
  v["roles_text"] = "CPIP";
  v["csrf_token"] = "q8L-3x_Zt0";
  v["nav"] = nav;
  if (flash)
    v["flashes"].push_back({{"kind", "success"},
                            {"text", "Dossier enregistré."},
                            {"is_success", true},
                            {"is_danger", false},
                            {"is_warning", false},
                            {"is_info", false}});
  return v;
}

json list_view(int rows_count, bool labelled_columns) {
  json rows = json::array();
  for (int i = 0; i < rows_count; ++i)
    rows.push_back({{"cells",
                     {{{"text", "Établissement n° " + std::to_string(i)}, {"href", "/x?a=1&b=2"}},
                      {{"text", "Maison d’arrêt"}, {"badge", i % 2 == 0}},
                      {{"text", i}, {"column_label", "Code (propre)"}},
                      {{"text", "en trop"}}}}});
  json columns = labelled_columns
                     ? json::array({{{"label", "Nom"}}, {{"label", "Type"}}, {{"label", "Code"}}})
                     : json::array({"Nom", "Type", "Code"});
  return {{"heading", "Organisations"},
          {"caption", "Liste des organisations"},
          {"columns", columns},
          {"rows", rows},
          {"empty", rows.empty()},
          {"empty_text", "Aucune organisation."},
          {"intro", ""},
          {"pager", {{"label", "Page 1 sur 3"}, {"prev_href", ""}, {"next_href", "?page=2"}}},
          {"actions", json::array({{{"href", "/organisations/nouvelle"}, {"label", "Créer"}}})}};
}

json detail_view(bool with_post_action) {
  json rows = json::array();
  for (int i = 0; i < 3; ++i) {
    json row = {
        {"cells",
         {{{"text", "Lot " + std::to_string(i)}, {"href", "/lots/1"}}, {{"text", "12 500,00 €"}}}}};
    if (with_post_action && i == 1)
      row["post_action"] = {
          {"action", "/lots/1/retirer"}, {"label", "Retirer"}, {"label_context", "le lot 1"}};
    rows.push_back(row);
  }
  return {{"heading", "Marché 2025-01"},
          {"facts", json::array({fact("Référence", "2025-01"), fact("Montant", "25 000 €")})},
          {"csrf_token", "tok\"en"},
          {"sections", json::array({{{"heading", "Lots"},
                                     {"columns", json::array({"Lot", {{"label", "Montant"}}})},
                                     {"rows", rows},
                                     {"empty", false},
                                     {"actions", json::array()}},
                                    {{"heading", "Vide"},
                                     {"columns", json::array({"A"})},
                                     {"rows", json::array()},
                                     {"empty", true},
                                     {"empty_text", "Rien."}}})}};
}

TEST(MustacheEngine, EveryTemplateParsesAsBefore) {
  for (const auto& name : template_names()) {
    const std::string source = read_template(name);
    kainjow::mustache::mustache former_tree{source};
    std::string error;
    EXPECT_TRUE(former_tree.is_valid()) << name;
    EXPECT_TRUE(Mustache::parse(source, &error).has_value()) << name << ": " << error;
  }
}

TEST(MustacheEngine, PersonPageInItsLayoutIsByteIdentical) {
  for (int timeline : {0, 1, 12}) {
    json person = person_view(timeline);
    const std::string body = both(read_template("person"), person);
    EXPECT_NE(body.find("Aïssata N’DIAYE"), std::string::npos);
    for (bool signed_in : {true, false})
      for (bool flash : {true, false})
        both(read_template("layout"), layout_view(body, signed_in, flash));
    person["judicial_visible"] = false;
    person["no_cases"] = true;
    person["diagnosis_on"] = "";
    person["error_summary"] = {{"message", "Le motif est obligatoire."},
                               {"details", json::array({{{"href", "#c"}, {"message", "Motif"}}})}};
    both(read_template("person"), person);
  }
}

TEST(MustacheEngine, TablePagesAreByteIdentical) {
  for (int n : {0, 1, 25})
    for (bool labelled : {true, false}) {
      const std::string html = both(read_template("list"), list_view(n, labelled));
      if (n > 0) {
        EXPECT_NE(html.find("data-label=\"Code (propre)\""), std::string::npos);
      }
    }
  for (bool post : {true, false}) {
    const std::string html = both(read_template("detail"), detail_view(post));
    EXPECT_EQ(html.find("pc-table__action") != std::string::npos, post);
  }
}

// ---- Generated views: every template, thousands of shapes ------------------------------------

// The names a template uses, by section: what the view generator fills in.
struct Shape {
  std::set<std::string> variables;
  std::map<std::string, Shape> sections;
};

// Read with its own little scanner (not the engine's parser): enough for web/templates.
Shape shape_of(const std::string& source, std::set<std::string>& all_names) {
  Shape root;
  std::vector<Shape*> open{&root};
  for (auto pos = source.find("{{"); pos != std::string::npos; pos = source.find("{{", pos)) {
    const bool triple = source.compare(pos, 3, "{{{") == 0;
    const auto end = source.find(triple ? "}}}" : "}}", pos);
    std::string tag = source.substr(pos + (triple ? 3 : 2), end - pos - (triple ? 3 : 2));
    pos = end + 2;
    const char sigil = triple ? '&' : tag.front();
    if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '&' || sigil == '!')
      tag = tag.substr(triple ? 0 : 1);
    tag.erase(0, tag.find_first_not_of(' '));
    tag.erase(tag.find_last_not_of(' ') + 1);
    if (sigil == '/') {
      open.pop_back();
    } else if (sigil == '#' || sigil == '^') {
      open.push_back(&open.back()->sections[tag]);
      all_names.insert(tag);
    } else if (sigil != '!' && tag != ".") {
      const auto dot = tag.find('.');
      if (dot == std::string::npos)
        open.back()->variables.insert(tag);
      else
        open.back()->sections[tag.substr(0, dot)].variables.insert(tag.substr(dot + 1));
      all_names.insert(tag.substr(0, dot));
    }
  }
  return root;
}

class ViewGenerator {
 public:
  explicit ViewGenerator(unsigned seed) : rng_(seed) {}

  json root(const Shape& shape, const std::set<std::string>& all_names) {
    json view = object(shape, 0);
    for (const auto& name : all_names)  // found by walking up from inner sections
      if (!view.contains(name) && pick(3) == 0) view[name] = scalar();
    return view;
  }

 private:
  std::size_t pick(std::size_t n) { return rng_() % n; }

  json scalar() {
    static const std::vector<json> values = {"Léa Martin",
                                             "a & b <i>\"c\"</i> 'd' / ` = é",
                                             "",
                                             " ",
                                             "\t ",
                                             "deux\nlignes",
                                             0,
                                             42,
                                             -3,
                                             2.5,
                                             1e-7,
                                             18446744073709551615u,
                                             true,
                                             false,
                                             nullptr,
                                             json::object()};
    return values[pick(values.size())];
  }

  json object(const Shape& shape, int depth) {
    json o = json::object();
    for (const auto& v : shape.variables)
      if (pick(5) != 0) o[v] = scalar();
    for (const auto& [name, sub] : shape.sections)
      if (pick(3) != 0) o[name] = depth > 4 ? scalar() : section_value(name, sub, depth + 1);
    return o;
  }

  json section_value(const std::string& name, const Shape& shape, int depth) {
    if (name == "columns" && pick(2) == 0) return columns();
    switch (pick(12)) {
      case 0:
        return false;
      case 1:
        return true;
      case 2:
        return "texte";
      case 3:
        return pick(2) ? json(nullptr) : json(json::array());
      case 4:
        return scalar();
      case 5:
      case 6:
        return object(shape, depth);
      default:
        return list(shape, depth);
    }
  }

  json list(const Shape& shape, int depth) {
    json l = json::array();
    for (std::size_t n = 1 + pick(4); n > 0; --n)
      l.push_back(pick(7) == 0 ? scalar() : object(shape, depth));
    return l;
  }

  json columns() {
    json l = json::array();
    for (std::size_t n = pick(5); n > 0; --n) {
      switch (pick(4)) {
        case 0:
          l.push_back("Colonne <" + std::to_string(n) + ">");
          break;
        case 1:
          l.push_back({{"label", "Libellé " + std::to_string(n)}});
          break;
        case 2:
          l.push_back(json::object());
          break;
        default:
          l.push_back("");
      }
    }
    return l;
  }

  std::mt19937 rng_;
};

TEST(MustacheEngine, EveryTemplateWithGeneratedViewsIsByteIdentical) {
  int compared = 0;
  int skipped = 0;
  for (const auto& name : template_names()) {
    const std::string source = read_template(name);
    std::set<std::string> all_names;
    const Shape shape = shape_of(source, all_names);
    kainjow::mustache::mustache former_tree{source};
    std::string error;
    const auto tree = Mustache::parse(source, &error);
    ASSERT_TRUE(tree.has_value()) << name << ": " << error;
    for (unsigned seed = 1; seed <= 200; ++seed) {
      const json view = ViewGenerator(seed * 7919 + name.size()).root(shape, all_names);
      kainjow::mustache::data data;
      try {
        data = former::to_data(view);
      } catch (const json::type_error&) {
        // A column whose "label" is not a string: to_data threw (whether the template used the
        // label or not); the engine takes it as an empty label.
        ++skipped;
        continue;
      }
      const std::string expected = former_tree.render(data);
      const std::string got = tree->render(view);
      if (got != expected) {
        ADD_FAILURE() << name << ", seed " << seed << "\nview: " << view << "\nexpected:\n"
                      << expected << "\ngot:\n"
                      << got;
        break;
      }
      ++compared;
    }
  }
  EXPECT_GT(compared, 20 * skipped);
  std::cout << compared << " generated views rendered alike, " << skipped << " skipped\n";
}

// ---- The rules, one by one ---------------------------------------------------------------------

TEST(MustacheEngine, EscapesAsKainjowDid) {
  const json v = {{"s", "& < > \" ' / ` = é"}};
  EXPECT_EQ(both("{{s}}", v), "&amp; &lt; &gt; &quot; &apos; / ` = é");
  EXPECT_EQ(both("{{{s}}}|{{& s}}", v), "& < > \" ' / ` = é|& < > \" ' / ` = é");
  EXPECT_EQ(both("{{ s }}", {{"s", "&&"}}), "&amp;&amp;");
}

TEST(MustacheEngine, PrintsStringsAndNumbersOnly) {
  const json v = {{"t", true},       {"f", false},   {"n", nullptr},
                  {"e", ""},         {"i", -42},     {"z", 0},
                  {"d", 2.5},        {"big", 1e100}, {"u", 18446744073709551615u},
                  {"o", {{"a", 1}}}, {"l", {1, 2}}};
  EXPECT_EQ(both("{{t}}|{{f}}|{{n}}|{{e}}|{{o}}|{{l}}|{{missing}}", v), "||||||");
  EXPECT_EQ(both("{{i}} {{z}} {{d}} {{big}} {{u}}", v), "-42 0 2.5 1e+100 18446744073709551615");
}

TEST(MustacheEngine, FalseValuesInSectionsAndInvertedSections) {
  const std::string t = "{{#x}}Y{{/x}}{{^x}}N{{/x}}";
  const std::vector<std::pair<json, std::string>> cases = {
      {"", "N"},  {nullptr, "N"},         {false, "N"}, {json::array(), "N"},
      {0, "Y"},   {json::object(), "Y"},  {"x", "Y"},   {true, "Y"},
      {1.5, "Y"}, {json::array({0}), "Y"}};
  for (const auto& [value, expected] : cases) EXPECT_EQ(both(t, {{"x", value}}), expected) << value;
  EXPECT_EQ(both(t, json::object()), "N");
  // A scalar is pushed: {{.}} prints it; a list repeats the section for each item.
  EXPECT_EQ(both("{{#x}}[{{.}}]{{/x}}", {{"x", "abc"}}), "[abc]");
  EXPECT_EQ(both("{{#x}}[{{.}}]{{/x}}", {{"x", 7}}), "[7]");
  EXPECT_EQ(both("{{#x}}[{{.}}]{{/x}}", {{"x", {"a", "", nullptr, 1, true}}}), "[a][][][1][]");
}

TEST(MustacheEngine, DottedNamesAndImplicitIterator) {
  const json v = {{"user", {{"full_name", "Léa"}, {"org", {{"name", "SPIP"}}}}},
                  {"l", {{"a", "b"}, {"c"}}},
                  {"a", {{"b", "outer"}}},
                  {"items", {{{"a", {{"x", 1}}}}}}};
  EXPECT_EQ(both("{{user.full_name}} {{user.org.name}} {{user.none}} {{none.x}}", v), "Léa SPIP  ");
  EXPECT_EQ(both("{{#l}}({{#.}}{{.}}{{/.}}){{/l}}", v), "(ab)(c)");
  // kainjow resolves a dotted name whole in each context, innermost first: the inner "a" has no
  // "b", so the outer a.b is used (the Mustache specification would print nothing).
  EXPECT_EQ(both("{{#items}}{{a.b}}|{{a.x}}{{/items}}", v), "outer|1");
}

TEST(MustacheEngine, NamesAreLookedUpInEnclosingContexts) {
  const json v = {{"shared", "S"},
                  {"name", "outer"},
                  {"items", {{{"name", "one"}}, {{"name", "two"}, {"shared", "own"}}, {"x", 1}}}};
  EXPECT_EQ(both("{{#items}}{{name}}-{{shared}};{{/items}}", v), "one-S;two-own;outer-S;");
  // A false value found inside hides the outer one.
  EXPECT_EQ(both("{{#items}}{{#shared}}y{{/shared}}{{/items}}",
                 {{"shared", true}, {"items", {{{"shared", false}}}}}),
            "");
}

TEST(MustacheEngine, StandaloneLinesAsKainjowDid) {
  const json v = {{"t", true}, {"f", false}, {"l", {"x", "y"}}, {"sp", " "}};
  // A rendered section drops the lines of its tags; a skipped one leaves an empty line.
  EXPECT_EQ(both("a\n{{#t}}\nb\n{{/t}}\nc", v), "a\nb\nc");
  EXPECT_EQ(both("a\n{{#f}}\nb\n{{/f}}\nc", v), "a\n\nc");
  EXPECT_EQ(both("a\n  {{^f}}  \nX\n{{/f}}  \nc", v), "a\nX\nc");
  EXPECT_EQ(both("a\n  {{#l}}\n{{.}}\n  {{/l}}\nc\n", v), "a\nx\ny\nc\n");
  // A comment line keeps its spaces and newline.
  EXPECT_EQ(both("a\n  {{! note }}  \nc", v), "a\n    \nc");
  // Printed blanks count as blanks: the line goes.
  EXPECT_EQ(both("a\n{{sp}}{{#t}}{{/t}}\nc", v), "a\nc");
  EXPECT_EQ(both("a\r\n{{#t}}\r\nb\r\n{{/t}}\r\nc\rd", v), "a\r\nb\r\nc\rd");
  EXPECT_EQ(both("<p>{{#t}}\nx{{/t}}</p>\n", v), "<p>\nx</p>\n");
  EXPECT_EQ(both("x\n  {{#t}}{{/t}}", v), "x\n");
}

TEST(MustacheEngine, TableCellsGetTheirColumnLabel) {
  const json table = {
      {"columns", {"Nom", {{"label", "Date"}}, json::object(), ""}},
      {"rows",
       {{{"cells", {{{"t", "a"}}, {{"t", "b"}}, {{"t", "c"}}, {{"t", "d"}}, {{"t", "e"}}}}},
        {{"cells", {{{"t", "f"}, {"column_label", "propre"}}, "texte"}}},
        {{"other", 1}}}},
      {"totals", {{{"t", "Σ"}}, {{"t", "2"}}}}};
  const std::string t =
      "{{#rows}}{{#cells}}<td data-label=\"{{column_label}}\">{{t}}{{.}}</td>{{/cells}}|"
      "{{/rows}}{{#totals}}[{{column_label}}:{{t}}]{{/totals}}";
  EXPECT_EQ(both(t, table),
            "<td data-label=\"Nom\">a</td><td data-label=\"Date\">b</td>"
            "<td data-label=\"\">c</td><td data-label=\"\">d</td><td data-label=\"\">e</td>|"
            "<td data-label=\"propre\">f</td><td data-label=\"\">texte</td>||[Nom:Σ][Date:2]");
  // Not a table without a "columns" list; the label comes from the enclosing context then.
  EXPECT_EQ(both("{{#rows}}{{#cells}}{{column_label}}{{/cells}}{{/rows}}",
                 {{"column_label", "dehors"}, {"rows", {{{"cells", {json::object()}}}}}}),
            "dehors");
  EXPECT_EQ(both("{{#t.rows}}{{#cells}}{{column_label}}{{/cells}}{{/t.rows}}",
                 {{"t", {{"columns", {"A"}}, {"rows", {{{"cells", {json::object()}}}}}}}}),
            "A");
}

TEST(MustacheEngine, RowsTellWhetherAnyHasAPostAction) {
  const std::string t =
      "{{#has_post_actions}}P{{/has_post_actions}}{{^has_post_actions}}-{{/"
      "has_post_actions}}{{#rows}}({{#has_post_actions}}p{{/has_post_actions}})"
      "{{/rows}}";
  EXPECT_EQ(both(t, {{"rows", {{{"post_action", 1}}, json::object()}}}), "P(p)(p)");
  EXPECT_EQ(both(t, {{"rows", {json::object(), "x"}}}), "-()()");
  EXPECT_EQ(both(t, {{"rows", {{{"post_action", 1}}}}, {"has_post_actions", false}}), "-()");
  EXPECT_EQ(both(t, {{"rows", "not a list"}}), "-()");
  // A row of a table (an object with "cells") gets neither convention itself.
  const json nested = {
      {"columns", {"A"}},
      {"rows", {{{"cells", json::array()}, {"rows", {{{"post_action", 1}}}}, {"columns", {"B"}}}}}};
  EXPECT_EQ(both("{{#rows}}{{#has_post_actions}}P{{/has_post_actions}}{{/rows}}", nested), "");
  EXPECT_EQ(both("{{#rows}}{{#rows}}{{#has_post_actions}}P{{/has_post_actions}}{{/rows}}{{/rows}}",
                 {{"rows", {{{"rows", {{{"post_action", 1}}}}}}}}),
            "P");
}

TEST(MustacheEngine, ParseErrorsSayWhereAndWhy) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"a {{#s}} b", "section « s » ouverte à la position 2 mais jamais fermée"},
      {"{{#a}}{{/b}}",
       "fermeture « b » à la position 6 alors que la section « a » ouverte à la "
       "position 0 est en cours"},
      {"x{{/a}}", "fermeture « a » à la position 1 sans section ouverte"},
      {"x {{name", "balise non fermée à la position 2"},
      {"{{{name}}", "balise non fermée à la position 0"},
      {"x{{", "balise non fermée à la position 1"},
      {"{{> part}}", "partiel « part » non pris en charge à la position 0"},
      {"{{=<% %>=}}", "changement de délimiteurs non pris en charge à la position 0"}};
  for (const auto& [source, message] : cases) {
    std::string error;
    EXPECT_FALSE(Mustache::parse(source, &error).has_value()) << source;
    EXPECT_EQ(error, message);
    if (source.find('>') == std::string::npos && source.find('=') == std::string::npos) {
      EXPECT_FALSE(kainjow::mustache::mustache{source}.is_valid()) << source;
    }
  }
}

TEST(MustacheEngine, TemplatesRefuseABadFileByItsName) {
  const auto dir = std::filesystem::temp_directory_path() / "parcours_mustache_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "ok.mustache") << "Bonjour {{name}}\n";
  std::ofstream(dir / "bad.mustache") << "{{#open}}";
  try {
    Templates t(dir.string());
    ADD_FAILURE() << "a bad template was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("Gabarit invalide " + (dir / "bad.mustache").string()),
              std::string::npos)
        << e.what();
  }
  std::filesystem::remove(dir / "bad.mustache");
  Templates t(dir.string());
  EXPECT_EQ(t.render("ok", {{"name", "Léa & Max"}}), "Bonjour Léa &amp; Max\n");
  EXPECT_THROW(t.render("absent", json::object()), std::runtime_error);
  std::filesystem::remove_all(dir);
}

TEST(MustacheEngine, ThreadsShareTheParsedTemplates) {
  const Templates templates(kTemplateDir);
  const json view = person_view(8);
  const std::string expected = former::render(read_template("person"), view);
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (auto& r : results)
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) r = templates.render("person", view);
    });
  for (auto& th : threads) th.join();
  for (const auto& r : results) EXPECT_EQ(r, expected);
}

}  // namespace
}  // namespace parcours::http
