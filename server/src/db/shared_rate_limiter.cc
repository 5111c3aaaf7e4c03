#include "db/shared_rate_limiter.h"

namespace vw::db {
namespace {

constexpr std::int64_t kSlices = 10;  // per window

std::int64_t RealNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

SharedRateLimiter::SharedRateLimiter(Database& db, std::string name, std::size_t limit,
                                     std::chrono::seconds window, Clock clock)
    : db_(db),
      name_(std::move(name)),
      limit_(static_cast<std::int64_t>(limit)),
      slice_seconds_(std::max<std::int64_t>(1, window.count() / kSlices)),
      clock_(clock ? std::move(clock) : Clock(RealNow)) {}

std::int64_t SharedRateLimiter::Add(Session& s, const std::string& key, std::int64_t slice,
                                    int count) {
  std::int64_t expires = (slice + kSlices) * slice_seconds_;
  std::int64_t n = count, hits = 0;
  s.sql() << "INSERT INTO rate_limit_hits(name, subject, slice, hits, expires_at) "
             "VALUES (:name, :subject, :slice, :n, :expires) "
             "ON CONFLICT (name, subject, slice) DO UPDATE SET hits = rate_limit_hits.hits + :n2 "
             "RETURNING hits",
      soci::use(name_), soci::use(key), soci::use(slice), soci::use(n), soci::use(expires),
      soci::use(n), soci::into(hits);
  return hits;
}

std::int64_t SharedRateLimiter::Sum(Session& s, const std::string& key, std::int64_t from,
                                    std::int64_t to) {
  std::int64_t sum = 0;
  s.sql() << "SELECT COALESCE(SUM(hits), 0) FROM rate_limit_hits "
             "WHERE name = :name AND subject = :subject AND slice >= :from AND slice < :to",
      soci::use(name_), soci::use(key), soci::use(from), soci::use(to), soci::into(sum);
  return sum;
}

void SharedRateLimiter::MaybeSweep(Session& s, std::int64_t now) {
  std::int64_t last = last_sweep_.load();
  if (now - last < 60 || !last_sweep_.compare_exchange_strong(last, now)) return;
  s.sql() << "DELETE FROM rate_limit_hits WHERE expires_at < :now", soci::use(now);
}

bool SharedRateLimiter::Allowed(const std::string& key) {
  Session s(db_);
  std::int64_t slice = clock_() / slice_seconds_;
  return Sum(s, key, slice - kSlices + 1, slice + 1) < limit_;
}

void SharedRateLimiter::Hit(const std::string& key, int count) {
  if (count <= 0) return;
  Session s(db_);
  std::int64_t now = clock_();
  MaybeSweep(s, now);
  Add(s, key, now / slice_seconds_, count);
}

bool SharedRateLimiter::TryHit(const std::string& key) {
  Session s(db_);
  std::int64_t now = clock_();
  MaybeSweep(s, now);
  std::int64_t slice = now / slice_seconds_;
  std::int64_t current = Add(s, key, slice, 1);
  return current + Sum(s, key, slice - kSlices + 1, slice) <= limit_;
}

std::unique_ptr<RateLimiter> MakeRateLimiter(Database& db, const std::string& name,
                                             std::size_t limit, std::chrono::seconds window) {
  if (db.backend() == Backend::kPostgres) {
    return std::make_unique<SharedRateLimiter>(db, name, limit, window);
  }
  return std::make_unique<InMemoryRateLimiter>(limit, window);
}

}  // namespace vw::db
