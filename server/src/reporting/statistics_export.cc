// The statistics form in the layout of notice 000, annex 5.
#include "export/xlsx_writer.h"
#include "reporting/reporting.h"

namespace vw::reporting {

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

  const lxw_col_t kLast = opts.template_mode ? 11 : 10;
  std::string heading = StatisticsTitle(s, year);
  worksheet_merge_range(ws, 0, 0, 0, kLast, heading.c_str(), title);
  worksheet_set_row(ws, 0, 32, nullptr);
  std::string info = StatisticsInfoLine(opts.unit, opts.filler, opts.phone);
  worksheet_merge_range(ws, 1, 0, 1, kLast, info.c_str(), line);
  for (lxw_col_t c = 0; c < 8; ++c) {
    worksheet_merge_range(ws, 2, c, 3, c, kStatisticsHeads[c], head);
  }
  worksheet_merge_range(ws, 2, 8, 2, 10, kStatisticsMediaGroupHead, head);
  for (lxw_col_t c = 0; c < 3; ++c) {
    worksheet_write_string(ws, 3, 8 + c, kStatisticsMediaHeads[c], head);
  }
  if (opts.template_mode) {
    worksheet_merge_range(ws, 2, 11, 3, 11, kStatisticsReasonHead, head);
    worksheet_set_column(ws, 11, 11, 36, nullptr);
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
    const double values[] = {static_cast<double>(row.schools), static_cast<double>(row.teachers),
                             static_cast<double>(row.students)};
    for (lxw_col_t c = 0; c < 3; ++c) {
      worksheet_write_number(ws, r, c + 1, values[c], total ? total_number : number);
    }
    worksheet_write_number(ws, r, 4, row.coverage / 100.0, total ? total_percent : percent);
    const double rest[] = {
        static_cast<double>(row.enterprises), static_cast<double>(row.total),
        static_cast<double>(row.projects),    static_cast<double>(row.media_provincial),
        static_cast<double>(row.media_city),  static_cast<double>(row.media_county)};
    for (lxw_col_t c = 0; c < 6; ++c) {
      worksheet_write_number(ws, r, c + 5, rest[c], total ? total_number : number);
    }
  };
  lxw_row_t r = 4;
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    write_row(r, s.rows[i], false, i < s.uncounted.size() ? s.uncounted[i] : std::string());
    if (opts.template_mode && !opts.blank) {
      std::string reason = i < opts.notes.size() ? opts.notes[i] : std::string();
      worksheet_write_string(ws, r, 11, reason.c_str(), name);
    }
    ++r;
  }
  if (!opts.template_mode) write_row(r++, s.total, true);
  std::string footnote =
      opts.template_mode ? std::string(kStatisticsTemplateNote) : std::string(kStatisticsNote);
  worksheet_merge_range(ws, r, 0, r, kLast, footnote.c_str(), note);
  worksheet_set_row(ws, r, 48, nullptr);
  worksheet_set_paper(ws, 9);
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, 2, 3);
  return wb.Finish();
}

}  // namespace vw::reporting
