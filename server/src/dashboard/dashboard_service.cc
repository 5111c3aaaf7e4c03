#include <algorithm>
#include <cstdio>
#include <map>

#include "core/time.h"
#include "dashboard/dashboard.h"
#include "dashboard/dashboard_store.h"
#include "reporting/rollup.h"
#include "reporting/statistics_store.h"
#include "reporting/submission_store.h"

namespace vw::dashboard {
namespace {

namespace json = boost::json;
using reporting::StatisticsRow;

// The days of a coverage matrix, with no figures yet.
Days DaysOf(const activity::Coverage& c) {
  Days d;
  d.dates = c.dates;
  d.day_names = c.day_names;
  d.activities.assign(c.dates.size(), 0);
  d.participants.assign(c.dates.size(), 0);
  return d;
}

// Adds the matrix's activities to the days and to the row each of its rows
// belongs to (`row_of`: a matrix row's unit → index in `rows`).
void AddCoverage(const activity::Coverage& c, Days& days, std::vector<Row>& rows,
                 const std::map<Id, std::size_t>& row_of) {
  for (const auto& cr : c.rows) {
    auto at = row_of.find(cr.unit_id);
    for (std::size_t i = 0; i < cr.per_day.size() && i < days.activities.size(); ++i) {
      days.activities[i] += cr.per_day[i];
      if (at != row_of.end()) rows[at->second].per_day[i] += cr.per_day[i];
    }
  }
}

void AddParticipants(const std::map<std::string, std::int64_t>& by_day, Days& days) {
  for (std::size_t i = 0; i < days.dates.size(); ++i) {
    if (auto it = by_day.find(days.dates[i]); it != by_day.end())
      days.participants[i] += it->second;
  }
}

void Settle(Days& days, std::vector<Row>& rows) {
  days.days_with_activities = static_cast<int>(
      std::count_if(days.activities.begin(), days.activities.end(), [](int n) { return n > 0; }));
  days.participants_total = 0;
  for (auto n : days.participants) days.participants_total += n;
  for (auto& r : rows) {
    r.days_without = static_cast<int>(std::count(r.per_day.begin(), r.per_day.end(), 0));
  }
}

// The rows' figures added up, counted or not; ratios from the sums.
StatisticsRow LiveOf(const std::vector<Row>& rows) {
  StatisticsRow live;
  live.unit_name = "合计（含未审核）";
  for (const auto& r : rows) reporting::AddFigures(live, r.figures);
  reporting::RecomputeRatios(live);
  return live;
}

int Sum(const std::vector<int>& v) {
  int n = 0;
  for (int x : v) n += x;
  return n;
}

json::object ToJson(const Days& d) {
  json::array dates, names, acts, people;
  for (const auto& x : d.dates) dates.emplace_back(x);
  for (const auto& x : d.day_names) names.emplace_back(x);
  for (int x : d.activities) acts.emplace_back(x);
  for (auto x : d.participants) people.emplace_back(x);
  return {{"dates", std::move(dates)},
          {"day_names", std::move(names)},
          {"activities_per_day", std::move(acts)},
          {"participants_per_day", std::move(people)},
          {"participants", d.participants_total},
          {"days_with_activities", d.days_with_activities}};
}

json::object PartJson(const reporting::OverviewPart& p) {
  return {{"unit_id", p.unit_id},     {"unit_name", p.unit_name}, {"chain", p.chain},
          {"status", p.status},       {"included", p.included},   {"children", p.children},
          {"submitted", p.submitted}, {"accepted", p.accepted}};
}

json::object MediaJson(const StatisticsRow& r) {
  return {{"provincial", r.media_provincial}, {"city", r.media_city}, {"county", r.media_county}};
}

std::string Later(const std::string& a, const std::string& b) { return std::max(a, b); }

}  // namespace

json::object ToJson(const Dashboard& d) {
  json::object out = ToJson(d.days);
  out["campaign_id"] = d.campaign_id;
  out["campaign_name"] = d.campaign_name;
  out["year"] = d.year;
  out["unit_id"] = d.unit_id;
  out["unit_name"] = d.unit_name;
  out["total"] = reporting::ToJson(d.total);
  out["media"] = MediaJson(d.total);
  out["live"] = reporting::ToJson(d.live);
  json::array rows;
  for (const auto& r : d.rows) {
    json::array ids, per_day, parts;
    for (Id id : r.unit_ids) ids.emplace_back(id);
    for (int n : r.per_day) per_day.emplace_back(n);
    for (const auto& p : r.parts) parts.push_back(PartJson(p));
    rows.push_back(json::object{{"name", r.name},
                                {"kind", r.kind},
                                {"status", r.status},
                                {"included", r.included},
                                {"unit_ids", std::move(ids)},
                                {"per_day", std::move(per_day)},
                                {"days_without", r.days_without},
                                {"figures", reporting::ToJson(r.figures)},
                                {"parts", std::move(parts)}});
  }
  out["rows"] = std::move(rows);
  json::array chains;
  for (const auto& c : d.chains) {
    std::int64_t submitted = 0;
    for (const auto& r : d.rows) {
      for (const auto& p : r.parts) {
        if (p.chain == c.unit_name && (p.status == "submitted" || p.status == "accepted")) {
          ++submitted;
        }
      }
    }
    chains.push_back(json::object{{"unit_id", c.unit_id},
                                  {"unit_name", c.unit_name},
                                  {"children", c.children},
                                  {"submitted", submitted},
                                  {"accepted", c.accepted}});
  }
  out["chains"] = std::move(chains);
  if (d.previous) {
    const Previous& p = *d.previous;
    out["previous"] = json::object{{"campaign_id", p.campaign_id},
                                   {"campaign_name", p.campaign_name},
                                   {"year", p.year},
                                   {"total", reporting::ToJson(p.total)},
                                   {"activities", p.activities},
                                   {"days_with_activities", p.days_with_activities}};
  } else {
    out["previous"] = nullptr;
  }
  json::array acts;
  for (const auto& a : d.activities) {
    acts.push_back(json::object{{"id", a.id},
                                {"title", a.title},
                                {"unit_name", a.unit_name},
                                {"starts_at", a.starts_at},
                                {"capacity", a.capacity},
                                {"confirmed", a.confirmed},
                                {"waiting", a.waiting},
                                {"checked_in", a.checked_in}});
  }
  out["activities"] = std::move(acts);
  json::array children;
  for (const auto& c : d.children) {
    json::object forms, publicity;
    for (const auto& [k, v] : c.forms) forms[k] = v;
    for (const auto& [k, v] : c.publicity) publicity[k] = v;
    children.push_back(json::object{{"unit_id", c.unit_id},
                                    {"unit_name", c.unit_name},
                                    {"forms", std::move(forms)},
                                    {"publicity", std::move(publicity)}});
  }
  out["children"] = std::move(children);
  return out;
}

Result<Dashboard> DashboardService::Province(const Principal& p, Id campaign_id) {
  // The overview checks the caller's roles on both chains' tops.
  VW_TRY(o, submissions_.Overview(p, campaign_id));
  Dashboard d;
  d.campaign_id = campaign_id;
  d.campaign_name = o.campaign_name;
  d.year = o.year;
  d.unit_name = o.region_name;
  d.total = o.total;
  d.chains = o.chains;
  std::map<Id, std::size_t> row_of;
  for (const auto& r : o.rows) {
    Row row;
    row.name = r.figures.unit_name;
    row.kind = r.kind;
    row.included = r.included;
    row.figures = r.figures;
    row.parts = r.parts;
    for (const auto& part : r.parts) {
      row.unit_ids.push_back(part.unit_id);
      row_of[part.unit_id] = d.rows.size();
    }
    d.rows.push_back(std::move(row));
  }
  std::vector<reporting::store::ChainRoot> roots;
  {
    db::Session s(db_);
    roots = reporting::store::ChainRoots(s);
  }
  bool first = true;
  for (const auto& root : roots) {
    VW_TRY(cov, activities_.CoverageOf(p, campaign_id, root.id, /*published_only=*/true));
    if (first) {
      d.days = DaysOf(cov);
      for (auto& r : d.rows) r.per_day.assign(d.days.dates.size(), 0);
      first = false;
    }
    AddCoverage(cov, d.days, d.rows, row_of);
  }
  {
    db::Session s(db_);
    AddParticipants(store::ParticipantsByDayOfChains(s, campaign_id), d.days);
  }
  Settle(d.days, d.rows);
  d.live = LiveOf(d.rows);

  std::optional<Id> previous;
  {
    db::Session s(db_);
    previous = store::PreviousCampaign(s, campaign_id);
  }
  if (previous) {
    VW_TRY(po, submissions_.Overview(p, *previous));
    Previous prev{*previous, po.campaign_name, po.year, po.total, 0, 0};
    Days days;
    std::vector<Row> none;
    for (const auto& root : roots) {
      VW_TRY(cov, activities_.CoverageOf(p, *previous, root.id, true));
      if (days.dates.empty()) days = DaysOf(cov);
      AddCoverage(cov, days, none, {});
    }
    Settle(days, none);
    prev.activities = Sum(days.activities);
    prev.days_with_activities = days.days_with_activities;
    d.previous = std::move(prev);
  }
  return d;
}

Result<Dashboard> DashboardService::Unit(const Principal& p, Id campaign_id, Id unit_id) {
  VW_RETURN_IF_ERROR(scope_.Require(p, unit_id));
  VW_TRY(cov, activities_.CoverageOf(p, campaign_id, unit_id, /*published_only=*/true));
  db::Session s(db_);
  auto unit = reporting::store::LoadUnit(s, unit_id);
  auto campaign = reporting::store::LoadCampaign(s, campaign_id);
  if (!unit) return Error::NotFound("单位不存在");
  if (!campaign) return Error::NotFound("活动周不存在");
  Dashboard d;
  d.campaign_id = campaign_id;
  d.campaign_name = campaign->name;
  d.year = static_cast<int>(campaign->year);
  d.unit_id = unit_id;
  d.unit_name = unit->name;
  d.days = DaysOf(cov);

  // The statistics form's roll-up: the figures its annex 5 shows.
  auto children = reporting::store::ReportingChildren(s, campaign_id, "statistics", unit_id);
  reporting::Rollup r =
      reporting::RollUpFigures(reporting::store::RollupInputOf(s, campaign_id, *unit, children));
  d.total = r.total;
  std::map<Id, std::size_t> row_of;
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    Row row;
    row.name = r.rows[i].unit_name;
    row.kind = r.row_status[i] == "own" ? "own" : "child";
    row.status = r.row_status[i] == "own" ? "" : r.row_status[i];
    row.included = r.uncounted[i].empty();
    row.unit_ids = {r.rows[i].unit_id};
    row.per_day.assign(d.days.dates.size(), 0);
    row.figures = r.rows[i];
    row_of[r.rows[i].unit_id] = d.rows.size();
    d.rows.push_back(std::move(row));
  }
  AddCoverage(cov, d.days, d.rows, row_of);
  AddParticipants(store::ParticipantsByDay(s, campaign_id, unit_id), d.days);
  Settle(d.days, d.rows);
  d.live = LiveOf(d.rows);
  d.activities = store::ActivityLoads(s, campaign_id, unit_id, kMaxActivities);

