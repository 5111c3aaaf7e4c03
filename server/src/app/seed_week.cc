// The played demo week (seed.h PlayDemoWeek): what people did during the
// 2025 campaign, written through the services the API uses, in the order
// and at the instants it happened (the clock is set to each step's instant),
// up to `until`. Everything is derived from the campaign's own days and a
// fixed generator seed, so two runs up to the same instant write the same
// people, check-ins, reports and forms (tickets' tokens and short codes are
// the registration service's own random secrets).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <functional>
#include <map>

#include "app/seed.h"
#include "campaign/campaign_store.h"
#include "core/time.h"
#include "org/scope.h"
#include "registration/registration.h"
#include "reporting/reporting.h"
#include "reporting/submissions.h"

namespace vw::seed {
namespace {

namespace json = boost::json;

// SplitMix64: the same numbers on every platform (std distributions are not).
class Generator {
 public:
  explicit Generator(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<std::uint64_t>(n)); }
  int Between(int lo, int hi) { return lo + Below(hi - lo + 1); }
  bool Chance(int percent) { return Below(100) < percent; }

 private:
  std::uint64_t state_;
};

constexpr std::uint64_t kWeekSeed = 20250511;

const std::array kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                              "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"};
const std::array kGivenNames = {"子涵", "欣怡", "浩然", "宇轩", "梓萱", "俊杰", "雨桐",
                                "思远", "嘉怡", "明轩", "诗涵", "博文", "一诺", "晨曦",
                                "佳琪", "天佑", "紫涵", "锦程", "若曦", "文博"};
const std::array kPupilSchools = {"光明小学", "向阳中学", "育才实验学校", "锦城第二中学"};

// A demo person: a name and a mobile of the reserved-looking demo range
// 199 0000 xxxx, numbered, so nobody real is named or called.
struct Person {
  std::string name;
  std::string mobile;
};
Person PersonNumber(Generator& g, int n) {
  std::string digits = std::to_string(10000 + n % 10000).substr(1);
  return {
      std::string(kSurnames[g.Below(kSurnames.size())]) + kGivenNames[g.Below(kGivenNames.size())],
      "1990000" + digits};
}

// The registration category of someone from an activity's audience.
std::string CategoryFor(const std::string& audience, Generator& g) {
  if (audience == "parents") return "parent";
  if (audience == "enterprises") return "enterprise";
  if (audience == "staff_students") return g.Chance(20) ? "staff" : "student";
  if (audience == "pupils") return g.Chance(50) ? "pupil_primary" : "pupil_secondary";
  return "public";
}

struct WeekActivity {
  Id id = 0;
  Id unit_id = 0;
  std::int64_t starts_at = 0;
  std::int64_t ends_at = 0;
  int capacity = 0;
  bool registration = false;
  bool online = false;  // nobody to count at a door
  std::vector<std::string> audiences;
};

std::vector<WeekActivity> HeldActivities(db::Session& s, Id campaign_id) {
  std::vector<WeekActivity> out;
  soci::rowset<soci::row> rows =
      (s.sql().prepare
           << "SELECT id, unit_id, starts_at, ends_at, capacity, "
              "registration_required, place_kind FROM activities WHERE campaign_id = :c AND "
              "status = 'published' ORDER BY starts_at, id",
       soci::use(campaign_id));
  for (const auto& r : rows) {
    WeekActivity a;
    a.id = db::Int(r, 0);
    a.unit_id = db::Int(r, 1);
    a.starts_at = *timeutil::ParseUtc(db::Str(r, 2));
    a.ends_at = *timeutil::ParseUtc(db::Str(r, 3));
    a.capacity = static_cast<int>(db::Int(r, 4));
    a.registration = db::Int(r, 5) != 0;
    a.online = db::Str(r, 6) == "online";
    out.push_back(a);
  }
  for (auto& a : out) {
    soci::rowset<std::string> codes =
        (s.sql().prepare << "SELECT audience FROM activity_audiences WHERE activity_id = :a "
                            "ORDER BY audience",
         soci::use(a.id));
    for (const auto& c : codes) a.audiences.push_back(c);
    if (a.audiences.empty()) a.audiences.push_back("public");
  }
  return out;
}

