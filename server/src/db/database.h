// The database: a pool of SOCI sessions on SQLite or PostgreSQL.
//
// The same SQL runs on both backends. Differences live here and in
// migrations.cc only: how a write transaction begins, how rows are locked,
// and the column type of generated ids. Every statement binds its values
// with soci::use; no value is ever spliced into SQL text.
//
// Database is thread-safe. Session and Transaction belong to one thread.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace vw::db {

enum class Backend { kSqlite, kPostgres };

struct Options {
  // A file path or "sqlite:PATH" for SQLite; "postgresql://..." (a libpq URI)
  // or "pg:KEY=VALUE ..." (a libpq keyword string) for PostgreSQL.
  std::string url;
  std::size_t pool_size = 8;
  // PostgreSQL only: schema to put first on the search_path (tests isolate
  // themselves this way). Created if missing.
  std::string pg_schema;
};

class Database {
 public:
  // Opens every pooled connection. Throws std::runtime_error when the
  // database cannot be opened: this happens at start-up only.
  explicit Database(const Options& options);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Backend backend() const { return backend_; }
  soci::connection_pool& pool() { return *pool_; }
  std::size_t pool_size() const { return pool_size_; }
  // A description without credentials, for logs.
  const std::string& description() const { return description_; }

 private:
  friend class Session;
  // PostgreSQL: opens `sql` again when its connection was lost (a database
  // restart or failover), with this database's session settings. Throws
  // when the database is still unreachable.
  void ReconnectIfBroken(soci::session& sql);

  Backend backend_;
  std::size_t pool_size_;
  std::string description_;
  std::string pg_schema_;
  std::unique_ptr<soci::connection_pool> pool_;
};

// A pooled connection for the lifetime of this object.
//
// On PostgreSQL a connection the server dropped (restart, failover to
// another host of a multi-host URL) is opened again when it is leased. The
// statement that discovered the loss has failed already: each pooled
// connection costs one failed request after a restart, then works again.
class Session {
 public:
  explicit Session(Database& db);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  soci::session& sql() { return *sql_; }
  Backend backend() const { return backend_; }

  // " FOR UPDATE" on PostgreSQL, "" on SQLite (whose write transactions
  // already hold the database lock, see Transaction).
  const char* ForUpdate() const { return backend_ == Backend::kPostgres ? " FOR UPDATE" : ""; }

  // Binary columns (BLOB on SQLite, BYTEA on PostgreSQL: {{bytes}} in a
  // migration). SOCI 4 cannot bind bytes alike on both backends: it binds a
  // std::string as text (SQLite then stores TEXT; PostgreSQL's text
  // parameters end at a NUL byte), and its soci::blob is a large object on
  // PostgreSQL, not bytea. So bytes are written by WriteBytes (a soci::blob
  // on SQLite, hex text decoded by decode(..., 'hex') on PostgreSQL) and
  // read as hex text through HexOf on both.

  // Runs `sql`, a statement with exactly the parameters :bytes and :id.
  void WriteBytes(const std::string& sql, std::string_view bytes, std::int64_t id);
  // An SQL expression for the lower- or upper-case hex text of the bytes in
  // `column` (decode it with FromHex of core/crypto.h).
  std::string HexOf(std::string_view column) const;

 private:
  soci::connection_pool& pool_;
  Backend backend_;
  std::size_t position_;
  soci::session* sql_;
};

// A transaction that rolls back unless committed.
//
// On SQLite a write transaction starts with BEGIN IMMEDIATE so that two
// writers queue on the busy timeout instead of failing when one of them
// upgrades a read lock. Read-only transactions use a deferred BEGIN.
class Transaction {
 public:
  enum class Mode { kWrite, kRead };
  explicit Transaction(Session& session, Mode mode = Mode::kWrite);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  void Commit();

 private:
  Session& session_;
  bool open_ = true;
};

// Reads a column of a soci::row whatever integer/real/text type the backend
// reported for it. NULL reads as 0 / "" unless the Opt* form is used.
std::int64_t Int(const soci::row& row, std::size_t i);
std::optional<std::int64_t> OptInt(const soci::row& row, std::size_t i);
double Real(const soci::row& row, std::size_t i);
std::string Str(const soci::row& row, std::size_t i);
std::optional<std::string> OptStr(const soci::row& row, std::size_t i);
bool Bool(const soci::row& row, std::size_t i);

// True when the exception says a UNIQUE constraint was violated.
bool IsUniqueViolation(const std::exception& e);

}  // namespace vw::db

namespace soci {

// Binds std::optional<T> as a nullable value (SOCI 4.0 knows boost::optional only).
template <typename T>
struct type_conversion<std::optional<T>> {
  using base_type = typename type_conversion<T>::base_type;

  static void from_base(const base_type& in, indicator ind, std::optional<T>& out) {
    if (ind == i_null) {
      out.reset();
      return;
    }
    T tmp{};
    type_conversion<T>::from_base(in, ind, tmp);
    out = std::move(tmp);
  }

  static void to_base(const std::optional<T>& in, base_type& out, indicator& ind) {
    if (in) {
      type_conversion<T>::to_base(*in, out, ind);
    } else {
      ind = i_null;
    }
  }
};

}  // namespace soci