  std::map<Id, std::size_t> child_of;
  for (const auto& c : children) {
    child_of[c.unit_id] = d.children.size();
    d.children.push_back({c.unit_id, c.name, {}, {}});
  }
  for (const char* form : reporting::kForms) {
    for (const auto& c : reporting::store::ReportingChildren(s, campaign_id, form, unit_id)) {
      if (auto it = child_of.find(c.unit_id); it != child_of.end()) {
        d.children[it->second].forms[form] = c.status;
      }
    }
  }
  for (auto& [child, counts] : store::PublicityByChild(s, campaign_id, unit_id)) {
    if (auto it = child_of.find(child); it != child_of.end()) {
      d.children[it->second].publicity = std::move(counts);
    }
  }

  if (auto previous = store::PreviousCampaign(s, campaign_id)) {
    auto pc = reporting::store::LoadCampaign(s, *previous);
    reporting::Rollup pr = reporting::RollUpFigures(reporting::store::RollupInputOf(
        s, *previous, *unit,
        reporting::store::ReportingChildren(s, *previous, "statistics", unit_id)));
    VW_TRY(pcov, activities_.CoverageOf(p, *previous, unit_id, true));
    Days days = DaysOf(pcov);
    std::vector<Row> none;
    AddCoverage(pcov, days, none, {});
    Settle(days, none);
    d.previous = Previous{*previous, pc ? pc->name : "",   pc ? static_cast<int>(pc->year) : 0,
                          pr.total,  Sum(days.activities), days.days_with_activities};
  }
  return d;
}

