// Issue 14's workflow steps: the leader's sign-off (经领导审签), no reopening
// below an accepted parent, and a unit submitting after its deadline with
// late children listed as not counted, then revising when they are accepted.
#include <gtest/gtest.h>

#include "export/table_reader.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class WorkflowSignOffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    campaign_ = anon_.Get("/api/public/campaigns/current").data().at("id").as_int64();
    admin_.Login("admin");
    province_.Login("province");
    school2_.Login("school2");
    sctc_.Login("sctc");
    college_.Login("sctc-college");
  }
  std::string Form(const char* form, Id unit, const char* action = "") {
    return "/api/campaigns/" + std::to_string(campaign_) + "/submissions/" + form + action +
           "?unit_id=" + std::to_string(unit);
  }
  std::unique_ptr<Client> SignedIn(const std::string& username, Id unit, const char* role) {
    auto r =
        admin_.Post("/api/users", {{"username", username},
                                   {"password", "Filler2025x"},
                                   {"display_name", "填表人"},
                                   {"unit_id", unit},
                                   {"grants", json::array{{{"unit_id", unit}, {"role", role}}}}});
    EXPECT_EQ(r.status, 201u) << r.body;
    {
      db::Session s(server_.db());
      Id id = r.data().at("id").as_int64();
      s.sql() << "UPDATE users SET must_change_password = 0 WHERE id = :id", soci::use(id);
    }
    auto c = std::make_unique<Client>(server_.port());
    c->Login(username, "Filler2025x");
    return c;
  }
  static json::object Info() {
    return {{"contact_person", "李老师"},
            {"position", "处长"},
            {"mobile", "13800001111"},
            {"qq", ""},
            {"website", ""},
            {"work_plan", "开放日"},
            {"featured", ""}};
  }
  HttpResult Accept(Client& c, const json::value& form) {
    return c.Post("/api/submissions/" + std::to_string(form.at("id").as_int64()) + "/accept",
                  {{"version", form.at("version")}});
  }
  HttpResult Reopen(Client& c, const json::value& form) {
    return c.Post("/api/submissions/" + std::to_string(form.at("id").as_int64()) + "/reopen",
                  {{"reason", "数字有误"}, {"version", form.at("version")}});
  }
  TestServer server_;
  Client anon_{server_.port()};
  Client admin_{server_.port()};
  Client province_{server_.port()};
  Client school2_{server_.port()};
  Client sctc_{server_.port()};
  Client college_{server_.port()};
  Id campaign_ = 0;
};

TEST_F(WorkflowSignOffTest, TheUnitsLeaderSignsOffWhatAnOrganiserFilled) {
  ScopedClock week("2025-05-12T10:00:00+08:00");
  Id school = UnitId(server_.db(), "成都工业职业技术学院");
  auto filler = SignedIn("school2-filler", school, "organiser");
  std::string form = Form("info_form", school);
  auto saved = filler->Put(form, json::object{{"version", 0}, {"data", Info()}});
  ASSERT_EQ(saved.status, 200u) << saved.body;
  EXPECT_FALSE(saved.data().at("can_sign_off").as_bool());  // an organiser fills, never signs
  EXPECT_FALSE(saved.data().at("sign_off_required").as_bool());

  // The unit asks for sign-off; only its own unit admin or one above sets it.
  std::string setting = "/api/units/" + std::to_string(school) + "/form-sign-off";
  EXPECT_EQ(filler->Put(setting, json::object{{"required", true}}).status, 403u);
  EXPECT_EQ(sctc_.Put(setting, json::object{{"required", true}}).status, 403u);
  EXPECT_FALSE(filler->Get(setting).data().at("sign_off_required").as_bool());
  ASSERT_EQ(school2_.Put(setting, json::object{{"required", true}}).status, 200u);
  // Any role on the unit reads the setting (the unit page's switch); another
  // school does not.
  EXPECT_TRUE(filler->Get(setting).data().at("sign_off_required").as_bool());
  EXPECT_EQ(sctc_.Get(setting).status, 403u);

  auto blocked = filler->Post(Form("info_form", school, "/submit"), json::object{{"version", 1}});
  EXPECT_EQ(blocked.status, 409u);
  EXPECT_NE(blocked.error_message().find("审签"), std::string::npos) << blocked.body;
  EXPECT_FALSE(filler->Get(form).data().at("can_submit").as_bool());

  // Not the unit's leader: its organiser, another school, the reviewer above.
  std::string sign = Form("info_form", school, "/sign-off");
  EXPECT_EQ(filler->Post(sign, json::object{{"version", 1}}).status, 403u);
  EXPECT_EQ(sctc_.Post(sign, json::object{{"version", 1}}).status, 403u);
  EXPECT_EQ(province_.Post(sign, json::object{{"version", 1}}).status, 403u);
  EXPECT_EQ(school2_.Post(sign, json::object{{"version", 0}}).status, 409u);  // stale

  auto signed_off = school2_.Post(sign, json::object{{"version", 1}});
  ASSERT_EQ(signed_off.status, 200u) << signed_off.body;
  EXPECT_EQ(signed_off.data().at("signed_off_by_name"), "成都工业职院教务处");
  EXPECT_NE(signed_off.data().at("signed_off_at").as_string(), "");
  EXPECT_EQ(signed_off.data().at("version").as_int64(), 2);
  EXPECT_FALSE(signed_off.data().at("can_sign_off").as_bool());
  EXPECT_EQ(school2_.Post(sign, json::object{{"version", 2}}).status, 409u);  // signed already

  // A save after the sign-off clears it: the leader signs what is sent.
  auto changed = filler->Put(form, json::object{{"version", 2}, {"data", Info()}});
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(changed.data().at("signed_off_at"), "");
  EXPECT_EQ(filler->Post(Form("info_form", school, "/submit"), json::object{{"version", 3}}).status,
            409u);
  ASSERT_EQ(school2_.Post(sign, json::object{{"version", 3}}).status, 200u);
  auto submitted = filler->Post(Form("info_form", school, "/submit"), json::object{{"version", 4}});
  ASSERT_EQ(submitted.status, 200u) << submitted.body;

  // The exports print it; the snapshot freezes it.
  auto xlsx =
      province_.Get("/api/campaigns/" + std::to_string(campaign_) +
                    "/submissions/info_form/export?format=xlsx&unit_id=" + std::to_string(school));
  ASSERT_EQ(xlsx.status, 200u) << xlsx.body;
  auto table = tables::ReadTable(xlsx.body, tables::FileType::kXlsx);
  ASSERT_TRUE(table) << table.error().message;
  bool printed = false;
  for (const auto& row : table->rows) {
    for (const auto& cell : row.cells) {
      if (cell.rfind("审签：成都工业职院教务处 2025-05-12 10:00", 0) == 0) printed = true;
    }
  }
  EXPECT_TRUE(printed);
  auto review = province_.Get(form).data();
  ASSERT_EQ(Accept(province_, review).status, 200u);
  db::Session s(server_.db());
  std::string content;
  s.sql() << "SELECT content FROM submission_snapshots WHERE submission_id = :s",
      soci::use(review.at("id").as_int64()), soci::into(content);
  EXPECT_NE(content.find("\"signed_off\":{\"by\":\"成都工业职院教务处\""), std::string::npos)
      << content;
}

