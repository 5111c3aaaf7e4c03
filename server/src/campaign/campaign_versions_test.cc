// The campaign's sub-records (theme days, deadlines, sub-themes, committee
// members, duties) and task deletes take the version their caller read: left
// out it is a 400 naming `version`, stale it is a 409 and nothing changes.
// The races on PostgreSQL are in campaign_concurrency_pgtest.cc.
#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class CampaignVersionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    campaign_ = client_.Get("/api/public/campaigns/current").data().at("id").as_int64();
    base_ = "/api/campaigns/" + std::to_string(campaign_);
    sctc_ = UnitId(server_.db(), "四川科技职业学院");
  }

  static json::object Without(json::object o, const char* key) {
    o.erase(key);
    return o;
  }

  // PUT `path` with `edit` (which carries the version read): without the
  // version 400, with it 200 and the version bumped, again with the old one
  // 409 naming `version`. Returns the saved record.
  json::object ExpectVersionedPut(const std::string& path, const json::object& edit) {
    auto missing = client_.Put(path, Without(edit, "version"));
    EXPECT_EQ(missing.status, 400u) << missing.body;
    EXPECT_EQ(missing.error_field(), "version") << missing.body;
    auto saved = client_.Put(path, edit);
    EXPECT_EQ(saved.status, 200u) << saved.body;
    if (saved.status != 200u) return {};
    EXPECT_EQ(saved.data().at("version").as_int64(), edit.at("version").as_int64() + 1);
    auto stale = client_.Put(path, edit);
    EXPECT_EQ(stale.status, 409u) << stale.body;
    EXPECT_EQ(stale.error_code(), "conflict");
    EXPECT_EQ(stale.error_field(), "version");
    return saved.data().as_object();
  }

  // DELETE `path`: without ?version= 400, with a stale one 409, with the
  // current one 200.
  void ExpectVersionedDelete(const std::string& path, std::int64_t stale, std::int64_t current) {
    auto missing = client_.Delete(path);
    EXPECT_EQ(missing.status, 400u) << missing.body;
    EXPECT_EQ(missing.error_field(), "version") << missing.body;
    auto old = client_.Delete(path + "?version=" + std::to_string(stale));
    EXPECT_EQ(old.status, 409u) << old.body;
    EXPECT_EQ(old.error_field(), "version");
    auto done = client_.Delete(path + "?version=" + std::to_string(current));
    EXPECT_EQ(done.status, 200u) << done.body;
    EXPECT_EQ(client_.Delete(path + "?version=" + std::to_string(current)).status, 404u);
  }

  TestServer server_;
  Client client_{server_.port()};
  Id campaign_ = 0;
  Id sctc_ = 0;
  std::string base_;
};

TEST_F(CampaignVersionsTest, ThemeDayEditNeedsTheVersionItRead) {
  client_.Login("admin");
  json::object day = client_.Get(base_).data().at("days").as_array()[1].as_object();
  EXPECT_EQ(day.at("version").as_int64(), 1);
  std::string path = base_ + "/days/" + std::to_string(day.at("id").as_int64());
  json::object edit{{"name", "改名的主题日"},
                    {"description", day.at("description")},
                    {"version", day.at("version")}};
  json::object saved = ExpectVersionedPut(path, edit);
  EXPECT_EQ(saved.at("name"), "改名的主题日");
  // The stale edit changed nothing.
  edit["name"] = "过时的修改";
  EXPECT_EQ(client_.Put(path, edit).status, 409u);
  EXPECT_EQ(client_.Get(base_).data().at("days").as_array()[1].at("name"), "改名的主题日");
}

TEST_F(CampaignVersionsTest, DeadlineEditAndDeleteNeedTheVersionRead) {
  client_.Login("admin");
  auto created = client_.Post(
      base_ + "/deadlines",
      {{"form", "summary"}, {"title", "报送总结"}, {"due_at", "2025-05-25T18:00:00+08:00"}});
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.data().at("version").as_int64(), 1);
  std::string path = base_ + "/deadlines/" + std::to_string(created.data().at("id").as_int64());
  json::object edit = created.data().as_object();
  edit["title"] = "报送工作总结";
  ExpectVersionedPut(path, edit);
  ExpectVersionedDelete(path, 1, 2);
}

TEST_F(CampaignVersionsTest, SubThemeFirstSetIsVersionZeroThenTheVersionRead) {
  client_.Login("sctc");
  std::string path = base_ + "/sub-themes/" + std::to_string(sctc_);
  auto first = client_.Put(path, {{"sub_theme", "技能点亮人生"}, {"version", 0}});
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(first.data().at("version").as_int64(), 1);
  // A second "first" save finds the one already set.
  auto again = client_.Put(path, {{"sub_theme", "另一个"}, {"version", 0}});
  EXPECT_EQ(again.status, 409u) << again.body;
  EXPECT_EQ(again.error_field(), "version");
  ExpectVersionedPut(path, {{"sub_theme", "技能成就梦想"}, {"version", 1}});
  auto listed = client_.Get(base_ + "/sub-themes");
  ASSERT_EQ(listed.status, 200u);
  bool found = false;
  for (const auto& s : listed.data().at("items").as_array()) {
    if (s.at("unit_id").as_int64() != sctc_) continue;
    found = true;
    EXPECT_EQ(s.at("sub_theme"), "技能成就梦想");
    EXPECT_EQ(s.at("version").as_int64(), 2);
  }
  EXPECT_TRUE(found);
}

TEST_F(CampaignVersionsTest, CommitteeMemberEditAndDeleteNeedTheVersionRead) {
  client_.Login("sctc");
  auto created = client_.Post(
      base_ + "/committee", {{"unit_id", sctc_}, {"position", "member"}, {"person_name", "张三"}});
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.data().at("version").as_int64(), 1);
  std::string path = base_ + "/committee/" + std::to_string(created.data().at("id").as_int64());
  json::object edit = created.data().as_object();
  edit["title"] = "教务处处长";
  json::object saved = ExpectVersionedPut(path, edit);
  EXPECT_EQ(saved.at("title"), "教务处处长");
  ExpectVersionedDelete(path, 1, 2);
}

TEST_F(CampaignVersionsTest, DutyEditAndDeleteNeedTheVersionRead) {
  client_.Login("sctc");
  auto created = client_.Post(
      base_ + "/duties",
      {{"unit_id", sctc_}, {"department_name", "后勤处"}, {"responsibility", "保障场地"}});
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.data().at("version").as_int64(), 1);
  std::string path = base_ + "/duties/" + std::to_string(created.data().at("id").as_int64());
  json::object edit = created.data().as_object();
  edit["responsible_persons"] = "李四";
  ExpectVersionedPut(path, edit);
  ExpectVersionedDelete(path, 1, 2);
}

TEST_F(CampaignVersionsTest, TaskDeleteNeedsTheVersionRead) {
  client_.Login("sctc");
  auto tasks = client_.Get(base_ + "/tasks");
  json::object task = tasks.data().at("items").as_array()[0].as_object();
  std::string path = "/api/tasks/" + std::to_string(task.at("id").as_int64());
  std::int64_t read = task.at("version").as_int64();
  task["assignee"] = "新的负责人";
  auto edited = client_.Put(path, task);
  ASSERT_EQ(edited.status, 200u) << edited.body;
  ExpectVersionedDelete(path, read, edited.data().at("version").as_int64());
  auto bad = client_.Delete(path + "?version=abc");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.error_field(), "version");
}

}  // namespace
}  // namespace vw::testing
