// Settings read from the environment, and the checks that stop a bad one at start.
#include "app/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace vw::app {
namespace {

// Sets an environment variable for the scope of a test.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
  ~ScopedEnv() { ::unsetenv(name_); }

 private:
  const char* name_;
};

TEST(ConfigTest, MediaFilesLiveBesideTheSqliteFileUnlessNamed) {
  Config c;
  c.db_url = "/srv/vocweek/vocweek.db";
  EXPECT_EQ(MediaDir(c), std::filesystem::path("/srv/vocweek/media"));
  c.db_url = "sqlite:/srv/vw/x.db";
  EXPECT_EQ(MediaDir(c), std::filesystem::path("/srv/vw/media"));
  c.db_url = "data/vocweek.db";  // make run's
  EXPECT_EQ(MediaDir(c), std::filesystem::path("data/media"));
  c.db_url = "postgresql://vocweek@db/vocweek";
  EXPECT_EQ(MediaDir(c), std::filesystem::path("data/media"));
  c.media_dir = "/mnt/shared/media";
  EXPECT_EQ(MediaDir(c), std::filesystem::path("/mnt/shared/media"));
}

TEST(ConfigTest, TrustProxyFlagStillMeansTheLoopbackProxy) {
  ScopedEnv flag("VOCWEEK_TRUST_PROXY", "1");
  EXPECT_EQ(ConfigFromEnvironment().trusted_proxies, "127.0.0.1,::1");
  ScopedEnv list("VOCWEEK_TRUSTED_PROXIES", "10.0.0.0/8");
  EXPECT_EQ(ConfigFromEnvironment().trusted_proxies, "10.0.0.0/8");
}

TEST(ConfigTest, UnknownLogLevelStopsTheStartInsteadOfSilencingTheLog) {
  {
    ScopedEnv level("VOCWEEK_LOG_LEVEL", "verbose");
    try {
      ConfigFromEnvironment();
      ADD_FAILURE() << "an unknown log level was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("VOCWEEK_LOG_LEVEL"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("verbose"), std::string::npos) << e.what();
    }
  }
  for (const char* known : {"trace", "debug", "info", "warn", "error", "critical", "off"}) {
    ScopedEnv level("VOCWEEK_LOG_LEVEL", known);
    EXPECT_EQ(ConfigFromEnvironment().log_level, known);
  }
}

TEST(ConfigTest, MalformedPublicUrlOrProxiesStopTheStart) {
  {
    ScopedEnv url("VOCWEEK_PUBLIC_URL", "https://vocweek.example.cn/programme?x=1");
    EXPECT_THROW(ConfigFromEnvironment(), std::invalid_argument);
  }
  {
    ScopedEnv proxies("VOCWEEK_TRUSTED_PROXIES", "10.0.0.0/8, proxy.local");
    EXPECT_THROW(ConfigFromEnvironment(), std::invalid_argument);
  }
  Config c;
  c.public_url = "ftp://vocweek.example.cn";
  EXPECT_THROW(CheckConfig(c), std::invalid_argument);
  c.public_url = "https://vocweek.example.cn";
  EXPECT_NO_THROW(CheckConfig(c));
  {
    ScopedEnv cap("VOCWEEK_MAX_CONNECTIONS", "5000");
    ScopedEnv workers("VOCWEEK_WORKERS", "3");
    Config env = ConfigFromEnvironment();
    EXPECT_EQ(env.max_connections, 5000u);
    EXPECT_EQ(env.workers, 3);
  }
}

TEST(ConfigTest, AccessLogFormatAndMetricsAllowListAreChecked) {
  EXPECT_EQ(ConfigFromEnvironment().access_log, "text");
  EXPECT_EQ(ConfigFromEnvironment().metrics_allow, "");
  {
    ScopedEnv format("VOCWEEK_ACCESS_LOG", "json");
    ScopedEnv allow("VOCWEEK_METRICS_ALLOW", "10.1.0.0/16, 192.168.3.4");
    Config c = ConfigFromEnvironment();
    EXPECT_EQ(c.access_log, "json");
    EXPECT_EQ(c.metrics_allow, "10.1.0.0/16, 192.168.3.4");
  }
  {
    ScopedEnv format("VOCWEEK_ACCESS_LOG", "yaml");
    try {
      ConfigFromEnvironment();
      ADD_FAILURE() << "an unknown access log format was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("VOCWEEK_ACCESS_LOG"), std::string::npos) << e.what();
    }
  }
  {
    ScopedEnv allow("VOCWEEK_METRICS_ALLOW", "prometheus.local");
    try {
      ConfigFromEnvironment();
      ADD_FAILURE() << "a host name was accepted as an address";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("VOCWEEK_METRICS_ALLOW"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace vw::app
