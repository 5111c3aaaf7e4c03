#include "app/jobs.h"

#include <spdlog/spdlog.h>

#include <future>

#include "core/crypto.h"
#include "core/time.h"

namespace vw::app {

JobRunner::JobRunner(db::Database& db, Options options, std::vector<Job> jobs)
    : db_(db), options_(std::move(options)), jobs_(std::move(jobs)) {
  // The lease names this runner, not only its node: a node restarted under
  // the same name must not renew or finish its previous life's claims.
  owner_ = options_.node + "/" + RandomToken(6);
  if (options_.renew.count() == 0) {
    options_.renew = std::chrono::milliseconds(options_.lease * 1000 / 3);
  }
}

bool JobRunner::Claim(const std::string& name, std::int64_t now) {
  db::Session s(db_);
  std::int64_t until = now + options_.lease;
  soci::statement st =
      (s.sql().prepare << "UPDATE jobs SET lease_owner = :owner, lease_until = :until "
                          "WHERE name = :name AND next_due <= :now "
                          "AND (lease_until IS NULL OR lease_until < :now2)",
       soci::use(owner_), soci::use(until), soci::use(name), soci::use(now), soci::use(now));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void JobRunner::RunClaimed(const Job& job, std::int64_t now) {
  std::string started = timeutil::FormatUtc(now);
  std::int64_t run_id = 0;
  {
    db::Session s(db_);
    // A run still marked running lost its node: its lease expired, or
    // this runner could not have claimed the job.
    std::string lost = "lease expired";
    s.sql() << "UPDATE job_runs SET status = 'failed', finished_at = :at, error = :e "
               "WHERE job = :job AND status = 'running'",
        soci::use(started), soci::use(lost), soci::use(job.name);
    s.sql() << "INSERT INTO job_runs(job, node, started_at, status) "
               "VALUES (:job, :node, :at, 'running') RETURNING id",
        soci::use(job.name), soci::use(options_.node), soci::use(started), soci::into(run_id);
  }
  spdlog::info("job {} started (run {})", job.name, run_id);

  // The job runs on its own thread while this one renews the lease.
  auto result = std::async(std::launch::async, [&job]() -> std::string {
    try {
      job.run();
      return "";
    } catch (const std::exception& e) {
      return std::string(e.what()).substr(0, 1000);
    }
  });
  while (result.wait_for(options_.renew) != std::future_status::ready) {
    try {
      db::Session s(db_);
      std::int64_t until = timeutil::NowUnix() + options_.lease;
      s.sql() << "UPDATE jobs SET lease_until = :until WHERE name = :name AND lease_owner = :owner",
          soci::use(until), soci::use(job.name), soci::use(owner_);
    } catch (const std::exception& e) {
      spdlog::warn("renewing the lease of job {} failed: {}", job.name, e.what());
    }
  }
  std::string error = result.get();
  std::int64_t finished = timeutil::NowUnix();
  std::int64_t next_due = finished + (error.empty() ? options_.period : options_.retry_after);
  std::string finished_at = timeutil::FormatUtc(finished);
  std::string status = error.empty() ? "done" : "failed";
  std::optional<std::string> error_text;
  if (!error.empty()) error_text = error;
  db::Session s(db_);
  s.sql() << "UPDATE job_runs SET status = :status, finished_at = :at, error = :e WHERE id = :id",
      soci::use(status), soci::use(finished_at), soci::use(error_text), soci::use(run_id);
  soci::statement st = (s.sql().prepare << "UPDATE jobs SET next_due = :due, lease_owner = NULL, "
                                           "lease_until = NULL "
                                           "WHERE name = :name AND lease_owner = :owner",
                        soci::use(next_due), soci::use(job.name), soci::use(owner_));
  st.execute(true);
  if (st.get_affected_rows() != 1) {
    spdlog::warn("job {} ran longer than its lease; another node may have run it too", job.name);
  }
  if (error.empty()) {
    spdlog::info("job {} done (run {})", job.name, run_id);
  } else {
    spdlog::error("job {} failed (run {}): {}", job.name, run_id, error);
  }
}

int JobRunner::RunDue() {
  int ran = 0;
  for (const Job& job : jobs_) {
    try {
      std::int64_t now = timeutil::NowUnix();
      if (!Claim(job.name, now)) continue;
      RunClaimed(job, now);
      ++ran;
    } catch (const std::exception& e) {
      spdlog::error("job {}: {}", job.name, e.what());
    }
  }
  return ran;
}

void JobRunner::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    do {
      lock.unlock();
      RunDue();
      lock.lock();
    } while (!cv_.wait_for(lock, options_.poll, [this] { return stop_; }));
  });
}

void JobRunner::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace vw::app
