// Requests are counted under their route's pattern, never the raw path:
// however many different paths arrive, the series stay those of the routes.
#include "http/request_metrics.h"

#include <gtest/gtest.h>

namespace vw::http {
namespace {

TEST(RequestMetricsTest, CountsByRoutePatternAndStatusClassWithBoundedLabels) {
  Router router;
  RouteOptions open{.summary = "t", .tag = "t", .access = Access::kPublic};
  router.Add(Verb::get, "/api/things/{id}", open, [](RequestContext&) { return Response{}; });
  RequestMetrics metrics(router.routes());
  for (int i = 1; i <= 50; ++i) {
    RawRequest req(beast_http::verb::get,
                   "/api/things/" + std::to_string(i) + "?x=" + std::to_string(i), 11);
    RequestContext ctx(req, "r", "127.0.0.1");
    Response r = router.Dispatch(ctx);
    metrics.Record(ctx, RequestMetrics::Fixed::kOther, i % 10 == 0 ? 503 : r.status, 0.003);
  }
  for (int i = 0; i < 20; ++i) {
    RawRequest req(beast_http::verb::get, "/no/such/" + std::to_string(i), 11);
    RequestContext ctx(req, "r", "127.0.0.1");
    Response r = router.Dispatch(ctx);
    metrics.Record(ctx, RequestMetrics::Fixed::kOther, r.status, 0.0001);
  }
  metrics.Record(RequestMetrics::Fixed::kStatic, 304, 0.0001);

  std::string out;
  metrics.Write(out);
  EXPECT_NE(out.find("vocweek_http_requests_total{route=\"/api/things/{id}\",method=\"GET\","
                     "status=\"2xx\"} 45\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("vocweek_http_requests_total{route=\"/api/things/{id}\",method=\"GET\","
                     "status=\"5xx\"} 5\n"),
            std::string::npos);
  EXPECT_NE(out.find("vocweek_http_requests_total{route=\"other\",status=\"4xx\"} 20\n"),
            std::string::npos);
  EXPECT_NE(out.find("vocweek_http_requests_total{route=\"static\",status=\"3xx\"} 1\n"),
            std::string::npos);
  EXPECT_NE(out.find("vocweek_http_request_duration_seconds_bucket{route=\"/api/things/{id}\","
                     "method=\"GET\",le=\"0.005\"} 50\n"),
            std::string::npos);
  // No raw path or query became a label.
  EXPECT_EQ(out.find("/api/things/1"), std::string::npos);
  EXPECT_EQ(out.find("/no/such"), std::string::npos);
  EXPECT_EQ(out.find("x="), std::string::npos);
  // Unused series are not written.
  EXPECT_EQ(out.find("/readyz"), std::string::npos);
}

}  // namespace
}  // namespace vw::http
