// A report as an XLSX workbook (SPEC REP-1) with libxlsxwriter: a "Synthèse" sheet (title,
// subtitle, date, facts, the list of sheets), then one sheet per table with typed cells, so that
// a spreadsheet sums hours, percentages, amounts and dates instead of reading text.
//
// libxlsxwriter 1.1.4 (Debian 12) writes to a file only (the in-memory output buffer came with
// 1.1.5): the workbook goes to a private temporary file, read back and removed, on error too.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "documents/report_renderer.h"

namespace parcours {
namespace {

inline constexpr lxw_row_t kHeaderRow = 2;  // row 1: title, row 2: note, row 3: headers
inline constexpr int kSheetNameMax = 31;
inline constexpr uint8_t kPaperA4 = 9;  // libxlsxwriter's paper index

// ---- Formats ----------------------------------------------------------------------------------

inline constexpr lxw_color_t kHeaderFill = 0xD9D9D9;
inline constexpr lxw_color_t kTotalsFill = 0xEDEDED;
inline constexpr lxw_color_t kFlaggedFill = 0xFFC7CE;  // Excel's "bad" style
inline constexpr lxw_color_t kFlaggedFont = 0x9C0006;

// What a cell of each kind shows: counts with thousands, hours with two decimals, percentages,
// euros, dates as dd/mm/yyyy (Excel localises the separators).
const char* number_format(CellKind kind) {
  switch (kind) {
    case CellKind::count:
      return "#,##0";
    case CellKind::hours:
      return "0.00";
    case CellKind::percent:
      return "0.0%";
    case CellKind::money:
      return "#,##0.00 \"€\"";
    case CellKind::date:
      return "dd/mm/yyyy";
    case CellKind::text:
      break;
  }
  return nullptr;
}

inline constexpr CellKind kKinds[] = {CellKind::text,    CellKind::count, CellKind::hours,
                                      CellKind::percent, CellKind::money, CellKind::date};

// The formats of a workbook, owned by it. Cells: one format per kind and emphasis (plain,
// totals, flagged, flagged totals).
class Formats {
 public:
  explicit Formats(lxw_workbook* book) {
    title = bold(book, 14);
    subtitle = workbook_add_format(book);
    format_set_font_size(subtitle, 11);
    note = workbook_add_format(book);
    format_set_italic(note);
    format_set_font_color(note, 0x404040);
    key = bold(book, 11);
    header = bold(book, 11);
    format_set_bg_color(header, kHeaderFill);
    format_set_bottom(header, LXW_BORDER_THIN);
    format_set_text_wrap(header);
    format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
    for (std::size_t k = 0; k < std::size(kKinds); ++k)
      for (int emphasis = 0; emphasis < 4; ++emphasis)
        cells_[k][emphasis] = cell_format(book, kKinds[k], emphasis & 1, emphasis & 2);
  }

  lxw_format* cell(const ReportCell& c, bool total) const {
    const auto kind = static_cast<std::size_t>(
        std::find(std::begin(kKinds), std::end(kKinds), c.kind) - std::begin(kKinds));
    return cells_[kind < std::size(kKinds) ? kind : 0][(total ? 1 : 0) + (c.flagged ? 2 : 0)];
  }

  lxw_format* title = nullptr;
  lxw_format* subtitle = nullptr;
  lxw_format* note = nullptr;
  lxw_format* key = nullptr;
  lxw_format* header = nullptr;

 private:
  static lxw_format* bold(lxw_workbook* book, double size) {
    lxw_format* f = workbook_add_format(book);
    format_set_bold(f);
    format_set_font_size(f, size);
    return f;
  }

  static lxw_format* cell_format(lxw_workbook* book, CellKind kind, bool total, bool flagged) {
    lxw_format* f = workbook_add_format(book);
    if (const char* number = number_format(kind)) format_set_num_format(f, number);
    if (total || flagged) format_set_bold(f);
    if (total) format_set_bg_color(f, kTotalsFill), format_set_top(f, LXW_BORDER_THIN);
    if (flagged) format_set_bg_color(f, kFlaggedFill), format_set_font_color(f, kFlaggedFont);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
  }

  lxw_format* cells_[std::size(kKinds)][4] = {};
};

// A file name of our own in the system's temporary directory, removed when this goes away.
class TempFile {
 public:
  TempFile() {
    path_ = (std::filesystem::temp_directory_path() / "parcours-report-XXXXXX").string();
    const int fd = mkstemp(path_.data());
    if (fd < 0) throw std::runtime_error("XLSX: cannot create a temporary file");
    ::close(fd);
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }
  std::string read() const {
    std::ifstream in(path_, std::ios::binary);
    if (!in) throw std::runtime_error("XLSX: cannot read the workbook back");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return std::move(bytes).str();
  }