TEST_F(WorkflowSignOffTest, NoSignOffOfAFormNeverSavedOrOfAnotherUnitsForm) {
  Id school = UnitId(server_.db(), "成都工业职业技术学院");
  Id sctc = UnitId(server_.db(), "四川科技职业学院");
  EXPECT_EQ(school2_.Post(Form("summary", school, "/sign-off"), json::object{{"version", 0}})
                .error_code(),
            "conflict");
  // A unit admin of one school naming another school's unit id.
  ASSERT_EQ(
      sctc_.Put(Form("info_form", sctc), json::object{{"version", 0}, {"data", Info()}}).status,
      200u);
  EXPECT_EQ(
      school2_.Post(Form("info_form", sctc, "/sign-off"), json::object{{"version", 1}}).status,
      403u);
  EXPECT_EQ(school2_
                .Put("/api/units/" + std::to_string(sctc) + "/form-sign-off",
                     json::object{{"required", true}})
                .status,
            403u);
}

TEST_F(WorkflowSignOffTest, AChildIsNotReopenedBelowItsParentsAcceptedForm) {
  ScopedClock week("2025-05-14T10:00:00+08:00");  // past the school's info-form deadline
  Id sctc = UnitId(server_.db(), "四川科技职业学院");
  Id college = UnitId(server_.db(), "智能制造学院");
  ASSERT_EQ(college_.Put(Form("info_form", college), json::object{{"version", 0}, {"data", Info()}})
                .status,
            200u);
  ASSERT_EQ(
      college_.Post(Form("info_form", college, "/submit"), json::object{{"version", 1}}).status,
      200u);
  ASSERT_EQ(Accept(sctc_, sctc_.Get(Form("info_form", college)).data()).status, 200u);
  ASSERT_EQ(
      sctc_.Put(Form("info_form", sctc), json::object{{"version", 0}, {"data", Info()}}).status,
      200u);
  auto submitted = sctc_.Post(Form("info_form", sctc, "/submit"), json::object{{"version", 1}});
  ASSERT_EQ(submitted.status, 200u) << submitted.body;

  // Submitted above: the province must return it first.
  auto child = sctc_.Get(Form("info_form", college)).data();
  auto pending = Reopen(sctc_, child);
  EXPECT_EQ(pending.status, 409u);
  EXPECT_NE(pending.error_message().find("四川科技职业学院的信息采集表已提交四川省教育厅"),
            std::string::npos)
      << pending.body;

  auto parent = province_.Get(Form("info_form", sctc)).data();
  ASSERT_EQ(Accept(province_, parent).status, 200u);
  auto refused = Reopen(sctc_, child);
  EXPECT_EQ(refused.status, 409u);
  EXPECT_EQ(refused.error_message(),
            "四川科技职业学院的信息采集表已由四川省教育厅审核通过，仍按原数字计入。请先由"
            "四川省教育厅重新打开四川科技职业学院的信息采集表，再重新打开本表");
  EXPECT_EQ(sctc_.Get(Form("info_form", college)).data().at("status"), "accepted");

  // Once the province reopened the school's form, the school reopens its college's.
  ASSERT_EQ(Reopen(province_, province_.Get(Form("info_form", sctc)).data()).status, 200u);
  auto reopened = Reopen(sctc_, sctc_.Get(Form("info_form", college)).data());
  EXPECT_EQ(reopened.status, 200u) << reopened.body;
}

