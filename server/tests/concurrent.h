// Concurrent writes for the lost-update tests (*_concurrency_pgtest.cc).
//
// ConcurrentTestServer serves each request on its own thread with fewer
// pooled connections than threads: a write that leased a second connection
// while holding its first would hang the test. AtOnce sends the same write
// from `n` clients (copies of one signed-in client, each on its own
// connection) released together by a barrier, so every request reads the
// record at the same version before any of them commits.
#pragma once

#include <barrier>
#include <functional>
#include <thread>
#include <vector>

#include "test_env.h"

namespace vw::testing {

constexpr int kConcurrentWriters = 6;
constexpr std::size_t kConcurrentPool = 3;  // fewer than the writers

inline void ConfigureForConcurrency(app::Config& c) {
  c.threads = kConcurrentWriters + 2;
  c.db_pool = kConcurrentPool;
}

// Answers in the order of `i` (0..n-1).
inline std::vector<HttpResult> AtOnce(Client& signed_in, unsigned short port, int n,
                                      const std::function<HttpResult(Client&, int i)>& request) {
  std::vector<HttpResult> out(n);
  std::barrier start(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      Client c(port);
      c.cookies() = signed_in.cookies();
      c.csrf = signed_in.csrf;
      start.arrive_and_wait();
      out[i] = request(c, i);
    });
  }
  for (auto& t : threads) t.join();
  return out;
}

// Exactly one answer is 200 and every other one is 409 conflict (the
// message depends on whether a loser read before or after the winner
// committed); returns the
// index of the winner (-1 when the rule does not hold).
inline int OneWinner(const std::vector<HttpResult>& answers) {
  int winner = -1;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const auto& r = answers[i];
    if (r.status == 200u) {
      EXPECT_EQ(winner, -1) << "a second write succeeded from the same version: " << r.body;
      winner = static_cast<int>(i);
    } else {
      EXPECT_EQ(r.status, 409u) << r.body;
      EXPECT_EQ(r.error_code(), "conflict") << r.body;
    }
  }
  EXPECT_NE(winner, -1) << "no write succeeded";
  return winner;
}

}  // namespace vw::testing
