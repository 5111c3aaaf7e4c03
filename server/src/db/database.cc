#include "db/database.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "core/crypto.h"
#include "core/metrics.h"

namespace vw::db {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

void ConfigureSqlite(soci::session& sql) {
  // WAL lets readers run beside the single writer; NORMAL sync keeps every
  // committed transaction across a process crash (kill -9).
  sql << "PRAGMA journal_mode=WAL";
  sql << "PRAGMA foreign_keys=ON";
  sql << "PRAGMA busy_timeout=10000";
  sql << "PRAGMA synchronous=NORMAL";
  // Page cache of 32 MiB per connection and reads through a memory map:
  // without them every lookup in a large table is a pread() system call.
  sql << "PRAGMA cache_size=-32768";
  sql << "PRAGMA mmap_size=268435456";
}

// Percent-decodes a URI component.
std::string Decode(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size()) {
      out.push_back(static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

// A libpq keyword value, quoted: 'it''s' style escaping with backslashes.
std::string Quote(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\\' || c == '\'') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}

// SOCI 4.0's PostgreSQL backend parses its connection string as libpq
// keyword=value pairs, so a URI is converted here:
// postgresql://user:password@host:port[,host:port...]/dbname?key=value&...
std::string UriToKeywords(const std::string& uri) {
  std::string rest = uri.substr(uri.find("//") + 2);
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest.resize(q);
  }
  std::string dbname;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    dbname = Decode(rest.substr(slash + 1));
    rest.resize(slash);
  }
  std::string user, password;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    std::string cred = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = cred.find(':');
    user = Decode(cred.substr(0, colon));
    if (colon != std::string::npos) password = Decode(cred.substr(colon + 1));
  }
  // host[:port] entries, comma-separated (a multi-host URL: libpq tries them
  // in order), an IPv6 address in brackets.
  std::string hosts, ports;
  bool any_port = false;
  size_t start = 0;
  while (start <= rest.size()) {
    size_t comma = rest.find(',', start);
    if (comma == std::string::npos) comma = rest.size();
    std::string entry = rest.substr(start, comma - start), host = entry, port;
    if (!entry.empty() && entry.front() == '[') {
      auto close = entry.find(']');
      host = entry.substr(1, close == std::string::npos ? std::string::npos : close - 1);
      if (close != std::string::npos && close + 1 < entry.size() && entry[close + 1] == ':') {
        port = entry.substr(close + 2);
      }
    } else if (auto colon = entry.rfind(':'); colon != std::string::npos) {
      host = entry.substr(0, colon);
      port = entry.substr(colon + 1);
    }
    any_port = any_port || !port.empty();
    hosts += (start ? "," : "") + Decode(host);
    ports += (start ? "," : "") + port;
    start = comma + 1;
  }
  std::string out;
  auto add = [&out](const std::string& k, const std::string& v) {
    if (v.empty()) return;
    if (!out.empty()) out.push_back(' ');
    out += k + "=" + Quote(v);
  };
  add("host", hosts);
  if (any_port) add("port", ports);
  add("user", user);
  add("password", password);
  add("dbname", dbname);
  size_t pos = 0;
  while (pos < query.size()) {
    size_t amp = query.find('&', pos);
    if (amp == std::string::npos) amp = query.size();
    std::string kv = query.substr(pos, amp - pos);
    if (auto eq = kv.find('='); eq != std::string::npos) {
      add(Decode(kv.substr(0, eq)), Decode(kv.substr(eq + 1)));
    }
    pos = amp + 1;
  }
  return out;
}

// The pool leases each connection to one thread at a time, so SQLite's
// per-call connection mutexes (its default "serialized" mode) guard nothing
// here; multi-thread mode drops them (about 6% of a province roll-up's time
// went to locking and unlocking them, bench/rollup.sh). Takes effect only
// before SQLite's first use in the process; later calls are refused by
// SQLite and change nothing.
void UseSqliteWithoutConnectionMutexes() {
  static const int done = sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  (void)done;
}

// Session settings of every PostgreSQL connection, also after a reconnect.
void ConfigurePostgres(soci::session& sql, const std::string& schema) {
  if (!schema.empty()) {
    std::string ignored;
    sql << "SELECT set_config('search_path', :s, false)", soci::use(schema), soci::into(ignored);
  }
  sql << "SET TIME ZONE 'UTC'";
  sql << "SET client_min_messages TO WARNING";
}

}  // namespace

Database::Database(const Options& options)
    : pool_size_(options.pool_size), pg_schema_(options.pg_schema) {
  std::string conn;
  const std::string& url = options.url;
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    backend_ = Backend::kPostgres;
    conn = UriToKeywords(url);
    auto at = url.find('@');
    description_ = "postgresql://" +
                   (at == std::string::npos ? url.substr(url.find("//") + 2) : url.substr(at + 1));
  } else if (StartsWith(url, "pg:")) {
    backend_ = Backend::kPostgres;
    conn = url.substr(3);
    description_ = "postgresql (keyword connection string)";
  } else {
    backend_ = Backend::kSqlite;
    UseSqliteWithoutConnectionMutexes();
    std::string path = StartsWith(url, "sqlite:") ? url.substr(7) : url;
    if (path.empty()) throw std::runtime_error("empty SQLite database path");
    std::filesystem::path p(path);
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
    conn = "db=\"" + path + "\" timeout=10";
    description_ = "sqlite:" + path;
  }

  pool_ = std::make_unique<soci::connection_pool>(pool_size_);
  for (std::size_t i = 0; i < pool_size_; ++i) {
    soci::session& sql = pool_->at(i);
    if (backend_ == Backend::kSqlite) {
      sql.open(*soci::factory_sqlite3(), conn);
      ConfigureSqlite(sql);
    } else {
      sql.open(*soci::factory_postgresql(), conn);
      if (!options.pg_schema.empty() && i == 0) {
        // Schema names come from the test harness, never from users; they
        // still go through format('%I') so quoting is done by the server.
        std::string stmt;
        sql << "SELECT format('CREATE SCHEMA IF NOT EXISTS %I', CAST(:s AS TEXT))",
            soci::use(options.pg_schema), soci::into(stmt);
        sql << stmt;
      }
      ConfigurePostgres(sql, options.pg_schema);
    }
  }
}

