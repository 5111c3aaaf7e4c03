// A rate limit counted in the database, once for every server process.
//
// The window is cut into ten slices; a row of rate_limit_hits (migration
// 0025) counts the hits of one key in one slice, and a key's count is the
// sum over the current slice and the nine before it. So the window slides
// in steps of a tenth of it: a hit is forgotten between 0.9 and 1 window
// later. TryHit adds its hit with one atomic upsert of the current slice's
// row (concurrent hits from any process queue on that row) and then reads
// the earlier slices, which no longer change. Rows past their window are
// deleted now and then by whichever process hits first.
//
// Each call leases a pooled session of its own: never call it while the
// same thread holds one (a full pool would deadlock). Database errors
// throw. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/rate_limiter.h"
#include "db/database.h"

namespace vw::db {

class SharedRateLimiter : public RateLimiter {
 public:
  using Clock = std::function<std::int64_t()>;  // unix seconds
  // `name` tells this limit's rows from other limits'. `clock` defaults to
  // the real clock (limits follow real time, also under VOCWEEK_CLOCK).
  SharedRateLimiter(Database& db, std::string name, std::size_t limit, std::chrono::seconds window,
                    Clock clock = {});

  bool Allowed(const std::string& key) override;
  void Hit(const std::string& key, int count = 1) override;
  bool TryHit(const std::string& key) override;

 private:
  // Adds `count` hits to the current slice; returns the slice's count.
  std::int64_t Add(Session& s, const std::string& key, std::int64_t slice, int count);
  // Hits of `key` in the slices [from, to).
  std::int64_t Sum(Session& s, const std::string& key, std::int64_t from, std::int64_t to);
  void MaybeSweep(Session& s, std::int64_t now);

  Database& db_;
  std::string name_;
  std::int64_t limit_;
  std::int64_t slice_seconds_;
  Clock clock_;
  std::atomic<std::int64_t> last_sweep_{0};
};

// A limit shared through the database on PostgreSQL (several processes),
// in memory on SQLite (one process).
std::unique_ptr<RateLimiter> MakeRateLimiter(Database& db, const std::string& name,
                                             std::size_t limit, std::chrono::seconds window);

}  // namespace vw::db
