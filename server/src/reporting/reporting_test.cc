// The statistics form computed from records: a small province's week, with
// every figure of the annex-5 rows checked against hand-computed values.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "export/table_reader.h"
#include "export/xlsx.h"
#include "reporting/reporting.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

// A statistics template as staff fill it in offline: the title and the two
// header rows as the system writes them, the unit's name in A5, then
// `cells` ("D5" → "35"; a head may be overwritten too).
std::string FilledTemplate(const std::string& title, const std::string& unit,
                           const std::map<std::string, std::string>& cells) {
  auto ref = [](int row, int col) {  // (0, 0) → "A1"; the sheet has fewer than 26 columns
    return std::string(1, static_cast<char>('A' + col)) + std::to_string(row + 1);
  };
  std::vector<std::pair<std::string, std::string>> texts{
      {"A1", title}, {"A3", std::string(reporting::kStatisticsUnitHead)}};
  int c = 1;
  std::string_view group;
  for (const auto& f : reporting::kStatisticsFields) {
    bool grouped = !f.group.empty();
    if (grouped && f.group != group) texts.emplace_back(ref(2, c), std::string(f.group));
    texts.emplace_back(ref(grouped ? 3 : 2, c++), std::string(f.label));
    group = f.group;
  }
  texts.emplace_back(ref(2, c), reporting::kStatisticsReasonHead);
  texts.emplace_back("A5", unit);
  for (const auto& [cell, text] : cells) texts.emplace_back(cell, text);
  return *xlsx::TextWorkbook("情况统计表", texts);
}

class StatisticsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClearActivities(server_.db());
    auto c = anon_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    day3_ = c.data().at("days").as_array()[2].at("id").as_int64();  // 2025-05-13
    admin_.Login("admin");
  }
  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_); }
  Id Activity(const std::string& unit, const char* place_kind = "on_campus",
              const char* partner = "", const char* enterprises = "") {
    json::object o{{"unit_id", UnitId(server_.db(), unit)},
                   {"title", unit + "开放日"},
                   {"theme_day_id", day3_},
                   {"starts_at", "2025-05-13T09:00:00+08:00"},
                   {"ends_at", "2025-05-13T11:00:00+08:00"},
                   {"place_kind", place_kind},
                   {"place", "校内"},
                   {"online_url", "https://live.example.cn/1"},
                   {"open_to_public", true},
                   {"registration_required", true},
                   {"partner", partner},
                   {"enterprises", enterprises}};
    auto r = admin_.Post(Base() + "/activities", o);
    EXPECT_EQ(r.status, 201u) << r.body;
    Id id = r.data().at("id").as_int64();
    EXPECT_EQ(admin_.Post(Path(id, "/publish"), json::object{}).status, 200u);
    return id;
  }
  static std::string Path(Id id, const char* action = "") {
    return "/api/activities/" + std::to_string(id) + action;
  }
  // Registers and checks in `people` of `heads` (a group when heads > 1).
  void Attend(Id activity, const std::string& category, int heads, int people) {
    ScopedClock before_the_activities("2025-05-11T08:00:00+08:00");
    static int n = 0;
    ++n;
    json::object body{{"kind", heads > 1 ? "group" : "person"},
                      {"name", "参加者"},
                      {"mobile", "136" + std::to_string(10000000 + n)},
                      {"category", category},
                      {"consent", true},
                      {"school", "某校"},
                      {"class_name", "一班"}};
    if (heads > 1) body["head_count"] = heads;
    auto r =
        anon_.Post("/api/public/activities/" + std::to_string(activity) + "/registrations", body);
    ASSERT_EQ(r.status, 201u) << r.body;
    json::object scan{
        {"scan_id", "s" + std::to_string(n)}, {"token", r.data().at("token")}, {"people", people}};
    auto c = admin_.Post(Path(activity, "/checkins"), json::object{{"scans", json::array{scan}}});
    ASSERT_EQ(c.status, 200u) << c.body;
  }
  // Registers with this mobile (a group of `roster`'s size with its names
  // when not empty) and checks in `people`.
  void AttendAs(Id activity, const std::string& mobile, const std::string& category, int people,
                const std::vector<std::string>& roster = {}, const std::string& school = "某校") {
    ScopedClock before_the_activities("2025-05-11T08:00:00+08:00");
    static int n = 0;
    json::object body{{"kind", roster.empty() ? "person" : "group"},
                      {"name", "参加者"},
                      {"mobile", mobile},
                      {"category", category},
                      {"consent", true},
                      {"school", school},
                      {"class_name", "一班"}};
    if (!roster.empty()) {
      body["head_count"] = roster.size();
      json::array names;
      for (const auto& name : roster) names.emplace_back(name);
      body["roster"] = std::move(names);
    }
    auto r =
        anon_.Post("/api/public/activities/" + std::to_string(activity) + "/registrations", body);
    ASSERT_EQ(r.status, 201u) << r.body;
    json::object scan{{"scan_id", "p" + std::to_string(++n)},
                      {"token", r.data().at("token")},
                      {"people", people}};
    auto c = admin_.Post(Path(activity, "/checkins"), json::object{{"scans", json::array{scan}}});
    ASSERT_EQ(c.status, 200u) << c.body;
  }
  void Walkin(Id activity, const std::string& category, int delta) {
    static int n = 0;
    json::object e{
        {"scan_id", "w" + std::to_string(++n)}, {"category", category}, {"delta", delta}};
    ASSERT_EQ(
        admin_.Post(Path(activity, "/walkins"), json::object{{"events", json::array{e}}}).status,
        200u);
  }
  void Media(const std::string& unit, const char* level) {
    static int n = 0;  // a different article each time (the same one twice is refused)
    ++n;
    json::object m{{"unit_id", UnitId(server_.db(), unit)},
                   {"outlet", "四川日报"},
                   {"level", level},
                   {"title", "职业教育活动周报道之" + std::to_string(n)},
                   {"published_on", "2025-05-14"},
                   {"url", "https://example.cn/news/" + std::to_string(n)}};
    ASSERT_EQ(admin_.Post(Base() + "/media-reports", m).status, 201u);
  }
  json::object Stats(Client& c, const std::string& unit) {
    auto r = c.Get(Base() + "/statistics?unit_id=" + std::to_string(UnitId(server_.db(), unit)));
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.data().as_object();
  }
  static json::object Row(const json::object& st, const std::string& name) {
    for (const auto& r : st.at("rows").as_array()) {
      if (r.at("unit_name").as_string() == name) return r.as_object();
    }
    ADD_FAILURE() << "no row " << name;
    return {};
  }
  static void Expect(const json::object& row, std::vector<std::int64_t> figures, double coverage) {
    // The counts in the annex's order (coverage is checked apart).
    std::vector<std::string> keys;
    for (const auto& f : reporting::kStatisticsFields) {
      if (f.sum == reporting::FieldSum::kAdd) keys.emplace_back(f.code);
    }
    for (std::size_t i = 0; i < figures.size(); ++i) {
      EXPECT_EQ(row.at(keys[i]).as_int64(), figures[i]) << keys[i] << " of " << row.at("unit_name");
    }
    EXPECT_DOUBLE_EQ(row.at("coverage").as_double(), coverage) << row.at("unit_name");
  }

  // Submission helpers: the form's path for a unit, and the actions.
  std::string Form(const char* form, const std::string& unit, const char* action = "") {
    return Base() + "/submissions/" + form + action +
           "?unit_id=" + std::to_string(UnitId(server_.db(), unit));
  }
  json::object Submit(Client& c, const char* form, const std::string& unit) {
    auto cur = c.Get(Form(form, unit));
    EXPECT_EQ(cur.status, 200u) << cur.body;
    auto r =
        c.Post(Form(form, unit, "/submit"), json::object{{"version", cur.data().at("version")}});
    EXPECT_EQ(r.status, 200u) << unit << ": " << r.body;
    return r.status == 200u ? r.data().as_object() : json::object{};
  }
  json::object Accept(Client& c, const json::object& sub) {
    auto r = c.Post("/api/submissions/" + std::to_string(sub.at("id").as_int64()) + "/accept",
                    json::object{{"version", sub.at("version")}});
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.status == 200u ? r.data().as_object() : json::object{};
  }
  void NotParticipating(Client& c, const char* form, const std::string& unit) {
    auto r = c.Post(Form(form, unit, "/not-participating"), json::object{{"reason", "本届未开展"}});
    EXPECT_EQ(r.status, 200u) << r.body;
  }

  TestServer server_;
  Client anon_{server_.port()};
  Client admin_{server_.port()};
  Id campaign_ = 0, day3_ = 0;
};

