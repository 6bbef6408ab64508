#include "http/mustache.h"

#include <algorithm>
#include <array>
#include <utility>

namespace parcours::http {

using nlohmann::json;

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// "a.b.c" → a, b, c. As kainjow split it (std::getline on '.'), a final empty part is dropped:
// "a." is "a", while ".a" is "", "a".
std::vector<std::string> split_dotted(std::string_view name) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (auto dot = name.find('.'); dot != std::string_view::npos; dot = name.find('.', start)) {
    parts.emplace_back(name.substr(start, dot - start));
    start = dot + 1;
  }
  if (start < name.size()) parts.emplace_back(name.substr(start));
  return parts;
}

std::string where(std::size_t position) {
  return " à la position " + std::to_string(position);
}

std::string in_guillemets(std::string_view name) {
  return "« " + std::string(name) + " »";
}

}  // namespace

// ---- Parsing ---------------------------------------------------------------------------------

// Reads a template into the flat node list of a Mustache: text runs, tags, and the newlines
// ("\r\n", "\n" or "\r") of the lines that hold a section tag, where the renderer decides
// whether the line is kept. A section node is followed by its body; its `last` is the index of
// the node after the body.
class MustacheParser {
 public:
  MustacheParser(std::string_view source, Mustache& out) : src_(source), out_(out) {}

  // False with *error set when the template does not parse.
  bool run(std::string* error) {
    std::size_t pos = 0;
    while (pos < src_.size() && error_.empty()) pos = step(pos);
    if (error_.empty() && !open_.empty())
      fail("section " + in_guillemets(open_.back().name) + " ouverte" +
           where(open_.back().position) + " mais jamais fermée");
    if (!error_.empty() && error) *error = error_;
    return error_.empty();
  }

 private:
  struct Open {
    std::size_t node;
    std::size_t position;
    std::string name;
  };

  // Reads what starts at pos (a tag, a newline or a run of text); returns where to go on.
  std::size_t step(std::size_t pos) {
    const char c = src_[pos];
    if (c == '{' && pos + 1 < src_.size() && src_[pos + 1] == '{') return tag(pos);
    if (c == '\r' || c == '\n') {
      const std::size_t len = c == '\r' && pos + 1 < src_.size() && src_[pos + 1] == '\n' ? 2 : 1;
      newline(src_.substr(pos, len));
      return pos + len;
    }
    const std::size_t end = std::min(src_.find_first_of("{\r\n", pos + 1), src_.size());
    add_text(src_.substr(pos, end - pos));
    return end;
  }

  // A line without section tags is never dropped (the renderer's line rule needs a section on
  // the line): its newline is text.
  void newline(std::string_view newline) {
    if (section_on_line_) {
      const auto first = static_cast<std::uint32_t>(out_.text_.size());
      out_.text_.append(newline);
      out_.nodes_.push_back({Mustache::NodeKind::newline, first,
                             static_cast<std::uint32_t>(out_.text_.size()), Mustache::kNoLine});
      after_text_ = false;
    } else {
      add_text(newline);
      out_.nodes_.back().line = static_cast<std::uint32_t>(out_.text_.size());
    }
    section_on_line_ = false;
  }

  // Text is copied to text_; text runs with only a comment between make one node.
  void add_text(std::string_view text) {
    const auto first = static_cast<std::uint32_t>(out_.text_.size());
    out_.text_.append(text);
    const auto last = static_cast<std::uint32_t>(out_.text_.size());
    if (after_text_)
      out_.nodes_.back().last = last;
    else
      out_.nodes_.push_back({Mustache::NodeKind::text, first, last, Mustache::kNoLine});
    after_text_ = true;
  }

