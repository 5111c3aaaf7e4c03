// Backups and restores of a vocweek database.
//
// SQLite: BackupSqlite() copies a database that a server may be using and
// writing, through SQLite's online backup API, into a temporary file beside
// the target; the copy is checked (PRAGMA integrity_check, schema version)
// before it is renamed into place, so a file with the backup's name is
// always a complete, verified backup. RestoreSqlite() checks a backup and
// moves it into place atomically, then applies pending migrations.
//
// PostgreSQL: BackupPostgres() runs pg_dump (custom format) and checks the
// archive with pg_restore --list. Restoring a PostgreSQL archive is left to
// pg_restore (docs/deploy.md): it needs an empty database that only the
// operator can decide to create or drop.
//
// Messages of the errors are Chinese, for the operator at the command line.
// Every function is safe to call from several threads on different files.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"

namespace vw::db {

// True for postgresql://, postgres:// and pg: URLs.
bool IsPostgresUrl(const std::string& url);
// The file of a SQLite URL: "sqlite:PATH" or a plain path.
std::string SqlitePath(const std::string& url);

// True when another connection has the SQLite file open (a running server
// holds its connections open for its whole life). False for a missing file.
bool SqliteInUse(const std::string& path);

struct BackupOptions {
  // Pages copied per step of the online backup (4 KiB pages: 4 MiB).
  int pages_per_step = 1024;
  // Called after every step with the pages still to copy and the total.
  std::function<void(int remaining, int total)> progress;
};

struct BackupReport {
  std::string file;  // the finished backup
  int schema_version = 0;
  std::uintmax_t bytes = 0;
  std::size_t tables = 0;  // SQLite: tables in the copy; PostgreSQL: table-data entries
  std::int64_t rows = 0;   // SQLite: rows in all tables of the copy; PostgreSQL: 0
  double seconds = 0;
};

// Copies the SQLite database at `path` to `to` (a file; an existing
// directory or a path ending in '/' gets vocweek-YYYYMMDDTHHMMSSZ.db in it).
//
// The copy is the database as of one moment: on a WAL database (what the
// server uses) the backup holds one read transaction for its whole run, so
// every step copies pages of the same snapshot while writers carry on (in
// WAL mode a reader never blocks a writer; the WAL only grows until the
// backup ends). A database in another journal mode is copied step by step
// with short read locks and restarts when written in between.
//
// The backup file is in rollback-journal mode (one self-contained file) and
// has the database file's permission bits.
// Errors: the source is missing or not a vocweek database, the copy fails
// its checks, or the file cannot be written; nothing is left at `to` then.
Result<BackupReport> BackupSqlite(const std::string& path, const std::string& to,
                                  const BackupOptions& options = {});

struct RestoreReport {
  int backup_version = 0;        // schema version of the backup
  int schema_version = 0;        // after the pending migrations
  std::vector<int> applied;      // migrations applied after the copy
  bool replaced_in_use = false;  // --force replaced a database in use
  std::string kept_as;           // the replaced database, kept beside it; "" when none
  std::int64_t rows = 0;         // rows in all tables of the backup
  double seconds = 0;
};

// Puts the SQLite backup `from` in place of the database at `path`.
//
// Refuses when a server has `path` open, unless `force`: the running
// server then keeps serving and writing the old database, which is kept as
// PATH.replaced-STAMP (with its -wal), until it is restarted.
// Refuses a backup that fails PRAGMA integrity_check, is not a vocweek
// database, or has a schema newer than this binary's migrations; nothing is
// written then. The copy is written beside `path`, checked again (quick
// check), and renamed over it; the replaced database is kept as
// PATH.replaced-STAMP, its WAL files moved with it so they cannot be
// replayed onto the restored one; the restored file gets the replaced one's
// permission bits and, when run as root, its owner. Then pending migrations
// are applied.
Result<RestoreReport> RestoreSqlite(const std::string& from, const std::string& path, bool force);

// Runs pg_dump --format=custom into a temporary file beside `to`, checks it
// with pg_restore --list (it must list the table data of schema_migrations)
// and renames it to `to` (a directory gets vocweek-YYYYMMDDTHHMMSSZ.dump),
// readable by its owner only.
// `schema`, when set, dumps that schema only (tests). A password in the URL
// goes to pg_dump through PGPASSWORD, not its command line. Errors: pg_dump
// or pg_restore missing (the message says what to install and run), the
// dump or the check failing (their own messages go to stderr).
Result<BackupReport> BackupPostgres(const std::string& url, const std::string& to,
                                    const std::string& schema = "");

}  // namespace vw::db
