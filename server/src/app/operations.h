// The operators' endpoints beside /healthz: /readyz and /metrics.
//
// /readyz answers 200 "ready" when the database answers and every
// migration compiled into this binary is recorded as applied, else 503 with
// a one-line reason; a load balancer stops sending requests to a node that
// is not ready. /metrics is the Prometheus text exposition format (0.0.4):
// the process counters (requests by route, database pool waits, public
// caches, the access log) and figures counted in the database at scrape
// time (registrations, check-ins, submissions). It is operational data:
// answered only to a loopback peer or one VOCWEEK_METRICS_ALLOW lists,
// judged on the TCP peer alone, so a forged X-Forwarded-For grants nothing;
// everyone else gets the same 404 as for an unknown path.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "db/database.h"
#include "http/client_address.h"
#include "http/request_metrics.h"
#include "http/response.h"

namespace vw::app {

// The readiness answer (reads the database; fast).
http::Response Readiness(db::Database& db);

// Whether `peer` may read /metrics: loopback, or in `allow`.
bool MetricsAllowed(const boost::asio::ip::address& peer, const http::TrustedProxies& allow);

// The /metrics body. Counts rows in the database: run it off the I/O threads.
std::string MetricsText(db::Database& db, const http::RequestMetrics& requests);

// Counted at scrape time (operations_store.cc).
struct DatabaseFigures {
  using Counts = std::vector<std::pair<std::string, std::int64_t>>;  // value → rows
  Counts registrations_by_status;
  Counts checkins_by_result;
  std::int64_t people_checked_in = 0;  // people of accepted scans
  Counts submissions_by_status;
};
DatabaseFigures ReadDatabaseFigures(db::Session& s);

}  // namespace vw::app
