#include <cmath>
#include <map>
#include <set>

#include "audit/audit.h"
#include "core/crypto.h"
#include "core/json.h"
#include "core/time.h"
#include "reporting/media_store.h"
#include "reporting/records_store.h"
#include "reporting/reporting.h"
#include "reporting/statistics_store.h"
#include "reporting/submission_store.h"
#include "reporting/submissions.h"

namespace vw::reporting {
namespace {

namespace json = boost::json;

// central (中央级) is a level of its own; annex 5 counts it with the
// provincial ones (省级及以上).
const std::vector<std::string> kLevels = {"central", "provincial", "city", "county"};
const std::vector<std::string> kChannels = {"media", "own"};
constexpr RoleSet kEditors{Role::kUnitAdmin, Role::kOrganiser, Role::kPublicity};

Error StaleMediaReport() {
  return Error::Conflict("这条媒体报道已被他人修改或删除，请刷新后重试", "version");
}

// Conflict when `m` repeats a report of its chain (media_store.h).
Status RequireNotDuplicate(db::Session& s, const MediaReport& m) {
  auto same = store::DuplicateMediaReport(s, m);
  if (!same) return Ok();
  bool link = !m.url.empty() && same->url == m.url;
  return Error::Conflict(same->unit_name + "已登记过" +
                             (link ? "同一链接的报道" : "同一媒体的同名报道") + "“" + same->title +
                             "”（" + same->outlet + "，" + same->published_on + "），不必重复登记",
                         link ? "url" : "title");
}

// The linked activity (when any) is the campaign's and run by the report's
// unit or a unit below it; a forged id is refused like any other.
Status RequireActivityOfUnit(db::Session& s, const MediaReport& m) {
  if (!m.activity_id || store::ActivityUnder(s, m.campaign_id, *m.activity_id, m.unit_id)) {
    return Ok();
  }
  return Error::Invalid("activity_id", "相关活动应是报送单位或其下级单位在本届活动周的活动");
}

}  // namespace

PersonKey PersonKeyOf(Id campaign_id, std::string_view identity) {
  std::string text = "vocweek person\n" + std::to_string(campaign_id) + "\n";
  text += identity;
  // Sha256Hex is 64 hex digits; the key is its first 32.
  return *PersonKey::FromHex(std::string_view(Sha256Hex(text)).substr(0, 32));
}

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

namespace {

// Adds media reports of `level` to the row's figure of that level (central
// ones to 省级及以上).
void AddMedia(StatisticsRow& f, const std::string& level, std::int64_t n) {
  (level == "provincial" || level == "central" ? f.media_provincial
   : level == "city"                           ? f.media_city
                                               : f.media_county) += n;
}

// What tells a name apart from spacing: the text without ASCII or
// ideographic (U+3000) spaces.
std::string WithoutSpaces(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\u3000") == 0) {
      i += 2;
    } else if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n') {
      out.push_back(text[i]);
    }
  }
  return out;
}

// Who came in one attendance record: the keys of the people it names (a
// registration's mobile, a group's roster names with the group's school)
// and how many more it admitted or counted without a name (a group without
// a roster, walk-ins, an off-campus filing's head counts).
struct Attendees {
  std::vector<PersonKey> keys;
  std::int64_t heads = 0;
};
Attendees Identify(Id campaign_id, const store::Attendance& a) {
  Attendees out;
  out.heads = a.people;
  if (a.registration_id && a.kind == "group") {
    // Names alone are not enough: the school tells two 张伟 apart, and one
    // school's 张伟 in two rosters is one person.
    std::string school = WithoutSpaces(a.school);
    std::size_t begin = 0;
    while (out.heads > 0 && begin < a.roster.size()) {
      std::size_t end = a.roster.find('\n', begin);
      if (end == std::string::npos) end = a.roster.size();
      std::string name = WithoutSpaces(std::string_view(a.roster).substr(begin, end - begin));
      begin = end + 1;
      if (name.empty()) continue;
      std::string identity = "n:";
      identity.append(school).append("\n").append(name);
      out.keys.push_back(PersonKeyOf(campaign_id, identity));
      --out.heads;
    }
  } else if (a.registration_id && out.heads > 0) {
    std::string mobile = WithoutSpaces(a.mobile);
    out.keys.push_back(PersonKeyOf(
        campaign_id, mobile.empty() ? "t:" + std::to_string(*a.registration_id) : "m:" + mobile));
    --out.heads;
  }
  return out;
}

