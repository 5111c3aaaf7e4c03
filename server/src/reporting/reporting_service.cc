#include <cmath>
#include <map>
#include <set>

#include "audit/audit.h"
#include "core/json.h"
#include "core/time.h"
#include "org/school.h"
#include "reporting/reporting.h"

namespace vw::reporting {
namespace {

namespace json = boost::json;

const std::vector<std::string> kLevels = {"provincial", "city", "county"};
constexpr RoleSet kEditors{Role::kUnitAdmin, Role::kOrganiser, Role::kPublicity};

}  // namespace

std::vector<std::string> EnterpriseNames(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string name = TrimSpaces(cur);
    if (!name.empty()) out.push_back(std::move(name));
    cur.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == ',' || text[i] == ';' || text[i] == '\n' || text[i] == ' ') {
      flush();
      ++i;
    } else if (text.compare(i, 3, "、") == 0 || text.compare(i, 3, "，") == 0 ||
               text.compare(i, 3, "；") == 0) {
      flush();
      i += 3;
    } else {
      cur.push_back(text[i++]);
    }
  }
  flush();
  return out;
}

OwnRecords FiguresOfUnits(db::Session& s, Id campaign_id, const std::vector<Id>& units) {
  OwnRecords out;
  StatisticsRow& f = out.figures;
  for (Id unit : units) {
    {
      soci::rowset<soci::row> rs =
          (s.sql().prepare << "SELECT open_to_public, place_kind, partner, enterprises FROM "
                              "activities WHERE campaign_id = :c AND unit_id = :u AND status = "
                              "'published'",
           soci::use(campaign_id), soci::use(unit));
      for (const auto& r : rs) {
        out.held = true;
        if (db::Int(r, 0) != 0 && db::Str(r, 1) != "online") ++f.projects;
        for (std::size_t col : {2u, 3u}) {
          for (auto& name : EnterpriseNames(db::Str(r, col))) out.enterprises.insert(name);
        }
      }
    }
    for (const char* source :
         {"SELECT activity_id, category, people FROM checkins WHERE result = 'ok'",
          "SELECT activity_id, category, delta AS people FROM walkins"}) {
      soci::rowset<soci::row> rs =
          (s.sql().prepare << "SELECT p.category, SUM(p.people) FROM (" << source
                           << ") p JOIN activities a ON a.id = p.activity_id WHERE a.campaign_id "
                              "= :c AND a.unit_id = :u AND a.status = 'published' GROUP BY "
                              "p.category",
           soci::use(campaign_id), soci::use(unit));
      for (const auto& r : rs) {
        std::string category = db::Str(r, 0);
        std::int64_t n = db::Int(r, 1);
        f.total += n;
        if (category == "staff") f.teachers += n;
        if (category == "student") f.students += n;
      }
    }
    soci::rowset<soci::row> rs =
        (s.sql().prepare << "SELECT level, COUNT(*) FROM media_reports WHERE campaign_id = :c "
                            "AND unit_id = :u GROUP BY level",
         soci::use(campaign_id), soci::use(unit));
    for (const auto& r : rs) {
      std::string level = db::Str(r, 0);
      std::int64_t n = db::Int(r, 1);
      (level == "provincial" ? f.media_provincial
       : level == "city"     ? f.media_city
                             : f.media_county) += n;
    }
  }
  f.enterprises = static_cast<std::int64_t>(out.enterprises.size());
  return out;
}

Result<MediaReportInput> ParseMediaReportInput(const json::object& body) {
  FieldReader in(body);
  MediaReportInput m;
  m.unit_id = in.RequiredInt("unit_id", "报送单位", 1, INT64_MAX);
  m.activity_id = in.OptionalInt("activity_id", "相关活动", 1, INT64_MAX);
  m.outlet = in.RequiredString("outlet", "媒体名称", 60);
  m.level = in.RequiredEnum("level", "媒体级别", kLevels);
  m.title = in.RequiredString("title", "报道标题", 200);
  std::string date = in.RequiredString("published_on", "报道日期", 20);
  m.url = in.String("url", "报道链接", 500);
  VW_RETURN_IF_ERROR(in.status());
  auto d = timeutil::ParseDate(date, "published_on", "报道日期");
  if (!d) return d.error();
  m.published_on = *d;
  if (!m.url.empty() && m.url.rfind("http://", 0) != 0 && m.url.rfind("https://", 0) != 0) {
    return Error::Invalid("url", "报道链接应以 http:// 或 https:// 开头");
  }
  return m;
}

