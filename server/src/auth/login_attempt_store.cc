// DbLoginAttemptStore (login_throttle.h).
#include "auth/login_throttle.h"

namespace vw::auth {
namespace {

// Creates the account's or the address's count, or locks it; returns it.
DecayingCount LockCount(db::Session& s, const std::string& kind, const std::string& subject) {
  DecayingCount c;
  s.sql() << "INSERT INTO login_counts(kind, subject) VALUES (:kind, :subject) "
             "ON CONFLICT (kind, subject) DO UPDATE SET level = login_counts.level "
             "RETURNING level, at",
      soci::use(kind), soci::use(subject), soci::into(c.level), soci::into(c.at);
  return c;
}

void SaveCount(db::Session& s, const std::string& kind, const std::string& subject,
               const DecayingCount& c) {
  s.sql() << "UPDATE login_counts SET level = :level, at = :at WHERE kind = :kind AND "
             "subject = :subject",
      soci::use(c.level), soci::use(c.at), soci::use(kind), soci::use(subject);
}

}  // namespace

void DbLoginAttemptStore::Change(
    const std::string& account, const std::string& address, std::int64_t now,
    const std::function<std::optional<LoginCounts>(const LoginCounts&)>& change) {
  db::Session s(db_);
  MaybeSweep(s, now);
  db::Transaction tx(s);
  LoginCounts counts;
  s.sql() << "INSERT INTO login_pairs(account, address, touched_at) VALUES (:a, :d, :now) "
             "ON CONFLICT (account, address) DO UPDATE SET touched_at = :now2 "
             "RETURNING streak, last_failure, known_since",
      soci::use(account), soci::use(address), soci::use(now), soci::use(now),
      soci::into(counts.streak), soci::into(counts.last_failure), soci::into(counts.known_since);
  counts.account = LockCount(s, "account", account);
  counts.address = LockCount(s, "address", address);
  auto changed = change(counts);
  if (!changed) return;  // rolls back: nothing to store
  s.sql() << "UPDATE login_pairs SET streak = :streak, last_failure = :last, known_since = :known "
             "WHERE account = :a AND address = :d",
      soci::use(changed->streak), soci::use(changed->last_failure), soci::use(changed->known_since),
      soci::use(account), soci::use(address);
  SaveCount(s, "account", account, changed->account);
  SaveCount(s, "address", address, changed->address);
  tx.Commit();
}

void DbLoginAttemptStore::MaybeSweep(db::Session& s, std::int64_t now) {
  std::int64_t last = last_sweep_.load();
  if (now - last < 3600 || !last_sweep_.compare_exchange_strong(last, now)) return;
  std::int64_t forgotten = now - options_.forget_after;
  std::int64_t unknown = now - options_.remember_known_for;
  s.sql() << "DELETE FROM login_pairs WHERE last_failure < :f AND known_since < :k "
             "AND touched_at < :f2",
      soci::use(forgotten), soci::use(unknown), soci::use(forgotten);
  s.sql() << "DELETE FROM login_counts WHERE at < :f", soci::use(forgotten);
}

std::unique_ptr<LoginAttemptStore> MakeLoginAttemptStore(db::Database& db) {
  if (db.backend() == db::Backend::kPostgres) return std::make_unique<DbLoginAttemptStore>(db);
  return std::make_unique<InMemoryLoginAttemptStore>();
}

}  // namespace vw::auth
