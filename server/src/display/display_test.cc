// Display events over HTTP (issue 19, docs/display.md): the school draws a
// plan, a college applies, booths are auto-assigned and published, the map
// and the list download, the weather switch moves the event and its linked
// activity; bad plans, forged ids and stale versions change nothing.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "test_env.h"
#include "unzip.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class DisplayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = anon_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    school_ = UnitId(server_.db(), "四川科技职业学院");
    college_ = UnitId(server_.db(), "智能制造学院");
    info_ = UnitId(server_.db(), "信息工程学院");
    school2_ = UnitId(server_.db(), "成都工业职业技术学院");
    sctc_.Login("sctc");
    college_c_.Login("sctc-college");
    school2_c_.Login("school2");
  }

  json::object EventBody(Id unit) {
    return {{"campaign_id", campaign_},
            {"unit_id", unit},
            {"title", "职教活动周集中展示日"},
            {"venue", "东区科技广场"},
            {"day", "2025-05-14"},
            {"start_time", "09:30"},
            {"end_time", "17:00"},
            {"fallback_venue", "体育馆"},
            {"fallback_day", "2025-05-15"},
            {"setup_time", "5月14日 7:30-9:20"},
            {"clear_time", "5月14日 17:00-18:00"},
            {"contact", "教务处 伍老师 028-12345678"}};
  }
  json::object Create(Client& c, const json::object& body) {
    auto r = c.Post("/api/display/events", body);
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.status == 201u ? r.data().as_object() : json::object{};
  }
  static std::string Path(const json::object& e, const std::string& tail = "") {
    return "/api/display/events/" + std::to_string(e.at("id").as_int64()) + tail;
  }
  static json::object Booth(const std::string& id, const std::string& number, int x, int y,
                            bool power = false) {
    return {{"id", id}, {"kind", "booth"}, {"x", x},           {"y", y},
            {"w", 3},   {"h", 3},          {"number", number}, {"power", power}};
  }
  static json::object PlanBody(int plan_version, json::array shapes) {
    return {{"plan_version", plan_version},
            {"width", 30},
            {"height", 20},
            {"shapes", std::move(shapes)}};
  }
  static json::array ThreeBooths() {
    return {json::object{{"id", "z1"},
                         {"kind", "zone"},
                         {"x", 0},
                         {"y", 0},
                         {"w", 30},
                         {"h", 8},
                         {"label", "展示区"}},
            Booth("b1", "A01", 1, 1),
            Booth("b2", "A02", 5, 1),
            Booth("b3", "A03", 9, 1, true),
            json::object{{"id", "st"},
                         {"kind", "stage"},
                         {"x", 10},
                         {"y", 12},
                         {"w", 8},
                         {"h", 5},
                         {"label", "主舞台"}},
            json::object{{"id", "en"},
                         {"kind", "entrance"},
                         {"x", 0},
                         {"y", 18},
                         {"w", 3},
                         {"h", 2},
                         {"label", "南门"}}};
  }
  json::object Fetch(Client& c, const json::object& e) {
    auto r = c.Get(Path(e));
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.status == 200u ? r.data().as_object() : json::object{};
  }
  std::int64_t Notices(Id unit, const std::string& kind) {
    db::Session s(server_.db());
    long long n = 0;
    s.sql() << "SELECT COUNT(*) FROM notifications WHERE unit_id = :u AND kind = :k", soci::into(n),
        soci::use(unit), soci::use(kind);
    return n;
  }
  static json::object Application(Id unit, bool power) {
    return {{"unit_id", unit},        {"exhibit", "工业机器人与智能产线展示"},
            {"category", "装备制造"}, {"tables", 2},
            {"power", power},         {"network", true},
            {"area_m2", 9},           {"contact", "王老师 13800000000"}};
  }
  static std::int64_t V(const json::object& o) { return o.at("version").as_int64(); }

  TestServer server_;
  Client anon_{server_.port()};
  Client sctc_{server_.port()};
  Client college_c_{server_.port()};
  Client school2_c_{server_.port()};
  Id campaign_ = 0, school_ = 0, college_ = 0, info_ = 0, school2_ = 0;
};

