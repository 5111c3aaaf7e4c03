// The login limits on their own, with a clock the test moves.
#include "auth/login_throttle.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace vw::auth {
namespace {

class LoginThrottleTest : public ::testing::Test {
 protected:
  std::int64_t now_ = 1'747'000'000;  // May 2025
  LoginThrottle throttle_{LoginThrottle::Limits{}, std::make_unique<InMemoryLoginAttemptStore>(),
                          [this] { return now_; }};

  // `n` attempts that turn out wrong; all must be admitted.
  void FailTimes(const std::string& account, const std::string& address, int n) {
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(throttle_.Begin(account, address).admitted) << account << " try " << i + 1;
    }
  }
};

TEST_F(LoginThrottleTest, FiveFreeTriesThenEachWaitsTwiceAsLongUpToFifteenMinutes) {
  FailTimes("sctc", "10.0.0.1", 5);
  std::int64_t expected = 2;
  for (int round = 0; round < 14; ++round) {
    auto refused = throttle_.Begin("sctc", "10.0.0.1");
    ASSERT_FALSE(refused.admitted);
    EXPECT_EQ(refused.retry_after, expected) << "round " << round;
    now_ += expected - 1;
    EXPECT_FALSE(throttle_.Begin("sctc", "10.0.0.1").admitted);
    now_ += 1;
    EXPECT_TRUE(throttle_.Begin("sctc", "10.0.0.1").admitted);
    expected = std::min<std::int64_t>(expected * 2, 15 * 60);
  }
  EXPECT_EQ(throttle_.Begin("sctc", "10.0.0.1").retry_after, 15 * 60);
}

TEST_F(LoginThrottleTest, TheOwnerAtAnotherAddressIsNotHeld) {
  FailTimes("sctc", "203.0.113.9", 5);
  EXPECT_FALSE(throttle_.Begin("sctc", "203.0.113.9").admitted);
  auto owner = throttle_.Begin("sctc", "10.0.0.1");
  EXPECT_TRUE(owner.admitted);
  throttle_.Succeeded("sctc", "10.0.0.1");
  EXPECT_FALSE(throttle_.Begin("sctc", "203.0.113.9").admitted);
}

TEST_F(LoginThrottleTest, ASuccessClearsTheStreak) {
  FailTimes("sctc", "10.0.0.1", 4);
  ASSERT_TRUE(throttle_.Begin("sctc", "10.0.0.1").admitted);
  throttle_.Succeeded("sctc", "10.0.0.1");
  FailTimes("sctc", "10.0.0.1", 5);
  EXPECT_FALSE(throttle_.Begin("sctc", "10.0.0.1").admitted);
}

TEST_F(LoginThrottleTest, AStreakIsForgottenAfterADay) {
  FailTimes("sctc", "10.0.0.1", 5);
  EXPECT_FALSE(throttle_.Begin("sctc", "10.0.0.1").admitted);
  now_ += 24 * 3600 + 1;
  FailTimes("sctc", "10.0.0.1", 5);
}

TEST_F(LoginThrottleTest, TwentyParallelTriesAdmitExactlyFive) {
  std::atomic<int> admitted{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  threads.reserve(20);
  for (int i = 0; i < 20; ++i) {
    threads.emplace_back([&] {
      while (!go) std::this_thread::yield();
      if (throttle_.Begin("sctc", "10.0.0.1").admitted) ++admitted;
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(admitted, 5);
}

TEST_F(LoginThrottleTest, AnAccountUnderSpreadAttackSlowsNewAddressesButNeverRefusesAFirstTry) {
  ASSERT_TRUE(throttle_.Begin("sctc", "10.0.0.1").admitted);
  throttle_.Succeeded("sctc", "10.0.0.1");  // the owner's usual address
  for (int i = 0; i < 20; ++i) FailTimes("sctc", "198.51.100." + std::to_string(i), 1);

  // A new address: its first try runs, the second waits.
  EXPECT_TRUE(throttle_.Begin("sctc", "192.0.2.7").admitted);
  auto second = throttle_.Begin("sctc", "192.0.2.7");
  EXPECT_FALSE(second.admitted);
  EXPECT_EQ(second.retry_after, 2);
  // The owner's address keeps its five.
  FailTimes("sctc", "10.0.0.1", 5);
  EXPECT_FALSE(throttle_.Begin("sctc", "10.0.0.1").admitted);
  // Another account is untouched.
  FailTimes("school2", "192.0.2.7", 5);

  // The account's count decays: an hour later new addresses have five again.
  now_ += 3600;
  FailTimes("sctc", "192.0.2.8", 5);
}

TEST_F(LoginThrottleTest, SprayingFromOneAddressIsHeldButItsKnownAccountsAreNot) {
  const std::string school_nat = "10.20.30.40";
  ASSERT_TRUE(throttle_.Begin("teacher", school_nat).admitted);
  throttle_.Succeeded("teacher", school_nat);
  for (int i = 0; i < 100; ++i) FailTimes("user" + std::to_string(i), school_nat, 1);

  auto sprayed = throttle_.Begin("user-next", school_nat);
  EXPECT_FALSE(sprayed.admitted);
  EXPECT_EQ(sprayed.retry_after, 36);  // one failure decays in 3600 s / 100
  EXPECT_TRUE(throttle_.Begin("teacher", school_nat).admitted);
  throttle_.Succeeded("teacher", school_nat);
  // The same accounts from elsewhere are not held.
  EXPECT_TRUE(throttle_.Begin("user-next", "10.0.0.1").admitted);

  now_ += 36;
  EXPECT_TRUE(throttle_.Begin("user-next", school_nat).admitted);
  EXPECT_FALSE(throttle_.Begin("user-more", school_nat).admitted);
}

TEST_F(LoginThrottleTest, ThirtyFailuresFromOneAddressDoNotHoldOtherAccounts) {
  for (int i = 0; i < 30; ++i) FailTimes("user" + std::to_string(i), "10.20.30.40", 1);
  EXPECT_TRUE(throttle_.Begin("newcomer", "10.20.30.40").admitted);
}

TEST(InMemoryLoginAttemptStoreTest, MemoryStaysBoundedUnderAFloodOfNames) {
  InMemoryLoginAttemptStore::Options options;
  options.max_entries = 100;
  auto store = std::make_unique<InMemoryLoginAttemptStore>(options);
  InMemoryLoginAttemptStore* raw = store.get();
  std::int64_t now = 1'747'000'000;
  LoginThrottle throttle(LoginThrottle::Limits{}, std::move(store), [&now] { return now; });
  for (int i = 0; i < 5000; ++i) {
    (void)throttle.Begin("name" + std::to_string(i), "2001:db8::" + std::to_string(i));
    ++now;
  }
  EXPECT_LE(raw->EntryCount(), 3 * 101u);
  // Idle entries go after a day.
  now += 24 * 3600 + 61;
  (void)throttle.Begin("late", "10.0.0.1");
  EXPECT_EQ(raw->EntryCount(), 3u);
}

}  // namespace
}  // namespace vw::auth