// Puts the real clock back however the week ends.
struct ClockBack {
  ~ClockBack() { timeutil::SetClockForTesting(std::nullopt); }
};

// Runs the steps of the week at their instants, skipping what lies after
// `until`; a step the service refuses is a bug in this seed.
class Week {
 public:
  explicit Week(std::int64_t until) : until_(until) {}
  bool Happened(std::int64_t at) const { return at <= until_; }
  template <typename Step>
  bool At(std::int64_t at, const std::string& what, Step step) {
    if (!Happened(at)) return false;
    timeutil::SetClockForTesting(at);
    Status done = step();
    if (!done) throw std::runtime_error("demo week, " + what + ": " + done.error().message);
    return true;
  }

 private:
  std::int64_t until_;
};

template <typename T>
Status Ok(const Result<T>& r) {
  if (!r) return r.error();
  return {};
}

struct Booked {
  Id id;
  std::string token;
  std::string short_code;
  std::string status;
  int head_count;
};

void Register(Week& week, Generator& g, registration::RegistrationService& registrations,
              const WeekActivity& a, int& next_person, PlayedWeek& played,
              std::vector<Booked>& booked) {
  // About four in five seats are taken, from four days before to the eve.
  int target = a.capacity * g.Between(70, 90) / 100;
  int people = 0;
  int n = 0;
  while (people < target) {
    json::object body;
    const std::string& audience = a.audiences[g.Below(a.audiences.size())];
    bool group = audience == "pupils" || (audience == "staff_students" && g.Chance(10));
    Person who = PersonNumber(g, next_person++);
    body["kind"] = group ? "group" : "person";
    body["name"] = who.name;
    body["mobile"] = who.mobile;
    body["consent"] = true;
    if (group) {
      int head = std::min(g.Between(15, 35), std::max(1, target - people));
      body["category"] = audience == "pupils" ? "pupil_secondary" : "student";
      body["school"] =
          audience == "pupils" ? kPupilSchools[g.Below(kPupilSchools.size())] : "四川科技职业学院";
      body["class_name"] =
          std::to_string(g.Between(1, 9)) + "年级" + std::to_string(g.Between(1, 6)) + "班";
      body["head_count"] = head;
    } else {
      body["category"] = CategoryFor(audience, g);
      if (body["category"] == "pupil_primary") {
        body["under_14"] = true;
        body["guardian_name"] = std::string(kSurnames[g.Below(kSurnames.size())]) + "女士";
      }
    }
    auto in = registration::ParseRegistrationInput(body);
    if (!in) throw std::runtime_error("demo registration: " + in.error().message);
    // Spread over the four days before, the last one two hours before the start.
    std::int64_t at = a.starts_at - 4 * 86400 +
                      (static_cast<std::int64_t>(n) * (4 * 86400 - 7200)) / std::max(1, target) +
                      g.Between(0, 3000);
    ++n;
    people += in->head_count;
    week.At(at, "registration", [&]() -> Status {
      // Each visitor from an address of their own (the per-address limit).
      auto r = registrations.Register(a.id, *in, "198.51.100." + std::to_string(n % 250));
      if (!r) return r.error();
      booked.push_back({r->id, r->token, r->short_code, r->status, r->head_count});
      ++played.registrations;
      return {};
    });
  }
}

