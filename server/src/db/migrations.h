// Versioned schema migrations.
//
// Migrations are the files server/migrations/NNNN_name.sql, compiled into the
// binary. Each is applied once, in order, inside its own transaction, and
// recorded in schema_migrations. A migration file is never edited after it
// has shipped; a change is a new file.
#pragma once

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

// Applies every pending migration; returns the versions applied.
// Throws on failure (the failing migration is rolled back). Safe to run from
// several processes at once (nodes starting a new release together): each
// migration is applied by exactly one of them.
std::vector<int> Migrate(Database& db);

// Highest applied version, 0 for an empty database.
int CurrentVersion(Database& db);

}  // namespace vw::db
