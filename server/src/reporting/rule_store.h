// SQL of the validation rules (submissions.h: rules as data, one engine
// applies them) and of who may change them. Callers hold the session (and
// the transaction when writing); every value is bound.
#pragma once

#include <string>
#include <vector>

#include "db/database.h"
#include "reporting/submissions.h"

namespace vw::reporting::store {

// The rules as stored (validation_rules), in their order.
std::vector<Rule> LoadRules(db::Session& s);
// Sets a rule's parameter, severity and switch.
void UpdateRule(db::Session& s, const std::string& code, double value, const std::string& severity,
                bool enabled);
// Whether the user is unit_admin of a top unit (one without a parent).
bool AdministersTopUnit(db::Session& s, Id user_id);

}  // namespace vw::reporting::store