// The people of some held activities, counted as people, not visits: who
// can be told apart counts once however many activities they came to; the
// rest count as many as were admitted or counted.
class PeopleTally {
 public:
  void Add(const std::string& category, const Attendees& who) {
    for (const PersonKey& key : who.keys) {
      if (category == "staff") people_.staff.push_back(key);
      if (category == "student") people_.students.push_back(key);
      people_.everyone.push_back(key);
    }
    if (category == "staff") people_.staff_heads += who.heads;
    if (category == "student") people_.student_heads += who.heads;
    people_.heads += who.heads;
  }
  // The people counted so far, settled.
  DistinctPeople Result() const {
    DistinctPeople out = people_;
    out.Settle();
    return out;
  }

 private:
  DistinctPeople people_;
};

bool IsProject(const store::HeldActivity& a) {
  return a.open_to_public && a.place_kind != "online";
}

}  // namespace

OwnRecords FiguresOfUnits(db::Session& s, Id campaign_id, const std::vector<Id>& units) {
  OwnRecords out;
  StatisticsRow& f = out.figures;
  PeopleTally people;
  for (Id unit : units) {
    bool held = false;
    for (const auto& a : store::HeldActivitiesOf(s, campaign_id, unit)) {
      out.held = held = true;
      if (IsProject(a)) ++f.projects;
      for (const std::string* text : {&a.partner, &a.enterprises}) {
        for (auto& name : EnterpriseNames(*text)) out.enterprises.insert(name);
      }
    }
    // Attendance only comes from held activities.
    if (held) {
      for (const auto& a : store::AttendanceOf(s, campaign_id, unit))
        people.Add(a.category, Identify(campaign_id, a));
    }
    for (const auto& m : store::MediaCountsOf(s, campaign_id, unit))
      AddMedia(f, m.level, m.reports);
  }
  out.people = people.Result();
  out.people.Into(f);
  f.enterprises = static_cast<std::int64_t>(out.enterprises.size());
  return out;
}

Result<MediaReportInput> ParseMediaReportInput(const json::object& body) {
  FieldReader in(body);
  MediaReportInput m;
  m.unit_id = in.RequiredInt("unit_id", "报送单位", 1, INT64_MAX);
  m.activity_id = in.OptionalInt("activity_id", "相关活动", 1, INT64_MAX);
  if (in.Has("channel")) m.channel = in.RequiredEnum("channel", "报道类型", kChannels);
  bool own = m.channel == "own";
  m.outlet = in.RequiredString("outlet", own ? "发布渠道" : "媒体名称", 60);
  if (!own) m.level = in.RequiredEnum("level", "媒体级别", kLevels);
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
          {"activity_title", m.activity_title},
          {"outlet", m.outlet},
          {"level", m.level},
          {"title", m.title},
          {"published_on", m.published_on},
          {"url", m.url},
          {"channel", m.channel},
          {"version", m.version},
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
  if (!store::LoadCampaign(s, campaign_id)) return Error::NotFound("活动周不存在");
  std::optional<Id> by = p.user_id > 0 ? std::optional<Id>(p.user_id) : std::nullopt;
  MediaReport m{0,        campaign_id, in.unit_id,      "",     in.activity_id,     in.outlet,
                in.level, in.title,    in.published_on, in.url, timeutil::NowUtc(), in.channel};
  VW_RETURN_IF_ERROR(RequireActivityOfUnit(s, m));
  VW_RETURN_IF_ERROR(RequireNotDuplicate(s, m));
  m.id = store::InsertMediaReport(s, m, by);
  audit::Record(s, p,
                {"create", "media_report", m.id, in.unit_id,
                 "登记媒体报道“" + in.title + "”（" + in.outlet + "）", nullptr});
  auto stored = store::FindMediaReport(s, m.id);
  tx.Commit();
  return stored ? *stored : m;
}

Result<std::vector<MediaReport>> ReportingService::MediaReports(const Principal& p, Id campaign_id,
                                                                Id unit_id) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id));
  return store::MediaReportsUnder(s, campaign_id, unit_id);
}

