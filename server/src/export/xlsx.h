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
// - the title over all columns, bold, `title_size`, centred, `title_height`
//   (no row when the title is empty);
// - the info line over all columns, 11 pt (no row when it is empty);
// - the header rows, then the body rows, with doc::Cell's spans as merged
//   ranges (a row leaves out the positions a row-spanning cell above
//   covers), `cell_size`, thin borders unless the cell says not, the
//   cell's fill; header cells bold, centred and wrapped; body cells as the
//   cell says (bold; kCentre centres horizontally and vertically, kLeft
//   keeps Excel's general alignment; wrap; top; a number, shown as 0.00%
//   when `percent`; as text when `text_cells`); `last_row_bold` makes the
//   last body row's cells bold;
// - each footnote over all columns, `cell_size`, wrapped, `footnote_height`.
// The table has as many columns as the longest of column_widths,
// sheet_widths and the widest row (a row-spanning cell above not counted). Panes frozen as
// `freeze_rows` and `freeze_columns` say. Printed on A4 (landscape when `landscape`), one page
// wide, the header rows repeated when `repeat_header`. `label` and `verification` are not written.
//
// kInternal when libxlsxwriter fails (a full temporary directory, say).
Result<std::string> RenderTable(const doc::TableDocument& d);
// A workbook of several sheets, each as RenderTable writes it, in order.
Result<std::string> RenderWorkbook(const std::vector<doc::TableDocument>& sheets);

// A plain workbook of text cells, for tests that need a file to upload:
// one sheet, each (A1-style reference, text) written in order (a later one
// overwrites an earlier one), no formats.
Result<std::string> TextWorkbook(std::string_view sheet,
                                 const std::vector<std::pair<std::string, std::string>>& cells);

}  // namespace vw::xlsx
