// SQL of the validation rules (rule_store.h).
#include "reporting/rule_store.h"

namespace vw::reporting::store {

std::vector<Rule> LoadRules(db::Session& s) {
  std::vector<Rule> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT code, form, kind, fields, value, severity, message, enabled "
                          "FROM validation_rules ORDER BY sort_order, code");
  for (const auto& r : rs) {
    Rule rule;
    rule.code = db::Str(r, 0);
    rule.form = db::Str(r, 1);
    rule.kind = db::Str(r, 2);
    // Stored as "a,b,c".
    std::string fields = db::Str(r, 3);
    std::size_t start = 0;
    while (start <= fields.size()) {
      std::size_t comma = fields.find(',', start);
      if (comma == std::string::npos) comma = fields.size();
      if (comma > start) rule.fields.push_back(fields.substr(start, comma - start));
      start = comma + 1;
    }
    rule.value = r.get<double>(4);
    rule.severity = db::Str(r, 5);
    rule.message = db::Str(r, 6);
    rule.enabled = db::Int(r, 7) != 0;
    out.push_back(std::move(rule));
  }
  return out;
}

void UpdateRule(db::Session& s, const std::string& code, double value, const std::string& severity,
                bool enabled) {
  int on = enabled ? 1 : 0;
  s.sql() << "UPDATE validation_rules SET value = :v, severity = :s, enabled = :e WHERE code = :c",
      soci::use(value), soci::use(severity), soci::use(on), soci::use(code);
}

bool AdministersTopUnit(db::Session& s, Id user_id) {
  int roots = 0;
  s.sql() << "SELECT COUNT(*) FROM grants g JOIN units u ON u.id = g.unit_id WHERE g.user_id = "
             ":p AND g.role = 'unit_admin' AND u.parent_id IS NULL",
      soci::use(user_id), soci::into(roots);
  return roots != 0;
}

}  // namespace vw::reporting::store
