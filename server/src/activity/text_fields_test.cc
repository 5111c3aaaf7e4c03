// One-line and multi-line fields through the API, and line breaks in the
// iCal feeds (issue 12).
#include <gtest/gtest.h>

#include "activity/activity.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class TextFieldsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = anon_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    day2_ = c.data().at("days").as_array()[1].at("id").as_int64();
    college_.Login("sctc-college");
  }
  json::object Activity(const std::string& title, const std::string& description) {
    return {{"unit_id", UnitId(server_.db(), "智能制造学院")},
            {"title", title},
            {"description", description},
            {"theme_day_id", day2_},
            {"starts_at", "2025-05-12T09:30:00+08:00"},
            {"ends_at", "2025-05-12T11:30:00+08:00"},
            {"place_kind", "on_campus"},
            {"place", "东区实训楼"}};
  }
  HttpResult Create(const json::object& body) {
    return college_.Post("/api/campaigns/" + std::to_string(campaign_) + "/activities", body);
  }

  TestServer server_;
  Client anon_{server_.port()};
  Client college_{server_.port()};
  Id campaign_ = 0, day2_ = 0;
};

TEST_F(TextFieldsApiTest, OneLineFieldsRefuseBreaksAndDirectionControlsNamingTheField) {
  auto split = Create(Activity("开放日\r\nX-Injected: 1", ""));
  EXPECT_EQ(split.status, 400u);
  EXPECT_EQ(split.error_field(), "title");
  EXPECT_EQ(split.error_message(), "活动名称只能填写一行，不能换行");
  auto spoofed = Create(Activity("开放日\u202E日放开", ""));
  EXPECT_EQ(spoofed.error_field(), "title");
  EXPECT_EQ(spoofed.error_message(), "活动名称含有控制文字方向的不可见字符，请删除后重新填写");
  auto place = Activity("开放日", "");
  place["place"] = "东区\u2028实训楼";
  EXPECT_EQ(Create(place).error_field(), "place");

  // A unit's name, a person's name on a registration.
  Client sctc(server_.port());
  sctc.Login("sctc");
  auto unit = sctc.Post("/api/units", {{"parent_id", UnitId(server_.db(), "四川科技职业学院")},
                                       {"kind", "college"},
                                       {"name", "现代农业学院\n（筹）"},
                                       {"region_code", "510100"}});
  EXPECT_EQ(unit.status, 400u);
  EXPECT_EQ(unit.error_field(), "name");
  EXPECT_EQ(unit.error_message(), "单位名称只能填写一行，不能换行");
}