TEST_F(StatisticsTest, ProvinceRowIsComputedFromRecords) {
  Id a1 = Activity("智能制造学院", "on_campus", "四川长虹、东方电气");
  Id a2 = Activity("信息工程学院", "on_campus", "", "东方电气，京东方");
  Id a3 = Activity("成都市财贸职业高级中学");
  Id a4 = Activity("绵阳职业技术学校", "online");
  Id a5 = Activity("成都市技师学院");
  Id a6 = Activity("宜宾职业技术学院");
  Attend(a1, "student", 10, 10);
  Attend(a1, "staff", 1, 1);
  Walkin(a1, "staff", 2);
  Walkin(a1, "public", 5);
  Attend(a2, "enterprise", 1, 1);
  Attend(a3, "student", 20, 15);  // a class of 20, 15 came
  Walkin(a3, "student", 3);
  Attend(a4, "parent", 1, 1);
  Attend(a5, "student", 8, 8);
  Attend(a6, "student", 5, 5);
  ASSERT_EQ(admin_.Post(Path(a6, "/cancel"), json::object{{"reason", "暴雨"}}).status, 200u);
  Media("四川科技职业学院", "provincial");
  Media("智能制造学院", "city");
  Media("成都市财贸职业高级中学", "county");
  Media("成都市技师学院", "city");

  // The education chain, as the province sees it (one row per city and
  // higher vocational school):  schools teachers students enterprises total
  // projects media(p/c/county), coverage = students / enrolled.
  auto edu = Stats(admin_, "四川省教育厅");
  Expect(Row(edu, "四川科技职业学院"), {1, 3, 10, 3, 19, 2, 1, 1, 0}, 0.05);  // 10/21000
  Expect(Row(edu, "成都市教育局"), {1, 0, 18, 0, 18, 1, 0, 0, 1}, 0.56);      // 18/3200
  Expect(Row(edu, "绵阳市教育局"), {1, 0, 0, 0, 1, 0, 0, 0, 0}, 0);           // online: no project
  Expect(Row(edu, "宜宾职业技术学院"), {0, 0, 0, 0, 0, 0, 0, 0, 0}, 0);       // cancelled
  // Enrolment of the chain: 21000 + 16000 + 18000 + 3200 + 4100 = 62300; 28/62300.
  Expect(edu.at("total").as_object(), {3, 3, 28, 3, 38, 3, 1, 1, 1}, 0.04);
  EXPECT_EQ(edu.at("total").at("enrolled").as_int64(), 62300);

  // The HR chain: technical schools under the city HR bureaus; 8/(9000+5200).
  auto hr = Stats(admin_, "四川省人力资源和社会保障厅");
  Expect(hr.at("total").as_object(), {1, 0, 8, 0, 8, 1, 0, 1, 0}, 0.06);

  // A school sees its colleges; coverage is recomputed from the sums.
  Client school(server_.port());
  school.Login("sctc");
  auto sctc = Stats(school, "四川科技职业学院");
  Expect(Row(sctc, "智能制造学院"), {1, 3, 10, 2, 18, 1, 0, 1, 0}, 0.24);  // 10/4200
  Expect(Row(sctc, "信息工程学院"), {1, 0, 0, 2, 1, 1, 0, 0, 0}, 0);
  Expect(sctc.at("total").as_object(), {1, 3, 10, 3, 19, 2, 1, 1, 0}, 0.05);  // 10/21000

  // Each figure opens onto its records.
  auto sources = [&](Client& c, const std::string& unit, const char* figure) {
    return c.Get(Base() + "/statistics/sources?unit_id=" +
                 std::to_string(UnitId(server_.db(), unit)) + "&figure=" + figure);
  };
  auto teachers = sources(school, "四川科技职业学院", "teachers");
  ASSERT_EQ(teachers.status, 200u) << teachers.body;
  ASSERT_EQ(teachers.data().at("items").as_array().size(), 1u);
  EXPECT_EQ(teachers.data().at("items").as_array()[0].at("activity_id").as_int64(), a1);
  EXPECT_EQ(teachers.data().at("items").as_array()[0].at("count").as_int64(), 3);
  EXPECT_EQ(sources(school, "四川科技职业学院", "enterprises").data().at("total").as_int64(), 3);
  EXPECT_EQ(sources(school, "四川科技职业学院", "projects").data().at("total").as_int64(), 2);
  EXPECT_EQ(sources(admin_, "四川省教育厅", "schools").data().at("total").as_int64(), 3);
  EXPECT_EQ(sources(admin_, "四川省教育厅", "total").data().at("total").as_int64(), 4);
  auto media = sources(admin_, "四川省教育厅", "media_provincial");
  EXPECT_EQ(media.data().at("items").as_array()[0].at("detail").as_string().find("四川日报"), 0u);
  EXPECT_EQ(sources(admin_, "四川省教育厅", "teachers_and_cats").error_field(), "figure");
  Client other(server_.port());
  other.Login("school2");
  EXPECT_EQ(sources(other, "四川科技职业学院", "teachers").status, 403u);

  // The annex-5 workbook: title, header rows, one row per child, the total.
  Id chengdu = UnitId(server_.db(), "成都市教育局");
  auto xlsx = admin_.Get(Base() + "/statistics/export?unit_id=" + std::to_string(chengdu));
  ASSERT_EQ(xlsx.status, 200u) << xlsx.body;
  EXPECT_NE(xlsx.headers["content-disposition"].find(
                "%E6%88%90%E9%83%BD%E5%B8%82%E6%95%99%E8%82%B2%E5%B1%80"),  // 成都市教育局
            std::string::npos);
  auto table = tables::ReadTable(xlsx.body, tables::FileType::kXlsx);
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(table->header.cells[0], "成都市教育局2025年职业教育活动周情况统计表");
  bool total_seen = false;
  for (const auto& row : table->rows) {
    if (!row.cells.empty() && row.cells[0] == "合计") {
      total_seen = true;
      EXPECT_EQ(row.cells[3], "18");  // students
      EXPECT_EQ(row.cells[7], "1");   // projects
    }
  }
  EXPECT_TRUE(total_seen);
}

TEST_F(StatisticsTest, ScopeAndBadMediaReports) {
  Client city(server_.port());
  city.Login("chengdu");
  EXPECT_EQ(city.Get(Base() +
                     "/statistics?unit_id=" + std::to_string(UnitId(server_.db(), "成都市教育局")))
                .status,
            200u);
  EXPECT_EQ(city.Get(Base() +
                     "/statistics?unit_id=" + std::to_string(UnitId(server_.db(), "四川省教育厅")))
                .status,
            403u);
  Client other(server_.port());
  other.Login("school2");
  Id sctc = UnitId(server_.db(), "四川科技职业学院");
  EXPECT_EQ(other.Get(Base() + "/statistics?unit_id=" + std::to_string(sctc)).status, 403u);
  json::object m{{"unit_id", sctc},
                 {"outlet", "四川日报"},
                 {"level", "national"},
                 {"title", "报道"},
                 {"published_on", "2025-05-14"}};
  EXPECT_EQ(admin_.Post(Base() + "/media-reports", m).error_field(), "level");
  m["level"] = "city";
  m["published_on"] = "5月14日";
  EXPECT_EQ(admin_.Post(Base() + "/media-reports", m).error_field(), "published_on");
  m["published_on"] = "2025-05-14";
  EXPECT_EQ(other.Post(Base() + "/media-reports", m).status, 403u);  // a forged unit
  auto ok = admin_.Post(Base() + "/media-reports", m);
  ASSERT_EQ(ok.status, 201u) << ok.body;
  EXPECT_EQ(ok.data().at("unit_name"), "四川科技职业学院");
  std::string list = Base() + "/media-reports?unit_id=" + std::to_string(sctc);
  auto listed = admin_.Get(list);
  ASSERT_EQ(listed.status, 200u) << listed.body;
  ASSERT_EQ(listed.data().at("items").as_array().size(), 1u);
  EXPECT_EQ(listed.data().at("items").as_array()[0].at("title"), "报道");
  EXPECT_EQ(other.Get(list).status, 403u);
  EXPECT_EQ(admin_.Get(Base() + "/media-reports").error_field(), "unit_id");
  EXPECT_EQ(
      other.Delete("/api/media-reports/" + std::to_string(ok.data().at("id").as_int64())).status,
      403u);
}

TEST_F(StatisticsTest, CentralMediaCountWithTheProvincialOnes) {
  std::string unit = "成都市财贸职业高级中学";
  Media(unit, "central");
  Media(unit, "provincial");
  Media(unit, "city");
  auto listed =
      admin_.Get(Base() + "/media-reports?unit_id=" + std::to_string(UnitId(server_.db(), unit)));
  ASSERT_EQ(listed.status, 200u) << listed.body;
  std::multiset<std::string> levels;
  for (const auto& m : listed.data().at("items").as_array())
    levels.insert(m.at("level").as_string().c_str());
  EXPECT_EQ(levels, (std::multiset<std::string>{"central", "city", "provincial"}));
  // Annex 5 has no central column: 省级及以上 counts both.
  auto row = Row(Stats(admin_, "成都市教育局"), unit);
  EXPECT_EQ(row.at("media_provincial").as_int64(), 2);
  EXPECT_EQ(row.at("media_city").as_int64(), 1);
  EXPECT_EQ(row.at("media_county").as_int64(), 0);
  auto sources = admin_.Get(
      Base() + "/statistics/sources?unit_id=" + std::to_string(UnitId(server_.db(), unit)) +
      "&figure=media_provincial");
  ASSERT_EQ(sources.status, 200u) << sources.body;
  EXPECT_EQ(sources.data().at("total").as_int64(), 2);
}

TEST_F(StatisticsTest, TheSameReportIsRecordedOnceInAChain) {
  auto post = [&](const std::string& unit, const char* outlet, const char* title, const char* url) {
    return admin_.Post(Base() + "/media-reports",
                       json::object{{"unit_id", UnitId(server_.db(), unit)},
                                    {"outlet", outlet},
                                    {"level", "provincial"},
                                    {"title", title},
                                    {"published_on", "2025-05-14"},
                                    {"url", url}});
  };
  auto first = post("智能制造学院", "四川日报", "智能制造学院开放日", "https://example.cn/a/1");
  ASSERT_EQ(first.status, 201u) << first.body;
  // The college's school enters the same link: refused, naming the college.
  auto school = post("四川科技职业学院", "四川在线", "开放日见闻", "https://example.cn/a/1");
  EXPECT_EQ(school.status, 409u) << school.body;
  EXPECT_EQ(school.error_field(), "url");
  EXPECT_EQ(school.error_message(),
            "智能制造学院已登记过同一链接的报道“智能制造学院开放日”（四川日报，2025-05-"
            "14），不必重复登记");
  // The same title and outlet without a link, entered by the college again.
  auto again = post("智能制造学院", "四川日报", "智能制造学院开放日", "");
  EXPECT_EQ(again.status, 409u) << again.body;
  EXPECT_EQ(again.error_field(), "title");
  // A report of the school first, then a college below it repeats it.
  ASSERT_EQ(post("四川科技职业学院", "四川电视台", "活动周开幕", "").status, 201u);
  auto below = post("信息工程学院", "四川电视台", "活动周开幕", "https://example.cn/tv/9");
  EXPECT_EQ(below.status, 409u) << below.body;
  EXPECT_NE(below.error_message().find("四川科技职业学院已登记过"), std::string::npos)
      << below.body;
  // Another chain may report the same article; a different link or title is a new report.
  EXPECT_EQ(
      post("成都市财贸职业高级中学", "四川日报", "智能制造学院开放日", "https://example.cn/a/1")
          .status,
      201u);
  EXPECT_EQ(post("信息工程学院", "四川日报", "智能制造学院开放日", "https://example.cn/a/2").status,
            201u);  // a sibling of the college, not in its chain
  EXPECT_EQ(post("智能制造学院", "四川日报", "智能制造学院开放日（二）", "").status, 201u);
}

