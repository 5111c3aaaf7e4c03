// The first save of a form on PostgreSQL, from several clients at once:
// there is no row to lock yet, so every request reads "not started" and
// tries to create the row. Exactly one creates it; the others get a 409
// naming `version` (never a 500 from the unique key). The same for a
// reviewer's "did not take part" mark, which also creates the row. Needs
// PostgreSQL (VOCWEEK_TEST_PG); skipped on SQLite, whose writers queue on
// the database lock.
#include <gtest/gtest.h>

#include "concurrent.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class FirstSaveConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!UsingPostgres()) GTEST_SKIP() << "needs PostgreSQL (VOCWEEK_TEST_PG)";
    campaign_ = school_.Get("/api/public/campaigns/current").data().at("id").as_int64();
    unit_ = UnitId(server_.db(), "成都工业职业技术学院");
    school_.Login("school2");
    province_.Login("province");
  }
  std::string Form(const std::string& form, const std::string& action = "") const {
    return "/api/campaigns/" + std::to_string(campaign_) + "/submissions/" + form + action +
           "?unit_id=" + std::to_string(unit_);
  }
  int Rows(const std::string& form) {
    db::Session s(server_.db());
    int n = 0;
    s.sql() << "SELECT COUNT(*) FROM submissions WHERE campaign_id = :c AND unit_id = :u AND "
               "form = :f",
        soci::use(campaign_), soci::use(unit_), soci::use(form), soci::into(n);
    return n;
  }

  TestServer server_{ConfigureForConcurrency};
  Client school_{server_.port()};
  Client province_{server_.port()};
  Id campaign_ = 0;
  Id unit_ = 0;
};

TEST_F(FirstSaveConcurrencyTest, FirstSavesAtOnceCreateOneDraft) {
  ASSERT_EQ(school_.Get(Form("info_form")).data().at("version"), 0);
  auto answers = AtOnce(school_, server_.port(), kConcurrentWriters, [&](Client& c, int i) {
    json::object data{{"contact_person", "李老师"},
                      {"position", "处长"},
                      {"mobile", "13800001111"},
                      {"qq", ""},
                      {"website", ""},
                      {"work_plan", "开放日 " + std::to_string(i)},
                      {"featured", ""}};
    return c.Put(Form("info_form"), json::object{{"version", 0}, {"data", data}});
  });
  int winner = OneWinner(answers);
  ASSERT_GE(winner, 0);
  for (const auto& a : answers) {
    if (a.status == 409u) {
      EXPECT_EQ(a.error_field(), "version") << a.body;
    }
  }
  EXPECT_EQ(Rows("info_form"), 1);
  auto seen = school_.Get(Form("info_form")).data();
  EXPECT_EQ(seen.at("version"), 1);
  EXPECT_EQ(seen.at("status"), "draft");
  EXPECT_EQ(seen.at("data").at("work_plan").as_string(), "开放日 " + std::to_string(winner))
      << "the row holds the winner's data";
}

TEST_F(FirstSaveConcurrencyTest, MarksAtOnceCreateOneRow) {
  auto answers = AtOnce(province_, server_.port(), kConcurrentWriters, [&](Client& c, int) {
    return c.Post(Form("summary", "/not-participating"), json::object{{"reason", "本届未开展"}});
  });
  int done = 0;
  for (const auto& a : answers) {
    if (a.status == 200u) {
      ++done;
    } else {
      // A loser that read before the winner committed finds the row taken;
      // one that read after it marks the marked form again.
      EXPECT_EQ(a.status, 409u) << a.body;
      EXPECT_EQ(a.error_field(), "version") << a.body;
    }
  }
  EXPECT_GE(done, 1);
  EXPECT_EQ(Rows("summary"), 1);
  EXPECT_EQ(province_.Get(Form("summary")).data().at("status"), "not_participating");
}

}  // namespace
}  // namespace vw::testing
