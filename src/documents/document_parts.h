// The pieces the document families share: type scale, table header cells, labelled fields,
// section titles, paragraphs, signature boxes, QR codes with their code.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "documents/table.h"

namespace parcours::pdf {

inline constexpr double kHeaderFill = 0.88;  // gray behind table header rows

TextStyle body_style();                 // running text, 9.5 pt
TextStyle cell_style();                 // table cells, 8 pt
TextStyle note_style();                 // what is printed inside a signature box, italic 7.5 pt
TextStyle emphasis_style(double size);  // bold

Cell header_cell(const std::string& label);
Cell text_cell(const std::string& s, TextStyle style = cell_style());

// A bordered table with a header row; widths in millimetres.
Table data_table(const std::vector<double>& widths_mm, const std::vector<std::string>& labels);

// "Label : value" lines stacked in one cell; empty values are left out (their line with them).
using Fields = std::vector<std::pair<std::string, std::string>>;
std::vector<CellItem> field_items(const Fields& fields, TextStyle style = body_style());

// A numbered or plain section title with a rule, kept with what follows.
void section_title(Flow& flow, const std::string& title);
// Paragraphs separated by blank lines in `text` (SPEC PPAIP-16: plain language) become separate
// paragraphs; single line breaks are kept.
void paragraphs(Flow& flow, const std::string& text, TextStyle style = body_style());

// Boxes side by side, `width` each, their label at the top and `height` of room to sign by
// hand; never split across pages.
void signature_boxes(Flow& flow, const std::vector<std::string>& labels, double width,
                     double height);

// The QR code of a sheet code with the code printed under it / in large letters beside it.
QrImage qr_below(const SheetCode& code, double size_mm);
QrImage qr_beside(const SheetCode& code, double size_mm, double caption_pt);

}  // namespace parcours::pdf