  // The tag opened by "{{" at pos; "{{{" opens an unescaped variable closed by "}}}".
  std::size_t tag(std::size_t pos) {
    std::size_t start = pos + 2;
    const bool triple = start < src_.size() && src_[start] == '{';
    if (triple) ++start;
    const std::string_view close = triple ? "}}}" : "}}";
    const std::size_t end = src_.find(close, start);
    if (end == std::string_view::npos) return fail("balise non fermée" + where(pos));
    const std::string_view contents = trim(src_.substr(start, end - start));
    if (!contents.empty() && contents.front() == '=')
      return fail("changement de délimiteurs non pris en charge" + where(pos));
    if (triple)
      add_tag(Mustache::NodeKind::raw_variable, contents);
    else
      tag_contents(contents, pos);
    return end + close.size();
  }

  void tag_contents(std::string_view contents, std::size_t pos) {
    const char sigil = contents.empty() ? '\0' : contents.front();
    const std::string_view name = contents.empty() ? contents : trim(contents.substr(1));
    switch (sigil) {
      case '#':
        return open_section(Mustache::NodeKind::section, name, pos);
      case '^':
        return open_section(Mustache::NodeKind::inverted, name, pos);
      case '/':
        return close_section(name, pos);
      case '&':
        return add_tag(Mustache::NodeKind::raw_variable, name);
      case '!':
        return;  // a comment renders nothing and leaves its line as it is
      case '>':
        fail("partiel " + in_guillemets(name) + " non pris en charge" + where(pos));
        return;
      default:
        return add_tag(Mustache::NodeKind::variable, contents);
    }
  }

  void add_tag(Mustache::NodeKind kind, std::string_view name) {
    Mustache::Name n;
    n.implicit = name == ".";
    if (!n.implicit)
      n.parts = name.find('.') == std::string_view::npos
                    ? std::vector<std::string>{std::string(name)}
                    : split_dotted(name);
    out_.nodes_.push_back(
        {kind, static_cast<std::uint32_t>(out_.names_.size()), 0, Mustache::kNoLine});
    out_.names_.push_back(std::move(n));
    after_text_ = false;
  }

  void open_section(Mustache::NodeKind kind, std::string_view name, std::size_t pos) {
    section_on_line_ = true;
    open_.push_back({out_.nodes_.size(), pos, std::string(name)});
    add_tag(kind, name);
  }

  void close_section(std::string_view name, std::size_t pos) {
    if (open_.empty()) {
      fail("fermeture " + in_guillemets(name) + where(pos) + " sans section ouverte");
      return;
    }
    if (open_.back().name != name) {
      fail("fermeture " + in_guillemets(name) + where(pos) + " alors que la section " +
           in_guillemets(open_.back().name) + " ouverte" + where(open_.back().position) +
           " est en cours");
      return;
    }
    out_.nodes_[open_.back().node].last = static_cast<std::uint32_t>(out_.nodes_.size());
    open_.pop_back();
    section_on_line_ = true;
    after_text_ = false;  // the text that follows is outside the section
  }

  std::size_t fail(std::string message) {
    error_ = std::move(message);
    return src_.size();
  }

  std::string_view src_;
  Mustache& out_;
  std::vector<Open> open_;
  bool after_text_ = false;       // the last node is a text run that may grow
  bool section_on_line_ = false;  // a section tag opens or closes on the current line
  std::string error_;
};

std::optional<Mustache> Mustache::parse(std::string_view source, std::string* error) {
  Mustache t;
  if (!MustacheParser(source, t).run(error)) return std::nullopt;
  return t;
}

// ---- Rendering -------------------------------------------------------------------------------

namespace {

const json& json_true() {
  static const json value = true;
  return value;
}

const json& json_false() {
  static const json value = false;
  return value;
}

const json& json_empty_string() {
  static const json value = "";
  return value;
}

// The Mustache truth of a value, as the former to_data made it: "", null, false and [] are false.
bool truthy(const json& j) {
  switch (j.type()) {
    case json::value_t::null:
      return false;
    case json::value_t::boolean:
      return j.get<bool>();
    case json::value_t::string:
      return !j.get_ref<const std::string&>().empty();
    case json::value_t::array:
      return !j.empty();
    default:
      return true;
  }
}

// kainjow's html_escape: these five characters only.
std::string_view entity(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&apos;";
    default:
      return {};
  }
}

