// The statistics form in the layout of notice 000, annex 5: one table
// document, which export/xlsx.h writes as a workbook and export/pdf.h prints.
#include "campaign/notice_texts.h"
#include "export/xlsx.h"
#include "reporting/reporting.h"
#include "reporting/submissions.h"

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

std::vector<doc::Row> StatisticsHeadRows() {
  // The unit's column, then the table's fields: a field without a group
  // spans both header rows; a group spans its fields in the first row.
  doc::Row h1, h2;
  h1.cells.push_back({std::string(kStatisticsUnitHead), 1, 2, true});
  for (std::size_t i = 0; i < std::size(kStatisticsFields);) {
    const StatisticsField& f = kStatisticsFields[i];
    if (f.group.empty()) {
      h1.cells.push_back({std::string(f.label), 1, 2, true});
      ++i;
      continue;
    }
    int span = 0;
    for (; i < std::size(kStatisticsFields) && kStatisticsFields[i].group == f.group; ++i, ++span) {
      h2.cells.push_back({std::string(kStatisticsFields[i].label), 1, 1, true});
    }
    h1.cells.push_back({std::string(f.group), span, 1, true});
  }
  return {h1, h2};
}

std::string HowCountedNote() {
  const StatisticsField* people = FindStatisticsField("teachers");
  const StatisticsField* enterprises = FindStatisticsField("enterprises");
  return "统计口径：参与活动的教师数、学生数和参与总人数" + std::string(people->how_counted) +
         "。参与活动的企业数" + std::string(enterprises->how_counted) + "。";
}

doc::TableDocument StatisticsDocument(const Statistics& s, int year, const StatisticsSheet& opts) {
  doc::TableDocument d;
  d.landscape = true;
  d.label = "附件5";
  d.title = StatisticsTitle(s, year);
  d.info_line = StatisticsInfoLine(opts.unit, opts.filler, opts.phone);
  d.sheet_name = "情况统计表";
  d.column_widths = {3.2};
  d.sheet_widths = {30};
  for (const StatisticsField& f : kStatisticsFields) {
    d.column_widths.push_back(f.width);
    d.sheet_widths.push_back(11);
  }
  d.header = StatisticsHeadRows();
  if (opts.template_mode) {
    d.column_widths.push_back(4);
    d.sheet_widths.push_back(36);
    d.header[0].cells.push_back({kStatisticsReasonHead, 1, 2, true});
  }
  d.header[0].sheet_height = 24;
  d.header[1].sheet_height = 48;

  // A figure is a number cell (a ratio as a percentage); a blank template
  // or a child not counted leaves the figures empty.
  auto row = [&](const StatisticsRow& r, bool total, const std::string& uncounted) {
    doc::Row out;
    doc::Cell name{r.unit_name + uncounted};
    name.bold = total;
    name.align = total ? doc::Align::kCentre : doc::Align::kLeft;
    name.wrap = !total;
    out.cells.push_back(name);
    for (const StatisticsField& f : kStatisticsFields) {
      doc::Cell c;
      c.bold = total;
      if (!opts.blank && uncounted.empty()) {
        if (f.sum == FieldSum::kRatio) {
          c.text = CoverageText(FigureValue(r, f));
          c.number = FigureValue(r, f) / 100.0;
          c.percent = true;
        } else {
          c.text = std::to_string(r.*(f.member));
          c.number = FigureValue(r, f);
        }
      }
      out.cells.push_back(c);
    }
    return out;
  };
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    doc::Row r = row(s.rows[i], false, i < s.uncounted.size() ? s.uncounted[i] : std::string());
    if (opts.template_mode) {
      doc::Cell reason;  // blank template: an empty figure cell
      if (!opts.blank) {
        reason.text = i < opts.notes.size() ? opts.notes[i] : std::string();
        reason.align = doc::Align::kLeft;
        reason.wrap = true;
      }
      r.cells.push_back(reason);
    }
    d.body.push_back(std::move(r));
  }
  if (!opts.template_mode) {
    d.body.push_back(row(s.total, true, {}));
    d.last_row_bold = true;
  }
  d.footnotes = {opts.note, HowCountedNote()};
  d.footnote_height = 48;
  return d;
}

doc::TableDocument StatisticsTable(const Statistics& st, const std::string& info,
                                   const std::string& note) {
  StatisticsSheet opts;
  opts.note = note;
  doc::TableDocument d = StatisticsDocument(st, st.year, opts);
  d.info_line = info;
  return d;
}

Result<std::string> StatisticsXlsx(const Statistics& s, int year, const StatisticsSheet& opts) {
  return xlsx::RenderTable(StatisticsDocument(s, year, opts));
}

}  // namespace vw::reporting
