#include "documents/document_parts.h"

#include <sstream>

namespace parcours::pdf {

TextStyle body_style() {
  return TextStyle{};
}

TextStyle cell_style() {
  TextStyle s;
  s.size = 8;
  return s;
}

TextStyle note_style() {
  TextStyle s;
  s.size = 7.5;
  s.italic = true;
  s.gray = 0.15;
  return s;
}

TextStyle emphasis_style(double size) {
  TextStyle s;
  s.size = size;
  s.bold = true;
  return s;
}

Cell header_cell(const std::string& label) {
  return cell(text(label, emphasis_style(7.5)), kHeaderFill);
}

Cell text_cell(const std::string& s, TextStyle style) {
  return cell(text(s, style));
}

Table data_table(const std::vector<double>& widths_mm, const std::vector<std::string>& labels) {
  Table table;
  for (double w : widths_mm) table.widths.push_back(mm(w));
  for (const std::string& label : labels) table.header.push_back(header_cell(label));
  return table;
}

std::vector<CellItem> field_items(const Fields& fields, TextStyle style) {
  std::vector<CellItem> items;
  for (const auto& [label, value] : fields) {
    if (value.empty()) continue;
    if (!items.empty()) items.emplace_back(Gap{mm(0.8)});
    items.emplace_back(field(label, value, style));
  }
  return items;
}

void section_title(Flow& flow, const std::string& title) {
  flow.space(mm(5));
  flow.paragraph(text(title, emphasis_style(11.5)), 0, true);
  flow.space(mm(0.8));
  flow.keep_last_with_next();
  flow.rule(0.5, 0.45);
  flow.space(mm(2));
}

namespace {

bool blank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

std::vector<std::string> split_paragraphs(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (blank(line)) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
      continue;
    }
    current += (current.empty() ? "" : "\n") + line;
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

}  // namespace

void paragraphs(Flow& flow, const std::string& text_in, TextStyle style) {
  for (const std::string& p : split_paragraphs(text_in)) flow.paragraph(text(p, style), mm(2.2));
}

void signature_boxes(Flow& flow, const std::vector<std::string>& labels, double width,
                     double height) {
  Table table;
  table.keep_together = true;
  table.min_row_height = height;
  std::vector<Cell> row;
  for (const std::string& label : labels) {
    table.widths.push_back(width);
    row.push_back(text_cell(label, emphasis_style(8)));
  }
  table.rows.push_back(std::move(row));
  add_table(flow, table);
}

QrImage qr_below(const SheetCode& code, double size_mm) {
  QrImage qr;
  qr.code = code;
  qr.size = mm(size_mm);
  return qr;
}

QrImage qr_beside(const SheetCode& code, double size_mm, double caption_pt) {
  QrImage qr = qr_below(code, size_mm);
  qr.caption_beside = true;
  qr.caption = emphasis_style(caption_pt);
  qr.caption.mono = true;
  return qr;
}

}  // namespace parcours::pdf
