#include "core/rate_limiter.h"

namespace vw {

void InMemoryRateLimiter::Prune(std::deque<Clock::time_point>& hits, Clock::time_point now) const {
  while (!hits.empty() && now - hits.front() >= window_) hits.pop_front();
}

void InMemoryRateLimiter::MaybeSweep(Clock::time_point now) {
  if (now - last_sweep_ < window_) return;
  last_sweep_ = now;
  for (auto it = hits_.begin(); it != hits_.end();) {
    Prune(it->second, now);
    it = it->second.empty() ? hits_.erase(it) : std::next(it);
  }
}

bool InMemoryRateLimiter::Allowed(const std::string& key) {
  std::lock_guard lock(mu_);
  auto now = Clock::now();
  auto it = hits_.find(key);
  if (it == hits_.end()) return true;
  Prune(it->second, now);
  return it->second.size() < limit_;
}

void InMemoryRateLimiter::Hit(const std::string& key, int count) {
  std::lock_guard lock(mu_);
  auto now = Clock::now();
  MaybeSweep(now);
  auto& hits = hits_[key];
  Prune(hits, now);
  for (int i = 0; i < count; ++i) hits.push_back(now);
}

bool InMemoryRateLimiter::TryHit(const std::string& key) {
  std::lock_guard lock(mu_);
  auto now = Clock::now();
  MaybeSweep(now);
  auto& hits = hits_[key];
  Prune(hits, now);
  hits.push_back(now);
  return hits.size() <= limit_;
}

}  // namespace vw
