// Table documents as Excel workbooks (.xlsx): the official tables (annexes
// 4 and 5) in the layout the annexes print, written with libxlsxwriter
// (xlsx_writer.h) behind this interface, so domains build a
// doc::TableDocument and never see a spreadsheet library.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "export/document.h"

namespace vw::xlsx {

inline constexpr std::string_view kContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// One sheet named `d.sheet_name`, font 宋体 throughout:
// - row 1: the title over all columns, bold 16 pt, centred, `title_height`;
// - row 2: the info line over all columns, 11 pt;
// - the header rows, then the body rows, with doc::Cell's spans as merged
//   ranges (a row leaves out the positions a row-spanning cell above
//   covers), 10 pt, thin borders; header cells bold, centred and wrapped;
//   body cells as the cell says (bold; kCentre centres horizontally and
//   vertically, kLeft keeps Excel's general alignment; wrap; top; a number,
//   shown as 0.00% when `percent`); `last_row_bold` makes the last body
//   row's cells bold;
// - each footnote over all columns, 10 pt, wrapped, `footnote_height`.
// The table has as many columns as the longer of column_widths and
// sheet_widths. Printed on A4 (landscape when `landscape`), one page wide,
// the header rows repeated when `repeat_header`. `label` and
// `verification` are not written.
//
// kInternal when libxlsxwriter fails (a full temporary directory, say).
Result<std::string> RenderTable(const doc::TableDocument& d);

// A plain workbook of text cells, for tests that need a file to upload:
// one sheet, each (A1-style reference, text) written in order (a later one
// overwrites an earlier one), no formats.
Result<std::string> TextWorkbook(std::string_view sheet,
                                 const std::vector<std::pair<std::string, std::string>>& cells);

}  // namespace vw::xlsx
