// Change signals: dropping in-memory caches on every node at once.
//
// A cache in one process (the public campaign, the public programme) is
// dropped by that process's own writes. With several processes on one
// PostgreSQL the others must hear of the write too: each kind of cached
// answer has a named version in the table change_signals, a write bumps it
// (Bump, inside the writing transaction where possible), and every process
// polls the versions (ChangeSignals::Start) and calls the watchers of a name
// whose version moved. On SQLite there is one process: writes drop their
// process's caches directly and nothing polls.
//
// Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "db/database.h"

namespace vw::db {

// The names of the signals (rows of change_signals, migration 0025).
inline constexpr const char* kCampaignSignal = "campaign";
inline constexpr const char* kProgrammeSignal = "programme";
// The public topic site (publicity items; migration 0029).
inline constexpr const char* kPublicitySignal = "publicity";

// Moves the version of `name` in the caller's transaction (or, outside one,
// at once). Other processes drop their caches once it is committed.
void Bump(Session& s, const std::string& name);

class ChangeSignals {
 public:
  explicit ChangeSignals(Database& db) : db_(db) {}
  ~ChangeSignals() { Stop(); }
  ChangeSignals(const ChangeSignals&) = delete;
  ChangeSignals& operator=(const ChangeSignals&) = delete;

  // Calls `on_change` (on the polling thread) whenever the version of `name`
  // moves. Register before Start.
  void Watch(const std::string& name, std::function<void()> on_change);

  // Reads the versions once and calls the watchers of those that moved
  // since the previous read (the first read only records them). After a
  // failed read every watcher is called at the next successful one: a
  // change may have been missed meanwhile. Returns false when the read
  // failed (the database is unreachable); never throws.
  bool Poll();

  // PostgreSQL: polls every `interval` on a thread of its own (a pooled
  // session leased per read, so a database restart costs a failed read or
  // two) until Stop or destruction. SQLite: does nothing.
  void Start(std::chrono::milliseconds interval = std::chrono::milliseconds(200));
  void Stop();

 private:
  Database& db_;
  std::mutex mu_;  // guards the members below
  std::map<std::string, std::vector<std::function<void()>>> watchers_;
  std::map<std::string, std::int64_t> seen_;
  bool first_ = true;
  bool missed_ = false;
  // The polling thread.
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace vw::db