TEST_F(DisplayTest, PlanApplyAssignPublishMapAndWeatherSwitch) {
  // An activity of the school in the public programme, linked to the event.
  json::object act{{"unit_id", school_},
                   {"title", "职教活动周集中展示日"},
                   {"description", "各学院在东区科技广场设展位集中展示"},
                   {"starts_at", "2025-05-14T09:30:00+08:00"},
                   {"ends_at", "2025-05-14T17:00:00+08:00"},
                   {"place_kind", "on_campus"},
                   {"place", "东区科技广场"},
                   {"organiser", "教务处"},
                   {"contact", "028-12345678"}};
  auto made = sctc_.Post("/api/campaigns/" + std::to_string(campaign_) + "/activities", act);
  ASSERT_EQ(made.status, 201u) << made.body;
  Id activity = made.data().at("id").as_int64();
  ASSERT_EQ(
      sctc_.Post("/api/activities/" + std::to_string(activity) + "/publish", json::object{}).status,
      200u);

  json::object body = EventBody(school_);
  body["activity_id"] = activity;
  auto e = Create(sctc_, body);
  ASSERT_FALSE(e.empty());
  EXPECT_TRUE(e.at("can_manage").as_bool());

  // Not published: the public page does not know it.
  EXPECT_EQ(anon_.Get("/api/public/display/" + std::to_string(e.at("id").as_int64())).status, 404u);

  auto plan = sctc_.Put(Path(e, "/plan"), PlanBody(0, ThreeBooths()));
  ASSERT_EQ(plan.status, 200u) << plan.body;
  EXPECT_EQ(plan.data().at("plan").at("plan_version").as_int64(), 1);
  EXPECT_EQ(plan.data().at("plan").at("shapes").as_array().size(), 6u);
  // A second editor who read version 0 is told, and nothing changes.
  auto stale = sctc_.Put(Path(e, "/plan"), PlanBody(0, {Booth("b1", "A01", 1, 1)}));
  EXPECT_EQ(stale.status, 409u) << stale.body;
  EXPECT_EQ(stale.error_field(), "plan_version");
  EXPECT_EQ(Fetch(sctc_, e).at("plan").at("shapes").as_array().size(), 6u);

  // The college sees the event and may apply for itself only.
  auto seen = Fetch(college_c_, e);
  EXPECT_FALSE(seen.at("can_manage").as_bool());
  ASSERT_EQ(seen.at("apply_units").as_array().size(), 1u);
  EXPECT_EQ(seen.at("apply_units").as_array()[0].at("id").as_int64(), college_);
  auto applied = college_c_.Post(Path(e, "/applications"), Application(college_, true));
  ASSERT_EQ(applied.status, 201u) << applied.body;
  EXPECT_EQ(Notices(school_, "display_applied"), 1);
  EXPECT_EQ(college_c_.Post(Path(e, "/applications"), Application(college_, true)).status, 409u);
  // The school applies for another college (it holds authority over it).
  auto second = Application(info_, false);
  second["exhibit"] = "信息技术作品展";
  second["category"] = "电子信息";
  ASSERT_EQ(sctc_.Post(Path(e, "/applications"), second).status, 201u);

  // Auto-assign: the power need gets the booth with power.
  auto current = Fetch(sctc_, e);
  auto auto_r = sctc_.Post(Path(e, "/auto-assign"), json::object{{"version", V(current)}});
  ASSERT_EQ(auto_r.status, 200u) << auto_r.body;
  EXPECT_EQ(auto_r.data().at("unassigned").as_int64(), 0);
  std::map<Id, std::string> booth;
  Id college_app = 0;
  for (const auto& a : auto_r.data().at("applications").as_array()) {
    booth[a.at("unit_id").as_int64()] = std::string(a.at("booth").as_string());
    if (a.at("unit_id").as_int64() == college_) college_app = a.at("id").as_int64();
  }
  EXPECT_EQ(booth[college_], "A03");
  EXPECT_FALSE(booth[info_].empty());
  EXPECT_NE(booth[info_], "A03");

  // Publish tells both units; the college reads its booth.
  auto published =
      sctc_.Post(Path(e, "/publish"), json::object{{"version", V(auto_r.data().as_object())}});
  ASSERT_EQ(published.status, 200u) << published.body;
  EXPECT_EQ(Notices(college_, "display_published"), 1);
  EXPECT_EQ(Notices(info_, "display_published"), 1);
  auto college_view = Fetch(college_c_, e);
  ASSERT_EQ(college_view.at("applications").as_array().size(), 1u);  // its own only
  EXPECT_EQ(college_view.at("applications").as_array()[0].at("booth"), "A03");
  EXPECT_EQ(college_view.at("setup_time"), "5月14日 7:30-9:20");

  // Two booths to one unit each: the same booth twice is refused.
  auto clash = sctc_.Post(
      Path(e, "/assign"),
      json::object{{"version", V(published.data().as_object())},
                   {"assignments", json::array{json::object{{"application_id", college_app},
                                                            {"booth", booth[info_]}}}}});
  EXPECT_EQ(clash.status, 400u) << clash.body;
  EXPECT_EQ(clash.error_field(), "booth");
  // A change after publishing notifies the unit concerned.
  std::string free_booth = booth[info_] == "A01" ? "A02" : "A01";
  auto moved = sctc_.Post(
      Path(e, "/assign"),
      json::object{{"version", V(published.data().as_object())},
                   {"assignments", json::array{json::object{{"application_id", college_app},
                                                            {"booth", free_booth}}}}});
  ASSERT_EQ(moved.status, 200u) << moved.body;
  EXPECT_EQ(Notices(college_, "display_booth_changed"), 1);
  EXPECT_EQ(Notices(info_, "display_booth_changed"), 0);
  // Removing an assigned booth from the plan is refused.
  auto removing = sctc_.Put(Path(e, "/plan"), PlanBody(1, {Booth("b2", "A02", 5, 1)}));
  EXPECT_EQ(removing.status, 400u) << removing.body;

  // Stage programme.
  auto slots =
      sctc_.Put(Path(e, "/slots"),
                json::object{{"version", V(moved.data().as_object())},
                             {"slots", json::array{json::object{{"start_time", "10:00"},
                                                                {"end_time", "10:20"},
                                                                {"title", "开幕式"},
                                                                {"performer", "教务处"}}}}});
  ASSERT_EQ(slots.status, 200u) << slots.body;

  // The map: one PDF page; the list: an xlsx.
  auto pdf = sctc_.Get(Path(e, "/map"));
  ASSERT_EQ(pdf.status, 200u) << pdf.body;
  EXPECT_EQ(pdf.body.rfind("%PDF", 0), 0u);
  std::size_t pages = 0;
  for (std::size_t at = pdf.body.find("/Type /Page"); at != std::string::npos;
       at = pdf.body.find("/Type /Page", at + 1)) {
    if (pdf.body.compare(at, 12, "/Type /Pages") != 0) ++pages;
  }
  EXPECT_EQ(pages, 1u);
  // The same map on A4 landscape; other papers are refused.
  auto a4 = sctc_.Get(Path(e, "/map?paper=a4"));
  ASSERT_EQ(a4.status, 200u) << a4.body;
  EXPECT_NE(a4.body.find("/MediaBox [ 0 0 841"), std::string::npos);
  EXPECT_EQ(sctc_.Get(Path(e, "/map?paper=a5")).status, 400u);
  EXPECT_EQ(college_c_.Get(Path(e, "/map")).status, 200u);  // an exhibitor may print it
  auto xlsx = sctc_.Get(Path(e, "/exhibitors"));
  ASSERT_EQ(xlsx.status, 200u);
  EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u);
  EXPECT_EQ(college_c_.Get(Path(e, "/exhibitors")).status, 403u);

  // The weather switch: one action.
  auto before = Fetch(sctc_, e);
  EXPECT_EQ(college_c_.Post(Path(e, "/weather"), json::object{{"version", V(before)}}).status,
            403u);
  auto switched = sctc_.Post(Path(e, "/weather"), json::object{{"version", V(before)}});
  ASSERT_EQ(switched.status, 200u) << switched.body;
  EXPECT_EQ(switched.data().at("venue"), "体育馆");
  EXPECT_EQ(switched.data().at("day"), "2025-05-15");
  EXPECT_EQ(switched.data().at("original_venue"), "东区科技广场");
  EXPECT_EQ(switched.data().at("activity_error"), "");
  EXPECT_EQ(Notices(college_, "display_weather"), 1);
  EXPECT_EQ(Notices(info_, "display_weather"), 1);
  auto again =
      sctc_.Post(Path(e, "/weather"), json::object{{"version", V(switched.data().as_object())}});
  EXPECT_EQ(again.status, 409u);
  // The linked activity moved with it (public programme and calendars).
  auto a = anon_.Get("/api/public/activities/" + std::to_string(activity));
  ASSERT_EQ(a.status, 200u) << a.body;
  EXPECT_EQ(a.data().at("place"), "体育馆");
  EXPECT_EQ(a.data().at("starts_at"), "2025-05-15T09:30:00+08:00");
  // The public page shows the new venue and day, the booths and the stage.
  auto pub = anon_.Get("/api/public/display/" + std::to_string(e.at("id").as_int64()));
  ASSERT_EQ(pub.status, 200u) << pub.body;
  EXPECT_EQ(pub.data().at("venue"), "体育馆");
  EXPECT_TRUE(pub.data().at("weather_switched").as_bool());
  EXPECT_EQ(pub.data().at("exhibitors").as_array().size(), 2u);
  EXPECT_EQ(pub.data().at("slots").as_array().size(), 1u);
}