// The province: the week's check-ins in both chains, the forms
// submitted and accepted up the chain, and every figure of the province's
// rows and total checked by hand — sums of accepted children only, coverage
// recomputed from the sums.
TEST_F(StatisticsTest, ProvinceRollUpSumsAcceptedChildren) {
  Id a1 = Activity("智能制造学院", "on_campus", "四川长虹、东方电气");
  Id a2 = Activity("信息工程学院", "on_campus", "", "东方电气，京东方");
  Id a3 = Activity("成都市财贸职业高级中学");
  Id a4 = Activity("绵阳职业技术学校");
  Id a5 = Activity("成都市技师学院");
  Id a6 = Activity("宜宾职业技术学院");
  Attend(a1, "student", 10, 10);
  Attend(a1, "staff", 1, 1);
  Walkin(a1, "staff", 2);
  Walkin(a1, "public", 5);        // 智能制造: teachers 3, students 10, total 18
  Attend(a2, "student", 20, 20);  // 信息工程: students 20, total 20
  Attend(a3, "student", 30, 30);
  Attend(a3, "staff", 4, 4);      // 财贸: teachers 4, students 30, total 34
  Attend(a4, "student", 40, 40);  // 绵阳: never accepted, never counted
  Attend(a5, "student", 8, 8);    // 技师学院 (HR chain): students 8
  Attend(a6, "staff", 2, 2);      // 宜宾职院: teachers 2 (overridden to 5)
  Media("成都市财贸职业高级中学", "city");

  Client school(server_.port());
  school.Login("sctc");
  Client city(server_.port());
  city.Login("chengdu");
  Client province(server_.port());
  province.Login("province");

  // Colleges → their school, before the schools' deadline: a unit past its
  // own deadline would submit without its missing children.
  ScopedClock in_the_week("2025-05-20T10:00:00+08:00");
  Accept(school, Submit(admin_, "statistics", "智能制造学院"));
  auto blocked =
      school.Post(Form("statistics", "四川科技职业学院", "/submit"), json::object{{"version", 0}});
  EXPECT_EQ(blocked.status, 409u);
  EXPECT_NE(blocked.error_message().find("信息工程学院"), std::string::npos);
  auto college2 = Submit(admin_, "statistics", "信息工程学院");
  // Before acceptance the school's total leaves 信息工程学院 out.
  auto partial = school.Get(Form("statistics", "四川科技职业学院")).data();
  EXPECT_EQ(partial.at("total").at("students").as_int64(), 10);
  Accept(school, college2);
  for (const char* c : {"建筑与艺术学院", "经济管理学院", "健康护理学院"}) {
    NotParticipating(school, "statistics", c);
  }
  auto sctc = school.Get(Form("statistics", "四川科技职业学院")).data();
  // One school; 东方电气 of both colleges counts once.
  Expect(sctc.at("total").as_object(), {1, 3, 30, 3, 38, 2, 0, 0, 0}, 0.14);  // 30/21000
  Accept(province, Submit(school, "statistics", "四川科技职业学院"));

  // Secondary school → city education bureau → province.
  Accept(city, Submit(admin_, "statistics", "成都市财贸职业高级中学"));
  auto chengdu = Submit(city, "statistics", "成都市教育局");
  Expect(chengdu.at("total").as_object(), {1, 4, 30, 0, 34, 1, 0, 1, 0}, 0.94);  // 30/3200
  Accept(province, chengdu);
  Submit(admin_, "statistics", "绵阳职业技术学校");  // submitted, not accepted

  // A higher vocational school reports to the province directly; its
  // overrides (teachers and total, with reasons) are what the province counts.
  auto yibin_path = Form("statistics", "宜宾职业技术学院");
  auto saved = admin_.Put(
      yibin_path,
      json::object{
          {"version", 0},
          {"data",
           json::object{
               {"overrides",
                json::object{
                    {"teachers", json::object{{"value", 5}, {"reason", "含线上指导教师 3 人"}}},
                    {"total", json::object{{"value", 5}, {"reason", "同上"}}}}}}}});
  ASSERT_EQ(saved.status, 200u) << saved.body;
  EXPECT_EQ(saved.data().at("computed").at("teachers").as_int64(), 2);
  EXPECT_EQ(saved.data().at("final").at("teachers").as_int64(), 5);
  Accept(province, Submit(admin_, "statistics", "宜宾职业技术学院"));

  // The province: 四川科技职业学院 + 成都市教育局 + 宜宾职业技术学院 (final 5 teachers).
  auto edu = province.Get(Form("statistics", "四川省教育厅"));
  ASSERT_EQ(edu.status, 200u) << edu.body;
  auto edu_total = edu.data().at("total").as_object();
  // schools teachers students enterprises total projects media; 60 / (21000+3200+18000)
  Expect(edu_total, {3, 12, 60, 3, 77, 4, 0, 1, 0}, 0.14);
  EXPECT_EQ(edu_total.at("enrolled").as_int64(), 42200);
  auto row = [&](const std::string& name) {
    for (const auto& r : edu.data().at("rows").as_array()) {
      if (r.at("unit_name").as_string() == name) return r.as_object();
    }
    ADD_FAILURE() << "no row " << name;
    return json::object{};
  };
  EXPECT_TRUE(row("宜宾职业技术学院").at("included").as_bool());
  EXPECT_EQ(row("宜宾职业技术学院").at("teachers").as_int64(), 5);
  EXPECT_EQ(row("绵阳市教育局").at("included").as_bool(), false);
  EXPECT_EQ(row("成都工业职业技术学院").at("status").as_string(), "not_started");

  // The HR chain: technical school → city HR bureau → provincial HR department.
  Accept(admin_, Submit(admin_, "statistics", "成都市技师学院"));
  Accept(admin_, Submit(admin_, "statistics", "成都市人力资源和社会保障局"));
  auto hr = admin_.Get(Form("statistics", "四川省人力资源和社会保障厅")).data();
  Expect(hr.at("total").as_object(), {1, 0, 8, 0, 8, 1, 0, 0, 0}, 0.09);  // 8/9000

  // The province's overview: both chains, a city's two bureaus in one row,
  // the total the sum of the two chains' roll-ups.
  std::string overview = Base() + "/submissions/statistics/overview";
  auto all = province.Get(overview);
  ASSERT_EQ(all.status, 200u) << all.body;
  const auto& o = all.data().as_object();
  EXPECT_EQ(o.at("region_name"), "四川省");
  ASSERT_EQ(o.at("chains").as_array().size(), 2u);
  // 68 / (42,200 + 9,000) students over enrolled
  Expect(o.at("total").as_object(), {4, 12, 68, 3, 85, 5, 0, 1, 0}, 0.13);
  EXPECT_EQ(o.at("total").at("enrolled").as_int64(), 51200);
  // 成都市: 教育局 (1, 4, 30, 0, 34, 1, media city 1) + 人社局 (1, 0, 8, 0, 8, 1); 38 / 12,200
  json::object cd = Row(o, "成都市");
  Expect(cd, {2, 4, 38, 0, 42, 2, 0, 1, 0}, 0.31);
  EXPECT_EQ(cd.at("parts").as_array().size(), 2u);
  EXPECT_FALSE(Row(o, "绵阳市").at("included").as_bool());
  EXPECT_EQ(Row(o, "宜宾职业技术学院").at("teachers").as_int64(), 5);
  for (const char* login : {"chengdu", "sctc"}) {  // no role on both roots
    Client c(server_.port());
    c.Login(login);
    auto refused = c.Get(overview);
    EXPECT_EQ(refused.status, 403u) << login;
    EXPECT_NE(refused.error_message().find("查看权限"), std::string::npos) << refused.body;
  }
  // Its annex-5 export: the title of the province, 绵阳市 listed blank as not counted.
  auto xlsx = province.Get(overview + "/export?format=xlsx");
  ASSERT_EQ(xlsx.status, 200u) << xlsx.body.substr(0, 200);
  auto table = tables::ReadTable(xlsx.body, tables::FileType::kXlsx);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->header.cells[0], "四川省2025年职业教育活动周情况统计表");
  bool mianyang = false;
  for (const auto& r : table->rows) {
    if (r.cells[0] != "绵阳市（未填报，未计入）") continue;
    mianyang = true;
    EXPECT_TRUE(r.cells.size() < 2 || r.cells[1].empty());
  }
  EXPECT_TRUE(mianyang);
  // The education department's own table lists its bureau blank as well.
  auto edu_xlsx = province.Get(Form("statistics", "四川省教育厅", "/export") + "&format=xlsx");
  auto edu_table = tables::ReadTable(edu_xlsx.body, tables::FileType::kXlsx);
  ASSERT_TRUE(edu_table.ok());
  EXPECT_TRUE(std::any_of(edu_table->rows.begin(), edu_table->rows.end(), [](const auto& r) {
    return r.cells[0] == "绵阳市教育局（未填报，未计入）";
  }));
  EXPECT_EQ(province.Get(overview + "/export?format=pdf").body.substr(0, 5), "%PDF-");
}

