// SQL of the merged lists (merged_exports.cc): the 信息采集表 of every
// reporting unit of a subtree.
#pragma once

#include <string>
#include <vector>

#include "core/principal.h"
#include "db/database.h"

namespace vw::reporting::store {

struct InfoFormOfUnit {
  Id unit_id = 0;
  std::string unit_name;
  std::string parent_name;
  std::string status;  // the info form's status; "not_started" without a row
  std::string data;    // its data as saved (JSON text); "" without a row
};
// Every active reporting unit strictly under `unit_id` (any depth) with its
// 信息采集表 of the campaign, level by level (the children first), each level
// in the tree's display order.
std::vector<InfoFormOfUnit> InfoFormsUnder(db::Session& s, Id campaign_id, Id unit_id);

}  // namespace vw::reporting::store