TEST_F(DisplayTest, BadPlansAreRefusedNamingTheFieldAndChangeNothing) {
  auto e = Create(sctc_, EventBody(school_));
  ASSERT_FALSE(e.empty());
  auto check = [&](json::array shapes, const std::string& words) {
    auto r = sctc_.Put(Path(e, "/plan"), PlanBody(0, std::move(shapes)));
    EXPECT_EQ(r.status, 400u) << r.body;
    EXPECT_EQ(r.error_field(), "shapes") << r.body;
    EXPECT_NE(r.error_message().find(words), std::string::npos) << r.error_message();
  };
  check({Booth("b1", "A01", 1, 1), Booth("b2", "A02", 2, 2)}, "重叠");
  check({Booth("b1", "A01", 28, 1)}, "超出场地范围");
  check({Booth("b1", "A01", 1, 1), Booth("b2", "A01", 8, 1)}, "重复");
  check({json::object{{"id", "b1"}, {"kind", "booth"}, {"x", 1}, {"y", 1}, {"w", 2}, {"h", 2}}},
        "编号");
  json::array many;
  for (int i = 0; i < 201; ++i) {
    many.push_back(json::object{{"id", "p" + std::to_string(i)},
                                {"kind", "power"},
                                {"x", 0},
                                {"y", 0},
                                {"w", 1},
                                {"h", 1}});
  }
  check(std::move(many), "最多200个");
  // A booth on the stage.
  check({Booth("b1", "A01", 1, 1),
         json::object{{"id", "st"}, {"kind", "stage"}, {"x", 2}, {"y", 2}, {"w", 5}, {"h", 5}}},
        "重叠");
  auto now = Fetch(sctc_, e);
  EXPECT_EQ(now.at("plan_version").as_int64(), 0);
  EXPECT_EQ(now.at("version").as_int64(), 1);

  auto bad_day = EventBody(school_);
  bad_day["day"] = "2025-02-30";
  auto r = sctc_.Post("/api/display/events", bad_day);
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "day");
  // Publishing without a plan.
  auto p = sctc_.Post(Path(e, "/publish"), json::object{{"version", V(now)}});
  EXPECT_EQ(p.status, 400u);
  EXPECT_EQ(p.error_field(), "plan");
}

