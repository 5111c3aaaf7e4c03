// Requests counted by route and status class, with latency histograms.
//
// The label set is bounded by construction: a request is counted under the
// pattern of the route it matched ("/api/units/{id}", never the raw path)
// with the route's method, or under one of a few fixed names ("static",
// "other" for anything unmatched, "/healthz"...). Every series exists from
// start-up, so Record() only touches atomics: it is lock-free and safe from
// every I/O and worker thread. Write() may run concurrently with Record().
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/metrics.h"
#include "http/router.h"

namespace vw::http {

class RequestMetrics {
 public:
  // Series outside the router, by name.
  enum class Fixed { kOther, kStatic, kHealthz, kReadyz, kMetrics };

  // `routes` must not change afterwards (the router is read-only once built).
  explicit RequestMetrics(const std::vector<Route>& routes);

  // A request answered `status` after `seconds`: under its matched route
  // when it has one (ctx.route()), else under `fallback`.
  void Record(const RequestContext& ctx, Fixed fallback, unsigned status, double seconds);
  void Record(Fixed name, unsigned status, double seconds);

  // vocweek_http_requests_total and vocweek_http_request_duration_seconds;
  // series never used are left out.
  void Write(std::string& out) const;

 private:
  struct Series {
    std::string labels;                        // route="...",method="..."
    std::array<metrics::Counter, 5> by_class;  // 1xx..5xx
    metrics::Histogram latency{metrics::LatencyBuckets()};
  };
  void Record(Series& s, unsigned status, double seconds);

  const Route* first_route_;
  std::size_t route_count_;
  // The routes' series in their order, then one per Fixed name.
  std::vector<std::unique_ptr<Series>> series_;
};

}  // namespace vw::http
