// The annex-5 field table as the web reads it (GET /api/reporting/statistics-fields)
// and the row helpers that walk it.
#include "reporting/statistics_fields.h"

#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;
using reporting::StatisticsRow;

// Public: the verification page shows the figures' names to visitors.
TEST(StatisticsFieldsApiTest, ServesTheAnnexColumnsInOrderToAnyone) {
  TestServer server;
  Client anon(server.port());
  auto r = anon.Get("/api/reporting/statistics-fields");
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto& fields = r.data().at("fields").as_array();
  std::vector<std::string> codes;
  for (const auto& f : fields) codes.emplace_back(f.at("code").as_string());
  EXPECT_EQ(codes, (std::vector<std::string>{"schools", "teachers", "students", "coverage",
                                             "enterprises", "total", "projects", "media_provincial",
                                             "media_city", "media_county"}));
  EXPECT_EQ(fields[0].at("label"), "参与活动的职业学校（含技工院校）数");
  EXPECT_EQ(fields[0].at("unit"), "所");
  EXPECT_EQ(fields[0].at("sum"), "add");
  EXPECT_TRUE(fields[0].at("overridable").as_bool());
  EXPECT_EQ(fields[0].at("group"), "");
  EXPECT_EQ(fields[3].at("sum"), "ratio");
  EXPECT_FALSE(fields[3].at("overridable").as_bool());
  EXPECT_EQ(fields[3].at("unit"), "%");
  EXPECT_EQ(fields[3].at("numerator"), "students");
  EXPECT_EQ(fields[3].at("denominator"), "enrolled");
  EXPECT_FALSE(fields[0].as_object().contains("numerator"));
  EXPECT_EQ(fields[8].at("label"), "市（州）级媒体报道数");
  EXPECT_EQ(fields[8].at("group"), "活动周媒体报道数");
  EXPECT_EQ(r.data().at("enrolled").at("code"), "enrolled");
  EXPECT_EQ(r.data().at("enrolled").at("label"), "在校学生数");
  EXPECT_EQ(r.data().at("unit_head"), "市（州）/职业学校（含技工院校）");
}

TEST(StatisticsFieldsTest, RowsAddUpByTheTableAndRoundTripThroughJson) {
  StatisticsRow a, b;
  a.students = 30;
  a.enrolled = 1000;
  a.media_city = 2;
  b.students = 10;
  b.enrolled = 3000;
  b.media_city = 1;
  reporting::AddFigures(a, b);
  EXPECT_EQ(a.students, 40);
  EXPECT_EQ(a.enrolled, 4000);
  EXPECT_EQ(a.media_city, 3);
  EXPECT_DOUBLE_EQ(a.coverage, 1.0);  // 40 / 4000, not the mean of 3% and 0.33%
  reporting::SetFigure(a, "teachers", 7);
  EXPECT_EQ(reporting::FigureOf(a, "teachers"), 7);
  EXPECT_EQ(reporting::FigureOf(a, "coverage"), 0);  // the ratio is not a count
  EXPECT_EQ(reporting::FigureLabel("teachers"), "参与活动的教师数");
  StatisticsRow back = reporting::RowFromJson(reporting::ToJson(a));
  EXPECT_EQ(json::serialize(reporting::ToJson(back)), json::serialize(reporting::ToJson(a)));
  EXPECT_EQ(reporting::StatisticsColumns("f."),
            "f.schools, f.teachers, f.students, f.enterprises, f.total, f.projects, "
            "f.media_provincial, f.media_city, f.media_county, f.enrolled");
}

}  // namespace
}  // namespace vw::testing