void Database::ReconnectIfBroken(soci::session& sql) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  if (backend && PQstatus(backend->conn_) == CONNECTION_OK) return;
  spdlog::warn("database connection lost; connecting again to {}", description_);
  sql.reconnect();
  ConfigurePostgres(sql, pg_schema_);
}

namespace {

// Leases a pooled connection; the wait goes to vocweek_db_pool_wait_seconds.
std::size_t TimedLease(soci::connection_pool& pool) {
  auto start = std::chrono::steady_clock::now();
  std::size_t position = pool.lease();
  metrics::Process().db_pool_wait.Observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return position;
}

}  // namespace

Session::Session(Database& db)
    : pool_(db.pool()),
      backend_(db.backend()),
      position_(TimedLease(pool_)),
      sql_(&pool_.at(position_)) {
  if (backend_ != Backend::kPostgres) return;
  try {
    db.ReconnectIfBroken(*sql_);
  } catch (...) {
    pool_.give_back(position_);
    throw;
  }
}

Session::~Session() { pool_.give_back(position_); }

void Session::WriteBytes(const std::string& sql, std::string_view bytes, std::int64_t id) {
  if (backend_ == Backend::kSqlite) {
    soci::blob value(*sql_);
    if (!bytes.empty()) value.append(bytes.data(), bytes.size());
    *sql_ << sql, soci::use(value, "bytes"), soci::use(id, "id");
    return;
  }
  std::string hex = ToHex(bytes);
  std::string text = sql;
  std::string_view name = ":bytes";
  auto at = text.find(name);
  if (at == std::string::npos) throw std::logic_error("WriteBytes: no :bytes in " + sql);
  text.replace(at, name.size(), "decode(:bytes, 'hex')");
  *sql_ << text, soci::use(hex, "bytes"), soci::use(id, "id");
}

std::string Session::HexOf(std::string_view column) const {
  std::string c(column);
  return backend_ == Backend::kSqlite ? "hex(" + c + ")" : "encode(" + c + ", 'hex')";
}

Transaction::Transaction(Session& session, Mode mode) : session_(session) {
  if (session_.backend() == Backend::kSqlite && mode == Mode::kWrite) {
    session_.sql() << "BEGIN IMMEDIATE";
  } else {
    session_.sql() << "BEGIN";
  }
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    session_.sql() << "ROLLBACK";
  } catch (const std::exception& e) {
    spdlog::error("rollback failed: {}", e.what());
  }
}

void Transaction::Commit() {
  session_.sql() << "COMMIT";
  open_ = false;
}

std::int64_t Int(const soci::row& row, std::size_t i) { return OptInt(row, i).value_or(0); }

std::optional<std::int64_t> OptInt(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return std::nullopt;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return row.get<int>(i);
    case soci::dt_long_long:
      return row.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<std::int64_t>(row.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<std::int64_t>(row.get<double>(i));
    case soci::dt_string:
      return std::strtoll(row.get<std::string>(i).c_str(), nullptr, 10);
    default:
      throw std::runtime_error("column " + row.get_properties(i).get_name() + " is not a number");
  }
}

double Real(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return 0.0;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_double:
      return row.get<double>(i);
    case soci::dt_integer:
      return row.get<int>(i);
    case soci::dt_long_long:
      return static_cast<double>(row.get<long long>(i));
    case soci::dt_unsigned_long_long:
      return static_cast<double>(row.get<unsigned long long>(i));
    case soci::dt_string:
      return std::strtod(row.get<std::string>(i).c_str(), nullptr);
    default:
      throw std::runtime_error("column " + row.get_properties(i).get_name() + " is not a number");
  }
}

std::optional<std::string> OptStr(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return std::nullopt;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_string:
    case soci::dt_xml:
      return row.get<std::string>(i);
    case soci::dt_integer:
      return std::to_string(row.get<int>(i));
    case soci::dt_long_long:
      return std::to_string(row.get<long long>(i));
    case soci::dt_unsigned_long_long:
      return std::to_string(row.get<unsigned long long>(i));
    case soci::dt_double:
      return std::to_string(row.get<double>(i));
    default:
      throw std::runtime_error("column " + row.get_properties(i).get_name() + " is not text");
  }
}

std::string Str(const soci::row& row, std::size_t i) { return OptStr(row, i).value_or(""); }

bool Bool(const soci::row& row, std::size_t i) { return Int(row, i) != 0; }

bool IsUniqueViolation(const std::exception& e) {
  std::string_view what = e.what();
  return what.find("UNIQUE constraint failed") != std::string_view::npos ||
         what.find("duplicate key value") != std::string_view::npos;
}

}  // namespace vw::db
