// 天天有活动: the units × days matrix.
#include <map>

#include "activity/activity.h"
#include "campaign/campaign_store.h"
#include "core/time.h"
#include "export/xlsx_writer.h"

namespace vw::activity {

namespace json = boost::json;

json::object ToJson(const Coverage& c) {
  json::array dates, names, rows;
  for (const auto& d : c.dates) dates.push_back(json::value(d));
  for (const auto& n : c.day_names) names.push_back(json::value(n));
  for (const auto& r : c.rows) {
    json::array counts;
    for (int n : r.per_day) counts.push_back(n);
    rows.push_back({{"unit_id", r.unit_id},
                    {"unit_name", r.unit_name},
                    {"kind", r.kind},
                    {"per_day", std::move(counts)},
                    {"total", r.total},
                    {"days_without", r.days_without}});
  }
  return {{"campaign_name", c.campaign_name},
          {"unit_name", c.unit_name},
          {"dates", std::move(dates)},
          {"day_names", std::move(names)},
          {"rows", std::move(rows)}};
}

Result<Coverage> ActivityService::CoverageOf(const Principal& p, Id campaign_id, Id unit_id,
                                             bool published_only) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id));
  auto campaign = campaign::store::LoadCampaign(s, campaign_id);
  if (!campaign) return Error::NotFound("活动周不存在");
  Coverage out;
  out.campaign_name = campaign->name;
  for (const auto& d : campaign::store::LoadDays(s, campaign_id)) {
    out.dates.push_back(d.date);
    out.day_names.push_back(d.name);
  }
  std::map<std::string, std::size_t> day_index;
  for (std::size_t i = 0; i < out.dates.size(); ++i) day_index[out.dates[i]] = i;

  // Rows: the unit itself (its own activities) and each direct child.
  std::map<Id, std::size_t> row_of;  // row unit → index
  auto add_row = [&](Id id, std::string name, std::string kind) {
    row_of[id] = out.rows.size();
    out.rows.push_back(
        {id, std::move(name), std::move(kind), std::vector<int>(out.dates.size(), 0), 0, 0});
  };
  {
    std::string name, kind;
    s.sql() << "SELECT name, kind FROM units WHERE id = :id", soci::use(unit_id), soci::into(name),
        soci::into(kind);
    out.unit_name = name;
    add_row(unit_id, name + "（本单位）", kind);
    soci::rowset<soci::row> children =
        (s.sql().prepare << "SELECT id, name, kind FROM units WHERE parent_id = :p AND active = 1 "
                            "ORDER BY sort_order, id",
         soci::use(unit_id));
    for (const auto& r : children) add_row(db::Int(r, 0), db::Str(r, 1), db::Str(r, 2));
  }
  // Each activity of the subtree counts for the child it lies under (depth 1
  // below the unit) or for the unit itself, on every day it spans.
  int only = published_only ? 1 : 0;
  soci::rowset<soci::row> rs =
      (s.sql().prepare
           << "SELECT a.unit_id, a.starts_at, a.ends_at, (SELECT c2.ancestor_id FROM unit_closure "
              "c2 JOIN units u2 ON u2.id = c2.ancestor_id WHERE c2.descendant_id = a.unit_id AND "
              "u2.parent_id = :unit) FROM activities a JOIN unit_closure c ON c.descendant_id = "
              "a.unit_id AND c.ancestor_id = :unit2 WHERE a.campaign_id = :c AND a.status <> "
              "'cancelled' AND (:only = 0 OR a.status = 'published')",
       soci::use(unit_id), soci::use(unit_id), soci::use(campaign_id), soci::use(only));
  for (const auto& r : rs) {
    auto child = db::OptInt(r, 3);
    Id row_unit = child.value_or(unit_id);
    auto it = row_of.find(row_unit);
    if (it == row_of.end()) continue;  // an inactive child
    auto start = timeutil::ParseUtc(db::Str(r, 1));
    auto end = timeutil::ParseUtc(db::Str(r, 2));
    if (!start || !end) continue;
    std::string first = timeutil::ShanghaiDate(*start);
    std::string last = timeutil::ShanghaiDate(*end - 1);
    for (std::string d = first; d <= last; d = timeutil::AddDays(d, 1)) {
      if (auto di = day_index.find(d); di != day_index.end())
        ++out.rows[it->second].per_day[di->second];
      if (d >= out.dates.back()) break;
    }
  }
  for (auto& row : out.rows) {
    for (int n : row.per_day) {
      row.total += n;
      row.days_without += n == 0 ? 1 : 0;
    }
  }
  // The unit's own row only when it runs activities itself.
  if (out.rows.size() > 1 && out.rows.front().total == 0) out.rows.erase(out.rows.begin());
  return out;
}

}  // namespace vw::activity