 private:
  std::string path_;
};

// Frees the workbook unless it was closed (workbook_close frees it, successful or not).
class Workbook {
 public:
  explicit Workbook(const std::string& path) : book_(workbook_new(path.c_str())) {
    if (book_ == nullptr) throw std::runtime_error("XLSX: cannot create the workbook");
  }
  ~Workbook() {
    if (book_ != nullptr) lxw_workbook_free(book_);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_workbook* get() const { return book_; }
  void close() {
    const lxw_error error = workbook_close(std::exchange(book_, nullptr));
    if (error != LXW_NO_ERROR)
      throw std::runtime_error(std::string("XLSX: ") + lxw_strerror(error));
  }

 private:
  lxw_workbook* book_;
};

// "2025-03-03T00:00:00" as seconds since the epoch (read as UTC); 0 (libxlsxwriter: now) when
// empty or unreadable.
std::time_t epoch_of(const std::string& iso) {
  std::tm tm{};
  if (std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) < 3)
    return 0;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return timegm(&tm);
}

// Title, author and a creation date from the header: the same content gives the same bytes.
void set_properties(lxw_workbook* book, const DocumentHeader& h) {
  std::string title = h.title;
  std::string author = "Parcours";
  lxw_doc_properties properties{};
  properties.title = title.data();
  properties.author = author.data();
  properties.created = epoch_of(h.created_at_iso);
  workbook_set_properties(book, &properties);
}

std::size_t utf8_length(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// The first `n` characters of `s`, never cutting a UTF-8 sequence.
std::string utf8_prefix(const std::string& s, std::size_t n) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((s[i] & 0xC0) != 0x80 && chars++ == n) return s.substr(0, i);
  return s;
}

std::string lowercase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Excel's rules: at most 31 characters, none of []:*?/\, no apostrophe at either end, unique
// regardless of case (ASCII case: keys are ASCII ids).
std::string sheet_name(const std::string& key, std::size_t index, std::set<std::string>& used) {
  std::string base = key.empty() ? "Tableau " + std::to_string(index + 1) : key;
  for (char& c : base)
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
  if (base.front() == '\'') base.front() = '_';
  if (base.back() == '\'') base.back() = '_';
  std::string name = utf8_prefix(base, kSheetNameMax);
  for (int n = 2; used.count(lowercase(name)) > 0; ++n) {
    const std::string suffix = "~" + std::to_string(n);
    name = utf8_prefix(base, kSheetNameMax - suffix.size()) + suffix;
  }
  used.insert(lowercase(name));
  return name;
}

// ---- Cells ------------------------------------------------------------------------------------

// A date cell from "2025-03-03"; false when `iso` is not a date.
bool write_date(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& iso,
                lxw_format* format) {
  lxw_datetime date{};
  char rest = 0;
  if (std::sscanf(iso.c_str(), "%d-%d-%d%c", &date.year, &date.month, &date.day, &rest) != 3 ||
      date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31)
    return false;
  return worksheet_write_datetime(ws, row, col, &date, format) == LXW_NO_ERROR;
}

void write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const ReportCell& c,
                lxw_format* format) {
  switch (c.kind) {
    case CellKind::count:
    case CellKind::hours:
    case CellKind::percent:
    case CellKind::money:
      worksheet_write_number(ws, row, col, c.value, format);
      return;
    case CellKind::date:
      if (write_date(ws, row, col, c.iso, format)) return;
      break;
    case CellKind::text:
      break;
  }
  if (c.text.empty())
    worksheet_write_blank(ws, row, col, format);  // keeps the shading of a totals row
  else
    worksheet_write_string(ws, row, col, c.text.c_str(), format);
}

// ---- Sheets -----------------------------------------------------------------------------------

// Characters shown in column `col`: the header (it wraps beyond 24) and every cell's text.
double column_chars(const ReportTable& t, std::size_t col) {
  std::size_t widest = std::min<std::size_t>(utf8_length(t.columns[col]), 24);
  const auto measure = [&](const std::vector<ReportCell>& row) {
    if (col < row.size()) widest = std::max(widest, utf8_length(row[col].text));
  };
  std::for_each(t.rows.begin(), t.rows.end(), measure);
  measure(t.totals);
  return std::clamp(static_cast<double>(widest) + 2, 8.0, 60.0);
}

bool any_flagged(const ReportTable& t) {
  const auto flagged = [](const std::vector<ReportCell>& row) {
    return std::any_of(row.begin(), row.end(), [](const ReportCell& c) { return c.flagged; });
  };
  return std::any_of(t.rows.begin(), t.rows.end(), flagged) || flagged(t.totals);
}

std::string note_line(const ReportTable& t) {
  if (!any_flagged(t)) return t.note;
  const std::string legend = "Les valeurs signalées sont en gras sur fond rouge.";
  return t.note.empty() ? legend : t.note + " " + legend;
}

void write_row(lxw_worksheet* ws, lxw_row_t row, const std::vector<ReportCell>& cells,
               std::size_t columns, const Formats& f, bool total) {
  for (std::size_t c = 0; c < cells.size() && c < columns; ++c)
    write_cell(ws, row, static_cast<lxw_col_t>(c), cells[c], f.cell(cells[c], total));
}

// Landscape when wide, one page across, the header row repeated on every printed page.
void page_setup(lxw_worksheet* ws, std::size_t columns) {
  worksheet_set_paper(ws, kPaperA4);
  if (columns > 6) worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, kHeaderRow, kHeaderRow);
}