TEST_F(DisplayTest, ForgedIdsChangeNothing) {
  auto e = Create(sctc_, EventBody(school_));
  ASSERT_FALSE(e.empty());
  ASSERT_EQ(sctc_.Put(Path(e, "/plan"), PlanBody(0, ThreeBooths())).status, 200u);
  // Another school: cannot see, apply to, or create for the school.
  EXPECT_EQ(school2_c_.Get(Path(e)).status, 404u);
  EXPECT_EQ(school2_c_.Post(Path(e, "/applications"), Application(school2_, false)).status, 404u);
  EXPECT_EQ(school2_c_.Post("/api/display/events", EventBody(school_)).status, 403u);
  // The college applies for another college, or for the organiser: refused.
  auto other = college_c_.Post(Path(e, "/applications"), Application(info_, false));
  EXPECT_EQ(other.status, 403u);
  EXPECT_EQ(other.error_field(), "unit_id");
  EXPECT_EQ(sctc_.Post(Path(e, "/applications"), Application(school_, false)).status, 403u);
  // The college cannot draw the plan or assign.
  EXPECT_EQ(college_c_.Put(Path(e, "/plan"), PlanBody(1, {})).status, 403u);
  // Another event's application id.
  auto e2 = Create(sctc_, EventBody(school_));
  ASSERT_EQ(college_c_.Post(Path(e2, "/applications"), Application(college_, false)).status, 201u);
  auto list2 = Fetch(sctc_, e2);
  Id foreign_app = list2.at("applications").as_array()[0].at("id").as_int64();
  auto cur = Fetch(sctc_, e);
  auto forged = sctc_.Post(
      Path(e, "/assign"),
      json::object{{"version", V(cur)},
                   {"assignments",
                    json::array{json::object{{"application_id", foreign_app}, {"booth", "A01"}}}}});
  EXPECT_EQ(forged.status, 404u);
  EXPECT_EQ(forged.error_field(), "application_id");
  EXPECT_EQ(Fetch(sctc_, e2).at("applications").as_array()[0].at("booth"), "");
  // A stale version.
  auto stale = sctc_.Post(Path(e, "/publish"), json::object{{"version", V(cur) + 5}});
  EXPECT_EQ(stale.status, 409u);
  // A linked activity of another school.
  db::Session s(server_.db());
  Id foreign_activity = 0;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT MIN(a.id) FROM activities a JOIN units u ON u.id = a.unit_id WHERE "
             "u.name = '成都工业职业技术学院'",
      soci::into(foreign_activity, ind);
  if (ind == soci::i_ok && foreign_activity > 0) {
    auto body = EventBody(school_);
    body["activity_id"] = foreign_activity;
    auto r = sctc_.Post("/api/display/events", body);
    EXPECT_EQ(r.status, 404u);
    EXPECT_EQ(r.error_field(), "activity_id");
  }
  EXPECT_EQ(Fetch(sctc_, e).at("version").as_int64(), V(cur));
}

