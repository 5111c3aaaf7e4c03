#include "export/xlsx.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "export/xlsx_writer.h"

namespace vw::xlsx {
namespace {

// The formats of one workbook, made once per distinct look.
class Formats {
 public:
  explicit Formats(Workbook& wb) : wb_(wb) {}

  lxw_format* Body(const doc::Cell& c, bool bold) {
    bool centre = c.align == doc::Align::kCentre;
    auto key = std::make_tuple(bold, static_cast<int>(c.align), c.wrap, c.top, c.percent);
    auto it = body_.find(key);
    if (it != body_.end()) return it->second;
    lxw_format* f = wb_.Format(bold, 10, 0, true, centre, c.wrap);
    if (c.align == doc::Align::kRight) format_set_align(f, LXW_ALIGN_RIGHT);
    if (c.top) format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (c.percent) format_set_num_format(f, "0.00%");
    return body_[key] = f;
  }

 private:
  Workbook& wb_;
  std::map<std::tuple<bool, int, bool, bool, bool>, lxw_format*> body_;
};

// Writes one grid row at sheet row `r`, placing its cells after the
// positions that row-spanning cells above already cover (`covered`).
void WriteRow(lxw_worksheet* ws, lxw_row_t r, const doc::Row& row, lxw_col_t columns,
              std::set<std::pair<lxw_row_t, lxw_col_t>>& covered,
              const std::function<lxw_format*(const doc::Cell&)>& format) {
  lxw_col_t c = 0;
  for (const doc::Cell& cell : row.cells) {
    while (covered.count({r, c})) ++c;
    if (c >= columns) break;
    lxw_format* f = format(cell);
    auto last_row = static_cast<lxw_row_t>(r + std::max(cell.row_span, 1) - 1);
    auto last_col = static_cast<lxw_col_t>(
        std::min<int>(c + std::max(cell.col_span, 1) - 1, static_cast<int>(columns) - 1));
    for (lxw_row_t rr = r; rr <= last_row; ++rr) {
      for (lxw_col_t cc = c; cc <= last_col; ++cc) covered.insert({rr, cc});
    }
    if (last_row != r || last_col != c) {
      worksheet_merge_range(ws, r, c, last_row, last_col, cell.text.c_str(), f);
      if (cell.number) worksheet_write_number(ws, r, c, *cell.number, f);
    } else if (cell.number) {
      worksheet_write_number(ws, r, c, *cell.number, f);
    } else if (cell.text.empty()) {
      worksheet_write_blank(ws, r, c, f);
    } else {
      worksheet_write_string(ws, r, c, cell.text.c_str(), f);
    }
    c = last_col + 1;
  }
  if (row.sheet_height > 0) worksheet_set_row(ws, r, row.sheet_height, nullptr);
}

}  // namespace

Result<std::string> RenderTable(const doc::TableDocument& d) {
  Workbook wb;
  lxw_worksheet* ws = wb.AddSheet(d.sheet_name);
  const auto columns = static_cast<lxw_col_t>(
      std::max<std::size_t>({d.column_widths.size(), d.sheet_widths.size(), 1}));
  const lxw_col_t last = columns - 1;
  Formats formats(wb);
  lxw_format* title = wb.Format(true, 16, 0, false, true);
  lxw_format* line = wb.Format(false, 11);
  lxw_format* head = nullptr;  // made on first use, as the body formats

  worksheet_merge_range(ws, 0, 0, 0, last, d.title.c_str(), title);
  worksheet_set_row(ws, 0, d.title_height, nullptr);
  worksheet_merge_range(ws, 1, 0, 1, last, d.info_line.c_str(), line);

  std::set<std::pair<lxw_row_t, lxw_col_t>> covered;
  lxw_row_t r = 2;
  for (const doc::Row& row : d.header) {
    WriteRow(ws, r++, row, columns, covered, [&](const doc::Cell&) {
      if (!head) head = wb.Format(true, 10, 0, true, true, true);
      return head;
    });
  }
  for (std::size_t i = 0; i < d.body.size(); ++i) {
    bool bold_row = d.last_row_bold && i + 1 == d.body.size();
    WriteRow(ws, r++, d.body[i], columns, covered,
             [&](const doc::Cell& c) { return formats.Body(c, c.bold || bold_row); });
  }
  if (!d.footnotes.empty()) {
    lxw_format* note = wb.Format(false, 10, 0, false, false, true);
    for (const std::string& text : d.footnotes) {
      worksheet_merge_range(ws, r, 0, r, last, text.c_str(), note);
      if (d.footnote_height > 0) worksheet_set_row(ws, r, d.footnote_height, nullptr);
      ++r;
    }
  }

  // Column widths, consecutive equal ones as one range.
  for (lxw_col_t c = 0; c < d.sheet_widths.size();) {
    lxw_col_t end = c;
    while (end + 1u < d.sheet_widths.size() && d.sheet_widths[end + 1] == d.sheet_widths[c]) ++end;
    if (d.sheet_widths[c] > 0) worksheet_set_column(ws, c, end, d.sheet_widths[c], nullptr);
    c = end + 1;
  }
  worksheet_set_paper(ws, 9);  // A4
  if (d.landscape) worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  if (d.repeat_header && !d.header.empty()) {
    worksheet_repeat_rows(ws, 2, static_cast<lxw_row_t>(1 + d.header.size()));
  }
  return wb.Finish();
}

Result<std::string> TextWorkbook(std::string_view sheet,
                                 const std::vector<std::pair<std::string, std::string>>& cells) {
  Workbook wb;
  lxw_worksheet* ws = wb.AddSheet(sheet);
  for (const auto& [ref, text] : cells) {
    worksheet_write_string(ws, lxw_name_to_row(ref.c_str()), lxw_name_to_col(ref.c_str()),
                           text.c_str(), nullptr);
  }
  return wb.Finish();
}

}  // namespace vw::xlsx