void append_escaped(std::string& out, std::string_view s) {
  static constexpr auto special = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : std::string_view("&<>\"'")) table[c] = true;
    return table;
  }();
  std::size_t from = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!special[static_cast<unsigned char>(s[i])]) continue;
    out.append(s.substr(from, i - from)).append(entity(s[i]));
    from = i + 1;
  }
  out.append(s.substr(from));
}

// The label of a table column: "Date", or {"label": "Date"}; any other column has "".
const json& column_label(const json& column) {
  if (column.is_string()) return column;
  if (!column.is_object()) return json_empty_string();
  auto it = column.find("label");
  return it != column.end() && it->is_string() ? *it : json_empty_string();
}

}  // namespace

// Renders the nodes of one Mustache with a stack of contexts, innermost last.
class MustacheRenderer {
 public:
  MustacheRenderer(const Mustache& t, const json& view, std::string& out)
      : t_(t), out_(out), line_start_(out.size()) {
    stack_.reserve(8);
    stack_.push_back({&view});
  }

  void run() {
    render(0, t_.nodes_.size());
    end_line();
  }

 private:
  using Node = Mustache::Node;
  using NodeKind = Mustache::NodeKind;

  // Where a value sits in a table view, for the two conventions of the former to_data (see
  // mustache.h): the rows or totals of a table, one of its rows, the cells of a row (or the
  // totals), one cell; `columns` is the table's, `label` a cell's column label.
  enum class Role : std::uint8_t { plain, table_rows, labelled_row, labelled_cells, labelled_cell };
  struct Value {
    const json* node = nullptr;  // nullptr: not found
    Role role = Role::plain;
    const json* columns = nullptr;
    const json* label = nullptr;
  };