Status DashboardService::CanWatch(const Principal& p, Id campaign_id, Id unit_id) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id));
  if (!reporting::store::LoadCampaign(s, campaign_id)) return Error::NotFound("活动周不存在");
  return {};
}

Result<PublicFigures> DashboardService::Public(Id campaign_id) {
  db::Session s(db_);
  auto campaign = reporting::store::LoadCampaign(s, campaign_id);
  if (!campaign) return Error::NotFound("活动周不存在");
  PublicFigures out;
  out.campaign_id = campaign_id;
  out.campaign_name = campaign->name;
  out.year = static_cast<int>(campaign->year);
  auto roots = reporting::store::ChainRoots(s);
  out.province.name =
      roots.empty() ? "" : reporting::store::RegionName(s, roots.front().region_code);
  if (out.province.name.empty()) out.province.name = "全省";
  if (!roots.empty()) out.province.region_code = roots.front().region_code;
  out.province.figures.unit_name = out.province.name;

  std::map<std::string, PublicRow> cities;  // by region code
  std::map<std::string, reporting::DistinctPeople> city_people;
  std::map<std::string, reporting::EnterpriseCount> city_enterprises;
  reporting::DistinctPeople people;
  reporting::EnterpriseCount enterprises;
  for (const auto& root : roots) {
    auto unit = reporting::store::LoadUnit(s, root.id);
    if (!unit) continue;
    auto children = reporting::store::ReportingChildren(s, campaign_id, "statistics", root.id);
    // The roll-up of the accepted forms only: a chain's top reports to no
    // one, so its own records are no form and count for nothing here.
    reporting::RollupInput in = reporting::store::RollupInputOf(s, campaign_id, *unit, children);
    in.own = StatisticsRow{};
    in.own_held = false;
    in.own_enterprises.clear();
    in.own_people = reporting::DistinctPeople{};
    reporting::Rollup sub = reporting::RollUpFigures(in);
    reporting::AddFigures(out.province.figures, sub.total);
    people.Add(sub.people);
    enterprises.Add(sub.enterprises);
    std::map<Id, std::string> accepted_at;
    for (const auto& c : children) {
      if (c.status != "accepted") continue;
      accepted_at[c.unit_id] = timeutil::UtcToApi(c.reviewed_at);
      out.province.taken_at = Later(out.province.taken_at, accepted_at[c.unit_id]);
    }
    std::map<Id, reporting::store::ChildUnit> placed;
    for (auto& u : reporting::store::ChildUnits(s, root.id)) placed[u.id] = std::move(u);
    for (std::size_t i = 0; i < sub.rows.size(); ++i) {
      if (sub.row_status[i] != "accepted") continue;
      auto it = placed.find(sub.rows[i].unit_id);
      if (it == placed.end() || it->second.category != "authority" ||
          it->second.region_code.empty()) {
        continue;  // a school reporting to the province: in its total only
      }
      const auto& u = it->second;
      PublicRow& row = cities[u.region_code];
      if (row.name.empty()) {
        row.name = u.region_name.empty() ? u.name : u.region_name;
        row.region_code = u.region_code;
        row.figures.unit_name = row.name;
      }
      reporting::AddFigures(row.figures, sub.rows[i]);
      city_people[u.region_code].Add(sub.row_people[i]);
      city_enterprises[u.region_code].Add(sub.row_enterprises[i]);
      row.taken_at = Later(row.taken_at, accepted_at[u.id]);
    }
  }
  for (auto& [code, row] : cities) {
    reporting::DistinctPeople& ps = city_people[code];
    ps.Settle();
    ps.Into(row.figures);
    row.figures.enterprises = city_enterprises[code].Count();
    reporting::RecomputeRatios(row.figures);
    out.cities.push_back(std::move(row));
  }
  people.Settle();
  people.Into(out.province.figures);
  out.province.figures.enterprises = enterprises.Count();
  reporting::RecomputeRatios(out.province.figures);
  return out;
}

