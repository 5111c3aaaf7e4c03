// Rate limits: at most `limit` hits per key within a window.
//
// Used for public registrations, ticket code lookups and verification
// lookups (login limits are auth/login_throttle.h). RateLimiter is the
// interface; InMemoryRateLimiter keeps its counts in this process (SQLite:
// one process), db::SharedRateLimiter in the database, counted once for
// every process on one PostgreSQL (db::MakeRateLimiter picks).
// Implementations are thread-safe.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace vw {

class RateLimiter {
 public:
  virtual ~RateLimiter() = default;
  // True when `key` has had fewer than `limit` hits within the window.
  virtual bool Allowed(const std::string& key) = 0;
  // Records `count` hits for `key`.
  virtual void Hit(const std::string& key, int count = 1) = 0;
  // Records a hit and tells whether it was within the limit (hit counted
  // either way). Two callers at once never both get the last free hit.
  virtual bool TryHit(const std::string& key) = 0;
};

// A sliding window in this process's memory, forgotten at restart.
class InMemoryRateLimiter : public RateLimiter {
 public:
  InMemoryRateLimiter(std::size_t limit, std::chrono::seconds window)
      : limit_(limit), window_(window) {}

  bool Allowed(const std::string& key) override;
  void Hit(const std::string& key, int count = 1) override;
  bool TryHit(const std::string& key) override;

 private:
  using Clock = std::chrono::steady_clock;
  void Prune(std::deque<Clock::time_point>& hits, Clock::time_point now) const;
  void MaybeSweep(Clock::time_point now);

  std::size_t limit_;
  std::chrono::seconds window_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> hits_;
  Clock::time_point last_sweep_ = Clock::now();
};

}  // namespace vw
