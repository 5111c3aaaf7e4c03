// CONTRACT §3: every activity answer to a signed-in caller says what that
// caller may do, by the rules the workflow enforces.
#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

constexpr const char* kFlags[] = {"can_edit",      "can_duplicate", "can_submit", "can_publish",
                                  "can_unpublish", "can_cancel",    "can_delete", "can_review"};

// The allowed actions of an activity JSON, in kFlags order, e.g. "edit duplicate".
std::string Allowed(const json::value& a) {
  std::string out;
  for (const char* f : kFlags) {
    const json::value* v = a.as_object().if_contains(f);
    EXPECT_TRUE(v && v->is_bool()) << f << " missing in " << json::serialize(a);
    if (v && v->is_bool() && v->as_bool()) out += (out.empty() ? "" : " ") + std::string(f + 4);
  }
  return out;
}

class ActivityActionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClearActivities(server_.db());
    auto c = anon_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    day3_ = c.data().at("days").as_array()[2].at("id").as_int64();  // 2025-05-13
    editor_.Login("sctc-college");
    office_.Login("sctc");  // the school's unit admin and reviewer
    other_.Login("school2");
    admin_.Login("admin");
    Id school = UnitId(server_.db(), "四川科技职业学院");
    reviewer_ = SignedIn("sctc-reviewer", school, "reviewer");
    viewer_ = SignedIn("sctc-viewer", school, "viewer");
  }

  std::unique_ptr<Client> SignedIn(const std::string& username, Id unit, const char* role) {
    auto r =
        admin_.Post("/api/users", {{"username", username},
                                   {"password", "Target2025x"},
                                   {"display_name", "测试用户"},
                                   {"unit_id", unit},
                                   {"grants", json::array{{{"unit_id", unit}, {"role", role}}}}});
    EXPECT_EQ(r.status, 201u) << r.body;
    {
      db::Session s(server_.db());
      Id id = r.data().at("id").as_int64();
      s.sql() << "UPDATE users SET must_change_password = 0 WHERE id = :id", soci::use(id);
    }
    auto c = std::make_unique<Client>(server_.port());
    c->Login(username, "Target2025x");
    return c;
  }

  Id Create(const char* place_kind) {
    json::object o{{"unit_id", UnitId(server_.db(), "智能制造学院")},
                   {"title", "社区家电义务维修"},
                   {"theme_day_id", day3_},
                   {"starts_at", "2025-05-13T14:00:00+08:00"},
                   {"ends_at", "2025-05-13T17:00:00+08:00"},
                   {"place_kind", place_kind},
                   {"place", "新都区桂湖街道社区服务中心"}};
    auto r = editor_.Post(Base() + "/activities", o);
    EXPECT_EQ(r.status, 201u) << r.body;
    EXPECT_EQ(Allowed(r.data()), std::string(place_kind) == "off_campus"
                                     ? "edit duplicate submit cancel delete"
                                     : "edit duplicate publish cancel delete")
        << "the answer of a write carries the flags";
    return r.data().at("id").as_int64();
  }
  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_); }
  std::string Path(Id id, const char* action = "") {
    return "/api/activities/" + std::to_string(id) + action;
  }
  std::string Detail(Client& c, Id id) {
    auto r = c.Get(Path(id));
    EXPECT_EQ(r.status, 200u) << r.body;
    return Allowed(r.data());
  }
  // The same caller's flags on the list item agree with the detail.
  std::string Listed(Client& c, Id id) {
    auto r = c.Get(Base() + "/activities?page_size=100");
    EXPECT_EQ(r.status, 200u) << r.body;
    for (const auto& a : r.data().at("items").as_array()) {
      if (a.at("id").as_int64() == id) return Allowed(a);
    }
    ADD_FAILURE() << "activity " << id << " not listed";
    return "";
  }
  void Expect(Id id, const std::string& editor, const std::string& office,
              const std::string& reviewer) {
    EXPECT_EQ(Detail(editor_, id), editor);
    EXPECT_EQ(Listed(editor_, id), editor);
    EXPECT_EQ(Detail(office_, id), office);
    EXPECT_EQ(Listed(office_, id), office);
    EXPECT_EQ(Detail(*reviewer_, id), reviewer);
    EXPECT_EQ(Listed(*reviewer_, id), reviewer);
    EXPECT_EQ(Detail(*viewer_, id), "") << "a viewer of the school may do nothing";
    EXPECT_EQ(other_.Get(Path(id)).status, 403u) << "another school does not see it";
  }
  json::object Filing() {
    return {{"destination", "新都区桂湖街道社区服务中心"},
            {"teacher_in_charge", "李老师"},
            {"staff_count", 3},
            {"student_count", 20},
            {"transport", "学校校车"},
            {"safety_plan", "出发前安全教育；带队教师全程陪同"}};
  }

  TestServer server_;
  Client anon_{server_.port()}, editor_{server_.port()}, office_{server_.port()},
      other_{server_.port()}, admin_{server_.port()};
  std::unique_ptr<Client> reviewer_, viewer_;
  Id campaign_ = 0, day3_ = 0;
};

