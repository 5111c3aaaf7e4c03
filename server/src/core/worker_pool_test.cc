#include "core/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace vw {
namespace {

TEST(WorkerPoolTest, RefusesBeyondItsQueueAndRunsWhatItAccepted) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  std::atomic<int> done{0};
  WorkerPool pool(1, 2);
  ASSERT_TRUE(pool.TrySubmit([&] {
    started.set_value();
    released.wait();
    ++done;
  }));
  started.get_future().wait();  // running: the queue holds two more
  EXPECT_TRUE(pool.TrySubmit([&] { ++done; }));
  EXPECT_TRUE(pool.TrySubmit([&] { ++done; }));
  EXPECT_FALSE(pool.TrySubmit([&] { ++done; }));
  release.set_value();
  pool.Stop();  // runs what was queued
  EXPECT_EQ(done, 3);
  EXPECT_FALSE(pool.TrySubmit([&] { ++done; }));
}

}  // namespace
}  // namespace vw