// At the door: most come (by QR code, some read their short code aloud,
// a few are ticked on the list), some do not; then people without a
// ticket are counted by category.
void CheckIn(Week& week, Generator& g, registration::RegistrationService& registrations,
             const WeekActivity& a, const std::vector<Booked>& booked, PlayedWeek& played) {
  if (a.online) return;
  const Principal staff = Principal::System("seed");
  std::vector<registration::Scan> by_qr, by_code;
  std::vector<Id> by_hand;
  int i = 0;
  for (const auto& b : booked) {
    if (b.status != "confirmed" || g.Chance(15)) continue;  // a no-show
    registration::Scan scan;
    scan.scan_id = "demo-" + std::to_string(a.id) + "-" + std::to_string(b.id);
    // Scanned in the half hour before the start, uploaded at the door time below.
    scan.scanned_at = timeutil::FormatUtc(a.starts_at - 1800 + std::min(10 * i++, 1799));
    // A group may come short of a few.
    if (b.head_count > 3 && g.Chance(30)) scan.people = b.head_count - g.Between(1, 3);
    int way = g.Below(10);
    if (way < 7) {
      scan.token = b.token;
      by_qr.push_back(scan);
    } else if (way < 9) {
      scan.token = b.short_code;
      by_code.push_back(scan);
    } else {
      by_hand.push_back(b.id);
    }
  }
  auto count = [&](const Result<std::vector<registration::ScanResult>>& r) -> Status {
    if (!r) return r.error();
    for (const auto& x : *r) played.checked_in += x.people;
    return {};
  };
  std::int64_t door = a.starts_at + 600;
  if (!by_qr.empty()) {
    week.At(door, "check-in", [&] { return count(registrations.CheckIn(staff, a.id, by_qr)); });
  }
  if (!by_code.empty()) {
    week.At(door + 60, "check-in by code",
            [&] { return count(registrations.CheckIn(staff, a.id, by_code)); });
  }
  for (Id id : by_hand) {
    week.At(door + 120, "check-in by hand", [&]() -> Status {
      auto r = registrations.CheckInByHand(staff, a.id, id, "demo-hand-" + std::to_string(id));
      if (!r) return r.error();
      played.checked_in += r->people;
      return {};
    });
  }
  std::vector<registration::WalkinEvent> walkins;
  for (const auto& audience : a.audiences) {
    std::string category = CategoryFor(audience, g);
    int people = a.registration ? g.Between(3, 18) : g.Between(20, 120);
    walkins.push_back({"demo-walkin-" + std::to_string(a.id) + "-" + audience, category, people});
  }
  week.At(door + 1800, "walk-ins", [&]() -> Status {
    auto r = registrations.RecordWalkins(staff, a.id, walkins);
    if (!r) return r.error();
    return {};
  });
}

struct DemoReport {
  const char* unit;
  int day;  // 1..7, the day it was published; 8.. after the week
  const char* outlet;
  const char* level;  // central | provincial | city | county
  const char* title;
  const char* activity;  // title of the activity it is about, "" for none
};

// Media reports at every level (annex 5's media columns).
const DemoReport kReports[] = {
    {"四川省教育厅", 1, "中国教育报", "central", "成渝地区双城经济圈职业教育活动周启动",
     "2025年成渝地区双城经济圈职业教育活动周联合启动仪式"},
    {"四川省教育厅", 2, "四川日报", "provincial", "一技在手，一生无忧——四川职教活动周见闻",
     "成渝地区双城经济圈职业教育改革发展成果展示"},
    {"四川科技职业学院", 4, "四川教育新闻网", "provincial",
     "四川科技职业学院举办职教活动周集中展示日", "职教活动周集中展示日"},
    {"四川科技职业学院", 5, "新华网四川频道", "central", "毕业生校园招聘会提供岗位四百余个",
     "2025届毕业生校园招聘会"},
    {"智能制造学院", 2, "成都日报", "city", "中小学生走进智能制造实训基地",
     "中小学生走进智能制造实训基地"},
    {"信息工程学院", 3, "成都电视台", "city", "校企集中签约 共建现代产业学院",
     "校企集中签约暨产教融合成果展"},
    {"成都工业职业技术学院", 1, "四川日报", "provincial", "研讨职业教育体系建设改革",
     "职业教育体系建设改革研讨会"},
    {"成都市教育局", 2, "成都日报", "city", "成都中职学校开放日迎来中小学生", "职业体验开放日"},
    {"成都市财贸职业高级中学", 2, "锦江区融媒体中心", "county", "财贸职高职业体验开放日",
     "职业体验开放日"},
    {"绵阳职业技术学校", 6, "绵阳日报", "city", "职校师生走进社区修家电",
     "走进社区家电维修志愿服务"},
    {"宜宾职业技术学院", 7, "宜宾新闻网", "city", "酒文化与传统工艺走进活动周",
     "酒文化与传统工艺展示"},
    {"成都市技师学院", 5, "四川工人日报", "provincial", "技能展示暨创业达人秀精彩上演",
     "技能展示暨创业达人秀"},
};