json::object ToJson(const MediaReport& m) {
  return {{"id", m.id},
          {"campaign_id", m.campaign_id},
          {"unit_id", m.unit_id},
          {"unit_name", m.unit_name},
          {"activity_id", m.activity_id ? json::value(*m.activity_id) : json::value(nullptr)},
          {"outlet", m.outlet},
          {"level", m.level},
          {"title", m.title},
          {"published_on", m.published_on},
          {"url", m.url},
          {"created_at", timeutil::UtcToApi(m.created_at)}};
}

json::object ToJson(const Statistics& s) {
  json::array rows;
  for (const auto& r : s.rows) rows.push_back(ToJson(r));
  return {{"unit_name", s.unit_name},
          {"campaign_name", s.campaign_name},
          {"rows", std::move(rows)},
          {"total", ToJson(s.total)}};
}

Result<MediaReport> ReportingService::AddMediaReport(const Principal& p, Id campaign_id,
                                                     const MediaReportInput& in) {
  db::Session s(db_);
  db::Transaction tx(s);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, in.unit_id, kEditors));
  int campaigns = 0;
  s.sql() << "SELECT COUNT(*) FROM campaigns WHERE id = :c", soci::use(campaign_id),
      soci::into(campaigns);
  if (campaigns == 0) return Error::NotFound("活动周不存在");
  std::string now = timeutil::NowUtc();
  std::optional<Id> by = p.user_id > 0 ? std::optional<Id>(p.user_id) : std::nullopt;
  Id id = 0;
  s.sql() << "INSERT INTO media_reports (campaign_id, unit_id, activity_id, outlet, level, title, "
             "published_on, url, created_by, created_at) VALUES (:c, :u, :a, :o, :l, :t, :d, "
             ":url, :by, :now) RETURNING id",
      soci::use(campaign_id), soci::use(in.unit_id), soci::use(in.activity_id),
      soci::use(in.outlet), soci::use(in.level), soci::use(in.title), soci::use(in.published_on),
      soci::use(in.url), soci::use(by), soci::use(now), soci::into(id);
  audit::Record(s, p,
                {"create", "media_report", id, in.unit_id,
                 "登记媒体报道“" + in.title + "”（" + in.outlet + "）", nullptr});
  std::string unit_name;
  s.sql() << "SELECT name FROM units WHERE id = :u", soci::use(in.unit_id), soci::into(unit_name);
  tx.Commit();
  return MediaReport{id,        campaign_id, in.unit_id, unit_name,       in.activity_id,
                     in.outlet, in.level,    in.title,   in.published_on, in.url,
                     now};
}

Result<std::vector<MediaReport>> ReportingService::MediaReports(const Principal& p, Id campaign_id,
                                                                Id unit_id) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id));
  std::vector<MediaReport> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT m.id, m.campaign_id, m.unit_id, u.name, m.activity_id, "
                          "m.outlet, m.level, m.title, m.published_on, m.url, m.created_at FROM "
                          "media_reports m JOIN units u ON u.id = m.unit_id JOIN unit_closure c "
                          "ON c.descendant_id = m.unit_id AND c.ancestor_id = :u WHERE "
                          "m.campaign_id = :c ORDER BY m.published_on DESC, m.id DESC",
       soci::use(unit_id), soci::use(campaign_id));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), db::Int(r, 1), db::Int(r, 2), db::Str(r, 3), db::OptInt(r, 4),
                   db::Str(r, 5), db::Str(r, 6), db::Str(r, 7), db::Str(r, 8), db::Str(r, 9),
                   db::Str(r, 10)});
  }
  return out;
}

Status ReportingService::DeleteMediaReport(const Principal& p, Id id) {
  db::Session s(db_);
  db::Transaction tx(s);
  Id unit = 0;
  std::string title;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT unit_id, title FROM media_reports WHERE id = :id", soci::use(id),
      soci::into(unit, ind), soci::into(title);
  if (ind != soci::i_ok) return Error::Forbidden();
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit, kEditors));
  s.sql() << "DELETE FROM media_reports WHERE id = :id", soci::use(id);
  audit::Record(s, p, {"delete", "media_report", id, unit, "删除媒体报道“" + title + "”", nullptr});
  tx.Commit();
  return Ok();
}

Result<Statistics> ReportingService::StatisticsOf(const Principal& p, Id campaign_id, Id unit_id) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id));
  return ComputeStatistics(s, campaign_id, unit_id);
}

