// The access log: one line per answered request, written off the I/O threads.
//
// An I/O thread only copies a few fields into a bounded queue (under a
// mutex held for one push); a background writer formats the lines and
// writes them in batches, one write per batch. When the queue is full the
// entry is dropped and counted (vocweek_access_log_dropped_total): a slow
// log destination never slows down or blocks the server.
//
// Formats (VOCWEEK_ACCESS_LOG): "text", a line like the rest of the log
//   [2025-05-14 10:00:00.123] [info] rid=3fa2c1d0-00002a GET /api/units?page=2 200
//   512B 1.4ms 10.0.0.7
// "json", one JSON object per line (JSON lines)
//   {"time":"2025-05-14T02:00:00.123Z","level":"info","rid":"3fa2c1d0-00002a","method":"GET",
//    "target":"/api/units?page=2","status":200,"bytes":512,"ms":1.4,"client":"10.0.0.7"}
// or "off". Lines go to standard output, where spdlog writes the rest of
// the log. Answers with status 500 and above are logged at level error
// whatever the level; the others at info, so VOCWEEK_LOG_LEVEL=warn
// silences them. The target is cut to 512 bytes (its query to 256).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace vw::http {

enum class AccessLogFormat { kText, kJson, kOff };

// "text", "json" or "off"; nullopt for anything else.
std::optional<AccessLogFormat> ParseAccessLogFormat(std::string_view name);

struct AccessLogEntry {
  std::chrono::system_clock::time_point time;
  std::string request_id;
  std::string method;
  std::string target;  // bounded, see BoundedTarget
  unsigned status = 0;
  std::size_t bytes = 0;  // of the body sent
  double ms = 0;          // from the request's arrival to its answer
  std::string client;
};

// The path (at most 512 bytes) and query (at most 256) of a request target,
// each cut with "..." when longer.
std::string BoundedTarget(std::string_view target);

// One line, with its newline.
void FormatAccessLine(AccessLogFormat format, const AccessLogEntry& e, std::string& out);

class AccessLog {
 public:
  using Sink = std::function<void(std::string_view lines)>;
  static constexpr std::size_t kDefaultCapacity = 16384;

  // Starts the writer unless `format` is kOff. `sink` receives whole lines,
  // several at a time, from the writer thread (default: standard output,
  // flushed per batch).
  explicit AccessLog(AccessLogFormat format, std::size_t capacity = kDefaultCapacity,
                     Sink sink = {});
  // Writes what is queued, then stops the writer.
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // Whether an answer with this status would be logged (format and level):
  // callers skip building the entry otherwise.
  bool Wants(unsigned status) const;
  // Queues the entry; false (and counted) when the queue is full. Thread-safe,
  // never blocks on the writer.
  bool Add(AccessLogEntry entry);
  // Blocks until everything queued before the call has reached the sink (tests).
  void Flush();

 private:
  void Run();

  AccessLogFormat format_;
  std::size_t capacity_;
  Sink sink_;
  std::mutex mu_;
  std::condition_variable wake_;     // the writer: work or stop
  std::condition_variable drained_;  // Flush(): the queue was written
  std::vector<AccessLogEntry> queue_;
  std::uint64_t queued_ = 0;   // entries ever queued
  std::uint64_t written_ = 0;  // entries handed to the sink
  bool stop_ = false;
  bool flush_ = false;  // Flush() waits: write now
  std::thread writer_;
};

}  // namespace vw::http
