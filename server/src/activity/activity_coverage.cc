// 天天有活动: the units × days matrix.
#include <cstdint>
#include <map>
#include <set>

#include "activity/activity.h"
#include "campaign/campaign_store.h"
#include "core/time.h"
#include "export/document.h"
#include "export/xlsx.h"

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
    // Only children of a kind expected to hold activities and report on
    // them (unit_kinds.reports_forms): a school's colleges, not its offices,
    // whose empty rows would read as seven-day gaps.
    soci::rowset<soci::row> children =
        (s.sql().prepare << "SELECT u.id, u.name, u.kind FROM units u JOIN unit_kinds k ON k.code "
                            "= u.kind WHERE u.parent_id = :p AND u.active = 1 AND "
                            "k.reports_forms = 1 ORDER BY u.sort_order, u.id",
         soci::use(unit_id));
    for (const auto& r : children) add_row(db::Int(r, 0), db::Str(r, 1), db::Str(r, 2));
  }
  // Each activity of the subtree counts for the child it lies under (depth 1
  // below the unit) or for the unit itself, on every day it spans. An
  // office's activities are the unit's own (as in the statistics forms).
  // Grouped by that child and the span in SQL: one pass over the subtree's
  // activities, no query per activity (bench/rollup.sh, the dashboard).
  int only = published_only ? 1 : 0;
  soci::rowset<soci::row> rs =
      (s.sql().prepare
           << "SELECT ch.id, a.starts_at, a.ends_at, COUNT(*) FROM activities a JOIN "
              "unit_closure c ON c.descendant_id = a.unit_id AND c.ancestor_id = :unit JOIN "
              "unit_closure c2 ON c2.descendant_id = a.unit_id LEFT JOIN units ch ON ch.id = "
              "c2.ancestor_id AND ch.parent_id = :unit2 WHERE a.campaign_id = :c AND a.status "
              "<> 'cancelled' AND (:only = 0 OR a.status = 'published') AND (ch.id IS NOT NULL "
              "OR (a.unit_id = :unit3 AND c2.ancestor_id = :unit4)) GROUP BY ch.id, a.starts_at, "
              "a.ends_at",
       soci::use(unit_id), soci::use(unit_id), soci::use(campaign_id), soci::use(only),
       soci::use(unit_id), soci::use(unit_id));
  std::set<Id> inactive;
  {
    soci::rowset<soci::row> gone =
        (s.sql().prepare << "SELECT id FROM units WHERE parent_id = :p AND active <> 1",
         soci::use(unit_id));
    for (const auto& r : gone) inactive.insert(db::Int(r, 0));
  }
  for (const auto& r : rs) {
    auto child = db::OptInt(r, 0);
    if (child && inactive.count(*child)) continue;
    auto it = row_of.find(child && row_of.count(*child) ? *child : unit_id);
    auto start = timeutil::ParseUtc(db::Str(r, 1));
    auto end = timeutil::ParseUtc(db::Str(r, 2));
    if (!start || !end) continue;
    int n = static_cast<int>(db::Int(r, 3));
    std::string first = timeutil::ShanghaiDate(*start);
    std::string last = timeutil::ShanghaiDate(*end - 1);
    for (std::string d = first; d <= last; d = timeutil::AddDays(d, 1)) {
      if (auto di = day_index.find(d); di != day_index.end())
        out.rows[it->second].per_day[di->second] += n;
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
namespace {

constexpr std::uint32_t kHeadFill = 0xD9E1F2;
constexpr std::uint32_t kNoneFill = 0xF8CBAD;  // a day without activities
constexpr std::uint32_t kSomeFill = 0xE2EFDA;  // one or two
constexpr std::uint32_t kManyFill = 0xA9D08E;  // three or more

doc::Cell Count(int n) {
  doc::Cell c{std::to_string(n)};
  c.number = n;
  return c;
}

// A day's count, coloured by how busy the day is.
doc::Cell DayCount(int n) {
  doc::Cell c = Count(n);
  c.bold = n == 0 || n >= 3;
  c.fill = n == 0 ? kNoneFill : n < 3 ? kSomeFill : kManyFill;
  return c;
}

doc::TableDocument CoverageDocument(const Coverage& c) {
  const std::size_t days = c.dates.size();
  doc::TableDocument d;
  d.landscape = true;
  d.sheet_name = "天天有活动";
  d.title = c.unit_name + c.campaign_name + "“天天有活动”情况表";
  d.title_height = 30;
  d.info_line = "说明：数字为当天进行中的活动数（取消的活动不计）；红色为当天没有活动。";
  d.cell_size = 11;
  d.sheet_widths.assign(days + 3, 14);
  d.sheet_widths.front() = 30;
  d.sheet_widths[days + 1] = d.sheet_widths[days + 2] = 11;
  d.freeze_rows = 3;
  d.freeze_columns = 1;

  doc::Row head;
  head.sheet_height = 36;
  auto heading = [&](std::string text) {
    doc::Cell h{std::move(text)};
    h.fill = kHeadFill;
    head.cells.push_back(std::move(h));
  };
  heading("单位");
  for (std::size_t i = 0; i < days; ++i) heading(c.dates[i].substr(5) + "\n" + c.day_names[i]);
  heading("合计");
  heading("无活动天数");
  d.header = {head};

  std::vector<int> day_totals(days, 0);
  for (const auto& r : c.rows) {
    doc::Row row;
    doc::Cell name{r.unit_name, 1, 1, false, doc::Align::kLeft};
    name.wrap = true;
    row.cells.push_back(name);
    for (std::size_t i = 0; i < days; ++i) {
      day_totals[i] += r.per_day[i];
      row.cells.push_back(DayCount(r.per_day[i]));
    }
    row.cells.push_back(Count(r.total));
    doc::Cell without = Count(r.days_without);
    if (r.days_without) {
      without.bold = true;
      without.fill = kNoneFill;
    }
    row.cells.push_back(without);
    d.body.push_back(std::move(row));
  }
  doc::Row total;
  doc::Cell label{"合计", 1, 1, true};
  label.wrap = true;
  label.fill = kHeadFill;
  total.cells.push_back(label);
  int sum = 0;
  for (int n : day_totals) {
    sum += n;
    doc::Cell day = Count(n);
    if (n == 0) {
      day.bold = true;
      day.fill = kNoneFill;
    }
    total.cells.push_back(day);
  }
  total.cells.push_back(Count(sum));
  d.body.push_back(std::move(total));
  return d;
}

}  // namespace

Result<std::string> CoverageXlsx(const Coverage& c) {
  return xlsx::RenderTable(CoverageDocument(c));
}

}  // namespace vw::activity
