#include "app/operations.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/metrics.h"
#include "db/migrations.h"

namespace vw::app {
namespace {

constexpr const char* kPlainText = "text/plain; charset=utf-8";

http::Response PlainText(unsigned status, std::string body) {
  http::Response r;
  r.status = status;
  r.content_type = kPlainText;
  r.body = std::move(body);
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

// A gauge family with one label; `always` are written (0 when absent) so a
// dashboard's series exist before the first row does.
void WriteCounts(std::string& out, std::string_view name, std::string_view label,
                 std::string_view help, const DatabaseFigures::Counts& counts,
                 std::vector<std::string> always = {}) {
  metrics::WriteHeader(out, name, "gauge", help);
  for (const auto& value : always) {
    bool present =
        std::any_of(counts.begin(), counts.end(), [&](const auto& c) { return c.first == value; });
    if (!present)
      metrics::WriteSample(out, name, std::string(label) + "=" + metrics::Quoted(value), 0);
  }
  for (const auto& [value, n] : counts) {
    metrics::WriteSample(out, name, std::string(label) + "=" + metrics::Quoted(value),
                         static_cast<std::uint64_t>(n));
  }
}

void WriteCaches(std::string& out, std::string_view name, std::string_view help,
                 metrics::Counter metrics::CacheCounters::*counter) {
  const auto& p = metrics::Process();
  metrics::WriteHeader(out, name, "counter", help);
  metrics::WriteSample(out, name, "cache=\"public_campaign\"",
                       (p.public_campaign_cache.*counter).value());
  metrics::WriteSample(out, name, "cache=\"public_programme\"",
                       (p.public_programme_cache.*counter).value());
}

}  // namespace

http::Response Readiness(db::Database& db) {
  std::vector<int> pending;
  try {
    db::Session s(db);
    int one = 0;
    s.sql() << "SELECT 1", soci::into(one);
    try {
      pending = db::PendingMigrations(s);
    } catch (const std::exception&) {
      return PlainText(503, "not ready: schema_migrations unreadable");
    }
  } catch (const std::exception&) {
    return PlainText(503, "not ready: database unavailable");
  }
  if (!pending.empty()) {
    return PlainText(503, "not ready: " + std::to_string(pending.size()) +
                              " migrations pending, first " + std::to_string(pending.front()));
  }
  return PlainText(200, "ready");
}

bool MetricsAllowed(const boost::asio::ip::address& peer, const http::TrustedProxies& allow) {
  return peer.is_loopback() || allow.Contains(peer);
}

std::string MetricsText(db::Database& db, const http::RequestMetrics& requests) {
  std::string out;
  requests.Write(out);

  const auto& process = metrics::Process();
  metrics::WriteHeader(out, "vocweek_db_pool_wait_seconds", "histogram",
                       "Time spent waiting to lease a pooled database connection.");
  process.db_pool_wait.Write(out, "vocweek_db_pool_wait_seconds", "");
  metrics::WriteHeader(out, "vocweek_db_pool_size", "gauge", "Connections in the database pool.");
  metrics::WriteSample(out, "vocweek_db_pool_size", "", db.pool_size());

  WriteCaches(out, "vocweek_cache_hits_total", "Answers served from a public cache.",
              &metrics::CacheCounters::hits);
  WriteCaches(out, "vocweek_cache_misses_total", "Answers a public cache had to build.",
              &metrics::CacheCounters::misses);
  WriteCaches(out, "vocweek_cache_invalidations_total", "Writes that emptied a public cache.",
              &metrics::CacheCounters::invalidations);

  metrics::WriteHeader(out, "vocweek_access_log_lines_total", "counter",
                       "Access log lines written.");
  metrics::WriteSample(out, "vocweek_access_log_lines_total", "", process.access_log_lines.value());
  metrics::WriteHeader(out, "vocweek_access_log_dropped_total", "counter",
                       "Access log lines dropped because the writer's queue was full.");
  metrics::WriteSample(out, "vocweek_access_log_dropped_total", "",
                       process.access_log_dropped.value());
  metrics::WriteHeader(out, "vocweek_checkin_transactions_total", "counter",
                       "Transactions of the check-in group commit.");
  metrics::WriteSample(out, "vocweek_checkin_transactions_total", "",
                       process.checkin_transactions.value());
  metrics::WriteHeader(out, "vocweek_checkin_uploads_total", "counter",
                       "Check-in uploads those transactions held (several per commit at the "
                       "door's peak).");
  metrics::WriteSample(out, "vocweek_checkin_uploads_total", "", process.checkin_works.value());

  bool up = true;
  DatabaseFigures figures;
  try {
    db::Session s(db);
    figures = ReadDatabaseFigures(s);
  } catch (const std::exception& e) {
    spdlog::warn("metrics: counting in the database failed: {}", e.what());
    up = false;
  }
  metrics::WriteHeader(out, "vocweek_database_up", "gauge",
                       "1 when the figures below were read from the database.");
  metrics::WriteSample(out, "vocweek_database_up", "", up ? 1 : 0);
  if (!up) return out;
  WriteCounts(out, "vocweek_registrations", "status", "Registrations by status.",
              figures.registrations_by_status, {"cancelled", "confirmed", "waiting"});
  WriteCounts(out, "vocweek_checkins", "result", "Check-in scans by result.",
              figures.checkins_by_result, {"ok"});
  metrics::WriteHeader(out, "vocweek_checked_in_people", "gauge",
                       "People admitted by accepted check-in scans.");
  metrics::WriteSample(out, "vocweek_checked_in_people", "",
                       static_cast<std::uint64_t>(figures.people_checked_in));
  WriteCounts(out, "vocweek_submissions", "status", "Report submissions by status.",
              figures.submissions_by_status);
  return out;
}

}  // namespace vw::app
