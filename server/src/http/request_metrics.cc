#include "http/request_metrics.h"

#include <boost/beast/http/verb.hpp>

namespace vw::http {
namespace {

constexpr std::array<std::string_view, 5> kFixedNames = {"other", "static", "/healthz", "/readyz",
                                                         "/metrics"};

}  // namespace

RequestMetrics::RequestMetrics(const std::vector<Route>& routes)
    : first_route_(routes.data()), route_count_(routes.size()) {
  for (const auto& r : routes) {
    auto s = std::make_unique<Series>();
    std::string_view method = boost::beast::http::to_string(r.method);
    s->labels = "route=" + metrics::Quoted(r.pattern) +
                ",method=" + metrics::Quoted(std::string(method.data(), method.size()));
    series_.push_back(std::move(s));
  }
  for (auto name : kFixedNames) {
    auto s = std::make_unique<Series>();
    s->labels = "route=" + metrics::Quoted(name);
    series_.push_back(std::move(s));
  }
}

void RequestMetrics::Record(const RequestContext& ctx, Fixed fallback, unsigned status,
                            double seconds) {
  const Route* route = ctx.route();
  if (route && route >= first_route_ && route < first_route_ + route_count_) {
    return Record(*series_[static_cast<std::size_t>(route - first_route_)], status, seconds);
  }
  Record(fallback, status, seconds);
}

void RequestMetrics::Record(Fixed name, unsigned status, double seconds) {
  Record(*series_[route_count_ + static_cast<std::size_t>(name)], status, seconds);
}

void RequestMetrics::Record(Series& s, unsigned status, double seconds) {
  std::size_t cls = status >= 100 && status < 600 ? status / 100 - 1 : 4;
  s.by_class[cls].Add();
  s.latency.Observe(seconds);
}

void RequestMetrics::Write(std::string& out) const {
  constexpr std::string_view kRequests = "vocweek_http_requests_total";
  constexpr std::string_view kDuration = "vocweek_http_request_duration_seconds";
  metrics::WriteHeader(out, kRequests, "counter",
                       "Requests answered, by route pattern, method and status class.");
  for (const auto& s : series_) {
    for (std::size_t i = 0; i < s->by_class.size(); ++i) {
      std::uint64_t n = s->by_class[i].value();
      if (n == 0) continue;
      metrics::WriteSample(out, kRequests,
                           s->labels + ",status=\"" + std::to_string(i + 1) + "xx\"", n);
    }
  }
  metrics::WriteHeader(out, kDuration, "histogram",
                       "Time from a request's arrival to its answer, by route pattern.");
  for (const auto& s : series_) {
    if (s->latency.count() > 0) s->latency.Write(out, kDuration, s->labels);
  }
}

}  // namespace vw::http
