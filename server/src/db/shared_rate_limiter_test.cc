// Rate limits in the database: one count for every process (the limiter
// runs on both backends; the server uses it on PostgreSQL).
#include "db/shared_rate_limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <thread>
#include <tuple>

#include "test_env.h"

namespace vw::testing {
namespace {

class SharedRateLimiterTest : public ::testing::Test {
 protected:
  void SetUp() override { std::tie(first_, second_) = TwoPoolsOnOneDatabase(4); }
  db::SharedRateLimiter Limiter(db::Database& db, std::size_t limit) {
    return db::SharedRateLimiter(db, "registration_mobile", limit, std::chrono::hours(1),
                                 [this] { return now_; });
  }

  std::int64_t now_ = 1'747'000'000;
  std::unique_ptr<db::Database> first_, second_;
};

TEST_F(SharedRateLimiterTest, TwoProcessesShareOneCountThatSlidesWithTheWindow) {
  auto a = Limiter(*first_, 5);
  auto b = Limiter(*second_, 5);
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE((i % 2 ? b : a).TryHit("13800000001")) << "hit " << i + 1;
  }
  EXPECT_FALSE(b.TryHit("13800000001"));
  EXPECT_FALSE(a.Allowed("13800000001"));
  EXPECT_TRUE(a.Allowed("13800000002")) << "another key has its own count";
  // Other limits keep their own counts under the same key.
  db::SharedRateLimiter other(*first_, "registration_ip", 1, std::chrono::hours(1),
                              [this] { return now_; });
  EXPECT_TRUE(other.TryHit("13800000001"));

  now_ += 3600;  // a window later every hit is forgotten
  EXPECT_TRUE(b.Allowed("13800000001"));
  EXPECT_TRUE(a.TryHit("13800000001"));
  b.Hit("13800000001", 4);
  EXPECT_FALSE(a.TryHit("13800000001"));
}

TEST_F(SharedRateLimiterTest, ParallelHitsGetTheLastFreeOnesOnce) {
  auto a = Limiter(*first_, 5);
  auto b = Limiter(*second_, 5);
  constexpr int kThreads = 8;
  std::barrier start(kThreads);
  std::atomic<int> passed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      if ((i % 2 ? b : a).TryHit("10.0.0.9")) ++passed;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(passed, 5);
}

TEST_F(SharedRateLimiterTest, OldRowsAreSwept) {
  auto a = Limiter(*first_, 5);
  a.TryHit("13800000001");
  now_ += 2 * 3600;
  a.TryHit("13800000002");
  db::Session s(*first_);
  std::int64_t rows = 0;
  s.sql() << "SELECT COUNT(*) FROM rate_limit_hits", soci::into(rows);
  EXPECT_EQ(rows, 1);
}

}  // namespace
}  // namespace vw::testing
