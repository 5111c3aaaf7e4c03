// Periodic jobs, run once across every server process on one database.
//
// Each job has a row in `jobs` (migration 0025) with the time it is next
// due. A process claims a due job with a conditional UPDATE that sets its
// lease (one row affected: claimed; works alike on SQLite and PostgreSQL),
// renews the lease while the job runs, and afterwards sets the next due
// time (a day later) and clears the lease. A process that dies mid-job
// leaves its lease to expire; then another process claims the job again.
// Every run is a row of `job_runs` (running, done or failed); a failed job
// is due again after `retry_after`.
//
// Times are timeutil::NowUnix (tests stop it with ScopedClock).
// JobRunner is thread-safe; several runners may share a database.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "db/database.h"

namespace vw::app {

struct Job {
  std::string name;           // its row in `jobs`
  std::function<void()> run;  // throws on failure
};

class JobRunner {
 public:
  struct Options {
    std::string node;                 // this process, in job_runs.node and the lease
    std::int64_t lease = 300;         // seconds a claim holds without renewal
    std::int64_t period = 24 * 3600;  // next due after a success
    std::int64_t retry_after = 900;   // next due after a failure
    // How often the runner looks for due jobs (Start) and renews a running
    // job's lease (lease / 3 when zero).
    std::chrono::milliseconds poll = std::chrono::seconds(30);
    std::chrono::milliseconds renew{0};
  };
  JobRunner(db::Database& db, Options options, std::vector<Job> jobs);
  ~JobRunner() { Stop(); }
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Claims and runs, one after the other, every job that is due and not
  // leased by a live run. Returns how many it ran (failed ones included).
  // Database errors are logged, never thrown.
  int RunDue();

  // RunDue now and every `poll` on a thread of its own until Stop.
  void Start();
  void Stop();

 private:
  // True when this runner now holds the job's lease.
  bool Claim(const std::string& name, std::int64_t now);
  void RunClaimed(const Job& job, std::int64_t now);

  db::Database& db_;
  Options options_;
  std::string owner_;  // lease_owner of this runner's claims
  std::vector<Job> jobs_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace vw::app
