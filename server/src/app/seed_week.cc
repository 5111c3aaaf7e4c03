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
#include "app/seed_display.h"
#include "app/seed_notices.h"
#include "app/seed_pictures.h"
#include "app/seed_random.h"
#include "awards/awards.h"
#include "campaign/campaign_store.h"
#include "core/time.h"
#include "media/media_service.h"
#include "org/scope.h"
#include "publicity/publicity.h"
#include "registration/registration.h"
#include "reporting/reporting.h"
#include "reporting/submissions.h"

namespace vw::seed {
namespace {

namespace json = boost::json;

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

// ---------------------------------------------------------------------------
// Publicity: items of colleges and schools with drawn pictures, uploaded as
// a phone would (so they get their web size and thumbnail), then sent up
// the chain: submitted, accepted and recommended, pushed by the province
// with the outlets that published them, returned with a comment, published
// on the topic site with consent; one sent after the materials deadline.

struct DemoPicture {
  Scene scene;
  const char* banner;
  const char* caption;
};

struct DemoItem {
  const char* unit;
  const char* kind;
  const char* title;
  const char* body;
  const char* author;
  int day;  // created and submitted on day `day` at `hour`
  int hour;
  std::vector<DemoPicture> pictures;
  const char* activity = "";  // title of the activity it is about
  const char* video_url = "";
  bool has_people = false;
  bool minors = false;
  bool consent = false;
};

const std::vector<DemoItem>& DemoItems() {
  static const std::vector<DemoItem> items = {
      {"智能制造学院",
       "article",
       "中小学生走进智能制造实训基地",
       "5月12日，智能制造学院向成都市中小学生开放智能制造实训基地。在教师和学长的指导下，"
       "同学们体验了工业机器人示教编程、数控车床加工和三维打印，近距离感受现代制造业的魅力。"
       "学院还为家长们介绍了智能制造专业群的培养方案和就业去向。",
       "李明轩",
       2,
       17,
       {{Scene::kWorkshop, "智能制造实训基地", "中小学生体验工业机器人示教编程"}},
       "中小学生走进智能制造实训基地",
       "",
       true,
       true,
       true},
      {"智能制造学院",
       "photos",
       "智能制造学院活动周图集",
       "",
       "王子涵",
       4,
       18,
       {{Scene::kWorkshop, "数控加工实训中心", "学生演示数控车床加工"},
        {Scene::kWorkshop, "工业机器人实训室", "机器人装配技能展示"},
        {Scene::kBooth, "智能制造学院", "集中展示日学院展位"}},
       "",
       "",
       true,
       false,
       true},
      {"信息工程学院",
       "article",
       "校企集中签约 共建现代产业学院",
       "5月13日，信息工程学院与十二家企业集中签约，共建现代产业学院和实训基地，"
       "双方将在人才培养方案、课程开发、顶岗实习等方面深度合作。",
       "陈思远",
       3,
       17,
       {{Scene::kStage, "校企合作签约仪式", "信息工程学院与企业集中签约"}},
       "校企集中签约暨产教融合成果展",
       "",
       true,
       false,
       true},
      {"建筑与艺术学院",
       "photos",
       "非遗技艺走进校园",
       "",
       "赵雨桐",
       5,
       17,
       {{Scene::kBooth, "非遗技艺展示", "竹编与蜀绣技艺展示"},
        {Scene::kStage, "非遗文化展演", "学生表演川剧变脸"}},
       "",
       "",
       true,
       false,
       true},
      {"经济管理学院",
       "article",
       "毕业生校园招聘会侧记",
       "活动周期间，经济管理学院组织毕业生参加校园招聘会，一百二十余家企业提供岗位四百余个，"
       "现场达成就业意向一百六十余人。学院同步开展简历诊断和模拟面试。",
       "周博文",
       12,
       10,
       {{Scene::kBooth, "校园招聘会", "毕业生在招聘会现场咨询"}},
       "",
       "",
       true,
       false,
       true},
      {"四川科技职业学院",
       "case",
       "“校企双元、工学交替”产教融合育人典型案例",
       "学校以智能制造专业群为试点，与区域龙头企业共建产业学院，实行“校企双元、工学交替”的"
       "培养模式：企业工程师进课堂，学生进车间，课程内容对接岗位标准。三年来，试点专业学生"
       "职业技能等级证书获取率达百分之九十五，对口就业率明显提升，形成了可复制推广的经验。",
       "四川科技职业学院教务处",
       6,
       10,
       {},
       "",
       "",
       false,
       false,
       false},
      {"四川科技职业学院",
       "video",
       "职教活动周集中展示日回顾",
       "",
       "新媒体中心",
       4,
       20,
       {},
       "",
       "https://media.sctc.example.cn/2025/zhanshiri.html"},
      {"成都市财贸职业高级中学",
       "article",
       "财贸职高职业体验开放日迎来中小学生",
       "5月12日，成都市财贸职业高级中学举办职业体验开放日，三百余名中小学生走进校园，"
       "体验了咖啡制作、收银实务和电商直播，在动手实践中认识职业、了解职业教育。",
       "刘欣怡",
       2,
       19,
       {{Scene::kBooth, "职业体验开放日", "小学生体验咖啡制作"}},
       "",
       "",
       true,
       true,
       true},
      {"绵阳职业技术学校",
       "photos",
       "走进社区家电维修志愿服务",
       "",
       "杨浩然",
       6,
       19,
       {{Scene::kWorkshop, "家电维修志愿服务", "师生为社区居民维修家电"}},
       "走进社区家电维修志愿服务",
       "",
       true,
       false,
       false},
      {"成都市技师学院",
       "article",
       "技能展示暨创业达人秀精彩上演",
       "5月15日，成都市技师学院举办技能展示暨创业达人秀，学生们展示了烹饪、美发、汽车维修等"
       "技能，八个创业团队现场路演，吸引了众多市民和企业代表。",
       "黄俊杰",
       5,
       20,
       {{Scene::kStage, "技能展示暨创业达人秀", "创业团队现场路演"}},
       "技能展示暨创业达人秀",
       "",
       true,
       false,
       true},
  };
  return items;
}

// The items' steps, each at its instant, through the service the API uses.
class Publicity {
 public:
  Publicity(Week& week, publicity::PublicityService& items, media::MediaService& media,
            Id campaign_id, std::string first_day, std::map<int, Id> days,
            std::function<Id(const std::string&)> unit, std::map<std::string, Id> activities,
            Principal seed, PlayedWeek& played)
      : week_(week),
        items_(items),
        media_(media),
        campaign_id_(campaign_id),
        first_day_(std::move(first_day)),
        days_(std::move(days)),
        unit_(std::move(unit)),
        activities_(std::move(activities)),
        seed_(std::move(seed)),
        played_(played) {}

