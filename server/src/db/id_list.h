// Statements over a list of ids ("... WHERE x IN (:id0, :id1, ...)"), each id
// bound: how a page of records loads its links in one statement instead of
// one per record. Same SQL on SQLite and PostgreSQL.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "db/database.h"

namespace vw::db {

// The rows of `before` + "(:id0, ..., :idN)" + `after`, with each of `ids`
// bound in order. `ids` must not be empty and must outlive the rowset.
soci::rowset<soci::row> RowsForIds(Session& s, std::string_view before,
                                   const std::vector<std::int64_t>& ids,
                                   std::string_view after = "");

}  // namespace vw::db
