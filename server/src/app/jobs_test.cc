// Periodic jobs run once across processes sharing a database (app/jobs.h).
#include "app/jobs.h"

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <stdexcept>
#include <thread>
#include <tuple>

#include "core/time.h"
#include "test_env.h"

namespace vw::testing {
namespace {

// Two connections pools on one fresh database, as two server processes.
class JobRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override { std::tie(first_, second_) = TwoPoolsOnOneDatabase(3); }

  app::JobRunner::Options Node(const std::string& name) {
    app::JobRunner::Options o;
    o.node = name;
    o.renew = std::chrono::milliseconds(20);
    return o;
  }

  std::int64_t Count(const std::string& where) {
    db::Session s(*first_);
    std::int64_t n = 0;
    s.sql() << "SELECT COUNT(*) FROM job_runs WHERE " + where, soci::into(n);
    return n;
  }

  ScopedClock clock_{"2025-05-14T03:00:00+08:00"};
  std::unique_ptr<db::Database> first_, second_;
};

TEST_F(JobRunnerTest, TwoRunnersRacingRunADueJobOnce) {
  std::atomic<int> runs{0};
  auto jobs = [&] { return std::vector<app::Job>{{"retention", [&] { ++runs; }}}; };
  app::JobRunner a(*first_, Node("a"), jobs());
  app::JobRunner b(*second_, Node("b"), jobs());
  std::barrier start(2);
  int ran_a = 0, ran_b = 0;
  std::thread ta([&] {
    start.arrive_and_wait();
    ran_a = a.RunDue();
  });
  std::thread tb([&] {
    start.arrive_and_wait();
    ran_b = b.RunDue();
  });
  ta.join();
  tb.join();
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(ran_a + ran_b, 1);
  EXPECT_EQ(Count("job = 'retention'"), 1);
  EXPECT_EQ(Count("job = 'retention' AND status = 'done'"), 1);

  // Done: not due again the same day, due the next.
  EXPECT_EQ(a.RunDue() + b.RunDue(), 0);
  clock_.Set("2025-05-15T03:00:01+08:00");
  EXPECT_EQ(b.RunDue(), 1);
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(Count("node = 'b' AND status = 'done'"), 1 + (ran_b == 1 ? 1 : 0));
}

TEST_F(JobRunnerTest, AJobWhoseNodeDiedIsRunAgainAfterItsLeaseExpired) {
  {
    // A node claimed the job, recorded its run and died.
    db::Session s(*first_);
    s.sql() << "UPDATE jobs SET lease_owner = 'dead/x', lease_until = :until "
               "WHERE name = 'short_codes'",
        soci::use(timeutil::NowUnix() + 300);
    s.sql() << "INSERT INTO job_runs(job, node, started_at, status) "
               "VALUES ('short_codes', 'dead', '2025-05-13T19:00:00Z', 'running')";
  }
  int runs = 0;
  app::JobRunner b(*second_, Node("b"), {{"short_codes", [&] { ++runs; }}});
  EXPECT_EQ(b.RunDue(), 0) << "the lease is still valid";
  clock_.Set("2025-05-14T03:05:01+08:00");
  EXPECT_EQ(b.RunDue(), 1);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(Count("node = 'dead' AND status = 'failed'"), 1);
  EXPECT_EQ(Count("node = 'b' AND status = 'done'"), 1);
}

TEST_F(JobRunnerTest, AFailedJobIsRecordedAndRetriedLater) {
  int tries = 0;
  app::JobRunner a(*first_, Node("a"), {{"retention", [&] {
                                           if (++tries == 1) throw std::runtime_error("disk full");
                                         }}});
  EXPECT_EQ(a.RunDue(), 1);
  EXPECT_EQ(Count("status = 'failed' AND error = 'disk full'"), 1);
  EXPECT_EQ(a.RunDue(), 0) << "retried after a pause, not at once";
  clock_.Set("2025-05-14T03:15:01+08:00");
  EXPECT_EQ(a.RunDue(), 1);
  EXPECT_EQ(tries, 2);
  EXPECT_EQ(Count("status = 'done'"), 1);
}

TEST_F(JobRunnerTest, TheServersJobsAreInTheTable) {
  db::Session s(*first_);
  std::int64_t n = 0;
  s.sql() << "SELECT COUNT(*) FROM jobs WHERE name IN ('retention', 'short_codes')", soci::into(n);
  EXPECT_EQ(n, 2);
}

}  // namespace
}  // namespace vw::testing