Result<std::pair<std::string, std::string>> ReportingService::StatisticsWorkbook(const Principal& p,
                                                                                 Id campaign_id,
                                                                                 Id unit_id) {
  VW_TRY(st, StatisticsOf(p, campaign_id, unit_id));
  StatisticsSheet opts;
  {
    db::Session s(db_);
    opts.note = NoticeText(s, campaign_id, "statistics_note");
  }
  VW_TRY(bytes, StatisticsXlsx(st, st.year, opts));
  return std::pair{StatisticsTitle(st, st.year), std::move(bytes)};
}

Result<Statistics> ComputeStatistics(db::Session& s, Id campaign_id, Id unit_id) {
  Statistics out;
  {
    soci::indicator ind = soci::i_null;
    s.sql() << "SELECT name, year FROM campaigns WHERE id = :c", soci::use(campaign_id),
        soci::into(out.campaign_name, ind), soci::into(out.year);
    if (ind != soci::i_ok) return Error::NotFound("活动周不存在");
  }

  // Every unit of the subtree: which row it counts for (the direct child it
  // lies under, or the unit itself), its kind's category and enrolment.
  struct Member {
    Id row = 0;
    std::string category;
    std::int64_t enrolled = 0;
  };
  std::map<Id, Member> members;
  std::map<Id, std::size_t> row_index;
  std::string own_category;
  std::int64_t own_enrolled = 0;
  {
    soci::rowset<soci::row> rs =
        (s.sql().prepare
             << "SELECT u.id, COALESCE((SELECT c2.ancestor_id FROM unit_closure c2 JOIN units u2 "
                "ON u2.id = c2.ancestor_id WHERE c2.descendant_id = u.id AND u2.parent_id = :p), "
                "u.id), k.category, u.enrolled_students, u.name, u.parent_id, u.active FROM units "
                "u JOIN unit_kinds k ON k.code = u.kind JOIN unit_closure c ON c.descendant_id = "
                "u.id AND c.ancestor_id = :u ORDER BY u.sort_order, u.id",
         soci::use(unit_id), soci::use(unit_id));
    std::vector<StatisticsRow> children;
    for (const auto& r : rs) {
      Id id = db::Int(r, 0);
      members[id] = {db::Int(r, 1), db::Str(r, 2), db::Int(r, 3)};
      if (id == unit_id) {
        out.unit_name = db::Str(r, 4);
        own_category = db::Str(r, 2);
        own_enrolled = db::Int(r, 3);
      } else if (db::OptInt(r, 5) == unit_id && db::Int(r, 6) != 0) {
        StatisticsRow row;
        row.unit_id = id;
        row.unit_name = db::Str(r, 4);
        children.push_back(row);
      }
    }
    StatisticsRow own;
    own.unit_id = unit_id;
    own.unit_name = out.unit_name + "（本单位）";
    out.rows.push_back(own);
    for (auto& c : children) out.rows.push_back(std::move(c));
    for (std::size_t i = 0; i < out.rows.size(); ++i) row_index[out.rows[i].unit_id] = i;
  }
  auto row_of = [&](Id unit) -> StatisticsRow* {
    auto m = members.find(unit);
    if (m == members.end()) return nullptr;
    auto i = row_index.find(m->second.row);
    return i == row_index.end() ? nullptr : &out.rows[i->second];
  };
  auto is_school_or_below = [](const std::string& category) {
    return category == "school" || category == "department";
  };

  // Enrolment: a school's (or a college's) own figure; above schools, the
  // sum over the schools of the subtree.
  for (auto& row : out.rows) {
    if (row.unit_id == unit_id) continue;
    const Member& m = members[row.unit_id];
    if (is_school_or_below(m.category)) {
      row.enrolled = m.enrolled;
    } else {
      for (const auto& [id, member] : members) {
        if (member.row == row.unit_id && member.category == "school")
          row.enrolled += member.enrolled;
      }
    }
  }
  if (is_school_or_below(own_category)) {
    out.total.enrolled = own_enrolled;
  } else {
    for (const auto& [id, member] : members) {
      if (member.category == "school") out.total.enrolled += member.enrolled;
    }
  }

  // Held activities: schools, enterprises, projects.
  std::map<std::size_t, std::set<Id>> schools;
  std::map<std::size_t, std::set<std::string>> enterprises;
  std::set<Id> all_schools;
  std::set<std::string> all_enterprises;
  {
    soci::rowset<soci::row> rs =
        (s.sql().prepare
             << "SELECT a.unit_id, a.open_to_public, a.place_kind, a.partner, a.enterprises, "
             << org::NearestSchoolSql("a.unit_id")
             << " FROM activities a "
                "JOIN unit_closure c ON c.descendant_id = a.unit_id AND c.ancestor_id = :u WHERE "
                "a.campaign_id = :c AND a.status = 'published'",
         soci::use(unit_id), soci::use(campaign_id));
    for (const auto& r : rs) {
      StatisticsRow* row = row_of(db::Int(r, 0));
      if (!row) continue;
      std::size_t i = static_cast<std::size_t>(row - out.rows.data());
      if (db::Int(r, 1) != 0 && db::Str(r, 2) != "online") ++row->projects;
      if (auto school = db::OptInt(r, 5)) {
        schools[i].insert(*school);
        all_schools.insert(*school);
      }
      for (std::size_t col : {3u, 4u}) {
        for (auto& name : EnterpriseNames(db::Str(r, col))) {
          enterprises[i].insert(name);
          all_enterprises.insert(std::move(name));
        }
      }
    }
  }
  for (auto& [i, set] : schools) out.rows[i].schools = static_cast<std::int64_t>(set.size());
  for (auto& [i, set] : enterprises)
    out.rows[i].enterprises = static_cast<std::int64_t>(set.size());

  // People: admitting scans and walk-ins by category, at held activities.
  auto add_people = [&](Id unit, const std::string& category, std::int64_t n) {
    StatisticsRow* row = row_of(unit);
    if (!row) return;
    row->total += n;
    if (category == "staff") row->teachers += n;
    if (category == "student") row->students += n;
  };
  // Both tables hold (activity, category, people): admitting scans and walk-ins.
  for (const char* source :
       {"SELECT activity_id, category, people FROM checkins WHERE result = 'ok'",
        "SELECT activity_id, category, delta AS people FROM walkins"}) {
    soci::rowset<soci::row> rs =
        (s.sql().prepare << "SELECT a.unit_id, p.category, SUM(p.people) FROM (" << source
                         << ") p JOIN activities a ON a.id = "
                            "p.activity_id JOIN unit_closure c ON c.descendant_id = a.unit_id AND "
                            "c.ancestor_id = :u WHERE a.campaign_id = :c AND a.status = "
                            "'published' GROUP BY a.unit_id, p.category",
         soci::use(unit_id), soci::use(campaign_id));
    for (const auto& r : rs) add_people(db::Int(r, 0), db::Str(r, 1), db::Int(r, 2));
  }

  // Media reports by level.
  {
    soci::rowset<soci::row> rs =
        (s.sql().prepare << "SELECT m.unit_id, m.level, COUNT(*) FROM media_reports m JOIN "
                            "unit_closure c ON c.descendant_id = m.unit_id AND c.ancestor_id = :u "
                            "WHERE m.campaign_id = :c GROUP BY m.unit_id, m.level",
         soci::use(unit_id), soci::use(campaign_id));
    for (const auto& r : rs) {
      StatisticsRow* row = row_of(db::Int(r, 0));
      if (!row) continue;
      std::string level = db::Str(r, 1);
      std::int64_t n = db::Int(r, 2);
      (level == "provincial" ? row->media_provincial
       : level == "city"     ? row->media_city
                             : row->media_county) += n;
    }
  }

  // The total row: sums, distinct sets, coverage from the sums.
  for (auto& row : out.rows) {
    row.coverage = CoveragePercent(row.students, row.enrolled);
    out.total.teachers += row.teachers;
    out.total.students += row.students;
    out.total.total += row.total;
    out.total.projects += row.projects;
    out.total.media_provincial += row.media_provincial;
    out.total.media_city += row.media_city;
    out.total.media_county += row.media_county;
  }
  out.total.unit_name = "合计";
  out.total.schools = static_cast<std::int64_t>(all_schools.size());
  out.total.enterprises = static_cast<std::int64_t>(all_enterprises.size());
  out.total.coverage = CoveragePercent(out.total.students, out.total.enrolled);
  // The unit's own row only when it has records of its own.
  const StatisticsRow& own = out.rows.front();
  if (own.total == 0 && own.projects == 0 && own.schools == 0 && own.enterprises == 0 &&
      own.media_provincial + own.media_city + own.media_county == 0) {
    out.rows.erase(out.rows.begin());
  }
  return out;
}

}  // namespace vw::reporting
