// CSV as French spreadsheets write it (imports, DESIGN §1 "documents" for exports).
//
// Reader contract (parse_csv):
// - RFC 4180 quoting: a field starting with '"' runs to the matching '"'; '""' inside it is a
//   quote; delimiters and line breaks inside quotes belong to the field (CRLF kept as "\n").
//   A quote in the middle of an unquoted field is kept as a character.
// - The delimiter is ';' (Excel in French) or ',', whichever appears more often outside
//   quotes on the header line; ';' when neither appears (one column).
// - A UTF-8 byte order mark is dropped; CRLF, LF and lone CR end a line.
// - Records whose fields are all empty (blank lines, Excel's ";;;;" lines) are dropped.
// - Every record carries the 1-based physical line where it starts, for "ligne N" messages.
// - Errors (`invalid`, French message citing the line): text that is not UTF-8, a quoted
//   field never closed, a closing quote followed by something else than a delimiter or a
//   line break.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace parcours {

struct CsvRow {
  int line = 0;  // physical line (1-based) where the record starts
  std::vector<std::string> fields;
};

struct CsvTable {
  char delimiter = ';';
  std::vector<CsvRow> rows;  // the header, when there is one, is rows[0]
};

Result<CsvTable> parse_csv(std::string_view text);

// Byte offset of the first byte that breaks UTF-8 (overlong forms, surrogates and code
// points above U+10FFFF included), or npos when the text is valid.
std::size_t first_invalid_utf8(std::string_view text);

// Lower-cases and removes French accents (é→e, Ç→c, œ→oe…) from UTF-8 text; other
// characters are kept. Used to compare headers and labels typed by people.
std::string fold_accents_lower(std::string_view text);
// A header cell reduced for matching: folded, and only [a-z0-9] kept
// ("Téléphone " → "telephone", "E-mail" → "email", "N° ADELI" → "nadeli").
std::string csv_key(std::string_view text);

// Writer. The UTF-8 byte order mark makes Excel open the file as UTF-8.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// One field, quoted when it holds ';', ',' (whatever the delimiter), a quote, a line break
// or edge spaces; quotes inside are doubled.
std::string csv_field(std::string_view value, char delimiter = ';');
// One record with its CRLF line end (RFC 4180).
std::string csv_line(const std::vector<std::string>& fields, char delimiter = ';');
// Neutralises spreadsheet formulas in exported text (CSV injection): a value starting with
// '=', '+', '-', '@', tab or CR gets a leading apostrophe, unless it is a plain number.
std::string csv_safe_text(std::string_view value);

}  // namespace parcours