  // Uploads the item's pictures, creates and submits it.
  void CreateAndSubmit(const DemoItem& d) {
    week_.At(When(d.day, d.hour), std::string("publicity item ") + d.title, [&]() -> Status {
      publicity::ItemInput in;
      in.campaign_id = campaign_id_;
      in.unit_id = unit_(d.unit);
      in.kind = d.kind;
      in.title = d.title;
      in.body = d.body;
      in.author = d.author;
      if (d.day >= 1 && d.day <= 7) in.theme_day_id = days_.at(d.day);
      if (*d.activity) in.activity_id = activities_.at(d.activity);
      in.video_url = d.video_url;
      in.has_people = d.has_people;
      in.minors = d.minors;
      in.portrait_consent = d.consent;
      int n = 0;
      for (const DemoPicture& picture : d.pictures) {
        std::string png = DrawScene(picture.scene, picture.banner, picture.caption,
                                    kWeekSeed + 100 * (items_by_title_.size() + 1) + n++);
        VW_TRY(blob, UploadPicture(in.unit_id, std::string(picture.caption) + ".png", png));
        in.files.push_back({blob, picture.caption});
        ++played_.pictures;
      }
      VW_TRY(created, items_.Create(seed_, in));
      items_by_title_[d.title] = created;
      ++played_.publicity_items;
      return Keep(d.title, items_.Submit(seed_, ItemId(d.title), Version(d.title)));
    });
  }
  void Accept(const char* title, int day, int hour) {
    Step(title, day, hour, "accept",
         [&] { return items_.Accept(seed_, ItemId(title), Version(title), ""); });
  }
  void Recommend(const char* title, int day, int hour, const std::string& comment) {
    Step(title, day, hour, "recommend",
         [&] { return items_.Recommend(seed_, ItemId(title), Version(title), comment); });
  }
  void Return(const char* title, int day, int hour, const std::string& comment) {
    Step(title, day, hour, "return",
         [&] { return items_.Return(seed_, ItemId(title), Version(title), comment); });
  }
  void Push(const char* title, int day, int hour,
            const std::vector<std::pair<const char*, const char*>>& outlets) {
    Step(title, day, hour, "push", [&] {
      std::vector<publicity::Outlet> list;
      for (const auto& [outlet, level] : outlets) {
        list.push_back({outlet, level, timeutil::AddDays(first_day_, day - 1), ""});
      }
      played_.pushed_outlets += static_cast<int>(list.size());
      return items_.Push(seed_, ItemId(title), Version(title), list);
    });
  }
  void Publish(const char* title, int day, int hour) {
    Step(title, day, hour, "publish",
         [&] { return items_.Publish(seed_, ItemId(title), Version(title), true); });
  }

