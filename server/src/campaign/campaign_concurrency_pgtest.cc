// Concurrent saves of one campaign, task, theme day, deadline, committee
// member, duty, sub-theme and notice text, and concurrent deletes of one task,
// on PostgreSQL: exactly one wins from the version all read, the row shows its
// data. Needs PostgreSQL (VOCWEEK_TEST_PG); skipped on SQLite, whose writers
// queue on the database lock.
#include <gtest/gtest.h>

#include "concurrent.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class CampaignConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!UsingPostgres()) GTEST_SKIP() << "needs PostgreSQL (VOCWEEK_TEST_PG)";
    campaign_ = client_.Get("/api/public/campaigns/current").data().at("id").as_int64();
  }
  std::string Base() const { return "/api/campaigns/" + std::to_string(campaign_); }

  // Sends `edit` with "<field>" = "<prefix><i>" from every writer to `path`;
  // checks one winner and returns its answer (empty when none won).
  json::object OneEditWins(const std::string& path, const json::object& edit, const char* field,
                           const std::string& prefix) {
    auto answers = AtOnce(client_, server_.port(), kConcurrentWriters, [&](Client& c, int i) {
      json::object mine = edit;
      mine[field] = prefix + std::to_string(i);
      return c.Put(path, mine);
    });
    int winner = OneWinner(answers);
    if (winner < 0) return {};
    json::object won = answers[winner].data().as_object();
    EXPECT_EQ(won.at(field).as_string(), prefix + std::to_string(winner));
    EXPECT_EQ(won.at("version").as_int64(), edit.at("version").as_int64() + 1);
    return won;
  }

  // The element of `items` whose `key` is `value` (empty when none is).
  static json::object Find(const json::value& items, const char* key, const json::value& value) {
    for (const auto& v : items.as_array()) {
      if (v.at(key) == value) return v.as_object();
    }
    return {};
  }
  static json::object Find(const HttpResult& list, const char* key, std::int64_t id) {
    return Find(list.data().at("items"), key, json::value(id));
  }

  // The row read back after the race holds the winner's `field` and version.
  static void ShowsWinner(const json::object& row, const json::object& won, const char* field) {
    ASSERT_FALSE(won.empty()) << "no writer won";
    ASSERT_FALSE(row.empty());
    EXPECT_EQ(row.at(field), won.at(field));
    EXPECT_EQ(row.at("version"), won.at("version"));
  }

  // How many answers succeeded; every other one found its version stale
  // (409) or the row gone (404).
  static int Wins(const std::vector<HttpResult>& answers) {
    int won = 0;
    for (const auto& r : answers) {
      if (r.status == 200u) {
        ++won;
      } else {
        EXPECT_TRUE(r.status == 409u || r.status == 404u) << r.status << " " << r.body;
      }
    }
    return won;
  }

  TestServer server_{ConfigureForConcurrency};
  Client client_{server_.port()};
  Id campaign_ = 0;
};

TEST_F(CampaignConcurrencyTest, ConcurrentCampaignSavesFromOneVersionKeepExactlyOne) {
  client_.Login("admin");
  json::object read = client_.Get(Base()).data().as_object();
  json::object edit{{"name", read.at("name")},
                    {"starts_on", read.at("starts_on")},
                    {"status", read.at("status")},
                    {"version", read.at("version")}};
  json::object won = OneEditWins(Base(), edit, "theme", "主题");
  ShowsWinner(client_.Get(Base()).data().as_object(), won, "theme");
}

TEST_F(CampaignConcurrencyTest, ConcurrentTaskSavesFromOneVersionKeepExactlyOne) {
  client_.Login("sctc");
  json::object read = client_.Get(Base() + "/tasks").data().at("items").as_array()[0].as_object();
  std::int64_t id = read.at("id").as_int64();
  json::object won = OneEditWins("/api/tasks/" + std::to_string(id), read, "assignee", "负责人");
  ShowsWinner(Find(client_.Get(Base() + "/tasks"), "id", id), won, "assignee");
}

TEST_F(CampaignConcurrencyTest, ConcurrentThemeDaySavesFromOneVersionKeepExactlyOne) {
  client_.Login("admin");
  json::object day = client_.Get(Base()).data().at("days").as_array()[2].as_object();
  std::string path = Base() + "/days/" + std::to_string(day.at("id").as_int64());
  json::object won = OneEditWins(path, day, "name", "主题日");
  ShowsWinner(client_.Get(Base()).data().at("days").as_array()[2].as_object(), won, "name");
}

TEST_F(CampaignConcurrencyTest, ConcurrentDeadlineSavesFromOneVersionKeepExactlyOne) {
  client_.Login("admin");
  json::object deadline = client_.Get(Base()).data().at("deadlines").as_array()[0].as_object();
  Id id = deadline.at("id").as_int64();
  json::object won =
      OneEditWins(Base() + "/deadlines/" + std::to_string(id), deadline, "title", "截止事项");
  ShowsWinner(Find(client_.Get(Base()).data().at("deadlines"), "id", json::value(id)), won,
              "title");
}

