// Tables of a printed document: columns of fixed width, rows that grow with their wrapped text,
// a header row repeated on every page the table crosses (SPEC ATT-1). Also used without borders
// as a layout grid (identification blocks, a QR code beside its text).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "app/documents.h"
#include "documents/flow.h"

namespace parcours::pdf {

// A QR code of `size` points (quiet zone included) with its human code under or beside it.
struct QrImage {
  SheetCode code;
  double size = mm(17);
  bool caption_beside = false;
  TextStyle caption{7.5, true, false, true, Align::center};
};

struct Gap {
  double height = 0;
};

using CellItem = std::variant<Text, QrImage, Gap>;

struct Cell {
  std::vector<CellItem> items;  // stacked from the top
  double fill = 1.0;            // background gray; 1 is none
  bool middle = false;          // centred vertically in its row
};

struct Table {
  std::vector<double> widths;  // points; they may add up to less than the flow's width
  std::vector<Cell> header;    // empty: no header row
  std::vector<std::vector<Cell>> rows;
  double min_row_height = 0;  // room to sign by hand
  double padding = mm(1.3);
  bool borders = true;
  bool keep_together = false;  // never split across pages (a signature area)
  // The last `keep_last_rows` rows stay on the page of the row before them: a totals row never
  // starts a page alone.
  int keep_last_rows = 0;
};

Cell cell(Text text, double fill = 1.0);
Cell cell(std::vector<CellItem> items, double fill = 1.0);
// A cell centred vertically (a QR code beside a taller block, a banner).
Cell middle(Cell c);

// Measures the table and appends its rows to the flow.
void add_table(Flow& flow, const Table& table);

}  // namespace parcours::pdf