void table_sheet(lxw_workbook* book, const std::string& name, const ReportTable& t,
                 const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(book, name.c_str());
  worksheet_write_string(ws, 0, 0, t.title.c_str(), f.title);
  const std::string note = note_line(t);
  if (!note.empty()) worksheet_write_string(ws, 1, 0, note.c_str(), f.note);
  if (t.columns.empty()) return;
  const auto last_col = static_cast<lxw_col_t>(t.columns.size() - 1);
  for (lxw_col_t c = 0; c <= last_col; ++c) {
    worksheet_write_string(ws, kHeaderRow, c, t.columns[c].c_str(), f.header);
    worksheet_set_column(ws, c, c, column_chars(t, c), nullptr);
  }
  lxw_row_t row = kHeaderRow + 1;
  for (const auto& cells : t.rows) write_row(ws, row++, cells, t.columns.size(), f, false);
  if (!t.totals.empty()) write_row(ws, row, t.totals, t.columns.size(), f, true);
  worksheet_freeze_panes(ws, kHeaderRow + 1, 0);
  // The filter covers the data rows only: sorting never moves the totals row.
  worksheet_autofilter(ws, kHeaderRow, 0, kHeaderRow + static_cast<lxw_row_t>(t.rows.size()),
                       last_col);
  page_setup(ws, t.columns.size());
}

// ---- The "Synthèse" sheet ---------------------------------------------------------------------

double chars_of(const std::vector<std::string>& texts, double low, double high) {
  std::size_t widest = 0;
  for (const std::string& t : texts) widest = std::max(widest, utf8_length(t));
  return std::clamp(static_cast<double>(widest) + 2, low, high);
}

// Facts from row 5 as key / value; returns the next free row.
lxw_row_t write_facts(lxw_worksheet* ws, const ReportDocument& d, const Formats& f) {
  lxw_row_t row = 4;
  std::vector<std::string> keys;
  std::vector<std::string> values;
  for (const auto& [key, value] : d.facts) {
    worksheet_write_string(ws, row, 0, key.c_str(), f.key);
    worksheet_write_string(ws, row++, 1, value.c_str(), nullptr);
    keys.push_back(key);
    values.push_back(value);
  }
  // REP-4: the key figures of the COPIL pack under the facts.
  if (!d.key_figures.empty()) {
    worksheet_write_string(ws, ++row, 0, "Chiffres clés", f.key);
    ++row;
  }
  for (const auto& [key, value] : d.key_figures) {
    worksheet_write_string(ws, row, 0, key.c_str(), nullptr);
    worksheet_write_string(ws, row++, 1, value.c_str(), nullptr);
    keys.push_back(key);
    values.push_back(value);
  }
  worksheet_set_column(ws, 0, 0, chars_of(keys, 14, 45), nullptr);
  worksheet_set_column(ws, 1, 1, chars_of(values, 30, 90), nullptr);
  return row;
}

// The list of the table sheets, each name a link to its sheet.
void write_contents(lxw_worksheet* ws, lxw_row_t row, const ReportDocument& d,
                    const std::vector<std::string>& names, const Formats& f) {
  if (names.empty()) return;
  worksheet_write_string(ws, ++row, 0, "Feuilles du classeur", f.key);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string target = "internal:'" + names[i] + "'!A1";
    worksheet_write_url_opt(ws, ++row, 0, target.c_str(), nullptr, names[i].c_str(), nullptr);
    worksheet_write_string(ws, row, 1, d.tables[i].title.c_str(), nullptr);
  }
}

void summary_sheet(lxw_workbook* book, const ReportDocument& d,
                   const std::vector<std::string>& names, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(book, "Synthèse");
  const DocumentHeader& h = d.header;
  worksheet_write_string(ws, 0, 0, h.title.c_str(), f.title);
  if (!h.subtitle.empty()) worksheet_write_string(ws, 1, 0, h.subtitle.c_str(), f.subtitle);
  if (!h.generated_on.empty()) worksheet_write_string(ws, 2, 0, h.generated_on.c_str(), f.note);
  write_contents(ws, write_facts(ws, d, f), d, names, f);
  worksheet_set_paper(ws, kPaperA4);
}

std::vector<std::string> sheet_names(const ReportDocument& d) {
  std::set<std::string> used{lowercase("Synthèse"), "history"};
  std::vector<std::string> names;
  for (std::size_t i = 0; i < d.tables.size(); ++i)
    names.push_back(sheet_name(d.tables[i].key, i, used));
  return names;
}

}  // namespace

std::string ReportDocumentRenderer::report_xlsx(const ReportDocument& d) {
  const TempFile file;
  Workbook book(file.path());
  set_properties(book.get(), d.header);
  const Formats formats(book.get());
  const std::vector<std::string> names = sheet_names(d);
  summary_sheet(book.get(), d, names, formats);
  for (std::size_t i = 0; i < d.tables.size(); ++i)
    table_sheet(book.get(), names[i], d.tables[i], formats);
  book.close();
  return file.read();
}

}  // namespace parcours
