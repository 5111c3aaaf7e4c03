// Versioned schema migrations.
//
// Migrations are the files server/migrations/NNNN_name.sql, compiled into the
// binary. Each is applied once, in order, inside its own transaction, and
// recorded in schema_migrations. A migration file is never edited after it
// has shipped; a change is a new file.
//
// Besides SQL with dialect tokens, a migration may hold steps the runner
// does in C++ where SQL cannot do the work on both backends:
//   {{base64_to_bytes TABLE FROM TO SHA256}};
// decodes the base64 text of column FROM of every row into the bytes column
// TO, after checking the bytes against the hex SHA-256 in column SHA256 and
// reading them back; any row that fails stops the migration (rolled back).
#pragma once

#include <climits>
#include <string>
#include <vector>

#include "db/database.h"

namespace vw::db {

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;  // with dialect tokens, see Render()
};

// All migrations, ordered by version.
std::vector<Migration> AllMigrations();

// The migration's statements for a backend, tokens replaced, split on ';'.
std::vector<std::string> Render(const Migration& m, Backend backend);

// Applies every pending migration up to version `up_to` (all by default;
// tests stop early to write rows as an older version did); returns the
// versions applied. Throws on failure (the failing migration is rolled back).
// Safe to run from several processes at once (nodes starting a new release
// together): each migration is applied by exactly one of them.
std::vector<int> Migrate(Database& db, int up_to = INT_MAX);

// Highest applied version, 0 for an empty database.
int CurrentVersion(Database& db);

// The versions of this binary's migrations that `s`'s database has not
// recorded (empty when it is up to date, also when a newer release applied
// more). Reads only; throws when the database or its schema_migrations
// table cannot be read.
std::vector<int> PendingMigrations(Session& s);

}  // namespace vw::db
