// A plain sqlite3 connection, for what SOCI does not offer: the online backup
// API, exact storage classes of values, and file-level locking checks.
//
// Used by backup.cc and move_to_postgres.cc only. A SqliteFile belongs to one
// thread.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace vw::db {

class SqliteFile {
 public:
  // Opens `path` with sqlite3_open_v2 flags (no SQLITE_OPEN_CREATE: a
  // missing file is an error unless the caller asks for it).
  static Result<SqliteFile> Open(const std::string& path, int flags);

  sqlite3* get() const { return db_.get(); }
  void Close() { db_.reset(); }
  std::string ErrorMessage() const { return sqlite3_errmsg(db_.get()); }

  // Runs statements without results; false with the message on failure.
  bool Exec(const std::string& sql, std::string* error = nullptr);
  // The first column of the first row as text; nullopt on an error or no row.
  std::optional<std::string> QueryText(const std::string& sql, std::string* error = nullptr);
  // Every row's first column as text (NULL as "").
  std::vector<std::string> QueryColumn(const std::string& sql);

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  explicit SqliteFile(sqlite3* db) : db_(db) {}
  std::unique_ptr<sqlite3, Closer> db_;
};

// "name" with embedded quotes doubled: an identifier in SQL text. Names come
// from the database's own catalogue, never from users.
std::string QuoteIdentifier(const std::string& name);

// The user tables of a SQLite database (not sqlite_*), by name.
std::vector<std::string> SqliteTables(SqliteFile& db);

}  // namespace vw::db
