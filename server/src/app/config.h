// Server configuration: defaults, then environment, then command-line flags.
#pragma once

#include <filesystem>
#include <string>

#include "messages/messages.h"

namespace vw::app {

struct Config {
  std::string db_url = "data/vocweek.db";  // VOCWEEK_DB
  std::string host = "127.0.0.1";          // VOCWEEK_HOST
  unsigned short port = 8080;              // PORT
  std::string web_root = "web/dist";       // VOCWEEK_WEB_ROOT
  int threads = 0;                         // VOCWEEK_THREADS; 0: one per core
  std::string log_level = "info";          // VOCWEEK_LOG_LEVEL
  std::size_t db_pool = 0;                 // VOCWEEK_DB_POOL; 0: threads * 2 + 2
  bool secure_cookies = false;             // VOCWEEK_SECURE_COOKIES=1 behind HTTPS (also HSTS)
  // Base of every absolute link (iCal feeds, link previews, ticket QR codes,
  // verification URLs), VOCWEEK_PUBLIC_URL: "https://host[:port]". Empty:
  // http://<host>:<port>. Never taken from a request's Host header.
  std::string public_url;
  // Reverse proxies whose X-Forwarded-For is believed
  // (VOCWEEK_TRUSTED_PROXIES): addresses and CIDR ranges, comma-separated.
  // The older VOCWEEK_TRUST_PROXY=1 means "127.0.0.1,::1".
  std::string trusted_proxies;
  // Open connections at most (VOCWEEK_MAX_CONNECTIONS); 0: derived from the
  // descriptor limit (http::DefaultMaxConnections).
  std::size_t max_connections = 0;
  // Threads for slow work: exports, imports, password hashing (VOCWEEK_WORKERS).
  int workers = 2;
  // Personal data of registrations is removed this many days after the
  // campaign's week (VOCWEEK_RETENTION_DAYS).
  int retention_days = 90;
  // Public registrations per address per 10 minutes and per mobile per hour
  // (VOCWEEK_REGISTRATION_LIMIT_IP, VOCWEEK_REGISTRATION_LIMIT_MOBILE).
  std::size_t registration_limit_ip = 30;
  std::size_t registration_limit_mobile = 5;
  // An activity's waiting list holds as many people as its capacity and at
  // least this many (VOCWEEK_WAITING_LIST_MIN).
  int waiting_list_min = 50;
  // Microseconds a check-in transaction waits for more uploads at the peak
  // (registration::Limits::checkin_gather_us).
  int checkin_gather_us = 200;
  // Browser tests and demos of a past week only: the server's clock stands
  // still at this instant ("2025-05-14T10:00:00+08:00"), so the demo week's
  // activities take registrations (VOCWEEK_CLOCK; empty: the real clock).
  std::string clock;
  // A demonstration server (VOCWEEK_DEMO=1, set by `make run`): the login
  // page lists the demo accounts with their password. Never in production.
  bool demo = false;
  // Operations (ARCHITECTURE.md, "Operations"). The access log,
  // VOCWEEK_ACCESS_LOG: "text", "json" (JSON lines) or "off"; written off the
  // request path, silenced with the rest of the info log by
  // VOCWEEK_LOG_LEVEL=warn.
  std::string access_log = "text";
  // Who may read /metrics besides loopback peers, VOCWEEK_METRICS_ALLOW:
  // addresses and CIDR ranges, comma-separated, matched against the direct
  // peer only (never X-Forwarded-For). Everyone else gets 404.
  std::string metrics_allow;
  // This process's name among several on one database (VOCWEEK_NODE), in
  // the log and in job_runs.node; unique per process. Empty: DefaultNodeName().
  std::string node;
  // The material library's files (ARCHITECTURE.md, "Media"): the content
  // store's directory, shared by every node (VOCWEEK_MEDIA_DIR; empty: see
  // MediaDir), and the
  // budgets in MB: per image, per video, per unit
  // (VOCWEEK_MEDIA_MAX_IMAGE_MB, VOCWEEK_MEDIA_MAX_VIDEO_MB,
  // VOCWEEK_MEDIA_UNIT_MB).
  std::string media_dir;
  int media_max_image_mb = 30;
  int media_max_video_mb = 500;
  int media_unit_mb = 5120;
  // E-mail, SMS and group robots (docs/messages.md): VOCWEEK_SMTP_*,
  // VOCWEEK_SMS_*, VOCWEEK_WEBHOOK_HOSTS, VOCWEEK_MESSAGES_*; the flags
  // --smtp-host, --smtp-port, --smtp-from, --smtp-tls, --sms-url and
  // --webhook-hosts override them (passwords and keys: environment only).
  messages::Settings messages;
};

// The content store's directory: media_dir when set, else "media" beside
// the SQLite file, or data/media (under the working directory) with
// PostgreSQL, where several nodes should name a shared directory.
std::filesystem::path MediaDir(const Config& config);

// "<hostname>-<pid>".
std::string DefaultNodeName();

// Defaults overridden by the environment variables named above. Throws
// std::invalid_argument naming the variable when a value is malformed.
Config ConfigFromEnvironment();

// Throws std::invalid_argument naming the setting when the log level is not
// one spdlog knows, the access log format is unknown, or the public URL,
// the trusted proxies or the metrics allow-list (from the environment or
// from flags) are malformed.
void CheckConfig(const Config& config);

}  // namespace vw::app