struct FormStep {
  int day;  // after the campaign's first day (8 = the Monday after)
  int hour;
};

// The reporting forms' steps, each at its instant: day d of the campaign
// (1 = its first day; 0 and below before it, 8 and above after it) at an
// hour. A form is filled from what the service pre-fills (the statistics
// form's figures come from records), the information form with a contact.
class Forms {
 public:
  Forms(Week& week, reporting::SubmissionService& submissions, Id campaign_id,
        std::string first_day, std::function<Id(const std::string&)> unit, PlayedWeek& played)
      : week_(week),
        submissions_(submissions),
        campaign_id_(campaign_id),
        first_day_(std::move(first_day)),
        unit_(std::move(unit)),
        played_(played) {}

  void Draft(const std::string& form, int day, int hour, const std::string& name) {
    week_.At(When(day, hour), "save " + form + " " + name, [&] { return Ok(Save(form, name)); });
  }
  void Submit(const std::string& form, int day, int hour, const std::string& name) {
    week_.At(When(day, hour), "submit " + form + " " + name, [&]() -> Status {
      auto saved = Save(form, name);
      if (!saved) return saved.error();
      auto sent = submissions_.Submit(seed_, campaign_id_, form, unit_(name), saved->version);
      if (!sent) return sent.error();
      sent_[{form, name}] = *sent;
      ++played_.forms_submitted;
      return {};
    });
  }
  void Accept(const std::string& form, int day, int hour, const std::string& name) {
    week_.At(When(day, hour), "accept " + form + " " + name, [&]() -> Status {
      auto& f = sent_.at({form, name});
      auto r = submissions_.Accept(seed_, *f.id, f.version);
      if (!r) return r.error();
      f = *r;
      return {};
    });
  }
  void Return(const std::string& form, int day, int hour, const std::string& name,
              const std::string& comment) {
    week_.At(When(day, hour), "return " + form + " " + name, [&]() -> Status {
      auto& f = sent_.at({form, name});
      auto r = submissions_.Return(seed_, *f.id, comment, {}, f.version);
      if (!r) return r.error();
      f = *r;
      return {};
    });
  }
  void NotTakingPart(const std::string& form, int day, int hour, const std::string& name,
                     const std::string& reason) {
    week_.At(When(day, hour), "not participating " + name, [&] {
      return Ok(submissions_.MarkNotParticipating(seed_, campaign_id_, form, unit_(name), reason,
                                                  /*confirm=*/true));
    });
  }

 private:
  std::int64_t When(int day, int hour) const {
    return timeutil::ShanghaiToUnix(timeutil::AddDays(first_day_, day - 1), hour, 0);
  }
  Result<reporting::Submission> Save(const std::string& form, const std::string& name) {
    Id u = unit_(name);
    auto loaded = submissions_.Get(seed_, campaign_id_, form, u);
    if (!loaded) return loaded.error();
    json::object data = loaded->data;
    if (form == "info_form" && reporting::TextOf(data, "contact_person").empty()) {
      Person contact = PersonNumber(contacts_, 9000 + next_contact_++);
      data["contact_person"] = contact.name;
      data["position"] = "活动周联络员";
      data["mobile"] = contact.mobile;
      data["work_plan"] = "围绕七个主题日开展校园开放、职业体验、技能展示和志愿服务等活动。";
    }
    return submissions_.Save(seed_, campaign_id_, form, u, loaded->version, data);
  }

