#include "db/id_list.h"

#include <stdexcept>
#include <string>

namespace vw::db {

soci::rowset<soci::row> RowsForIds(Session& s, std::string_view before,
                                   const std::vector<std::int64_t>& ids, std::string_view after) {
  if (ids.empty()) throw std::invalid_argument("RowsForIds: no ids");
  std::string sql(before);
  sql += "(";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) sql += ", ";
    sql += ":id" + std::to_string(i);
  }
  sql += ")";
  sql += after;
  soci::details::prepare_temp_type prepared = (s.sql().prepare << sql);
  for (const auto& id : ids) prepared, soci::use(id);
  return soci::rowset<soci::row>(prepared);
}

}  // namespace vw::db