Result<MediaReport> ReportingService::UpdateMediaReport(const Principal& p, Id id, int version,
                                                        const MediaReportInput& in) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto current = store::FindMediaReport(s, id);
  if (!current) return Error::Forbidden();
  VW_RETURN_IF_ERROR(scope_.Require(s, p, current->unit_id, kEditors));
  if (in.unit_id != current->unit_id) {
    VW_RETURN_IF_ERROR(scope_.Require(s, p, in.unit_id, kEditors));
  }
  if (current->version != version) return StaleMediaReport();
  MediaReport m = *current;
  m.unit_id = in.unit_id;
  m.activity_id = in.activity_id;
  m.outlet = in.outlet;
  m.level = in.level;
  m.title = in.title;
  m.published_on = in.published_on;
  m.url = in.url;
  m.channel = in.channel;
  VW_RETURN_IF_ERROR(RequireActivityOfUnit(s, m));
  VW_RETURN_IF_ERROR(RequireNotDuplicate(s, m));
  if (!store::UpdateMediaReport(s, m, version)) return StaleMediaReport();
  auto stored = store::FindMediaReport(s, id);
  json::object detail;
  auto id_or_null = [](std::optional<Id> v) { return v ? json::value(*v) : json::value(nullptr); };
  audit::Diff(detail, "unit_id", json::value(current->unit_id), json::value(m.unit_id));
  audit::Diff(detail, "activity_id", id_or_null(current->activity_id), id_or_null(m.activity_id));
  // The titles too, so the history reads as people know the activity.
  if (stored) {
    audit::Diff(detail, "activity", json::value(current->activity_title),
                json::value(stored->activity_title));
  }
  audit::Diff(detail, "channel", json::value(current->channel), json::value(m.channel));
  audit::Diff(detail, "outlet", json::value(current->outlet), json::value(m.outlet));
  audit::Diff(detail, "level", json::value(current->level), json::value(m.level));
  audit::Diff(detail, "title", json::value(current->title), json::value(m.title));
  audit::Diff(detail, "published_on", json::value(current->published_on),
              json::value(m.published_on));
  audit::Diff(detail, "url", json::value(current->url), json::value(m.url));
  audit::Record(
      s, p,
      {"update", "media_report", id, m.unit_id, "修改媒体报道“" + m.title + "”（" + m.outlet + "）",
       detail.empty() ? json::value(nullptr) : json::value(std::move(detail))});
  tx.Commit();
  if (!stored) return StaleMediaReport();
  return *stored;
}

Result<std::vector<audit::Row>> ReportingService::MediaReportHistory(const Principal& p, Id id) {
  db::Session s(db_);
  auto report = store::FindMediaReport(s, id);
  if (!report) return Error::Forbidden();
  VW_RETURN_IF_ERROR(scope_.Require(s, p, report->unit_id));
  return audit::ForEntity(s, "media_report", id);
}

Status ReportingService::DeleteMediaReport(const Principal& p, Id id, std::optional<int> version) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto report = store::FindMediaReport(s, id);
  if (!report) return Error::Forbidden();
  VW_RETURN_IF_ERROR(scope_.Require(s, p, report->unit_id, kEditors));
  if (!store::DeleteMediaReport(s, id, version)) return StaleMediaReport();
  audit::Record(s, p,
                {"delete", "media_report", id, report->unit_id,
                 "删除媒体报道“" + report->title + "”", nullptr});
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
  opts.unit = st.unit_name;
  {
    db::Session s(db_);
    FormContact contact = StatisticsFiller(s, campaign_id, unit_id);
    opts.filler = contact.person;
    opts.phone = contact.phone;
    opts.note = NoticeText(s, campaign_id, "statistics_note");
  }
  VW_TRY(bytes, StatisticsXlsx(st, st.year, opts));
  return std::pair{StatisticsTitle(st, st.year), std::move(bytes)};
}

