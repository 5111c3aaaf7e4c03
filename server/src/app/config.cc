#include "app/config.h"

#include <charconv>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

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
  c.trust_proxy = EnvFlag("VOCWEEK_TRUST_PROXY");
  c.retention_days = static_cast<int>(EnvInt("VOCWEEK_RETENTION_DAYS", c.retention_days, 0, 3650));
  c.registration_limit_ip =
      static_cast<std::size_t>(EnvInt("VOCWEEK_REGISTRATION_LIMIT_IP", 30, 1, 1000000));
  c.registration_limit_mobile =
      static_cast<std::size_t>(EnvInt("VOCWEEK_REGISTRATION_LIMIT_MOBILE", 5, 1, 1000000));
  if (const char* v = Env("VOCWEEK_CLOCK")) c.clock = v;
  c.waiting_list_min =
      static_cast<int>(EnvInt("VOCWEEK_WAITING_LIST_MIN", c.waiting_list_min, 0, 1000000));
  return c;
}

}  // namespace vw::app