// A unit edits or withdraws its application (docs/display.md "Changing an
// application"): edits only before publishing; a withdrawal after it frees
// the booth and tells the organiser; another unit's application is refused.
TEST_F(DisplayTest, UnitsEditOrWithdrawTheirApplications) {
  auto e = Create(sctc_, EventBody(school_));
  ASSERT_FALSE(e.empty());
  ASSERT_EQ(sctc_.Put(Path(e, "/plan"), PlanBody(0, ThreeBooths())).status, 200u);
  auto mine = college_c_.Post(Path(e, "/applications"), Application(college_, true));
  ASSERT_EQ(mine.status, 201u) << mine.body;
  auto other = Application(info_, false);
  other["category"] = "电子信息";
  ASSERT_EQ(sctc_.Post(Path(e, "/applications"), other).status, 201u);
  auto all = Fetch(sctc_, e).at("applications").as_array();
  Id my_app = 0, their_app = 0;
  for (const auto& a : all) {
    (a.at("unit_id").as_int64() == college_ ? my_app : their_app) = a.at("id").as_int64();
  }
  auto app_path = [&](Id app, const std::string& tail = "") {
    return Path(e, "/applications/" + std::to_string(app) + tail);
  };

  // The college changes what it shows.
  auto edit = Application(college_, true);
  edit["exhibit"] = "工业机器人协同作业现场演示";
  edit["version"] = 1;
  auto edited = college_c_.Put(app_path(my_app), edit);
  ASSERT_EQ(edited.status, 200u) << edited.body;
  EXPECT_EQ(edited.data().at("applications").as_array()[0].at("exhibit"),
            "工业机器人协同作业现场演示");
  // A stale edit, another unit's application, another unit's id in the body.
  EXPECT_EQ(college_c_.Put(app_path(my_app), edit).status, 409u);
  auto theirs = Application(info_, false);
  theirs["version"] = 1;
  auto foreign = college_c_.Put(app_path(their_app), theirs);
  EXPECT_EQ(foreign.status, 403u) << foreign.body;
  EXPECT_EQ(foreign.error_field(), "application_id");
  EXPECT_EQ(college_c_.Post(app_path(their_app, "/withdraw"), json::object{{"version", 1}}).status,
            403u);
  auto swap = Application(info_, false);
  swap["version"] = 2;
  EXPECT_EQ(college_c_.Put(app_path(my_app), swap).error_field(), "unit_id");
  // Another event's application through this event: not found.
  auto e2 = Create(sctc_, EventBody(school_));
  EXPECT_EQ(college_c_
                .Post(Path(e2, "/applications/" + std::to_string(my_app) + "/withdraw"),
                      json::object{{"version", 2}})
                .status,
            404u);
  EXPECT_EQ(anon_.Post(app_path(my_app, "/withdraw"), json::object{{"version", 2}}).status, 401u);

  // Assigned and published: no more edits; a withdrawal frees the booth.
  auto assigned =
      sctc_.Post(Path(e, "/auto-assign"), json::object{{"version", V(Fetch(sctc_, e))}});
  ASSERT_EQ(assigned.status, 200u) << assigned.body;
  ASSERT_EQ(
      sctc_.Post(Path(e, "/publish"), json::object{{"version", V(assigned.data().as_object())}})
          .status,
      200u);
  // (Assigning a booth bumped the application's version.)
  auto now_version = Fetch(college_c_, e).at("applications").as_array()[0].at("version").as_int64();
  edit["version"] = now_version;
  auto late = college_c_.Put(app_path(my_app), edit);
  EXPECT_EQ(late.status, 409u) << late.body;
  EXPECT_NE(late.error_message().find("已公布"), std::string::npos) << late.body;
  EXPECT_EQ(Notices(school_, "display_withdrawn"), 0);
  auto gone =
      college_c_.Post(app_path(my_app, "/withdraw"), json::object{{"version", now_version}});
  ASSERT_EQ(gone.status, 200u) << gone.body;
  EXPECT_EQ(gone.data().at("applications").as_array().size(), 0u);
  EXPECT_EQ(gone.data().at("apply_units").as_array().size(), 1u);  // may apply again
  EXPECT_EQ(Notices(school_, "display_withdrawn"), 1);
  auto left = Fetch(sctc_, e).at("applications").as_array();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].at("unit_id").as_int64(), info_);
  // The freed booth (A03, with power) can be given again.
  auto again = college_c_.Post(Path(e, "/applications"), Application(college_, true));
  ASSERT_EQ(again.status, 201u) << again.body;
  auto reassigned =
      sctc_.Post(Path(e, "/auto-assign"), json::object{{"version", V(Fetch(sctc_, e))}});
  ASSERT_EQ(reassigned.status, 200u);
  for (const auto& a : reassigned.data().at("applications").as_array()) {
    if (a.at("unit_id").as_int64() == college_) EXPECT_EQ(a.at("booth"), "A03");
  }
}