Result<Statistics> ComputeStatistics(db::Session& s, Id campaign_id, Id unit_id) {
  Statistics out;
  {
    auto campaign = store::LoadCampaign(s, campaign_id);
    if (!campaign) return Error::NotFound("活动周不存在");
    out.campaign_name = campaign->name;
    out.year = static_cast<int>(campaign->year);
  }

  // Every unit of the subtree: which row it counts for (the direct child it
  // lies under, or the unit itself), its kind's category and enrolment.
  std::map<Id, store::SubtreeMember> members;
  std::map<Id, std::size_t> row_index;
  std::string own_category;
  std::int64_t own_enrolled = 0;
  {
    std::vector<StatisticsRow> children;
    for (auto& m : store::SubtreeMembers(s, unit_id)) {
      if (m.id == unit_id) {
        out.unit_name = m.name;
        own_category = m.category;
        own_enrolled = m.enrolled;
      } else if (m.parent_id == unit_id && m.active && m.row == m.id) {
        // A reporting child has a row; an office counts in the unit's own.
        StatisticsRow row;
        row.unit_id = m.id;
        row.unit_name = m.name;
        children.push_back(row);
      }
      Id id = m.id;
      members[id] = std::move(m);
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

  // Enrolment: a school's (or a college's) own figure; above schools, the
  // sum over the schools of the subtree.
  for (auto& row : out.rows) {
    if (row.unit_id == unit_id) continue;
    const store::SubtreeMember& m = members[row.unit_id];
    if (store::IsSchoolOrBelow(m.category)) {
      row.enrolled = m.enrolled;
    } else {
      for (const auto& [id, member] : members) {
        if (member.row == row.unit_id && member.category == "school")
          row.enrolled += member.enrolled;
      }
    }
  }

  // Held activities: schools, enterprises, projects.
  std::map<std::size_t, std::set<Id>> schools;
  std::map<std::size_t, std::set<std::string>> enterprises;
  std::set<Id> all_schools;
  std::set<std::string> all_enterprises;
  bool held = false;
  for (const auto& a : store::HeldActivitiesUnder(s, campaign_id, unit_id)) {
    held = true;
    StatisticsRow* row = row_of(a.unit_id);
    if (!row) continue;
    std::size_t i = static_cast<std::size_t>(row - out.rows.data());
    if (IsProject(a)) ++row->projects;
    if (a.school) {
      schools[i].insert(*a.school);
      all_schools.insert(*a.school);
    }
    for (const std::string* text : {&a.partner, &a.enterprises}) {
      for (auto& name : EnterpriseNames(*text)) {
        enterprises[i].insert(name);
        all_enterprises.insert(std::move(name));
      }
    }
  }
  for (auto& [i, set] : schools) out.rows[i].schools = static_cast<std::int64_t>(set.size());
  for (auto& [i, set] : enterprises)
    out.rows[i].enterprises = static_cast<std::int64_t>(set.size());

  // People: once each per row and once each in the total.
  // Attendance only comes from held activities: none held, nobody to count
  // (a subtree that held nothing skips the three queries).
  std::map<std::size_t, PeopleTally> people;
  PeopleTally all_people;
  std::vector<store::Attendance> attendance;
  if (held) attendance = store::AttendanceUnder(s, campaign_id, unit_id);
  for (const auto& a : attendance) {
    StatisticsRow* row = row_of(a.unit_id);
    if (!row) continue;
    Attendees who = Identify(campaign_id, a);
    people[static_cast<std::size_t>(row - out.rows.data())].Add(a.category, who);
    all_people.Add(a.category, who);
  }
  for (const auto& [i, tally] : people) tally.Result().Into(out.rows[i]);
  // Media reports by level.
  for (const auto& m : store::MediaCountsUnder(s, campaign_id, unit_id)) {
    if (StatisticsRow* row = row_of(m.unit_id)) AddMedia(*row, m.level, m.reports);
  }

  // The total row: every count of the annex-5 field table adds up over the
  // rows and the ratios are recomputed from the sums; but schools,
  // enterprises and people are distinct sets (a school reached through two
  // rows is one school), and the enrolment is the subtree's.
  for (auto& row : out.rows) {
    RecomputeRatios(row);
    AddFigures(out.total, row);
  }
  out.total.unit_name = "合计";
  out.total.schools = static_cast<std::int64_t>(all_schools.size());
  out.total.enterprises = static_cast<std::int64_t>(all_enterprises.size());
  all_people.Result().Into(out.total);
  out.total.enrolled = 0;
  if (store::IsSchoolOrBelow(own_category)) {
    out.total.enrolled = own_enrolled;
  } else {
    for (const auto& [id, member] : members) {
      if (member.category == "school") out.total.enrolled += member.enrolled;
    }
  }
  RecomputeRatios(out.total);
  // The unit's own row only when it has records of its own.
  const StatisticsRow& own = out.rows.front();
  bool own_has_records = false;
  for (const auto& f : kStatisticsFields) {
    if (f.member && own.*(f.member) != 0) own_has_records = true;
  }
  if (!own_has_records) out.rows.erase(out.rows.begin());
  return out;
}

}  // namespace vw::reporting
