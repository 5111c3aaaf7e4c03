// Moving a SQLite database into PostgreSQL, and the per-table checksums that
// verify the move.
//
// A table's checksum is the SHA-256 of its rows' canonical text, rows in
// primary-key order (integers by value, text by bytes: SQLite's BINARY
// collation, COLLATE "C" on PostgreSQL), columns by name. A value's canonical
// text does not depend on how a backend spells it:
//   NULL                   N
//   integer, boolean       I<decimal>          (true/false as I1/I0)
//   real (float, double)   R<%.17g>            (SQLite's 3.0 and PostgreSQL's 3 are R3)
//   text                   T<bytes>:<bytes>    (length first, so no separator is ambiguous)
//   blob, bytea            B<hex>
// Values join with '|', rows end with '\n'. A SQLite REAL column's integer
// values (SQLite keeps 3.0 as 3 on disk) count as reals; PostgreSQL numeric
// counts as an integer without a fraction, else as a real.
#pragma once

#include <cstdint>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "db/database.h"

namespace vw::db {

struct TableSum {
  std::string table;
  std::int64_t rows = 0;
  std::string sha256;  // hex

  bool operator==(const TableSum&) const = default;
};

inline std::ostream& operator<<(std::ostream& out, const TableSum& s) {
  return out << s.table << ": " << s.rows << " rows, " << s.sha256.substr(0, 12);
}

// Checksums of every table of a SQLite file (sqlite_* excepted), by table
// name, read in one transaction.
Result<std::vector<TableSum>> SqliteChecksums(const std::string& path);

// Checksums of every table of a PostgreSQL database's current schema (the
// first of its search_path), by table name, read in one repeatable-read
// transaction.
Result<std::vector<TableSum>> PostgresChecksums(Database& db);

struct MoveOptions {
  std::string from;  // SQLite file or sqlite:PATH
  Options to;        // PostgreSQL; pg_schema isolates tests
  // Tables a fresh installation fills by itself (the migrations' reference
  // rows, the regions): the target may hold rows there, and the move
  // replaces them with the source's. Every other table must be empty.
  std::set<std::string> install_tables;
  bool force = false;  // move even while a server has the SQLite file open
};

struct MoveReport {
  std::vector<TableSum> tables;  // as verified on both sides
  int schema_version = 0;
  std::int64_t rows = 0;
  std::size_t sequences = 0;  // identity sequences set past the largest id
  double seconds = 0;
};

// Copies every row of every table of a SQLite database into a PostgreSQL
// database, with ids, versions and the audit log as they are.
//
// The target is migrated first when it has no tables (one with tables but no
// schema_migrations is refused untouched). It must then have the
// source's schema version (which must be this binary's latest: run `vocweek
// migrate` on the SQLite file first), the same tables and columns, and no
// rows outside `install_tables`. The copy runs in one PostgreSQL transaction
// (COPY per table, parents before children); identity sequences are set past
// the largest id the source ever handed out (SQLite's sqlite_sequence); the
// checksums of both sides are compared inside that transaction and it only
// commits when every table matches. The source is read in one transaction;
// its contents are never changed.
//
// Errors: kConflict for a target that is not empty, a schema mismatch or a
// source in use; kInternal for database errors and checksum mismatches (the
// target is left as it was).
Result<MoveReport> MoveToPostgres(const MoveOptions& options);

}  // namespace vw::db
