// /readyz and /metrics: readiness follows the database and its migrations;
// the metrics are valid exposition text with bounded labels, counted from
// the records, and only a loopback or allowed peer may read them.
#include "app/operations.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "core/metrics.h"
#include "test_env.h"

namespace vw::testing {
namespace {

// Checks the Prometheus text format (0.0.4) line by line: HELP/TYPE before
// a family's samples, each family in one group, samples `name{labels} value`.
// Returns the samples.
std::vector<std::string> CheckExposition(const std::string& text) {
  static const std::regex kSample(
      R"re(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? ([-+]?[0-9.eE+-]+|\+Inf|NaN)$)re");
  std::vector<std::string> samples;
  std::set<std::string> finished;
  std::string family, type;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# HELP ", 0) == 0) continue;
    if (line.rfind("# TYPE ", 0) == 0) {
      std::istringstream words(line.substr(7));
      std::string name;
      words >> name >> type;
      EXPECT_TRUE(type == "counter" || type == "gauge" || type == "histogram") << line;
      if (!family.empty()) finished.insert(family);
      EXPECT_FALSE(finished.count(name)) << "family in two groups: " << name;
      family = name;
      continue;
    }
    std::smatch m;
    if (!std::regex_match(line, m, kSample)) {
      ADD_FAILURE() << "not a sample line: " << line;
      continue;
    }
    std::string name = m[1];
    if (type == "histogram") {
      for (std::string suffix : {"_bucket", "_sum", "_count"}) {
        if (name.size() > suffix.size() && name.ends_with(suffix)) {
          name.resize(name.size() - suffix.size());
          break;
        }
      }
    }
    EXPECT_EQ(name, family) << "sample outside its family: " << line;
    samples.push_back(line);
  }
  return samples;
}

bool Has(const std::vector<std::string>& samples, const std::string& prefix) {
  for (const auto& s : samples) {
    if (s.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

TEST(OperationsTest, ReadyWhenEveryMigrationIsAppliedNotOtherwise) {
  TestServer server;
  Client client(server.port());
  auto r = client.Get("/readyz");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, "ready");
  {
    db::Session s(server.db());
    s.sql() << "DELETE FROM schema_migrations WHERE version = 3";
  }
  r = client.Get("/readyz");
  EXPECT_EQ(r.status, 503u);
  EXPECT_NE(r.body.find("1 migrations pending, first 3"), std::string::npos) << r.body;
  EXPECT_EQ(client.Get("/healthz").status, 200u);  // alive, yet not ready
}

TEST(OperationsTest, MetricsAreValidExpositionWithRoutePatternsAndRecordFigures) {
  TestServer server;
  Client client(server.port());
  auto campaign = client.Get("/api/public/campaigns/current");
  ASSERT_EQ(campaign.status, 200u);
  std::string id = std::to_string(campaign.data().at("id").as_int64());
  auto hits_before = metrics::Process().public_programme_cache.hits.value();
  for (int page = 1; page <= 3; ++page) {
    for (int twice = 0; twice < 2; ++twice) {
      EXPECT_EQ(client
                    .Get("/api/public/campaigns/" + id +
                         "/activities?page_size=5&page=" + std::to_string(page))
                    .status,
                200u);
    }
  }
  EXPECT_GE(metrics::Process().public_programme_cache.hits.value() - hits_before, 3u);
  for (int i = 0; i < 30; ++i) client.Get("/api/no-such-thing-" + std::to_string(i));

  auto r = client.Get("/metrics");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(r.headers["cache-control"], "no-store");
  auto samples = CheckExposition(r.body);
  EXPECT_TRUE(Has(samples,
                  "vocweek_http_requests_total{route=\"/api/public/campaigns/{id}/activities\","
                  "method=\"GET\",status=\"2xx\"} 6"))
      << r.body;
  EXPECT_TRUE(Has(samples, "vocweek_http_requests_total{route=\"other\",status=\"4xx\"} 30"));
  EXPECT_TRUE(Has(samples,
                  "vocweek_http_request_duration_seconds_bucket{route=\"/api/public/"
                  "campaigns/{id}/activities\",method=\"GET\",le=\"2.5\"} 6"));
  EXPECT_TRUE(Has(samples, "vocweek_db_pool_wait_seconds_count "));
  EXPECT_TRUE(Has(samples, "vocweek_cache_hits_total{cache=\"public_programme\"} "));
  EXPECT_TRUE(Has(samples, "vocweek_cache_invalidations_total{cache=\"public_campaign\"} "));
  EXPECT_TRUE(Has(samples, "vocweek_access_log_dropped_total "));
  EXPECT_TRUE(Has(samples, "vocweek_database_up 1"));
  // Raw paths never become labels: the routes' patterns and a few names only.
  EXPECT_EQ(r.body.find("/api/public/campaigns/" + id + "/"), std::string::npos);
  EXPECT_EQ(r.body.find("no-such-thing"), std::string::npos);
  std::set<std::string> routes;
  static const std::regex kRoute("route=\"([^\"]*)\"");
  for (const auto& s : samples) {
    std::smatch m;
    if (std::regex_search(s, m, kRoute)) routes.insert(m[1]);
  }
  std::set<std::string> allowed = {"other", "static", "/healthz", "/readyz", "/metrics"};
  for (const auto& route : server.app().router().routes()) allowed.insert(route.pattern);
  for (const auto& route : routes) EXPECT_TRUE(allowed.count(route)) << route;

  // The figures are the records' counts.
  std::int64_t confirmed = 0, submitted = 0;
  {
    db::Session s(server.db());
    s.sql() << "SELECT COUNT(*) FROM registrations WHERE status = 'confirmed'",
        soci::into(confirmed);
    s.sql() << "SELECT COUNT(*) FROM submissions WHERE status = 'draft'", soci::into(submitted);
  }
  EXPECT_TRUE(
      Has(samples, "vocweek_registrations{status=\"confirmed\"} " + std::to_string(confirmed)))
      << r.body;
  EXPECT_TRUE(Has(samples, "vocweek_registrations{status=\"waiting\"} "));
  EXPECT_TRUE(Has(samples, "vocweek_checkins{result=\"ok\"} "));
  if (submitted > 0) {
    EXPECT_TRUE(Has(samples, "vocweek_submissions{status=\"draft\"} " + std::to_string(submitted)));
  }
}

// Handle() as the server calls it, for a peer other than loopback.
http::Response AskMetrics(app::App& app, const std::string& peer, const std::string& forwarded) {
  http::RawRequest req(http::beast_http::verb::get, "/metrics", 11);
  if (!forwarded.empty()) req.set("X-Forwarded-For", forwarded);
  // The server resolved the client through the trusted proxy to what the
  // header claims; /metrics must look at the peer regardless.
  http::RequestContext ctx(req, "test-1", forwarded.empty() ? peer : forwarded);
  ctx.set_peer(boost::asio::ip::make_address(peer));
  http::Response r = app.Handle(ctx);
  if (r.offload) r = r.offload();
  return r;
}

TEST(OperationsTest, MetricsOnlyForLoopbackOrAllowedPeersNeverByForwardedHeader) {
  {
    TestServer server([](app::Config& c) { c.trusted_proxies = "10.0.0.0/8"; });
    auto forged = AskMetrics(server.app(), "10.0.0.5", "127.0.0.1");
    EXPECT_EQ(forged.status, 404u);
    EXPECT_EQ(forged.Body().find("vocweek_"), std::string::npos);
    EXPECT_EQ(AskMetrics(server.app(), "203.0.113.9", "").status, 404u);
    EXPECT_EQ(AskMetrics(server.app(), "127.0.0.1", "").status, 200u);
    EXPECT_EQ(AskMetrics(server.app(), "::1", "").status, 200u);
  }
  {
    TestServer server([](app::Config& c) { c.metrics_allow = "192.0.2.0/24, 10.0.0.5"; });
    EXPECT_EQ(AskMetrics(server.app(), "10.0.0.5", "").status, 200u);
    EXPECT_EQ(AskMetrics(server.app(), "192.0.2.77", "").status, 200u);
    EXPECT_EQ(AskMetrics(server.app(), "10.0.0.6", "192.0.2.77").status, 404u);
  }
}

TEST(OperationsTest, AllowListMatchesAddressesAndRanges) {
  auto allow = *http::TrustedProxies::Parse("10.1.0.0/16");
  auto addr = [](const char* a) { return boost::asio::ip::make_address(a); };
  EXPECT_TRUE(app::MetricsAllowed(addr("127.0.0.1"), allow));
  EXPECT_TRUE(app::MetricsAllowed(addr("127.8.9.1"), allow));
  EXPECT_TRUE(app::MetricsAllowed(addr("10.1.200.3"), allow));
  EXPECT_FALSE(app::MetricsAllowed(addr("10.2.0.1"), allow));
  EXPECT_FALSE(app::MetricsAllowed(boost::asio::ip::address(), allow));  // peer unknown
}

}  // namespace
}  // namespace vw::testing
