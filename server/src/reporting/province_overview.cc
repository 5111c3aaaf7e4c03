// The province overview over the education and HR chains (submissions.h).
#include <map>

#include "core/json.h"
#include "export/document.h"
#include "export/pdf.h"
#include "export/xlsx.h"
#include "reporting/rollup.h"
#include "reporting/statistics_store.h"
#include "reporting/submission_store.h"
#include "reporting/submissions.h"

namespace vw::reporting {
namespace {

namespace json = boost::json;

// Where a root's reporting child goes in the overview: authorities merge
// by region (成都市教育局 and 成都市人社局 make 成都市), schools stay alone.
struct Placement {
  int group = 2;  // 0 a root's own records, 1 a city, 2 a school
  std::string key;
  std::string name;
};

std::map<Id, Placement> PlacementsUnder(db::Session& s, Id root) {
  std::map<Id, Placement> out;
  for (const auto& u : store::ChildUnits(s, root)) {
    if (u.category == "authority" && !u.region_code.empty()) {
      out[u.id] = {1, "region:" + u.region_code, u.region_name.empty() ? u.name : u.region_name};
    } else {
      out[u.id] = {2, "unit:" + std::to_string(u.id), u.name};
    }
  }
  return out;
}

// The part's reporting children and how far they have come (counted for
// every child of the root in one query: store::GrandchildCompleteness).
void CountChildren(const std::map<Id, store::Completeness>& counts, OverviewPart& part) {
  auto it = counts.find(part.unit_id);
  if (it == counts.end()) return;
  part.children = it->second.children;
  part.submitted = it->second.submitted;
  part.accepted = it->second.accepted;
}

json::object ToJson(const OverviewPart& p) {
  return {{"unit_id", p.unit_id},     {"unit_name", p.unit_name}, {"chain", p.chain},
          {"status", p.status},       {"included", p.included},   {"children", p.children},
          {"submitted", p.submitted}, {"accepted", p.accepted}};
}

}  // namespace

json::object ToJson(const ProvinceOverview& o) {
  json::array chains, rows;
  for (const auto& c : o.chains) {
    chains.push_back(json::object{{"unit_id", c.unit_id},
                                  {"unit_name", c.unit_name},
                                  {"total", ToJson(c.total)},
                                  {"children", c.children},
                                  {"accepted", c.accepted}});
  }
  for (const auto& r : o.rows) {
    json::object row = ToJson(r.figures);
    row["kind"] = r.kind;
    row["included"] = r.included;
    json::array parts;
    for (const auto& p : r.parts) parts.push_back(ToJson(p));
    row["parts"] = std::move(parts);
    rows.push_back(std::move(row));
  }
  return {
      {"campaign_id", o.campaign_id}, {"campaign_name", o.campaign_name}, {"year", o.year},
      {"region_name", o.region_name}, {"chains", std::move(chains)},      {"rows", std::move(rows)},
      {"total", ToJson(o.total)}};
}

Result<ProvinceOverview> SubmissionService::Overview(const Principal& p, Id campaign_id) {
  db::Session s(db_);
  std::vector<store::ChainRoot> roots = store::ChainRoots(s);
  if (roots.empty()) return Error::NotFound("没有可汇总的报送体系");
  std::string names;
  for (const auto& r : roots) names += (names.empty() ? "" : "、") + r.name;
  for (const auto& r : roots) {
    if (!scope_.Require(s, p, r.id).ok()) {
      return Error::Forbidden("全省汇总需要同时具有" + names + "的查看权限（缺少" + r.name + "）");
    }
  }
  ProvinceOverview out;
  out.campaign_id = campaign_id;
  out.region_name = store::RegionName(s, roots.front().region_code);
  if (out.region_name.empty()) out.region_name = "全省";
  out.total.unit_name = "合计";
  {
    auto campaign = store::LoadCampaign(s, campaign_id);
    if (!campaign) return Error::NotFound("活动周不存在");
    out.campaign_name = campaign->name;
    out.year = static_cast<int>(campaign->year);
  }

  std::vector<std::pair<int, std::string>> order;  // (group, key) as first met
  std::map<std::string, OverviewRow> merged;
  // Enterprises as distinct names: per row over its counted parts, and over
  // the chains for the total (one enterprise in both chains counts once).
  std::map<std::string, EnterpriseCount> row_enterprises;
  EnterpriseCount all_enterprises;
  // People likewise: one student of both chains counts once.
  std::map<std::string, DistinctPeople> row_people;
  DistinctPeople all_people;
  for (const auto& root : roots) {
    // Only the roll-up: a root reports to no one, so its form is never
    // frozen, and the overview needs none of the form's rules or deadlines.
    auto unit = store::LoadUnit(s, root.id);
    if (!unit) return Error::Forbidden();
    Rollup sub = RollUpFigures(store::RollupInputOf(
        s, campaign_id, *unit, store::ReportingChildren(s, campaign_id, "statistics", root.id)));
    OverviewChain chain{root.id, root.name, sub.total, 0, 0};
    auto placements = PlacementsUnder(s, root.id);
    auto completeness = store::GrandchildCompleteness(s, campaign_id, "statistics", root.id);
    for (std::size_t i = 0; i < sub.rows.size(); ++i) {
      const StatisticsRow& figures = sub.rows[i];
      const std::string& status = sub.row_status[i];
      Placement place{0, "own:" + std::to_string(root.id), figures.unit_name};
      if (status != "own") {
        ++chain.children;
        if (status == "accepted") ++chain.accepted;
        auto it = placements.find(figures.unit_id);
        if (it != placements.end()) place = it->second;
      }
      auto [at, fresh] = merged.try_emplace(place.key);
      OverviewRow& row = at->second;
      if (fresh) {
        order.emplace_back(place.group, place.key);
        row.figures.unit_name = place.name;
        row.kind = place.group == 0 ? "own" : place.group == 1 ? "city" : "school";
      }
      bool included = status == "own" || status == "accepted";
      OverviewPart part{figures.unit_id, figures.unit_name, root.name, status, included};
      if (status != "own") CountChildren(completeness, part);
      row.parts.push_back(std::move(part));
      if (included && !row.included) {  // live figures give way to counted ones
        std::string name = row.figures.unit_name;
        row.figures = StatisticsRow{};
        row.figures.unit_name = name;
        row.included = true;
      }
      if (included || !row.included) AddFigures(row.figures, figures);
      if (included) {
        row_enterprises[place.key].Add(sub.row_enterprises[i]);
        row_people[place.key].Add(sub.row_people[i]);
      }
    }
    chain.total.unit_name = root.name;
    AddFigures(out.total, chain.total);
    all_enterprises.Add(sub.enterprises);
    all_people.Add(sub.people);
    out.chains.push_back(std::move(chain));
  }
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return a.first == 1 && a.second < b.second;  // cities by region code
  });
  for (const auto& [group, key] : order) {
    OverviewRow row = std::move(merged[key]);
    if (row.included) {
      row.figures.enterprises = row_enterprises[key].Count();
      DistinctPeople& people = row_people[key];
      people.Settle();
      people.Into(row.figures);
    }
    row.figures.coverage = CoveragePercent(row.figures.students, row.figures.enrolled);
    out.rows.push_back(std::move(row));
  }
  out.total.enterprises = all_enterprises.Count();
  all_people.Settle();
  all_people.Into(out.total);
  out.total.coverage = CoveragePercent(out.total.students, out.total.enrolled);
  return out;
}