TEST_F(StatisticsTest, FormWorkflowVersionsLocksAndVerification) {
  Client school(server_.port());
  school.Login("school2");
  Client province(server_.port());
  province.Login("province");
  std::string path = Form("info_form", "成都工业职业技术学院");
  auto fresh = school.Get(path);
  ASSERT_EQ(fresh.status, 200u) << fresh.body;
  EXPECT_EQ(fresh.data().at("status"), "not_started");
  EXPECT_EQ(std::string(fresh.data().at("due_at").as_string()).substr(0, 10), "2025-05-13");
  json::object data{{"contact_person", "李老师"},
                    {"position", "教务处副处长"},
                    {"mobile", "13800001111"},
                    {"qq", "12345"},
                    {"website", "https://www.example.edu.cn/zjz"},
                    {"work_plan", ""},
                    {"featured", "开放日"}};
  std::string long_plan;
  for (int i = 0; i < 301; ++i) long_plan += "计";
  data["work_plan"] = long_plan;
  auto v1 = school.Put(path, json::object{{"version", 0}, {"data", data}});
  ASSERT_EQ(v1.status, 200u) << v1.body;
  EXPECT_EQ(v1.data().at("version").as_int64(), 1);
  // The second editor, still on version 0, is refused, not merged.
  auto stale = school.Put(path, json::object{{"version", 0}, {"data", data}});
  EXPECT_EQ(stale.status, 409u);
  EXPECT_NE(stale.error_message().find("已被他人修改"), std::string::npos);
  // 301 characters (903 bytes) break the 300-character rule; submission refused.
  auto too_long =
      school.Post(path.substr(0, path.find('?')) + "/submit" + path.substr(path.find('?')),
                  json::object{{"version", 1}});
  EXPECT_EQ(too_long.status, 400u);
  EXPECT_EQ(too_long.error_field(), "work_plan");
  data["work_plan"] = long_plan.substr(0, 300 * 3);  // exactly 300 characters
  auto v2 = school.Put(path, json::object{{"version", 1}, {"data", data}});
  ASSERT_EQ(v2.status, 200u) << v2.body;
  auto bad_mobile = data;
  bad_mobile["mobile"] = "1380000";
  EXPECT_EQ(school.Put(path, json::object{{"version", 2}, {"data", bad_mobile}}).error_field(),
            "mobile");
  auto submitted = Submit(school, "info_form", "成都工业职业技术学院");
  EXPECT_EQ(submitted.at("status"), "submitted");
  EXPECT_TRUE(submitted.at("late").as_bool());  // the 2025 deadline has passed
  // The unit cannot review itself; its parent can.
  Id id = submitted.at("id").as_int64();
  EXPECT_EQ(school
                .Post("/api/submissions/" + std::to_string(id) + "/accept",
                      json::object{{"version", submitted.at("version")}})
                .status,
            403u);
  EXPECT_EQ(province
                .Post("/api/submissions/" + std::to_string(id) + "/return",
                      json::object{{"version", submitted.at("version")}})
                .error_field(),
            "comment");
  // The version the reviewer loaded is required, and a stale one is refused.
  EXPECT_EQ(province
                .Post("/api/submissions/" + std::to_string(id) + "/return",
                      json::object{{"comment", "请补充活动时间"}})
                .error_field(),
            "version");
  EXPECT_EQ(province
                .Post("/api/submissions/" + std::to_string(id) + "/return",
                      json::object{{"comment", "请补充活动时间"},
                                   {"version", submitted.at("version").as_int64() - 1}})
                .status,
            409u);
  auto returned = province.Post(
      "/api/submissions/" + std::to_string(id) + "/return",
      json::object{{"comment", "请补充活动时间"},
                   {"field_comments", json::object{{"work_plan", "写明5月11日至17日的安排"}}},
                   {"version", submitted.at("version")}});
  ASSERT_EQ(returned.status, 200u) << returned.body;
  EXPECT_EQ(returned.data().at("status"), "returned");
  auto seen = school.Get(path).data();
  EXPECT_EQ(seen.at("field_comments").at("work_plan"), "写明5月11日至17日的安排");
  EXPECT_TRUE(seen.at("can_edit").as_bool());
  auto accepted = Accept(province, Submit(school, "info_form", "成都工业职业技术学院"));
  ASSERT_EQ(accepted.at("status"), "accepted");
  std::string code(accepted.at("snapshot").at("code").as_string());
  EXPECT_EQ(code.size(), 19u);  // XXXX-XXXX-XXXX-XXXX
  EXPECT_NE(accepted.at("snapshot").at("verify_url").as_string().find("/p/verify/" + code),
            std::string::npos);
  // Locked: no save; only the reviewer reopens, with a reason.
  EXPECT_EQ(
      school.Put(path, json::object{{"version", accepted.at("version")}, {"data", data}}).status,
      409u);
  auto verify = anon_.Get("/api/public/verify/" + code);
  ASSERT_EQ(verify.status, 200u) << verify.body;
  EXPECT_EQ(verify.data().at("unit_name"), "成都工业职业技术学院");
  EXPECT_EQ(verify.data().at("content").at("data").at("contact_person"), "李*");
  EXPECT_EQ(verify.data().at("content_hash"), accepted.at("snapshot").at("content_hash"));
  EXPECT_EQ(anon_.Get("/api/public/verify/AAAA-AAAA").status, 404u);
  std::string reopen = "/api/submissions/" + std::to_string(id) + "/reopen";
  json::value accepted_version = accepted.at("version");
  EXPECT_EQ(
      school.Post(reopen, json::object{{"reason", "要改"}, {"version", accepted_version}}).status,
      403u);
  EXPECT_EQ(province.Post(reopen, json::object{{"reason", ""}, {"version", accepted_version}})
                .error_field(),
            "reason");
  EXPECT_EQ(province.Post(reopen, json::object{{"reason", "手机号码有误"}}).error_field(),
            "version");
  EXPECT_EQ(province
                .Post(reopen, json::object{{"reason", "手机号码有误"},
                                           {"version", accepted_version.as_int64() - 1}})
                .status,
            409u);
  auto reopened = province.Post(
      reopen, json::object{{"reason", "手机号码有误"}, {"version", accepted_version}});
  ASSERT_EQ(reopened.status, 200u) << reopened.body;
  EXPECT_EQ(reopened.data().at("status"), "returned");
  // The old code still verifies what was accepted then.
  EXPECT_EQ(anon_.Get("/api/public/verify/" + code).status, 200u);
  // Every transition is in the history.
  auto history = school.Get("/api/submissions/" + std::to_string(id) + "/history");
  ASSERT_EQ(history.status, 200u);
  std::string actions;
  for (const auto& h : history.data().at("items").as_array()) {
    actions += std::string(h.at("action").as_string()) + ",";
  }
  for (const char* a : {"update", "submit", "return", "accept", "reopen"}) {
    EXPECT_NE(actions.find(a), std::string::npos) << a << " in " << actions;
  }
  // The unit was notified of the return and the acceptance.
  auto notes = school.Get("/api/notifications");
  ASSERT_EQ(notes.status, 200u);
  EXPECT_GE(notes.data().at("unread").as_int64(), 3);
}