TEST_F(CampaignConcurrencyTest, ConcurrentCommitteeSavesFromOneVersionKeepExactlyOne) {
  client_.Login("sctc");
  Id sctc = UnitId(server_.db(), "四川科技职业学院");
  std::string list = Base() + "/committee?unit_id=" + std::to_string(sctc);
  json::object member = client_.Get(list).data().at("items").as_array()[0].as_object();
  Id id = member.at("id").as_int64();
  json::object won =
      OneEditWins(Base() + "/committee/" + std::to_string(id), member, "title", "职务说明");
  ASSERT_FALSE(won.empty());
  ShowsWinner(Find(client_.Get(list), "id", id), won, "title");
}

TEST_F(CampaignConcurrencyTest, ConcurrentDutySavesFromOneVersionKeepExactlyOne) {
  client_.Login("sctc");
  Id sctc = UnitId(server_.db(), "四川科技职业学院");
  std::string list = Base() + "/duties?unit_id=" + std::to_string(sctc);
  json::object duty = client_.Get(list).data().at("items").as_array()[0].as_object();
  Id id = duty.at("id").as_int64();
  json::object won =
      OneEditWins(Base() + "/duties/" + std::to_string(id), duty, "responsible_persons", "责任人");
  ASSERT_FALSE(won.empty());
  ShowsWinner(Find(client_.Get(list), "id", id), won, "responsible_persons");
}

TEST_F(CampaignConcurrencyTest, ConcurrentFirstSubThemesKeepExactlyOne) {
  client_.Login("sctc");
  Id sctc = UnitId(server_.db(), "四川科技职业学院");
  json::object first{{"sub_theme", ""}, {"version", 0}};
  json::object won =
      OneEditWins(Base() + "/sub-themes/" + std::to_string(sctc), first, "sub_theme", "分主题");
  ASSERT_FALSE(won.empty());
  json::object row = Find(client_.Get(Base() + "/sub-themes"), "unit_id", sctc);
  ASSERT_FALSE(row.empty());
  EXPECT_EQ(row.at("sub_theme"), won.at("sub_theme"));
  EXPECT_EQ(row.at("version").as_int64(), 1);
}

TEST_F(CampaignConcurrencyTest, ConcurrentNoticeTextSavesFromOneVersionKeepExactlyOne) {
  client_.Login("admin");
  std::string texts = Base() + "/notice-texts";
  json::object text = client_.Get(texts).data().at("texts").as_array()[0].as_object();
  std::string code(text.at("code").as_string());
  json::object won = OneEditWins(texts + "/" + code, text, "text", "填表说明");
  ASSERT_FALSE(won.empty());
  ShowsWinner(Find(client_.Get(texts).data().at("texts"), "code", text.at("code")), won, "text");
}

// Deleters that read the task before the winner committed find their version
// gone (409); one that reads after finds no task (404). Either way one wins.
TEST_F(CampaignConcurrencyTest, ConcurrentTaskDeletesFromOneVersionDeleteOnce) {
  client_.Login("sctc");
  auto tasks = client_.Get(Base() + "/tasks?page_size=100");
  std::int64_t total = tasks.data().at("total").as_int64();
  json::object read = tasks.data().at("items").as_array()[0].as_object();
  std::string path = "/api/tasks/" + std::to_string(read.at("id").as_int64()) +
                     "?version=" + std::to_string(read.at("version").as_int64());
  auto answers = AtOnce(client_, server_.port(), kConcurrentWriters,
                        [&](Client& c, int) { return c.Delete(path); });
  EXPECT_EQ(Wins(answers), 1);
  auto after = client_.Get(Base() + "/tasks?page_size=100");
  EXPECT_EQ(after.data().at("total").as_int64(), total - 1);
  EXPECT_TRUE(Find(after, "id", read.at("id").as_int64()).empty());
}

// An edit racing deletes from the same version: one of them wins; a winning
// edit leaves the task in place with its data.
TEST_F(CampaignConcurrencyTest, TaskEditRacingDeletesKeepsExactlyOne) {
  client_.Login("sctc");
  auto tasks = client_.Get(Base() + "/tasks?page_size=100");
  json::object read = tasks.data().at("items").as_array()[1].as_object();
  Id id = read.at("id").as_int64();
  std::string path = "/api/tasks/" + std::to_string(id);
  auto answers = AtOnce(client_, server_.port(), kConcurrentWriters, [&](Client& c, int i) {
    if (i == 0) {
      json::object edit = read;
      edit["assignee"] = "编辑者";
      return c.Put(path, edit);
    }
    return c.Delete(path + "?version=" + std::to_string(read.at("version").as_int64()));
  });
  EXPECT_EQ(Wins(answers), 1);
  json::object row = Find(client_.Get(Base() + "/tasks?page_size=100"), "id", id);
  if (answers[0].status == 200u) {
    ASSERT_FALSE(row.empty());
    EXPECT_EQ(row.at("assignee"), "编辑者");
  } else {
    EXPECT_TRUE(row.empty());
  }
}

}  // namespace
}  // namespace vw::testing
