#include "reporting/merged_store.h"

#include <soci/soci.h>

namespace vw::reporting::store {

std::vector<InfoFormOfUnit> InfoFormsUnder(db::Session& s, Id campaign_id, Id unit_id) {
  std::vector<InfoFormOfUnit> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare
           << "SELECT u.id, u.name, COALESCE(pu.name, ''), COALESCE(sb.status, 'not_started'), "
              "COALESCE(sb.data, '') FROM unit_closure c JOIN units u ON u.id = c.descendant_id "
              "JOIN unit_kinds k ON k.code = u.kind LEFT JOIN units pu ON pu.id = u.parent_id "
              "LEFT JOIN submissions sb ON sb.unit_id = u.id AND sb.campaign_id = :c AND "
              "sb.form = 'info_form' WHERE c.ancestor_id = :u AND c.depth > 0 AND "
              "k.reports_forms = 1 AND u.active = 1 ORDER BY c.depth, pu.sort_order, pu.id, "
              "u.sort_order, u.id",
       soci::use(campaign_id), soci::use(unit_id));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), db::Str(r, 1), db::Str(r, 2), db::Str(r, 3), db::Str(r, 4)});
  }
  return out;
}

}  // namespace vw::reporting::store
