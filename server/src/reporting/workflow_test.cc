// The form workflow's edges: the actions the server offers each caller, the
// versions every reviewer step requires, clearing "did not take part" and
// marking old notifications read.
#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class WorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    campaign_ = anon_.Get("/api/public/campaigns/current").data().at("id").as_int64();
    school_.Login("school2");
    province_.Login("province");
  }
  std::string Form(const char* form, const char* action = "") {
    return "/api/campaigns/" + std::to_string(campaign_) + "/submissions/" + form + action +
           "?unit_id=" + std::to_string(UnitId(server_.db(), kSchool));
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
  static constexpr const char* kSchool = "成都工业职业技术学院";
  TestServer server_;
  Client anon_{server_.port()};
  Client school_{server_.port()};
  Client province_{server_.port()};
  Id campaign_ = 0;
};

TEST_F(WorkflowTest, EveryAnswerSaysWhatThisCallerMayDo) {
  auto fresh = school_.Get(Form("info_form")).data();
  EXPECT_TRUE(fresh.at("can_edit").as_bool());
  EXPECT_FALSE(fresh.at("can_upload_scan").as_bool());  // nothing stored yet
  ASSERT_EQ(school_.Put(Form("info_form"), json::object{{"version", 0}, {"data", Info()}}).status,
            200u);
  EXPECT_TRUE(school_.Get(Form("info_form")).data().at("can_upload_scan").as_bool());
  auto submitted = school_.Post(Form("info_form", "/submit"), json::object{{"version", 1}});
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  EXPECT_FALSE(submitted.data().at("can_accept").as_bool());  // the unit does not review itself
  EXPECT_FALSE(submitted.data().at("can_return").as_bool());
  EXPECT_TRUE(submitted.data().at("can_upload_scan").as_bool());
  auto review = province_.Get(Form("info_form")).data();
  EXPECT_TRUE(review.at("can_accept").as_bool());
  EXPECT_TRUE(review.at("can_return").as_bool());
  EXPECT_FALSE(review.at("can_reopen").as_bool());
  EXPECT_TRUE(review.at("can_upload_scan").as_bool());
  std::string id = std::to_string(review.at("id").as_int64());
  auto accepted =
      province_.Post("/api/submissions/" + id + "/accept", {{"version", review.at("version")}});
  ASSERT_EQ(accepted.status, 200u) << accepted.body;
  EXPECT_FALSE(accepted.data().at("can_accept").as_bool());
  EXPECT_TRUE(accepted.data().at("can_reopen").as_bool());
  EXPECT_FALSE(school_.Get(Form("info_form")).data().at("can_reopen").as_bool());
  // A second acceptance at the old version is a conflict, not a second snapshot.
  auto again =
      province_.Post("/api/submissions/" + id + "/accept", {{"version", review.at("version")}});
  EXPECT_EQ(again.status, 409u);
  db::Session s(server_.db());
  int snapshots = 0;
  s.sql() << "SELECT COUNT(*) FROM submission_snapshots WHERE submission_id = :s",
      soci::use(review.at("id").as_int64()), soci::into(snapshots);
  EXPECT_EQ(snapshots, 1);
}

// A form the unit had saved comes back as a draft with its data when the
// mark is cleared, whatever the audit log holds (it may be archived).
TEST_F(WorkflowTest, ClearingNotParticipatingKeepsASavedFormWithoutTheAuditLog) {
  auto saved = school_.Put(Form("info_form"), json::object{{"version", 0}, {"data", Info()}});
  ASSERT_EQ(saved.status, 200u) << saved.body;
  ASSERT_EQ(
      province_.Post(Form("info_form", "/not-participating"), {{"reason", "本届未开展"}}).status,
      200u);
  {
    db::Session s(server_.db());
    s.sql() << "DELETE FROM audit_log WHERE entity = 'submission' AND entity_id = :id",
        soci::use(saved.data().at("id").as_int64());
  }
  auto cleared = province_.Delete(Form("info_form", "/not-participating"));
  ASSERT_EQ(cleared.status, 200u) << cleared.body;
  EXPECT_EQ(cleared.data().at("status"), "draft");
  EXPECT_EQ(cleared.data().at("data").at("contact_person"), "李老师");

  // A form the mark itself created goes back to not started.
  ASSERT_EQ(
      province_.Post(Form("summary", "/not-participating"), {{"reason", "本届未开展"}}).status,
      200u);
  auto fresh = province_.Delete(Form("summary", "/not-participating"));
  ASSERT_EQ(fresh.status, 200u) << fresh.body;
  EXPECT_EQ(fresh.data().at("status"), "not_started");
  EXPECT_TRUE(fresh.data().at("id").is_null());
}

// A notification older than the latest 50 is still the user's to mark read;
// one of another unit is refused and nothing is written.
TEST_F(WorkflowTest, MarkingAnOldNotificationReadSucceeds) {
  Id unit = UnitId(server_.db(), kSchool);
  Id other = UnitId(server_.db(), "绵阳职业技术学校");
  Id old_id = 0, foreign = 0;
  {
    db::Session s(server_.db());
    auto add = [&](Id u, const std::string& at) {
      Id id = 0;
      s.sql() << "INSERT INTO notifications (unit_id, campaign_id, kind, title, body, link, "
                 "created_at) VALUES (:u, :c, 'reminder:info_form', '请尽快提交信息采集表', "
                 "'提醒', '/reports', :at) RETURNING id",
          soci::use(u), soci::use(campaign_), soci::use(at), soci::into(id);
      return id;
    };
    old_id = add(unit, "2025-04-01T00:00:00Z");
    for (int i = 0; i < 50; ++i) add(unit, "2025-05-01T00:00:" + std::to_string(10 + i) + "Z");
    foreign = add(other, "2025-05-02T00:00:00Z");
  }
  auto marked = school_.Post("/api/notifications/" + std::to_string(old_id) + "/read", {});
  ASSERT_EQ(marked.status, 200u) << marked.body;
  EXPECT_EQ(marked.data().at("id").as_int64(), old_id);
  EXPECT_NE(marked.data().at("read_at").as_string(), "");
  EXPECT_EQ(school_.Post("/api/notifications/" + std::to_string(foreign) + "/read", {}).status,
            403u);
  db::Session s(server_.db());
  int reads = 0;
  s.sql() << "SELECT COUNT(*) FROM notification_reads WHERE notification_id = :n",
      soci::use(foreign), soci::into(reads);
  EXPECT_EQ(reads, 0);
}

}  // namespace
}  // namespace vw::testing