  void render(std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end;) i = render_node(i);
  }

  // Renders nodes_[i]; returns the index of the next node to render.
  std::size_t render_node(std::size_t i) {
    const Node& n = t_.nodes_[i];
    switch (n.kind) {
      case NodeKind::text:
        out_.append(text(n));
        if (n.line != Mustache::kNoLine) line_start_ = out_.size() - (n.last - n.line);
        break;
      case NodeKind::newline:
        new_line(text(n));
        break;
      case NodeKind::variable:
      case NodeKind::raw_variable:
        if (const Value v = lookup(t_.names_[n.first]); v.node)
          print(*v.node, n.kind == NodeKind::variable);
        break;
      case NodeKind::section:
        section(i);
        return n.last;
      case NodeKind::inverted:
        inverted(i);
        return n.last;
    }
    return i + 1;
  }

  std::string_view text(const Node& n) const {
    return std::string_view(t_.text_).substr(n.first, n.last - n.first);
  }

  // kainjow's line rule: a line that holds only spaces and tabs when it ends, and on which a
  // section was rendered, is dropped with its newline.
  void new_line(std::string_view newline) {
    if (!drop_line()) out_.append(newline);
    line_start_ = out_.size();
    section_on_line_ = false;
  }

  void end_line() { drop_line(); }

  bool drop_line() {
    if (!section_on_line_ || out_.find_first_not_of(" \t", line_start_) != std::string::npos)
      return false;
    out_.resize(line_start_);
    return true;
  }

  // Strings and numbers are printed (numbers as nlohmann's dump writes them); the rest is not.
  void print(const json& j, bool escape) {
    switch (j.type()) {
      case json::value_t::string:
        return append(j.get_ref<const std::string&>(), escape);
      case json::value_t::object:
      case json::value_t::array:
      case json::value_t::boolean:
      case json::value_t::null:
        return;
      default:
        return append(j.dump(-1, ' ', false, json::error_handler_t::replace), escape);
    }
  }

  void append(std::string_view s, bool escape) {
    if (escape)
      append_escaped(out_, s);
    else
      out_.append(s);
  }

  void section(std::size_t i) {
    const Node& n = t_.nodes_[i];
    const Value v = lookup(t_.names_[n.first]);
    if (!v.node || !truthy(*v.node)) return;
    if (!v.node->is_array()) return body(i, &v);
    for (std::size_t k = 0; k < v.node->size(); ++k) {
      const Value item = item_of(v, k);
      body(i, &item);
    }
  }

  void inverted(std::size_t i) {
    const Node& n = t_.nodes_[i];
    const Value v = lookup(t_.names_[n.first]);
    if (v.node && truthy(*v.node)) return;
    body(i, v.node ? &v : nullptr);
  }

  // Renders the body of the section at i, with `context` pushed when there is one.
  void body(std::size_t i, const Value* context) {
    section_on_line_ = true;  // the line of the opening tag
    if (context) stack_.push_back(*context);
    render(i + 1, t_.nodes_[i].last);
    if (context) stack_.pop_back();
    section_on_line_ = true;  // the line of the closing tag
  }

  // "." is the innermost context; another name is resolved whole in each context, innermost
  // first (kainjow's rule, also for dotted names).
  Value lookup(const Mustache::Name& name) {
    if (name.implicit) return stack_.back();
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
      if (const Value v = resolve(*it, name.parts); v.node) return v;
    return {};
  }

  Value resolve(Value v, const std::vector<std::string>& parts) {
    for (const auto& part : parts)
      if (v = member(v, part); !v.node) break;
    return v;
  }

  Value member(const Value& parent, const std::string& key) {
    const json& object = *parent.node;
    if (!object.is_object()) return {};
    if (parent.role == Role::labelled_cell && key == "column_label") return {parent.label};
    const auto it = object.find(key);
    if (parent.role == Role::labelled_row) {
      if (it == object.end()) return {};
      if (key == "cells") return {&*it, Role::labelled_cells, parent.columns};
      return {&*it};
    }
    if (it == object.end())
      return key == "has_post_actions" ? computed_post_actions(object) : Value{};
    return table_part(object, key, *it);
  }

  // The "rows" and "totals" lists of a table (an object with a "columns" list).
  static Value table_part(const json& object, const std::string& key, const json& child) {
    if (!child.is_array() || (key != "rows" && key != "totals")) return {&child};
    const auto columns = object.find("columns");
    if (columns == object.end() || !columns->is_array()) return {&child};
    return {&child, key == "rows" ? Role::table_rows : Role::labelled_cells, &*columns};
  }

  // detail.mustache: a table whose rows carry a POST action needs its extra column. Memoized:
  // the rows of such a table ask for it each.
  Value computed_post_actions(const json& object) {
    const auto rows = object.find("rows");
    if (rows == object.end() || !rows->is_array()) return {};
    for (const auto& [known, any] : post_actions_)
      if (known == &*rows) return {any ? &json_true() : &json_false()};
    bool any = false;
    for (const auto& row : *rows) any = any || (row.is_object() && row.contains("post_action"));
    post_actions_.emplace_back(&*rows, any);
    return {any ? &json_true() : &json_false()};
  }

  static Value item_of(const Value& list, std::size_t k) {
    const json& item = (*list.node)[k];
    if (list.role == Role::table_rows) {
      if (!item.is_object()) return {&item};
      const auto cells = item.find("cells");
      if (cells == item.end() || !cells->is_array()) return {&item};
      return {&item, Role::labelled_row, list.columns};
    }
    if (list.role == Role::labelled_cells && item.is_object() && !item.contains("column_label") &&
        k < list.columns->size())
      return {&item, Role::labelled_cell, nullptr, &column_label((*list.columns)[k])};
    return {&item};
  }

  const Mustache& t_;
  std::string& out_;
  std::vector<Value> stack_;
  std::size_t line_start_;
  bool section_on_line_ = false;
  std::vector<std::pair<const json*, bool>> post_actions_;
};

std::string Mustache::render(const json& view) const {
  std::string out;
  out.reserve(text_.size() + text_.size() / 2);
  render_to(view, out);
  return out;
}

void Mustache::render_to(const json& view, std::string& out) const {
  MustacheRenderer(*this, view, out).run();
}

}  // namespace parcours::http