namespace vw::activity {

Result<std::string> CoverageXlsx(const Coverage& c) {
  xlsx::Workbook wb;
  lxw_worksheet* ws = wb.AddSheet("天天有活动");
  const auto days = static_cast<lxw_col_t>(c.dates.size());
  lxw_format* title = wb.Format(true, 16, 0, false, true);
  lxw_format* head = wb.Format(true, 11, 0xD9E1F2, true, true, true);
  lxw_format* name = wb.Format(false, 11, 0, true, false, true);
  lxw_format* plain = wb.Format(false, 11, 0, true, true);
  lxw_format* gap = wb.Format(true, 11, 0xF8CBAD, true, true);
  lxw_format* some = wb.Format(false, 11, 0xE2EFDA, true, true);
  lxw_format* many = wb.Format(true, 11, 0xA9D08E, true, true);

  std::string heading = c.unit_name + c.campaign_name + "“天天有活动”情况表";
  worksheet_merge_range(ws, 0, 0, 0, days + 2, heading.c_str(), title);
  worksheet_set_row(ws, 0, 30, nullptr);
  std::string legend = "说明：数字为当天进行中的活动数（取消的活动不计）；红色为当天没有活动。";
  worksheet_merge_range(ws, 1, 0, 1, days + 2, legend.c_str(), nullptr);
  worksheet_write_string(ws, 2, 0, "单位", head);
  for (lxw_col_t d = 0; d < days; ++d) {
    std::string label = c.dates[d].substr(5) + "\n" + c.day_names[d];
    worksheet_write_string(ws, 2, d + 1, label.c_str(), head);
  }
  worksheet_write_string(ws, 2, days + 1, "合计", head);
  worksheet_write_string(ws, 2, days + 2, "无活动天数", head);
  worksheet_set_row(ws, 2, 36, nullptr);
  worksheet_set_column(ws, 0, 0, 30, nullptr);
  worksheet_set_column(ws, 1, days, 14, nullptr);
  worksheet_set_column(ws, days + 1, days + 2, 11, nullptr);

  lxw_row_t row = 3;
  std::vector<int> day_totals(days, 0);
  for (const auto& r : c.rows) {
    worksheet_write_string(ws, row, 0, r.unit_name.c_str(), name);
    for (lxw_col_t d = 0; d < days; ++d) {
      int n = r.per_day[d];
      day_totals[d] += n;
      worksheet_write_number(ws, row, d + 1, n, n == 0 ? gap : n < 3 ? some : many);
    }
    worksheet_write_number(ws, row, days + 1, r.total, plain);
    worksheet_write_number(ws, row, days + 2, r.days_without, r.days_without ? gap : plain);
    ++row;
  }
  worksheet_write_string(ws, row, 0, "合计", head);
  int total = 0;
  for (lxw_col_t d = 0; d < days; ++d) {
    total += day_totals[d];
    worksheet_write_number(ws, row, d + 1, day_totals[d], day_totals[d] == 0 ? gap : plain);
  }
  worksheet_write_number(ws, row, days + 1, total, plain);
  worksheet_freeze_panes(ws, 3, 1);
  // Printed on A4 landscape, one page wide, header rows repeated.
  worksheet_set_paper(ws, 9);
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, 2, 2);
  return wb.Finish();
}

}  // namespace vw::activity
