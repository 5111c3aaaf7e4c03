#include "export/xlsx.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "export/xlsx_writer.h"

namespace vw::xlsx {
namespace {

// The look of a grid cell; the formats of one workbook, made once per look.
struct Look {
  bool bold = false;
  doc::Align align = doc::Align::kCentre;
  bool wrap = false;
  bool top = false;
  bool percent = false;
  std::uint32_t fill = 0;
  bool border = true;
  bool text = false;
  double size = 10;

  auto Key() const {
    return std::make_tuple(bold, static_cast<int>(align), wrap, top, percent, fill, border, text,
                           size);
  }
  bool operator<(const Look& o) const { return Key() < o.Key(); }
};

class Formats {
 public:
  explicit Formats(Workbook& wb) : wb_(wb) {}

  lxw_format* Of(const Look& l) {
    auto it = made_.find(l);
    if (it != made_.end()) return it->second;
    lxw_format* f =
        wb_.Format(l.bold, l.size, l.fill, l.border, l.align == doc::Align::kCentre, l.wrap);
    if (l.align == doc::Align::kRight) format_set_align(f, LXW_ALIGN_RIGHT);
    if (l.top) format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (l.percent) format_set_num_format(f, "0.00%");
    if (l.text) format_set_num_format(f, "@");
    return made_[l] = f;
  }

 private:
  Workbook& wb_;
  std::map<Look, lxw_format*> made_;
};

// The value a number cell stores: a percentage rounded to the two decimals
// its "0.00%" format shows (0.55 / 100 is 0.005500000000000001 in binary
// arithmetic, stored as 0.0055), any other number to the 15 significant
// digits Excel keeps, so no cell carries float noise from the arithmetic.
double SheetNumber(const doc::Cell& cell) {
  double v = *cell.number;
  if (!std::isfinite(v)) return v;
  if (cell.percent) return std::round(v * 10000.0) / 10000.0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return std::strtod(buf, nullptr);
}

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
      if (cell.number) worksheet_write_number(ws, r, c, SheetNumber(cell), f);
    } else if (cell.number) {
      worksheet_write_number(ws, r, c, SheetNumber(cell), f);
    } else if (cell.text.empty()) {
      worksheet_write_blank(ws, r, c, f);
    } else {
      worksheet_write_string(ws, r, c, cell.text.c_str(), f);
    }
    c = last_col + 1;
  }
  if (row.sheet_height > 0) worksheet_set_row(ws, r, row.sheet_height, nullptr);
}

