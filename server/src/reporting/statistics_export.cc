// The statistics form in the layout of notice 000, annex 5.
#include "campaign/notice_texts.h"
#include "export/xlsx_writer.h"
#include "reporting/reporting.h"

namespace vw::reporting {

std::string NoticeText(db::Session& s, Id campaign_id, std::string_view code) {
  return campaign::NoticeText(s, campaign_id, code);
}

std::string StatisticsTitle(const Statistics& s, int year) {
  return s.unit_name + std::to_string(year) + "年职业教育活动周情况统计表";
}

std::string StatisticsInfoLine(const std::string& unit, const std::string& filler,
                               const std::string& phone) {
  return "填报单位（盖章）：" + unit + "          填报人：" + filler + "          联系电话：" +
         phone;
}

Result<std::string> StatisticsXlsx(const Statistics& s, int year, const StatisticsSheet& opts) {
  xlsx::Workbook wb;
  lxw_worksheet* ws = wb.AddSheet("情况统计表");
  lxw_format* title = wb.Format(true, 16, 0, false, true);
  lxw_format* line = wb.Format(false, 11);
  lxw_format* head = wb.Format(true, 10, 0, true, true, true);
  lxw_format* name = wb.Format(false, 10, 0, true, false, true);
  lxw_format* number = wb.Format(false, 10, 0, true, true);
  lxw_format* percent = wb.Format(false, 10, 0, true, true);
  format_set_num_format(percent, "0.00%");
  lxw_format* total_name = wb.Format(true, 10, 0, true, true);
  lxw_format* total_number = wb.Format(true, 10, 0, true, true);
  lxw_format* total_percent = wb.Format(true, 10, 0, true, true);
  format_set_num_format(total_percent, "0.00%");
  lxw_format* note = wb.Format(false, 10, 0, false, false, true);

  // The unit's column, one per field, and the template's 调整说明.
  const auto kLast =
      static_cast<lxw_col_t>(std::size(kStatisticsFields) + (opts.template_mode ? 1 : 0));
  std::string heading = StatisticsTitle(s, year);
  worksheet_merge_range(ws, 0, 0, 0, kLast, heading.c_str(), title);
  worksheet_set_row(ws, 0, 32, nullptr);
  std::string info = StatisticsInfoLine(opts.unit, opts.filler, opts.phone);
  worksheet_merge_range(ws, 1, 0, 1, kLast, info.c_str(), line);
  // The unit's column, then the table's fields: a field without a group
  // spans both header rows; a group is merged over its fields in row 3.
  worksheet_merge_range(ws, 2, 0, 3, 0, std::string(kStatisticsUnitHead).c_str(), head);
  lxw_col_t col = 1;
  for (std::size_t i = 0; i < std::size(kStatisticsFields);) {
    const StatisticsField& f = kStatisticsFields[i];
    if (f.group.empty()) {
      worksheet_merge_range(ws, 2, col, 3, col, std::string(f.label).c_str(), head);
      ++i;
      ++col;
      continue;
    }
    lxw_col_t first = col;
    for (; i < std::size(kStatisticsFields) && kStatisticsFields[i].group == f.group; ++i) {
      worksheet_write_string(ws, 3, col++, std::string(kStatisticsFields[i].label).c_str(), head);
    }
    worksheet_merge_range(ws, 2, first, 2, col - 1, std::string(f.group).c_str(), head);
  }
  if (opts.template_mode) {
    worksheet_merge_range(ws, 2, kLast, 3, kLast, kStatisticsReasonHead, head);
    worksheet_set_column(ws, kLast, kLast, 36, nullptr);
  }
  worksheet_set_row(ws, 2, 24, nullptr);
  worksheet_set_row(ws, 3, 48, nullptr);
  worksheet_set_column(ws, 0, 0, 30, nullptr);
  worksheet_set_column(ws, 1, kLast, 11, nullptr);

  auto write_row = [&](lxw_row_t r, const StatisticsRow& row, bool total,
                       const std::string& uncounted = {}) {
    std::string label = row.unit_name + uncounted;
    worksheet_write_string(ws, r, 0, label.c_str(), total ? total_name : name);
    if (opts.blank || !uncounted.empty()) {
      for (lxw_col_t c = 1; c <= kLast; ++c) worksheet_write_blank(ws, r, c, number);
      return;
    }
    lxw_col_t c = 1;
    for (const StatisticsField& f : kStatisticsFields) {
      if (f.sum == FieldSum::kRatio) {
        worksheet_write_number(ws, r, c++, FigureValue(row, f) / 100.0,
                               total ? total_percent : percent);
      } else {
        worksheet_write_number(ws, r, c++, FigureValue(row, f), total ? total_number : number);
      }
    }
  };
  lxw_row_t r = 4;
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    write_row(r, s.rows[i], false, i < s.uncounted.size() ? s.uncounted[i] : std::string());
    if (opts.template_mode && !opts.blank) {
      std::string reason = i < opts.notes.size() ? opts.notes[i] : std::string();
      worksheet_write_string(ws, r, kLast, reason.c_str(), name);
    }
    ++r;
  }
  if (!opts.template_mode) write_row(r++, s.total, true);
  worksheet_merge_range(ws, r, 0, r, kLast, opts.note.c_str(), note);
  worksheet_set_row(ws, r, 48, nullptr);
  worksheet_set_paper(ws, 9);
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, 2, 3);
  return wb.Finish();
}

}  // namespace vw::reporting
