#include "domain/csv.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace parcours {
namespace {

struct Cursor {
  std::string_view s;
  std::size_t i = 0;
  int line = 1;

  bool done() const { return i >= s.size(); }
  char peek() const { return s[i]; }
  bool at_line_break() const { return !done() && (s[i] == '\r' || s[i] == '\n'); }
  // Consumes CRLF, LF or a lone CR; counts the physical line.
  void take_line_break() {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
    ++i;
    ++line;
  }
};

// "Ligne 3 : un guillemet…", with the same problem as a detail for "ligne 3".
// `what` starts with a lower-case ASCII letter.
Error line_error(int line, const std::string& what) {
  std::string sentence = what;
  sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
  return invalid("Ligne " + std::to_string(line) + " : " + what,
                 {{"ligne " + std::to_string(line), sentence}});
}

// Reads a quoted field; the cursor is on the opening quote.
Status read_quoted(Cursor& c, char delimiter, std::string& out) {
  const int opened_on = c.line;
  ++c.i;
  while (!c.done()) {
    char ch = c.peek();
    if (ch == '"') {
      if (c.i + 1 < c.s.size() && c.s[c.i + 1] == '"') {
        out += '"';
        c.i += 2;
        continue;
      }
      ++c.i;
      if (c.done() || c.peek() == delimiter || c.at_line_break()) return {};
      return line_error(c.line,
                        "un guillemet fermant doit être suivi du séparateur ou d’une fin de "
                        "ligne. Doublez les guillemets à l’intérieur d’un champ (\"\").");
    }
    if (c.at_line_break()) {
      c.take_line_break();
      out += '\n';
      continue;
    }
    out += ch;
    ++c.i;
  }
  return line_error(opened_on,
                    "un guillemet ouvert n’est jamais refermé. Vérifiez les guillemets (\") "
                    "de cette ligne.");
}

void read_plain(Cursor& c, char delimiter, std::string& out) {
  while (!c.done() && c.peek() != delimiter && !c.at_line_break()) out += c.s[c.i++];
}

// Reads one record and the line break that ends it.
Status read_record(Cursor& c, char delimiter, CsvRow& row) {
  row.line = c.line;
  while (true) {
    std::string field;
    if (!c.done() && c.peek() == '"') {
      if (auto s = read_quoted(c, delimiter, field); !s.ok()) return s;
    } else {
      read_plain(c, delimiter, field);
    }
    row.fields.push_back(std::move(field));
    if (c.done()) return {};
    if (c.peek() == delimiter) {
      ++c.i;
      continue;
    }
    c.take_line_break();
    return {};
  }
}

// ';' or ',': the more frequent outside quotes on the first line, ';' on a tie.
char detect_delimiter(std::string_view s) {
  int semicolons = 0, commas = 0;
  bool quoted = false;
  for (char ch : s) {
    if (ch == '"') quoted = !quoted;
    if (quoted) continue;
    if (ch == '\n' || ch == '\r') break;
    semicolons += ch == ';';
    commas += ch == ',';
  }
  return commas > semicolons ? ',' : ';';
}

bool all_empty(const CsvRow& row) {
  return std::all_of(row.fields.begin(), row.fields.end(),
                     [](const std::string& f) { return f.empty(); });
}

int line_of_offset(std::string_view s, std::size_t offset) {
  return 1 + static_cast<int>(std::count(s.begin(), s.begin() + offset, '\n'));
}

// Length of the UTF-8 sequence starting at s[i], 0 when it is not valid.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  auto cont = [&](std::size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  unsigned char c0 = b(0);
  if (c0 < 0x80) return 1;
  if (c0 >= 0xC2 && c0 <= 0xDF) return cont(1) ? 2 : 0;
  if (c0 >= 0xE0 && c0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c0 == 0xE0 && b(1) < 0xA0) return 0;  // overlong
    if (c0 == 0xED && b(1) > 0x9F) return 0;  // surrogates
    return 3;
  }
  if (c0 >= 0xF0 && c0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c0 == 0xF0 && b(1) < 0x90) return 0;  // overlong
    if (c0 == 0xF4 && b(1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

struct Fold {
  std::string_view from;
  const char* to;
};

constexpr Fold kFolds[] = {
    {"à", "a"},  {"â", "a"},  {"ä", "a"},  {"á", "a"},  {"À", "a"}, {"Â", "a"}, {"Ä", "a"},
    {"Á", "a"},  {"é", "e"},  {"è", "e"},  {"ê", "e"},  {"ë", "e"}, {"É", "e"}, {"È", "e"},
    {"Ê", "e"},  {"Ë", "e"},  {"î", "i"},  {"ï", "i"},  {"í", "i"}, {"Î", "i"}, {"Ï", "i"},
    {"Í", "i"},  {"ô", "o"},  {"ö", "o"},  {"ó", "o"},  {"Ô", "o"}, {"Ö", "o"}, {"Ó", "o"},
    {"ù", "u"},  {"û", "u"},  {"ü", "u"},  {"ú", "u"},  {"Ù", "u"}, {"Û", "u"}, {"Ü", "u"},
    {"Ú", "u"},  {"ç", "c"},  {"Ç", "c"},  {"ÿ", "y"},  {"Ÿ", "y"}, {"ñ", "n"}, {"Ñ", "n"},
    {"œ", "oe"}, {"Œ", "oe"}, {"æ", "ae"}, {"Æ", "ae"},
};

bool plain_number(std::string_view v) {
  std::size_t i = (v[0] == '+' || v[0] == '-') ? 1 : 0;
  bool digits = false, separator = false;
  for (; i < v.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(v[i]))) {
      digits = true;
    } else if ((v[i] == ',' || v[i] == '.') && digits && !separator) {
      separator = true;
    } else {
      return false;
    }
  }
  return digits && std::isdigit(static_cast<unsigned char>(v.back()));
}

}  // namespace

