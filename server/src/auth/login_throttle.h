// Login limits: slow password guessing down without locking the owner out.
//
// Three counts decide whether a login attempt may run now:
//  - Failures in a row of one account from one address (the pair). The first
//    five are free; after that each try waits 2, 4, 8… seconds after the
//    previous one, at most 15 minutes. A success clears them. This is what a
//    guesser at one address meets; the owner at another address never does.
//  - Failures on one account from every address, a count that decays by the
//    ceiling per hour (20). Above it the account is under a spread-out attack:
//    an address that has never signed in to it gets one free try, not five,
//    before the delays start. The first try from an address is never refused,
//    so this slows an attacker with many addresses but cannot lock anyone out.
//  - Failures from one address on every account, decaying likewise (100 per
//    hour). Above it (password spraying), tries for accounts that have never
//    signed in from that address wait until the count has decayed below the
//    ceiling. Accounts that have (the staff of a school behind one NAT
//    address) are not held.
// An attempt is counted as a failure when it is admitted, before the password
// is checked, in one atomic step of the store: twenty parallel tries cannot
// all pass the check. A success takes the attempt back.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "db/database.h"

namespace vw::auth {

// A count that decays linearly with time: `level` as of unix second `at`.
struct DecayingCount {
  double level = 0;
  std::int64_t at = 0;
};

// What the limits know about one (account, address) pair.
struct LoginCounts {
  int streak = 0;                 // failures in a row of the account at the address
  std::int64_t last_failure = 0;  // unix seconds of the latest of them, 0 if none
  std::int64_t known_since = 0;   // last success of the account at the address, 0 if none
  DecayingCount account;          // failures of the account, every address
  DecayingCount address;          // failures from the address, every account
};

// Where the counts live. The in-memory store serves one process; a store in
// the database (several server processes) implements the same interface.
class LoginAttemptStore {
 public:
  virtual ~LoginAttemptStore() = default;
  // In one atomic step: reads the counts of (account, address), calls
  // `change` with them and stores what it returns; stores nothing when it
  // returns nullopt. Calls touching the same account or address are
  // serialised. `now` is unix seconds, for the store's own housekeeping.
  virtual void Change(
      const std::string& account, const std::string& address, std::int64_t now,
      const std::function<std::optional<LoginCounts>(const LoginCounts&)>& change) = 0;
};

// Counts in this process's memory, forgotten at restart. Entries idle for
// longer than `forget_after` (known pairs: `remember_known_for`) are
// dropped; past `max_entries` per kind the oldest are dropped first.
class InMemoryLoginAttemptStore : public LoginAttemptStore {
 public:
  struct Options {
    std::int64_t forget_after = 24 * 3600;
    std::int64_t remember_known_for = 90 * 24 * 3600;
    std::size_t max_entries = 200'000;
  };
  InMemoryLoginAttemptStore() : InMemoryLoginAttemptStore(Options{}) {}
  explicit InMemoryLoginAttemptStore(Options options) : options_(options) {}

  void Change(const std::string& account, const std::string& address, std::int64_t now,
              const std::function<std::optional<LoginCounts>(const LoginCounts&)>& change) override;

  std::size_t EntryCount();  // pairs + accounts + addresses (tests)

 private:
  struct Pair {
    int streak = 0;
    std::int64_t last_failure = 0;
    std::int64_t known_since = 0;
  };
  void Sweep(std::int64_t now);

  Options options_;
  std::mutex mu_;
  std::unordered_map<std::string, Pair> pairs_;
  std::unordered_map<std::string, DecayingCount> accounts_;
  std::unordered_map<std::string, DecayingCount> addresses_;
  std::int64_t last_sweep_ = 0;
};

// Counts in the database (login_pairs, login_counts: migration 0025),
// shared by every server process on it. Change runs one transaction that
// creates-or-locks the pair's, the account's and the address's rows in that
// order (every call takes its locks in the same order, so two calls never
// deadlock) and writes the changed counts. Rows idle as long as the
// in-memory store would keep them are deleted now and then. Database errors
// throw.
class DbLoginAttemptStore : public LoginAttemptStore {
 public:
  explicit DbLoginAttemptStore(db::Database& db, InMemoryLoginAttemptStore::Options options = {})
      : db_(db), options_(options) {}

  void Change(const std::string& account, const std::string& address, std::int64_t now,
              const std::function<std::optional<LoginCounts>(const LoginCounts&)>& change) override;

 private:
  void MaybeSweep(db::Session& s, std::int64_t now);

  db::Database& db_;
  InMemoryLoginAttemptStore::Options options_;
  std::atomic<std::int64_t> last_sweep_{0};
};

// The database store on PostgreSQL (several processes), the in-memory one
// on SQLite (one process).
std::unique_ptr<LoginAttemptStore> MakeLoginAttemptStore(db::Database& db);

class LoginThrottle {
 public:
  struct Limits {
    int free_failures = 5;             // per pair before the delays start
    std::int64_t max_delay = 15 * 60;  // seconds
    // A pair's streak is forgotten this long after its last failure.
    std::int64_t streak_memory = 24 * 3600;
    double account_ceiling = 20;   // failures per account per `window`
    double address_ceiling = 100;  // failures per address per `window`
    std::int64_t window = 3600;    // seconds
  };
  using Clock = std::function<std::int64_t()>;  // unix seconds

  // Defaults: the limits above, counts in memory, timeutil::NowUnix.
  LoginThrottle();
  LoginThrottle(Limits limits, std::unique_ptr<LoginAttemptStore> store, Clock clock);

  struct Admission {
    bool admitted = false;
    std::int64_t retry_after = 0;  // seconds to wait when not admitted (≥ 1)
  };
  // Admits one attempt of `account` from `address` and counts it as a
  // failure until Succeeded() says otherwise; or refuses it with the time to
  // wait, counting nothing.
  Admission Begin(const std::string& account, const std::string& address);
  // The admitted attempt had the right password: clears the pair's streak,
  // takes the attempt back from the account's and the address's counts and
  // remembers that this account signs in from this address.
  void Succeeded(const std::string& account, const std::string& address);

  const Limits& limits() const { return limits_; }

 private:
  Limits limits_;
  std::unique_ptr<LoginAttemptStore> store_;
  Clock clock_;
};

}  // namespace vw::auth