TEST_F(StatisticsTest, ReviewScopeBoardRemindersAndRules) {
  Client city(server_.port());
  city.Login("chengdu");
  Client school(server_.port());
  school.Login("school2");
  Client province(server_.port());
  province.Login("province");
  // A city reads its own schools' forms, not another city's.
  EXPECT_EQ(city.Get(Form("statistics", "成都市财贸职业高级中学")).status, 200u);
  EXPECT_EQ(city.Get(Form("statistics", "绵阳职业技术学校")).status, 403u);
  EXPECT_EQ(city.Get(Form("statistics", "四川省教育厅")).status, 403u);
  EXPECT_EQ(city.Get(Base() + "/submissions/statistics?unit_id=99999999").status, 403u);
  EXPECT_EQ(city.Get(Base() + "/submissions/materials?unit_id=1").error_field(), "form");
  auto mianyang = Submit(admin_, "statistics", "绵阳职业技术学校");
  Id forged = mianyang.at("id").as_int64();
  EXPECT_EQ(city.Post("/api/submissions/" + std::to_string(forged) + "/accept",
                      json::object{{"version", mianyang.at("version")}})
                .status,
            403u);
  EXPECT_EQ(city.Get("/api/submissions/" + std::to_string(forged) + "/history").status, 403u);
  EXPECT_EQ(school
                .Post("/api/submissions/" + std::to_string(forged) + "/return",
                      json::object{{"comment", "x"}, {"version", mianyang.at("version")}})
                .status,
            403u);

  // The province's board: cities' bureaus and higher vocational schools.
  auto board = province.Get(
      Base() + "/board/info_form?unit_id=" + std::to_string(UnitId(server_.db(), "四川省教育厅")));
  ASSERT_EQ(board.status, 200u) << board.body;
  EXPECT_EQ(board.data().at("expected").as_int64(), 24);  // 21 cities + 3 schools
  EXPECT_EQ(board.data().at("counts").at("not_started").as_int64(), 24);
  NotParticipating(province, "info_form", "宜宾职业技术学院");
  auto remind = province.Post(Base() + "/board/info_form/remind?unit_id=" +
                                  std::to_string(UnitId(server_.db(), "四川省教育厅")),
                              json::object{});
  ASSERT_EQ(remind.status, 200u) << remind.body;
  EXPECT_EQ(remind.data().at("reminded").as_int64(), 23);  // not the one that did not take part
  auto cleared = province.Delete(Form("info_form", "宜宾职业技术学院", "/not-participating"));
  ASSERT_EQ(cleared.status, 200u) << cleared.body;
  EXPECT_EQ(cleared.data().at("status"), "not_started");
  NotParticipating(province, "info_form", "宜宾职业技术学院");
  auto notes = school.Get("/api/notifications").data();
  ASSERT_EQ(notes.at("items").as_array().size(), 1u);
  EXPECT_NE(notes.at("items").as_array()[0].at("title").as_string().find("信息采集表"),
            std::string::npos);
  Id note = notes.at("items").as_array()[0].at("id").as_int64();
  EXPECT_EQ(
      city.Post("/api/notifications/" + std::to_string(note) + "/read", json::object{}).status,
      403u);
  EXPECT_EQ(
      school.Post("/api/notifications/" + std::to_string(note) + "/read", json::object{}).status,
      200u);
  EXPECT_EQ(school.Get("/api/notifications").data().at("unread").as_int64(), 0);
  // Read marks are per user: a colleague at the same school still has it unread.
  Id school2 = UnitId(server_.db(), "成都工业职业技术学院");
  Client creator(server_.port());
  creator.Login("school2");
  ASSERT_EQ(
      creator
          .Post("/api/users", {{"username", "school2-office"},
                               {"password", "Office2025"},
                               {"display_name", "教务处干事"},
                               {"unit_id", school2},
                               {"grants", json::array{{{"unit_id", school2}, {"role", "viewer"}}}}})
          .status,
      201u);
  Client colleague(server_.port());
  colleague.Login("school2-office", "Office2025");
  // A new account sets its own password before anything else.
  ASSERT_EQ(colleague
                .Post("/api/auth/password",
                      {{"old_password", "Office2025"}, {"new_password", "Office2026x"}})
                .status,
            200u);
  auto theirs = colleague.Get("/api/notifications").data();
  EXPECT_EQ(theirs.at("unread").as_int64(), 1);
  EXPECT_EQ(theirs.at("items").as_array()[0].at("read_at"), "");
  auto after = province.Get(
      Base() + "/board/info_form?unit_id=" + std::to_string(UnitId(server_.db(), "四川省教育厅")));
  EXPECT_EQ(after.data().at("counts").at("not_participating").as_int64(), 1);
  EXPECT_EQ(city.Post(Base() + "/board/info_form/remind?unit_id=" +
                          std::to_string(UnitId(server_.db(), "四川省教育厅")),
                      json::object{})
                .status,
            403u);

  // Rules are data: listed for everyone, changed by the province only.
  auto rules = school.Get("/api/validation-rules");
  ASSERT_EQ(rules.status, 200u);
  EXPECT_EQ(rules.data().at("total").as_int64(), 11);  // 9 of 0007, 2 of the plan (0014)
  json::object change{{"value", 2}, {"severity", "warning"}, {"enabled", true}};
  EXPECT_EQ(school.Put("/api/validation-rules/statistics.jump", change).status, 403u);
  auto changed = province.Put("/api/validation-rules/statistics.jump", change);
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(changed.data().at("value").as_double(), 2.0);
  // An override that breaks a rule is an error naming the field.
  auto bad = admin_.Post(
      Form("statistics", "成都市财贸职业高级中学", "/validate"),
      json::object{
          {"data", json::object{{"overrides",
                                 json::object{{"students", json::object{{"value", 5000},
                                                                        {"reason", "全校"}}}}}}}});
  ASSERT_EQ(bad.status, 200u) << bad.body;
  std::string fields;
  for (const auto& i : bad.data().at("issues").as_array())
    fields += std::string(i.at("field").as_string()) + ",";
  EXPECT_NE(fields.find("coverage"), std::string::npos) << fields;  // 5000 / 3200 > 100%
  EXPECT_NE(fields.find("total"), std::string::npos) << fields;     // total < students
  EXPECT_EQ(admin_
                .Put(Form("statistics", "成都市财贸职业高级中学"),
                     json::object{
                         {"version", 0},
                         {"data",
                          json::object{{"overrides",
                                        json::object{{"students", json::object{{"value", 5}}}}}}}})
                .error_field(),
            "students");  // an override needs its reason
}

TEST_F(StatisticsTest, MessagesNameTheFieldOnceAndInChinese) {
  std::string unit = "成都市财贸职业高级中学";
  auto bad = admin_.Post(
      Form("statistics", unit, "/validate"),
      json::object{
          {"data", json::object{{"overrides",
                                 json::object{{"students", json::object{{"value", 5000},
                                                                        {"reason", "全校"}}}}}}}});
  ASSERT_EQ(bad.status, 200u) << bad.body;
  std::map<std::string, std::string> messages;
  for (const auto& i : bad.data().at("issues").as_array()) {
    messages[std::string(i.at("field").as_string())] = i.at("message").as_string();
  }
  // The rule's message names the field already: no "label：" before it.
  EXPECT_EQ(messages["coverage"], "参与活动的学生覆盖率不能超过 100%");
  EXPECT_EQ(messages["total"], "参与总人数不应少于参与活动的教师数与学生数之和");

  auto put = [&](const char* field) {
    return admin_.Put(
        Form("statistics", unit),
        json::object{
            {"version", 0},
            {"data",
             json::object{{"overrides",
                           json::object{{field, json::object{{"value", 5}, {"reason", "x"}}}}}}}});
  };
  auto coverage = put("coverage");
  EXPECT_EQ(coverage.status, 400u) << coverage.body;
  EXPECT_EQ(coverage.error_field(), "coverage");
  EXPECT_EQ(coverage.error_message(),
            "“参与活动的学生覆盖率”由其他数字计算得出，不是可调整的统计项");
  auto unknown = put("visitors");
  EXPECT_EQ(unknown.error_field(), "visitors");
  EXPECT_EQ(unknown.error_message(), "情况统计表没有“visitors”这一项");
}

// Marking a unit with records "not participating" in the statistics drops
// them from its parent's figures: the server first asks for confirmation,
// naming what would go, and changes nothing; confirmed, it marks the unit
// and the records stay. A unit without records needs no confirmation.
TEST_F(StatisticsTest, NotParticipatingWithRecordsAsksForConfirmation) {
  const std::string college = "建筑与艺术学院";
  Id a = Activity(college);
  Attend(a, "student", 6, 6);
  Walkin(a, "staff", 2);
  Media(college, "city");
  Client school(server_.port());
  school.Login("sctc");

  auto asked = school.Post(Form("statistics", college, "/not-participating"),
                           json::object{{"reason", "本届未开展"}});
  ASSERT_EQ(asked.status, 409u) << asked.body;
  EXPECT_EQ(asked.error_code(), "confirm_required");
  EXPECT_NE(asked.error_message().find("确认"), std::string::npos);
  const auto& drop = asked.json.at("error").at("would_drop");
  EXPECT_EQ(drop.at("activities").as_int64(), 1);
  EXPECT_EQ(drop.at("people").as_int64(), 8);  // 6 checked in, 2 counted at the door
  EXPECT_EQ(drop.at("media_reports").as_int64(), 1);
  EXPECT_EQ(school.Get(Form("statistics", college)).data().at("status"), "not_started");
  auto refused = school.Post(Form("statistics", college, "/not-participating"),
                             json::object{{"reason", "本届未开展"}, {"confirm", false}});
  EXPECT_EQ(refused.status, 409u) << refused.body;
  // The other forms carry no figures: nothing to drop, nothing to confirm.
  NotParticipating(school, "info_form", college);

  auto marked = school.Post(Form("statistics", college, "/not-participating"),
                            json::object{{"reason", "本届未开展"}, {"confirm", true}});
  ASSERT_EQ(marked.status, 200u) << marked.body;
  EXPECT_EQ(marked.data().at("status"), "not_participating");
  // The college's own records stay.
  auto own = Stats(admin_, college).at("total").as_object();
  EXPECT_EQ(own.at("students").as_int64(), 6);
  EXPECT_EQ(own.at("media_city").as_int64(), 1);
  auto history = school.Get("/api/submissions/" +
                            std::to_string(marked.data().at("id").as_int64()) + "/history");
  ASSERT_EQ(history.status, 200u) << history.body;
  EXPECT_NE(history.body.find("不再计入"), std::string::npos) << history.body;

  // A college with nothing to count is marked at once.
  NotParticipating(school, "statistics", "经济管理学院");
}

// What a mark would drop is the college's own figures: only its reviewers
// above may ask. Anonymous callers, another school and the college itself
// get no count, and nothing is marked.
TEST_F(StatisticsTest, OnlyReviewersAboveSeeWhatAMarkWouldDrop) {
  const std::string college = "建筑与艺术学院";
  Attend(Activity(college), "student", 3, 3);
  std::string path = Form("statistics", college, "/not-participating");
  json::object body{{"reason", "本届未开展"}, {"confirm", true}};

  Client anonymous(server_.port());
  auto anon = anonymous.Post(path, body);
  EXPECT_EQ(anon.status, 401u) << anon.body;
  Client other(server_.port());
  other.Login("school2");
  Client self(server_.port());
  self.Login("sctc-college");
  for (Client* c : {&other, &self}) {
    for (bool confirm : {false, true}) {
      body["confirm"] = confirm;
      auto r = c->Post(path, body);
      EXPECT_EQ(r.status, 403u) << r.body;
      EXPECT_EQ(r.body.find("would_drop"), std::string::npos) << r.body;
    }
  }
  EXPECT_EQ(admin_.Get(Form("statistics", college)).data().at("status"), "not_started");
}

