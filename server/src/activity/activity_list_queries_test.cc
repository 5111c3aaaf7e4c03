// The activity list runs a fixed number of statements per page, whatever the
// number of rows (it once ran about three per row: 600 for a page of 200).
#include <gtest/gtest.h>

#include <atomic>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

// Counts the statements a pooled connection prepares (none with nullptr).
class CountingLogger : public soci::logger_impl {
 public:
  explicit CountingLogger(std::atomic<int>* count) : count_(count) {}
  void start_query(const std::string&) override {
    if (count_) ++*count_;
  }

 private:
  logger_impl* do_clone() const override { return new CountingLogger(count_); }
  std::atomic<int>* count_;
};

class ActivityListQueriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClearActivities(server_.db());
    auto c = client_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    day3_ = c.data().at("days").as_array()[2].at("id").as_int64();
    client_.Login("sctc-college");
  }
  void Add(int n) {
    for (int i = 0; i < n; ++i) {
      json::object o{{"unit_id", UnitId(server_.db(), "智能制造学院")},
                     {"title", "活动" + std::to_string(added_++)},
                     {"theme_day_id", day3_},
                     {"starts_at", "2025-05-13T14:00:00+08:00"},
                     {"ends_at", "2025-05-13T17:00:00+08:00"},
                     {"place_kind", "on_campus"},
                     {"tag_ids", json::array{}},
                     {"audiences", json::array{"pupils", "parents"}}};
      ASSERT_EQ(client_.Post(Base() + "/activities", o).status, 201u);
    }
  }
  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_); }
  // Statements run while serving one page of the list (and the request's
  // sign-in check, the same for every request).
  int StatementsForList(std::int64_t expected_total) {
    std::atomic<int> count{0};
    auto& pool = server_.db().pool();
    for (std::size_t i = 0; i < server_.db().pool_size(); ++i) {
      pool.at(i).set_logger(soci::logger(new CountingLogger(&count)));
    }
    auto r = client_.Get(Base() + "/activities?page_size=100");
    for (std::size_t i = 0; i < server_.db().pool_size(); ++i) {
      pool.at(i).set_logger(soci::logger(new CountingLogger(nullptr)));
    }
    EXPECT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(r.data().at("total").as_int64(), expected_total);
    return count.load();
  }

  TestServer server_;
  Client client_{server_.port()};
  Id campaign_ = 0, day3_ = 0;
  int added_ = 0;
};

TEST_F(ActivityListQueriesTest, StatementsDoNotGrowWithTheRows) {
  Add(2);
  int two = StatementsForList(2);
  Add(28);
  int thirty = StatementsForList(30);
  EXPECT_EQ(thirty, two) << "statements per page must not depend on the rows";
  EXPECT_LE(thirty, 12) << "a page costs a fixed handful of statements";
  std::cout << "[ list statements ] 2 rows: " << two << ", 30 rows: " << thirty << "\n";
}

}  // namespace
}  // namespace vw::testing
