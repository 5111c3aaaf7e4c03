#include "app/config.h"

#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <stdexcept>
#include <string_view>

#include "db/backup.h"
#include "http/client_address.h"
#include "http/server.h"

namespace vw::app {
namespace {

const char* Env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

long EnvInt(const char* name, long fallback, long min, long max) {
  const char* v = Env(name);
  if (!v) return fallback;
  long out = 0;
  std::string_view s(v);
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || ptr != s.data() + s.size() || out < min || out > max) {
    throw std::invalid_argument(std::string(name) + " must be an integer in [" +
                                std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  return out;
}

bool EnvFlag(const char* name) {
  const char* v = Env(name);
  return v && (std::string_view(v) == "1" || std::string_view(v) == "true");
}

}  // namespace

std::string DefaultNodeName() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0 || !*host) std::snprintf(host, sizeof host, "node");
  return std::string(host) + "-" + std::to_string(getpid());
}

std::filesystem::path MediaDir(const Config& config) {
  if (!config.media_dir.empty()) return config.media_dir;
  if (db::IsPostgresUrl(config.db_url)) return "data/media";
  std::string_view file = config.db_url;
  if (file.rfind("sqlite:", 0) == 0) file.remove_prefix(7);
  return std::filesystem::path(file).parent_path() / "media";
}

Config ConfigFromEnvironment() {
  Config c;
  if (const char* v = Env("VOCWEEK_DB")) c.db_url = v;
  if (const char* v = Env("VOCWEEK_HOST")) c.host = v;
  c.port = static_cast<unsigned short>(EnvInt("PORT", c.port, 0, 65535));
  if (const char* v = Env("VOCWEEK_WEB_ROOT")) c.web_root = v;
  c.threads = static_cast<int>(EnvInt("VOCWEEK_THREADS", 0, 0, 256));
  if (const char* v = Env("VOCWEEK_LOG_LEVEL")) c.log_level = v;
  c.db_pool = static_cast<std::size_t>(EnvInt("VOCWEEK_DB_POOL", 0, 0, 512));
  c.secure_cookies = EnvFlag("VOCWEEK_SECURE_COOKIES");
  c.demo = EnvFlag("VOCWEEK_DEMO");
  if (const char* v = Env("VOCWEEK_PUBLIC_URL")) c.public_url = v;
  if (const char* v = Env("VOCWEEK_TRUSTED_PROXIES")) {
    c.trusted_proxies = v;
  } else if (EnvFlag("VOCWEEK_TRUST_PROXY")) {
    c.trusted_proxies = "127.0.0.1,::1";
  }
  c.max_connections = static_cast<std::size_t>(EnvInt("VOCWEEK_MAX_CONNECTIONS", 0, 0, 10'000'000));
  c.workers = static_cast<int>(EnvInt("VOCWEEK_WORKERS", c.workers, 1, 256));
  c.retention_days = static_cast<int>(EnvInt("VOCWEEK_RETENTION_DAYS", c.retention_days, 0, 3650));
  c.registration_limit_ip =
      static_cast<std::size_t>(EnvInt("VOCWEEK_REGISTRATION_LIMIT_IP", 30, 1, 1000000));
  c.registration_limit_mobile =
      static_cast<std::size_t>(EnvInt("VOCWEEK_REGISTRATION_LIMIT_MOBILE", 5, 1, 1000000));
  if (const char* v = Env("VOCWEEK_CLOCK")) c.clock = v;
  c.node = Env("VOCWEEK_NODE") ? Env("VOCWEEK_NODE") : DefaultNodeName();
  c.waiting_list_min =
      static_cast<int>(EnvInt("VOCWEEK_WAITING_LIST_MIN", c.waiting_list_min, 0, 1000000));
  c.checkin_gather_us =
      static_cast<int>(EnvInt("VOCWEEK_CHECKIN_GATHER_US", c.checkin_gather_us, 0, 10000));
  if (const char* v = Env("VOCWEEK_ACCESS_LOG")) c.access_log = v;
  if (const char* v = Env("VOCWEEK_METRICS_ALLOW")) c.metrics_allow = v;
  if (const char* v = Env("VOCWEEK_MEDIA_DIR")) c.media_dir = v;
  c.media_max_image_mb =
      static_cast<int>(EnvInt("VOCWEEK_MEDIA_MAX_IMAGE_MB", c.media_max_image_mb, 1, 1024));
  c.media_max_video_mb =
      static_cast<int>(EnvInt("VOCWEEK_MEDIA_MAX_VIDEO_MB", c.media_max_video_mb, 1, 16384));
  c.media_unit_mb = static_cast<int>(EnvInt("VOCWEEK_MEDIA_UNIT_MB", c.media_unit_mb, 1, 1 << 24));
  c.messages = messages::SettingsFromEnvironment();
  CheckConfig(c);
  return c;
}

void CheckConfig(const Config& c) {
  // spdlog reads any other name as "off": a typo would silence the log.
  static const std::set<std::string> kLogLevels = {"trace", "debug", "info",     "warn", "warning",
                                                   "error", "err",   "critical", "off"};
  if (!kLogLevels.count(c.log_level)) {
    throw std::invalid_argument(
        "VOCWEEK_LOG_LEVEL must be trace, debug, info, warn, error, critical or off, got \"" +
        c.log_level.substr(0, 80) + "\"");
  }
  if (!c.public_url.empty() && !http::NormalisePublicUrl(c.public_url)) {
    throw std::invalid_argument(
        "VOCWEEK_PUBLIC_URL / --public-url must be http(s)://host[:port] without a path, got \"" +
        c.public_url.substr(0, 80) + "\"");
  }
  if (c.node.size() > 100) {
    throw std::invalid_argument("VOCWEEK_NODE must have at most 100 characters");
  }
  if (!http::TrustedProxies::Parse(c.trusted_proxies)) {
    throw std::invalid_argument(
        "VOCWEEK_TRUSTED_PROXIES must list addresses or CIDR ranges separated by commas, got \"" +
        c.trusted_proxies.substr(0, 80) + "\"");
  }
  if (!http::ParseAccessLogFormat(c.access_log)) {
    throw std::invalid_argument("VOCWEEK_ACCESS_LOG must be text, json or off, got \"" +
                                c.access_log.substr(0, 80) + "\"");
  }
  if (!http::TrustedProxies::Parse(c.metrics_allow)) {
    throw std::invalid_argument(
        "VOCWEEK_METRICS_ALLOW must list addresses or CIDR ranges separated by commas, got \"" +
        c.metrics_allow.substr(0, 80) + "\"");
  }
  messages::CheckSettings(c.messages);
}

}  // namespace vw::app