// The chain's duplicate check answers only callers who may enter reports for
// the unit: another school forging the college's id learns nothing of the
// report already there.
TEST_F(StatisticsTest, TheDuplicateCheckTellsNothingOutsideTheChain) {
  json::object report{{"unit_id", UnitId(server_.db(), "智能制造学院")},
                      {"outlet", "四川日报"},
                      {"level", "provincial"},
                      {"title", "智能制造学院开放日"},
                      {"published_on", "2025-05-14"},
                      {"url", "https://example.cn/a/7"}};
  ASSERT_EQ(admin_.Post(Base() + "/media-reports", report).status, 201u);

  Client anonymous(server_.port());
  EXPECT_EQ(anonymous.Post(Base() + "/media-reports", report).status, 401u);
  Client other(server_.port());
  other.Login("school2");
  auto forged = other.Post(Base() + "/media-reports", report);
  EXPECT_EQ(forged.status, 403u) << forged.body;
  EXPECT_EQ(forged.body.find("开放日"), std::string::npos) << forged.body;
  EXPECT_EQ(forged.body.find("已登记过"), std::string::npos) << forged.body;
}

TEST_F(StatisticsTest, JumpAgainstThePreviousCampaignWarns) {
  std::string unit = "成都市财贸职业高级中学";
  Attend(Activity(unit), "student", 30, 30);
  Client city(server_.port());
  city.Login("chengdu");
  Accept(city, Submit(admin_, "statistics", unit));  // 2025: 30 students, 30 in total

  auto next = admin_.Post(
      Base() + "/copy",
      json::object{{"year", 2026}, {"name", "2026年职业教育活动周"}, {"starts_on", "2026-05-10"}});
  ASSERT_EQ(next.status, 201u) << next.body;
  std::string path = "/api/campaigns/" + std::to_string(next.data().at("id").as_int64()) +
                     "/submissions/statistics";
  std::string query = "?unit_id=" + std::to_string(UnitId(server_.db(), unit));
  auto check = [&](json::object overrides) {
    auto r = admin_.Post(path + "/validate" + query,
                         json::object{{"data", json::object{{"overrides", overrides}}}});
    EXPECT_EQ(r.status, 200u) << r.body;
    std::vector<std::string> out;
    for (const auto& i : r.data().at("issues").as_array()) {
      if (i.at("rule") != "statistics.jump") continue;
      EXPECT_EQ(i.at("severity"), "warning");
      out.push_back(std::string(i.at("field").as_string()) + " " +
                    std::string(i.at("message").as_string()));
    }
    return out;
  };
  // 2026 without records: students and total fell from 30 to 0 (beyond 3×).
  auto fell = check({});
  ASSERT_EQ(fell.size(), 3u);  // students, total, projects (1 → 0)
  EXPECT_NE(fell[0].find("上一届 30，本届 0"), std::string::npos) << fell[0];
  // Within the factor (30 → 40 and 30 → 12) nothing is said; beyond it (30 → 91) it is.
  json::object near{{"students", json::object{{"value", 40}, {"reason", "补录"}}},
                    {"total", json::object{{"value", 12}, {"reason", "补录"}}},
                    {"projects", json::object{{"value", 1}, {"reason", "补录"}}}};
  EXPECT_TRUE(check(near).empty());
  near["students"] = json::object{{"value", 91}, {"reason", "补录"}};
  auto jumped = check(near);
  ASSERT_EQ(jumped.size(), 1u);
  EXPECT_EQ(jumped[0].substr(0, 9), "students ");
  // A warning does not block: the 2026 form submits with it.
  auto cur = admin_.Get(path + query);
  auto sent =
      admin_.Post(path + "/submit" + query, json::object{{"version", cur.data().at("version")}});
  EXPECT_EQ(sent.status, 200u) << sent.body;
}

// Issue 12: any workbook was taken as the template (answering valid) and
// an import silently dropped the overrides the file did not repeat.
TEST_F(StatisticsTest, TemplateImportTakesOnlyThisUnitsTemplateAndShowsWhatChanges) {
  Id a = Activity("成都市财贸职业高级中学");
  Attend(a, "student", 30, 30);
  std::string unit = "成都市财贸职业高级中学";
  std::string title = unit + "2025年职业教育活动周情况统计表";
  auto upload = [&](const std::string& bytes, bool dry = true) {
    auto r = admin_.Request("POST", Form("statistics", unit, "/import") + (dry ? "&dry_run=1" : ""),
                            bytes, {{"Content-Type", std::string(xlsx::kContentType)}});
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.data();
  };
  auto only_error = [](const json::value& answer) {
    EXPECT_FALSE(answer.at("valid").as_bool()) << answer;
    EXPECT_EQ(answer.at("errors").as_array().size(), 1u) << answer;
    EXPECT_TRUE(answer.at("changes").as_array().empty()) << answer;
    return std::string(answer.at("errors").at(0).at("message").as_string());
  };

  // Another workbook, however its row 5 looks.
  EXPECT_EQ(only_error(upload(FilledTemplate("标题", unit, {{"D5", "35"}, {"L5", "补录"}}))),
            "不是本单位的统计表模板：第 1 行 A 列的标题应为“" + title +
                "”，文件中是“标题”。请在本页下载模板，填写后上传");
  // Another unit's template, downloaded for that unit.
  auto theirs = admin_.Get(Base() + "/submissions/statistics/template?unit_id=" +
                           std::to_string(UnitId(server_.db(), "成都工业职业技术学院")));
  ASSERT_EQ(theirs.status, 200u) << theirs.body;
  EXPECT_NE(only_error(upload(theirs.body)).find("文件中是“成都工业职业技术学院2025年职业教育活…”"),
            std::string::npos);
  // This unit's title over other heads, or another unit's row.
  EXPECT_EQ(only_error(upload(FilledTemplate(title, unit, {{"B3", "学校数"}}))),
            "不是本单位的统计表模板：第 3 行 B 列的表头应为“参与活动的职业学校（含技工院校）数”，"
            "文件中是“学校数”。请在本页下载模板，填写后上传");
  EXPECT_NE(only_error(upload(FilledTemplate(title, unit, {{"A5", "成都工业职业技术学院"}})))
                .find("第 5 行 A 列的单位名称应为“成都市财贸职业高级中学”"),
            std::string::npos);
  EXPECT_NE(only_error(upload(FilledTemplate(title, unit, {{"L3", " "}}))).find("文件中是空的"),
            std::string::npos);

  // The form has two overrides; the file keeps one, leaves the other empty
  // and adjusts a third figure.
  auto form = admin_.Get(Form("statistics", unit)).data();
  const auto& computed = form.at("computed");
  std::int64_t students = computed.at("students").as_int64();
  std::int64_t teachers = computed.at("teachers").as_int64();
  std::int64_t total = computed.at("total").as_int64();
  auto saved = admin_.Put(
      Form("statistics", unit),
      json::object{
          {"version", form.at("version")},
          {"data",
           json::object{
               {"overrides", json::object{{"students", json::object{{"value", students + 5},
                                                                    {"reason", "补录纸质签到"}}},
                                          {"teachers", json::object{{"value", teachers + 3},
                                                                    {"reason", "线上指导"}}}}}}}});
  ASSERT_EQ(saved.status, 200u) << saved.body;
  auto file = FilledTemplate(title, unit,
                             {{"D5", std::to_string(students + 5)},
                              {"G5", std::to_string(total + 20)},
                              {"L5", "含陪同家长"}});
  auto check = upload(file);
  ASSERT_TRUE(check.at("valid").as_bool()) << check;
  std::map<std::string, json::object> changes;
  for (const auto& c : check.at("changes").as_array()) {
    changes[std::string(c.at("field").as_string())] = c.as_object();
  }
  ASSERT_EQ(changes.size(), 9u) << check;
  auto expect = [&](const char* field, std::int64_t current, std::int64_t imported,
                    const char* change, const char* before, const char* after) {
    const json::object& c = changes[field];
    EXPECT_EQ(c.at("current").as_int64(), current) << field;
    EXPECT_EQ(c.at("imported").as_int64(), imported) << field;
    EXPECT_EQ(c.at("override"), change) << field;
    EXPECT_EQ(c.at("reason_before"), before) << field;
    EXPECT_EQ(c.at("reason_after"), after) << field;
  };
  expect("students", students + 5, students + 5, "kept", "补录纸质签到", "补录纸质签到");
  expect("teachers", teachers + 3, teachers, "removed", "线上指导", "");
  expect("total", total, total + 20, "added", "", "含陪同家长");
  expect("projects", computed.at("projects").as_int64(), computed.at("projects").as_int64(), "none",
         "", "");
  EXPECT_EQ(changes["teachers"].at("label"), "参与活动的教师数");
  // A dry run saved nothing; the import does what it showed.
  EXPECT_EQ(admin_.Get(Form("statistics", unit)).data().at("final").at("teachers").as_int64(),
            teachers + 3);
  auto done = upload(file, /*dry=*/false);
  ASSERT_TRUE(done.at("saved").as_bool()) << done;
  auto after = admin_.Get(Form("statistics", unit)).data();
  EXPECT_EQ(after.at("final").at("students").as_int64(), students + 5);
  EXPECT_EQ(after.at("final").at("teachers").as_int64(), teachers);
  EXPECT_EQ(after.at("final").at("total").as_int64(), total + 20);
  EXPECT_EQ(after.at("data").at("overrides").at("students").at("reason"), "补录纸质签到");
}