 private:
  std::int64_t When(int day, int hour) const {
    return timeutil::ShanghaiToUnix(timeutil::AddDays(first_day_, day - 1), hour, 0);
  }
  vw::Id ItemId(const std::string& title) const {
    return items_by_title_.at(title).as_object().at("id").as_int64();
  }
  int Version(const std::string& title) const {
    return static_cast<int>(items_by_title_.at(title).as_object().at("version").as_int64());
  }
  Status Keep(const std::string& title, Result<json::value> r) {
    if (!r) return r.error();
    items_by_title_[title] = std::move(*r);
    return {};
  }
  template <typename Call>
  void Step(const char* title, int day, int hour, const char* what, Call call) {
    week_.At(When(day, hour), std::string("publicity ") + what + " " + title,
             [&] { return Keep(title, call()); });
  }
  Result<vw::Id> UploadPicture(vw::Id unit_id, const std::string& name, const std::string& bytes) {
    media::NewUpload in{unit_id, name, bytes.size(), media::Kind::kImage};
    VW_TRY(upload, media_.CreateUpload(seed_, in));
    VW_RETURN_IF_ERROR(Ok(media_.PutChunk(seed_, upload.id, 0, bytes)));
    VW_TRY(blob, media_.Complete(seed_, upload.id));
    return blob.id;
  }