TEST_F(ActivityActionsTest, OffCampusFlagsFollowTheFilingWorkflow) {
  Id id = Create("off_campus");
  Expect(id, "edit duplicate submit cancel delete", "edit duplicate submit cancel delete", "");

  auto filed = editor_.Post(Path(id, "/submit"), Filing());
  ASSERT_EQ(filed.status, 200u) << filed.body;
  EXPECT_EQ(Allowed(filed.data()), "edit duplicate submit cancel");
  Expect(id, "edit duplicate submit cancel", "edit duplicate submit cancel review", "review");
  // The reviewer's inbox carries the same flags.
  auto inbox = reviewer_->Get(Base() + "/approvals");
  ASSERT_EQ(inbox.data().at("total").as_int64(), 1);
  EXPECT_EQ(Allowed(inbox.data().at("items").as_array()[0]), "review");

  auto approved = reviewer_->Post(Path(id, "/approve"), json::object{});
  ASSERT_EQ(approved.status, 200u) << approved.body;
  EXPECT_EQ(Allowed(approved.data()), "");
  Expect(id, "edit duplicate submit publish cancel", "edit duplicate submit publish cancel", "");

  ASSERT_EQ(editor_.Post(Path(id, "/publish"), json::object{}).status, 200u);
  Expect(id, "edit duplicate unpublish cancel", "edit duplicate unpublish cancel", "");

  ASSERT_EQ(editor_.Post(Path(id, "/cancel"), {{"reason", "暴雨预警"}}).status, 200u);
  Expect(id, "duplicate", "duplicate", "");
}

TEST_F(ActivityActionsTest, RejectedFilingMayBeFiledAgain) {
  Id id = Create("off_campus");
  ASSERT_EQ(editor_.Post(Path(id, "/submit"), Filing()).status, 200u);
  ASSERT_EQ(reviewer_->Post(Path(id, "/reject"), {{"reason", "请补充安全预案"}}).status, 200u);
  Expect(id, "edit duplicate submit cancel", "edit duplicate submit cancel", "");
}

TEST_F(ActivityActionsTest, OnCampusFlagsNeedNoFiling) {
  Id id = Create("on_campus");
  Expect(id, "edit duplicate publish cancel delete", "edit duplicate publish cancel delete", "");
  ASSERT_EQ(editor_.Post(Path(id, "/publish"), json::object{}).status, 200u);
  Expect(id, "edit duplicate unpublish cancel", "edit duplicate unpublish cancel", "");
  ASSERT_EQ(editor_.Post(Path(id, "/unpublish"), json::object{}).status, 200u);
  Expect(id, "edit duplicate publish cancel delete", "edit duplicate publish cancel delete", "");
  ASSERT_EQ(editor_.Post(Path(id, "/cancel"), {{"reason", "场地调整"}}).status, 200u);
  Expect(id, "duplicate", "duplicate", "");
}

TEST_F(ActivityActionsTest, StepsNotOfferedAreRefused) {
  // The flags are the rules: for a pending trip the reviewer may decide and
  // the editor may not, and the steps not offered are refused.
  Id id = Create("off_campus");
  ASSERT_EQ(editor_.Post(Path(id, "/submit"), Filing()).status, 200u);
  EXPECT_EQ(editor_.Post(Path(id, "/approve"), json::object{}).status, 403u);
  EXPECT_EQ(editor_.Post(Path(id, "/publish"), json::object{}).status, 409u);
  EXPECT_EQ(editor_.Delete(Path(id)).status, 409u);
  EXPECT_EQ(reviewer_->Post(Path(id, "/publish"), json::object{}).status, 403u);
  EXPECT_EQ(reviewer_->Post(Path(id, "/approve"), json::object{}).status, 200u);
}

TEST_F(ActivityActionsTest, ThePublicSiteCarriesNoFlags) {
  Id id = Create("on_campus");
  ASSERT_EQ(editor_.Post(Path(id, "/publish"), json::object{}).status, 200u);
  auto r = anon_.Get("/api/public/activities/" + std::to_string(id));
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_FALSE(r.data().as_object().contains("can_edit"));
}

}  // namespace
}  // namespace vw::testing
