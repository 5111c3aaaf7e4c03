// A sliding-window counter per key, in memory.
//
// Used for public registrations (login limits are auth/login_throttle.h).
// Counts live in this process only: with several server processes each keeps
// its own window, so the effective limit is per process (documented in
// ARCHITECTURE.md).
// Thread-safe.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace vw {

class RateLimiter {
 public:
  RateLimiter(std::size_t limit, std::chrono::seconds window) : limit_(limit), window_(window) {}

  // True when `key` has had fewer than `limit` hits within the window.
  bool Allowed(const std::string& key);
  // Records a hit for `key`.
  void Hit(const std::string& key);
  // Records a hit and tells whether it was within the limit (hit counted either way).
  bool TryHit(const std::string& key);
  void Reset(const std::string& key);

  std::chrono::seconds window() const { return window_; }

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
