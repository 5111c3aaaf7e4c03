// The reviewer's side of a child's form (issue 14): a parent reads, returns
// (with comments per field) and accepts a child's form but never saves or
// submits it; the returns are kept with their comments.
#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class ReviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    campaign_ = anon_.Get("/api/public/campaigns/current").data().at("id").as_int64();
    college_.Login("sctc-college");
    school_.Login("sctc");
  }
  std::string Form(const char* form, const char* unit, const char* action = "") {
    return "/api/campaigns/" + std::to_string(campaign_) + "/submissions/" + form + action +
           "?unit_id=" + std::to_string(UnitId(server_.db(), unit));
  }
  static json::object Info(const char* plan = "5月12日开放实训室") {
    return {{"contact_person", "张老师"},
            {"position", "学院秘书"},
            {"mobile", "13800002222"},
            {"qq", ""},
            {"website", ""},
            {"work_plan", plan},
            {"featured", ""}};
  }
  // Saves and submits the college's form; the submitted answer.
  json::object Submitted(const char* form, const json::object& data) {
    auto cur = college_.Get(Form(form, kCollege)).data();
    auto saved = college_.Put(Form(form, kCollege),
                              json::object{{"version", cur.at("version")}, {"data", data}});
    EXPECT_EQ(saved.status, 200u) << saved.body;
    auto sent = college_.Post(Form(form, kCollege, "/submit"),
                              json::object{{"version", saved.data().at("version")}});
    EXPECT_EQ(sent.status, 200u) << sent.body;
    return sent.data().as_object();
  }
  std::string Step(const json::object& sub, const char* step) {
    return "/api/submissions/" + std::to_string(sub.at("id").as_int64()) + step;
  }
  static constexpr const char* kCollege = "智能制造学院";
  static constexpr const char* kSchool = "四川科技职业学院";
  TestServer server_;
  Client anon_{server_.port()};
  Client college_{server_.port()};
  Client school_{server_.port()};
  Id campaign_ = 0;
};

// The school's 教务处 holds unit_admin on the school, which reaches the
// college: it may read and review the college's form, never write it.
TEST_F(ReviewTest, AParentNeverSavesOrSubmitsAChildsForm) {
  // Not started: the school may not start it for the college.
  auto fresh = school_.Get(Form("info_form", kCollege));
  ASSERT_EQ(fresh.status, 200u) << fresh.body;
  EXPECT_FALSE(fresh.data().at("can_edit").as_bool());
  EXPECT_FALSE(fresh.data().at("can_submit").as_bool());
  auto started =
      school_.Put(Form("info_form", kCollege), json::object{{"version", 0}, {"data", Info()}});
  EXPECT_EQ(started.status, 403u);
  EXPECT_NE(started.error_message().find("上级单位只能审核"), std::string::npos)
      << started.error_message();
  EXPECT_EQ(
      school_.Post(Form("info_form", kCollege, "/submit"), json::object{{"version", 0}}).status,
      403u);
  EXPECT_TRUE(college_.Get(Form("info_form", kCollege)).data().at("id").is_null());
  // Nor fill the statistics through the Excel template.
  EXPECT_EQ(school_
                .Request("POST", Form("statistics", kCollege, "/import"), "PK",
                         {{"Content-Type", "application/octet-stream"}})
                .status,
            403u);
  EXPECT_TRUE(college_.Get(Form("statistics", kCollege)).data().at("id").is_null());

  // A draft: neither overwritten nor submitted by the school.
  auto saved =
      college_.Put(Form("info_form", kCollege), json::object{{"version", 0}, {"data", Info()}});
  ASSERT_EQ(saved.status, 200u) << saved.body;
  EXPECT_TRUE(saved.data().at("can_edit").as_bool());
  EXPECT_TRUE(saved.data().at("can_submit").as_bool());
  auto forged = school_.Put(Form("info_form", kCollege),
                            json::object{{"version", 1}, {"data", Info("由学校代填")}});
  EXPECT_EQ(forged.status, 403u);
  EXPECT_EQ(
      school_.Post(Form("info_form", kCollege, "/submit"), json::object{{"version", 1}}).status,
      403u);
  auto kept = college_.Get(Form("info_form", kCollege)).data();
  EXPECT_EQ(kept.at("version"), 1);
  EXPECT_EQ(kept.at("status"), "draft");
  EXPECT_EQ(kept.at("data").at("work_plan"), "5月12日开放实训室");

  // Returned: the college may edit again, the school still may not.
  auto sent = college_.Post(Form("info_form", kCollege, "/submit"), json::object{{"version", 1}});
  ASSERT_EQ(sent.status, 200u) << sent.body;
  auto returned = school_.Post(Step(sent.data().as_object(), "/return"),
                               json::object{{"comment", "请补充地点"}, {"version", 2}});
  ASSERT_EQ(returned.status, 200u) << returned.body;
  EXPECT_FALSE(returned.data().at("can_edit").as_bool());
  EXPECT_FALSE(returned.data().at("can_submit").as_bool());
  EXPECT_EQ(school_
                .Put(Form("info_form", kCollege),
                     json::object{{"version", 3}, {"data", Info("由学校代填")}})
                .status,
            403u);
  EXPECT_EQ(
      school_.Post(Form("info_form", kCollege, "/submit"), json::object{{"version", 3}}).status,
      403u);
  auto college = college_.Get(Form("info_form", kCollege)).data();
  EXPECT_EQ(college.at("status"), "returned");
  EXPECT_EQ(college.at("version"), 3);
  EXPECT_EQ(college.at("data").at("work_plan"), "5月12日开放实训室");
  EXPECT_TRUE(college.at("can_edit").as_bool());
  EXPECT_TRUE(college.at("can_submit").as_bool());

  // Its own form is the school's to fill.
  auto own = school_.Get(Form("info_form", kSchool)).data();
  EXPECT_TRUE(own.at("can_edit").as_bool());
  EXPECT_EQ(school_.Put(Form("info_form", kSchool), json::object{{"version", 0}, {"data", Info()}})
                .status,
            200u);
}