// Auto-assign puts one 专业群's units in neighbouring booths (docs/display.md
// "Auto-assign"): booth numbers here do not follow the layout, so only the
// geometry can bring each pair together.
TEST_F(DisplayTest, AutoAssignPutsOneGroupInNeighbouringBooths) {
  auto e = Create(sctc_, EventBody(school_));
  ASSERT_FALSE(e.empty());
  //  A01 A03              (west, no power)
  //            A02 A04    (east; A02 has power)
  ASSERT_EQ(sctc_
                .Put(Path(e, "/plan"),
                     PlanBody(0, {Booth("b1", "A01", 1, 1), Booth("b2", "A02", 20, 12, true),
                                  Booth("b3", "A03", 5, 1), Booth("b4", "A04", 24, 12)}))
                .status,
            200u);
  Id arts = UnitId(server_.db(), "建筑与艺术学院");
  Id business = UnitId(server_.db(), "经济管理学院");
  auto apply = [&](Id unit, const std::string& category, bool power) {
    auto body = Application(unit, power);
    body["category"] = category;
    auto r = sctc_.Post(Path(e, "/applications"), body);
    EXPECT_EQ(r.status, 201u) << r.body;
  };
  apply(college_, "装备制造", false);
  apply(arts, "装备制造", false);
  apply(info_, "电子信息", false);
  apply(business, "电子信息", true);
  auto r = sctc_.Post(Path(e, "/auto-assign"), json::object{{"version", V(Fetch(sctc_, e))}});
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.data().at("unassigned").as_int64(), 0);
  std::map<Id, std::string> booth;
  for (const auto& a : r.data().at("applications").as_array()) {
    booth[a.at("unit_id").as_int64()] = std::string(a.at("booth").as_string());
  }
  EXPECT_EQ(booth[business], "A02");  // the power need on the booth with power
  EXPECT_EQ(booth[info_], "A04");     // its group's neighbour, though A01 comes first by number
  std::set<std::string> west{booth[college_], booth[arts]};
  EXPECT_EQ(west, (std::set<std::string>{"A01", "A03"}));
}

