// Units and their reporting tree (SPEC "People and units").
//
// A unit reports to one parent; which kinds may be parents of which is data
// (unit_kind_parents), seeded from SPEC's table: two chains (education and
// HR) plus higher vocational schools reporting to the provincial education
// department directly, colleges and offices inside schools. The tree is kept
// as a closure table so that scope checks and roll-ups are single indexed
// queries.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "org/scope.h"

namespace vw::org {

struct UnitKind {
  std::string code;
  std::string name;
  std::string category;  // authority | school | department
  bool reports_forms = true;
  int sort_order = 0;
  std::vector<std::string> parent_kinds;  // empty: a root kind
};

// SQL condition: the unit aliased `u` heads a reporting chain (省教育厅,
// 省人社厅): an active unit without a parent whose kind has kinds that
// report forms to it. Derived from the unit-kind data, never from codes.
inline constexpr const char* kChainRootCondition =
    "u.parent_id IS NULL AND u.active = 1 AND EXISTS (SELECT 1 FROM unit_kind_parents kp JOIN "
    "unit_kinds k ON k.code = kp.kind WHERE kp.parent_kind = u.kind AND k.reports_forms = 1)";

struct Unit {
  Id id = 0;
  std::optional<Id> parent_id;
  std::string kind;
  std::string name;
  std::string short_name;
  std::string region_code;
  std::string moe_code;
  std::int64_t enrolled_students = 0;
  std::int64_t staff_count = 0;
  std::string contact_person;
  std::string contact_phone;
  std::string address;
  std::string website;
  int sort_order = 0;
  bool active = true;
  int version = 1;
  std::string created_at;
  std::string updated_at;
};

// What a caller may set on a unit; validated by UnitService.
struct UnitInput {
  std::optional<Id> parent_id;
  std::string kind;
  std::string name;
  std::string short_name;
  std::string region_code;
  std::string moe_code;
  std::int64_t enrolled_students = 0;
  std::int64_t staff_count = 0;
  std::string contact_person;
  std::string contact_phone;
  std::string address;
  std::string website;
  int sort_order = 0;
  bool active = true;
};

// A node of the visible tree (flat; the client nests it by parent_id).
struct TreeNode {
  Id id = 0;
  std::optional<Id> parent_id;
  std::string kind;
  std::string name;
  std::string region_code;
  int depth = 0;  // below the principal's grant unit
  int child_count = 0;
};

struct Region {
  std::string code;
  std::string name;
  std::string parent_code;
  int level = 0;
};

// Reads a UnitInput from a request body (all fields; unknown ones ignored).
Result<UnitInput> ParseUnitInput(const boost::json::object& body);

boost::json::object ToJson(const Unit& unit);
boost::json::object ToJson(const UnitKind& kind);

// Validates an MOE 10-digit school code: 2-digit category, 2-digit province
// (a GB/T 2260 province code; the region's province when the unit has one),
// 6 digits. `field` names the JSON field in the error.
Status ValidateMoeCode(std::string_view code, std::string_view region_code);

class UnitService {
 public:
  UnitService(db::Database& db, const Scope& scope) : db_(db), scope_(scope) {}

  std::vector<UnitKind> Kinds();
  std::vector<Region> Regions();

  // The units in the principal's subtrees. max_depth < 0: no limit.
  std::vector<TreeNode> VisibleTree(const Principal& p, int max_depth = -1);

  // A unit the principal may see; 403 for units outside their grants.
  Result<Unit> Get(const Principal& p, Id id);
  // Direct children of a visible unit.
  Result<std::vector<Unit>> Children(const Principal& p, Id id);

  // Creates a unit under input.parent_id; needs unit_admin on the parent
  // (sysadmin for roots). Checks kind/parent rules, names, codes.
  Result<Unit> Create(const Principal& p, const UnitInput& input);
  // Same checks inside a caller's transaction (imports, seeding).
  Result<Unit> CreateIn(db::Session& s, const Principal& p, const UnitInput& input);

  // Updates a unit; `version` must be the one the caller read (else 409).
  // Moving to another parent needs unit_admin on both parents.
  Result<Unit> Update(const Principal& p, Id id, int version, const UnitInput& input);
  // Called after an update: the public programme shows units' names and
  // regions. Every node also sees the programme signal the update bumps.
  void SetOnChange(std::function<void()> on_change) { on_change_ = std::move(on_change); }

  // Looks a unit up by exact name (imports); nullopt when absent.
  static std::optional<Unit> FindByName(db::Session& s, std::string_view name);
  static std::optional<Unit> Load(db::Session& s, Id id);
  static std::vector<UnitKind> LoadKinds(db::Session& s);

 private:
  Status Validate(db::Session& s, const UnitInput& input, std::optional<Id> self_id);

  db::Database& db_;
  const Scope& scope_;
  std::function<void()> on_change_;
};

}  // namespace vw::org
