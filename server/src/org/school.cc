#include "org/school.h"

namespace vw::org {

std::string NearestSchoolSql(std::string_view unit_column) {
  return "(SELECT nsc_c.ancestor_id FROM unit_closure nsc_c JOIN units nsc_u ON nsc_u.id = "
         "nsc_c.ancestor_id JOIN unit_kinds nsc_k ON nsc_k.code = nsc_u.kind WHERE "
         "nsc_c.descendant_id = " +
         std::string(unit_column) + " AND nsc_k.category = 'school' ORDER BY nsc_c.depth LIMIT 1)";
}

std::optional<Id> NearestSchool(db::Session& s, Id unit_id) {
  Id school = 0;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT " << NearestSchoolSql(":u"), soci::use(unit_id), soci::into(school, ind);
  if (!s.sql().got_data() || ind != soci::i_ok) return std::nullopt;
  return school;
}

}  // namespace vw::org
