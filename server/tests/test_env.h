// Test harness: databases, an in-process server and an HTTP client.
//
// Every test gets a fresh, migrated database: a temporary SQLite file, or,
// when VOCWEEK_TEST_PG holds a libpq URI, a new schema in that PostgreSQL
// database (make test runs the whole binary once per backend). Tests that
// need PostgreSQL live in *_pgtest.cc and skip themselves (GTEST_SKIP) when
// UsingPostgres() is false; the file name alone skips nothing.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "app/app.h"
#include "db/database.h"

namespace vw::testing {

bool UsingPostgres();
// Options for a fresh database (unique file or schema).
app::App::Options FreshAppOptions();
// A fresh migrated database (regions loaded), without demo data.
std::unique_ptr<db::Database> FreshDatabase();
// Two connection pools of `pool_size` on one fresh migrated database, as two
// server processes hold them (tests of what several nodes share).
std::pair<std::unique_ptr<db::Database>, std::unique_ptr<db::Database>> TwoPoolsOnOneDatabase(
    std::size_t pool_size);

// Stops the server's clock (timeutil::NowUnix) at an API instant
// ("2025-05-12T08:00:00+08:00") for the object's lifetime: rules that read
// the date (an activity that has ended) then hold for the demo week.
class ScopedClock {
 public:
  explicit ScopedClock(const std::string& instant);
  ~ScopedClock();
  // Moves the stopped clock to another instant.
  void Set(const std::string& instant);
  ScopedClock(const ScopedClock&) = delete;
  ScopedClock& operator=(const ScopedClock&) = delete;
};

// Removes the demo programme, for tests that count activities from zero.
void ClearActivities(db::Database& db);

// Looks a unit id up by exact name; fails the test when absent.
Id UnitId(db::Database& db, const std::string& name);

struct HttpResult {
  unsigned status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names; last value wins
  std::vector<std::string> set_cookies;
  boost::json::value json;  // parsed body when it is JSON, else null

  // data of a success envelope / error.code / error.field of an error one.
  const boost::json::value& data() const;
  std::string error_code() const;
  std::string error_field() const;
  std::string error_message() const;
};

// An App on a fresh database with the demo data, served on a free port.
class TestServer {
 public:
  // `configure` may change the configuration first (limits, threads).
  explicit TestServer(const std::function<void(app::Config&)>& configure = {});
  // Another node on `first`'s database (several processes on one
  // PostgreSQL; on SQLite the same file): no demo data is seeded again.
  static std::unique_ptr<TestServer> SecondNode(const TestServer& first);
  ~TestServer();
  unsigned short port() const { return port_; }
  app::App& app() { return *app_; }
  db::Database& db() { return app_->db(); }

 private:
  TestServer(const app::App::Options& options, bool seed_demo);

  app::App::Options options_;
  std::unique_ptr<app::App> app_;
  std::unique_ptr<http::Server> server_;
  unsigned short port_ = 0;
};

// A browser-like client: keeps cookies, sends the CSRF token it was given.
class Client {
 public:
  explicit Client(unsigned short port) : port_(port) {}

  HttpResult Request(const std::string& method, const std::string& target,
                     const std::string& body = "", std::map<std::string, std::string> headers = {});
  HttpResult Get(const std::string& target) { return Request("GET", target); }
  HttpResult Post(const std::string& target, const boost::json::value& body) {
    return Request("POST", target, boost::json::serialize(body), JsonHeaders());
  }
  HttpResult Put(const std::string& target, const boost::json::value& body) {
    return Request("PUT", target, boost::json::serialize(body), JsonHeaders());
  }
  HttpResult Delete(const std::string& target) { return Request("DELETE", target); }

  // Logs in with the demo password; asserts success.
  void Login(const std::string& username, const std::string& password = "Demo@2025");

  std::map<std::string, std::string>& cookies() { return cookies_; }
  std::string csrf;  // sent as X-CSRF-Token on non-GET requests when set

 private:
  std::map<std::string, std::string> JsonHeaders() const {
    return {{"Content-Type", "application/json"}};
  }
  unsigned short port_;
  std::map<std::string, std::string> cookies_;
};

}  // namespace vw::testing
