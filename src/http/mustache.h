// A small Mustache engine for the pages of web/templates (issue 13): a template is parsed once
// into a flat node list and rendered straight from the JSON view model, without copying it.
//
// The output is byte for byte what the former renderer gave (the view copied into kainjow's data
// tree by to_data, then rendered by kainjow 4.1); where kainjow departs from the Mustache
// specification, this engine departs the same way:
//  - HTML escaping covers & < > " ' only (as &amp; &lt; &gt; &quot; &apos;);
//  - a line is dropped when, at its end, it holds only spaces or tabs and a section (or inverted
//    section) was rendered on it; a section that is skipped, and a comment, leave the line in;
//  - a dotted name is resolved whole in each context, from the innermost outwards;
//  - only strings and numbers are printed by {{x}}; true, false, null, lists and objects print
//    nothing; an empty string, null, false and an empty list are false in sections, everything
//    else (0, an empty object) is true; a non-empty list repeats its section for each item, any
//    other true value renders it once with the value pushed on the context stack;
//  - tables (the two conventions of the former to_data): in an object with a "columns" list, a
//    cell object of "rows[i].cells" or "totals" that has no "column_label" gets the label of its
//    column; an object with a "rows" list and no "has_post_actions" gets it, true when a row
//    object has a "post_action". Both are answered at lookup time: the view is never modified.
//    (A column whose "label" is not a string counts as unlabelled; to_data threw on it.)
// Partials ({{> x}}) and delimiter changes ({{=<% %>=}}) are refused at parse time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace parcours::http {

class Mustache {
 public:
  // The parsed template, or nullopt with *error set to a French message giving the position
  // (a byte offset) of the faulty tag: unclosed tag, section left open, closing tag that does
  // not match the open section, unsupported partial or delimiter change.
  static std::optional<Mustache> parse(std::string_view source, std::string* error);

  // Renders with `view` as the outermost context. Const and without shared state: one parsed
  // template may be rendered by several threads at once.
  std::string render(const nlohmann::json& view) const;
  // Appends the rendering to `out`.
  void render_to(const nlohmann::json& view, std::string& out) const;

 private:
  friend class MustacheParser;
  friend class MustacheRenderer;

  // A newline is a node of its own only on a line with a section tag: elsewhere, no line can
  // be dropped, and it is part of the text.
  enum class NodeKind : std::uint8_t { text, newline, variable, raw_variable, section, inverted };
  static constexpr std::uint32_t kNoLine = UINT32_MAX;
  struct Node {
    NodeKind kind;
    std::uint32_t first;  // text and newline: offset in text_; tags: index in names_
    std::uint32_t last;   // text and newline: end offset in text_; sections: end of the body
    std::uint32_t line;   // text: offset in text_ where its last line starts, or kNoLine
  };
  // A tag's name: "." (the current context) or the parts of a dotted name.
  struct Name {
    bool implicit = false;
    std::vector<std::string> parts;
  };

  std::vector<Node> nodes_;
  std::vector<Name> names_;
  std::string text_;  // the literal text and newlines, one after the other
};

}  // namespace parcours::http
