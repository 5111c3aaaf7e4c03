// The access log's lines (text and JSON), its bounded target, and that a
// full queue drops and counts instead of blocking the caller.
#include "http/access_log.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>

#include "core/metrics.h"

namespace vw::http {
namespace {

namespace json = boost::json;

AccessLogEntry Sample() {
  AccessLogEntry e;
  e.time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1747188000123));
  e.request_id = "3fa2c1d0-00002a";
  e.method = "GET";
  e.target = "/api/public/campaigns/1/activities?page=2";
  e.status = 200;
  e.bytes = 15700;
  e.ms = 1.44;
  e.client = "10.0.0.7";
  return e;
}

TEST(AccessLogTest, JsonLineCarriesEveryField) {
  std::string line;
  FormatAccessLine(AccessLogFormat::kJson, Sample(), line);
  ASSERT_EQ(line.back(), '\n');
  json::object o = json::parse(line).as_object();
  EXPECT_EQ(o.at("time"), "2025-05-14T02:00:00.123Z");
  EXPECT_EQ(o.at("level"), "info");
  EXPECT_EQ(o.at("rid"), "3fa2c1d0-00002a");
  EXPECT_EQ(o.at("method"), "GET");
  EXPECT_EQ(o.at("target"), "/api/public/campaigns/1/activities?page=2");
  EXPECT_EQ(o.at("status").as_int64(), 200);
  EXPECT_EQ(o.at("bytes").as_int64(), 15700);
  EXPECT_DOUBLE_EQ(o.at("ms").to_number<double>(), 1.4);
  EXPECT_EQ(o.at("client"), "10.0.0.7");
}

TEST(AccessLogTest, HostileTargetStaysOneValidLine) {
  AccessLogEntry e = Sample();
  e.status = 502;
  e.target = "/a\"b\\c\n{\"forged\":1}\xe4\xb8\xad";
  std::string line;
  FormatAccessLine(AccessLogFormat::kJson, e, line);
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  json::object o = json::parse(line).as_object();
  EXPECT_EQ(o.at("level"), "error");
  EXPECT_FALSE(o.contains("forged"));
  std::string text;
  FormatAccessLine(AccessLogFormat::kText, e, text);
  EXPECT_EQ(text.find('\n'), text.size() - 1);
  EXPECT_NE(text.find("[error] rid=3fa2c1d0-00002a GET /a\"b\\c?{"), std::string::npos) << text;
  EXPECT_NE(text.find(" 502 15700B 1.4ms 10.0.0.7\n"), std::string::npos) << text;
}

TEST(AccessLogTest, TargetIsBounded) {
  EXPECT_EQ(BoundedTarget("/p?q=1"), "/p?q=1");
  std::string path = "/" + std::string(2000, 'a');
  std::string query = std::string(2000, 'b');
  std::string bounded = BoundedTarget(path + "?" + query);
  EXPECT_EQ(bounded, path.substr(0, 512) + "...?" + query.substr(0, 256) + "...");
}

TEST(AccessLogTest, WritesQueuedLinesInOrder) {
  std::string written;
  std::mutex mu;
  {
    AccessLog log(AccessLogFormat::kJson, 64, [&](std::string_view lines) {
      std::lock_guard lock(mu);
      written += lines;
    });
    for (int i = 0; i < 10; ++i) {
      AccessLogEntry e = Sample();
      e.request_id = "r" + std::to_string(i);
      EXPECT_TRUE(log.Add(std::move(e)));
    }
    log.Flush();
    std::lock_guard lock(mu);
    EXPECT_EQ(std::count(written.begin(), written.end(), '\n'), 10);
    EXPECT_LT(written.find("\"r3\""), written.find("\"r4\""));
  }
}

TEST(AccessLogTest, FullQueueDropsAndCountsWithoutBlocking) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> entered;
  bool first = true;
  auto dropped_before = metrics::Process().access_log_dropped.value();
  {
    AccessLog log(AccessLogFormat::kText, 4, [&](std::string_view) {
      if (first) {
        first = false;
        entered.set_value();
      }
      released.wait();  // a stuck destination
    });
    EXPECT_TRUE(log.Add(Sample()));
    std::thread flusher([&] { log.Flush(); });  // the writer takes the entry, then hangs
    entered.get_future().wait();
    int accepted = 0;
    for (int i = 0; i < 10; ++i) accepted += log.Add(Sample()) ? 1 : 0;
    EXPECT_EQ(accepted, 4);
    EXPECT_EQ(metrics::Process().access_log_dropped.value() - dropped_before, 6u);
    release.set_value();
    flusher.join();
  }
}

TEST(AccessLogTest, FormatsByName) {
  EXPECT_EQ(ParseAccessLogFormat("json"), AccessLogFormat::kJson);
  EXPECT_EQ(ParseAccessLogFormat("off"), AccessLogFormat::kOff);
  EXPECT_FALSE(ParseAccessLogFormat("JSON"));
}

}  // namespace
}  // namespace vw::http