namespace {

json::object PublicRowJson(const PublicRow& r) {
  const StatisticsRow& f = r.figures;
  return {{"name", r.name},
          {"region_code", r.region_code},
          {"activities", f.projects},
          {"participants", f.total},
          {"students", f.students},
          {"enrolled", f.enrolled},
          {"coverage", f.coverage},
          {"media", f.media_provincial + f.media_city + f.media_county},
          {"media_provincial", f.media_provincial},
          {"media_city", f.media_city},
          {"media_county", f.media_county},
          {"taken_at", r.taken_at}};
}

// A CSV field: quoted when it holds a separator, a quote or a line break,
// and never read as a formula by a spreadsheet.
std::string CsvField(std::string v) {
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

json::object ToJson(const PublicFigures& f) {
  json::array cities;
  for (const auto& c : f.cities) cities.push_back(PublicRowJson(c));
  return {{"campaign_id", f.campaign_id},
          {"campaign_name", f.campaign_name},
          {"year", f.year},
          {"taken_at", f.province.taken_at},
          {"province", PublicRowJson(f.province)},
          {"cities", std::move(cities)}};
}

std::string ToCsv(const PublicFigures& f) {
  std::string out = "\xEF\xBB\xBF";
  out +=
      "地区,行政区划代码,观摩体验活动项目数,参与总人数,参与活动的学生数,在校学生数,"
      "学生覆盖率(%),媒体报道数,省级及以上媒体报道数,市（州）级媒体报道数,县（区）级媒体报道数,"
      "数据截至\r\n";
  auto line = [&out](const PublicRow& r) {
    const StatisticsRow& x = r.figures;
    std::vector<std::string> cells = {
        r.name,
        r.region_code,
        std::to_string(x.projects),
        std::to_string(x.total),
        std::to_string(x.students),
        std::to_string(x.enrolled),
        Percent(x.coverage),
        std::to_string(x.media_provincial + x.media_city + x.media_county),
        std::to_string(x.media_provincial),
        std::to_string(x.media_city),
        std::to_string(x.media_county),
        r.taken_at};
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += ',';
      out += CsvField(cells[i]);
    }
    out += "\r\n";
  };
  line(f.province);
  for (const auto& c : f.cities) line(c);
  return out;
}

}  // namespace vw::dashboard