std::size_t first_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t n = utf8_sequence(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

Result<CsvTable> parse_csv(std::string_view text) {
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  if (auto bad = first_invalid_utf8(text); bad != std::string_view::npos)
    return line_error(line_of_offset(text, bad),
                      "le fichier n’est pas encodé en UTF-8. Dans Excel ou LibreOffice, "
                      "enregistrez-le au format « CSV UTF-8 » puis importez-le à nouveau.");
  CsvTable table;
  table.delimiter = detect_delimiter(text);
  Cursor c{text};
  while (!c.done()) {
    CsvRow row;
    if (auto s = read_record(c, table.delimiter, row); !s.ok()) return s.error();
    if (!all_empty(row)) table.rows.push_back(std::move(row));
  }
  return table;
}

std::string fold_accents_lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += static_cast<char>(std::tolower(c));
      ++i;
      continue;
    }
    auto rest = text.substr(i);
    auto fold = std::find_if(std::begin(kFolds), std::end(kFolds), [&](const Fold& f) {
      return rest.substr(0, f.from.size()) == f.from;
    });
    if (fold != std::end(kFolds)) {
      out += fold->to;
      i += fold->from.size();
    } else {
      std::size_t n = std::max<std::size_t>(1, utf8_sequence(text, i));
      out += text.substr(i, n);
      i += n;
    }
  }
  return out;
}

std::string csv_key(std::string_view text) {
  std::string out;
  for (char ch : fold_accents_lower(text))
    if (std::isalnum(static_cast<unsigned char>(ch))) out += ch;
  return out;
}

std::string csv_field(std::string_view value, char delimiter) {
  // Both ';' and ',' are quoted whatever the delimiter, so that a reader detecting the
  // delimiter (parse_csv) only ever sees real ones.
  bool edge_space = !value.empty() && (value.front() == ' ' || value.back() == ' ');
  bool needs_quotes =
      edge_space || value.find_first_of(std::string{delimiter, ';', ',', '"', '\n', '\r'}) !=
                        std::string_view::npos;
  if (!needs_quotes) return std::string(value);
  std::string out = "\"";
  for (char ch : value) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + '"';
}

std::string csv_line(const std::vector<std::string>& fields, char delimiter) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += delimiter;
    out += csv_field(fields[i], delimiter);
  }
  return out + "\r\n";
}

std::string csv_safe_text(std::string_view value) {
  if (value.empty()) return {};
  bool risky = std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos;
  if (!risky || plain_number(value)) return std::string(value);
  return "'" + std::string(value);
}

}  // namespace parcours