  Week& week_;
  publicity::PublicityService& items_;
  media::MediaService& media_;
  vw::Id campaign_id_;
  std::string first_day_;
  std::map<int, vw::Id> days_;
  std::function<vw::Id(const std::string&)> unit_;
  std::map<std::string, vw::Id> activities_;
  Principal seed_;
  PlayedWeek& played_;
  std::map<std::string, json::value> items_by_title_;
};

void PlayPublicity(Publicity& p) {
  for (const DemoItem& d : DemoItems()) p.CreateAndSubmit(d);
  // 教务处 takes the colleges' material; the best goes on to the province.
  p.Recommend("中小学生走进智能制造实训基地", 3, 9, "稿件质量高，推荐择优推送。");
  p.Push("中小学生走进智能制造实训基地", 3, 15,
         {{"四川日报", "provincial"}, {"中国教育报", "central"}});
  p.Publish("中小学生走进智能制造实训基地", 3, 16);
  p.Return("校企集中签约 共建现代产业学院", 4, 10, "请补充签约企业名单，并为图片补充说明文字。");
  p.Accept("智能制造学院活动周图集", 5, 9);
  p.Publish("智能制造学院活动周图集", 5, 10);
  p.Accept("职教活动周集中展示日回顾", 5, 9);
  p.Publish("职教活动周集中展示日回顾", 5, 10);
  p.Recommend("非遗技艺走进校园", 6, 9, "");
  p.Accept("技能展示暨创业达人秀精彩上演", 6, 9);
  p.Accept("走进社区家电维修志愿服务", 7, 10);  // no portrait consent: not published
  p.Accept("“校企双元、工学交替”产教融合育人典型案例", 7, 11);
  p.Publish("“校企双元、工学交替”产教融合育人典型案例", 7, 12);
  // 成都市教育局 recommends its school's article; the province pushes it.
  p.Recommend("财贸职高职业体验开放日迎来中小学生", 3, 10, "");
  p.Push("财贸职高职业体验开放日迎来中小学生", 4, 10, {{"四川教育", "provincial"}});
  p.Publish("财贸职高职业体验开放日迎来中小学生", 4, 11);
  // After the week: a college's article after the materials deadline (late).
  p.Accept("毕业生校园招聘会侧记", 12, 15);
}

constexpr const char* kAwardColleges[] = {"智能制造学院", "信息工程学院", "建筑与艺术学院",
                                          "经济管理学院", "健康护理学院"};

// The school notice's 优秀组织奖 (section 七) over the five colleges, once the
// colleges' statistics are in: 教务处 sets it up, two judges score (the
// college secretary never her own college), 教务处 decides and publishes.
void PlayAwards(Week& week, db::Database& db, Id campaign_id, const std::string& first_day,
                const std::function<Id(const std::string&)>& unit) {
  org::Scope scope(db);
  awards::AwardService service(db, scope);
  auto when = [&](int day, int hour) {
    return timeutil::ShanghaiToUnix(timeutil::AddDays(first_day, day - 1), hour, 0);
  };
  auto user = [&](const std::string& username) {
    Principal p;
    db::Session s(db);
    s.sql() << "SELECT id, unit_id FROM users WHERE username = :u", soci::use(username),
        soci::into(p.user_id), soci::into(p.home_unit_id);
    p.username = username;
    return p;
  };
  Principal office = user("sctc"), secretary = user("sctc-college");
  Principal seed = Principal::System("seed");
  seed.user_id = office.user_id;
  Id award = 0;
  int version = 0;
  week.At(when(14, 9), "award", [&]() -> Status {
    awards::AwardInput in;
    in.campaign_id = campaign_id;
    in.owner_unit_id = unit("四川科技职业学院");
    in.name = "优秀组织奖";
    in.level = "school";
    in.winners = 4;
    in.tie_rule = "first_criterion";
    for (const char* c : kAwardColleges) in.unit_ids.push_back(unit(c));
    in.judge_ids = {office.user_id, secretary.user_id};
    in.criteria = {
        {"策划组织与宣传推广力度",
         30,
         {"forms_on_time", "publicity_accepted", "media_reports", "judge"}},
        {"线下活动的数量与质量", 40, {"activities", "activity_days", "on_campus", "judge"}},
        {"师生参与人数占比、合作企业参与度及贡献", 30, {"participation", "enterprises"}}};
    auto created = service.Create(seed, in);
    if (!created) return created.error();
    award = created->at("id").as_int64();
    auto opened = service.Open(seed, award, static_cast<int>(created->at("version").as_int64()));
    if (!opened) return opened.error();
    return {};
  });
  int judge = 0;
  for (Principal* p : {&office, &secretary}) {
    ++judge;
    week.At(when(14, 13 + judge), "award scores " + p->username, [&]() -> Status {
      auto sheet = service.Scores(*p, award);
      if (!sheet) return sheet.error();
      std::vector<awards::ScoreInput> scores;
      int i = 0;
      for (const auto& c : sheet->at("award").at("criteria").as_array()) {
        if (!c.at("judged").as_bool()) continue;
        for (const auto& u : sheet->at("units").as_array()) {
          ++i;
          if (!u.at("may_score").as_bool()) continue;
          scores.push_back({u.at("id").as_int64(), c.at("id").as_int64(),
                            70 + (i * 7 + judge * 5) % 26, judge == 1 ? "组织有序，成效明显" : ""});
        }
      }
      auto saved = service.SaveScores(*p, award, scores);
      if (!saved) return saved.error();
      auto sent = service.SubmitScores(*p, award);
      if (!sent) return sent.error();
      return {};
    });
  }
  week.At(when(15, 10), "award decision", [&]() -> Status {
    auto got = service.Get(seed, award);
    if (!got) return got.error();
    auto decided = service.Decide(seed, award, static_cast<int>(got->at("version").as_int64()));
    if (!decided) return decided.error();
    version = static_cast<int>(decided->at("award").at("version").as_int64());
    return {};
  });
  week.At(when(15, 11), "award publication", [&]() -> Status {
    auto published = service.Publish(seed, award, version, timeutil::AddDays(first_day, 14));
    if (!published) return published.error();
    return {};
  });
}

}  // namespace

Id UnitIdByName(db::Session& s, const std::string& name) {
  Id id = 0;
  soci::indicator ind = soci::i_ok;
  s.sql() << "SELECT MIN(id) FROM units WHERE name = :n", soci::use(name), soci::into(id, ind);
  if (ind != soci::i_ok) throw std::runtime_error("seed: no unit named " + name);
  return id;
}

Result<PlayedWeek> PlayDemoWeek(db::Database& db, std::int64_t until, media::MediaService& media) {
  ClockBack clock_back;
  org::Scope scope(db);
  registration::RegistrationService registrations(db, scope);
  reporting::ReportingService reporting(db, scope);
  reporting::SubmissionService submissions(db, scope);
  publicity::PublicityService publicity(db, scope);
  Principal seed = Principal::System("seed");

  Id campaign_id = 0;
  std::string first_day;
  std::map<int, Id> days;
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
    auto theme_days = campaign::store::LoadDays(s, campaign_id);
    first_day = theme_days.at(0).date;
    for (const auto& d : theme_days) days[d.day_index] = d.id;
    // Files and items record who made them: the demo administrator.
    s.sql() << "SELECT id FROM users WHERE username = 'admin'", soci::into(seed.user_id);
    if (!s.sql().got_data()) return Error::NotFound("没有演示管理员账号 admin");
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

  // Publicity before the forms: the statistics count the pushed outlets.
  Publicity items(week, publicity, media, campaign_id, first_day, days, unit, activity_by_title,
                  seed, played);
  PlayPublicity(items);

  // 5月14日 集中展示日 (notice 001 §四（三）): plan, the colleges' booths, the stage.
  int booths = PlayDisplayDay(
      db, campaign_id, seed,
      [&week](std::int64_t at, const std::string& what, const std::function<Status()>& step) {
        return week.At(at, what, step);
      });
  spdlog::info("demo week: display day with {} booths assigned", booths);

  // 9 May: the province's notice to the cities, acknowledged (seed_notices.h).
  int acknowledged =
      PlayNotices(db, campaign_id,
                  [&week](std::int64_t at, const std::string& what,
                          const std::function<Status()>& step) { return week.At(at, what, step); });
  spdlog::info("demo week: the province's notice acknowledged by {} cities", acknowledged);

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
  PlayAwards(week, db, campaign_id, first_day, unit);

  {
    db::Session s(db);
    s.sql() << "SELECT COALESCE(SUM(w.delta), 0) FROM walkins w JOIN activities a ON a.id = "
               "w.activity_id WHERE a.campaign_id = :c",
        soci::use(campaign_id), soci::into(played.walkins);
  }
  spdlog::info(
      "demo week played up to {}: {} registrations, {} checked in, {} walk-ins, {} media "
      "reports, {} publicity items ({} pictures, {} outlets pushed), {} forms submitted",
      timeutil::FormatShanghaiIso(until), played.registrations, played.checked_in, played.walkins,
      played.media_reports, played.publicity_items, played.pictures, played.pushed_outlets,
      played.forms_submitted);
  return played;
}

}  // namespace vw::seed
