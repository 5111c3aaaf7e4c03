// The login limits with their counts in the database: two processes see
// one count (the store runs on both backends; the server uses it on
// PostgreSQL).
#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <thread>
#include <tuple>

#include "auth/login_throttle.h"
#include "test_env.h"

namespace vw::testing {
namespace {

class DbLoginAttemptStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { std::tie(first_, second_) = TwoPoolsOnOneDatabase(4); }
  std::unique_ptr<auth::LoginThrottle> Throttle(db::Database& db) {
    return std::make_unique<auth::LoginThrottle>(auth::LoginThrottle::Limits{},
                                                 std::make_unique<auth::DbLoginAttemptStore>(db),
                                                 [this] { return now_.load(); });
  }

  std::atomic<std::int64_t> now_ = 1'747'000'000;
  std::unique_ptr<db::Database> first_, second_;
};

TEST_F(DbLoginAttemptStoreTest, FailuresThroughTwoProcessesAddUp) {
  auto a = Throttle(*first_);
  auto b = Throttle(*second_);
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE((i % 2 ? b : a)->Begin("sctc", "10.0.0.1").admitted) << "try " << i + 1;
  }
  auto refused = b->Begin("sctc", "10.0.0.1");
  EXPECT_FALSE(refused.admitted);
  EXPECT_EQ(refused.retry_after, 2);
  EXPECT_TRUE(a->Begin("sctc", "10.0.0.2").admitted) << "the owner at another address";

  // A success through one process clears the streak for the other.
  now_ += 2;
  ASSERT_TRUE(a->Begin("sctc", "10.0.0.1").admitted);
  a->Succeeded("sctc", "10.0.0.1");
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(b->Begin("sctc", "10.0.0.1").admitted);
}

TEST_F(DbLoginAttemptStoreTest, ParallelTriesCannotAllPassTheFreeOnes) {
  auto a = Throttle(*first_);
  auto b = Throttle(*second_);
  constexpr int kThreads = 8;
  std::barrier start(kThreads);
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      if ((i % 2 ? b : a)->Begin("admin", "10.0.0.7").admitted) ++admitted;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(admitted, 5);
}

}  // namespace
}  // namespace vw::testing
