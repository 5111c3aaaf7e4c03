// SQL for units, kinds, regions and the closure table. Used by UnitService
// only; callers hold the session (and the transaction when writing).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "org/org.h"

namespace vw::org::store {

std::optional<Unit> LoadUnit(db::Session& s, Id id);
std::optional<Unit> FindUnitByName(db::Session& s, std::string_view name);
std::vector<Unit> LoadChildren(db::Session& s, Id parent_id);
std::vector<UnitKind> LoadKinds(db::Session& s);
std::vector<Region> LoadRegions(db::Session& s);
bool RegionExists(db::Session& s, std::string_view code);
bool NameTaken(db::Session& s, std::optional<Id> parent_id, std::string_view name,
               std::optional<Id> except_id);
bool MoeCodeTaken(db::Session& s, std::string_view code, std::optional<Id> except_id);

// Inserts the unit and its closure rows; returns the new id.
Id InsertUnit(db::Session& s, const UnitInput& in);
// Only while the row still has `version` (false otherwise: another writer
// changed it first; on PostgreSQL the UPDATE waits for that writer's commit).
bool UpdateUnit(db::Session& s, Id id, int version, const UnitInput& in);
// Re-links the subtree of `id` under `new_parent` in the closure table.
void MoveSubtree(db::Session& s, Id id, std::optional<Id> new_parent);
bool IsInSubtree(db::Session& s, Id root, Id candidate);

// Rows of the visible tree for a user (all units for a system administrator).
std::vector<TreeNode> VisibleTree(db::Session& s, const Principal& p, int max_depth);

}  // namespace vw::org::store