TEST_F(ReviewTest, AReturnKeepsItsCommentsPerFieldAfterResubmissionAndAcceptance) {
  auto sent = Submitted("info_form", Info());
  std::string back = Step(sent, "/return");
  json::value version = sent.at("version");
  auto refuse = [&](json::object comments) {
    auto r = school_.Post(back, json::object{{"comment", "请修改"},
                                             {"field_comments", std::move(comments)},
                                             {"version", version}});
    EXPECT_EQ(r.status, 400u) << r.body;
    EXPECT_EQ(r.error_field(), "field_comments");
    return r.error_message();
  };
  // A field the form does not have, a comment too long or not text: named, nothing changed.
  EXPECT_EQ(refuse({{"media_city", "报道数偏少"}}),
            "“media_city”不是信息采集表的填报项，不能对其提出意见");
  EXPECT_EQ(refuse({{"work_plan", std::string(501, 'x')}}),
            "对“活动周工作计划”的意见不超过 500 字");
  EXPECT_EQ(refuse({{"mobile", 138}}), "对“手机”的意见应为文字");
  EXPECT_EQ(college_.Get(Form("info_form", kCollege)).data().at("status"), "submitted");

  auto returned = school_.Post(
      back, json::object{{"comment", "请补充活动地点"},
                         {"field_comments", json::object{{"work_plan", "写明地点"},
                                                         {"contact_person", " 请写全名 "},
                                                         {"qq", "  "}}},
                         {"version", version}});
  ASSERT_EQ(returned.status, 200u) << returned.body;
  auto last = returned.data().at("last_return").as_object();
  EXPECT_EQ(last.at("comment"), "请补充活动地点");
  EXPECT_EQ(last.at("version"), returned.data().at("version"));
  EXPECT_EQ(last.at("returned_by_name"), "鄢涛");
  // In the form's order, trimmed, the empty one dropped.
  auto fields = last.at("fields").as_array();
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0].at("field"), "contact_person");
  EXPECT_EQ(fields[0].at("label"), "联系人");
  EXPECT_EQ(fields[0].at("text"), "请写全名");
  EXPECT_EQ(fields[1].at("field"), "work_plan");
  EXPECT_EQ(fields[1].at("label"), "活动周工作计划");
  EXPECT_EQ(returned.data().at("field_comments").at("work_plan"), "写明地点");

  // The college sees them; after resubmission and acceptance the reviewer still does.
  auto seen = college_.Get(Form("info_form", kCollege)).data();
  EXPECT_EQ(seen.at("last_return").at("fields").as_array().size(), 2u);
  auto again = college_.Put(Form("info_form", kCollege),
                            json::object{{"version", seen.at("version")},
                                         {"data", Info("5月12日开放实训室，地点：东区实训楼")}});
  ASSERT_EQ(again.status, 200u) << again.body;
  auto resent = college_.Post(Form("info_form", kCollege, "/submit"),
                              json::object{{"version", again.data().at("version")}});
  ASSERT_EQ(resent.status, 200u) << resent.body;
  auto review = school_.Get(Form("info_form", kCollege)).data();
  EXPECT_EQ(review.at("last_return").at("fields").at(1).at("text"), "写明地点");
  auto accepted = school_.Post(Step(review.as_object(), "/accept"),
                               json::object{{"version", review.at("version")}});
  ASSERT_EQ(accepted.status, 200u) << accepted.body;
  EXPECT_TRUE(accepted.data().at("field_comments").as_object().empty());
  EXPECT_EQ(accepted.data().at("last_return").at("comment"), "请补充活动地点");
}

// A figure of annex 5 is named by its code in the field table.
TEST_F(ReviewTest, AStatisticsReturnCommentsOnAFigure) {
  auto sent = Submitted("statistics", json::object{{"overrides", json::object{}}});
  auto wrong = school_.Post(Step(sent, "/return"),
                            json::object{{"comment", "请核对"},
                                         {"field_comments", json::object{{"work_plan", "x"}}},
                                         {"version", sent.at("version")}});
  EXPECT_EQ(wrong.status, 400u);
  EXPECT_EQ(wrong.error_message(), "“work_plan”不是情况统计表的填报项，不能对其提出意见");
  auto returned = school_.Post(
      Step(sent, "/return"),
      json::object{{"comment", "请核对媒体报道"},
                   {"field_comments", json::object{{"media_city", "漏报成都日报一篇"}}},
                   {"version", sent.at("version")}});
  ASSERT_EQ(returned.status, 200u) << returned.body;
  auto field = returned.data().at("last_return").at("fields").at(0);
  EXPECT_EQ(field.at("field"), "media_city");
  EXPECT_EQ(field.at("label"), "市（州）级媒体报道数");
  auto college = college_.Get(Form("statistics", kCollege)).data();
  EXPECT_EQ(college.at("field_comments").at("media_city"), "漏报成都日报一篇");
}

}  // namespace
}  // namespace vw::testing