TEST_F(TextFieldsApiTest, MultiLineFieldsKeepTheirLinesButNotControls) {
  auto ok = Create(Activity("开放日", "上午：参观实训室\r\n下午：技能展示\u2028（家长可陪同）"));
  ASSERT_EQ(ok.status, 201u) << ok.body;
  EXPECT_EQ(ok.data().at("description"), "上午：参观实训室\n下午：技能展示\n（家长可陪同）");
  auto bell = Create(Activity("开放日", "上午\n\x07下午"));
  EXPECT_EQ(bell.status, 400u);
  EXPECT_EQ(bell.error_field(), "description");
  EXPECT_EQ(bell.error_message(), "活动简介含有不可见的控制字符，请删除后重新填写");

  // A summary report's section: lines kept, direction controls refused.
  Client school(server_.port());
  school.Login("school2");
  std::string path = "/api/campaigns/" + std::to_string(campaign_) +
                     "/submissions/summary?unit_id=" +
                     std::to_string(UnitId(server_.db(), "成都工业职业技术学院"));
  auto current = school.Get(path);
  ASSERT_EQ(current.status, 200u) << current.body;
  json::object sections{{"basic", "　　全校参与。\r\n　　共开展活动 12 场。"}};
  auto saved = school.Put(path, json::object{{"version", current.data().at("version")},
                                             {"data", json::object{{"sections", sections}}}});
  ASSERT_EQ(saved.status, 200u) << saved.body;
  EXPECT_EQ(saved.data().at("data").at("sections").at("basic"),
            "　　全校参与。\n　　共开展活动 12 场。");
  sections["problems"] = "经费\u202E不足";
  auto refused = school.Put(path, json::object{{"version", saved.data().at("version")},
                                               {"data", json::object{{"sections", sections}}}});
  EXPECT_EQ(refused.status, 400u);
  EXPECT_EQ(refused.error_field(), "problems");
  EXPECT_NE(refused.error_message().find("存在问题及建议"), std::string::npos)
      << refused.error_message();

  // The reviewer's comments on a returned form: lines kept, controls refused.
  std::string submit = path.substr(0, path.find('?')) + "/submit" + path.substr(path.find('?'));
  auto submitted = school.Post(submit, json::object{{"version", saved.data().at("version")}});
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  Client province(server_.port());
  province.Login("province");
  std::string back =
      "/api/submissions/" + std::to_string(submitted.data().at("id").as_int64()) + "/return";
  json::value version = submitted.data().at("version");
  auto hidden = province.Post(back, json::object{{"comment", "请补充"},
                                                 {"field_comments", {{"basic", "补充\u2066数据"}}},
                                                 {"version", version}});
  EXPECT_EQ(hidden.status, 400u);
  EXPECT_EQ(hidden.error_field(), "field_comments");
  auto returned = province.Post(back, json::object{{"comment", "请补充：\r\n一、数据"},
                                                   {"field_comments", {{"basic", "补充\r\n数据"}}},
                                                   {"version", version}});
  ASSERT_EQ(returned.status, 200u) << returned.body;
  EXPECT_EQ(returned.data().at("comment"), "请补充：\n一、数据");
  EXPECT_EQ(returned.data().at("field_comments").at("basic"), "补充\n数据");
}

// Text stored before these checks, or line separators from anywhere, must
// not break an event's content lines.
TEST(ICalendarTest, EveryKindOfLineBreakIsEscaped) {
  activity::Activity a;
  a.id = 7;
  a.title = "开放日\u2028第二场\u2029下午\u0085场";
  a.description = "第一行\r\n第二行\r第三行\v第四行\x01";
  a.place = "东区;实训楼,一楼\\二层";
  a.place_kind = "on_campus";
  a.unit_name = "智能制造学院";
  a.starts_at = "2025-05-12T01:30:00Z";
  a.ends_at = "2025-05-12T03:30:00Z";
  a.updated_at = "2025-05-01T00:00:00Z";
  std::string ics = activity::ICalendar("活动周", {a}, "https://vw.example.cn");
  for (const char* raw : {"\u2028", "\u2029", "\u0085", "\v", "\x01"}) {
    EXPECT_EQ(ics.find(raw), std::string::npos) << "raw " << raw << " in\n" << ics;
  }
  // Unfolded, each property is one line with its breaks written as \n.
  std::string unfolded;
  for (std::size_t i = 0; i < ics.size(); ++i) {
    if (ics.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    unfolded.push_back(ics[i]);
  }
  EXPECT_NE(unfolded.find("\r\nSUMMARY:开放日\\n第二场\\n下午\\n场\r\n"), std::string::npos)
      << unfolded;
  EXPECT_NE(unfolded.find("\r\nDESCRIPTION:第一行\\n第二行\\n第三行\\n第四行\\n主办单位"),
            std::string::npos)
      << unfolded;
  EXPECT_NE(unfolded.find("\r\nLOCATION:东区\\;实训楼\\,一楼\\\\二层\r\n"), std::string::npos)
      << unfolded;
  // No bare CR or LF outside the CRLF that ends a line.
  for (std::size_t i = 0; i < ics.size(); ++i) {
    if (ics[i] == '\r') {
      EXPECT_EQ(ics[i + 1], '\n') << i;
    }
    if (ics[i] == '\n') {
      EXPECT_EQ(ics[i - 1], '\r') << i;
    }
  }
}

}  // namespace
}  // namespace vw::testing