  Week& week_;
  reporting::SubmissionService& submissions_;
  Id campaign_id_;
  std::string first_day_;
  std::function<Id(const std::string&)> unit_;
  PlayedWeek& played_;
  const Principal seed_ = Principal::System("seed");
  Generator contacts_{kWeekSeed + 1};
  int next_contact_ = 0;
  std::map<std::pair<std::string, std::string>, reporting::Submission> sent_;
};

}  // namespace

Id UnitIdByName(db::Session& s, const std::string& name) {
  Id id = 0;
  soci::indicator ind = soci::i_ok;
  s.sql() << "SELECT MIN(id) FROM units WHERE name = :n", soci::use(name), soci::into(id, ind);
  if (ind != soci::i_ok) throw std::runtime_error("seed: no unit named " + name);
  return id;
}

Result<PlayedWeek> PlayDemoWeek(db::Database& db, std::int64_t until) {
  ClockBack clock_back;
  org::Scope scope(db);
  registration::RegistrationService registrations(db, scope);
  reporting::ReportingService reporting(db, scope);
  reporting::SubmissionService submissions(db, scope);
  const Principal seed = Principal::System("seed");

  Id campaign_id = 0;
  std::string first_day;
  std::map<std::string, Id> units;
  std::vector<WeekActivity> held;
  std::map<std::string, Id> activity_by_title;
  {
    db::Session s(db);
    db::Transaction tx(s);
    soci::indicator ind = soci::i_ok;
    s.sql() << "SELECT MIN(id) FROM campaigns WHERE year = 2025", soci::into(campaign_id, ind);
    if (ind != soci::i_ok) return Error::NotFound("没有2025年演示活动周");
    std::int64_t already = 0;
    s.sql() << "SELECT COUNT(*) FROM registrations r JOIN activities a ON a.id = r.activity_id "
               "WHERE a.campaign_id = :c",
        soci::use(campaign_id), soci::into(already);
    if (already > 0) return Error::Conflict("演示活动周已有报名记录，未再写入");
    AddWeekActivities(s, campaign_id);
    first_day = campaign::store::LoadDays(s, campaign_id).at(0).date;
    held = HeldActivities(s, campaign_id);
    soci::rowset<soci::row> titles =
        (s.sql().prepare << "SELECT title, id FROM activities WHERE campaign_id = :c",
         soci::use(campaign_id));
    for (const auto& r : titles) activity_by_title[db::Str(r, 0)] = db::Int(r, 1);
    tx.Commit();
  }
  auto unit = [&](const std::string& name) {
    auto it = units.find(name);
    if (it != units.end()) return it->second;
    db::Session s(db);
    return units[name] = UnitIdByName(s, name);
  };

  PlayedWeek played;
  played.activities = static_cast<int>(held.size());
  Week week(until);
  Generator g(kWeekSeed);
  int next_person = 1;

  // Registrations first (they come before the days), then each day's door.
  std::map<Id, std::vector<Booked>> booked;
  for (const auto& a : held) {
    if (a.registration) Register(week, g, registrations, a, next_person, played, booked[a.id]);
  }
  for (const auto& a : held) CheckIn(week, g, registrations, a, booked[a.id], played);

  for (const auto& r : kReports) {
    std::string date = timeutil::AddDays(first_day, r.day - 1);
    week.At(timeutil::ShanghaiToUnix(date, 18, 0), "media report", [&]() -> Status {
      reporting::MediaReportInput in;
      in.unit_id = unit(r.unit);
      if (*r.activity) in.activity_id = activity_by_title.at(r.activity);
      in.outlet = r.outlet;
      in.level = r.level;
      in.title = r.title;
      in.published_on = date;
      VW_RETURN_IF_ERROR(Ok(reporting.AddMediaReport(seed, campaign_id, in)));
      ++played.media_reports;
      return {};
    });
  }

  Forms forms(week, submissions, campaign_id, first_day, unit, played);

  // The information forms (annex 4) before the week: the colleges' by 12
  // May for 教务处, the schools' and cities' by 13 May for the province;
  // 宜宾职业技术学院 sends its form a day late.
  const std::string info = "info_form";
  for (const char* college :
       {"智能制造学院", "信息工程学院", "建筑与艺术学院", "经济管理学院", "健康护理学院"}) {
    forms.Submit(info, -1, 10, college);
    forms.Accept(info, 0, 9, college);
  }
  forms.Submit(info, 0, 15, "四川科技职业学院");
  forms.Submit(info, -1, 11, "成都市财贸职业高级中学");
  forms.Accept(info, 0, 10, "成都市财贸职业高级中学");
  forms.Submit(info, 1, 16, "成都市教育局");
  forms.Submit(info, 0, 10, "成都市技师学院");
  forms.Accept(info, 1, 9, "成都市技师学院");
  forms.Submit(info, 2, 14, "成都工业职业技术学院");
  forms.Accept(info, 2, 9, "四川科技职业学院");
  forms.Accept(info, 2, 10, "成都市教育局");
  forms.Submit(info, 4, 9, "宜宾职业技术学院");

  // The statistics forms (annex 5) after the week, up the chain.
  const std::string stats = "statistics";
  for (const char* college : {"智能制造学院", "信息工程学院", "建筑与艺术学院", "经济管理学院"}) {
    forms.Submit(stats, 9, 10, college);
  }
  forms.NotTakingPart(stats, 9, 15, "健康护理学院",
                      "本学院本次活动周未单独组织活动，随学校统一开展");
  for (const char* college : {"智能制造学院", "信息工程学院", "建筑与艺术学院"}) {
    forms.Accept(stats, 10, 9, college);
  }
  forms.Return(stats, 10, 10, "经济管理学院",
               "招聘会参会企业数与活动记录不一致，请核对后重新提交。");
  forms.Submit(stats, 11, 9, "经济管理学院");
  forms.Accept(stats, 11, 14, "经济管理学院");
  forms.Submit(stats, 12, 10, "四川科技职业学院");
  forms.Submit(stats, 10, 11, "成都市财贸职业高级中学");
  forms.Accept(stats, 11, 10, "成都市财贸职业高级中学");
  forms.Submit(stats, 12, 9, "成都市教育局");
  forms.Submit(stats, 10, 15, "绵阳职业技术学校");
  forms.Return(stats, 11, 16, "绵阳职业技术学校",
               "活动项目数与报送的活动方案不符，请补充说明后重新提交。");
  forms.Submit(stats, 11, 11, "成都工业职业技术学院");
  forms.Return(stats, 12, 15, "成都工业职业技术学院", "请补充媒体报道情况，并核对参与学生人数。");
  forms.Submit(stats, 10, 14, "成都市技师学院");
  forms.Accept(stats, 11, 15, "成都市技师学院");
  forms.Submit(stats, 12, 11, "成都市人力资源和社会保障局");
  forms.Submit(stats, 12, 16, "宜宾职业技术学院");  // awaiting the province's review
  forms.Draft(stats, 13, 9, "宜宾市高级技工学校");
  forms.Draft(stats, 13, 9, "绵阳市教育局");
  forms.NotTakingPart(stats, 13, 9, "雅安市教育局",
                      "本市活动周与“职业教育活动月”合并开展，统计另行报送");
  forms.Accept(stats, 13, 10, "四川科技职业学院");
  forms.Accept(stats, 13, 11, "成都市教育局");
  forms.Accept(stats, 13, 16, "成都市人力资源和社会保障局");

  {
    db::Session s(db);
    s.sql() << "SELECT COALESCE(SUM(w.delta), 0) FROM walkins w JOIN activities a ON a.id = "
               "w.activity_id WHERE a.campaign_id = :c",
        soci::use(campaign_id), soci::into(played.walkins);
  }
  spdlog::info(
      "demo week played up to {}: {} registrations, {} checked in, {} walk-ins, {} media "
      "reports, {} forms submitted",
      timeutil::FormatShanghaiIso(until), played.registrations, played.checked_in, played.walkins,
      played.media_reports, played.forms_submitted);
  return played;
}

}  // namespace vw::seed
