// Process counters for /metrics, in the Prometheus text exposition format.
//
// Counter and Histogram are lock-free (relaxed atomics): they are updated on
// the request path by every I/O thread and read at scrape time, when a
// slightly torn snapshot (a count one ahead of its sum) is acceptable.
// Their values belong to this process: a deployment of several nodes is
// scraped node by node, and nothing here ever changes an answer.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vw::metrics {

class Counter {
 public:
  void Add(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// Observations in seconds, counted into fixed buckets given by their upper
// bounds (ascending); the sum is kept in microseconds.
class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds);
  void Observe(double seconds);
  std::uint64_t count() const;
  // The _bucket (cumulative, ending with le="+Inf"), _sum and _count lines
  // of metric `name`; `labels` is "" or `a="x",b="y"` (escaped already).
  void Write(std::string& out, std::string_view name, std::string_view labels) const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;  // per bucket, +Inf last
  std::atomic<std::uint64_t> sum_micros_{0};
};

// Request latencies: 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500 ms.
std::vector<double> LatencyBuckets();
// Waits for a pooled database connection: 0.1 ms to 5 s.
std::vector<double> PoolWaitBuckets();

struct CacheCounters {
  Counter hits;
  Counter misses;         // a body built (absent, or invalidated meanwhile)
  Counter invalidations;  // a write emptied the cache
};

// The counters of the process (one server per process; tests read deltas).
struct ProcessCounters {
  CacheCounters public_campaign_cache;
  CacheCounters public_programme_cache;
  Histogram db_pool_wait{PoolWaitBuckets()};  // leasing a db::Session
  Counter access_log_lines;                   // written by the access log's writer
  Counter access_log_dropped;                 // its queue was full
  Counter checkin_transactions;               // group commits of check-ins
  Counter checkin_works;                      // the uploads they held
};
ProcessCounters& Process();

// A label value between double quotes, with \, " and newlines escaped.
std::string Quoted(std::string_view value);
// "# HELP name help\n# TYPE name type\n".
void WriteHeader(std::string& out, std::string_view name, std::string_view type,
                 std::string_view help);
// "name{labels} value\n" (no braces when `labels` is empty).
void WriteSample(std::string& out, std::string_view name, std::string_view labels,
                 std::uint64_t value);

}  // namespace vw::metrics