TEST_F(WorkflowSignOffTest, AfterItsDeadlineAUnitSubmitsWithoutItsLateChildrenThenRevises) {
  ScopedClock clock("2025-05-20T10:00:00+08:00");
  Id sctc = UnitId(server_.db(), "四川科技职业学院");
  Id college = UnitId(server_.db(), "智能制造学院");
  std::string school_form = Form("statistics", sctc);
  ASSERT_EQ(
      sctc_.Put(school_form, json::object{{"version", 0}, {"data", {{"overrides", {}}}}}).status,
      200u);
  // Before the school's own deadline (05-24) the colleges still block it.
  auto early = sctc_.Post(Form("statistics", sctc, "/submit"), json::object{{"version", 1}});
  EXPECT_EQ(early.status, 409u);
  EXPECT_NE(early.error_message().find("截止时间过后"), std::string::npos) << early.body;
  EXPECT_FALSE(sctc_.Get(school_form).data().at("can_submit").as_bool());

  clock.Set("2025-05-25T09:00:00+08:00");
  auto mine = sctc_.Get(school_form).data();
  EXPECT_TRUE(mine.at("past_due").as_bool());
  EXPECT_TRUE(mine.at("can_submit").as_bool());
  EXPECT_EQ(mine.at("blocking_children").as_array().size(), 5u);
  auto late = sctc_.Post(Form("statistics", sctc, "/submit"), json::object{{"version", 1}});
  ASSERT_EQ(late.status, 200u) << late.body;
  EXPECT_TRUE(late.data().at("late").as_bool());
  bool listed = false;
  for (const auto& row : late.data().at("rows").as_array()) {
    if (row.at("unit_name") == "智能制造学院") {
      listed = true;
      EXPECT_FALSE(row.at("included").as_bool());
    }
  }
  EXPECT_TRUE(listed);
  auto history =
      sctc_.Get("/api/submissions/" + std::to_string(late.data().at("id").as_int64()) + "/history");
  EXPECT_NE(history.body.find("未计入：智能制造学院"), std::string::npos) << history.body;

  // The college comes late. While the school's form waits for the province,
  // accepting the college would change what the province reviews unseen.
  std::string college_form = Form("statistics", college);
  ASSERT_EQ(college_.Put(college_form, json::object{{"version", 0}, {"data", {{"overrides", {}}}}})
                .status,
            200u);
  ASSERT_EQ(
      college_.Post(Form("statistics", college, "/submit"), json::object{{"version", 1}}).status,
      200u);
  auto waiting = Accept(sctc_, sctc_.Get(college_form).data());
  EXPECT_EQ(waiting.status, 409u);
  EXPECT_EQ(waiting.error_message(),
            "四川科技职业学院的情况统计表已提交四川省教育厅待审核。请先由四川省教育厅退回"
            "四川科技职业学院的情况统计表，再审核通过本表");

  // Once the province accepted the school's form, the school accepts the college…
  ASSERT_EQ(Accept(province_, province_.Get(school_form).data()).status, 200u);
  ASSERT_EQ(Accept(sctc_, sctc_.Get(college_form).data()).status, 200u);
  // …whose accepted figures stay as frozen until it is revised.
  auto frozen = province_.Get(school_form);
  for (const auto& row : frozen.data().at("rows").as_array()) {
    if (row.at("unit_name") == "智能制造学院") EXPECT_FALSE(row.at("included").as_bool());
  }
  ASSERT_EQ(Reopen(province_, province_.Get(school_form).data()).status, 200u);
  auto reopened = sctc_.Get(school_form).data();
  auto revised = sctc_.Post(Form("statistics", sctc, "/submit"),
                            json::object{{"version", reopened.at("version")}});
  ASSERT_EQ(revised.status, 200u) << revised.body;

  // The province sees the revision as changes since what it accepted.
  auto review = province_.Get(school_form).data();
  EXPECT_NE(review.at("changes_since").as_string(), "");
  bool counted_now = false;
  for (const auto& c : review.at("changes").as_array()) {
    if (c.at("field") == "row:智能制造学院") {
      counted_now = true;
      EXPECT_EQ(c.at("before"), "未计入");
      EXPECT_EQ(c.at("after"), "计入");
    }
  }
  EXPECT_TRUE(counted_now) << json::serialize(review.at("changes"));
}

}  // namespace
}  // namespace vw::testing
