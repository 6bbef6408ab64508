#include "app/reports.h"

#include <algorithm>
#include <cstdio>

#include "domain/contract.h"
#include "domain/indicators.h"

namespace parcours {
namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(";\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Numbers as a French spreadsheet reads them: decimal comma, no thousands separator.
std::string csv_value(const ReportCell& c) {
  char buf[64];
  switch (c.kind) {
    case CellKind::text:
      return csv_field(c.text);
    case CellKind::count:
      std::snprintf(buf, sizeof buf, "%.0f", c.value);
      break;
    case CellKind::hours:
    case CellKind::money:
      std::snprintf(buf, sizeof buf, "%.2f", c.value);
      break;
    case CellKind::percent:
      std::snprintf(buf, sizeof buf, "%.4f", c.value);
      break;
    case CellKind::date:
      return c.text;
  }
  std::string s = buf;
  for (char& ch : s)
    if (ch == '.') ch = ',';
  return s;
}

void csv_line(std::string& out, const std::vector<ReportCell>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? ";" : "") + csv_value(cells[i]);
  out += "\r\n";
}

}  // namespace

ReportCell text_cell(std::string text, bool flagged, std::string link) {
  ReportCell c;
  c.text = std::move(text);
  c.flagged = flagged;
  c.link = std::move(link);
  return c;
}

ReportCell count_cell(long long n) {
  ReportCell c;
  c.kind = CellKind::count;
  c.text = format_count(n);
  c.value = static_cast<double>(n);
  return c;
}

ReportCell hours_cell(long long minutes, bool flagged) {
  ReportCell c;
  c.kind = CellKind::hours;
  c.text = format_minutes_as_hours(minutes);
  c.value = static_cast<double>(minutes) / 60.0;
  c.flagged = flagged;
  return c;
}

ReportCell percent_cell(double fraction, bool flagged) {
  ReportCell c;
  c.kind = CellKind::percent;
  c.text = format_percent(fraction);
  c.value = fraction;
  c.flagged = flagged;
  return c;
}

ReportCell money_cell(long long cents) {
  ReportCell c;
  c.kind = CellKind::money;
  c.text = format_euros(cents);
  c.value = static_cast<double>(cents) / 100.0;
  return c;
}

ReportCell date_cell(Date d) {
  ReportCell c;
  c.kind = CellKind::date;
  c.text = french_short(d);
  c.iso = iso(d);
  return c;
}

std::string table_csv(const ReportTable& t) {
  std::string out = "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    out += (i ? ";" : "") + csv_field(t.columns[i]);
  out += "\r\n";
  for (const auto& row : t.rows) csv_line(out, row);
  if (!t.totals.empty()) csv_line(out, t.totals);
  return out;
}

std::size_t shown_row_count(const ReportTable& t) {
  return t.shown_rows == 0 ? t.rows.size() : std::min(t.shown_rows, t.rows.size());
}

std::string abridged_note(const ReportTable& t) {
  const std::size_t shown = shown_row_count(t);
  if (shown == t.rows.size()) return "";
  return "Les " + format_count(static_cast<long long>(shown)) + " premières lignes sur " +
         format_count(static_cast<long long>(t.rows.size())) +
         " sont affichées ; les exports Excel et CSV contiennent la liste complète.";
}

}  // namespace parcours