TEST_F(StatisticsTest, ExportsScansAndTemplateImport) {
  Id a = Activity("成都市财贸职业高级中学");
  Attend(a, "student", 30, 30);
  Client city(server_.port());
  city.Login("chengdu");
  std::string unit = "成都市财贸职业高级中学";
  for (const char* form : {"info_form", "statistics", "summary"}) {
    for (const char* format : {"xlsx", "pdf", "docx"}) {
      auto r = admin_.Get(Form(form, unit, "/export") + "&format=" + format);
      bool expected = std::string(format) != "docx"
                          ? std::string(form) != "summary" || std::string(format) == "pdf"
                          : std::string(form) == "summary";
      if (!expected) {
        EXPECT_EQ(r.status, 400u) << form << " " << format;
        continue;
      }
      ASSERT_EQ(r.status, 200u) << form << " " << format << ": " << r.body.substr(0, 200);
      EXPECT_EQ(r.body.substr(0, 2), std::string(format) == "pdf" ? "%P" : "PK") << form;
      EXPECT_NE(r.headers["content-disposition"].find("filename*=UTF-8''"), std::string::npos);
    }
  }
  // The summary report is drafted from the figures.
  auto summary = admin_.Get(Form("summary", unit)).data();
  EXPECT_NE(summary.at("data").at("sections").at("basic").as_string().find("学生30人"),
            std::string::npos)
      << summary.at("data").at("sections").at("basic");

  // The template, filled offline: a changed figure needs a reason.
  auto tpl = admin_.Get(Base() + "/submissions/statistics/template?unit_id=" +
                        std::to_string(UnitId(server_.db(), unit)));
  ASSERT_EQ(tpl.status, 200u) << tpl.body;
  auto same = admin_.Request("POST", Form("statistics", unit, "/import") + "&dry_run=1", tpl.body,
                             {{"Content-Type", std::string(xlsx::kContentType)}});
  ASSERT_EQ(same.status, 200u) << same.body;
  EXPECT_TRUE(same.data().at("valid").as_bool()) << same.body;
  EXPECT_TRUE(same.data().at("overrides").as_object().empty());
  auto filled = [&](const char* students, const char* reason) {
    return FilledTemplate(unit + "2025年职业教育活动周情况统计表", unit,
                          {{"D5", students}, {"G5", "40"}, {"L5", reason}});
  };
  auto upload = [&](const std::string& bytes, bool dry) {
    return admin_.Request("POST", Form("statistics", unit, "/import") + (dry ? "&dry_run=1" : ""),
                          bytes, {{"Content-Type", std::string(xlsx::kContentType)}});
  };
  auto no_reason = upload(filled("35", ""), true);
  ASSERT_EQ(no_reason.status, 200u) << no_reason.body;
  EXPECT_FALSE(no_reason.data().at("valid").as_bool());
  EXPECT_EQ(no_reason.data().at("errors").as_array()[0].at("column"), "L");
  auto word = upload(filled("三十五", "补录"), true);
  EXPECT_EQ(word.data().at("errors").as_array()[0].at("column"), "D");
  auto ok = upload(filled("35", "补录纸质签到 5 人"), false);
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_TRUE(ok.data().at("saved").as_bool()) << ok.body;
  auto after = admin_.Get(Form("statistics", unit)).data();
  EXPECT_EQ(after.at("final").at("students").as_int64(), 35);
  EXPECT_EQ(after.at("computed").at("students").as_int64(), 30);

  // The stamped scan: PDF/JPG/PNG by their bytes, refused otherwise.
  auto sub = Submit(admin_, "statistics", unit);
  std::string scans = "/api/submissions/" + std::to_string(sub.at("id").as_int64()) + "/scans";
  std::string png("\x89PNG\r\n\x1a\n0000", 12);
  auto put = [&](Client& c, const std::string& bytes) {
    return c.Request("POST", scans, bytes,
                     {{"Content-Type", "image/png"}, {"X-File-Name", "%E7%9B%96%E7%AB%A0.png"}});
  };
  EXPECT_EQ(put(admin_, "<html>not a scan</html>").error_field(), "file");
  auto stored = put(city, png);  // the reviewer may attach it too
  ASSERT_EQ(stored.status, 201u) << stored.body;
  EXPECT_EQ(stored.data().at("file_name"), "盖章.png");
  auto back = city.Get("/api/scans/" + std::to_string(stored.data().at("id").as_int64()));
  EXPECT_EQ(back.body, png);
  Client other(server_.port());
  other.Login("school2");
  EXPECT_EQ(other.Get("/api/scans/" + std::to_string(stored.data().at("id").as_int64())).status,
            403u);
  EXPECT_EQ(put(other, png).status, 403u);
}

TEST_F(StatisticsTest, OnePersonAtSeveralActivitiesCountsOnce) {
  Id a1 = Activity("智能制造学院");
  Id a2 = Activity("信息工程学院");
  Id a3 = Activity("智能制造学院");
  // One student with one mobile at three activities of two colleges.
  for (Id a : {a1, a2, a3}) AttendAs(a, "13900000001", "student", 1);
  // One teacher at two.
  AttendAs(a1, "13900000002", "staff", 1);
  AttendAs(a3, "13900000002", "staff", 1);
  // A class with its roster twice: its names count once; the third time
  // only two of them came (the first two names).
  std::vector<std::string> roster{"王小明", "李华", "张伟"};
  AttendAs(a1, "13900000003", "student", 3, roster);
  AttendAs(a2, "13900000004", "student", 3, roster);
  AttendAs(a3, "13900000005", "student", 2, roster);
  // Walk-ins have no identity: each is counted.
  Walkin(a1, "student", 2);
  Walkin(a2, "student", 2);

  Client school(server_.port());
  school.Login("sctc");
  auto sctc = Stats(school, "四川科技职业学院");
  //                                 schools teachers students enterprises total
  Expect(Row(sctc, "智能制造学院"), {1, 1, 1 + 3 + 2, 0, 2 + 3 + 2}, 0.14);  // 6/4200
  Expect(Row(sctc, "信息工程学院"), {1, 0, 1 + 3 + 2, 0, 1 + 3 + 2}, 0.14);
  // Across the two colleges: the student, the teacher and the class once.
  Expect(sctc.at("total").as_object(), {1, 1, 1 + 3 + 4, 0, 2 + 3 + 4}, 0.04);  // 8/21000

  // The school's own figures on its form (the colleges not accepted yet)
  // and the province's record view count the same people once too.
  auto edu = Stats(admin_, "四川省教育厅");
  Expect(Row(edu, "四川科技职业学院"), {1, 1, 8, 0, 9}, 0.04);
}

TEST_F(StatisticsTest, OnePersonAtActivitiesOfTwoCollegesCountsOnceAtEveryLevel) {
  Id a1 = Activity("智能制造学院");
  Id a2 = Activity("信息工程学院");
  Id a3 = Activity("智能制造学院");
  // One student (one mobile) at three activities of two colleges, one
  // teacher at both colleges, and a walk-in student without identity.
  for (Id a : {a1, a2, a3}) AttendAs(a, "13900000001", "student", 1);
  AttendAs(a1, "13900000002", "staff", 1);
  AttendAs(a2, "13900000002", "staff", 1);
  Walkin(a2, "student", 1);
  // The same student in the HR chain.
  AttendAs(Activity("成都市技师学院"), "13900000001", "student", 1);

  Client school(server_.port());
  school.Login("sctc");
  Client province(server_.port());
  province.Login("province");
  Accept(school, Submit(admin_, "statistics", "智能制造学院"));
  Accept(school, Submit(admin_, "statistics", "信息工程学院"));
  for (const char* c : {"建筑与艺术学院", "经济管理学院", "健康护理学院"}) {
    NotParticipating(school, "statistics", c);
  }
  // Each college's row keeps its own people; the school counts the
  // student and the teacher once, the walk-in as a head.
  auto sctc = school.Get(Form("statistics", "四川科技职业学院")).data().as_object();
  EXPECT_EQ(Row(sctc, "智能制造学院").at("students").as_int64(), 1);
  EXPECT_EQ(Row(sctc, "信息工程学院").at("students").as_int64(), 2);
  EXPECT_EQ(sctc.at("total").at("students").as_int64(), 2);
  EXPECT_EQ(sctc.at("total").at("teachers").as_int64(), 1);
  EXPECT_EQ(sctc.at("total").at("total").as_int64(), 3);
  // The same as the records view of the school.
  EXPECT_EQ(Stats(school, "四川科技职业学院").at("total").at("students").as_int64(), 2);

  // Accepted, the school's keys reach the province: still once there.
  Accept(province, Submit(school, "statistics", "四川科技职业学院"));
  auto edu_path = Form("statistics", "四川省教育厅");
  auto edu = province.Get(edu_path).data().as_object();
  EXPECT_EQ(Row(edu, "四川科技职业学院").at("students").as_int64(), 2);
  EXPECT_EQ(edu.at("total").at("students").as_int64(), 2);
  EXPECT_EQ(edu.at("total").at("teachers").as_int64(), 1);
  // The workbook prints what the API answers.
  auto xlsx = province.Get(Form("statistics", "四川省教育厅", "/export") + "&format=xlsx");
  ASSERT_EQ(xlsx.status, 200u);
  auto table = tables::ReadTable(xlsx.body, tables::FileType::kXlsx);
  ASSERT_TRUE(table) << table.error().message;
  bool total_seen = false;
  for (const auto& row : table->rows) {
    if (row.cells.size() > 3 && row.cells[0] == "合计") {
      total_seen = true;
      EXPECT_EQ(row.cells[2], "1");  // teachers
      EXPECT_EQ(row.cells[3], "2");  // students
    }
  }
  EXPECT_TRUE(total_seen);

  // The province overview over both chains: the student of both once.
  Accept(admin_, Submit(admin_, "statistics", "成都市技师学院"));
  Accept(admin_, Submit(admin_, "statistics", "成都市人力资源和社会保障局"));
  auto o = province.Get(Base() + "/submissions/statistics/overview");
  ASSERT_EQ(o.status, 200u) << o.body;
  const auto& chains = o.data().at("chains").as_array();
  ASSERT_EQ(chains.size(), 2u);
  EXPECT_EQ(chains[0].at("total").at("students").as_int64(), 2);
  EXPECT_EQ(chains[1].at("total").at("students").as_int64(), 1);
  EXPECT_EQ(o.data().at("total").at("students").as_int64(), 2);
  EXPECT_EQ(o.data().at("total").at("total").as_int64(), 3);

  // What is stored holds no mobile: only 32-hex-digit keys.
  db::Session s(server_.db());
  soci::rowset<soci::row> keys = (s.sql().prepare << "SELECT person FROM statistics_people");
  int stored = 0;
  for (const auto& r : keys) {
    ++stored;
    std::string person = r.get<std::string>(0);
    EXPECT_EQ(person.size(), 32u);
    EXPECT_EQ(person.find("139"), std::string::npos);
  }
  EXPECT_GT(stored, 0);
}

