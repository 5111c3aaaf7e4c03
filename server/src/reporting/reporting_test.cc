// The statistics form computed from records: a small province's week, with
// every figure of the annex-5 rows checked against hand-computed values.
#include <gtest/gtest.h>

#include "export/table_reader.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

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
  void Walkin(Id activity, const std::string& category, int delta) {
    static int n = 0;
    json::object e{
        {"scan_id", "w" + std::to_string(++n)}, {"category", category}, {"delta", delta}};
    ASSERT_EQ(
        admin_.Post(Path(activity, "/walkins"), json::object{{"events", json::array{e}}}).status,
        200u);
  }
  void Media(const std::string& unit, const char* level) {
    json::object m{{"unit_id", UnitId(server_.db(), unit)},
                   {"outlet", "四川日报"},
                   {"level", level},
                   {"title", "职业教育活动周报道"},
                   {"published_on", "2025-05-14"},
                   {"url", "https://example.cn/news/1"}};
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
    const char* keys[] = {"schools",  "teachers",         "students",   "enterprises", "total",
                          "projects", "media_provincial", "media_city", "media_county"};
    for (std::size_t i = 0; i < figures.size(); ++i) {
      EXPECT_EQ(row.at(keys[i]).as_int64(), figures[i]) << keys[i] << " of " << row.at("unit_name");
    }
    EXPECT_DOUBLE_EQ(row.at("coverage").as_double(), coverage) << row.at("unit_name");
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
  EXPECT_EQ(
      other.Delete("/api/media-reports/" + std::to_string(ok.data().at("id").as_int64())).status,
      403u);
}

}  // namespace
}  // namespace vw::testing