Result<ExportFile> SubmissionService::OverviewExport(const Principal& p, Id campaign_id,
                                                     const std::string& format) {
  if (format != "xlsx" && format != "pdf") {
    return Error::Invalid("format", "全省汇总可导出为 xlsx 或 pdf");
  }
  VW_TRY(o, Overview(p, campaign_id));
  Statistics st;
  st.unit_name = o.region_name;
  st.campaign_name = o.campaign_name;
  st.year = o.year;
  for (const auto& r : o.rows) {
    st.rows.push_back(r.figures);
    // Every row has a part; one not counted has no part counted, and its
    // first part's status says why.
    st.uncounted.push_back(r.included ? std::string() : UncountedNote(r.parts.front().status));
  }
  st.total = o.total;
  std::string units;
  for (const auto& c : o.chains) units += (units.empty() ? "" : "、") + c.unit_name;
  std::string name = StatisticsTitle(st, st.year);
  std::string note;
  {
    db::Session s(db_);
    note = NoticeText(s, campaign_id, "statistics_note");
  }
  if (format == "xlsx") {
    StatisticsSheet opts;
    opts.unit = units;
    opts.note = note;
    VW_TRY(bytes, StatisticsXlsx(st, st.year, opts));
    return ExportFile{std::move(bytes), std::string(xlsx::kContentType), name + ".xlsx"};
  }
  doc::TableDocument d = StatisticsTable(st, StatisticsInfoLine(units, "", ""), note);
  VW_TRY(bytes, pdf::RenderTable(d));
  return ExportFile{std::move(bytes), std::string(pdf::kContentType), name + ".pdf"};
}

}  // namespace vw::reporting