TEST_F(StatisticsTest, RosterNamesAreTheSamePersonOnlyWithinOneSchool) {
  Id a1 = Activity("智能制造学院");
  Id a2 = Activity("信息工程学院");
  // 张伟 of 实验小学 at both colleges: one pupil; 张伟 of 桂湖小学: another.
  AttendAs(a1, "13900000021", "student", 1, {"张伟"}, "成都市实验小学");
  AttendAs(a2, "13900000022", "student", 1, {"张伟"}, "成都市 实验小学");
  AttendAs(a2, "13900000023", "student", 1, {"张伟"}, "新都区桂湖小学");
  Client school(server_.port());
  school.Login("sctc");
  EXPECT_EQ(Stats(school, "四川科技职业学院").at("total").at("students").as_int64(), 2);
  Accept(school, Submit(admin_, "statistics", "智能制造学院"));
  Accept(school, Submit(admin_, "statistics", "信息工程学院"));
  auto sctc = school.Get(Form("statistics", "四川科技职业学院")).data().as_object();
  EXPECT_EQ(Row(sctc, "信息工程学院").at("students").as_int64(), 2);
  EXPECT_EQ(sctc.at("total").at("students").as_int64(), 2);
}

TEST_F(StatisticsTest, OffCampusFilingsCountWhereNobodyWasAdmitted) {
  auto trip = [&](bool with_checkin) {
    json::object o{{"unit_id", UnitId(server_.db(), "智能制造学院")},
                   {"title", "走进社区"},
                   {"theme_day_id", day3_},
                   {"starts_at", "2025-05-13T14:00:00+08:00"},
                   {"ends_at", "2025-05-13T17:00:00+08:00"},
                   {"place_kind", "off_campus"},
                   {"place", "新都区桂湖街道社区服务中心"},
                   {"open_to_public", true},
                   {"registration_required", true}};
    auto r = admin_.Post(Base() + "/activities", o);
    EXPECT_EQ(r.status, 201u) << r.body;
    Id id = r.data().at("id").as_int64();
    json::object filing{{"destination", "新都区桂湖街道社区服务中心"},
                        {"teacher_in_charge", "李老师"},
                        {"teacher_phone", "13800000000"},
                        {"staff_count", 3},
                        {"student_count", 20},
                        {"transport", "学校校车"},
                        {"safety_plan", "出发前安全教育；带队教师全程陪同"}};
    EXPECT_EQ(admin_.Post(Path(id, "/submit"), filing).status, 200u);
    EXPECT_EQ(admin_.Post(Path(id, "/approve"), json::object{}).status, 200u);
    EXPECT_EQ(admin_.Post(Path(id, "/publish"), json::object{}).status, 200u);
    if (with_checkin) AttendAs(id, "13900000011", "student", 1);
    return id;
  };
  trip(false);  // no ticket: the filing's 3 teachers and 20 students
  trip(true);   // tickets scanned: the one student admitted, not the filing
  Client school(server_.port());
  school.Login("sctc");
  auto sctc = Stats(school, "四川科技职业学院");
  Expect(Row(sctc, "智能制造学院"), {1, 3, 21, 0, 24}, 0.5);  // 21/4200
}

TEST_F(StatisticsTest, TheFormSaysHowEachFigureIsCounted) {
  auto fields = anon_.Get("/api/reporting/statistics-fields");
  ASSERT_EQ(fields.status, 200u) << fields.body;
  for (const auto& f : fields.data().at("fields").as_array()) {
    EXPECT_FALSE(f.at("how_counted").as_string().empty()) << f.at("code");
    if (f.at("code") == "students") {
      EXPECT_NE(f.at("how_counted").as_string().find("只计1次"), std::string_view::npos);
    }
  }
  Id chengdu = UnitId(server_.db(), "成都市教育局");
  auto xlsx = admin_.Get(Base() + "/statistics/export?unit_id=" + std::to_string(chengdu));
  ASSERT_EQ(xlsx.status, 200u);
  auto table = tables::ReadTable(xlsx.body, tables::FileType::kXlsx);
  ASSERT_TRUE(table) << table.error().message;
  bool note = false;
  for (const auto& row : table->rows) {
    if (!row.cells.empty() && row.cells[0].rfind("统计口径：", 0) == 0) note = true;
  }
  EXPECT_TRUE(note);
}

TEST_F(StatisticsTest, TheSameEnterpriseCountsOnceAtEveryLevel) {
  Activity("智能制造学院", "on_campus", "四川长虹");
  Activity("信息工程学院", "on_campus", "", "四川长虹、京东方");
  Activity("成都市技师学院", "on_campus", "四川长虹");
  Client school(server_.port());
  school.Login("sctc");
  Client province(server_.port());
  province.Login("province");

  // Two colleges with 长虹, accepted: the school counts it once.
  Accept(school, Submit(admin_, "statistics", "智能制造学院"));
  Accept(school, Submit(admin_, "statistics", "信息工程学院"));
  for (const char* c : {"建筑与艺术学院", "经济管理学院", "健康护理学院"}) {
    NotParticipating(school, "statistics", c);
  }
  auto sctc = school.Get(Form("statistics", "四川科技职业学院")).data().as_object();
  EXPECT_EQ(Row(sctc, "智能制造学院").at("enterprises").as_int64(), 1);
  EXPECT_EQ(Row(sctc, "信息工程学院").at("enterprises").as_int64(), 2);
  EXPECT_EQ(sctc.at("total").at("enterprises").as_int64(), 2);  // 长虹, 京东方
  EXPECT_EQ(sctc.at("computed").at("enterprises").as_int64(), 2);
  Accept(province, Submit(school, "statistics", "四川科技职业学院"));
  // ...and so does the province above it, as the records view does.
  auto edu = province.Get(Form("statistics", "四川省教育厅")).data().as_object();
  EXPECT_EQ(edu.at("total").at("enterprises").as_int64(), 2);
  EXPECT_EQ(Stats(admin_, "四川省教育厅").at("total").at("enterprises").as_int64(), 2);

  // 长虹 again in the HR chain: once in the province's total.
  Accept(admin_, Submit(admin_, "statistics", "成都市技师学院"));
  Accept(admin_, Submit(admin_, "statistics", "成都市人力资源和社会保障局"));
  auto o = province.Get(Base() + "/submissions/statistics/overview");
  ASSERT_EQ(o.status, 200u) << o.body;
  const auto& chains = o.data().at("chains").as_array();
  ASSERT_EQ(chains.size(), 2u);
  EXPECT_EQ(chains[0].at("total").at("enterprises").as_int64(), 2);
  EXPECT_EQ(chains[1].at("total").at("enterprises").as_int64(), 1);
  EXPECT_EQ(o.data().at("total").at("enterprises").as_int64(), 2);
}

TEST_F(StatisticsTest, AnOverrideShowsWithItsReasonWhereverTheTotalAppears) {
  Id a = Activity("宜宾职业技术学院");
  Attend(a, "staff", 2, 2);
  auto path = Form("statistics", "宜宾职业技术学院");
  json::object teachers{{"value", 5}, {"reason", "含线上指导教师 3 人"}};
  auto saved = admin_.Put(
      path,
      json::object{{"version", 0},
                   {"data", json::object{{"overrides", json::object{{"teachers", teachers}}}}}});
  ASSERT_EQ(saved.status, 200u) << saved.body;
  // The own row stays as computed; the total row is what the unit reports,
  // with the override and its reason beside it.
  EXPECT_EQ(saved.data().at("rows").as_array()[0].at("teachers").as_int64(), 2);
  const auto& total = saved.data().at("total").as_object();
  EXPECT_EQ(total.at("teachers").as_int64(), 5);
  const auto& o = total.at("overrides").at("teachers");
  EXPECT_EQ(o.at("computed").as_int64(), 2);
  EXPECT_EQ(o.at("value").as_int64(), 5);
  EXPECT_EQ(o.at("reason").as_string(), "含线上指导教师 3 人");
  EXPECT_TRUE(total.at("overrides").as_object().if_contains("students") == nullptr);

  // The workbook says the same under its table.
  auto xlsx = admin_.Get(Form("statistics", "宜宾职业技术学院", "/export") + "&format=xlsx");
  ASSERT_EQ(xlsx.status, 200u);
  auto table = tables::ReadTable(xlsx.body, tables::FileType::kXlsx);
  ASSERT_TRUE(table) << table.error().message;
  std::string note;
  for (const auto& row : table->rows) {
    if (!row.cells.empty() && row.cells[0].rfind("合计含本单位调整：", 0) == 0) note = row.cells[0];
  }
  EXPECT_NE(note.find("参与活动的教师数系统计算 2，填报 5（含线上指导教师 3 人）"),
            std::string::npos)
      << note;
  auto pdf = admin_.Get(Form("statistics", "宜宾职业技术学院", "/export") + "&format=pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
}

}  // namespace
}  // namespace vw::testing
