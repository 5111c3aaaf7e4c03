// The live check-in count of a unit's subtree, pushed to event streams
// (GET /api/campaigns/{id}/dashboard/live, docs/dashboards.md).
//
// One hub per node. Once a second, while any stream is open, it reads two
// cheap numbers (the highest check-in and walk-in ids); only when one moved
// does it read the new rows, grouped by campaign and organising unit, and
// add them to its running counts (one query for every stream, never one per
// client). Every 30 s it counts a watched campaign afresh, so rows committed
// out of id order on PostgreSQL, or removed with their activity, are never
// off for long. Each stream is then sent its subtree's sum when it moved,
// and a comment line every 15 s so proxies keep it open and a gone client
// is noticed. Nodes share nothing but the database: every node counts from
// the same rows.
//
// Thread-safe. The polling runs on a thread of its own, never an I/O thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/principal.h"
#include "db/database.h"
#include "http/response.h"

namespace vw::dashboard {

// Open streams per node; beyond, the route answers 503.
inline constexpr std::size_t kMaxStreams = 200;

class LiveCheckins {
 public:
  explicit LiveCheckins(db::Database& db, std::size_t max_streams = kMaxStreams)
      : db_(db), max_streams_(max_streams) {}
  ~LiveCheckins() { Stop(); }
  LiveCheckins(const LiveCheckins&) = delete;
  LiveCheckins& operator=(const LiveCheckins&) = delete;

  // Whether another stream fits.
  bool HasRoom() const;
  // Adds a stream of the subtree of `unit_id` in the campaign; false (the
  // stream is closed) when the hub is full.
  bool Add(std::shared_ptr<http::EventStream> stream, Id campaign_id, Id unit_id);
  std::size_t streams() const;

  // One round: reads what moved and sends to the streams. The thread calls
  // it once a second; tests call it directly. Never throws.
  void Tick();

  // Starts the thread (idempotent); Stop ends it and closes every stream.
  void Start();
  void Stop();

  // "event: checkins\ndata: {...}\n\n"
  static std::string Event(Id unit_id, std::int64_t checked_in, std::int64_t walk_ins);

 private:
  struct Watcher {
    std::shared_ptr<http::EventStream> stream;
    Id campaign_id = 0;
    Id unit_id = 0;
    std::set<Id> units;  // the subtree, loaded on the first round
    bool loaded = false;
    std::int64_t sent_checked_in = -1;
    std::int64_t sent_walk_ins = -1;
    std::chrono::steady_clock::time_point last_sent;
  };
  struct Counts {
    std::map<Id, std::int64_t> checked_in, walk_ins;  // by organising unit
    std::chrono::steady_clock::time_point counted;    // last full count
    bool loaded = false;
  };

  void Round(db::Session& s, std::vector<Watcher>& ws);

  db::Database& db_;
  std::size_t max_streams_;
  mutable std::mutex mu_;  // guards watchers_
  std::vector<Watcher> watchers_;
  std::size_t open_ = 0;  // streams held, those of a running round included
  // Used by Tick only (one round at a time: tick_mu_).
  std::mutex tick_mu_;
  std::map<Id, Counts> counts_;  // by campaign
  std::int64_t last_checkin_ = 0, last_walkin_ = 0;
  bool started_ = false;  // the ids above were read
  // The thread.
  std::mutex thread_mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace vw::dashboard
