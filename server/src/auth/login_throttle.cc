#include "auth/login_throttle.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/time.h"

namespace vw::auth {
namespace {

// Drops the oldest entries of `map` until at most `keep` remain; `age_of`
// gives an entry's last activity.
template <class Map, class AgeOf>
void DropOldest(Map& map, std::size_t keep, AgeOf age_of) {
  if (map.size() <= keep) return;
  std::vector<std::int64_t> ages;
  ages.reserve(map.size());
  for (const auto& [key, value] : map) ages.push_back(age_of(value));
  std::size_t drop = map.size() - keep;
  std::nth_element(ages.begin(), ages.begin() + static_cast<std::ptrdiff_t>(drop - 1), ages.end());
  std::int64_t cutoff = ages[drop - 1];
  for (auto it = map.begin(); it != map.end() && drop > 0;) {
    if (age_of(it->second) <= cutoff) {
      it = map.erase(it);
      --drop;
    } else {
      ++it;
    }
  }
}

// The level of `c` at `now`, decaying by `per_second`.
double LevelAt(const DecayingCount& c, std::int64_t now, double per_second) {
  double elapsed = static_cast<double>(std::max<std::int64_t>(0, now - c.at));
  return std::max(0.0, c.level - elapsed * per_second);
}

}  // namespace

void InMemoryLoginAttemptStore::Change(
    const std::string& account, const std::string& address, std::int64_t now,
    const std::function<std::optional<LoginCounts>(const LoginCounts&)>& change) {
  std::string pair_key = account;
  pair_key += '\n';
  pair_key += address;
  std::lock_guard lock(mu_);
  if (now - last_sweep_ >= 60 || pairs_.size() > options_.max_entries ||
      accounts_.size() > options_.max_entries || addresses_.size() > options_.max_entries) {
    Sweep(now);
  }
  LoginCounts counts;
  if (auto it = pairs_.find(pair_key); it != pairs_.end()) {
    counts.streak = it->second.streak;
    counts.last_failure = it->second.last_failure;
    counts.known_since = it->second.known_since;
  }
  if (auto it = accounts_.find(account); it != accounts_.end()) counts.account = it->second;
  if (auto it = addresses_.find(address); it != addresses_.end()) counts.address = it->second;
  auto changed = change(counts);
  if (!changed) return;
  pairs_[pair_key] = {changed->streak, changed->last_failure, changed->known_since};
  accounts_[account] = changed->account;
  addresses_[address] = changed->address;
}

std::size_t InMemoryLoginAttemptStore::EntryCount() {
  std::lock_guard lock(mu_);
  return pairs_.size() + accounts_.size() + addresses_.size();
}

void InMemoryLoginAttemptStore::Sweep(std::int64_t now) {
  last_sweep_ = now;
  auto pair_age = [](const Pair& p) { return std::max(p.last_failure, p.known_since); };
  std::erase_if(pairs_, [&](const auto& entry) {
    const Pair& p = entry.second;
    bool known = p.known_since > 0 && now - p.known_since <= options_.remember_known_for;
    return !known && now - p.last_failure > options_.forget_after;
  });
  auto stale = [&](const auto& entry) { return now - entry.second.at > options_.forget_after; };
  std::erase_if(accounts_, stale);
  std::erase_if(addresses_, stale);
  // Under a flood of distinct names or addresses, keep memory bounded: the
  // oldest entries go first (their counts restart from zero).
  std::size_t keep = options_.max_entries / 4 * 3;
  if (pairs_.size() > options_.max_entries) DropOldest(pairs_, keep, pair_age);
  auto count_age = [](const DecayingCount& c) { return c.at; };
  if (accounts_.size() > options_.max_entries) DropOldest(accounts_, keep, count_age);
  if (addresses_.size() > options_.max_entries) DropOldest(addresses_, keep, count_age);
}

LoginThrottle::LoginThrottle()
    : LoginThrottle(Limits{}, std::make_unique<InMemoryLoginAttemptStore>(),
                    [] { return timeutil::NowUnix(); }) {}

LoginThrottle::LoginThrottle(Limits limits, std::unique_ptr<LoginAttemptStore> store, Clock clock)
    : limits_(limits), store_(std::move(store)), clock_(std::move(clock)) {}

LoginThrottle::Admission LoginThrottle::Begin(const std::string& account,
                                              const std::string& address) {
  std::int64_t now = clock_();
  Admission out;
  double window = static_cast<double>(limits_.window);
  store_->Change(account, address, now, [&](const LoginCounts& c) -> std::optional<LoginCounts> {
    bool known = c.known_since > 0;
    int streak = now - c.last_failure > limits_.streak_memory ? 0 : c.streak;
    double account_rate = limits_.account_ceiling / window;
    double address_rate = limits_.address_ceiling / window;
    double account_level = LevelAt(c.account, now, account_rate);
    double address_level = LevelAt(c.address, now, address_rate);
    if (!known && address_level >= limits_.address_ceiling) {
      // Wait until the count has decayed one below the ceiling.
      double excess = address_level - limits_.address_ceiling + 1;
      double wait = std::ceil(excess * window / limits_.address_ceiling - 1e-9);
      out.retry_after = std::max<std::int64_t>(1, static_cast<std::int64_t>(wait));
      return std::nullopt;
    }
    int free = !known && account_level >= limits_.account_ceiling ? 1 : limits_.free_failures;
    if (streak >= free) {
      int doublings = std::min(streak - free + 1, 30);
      std::int64_t delay = std::min<std::int64_t>(std::int64_t{1} << doublings, limits_.max_delay);
      std::int64_t next = c.last_failure + delay;
      if (now < next) {
        out.retry_after = next - now;
        return std::nullopt;
      }
    }
    out.admitted = true;
    LoginCounts after = c;
    after.streak = streak + 1;
    after.last_failure = now;
    after.account = {account_level + 1, now};
    after.address = {address_level + 1, now};
    return after;
  });
  return out;
}

void LoginThrottle::Succeeded(const std::string& account, const std::string& address) {
  std::int64_t now = clock_();
  double window = static_cast<double>(limits_.window);
  store_->Change(account, address, now, [&](const LoginCounts& c) -> std::optional<LoginCounts> {
    LoginCounts after = c;
    after.streak = 0;
    after.last_failure = 0;
    after.known_since = now;
    after.account = {std::max(0.0, LevelAt(c.account, now, limits_.account_ceiling / window) - 1),
                     now};
    after.address = {std::max(0.0, LevelAt(c.address, now, limits_.address_ceiling / window) - 1),
                     now};
    return after;
  });
}

}  // namespace vw::auth