// Booth visitor counts (docs/display.md "Visitor counts"): the door's +1
// counter at a booth, one record per tap, idempotent by the device's tap id,
// bounded, and only for the booth's own unit or the organiser.
TEST_F(DisplayTest, VisitorCountsAreIdempotentScopedAndBounded) {
  auto e = Create(sctc_, EventBody(school_));
  ASSERT_FALSE(e.empty());
  ASSERT_EQ(sctc_.Put(Path(e, "/plan"), PlanBody(0, ThreeBooths())).status, 200u);
  ASSERT_EQ(college_c_.Post(Path(e, "/applications"), Application(college_, true)).status, 201u);
  auto other = Application(info_, false);
  other["category"] = "电子信息";
  ASSERT_EQ(sctc_.Post(Path(e, "/applications"), other).status, 201u);
  auto assigned =
      sctc_.Post(Path(e, "/auto-assign"), json::object{{"version", V(Fetch(sctc_, e))}});
  ASSERT_EQ(assigned.status, 200u) << assigned.body;
  Id mine = 0, theirs = 0;
  std::string my_booth;
  for (const auto& a : assigned.data().at("applications").as_array()) {
    if (a.at("unit_id").as_int64() == college_) {
      mine = a.at("id").as_int64();
      my_booth = std::string(a.at("booth").as_string());
    } else {
      theirs = a.at("id").as_int64();
    }
  }
  ASSERT_GT(mine, 0);
  ASSERT_GT(theirs, 0);
  auto tap = [](const std::string& id, Id app, int delta = 1) {
    return json::object{{"tap_id", id}, {"application_id", app}, {"delta", delta}};
  };
  auto taps = [](json::array list) { return json::object{{"taps", std::move(list)}}; };

  // Not yet published: nothing to count.
  auto early = college_c_.Post(Path(e, "/visits"), taps({tap("t0", mine)}));
  EXPECT_EQ(early.status, 409u) << early.body;
  ASSERT_EQ(
      sctc_.Post(Path(e, "/publish"), json::object{{"version", V(assigned.data().as_object())}})
          .status,
      200u);

  // Three taps at the college's booth; the retry of the same upload counts once.
  json::array three{tap("t1", mine), tap("t2", mine), tap("t3", mine)};
  auto first = college_c_.Post(Path(e, "/visits"), taps(three));
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(first.data().at("taps_recorded").as_int64(), 3);
  EXPECT_EQ(first.data().at("visitor_total").as_int64(), 3);
  auto retry = college_c_.Post(Path(e, "/visits"), taps(three));
  ASSERT_EQ(retry.status, 200u) << retry.body;
  EXPECT_EQ(retry.data().at("taps_replayed").as_int64(), 3);
  EXPECT_EQ(retry.data().at("taps_recorded").as_int64(), 0);
  EXPECT_EQ(retry.data().at("visitor_total").as_int64(), 3);
  // A double tap inside one upload counts once too; an undo takes one off.
  auto more = college_c_.Post(Path(e, "/visits"),
                              taps({tap("t4", mine), tap("t4", mine), tap("t5", mine, -1)}));
  ASSERT_EQ(more.status, 200u) << more.body;
  EXPECT_EQ(more.data().at("visitor_total").as_int64(), 3);

  // The college counting another college's booth: refused, in Chinese,
  // naming the field; an upload mixing its own and a foreign tap changes nothing.
  auto foreign = college_c_.Post(Path(e, "/visits"), taps({tap("t6", mine), tap("t7", theirs)}));
  EXPECT_EQ(foreign.status, 403u) << foreign.body;
  EXPECT_EQ(foreign.error_field(), "application_id");
  EXPECT_NE(foreign.error_message().find("无权"), std::string::npos) << foreign.error_message();
  // Another event's application (forged id): not of this event.
  auto e2 = Create(sctc_, EventBody(school_));
  ASSERT_EQ(college_c_.Post(Path(e2, "/applications"), Application(college_, false)).status, 201u);
  Id foreign_app = Fetch(sctc_, e2).at("applications").as_array()[0].at("id").as_int64();
  auto forged = college_c_.Post(Path(e, "/visits"), taps({tap("t8", foreign_app)}));
  EXPECT_EQ(forged.status, 404u) << forged.body;
  EXPECT_EQ(forged.error_field(), "application_id");
  EXPECT_NE(forged.error_message().find("不是本展示活动"), std::string::npos);
  // Another school cannot reach the event at all; nobody anonymous reaches the API.
  EXPECT_EQ(school2_c_.Post(Path(e, "/visits"), taps({tap("t9", mine)})).status, 404u);
  EXPECT_EQ(anon_.Post(Path(e, "/visits"), taps({tap("t10", mine)})).status, 401u);
  EXPECT_EQ(anon_.Get(Path(e)).status, 401u);
  EXPECT_EQ(anon_.Get("/api/display/events?campaign_id=" + std::to_string(campaign_)).status, 401u);

  // Budgets: at most 50 taps an upload, 20 visitors a tap, never 0, short ids.
  json::array many;
  for (int i = 0; i < 51; ++i) many.push_back(tap("m" + std::to_string(i), mine));
  auto too_many = college_c_.Post(Path(e, "/visits"), taps(std::move(many)));
  EXPECT_EQ(too_many.status, 400u);
  EXPECT_EQ(too_many.error_field(), "taps");
  EXPECT_EQ(college_c_.Post(Path(e, "/visits"), taps({tap("big", mine, 21)})).error_field(),
            "delta");
  EXPECT_EQ(college_c_.Post(Path(e, "/visits"), taps({tap("zero", mine, 0)})).error_field(),
            "delta");
  EXPECT_EQ(
      college_c_.Post(Path(e, "/visits"), taps({tap(std::string(65, 'x'), mine)})).error_field(),
      "tap_id");

  // The organiser counts at any booth; an undo never takes a total below zero.
  auto organiser =
      sctc_.Post(Path(e, "/visits"), taps({tap("o1", theirs, 5), tap("o2", theirs, -20)}));
  ASSERT_EQ(organiser.status, 200u) << organiser.body;
  std::map<Id, std::int64_t> visitors;
  for (const auto& a : organiser.data().at("applications").as_array()) {
    visitors[a.at("id").as_int64()] = a.at("visitors").as_int64();
  }
  EXPECT_EQ(visitors[mine], 3);
  EXPECT_EQ(visitors[theirs], 0);
  ASSERT_EQ(sctc_.Post(Path(e, "/visits"), taps({tap("o3", theirs, 4)})).status, 200u);
  EXPECT_EQ(Fetch(sctc_, e).at("visitor_total").as_int64(), 7);
  // The college sees its own booth's total only.
  auto seen = Fetch(college_c_, e);
  EXPECT_EQ(seen.at("visitor_total").as_int64(), 3);
  ASSERT_EQ(seen.at("applications").as_array().size(), 1u);
  EXPECT_EQ(seen.at("applications").as_array()[0].at("visitors").as_int64(), 3);

  // Each count is a record: who, when, which booth.
  {
    db::Session s(server_.db());
    long long rows = 0, with_user = 0;
    std::string booth;
    s.sql() << "SELECT COUNT(*), COUNT(user_id), MIN(booth) FROM display_visits WHERE "
               "application_id = :a",
        soci::into(rows), soci::into(with_user), soci::into(booth), soci::use(mine);
    EXPECT_EQ(rows, 5);  // t1 t2 t3 t4 and the undo t5
    EXPECT_EQ(with_user, rows);
    EXPECT_EQ(booth, my_booth);
  }
  // The exhibitor list carries the counts.
  auto xlsx = sctc_.Get(Path(e, "/exhibitors"));
  ASSERT_EQ(xlsx.status, 200u);
  auto files = Unzip(xlsx.body);
  ASSERT_TRUE(files.has_value());
  std::string all;
  for (const auto& [name, text] : *files) all += text;
  EXPECT_NE(all.find("参观人数"), std::string::npos);
  EXPECT_NE(all.find("合计 7 人次"), std::string::npos);
}

}  // namespace
}  // namespace vw::testing