void WriteSheet(Workbook& wb, Formats& formats, const doc::TableDocument& d) {
  lxw_worksheet* ws = wb.AddSheet(d.sheet_name);
  std::size_t widest = std::max<std::size_t>({d.column_widths.size(), d.sheet_widths.size(), 1});
  for (const auto* rows : {&d.header, &d.body}) {
    for (const doc::Row& row : *rows) {
      std::size_t n = 0;
      for (const doc::Cell& c : row.cells) n += static_cast<std::size_t>(std::max(c.col_span, 1));
      widest = std::max(widest, n);
    }
  }
  const auto columns = static_cast<lxw_col_t>(widest);
  const lxw_col_t last = columns - 1;

  lxw_row_t r = 0;
  if (d.sheet_marks && !d.label.empty()) {
    worksheet_write_string(ws, r, 0, d.label.c_str(), wb.Format(true, 12, 0, false, false));
    ++r;
  }
  if (!d.title.empty()) {
    lxw_format* title = wb.Format(true, d.title_size, 0, false, true);
    worksheet_merge_range(ws, r, 0, r, last, d.title.c_str(), title);
    if (d.title_height > 0) worksheet_set_row(ws, r, d.title_height, nullptr);
    ++r;
  }
  if (!d.info_line.empty()) {
    worksheet_merge_range(ws, r, 0, r, last, d.info_line.c_str(), wb.Format(false, 11));
    ++r;
  }

  std::set<std::pair<lxw_row_t, lxw_col_t>> covered;
  const lxw_row_t first_header = r;
  for (const doc::Row& row : d.header) {
    WriteRow(ws, r++, row, columns, covered, [&](const doc::Cell& c) {
      return formats.Of(
          {.bold = true, .wrap = true, .fill = c.fill, .border = c.border, .size = d.cell_size});
    });
  }
  for (std::size_t i = 0; i < d.body.size(); ++i) {
    bool bold_row = d.last_row_bold && i + 1 == d.body.size();
    WriteRow(ws, r++, d.body[i], columns, covered, [&](const doc::Cell& c) {
      return formats.Of({.bold = c.bold || bold_row,
                         .align = c.align,
                         .wrap = c.wrap,
                         .top = c.top,
                         .percent = c.percent,
                         .fill = c.fill,
                         .border = c.border,
                         .text = d.text_cells,
                         .size = d.cell_size});
    });
  }
  if (!d.footnotes.empty()) {
    lxw_format* note = wb.Format(false, d.cell_size, 0, false, false, true);
    for (const std::string& text : d.footnotes) {
      worksheet_merge_range(ws, r, 0, r, last, text.c_str(), note);
      if (d.footnote_height > 0) worksheet_set_row(ws, r, d.footnote_height, nullptr);
      ++r;
    }
  }

  if (d.sheet_marks && d.verification) {
    lxw_format* mark = wb.Format(false, d.cell_size, 0, false, false, true);
    worksheet_merge_range(ws, r, 0, r, last, "", mark);
    worksheet_write_string(ws, r, 0, ("验证码：" + d.verification->code).c_str(), mark);
    ++r;
    worksheet_merge_range(ws, r, 0, r, last, "", mark);
    worksheet_write_url_opt(ws, r, 0, d.verification->url.c_str(), mark,
                            ("核验网址：" + d.verification->url).c_str(), nullptr);
    ++r;
    worksheet_merge_range(ws, r, 0, r, last, d.verification->note.c_str(), mark);
    worksheet_set_row(ws, r, std::max(d.footnote_height, 30.0), nullptr);
    ++r;
  }

  // Column widths, consecutive equal ones as one range.
  lxw_format* column = nullptr;
  if (d.text_cells) {
    column = formats.Of(
        {.align = doc::Align::kLeft, .border = false, .text = true, .size = d.cell_size});
  }
  for (lxw_col_t c = 0; c < d.sheet_widths.size();) {
    lxw_col_t end = c;
    while (end + 1u < d.sheet_widths.size() && d.sheet_widths[end + 1] == d.sheet_widths[c]) ++end;
    if (d.sheet_widths[c] > 0 || column) {
      worksheet_set_column(ws, c, end,
                           d.sheet_widths[c] > 0 ? d.sheet_widths[c] : LXW_DEF_COL_WIDTH, column);
    }
    c = end + 1;
  }
  if (d.freeze_rows > 0 || d.freeze_columns > 0) {
    worksheet_freeze_panes(ws, static_cast<lxw_row_t>(d.freeze_rows),
                           static_cast<lxw_col_t>(d.freeze_columns));
  }
  worksheet_set_paper(ws, 9);  // A4
  if (d.landscape) worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  if (d.repeat_header && !d.header.empty()) {
    worksheet_repeat_rows(ws, first_header,
                          static_cast<lxw_row_t>(first_header + d.header.size() - 1));
  }
}

}  // namespace

Result<std::string> RenderTable(const doc::TableDocument& d) {
  Workbook wb;
  Formats formats(wb);
  WriteSheet(wb, formats, d);
  return wb.Finish();
}

Result<std::string> RenderWorkbook(const std::vector<doc::TableDocument>& sheets) {
  Workbook wb;
  Formats formats(wb);
  for (const doc::TableDocument& d : sheets) WriteSheet(wb, formats, d);
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
