#include "org/unit_store.h"

#include "core/time.h"

namespace vw::org::store {
namespace {

constexpr const char* kUnitColumns =
    "id, parent_id, kind, name, short_name, region_code, moe_code, enrolled_students, "
    "staff_count, contact_person, contact_phone, address, website, sort_order, active, version, "
    "created_at, updated_at";

Unit ReadUnit(const soci::row& r) {
  Unit u;
  u.id = db::Int(r, 0);
  u.parent_id = db::OptInt(r, 1);
  u.kind = db::Str(r, 2);
  u.name = db::Str(r, 3);
  u.short_name = db::Str(r, 4);
  u.region_code = db::Str(r, 5);
  u.moe_code = db::Str(r, 6);
  u.enrolled_students = db::Int(r, 7);
  u.staff_count = db::Int(r, 8);
  u.contact_person = db::Str(r, 9);
  u.contact_phone = db::Str(r, 10);
  u.address = db::Str(r, 11);
  u.website = db::Str(r, 12);
  u.sort_order = static_cast<int>(db::Int(r, 13));
  u.active = db::Bool(r, 14);
  u.version = static_cast<int>(db::Int(r, 15));
  u.created_at = db::Str(r, 16);
  u.updated_at = db::Str(r, 17);
  return u;
}

}  // namespace

std::optional<Unit> LoadUnit(db::Session& s, Id id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT " << kUnitColumns << " FROM units WHERE id = :id", soci::use(id));
  for (const auto& r : rs) return ReadUnit(r);
  return std::nullopt;
}

std::optional<Unit> FindUnitByName(db::Session& s, std::string_view name) {
  std::string n(name);
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT " << kUnitColumns << " FROM units WHERE name = :n ORDER BY id",
       soci::use(n));
  for (const auto& r : rs) return ReadUnit(r);
  return std::nullopt;
}

std::vector<Unit> LoadChildren(db::Session& s, Id parent_id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT " << kUnitColumns
                       << " FROM units WHERE parent_id = :p ORDER BY sort_order, id",
       soci::use(parent_id));
  std::vector<Unit> out;
  for (const auto& r : rs) out.push_back(ReadUnit(r));
  return out;
}

std::vector<UnitKind> LoadKinds(db::Session& s) {
  std::vector<UnitKind> kinds;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT code, name, category, reports_forms, sort_order FROM "
                          "unit_kinds ORDER BY sort_order, code");
  for (const auto& r : rs) {
    UnitKind k;
    k.code = db::Str(r, 0);
    k.name = db::Str(r, 1);
    k.category = db::Str(r, 2);
    k.reports_forms = db::Bool(r, 3);
    k.sort_order = static_cast<int>(db::Int(r, 4));
    kinds.push_back(std::move(k));
  }
  soci::rowset<soci::row> parents =
      (s.sql().prepare << "SELECT kind, parent_kind FROM unit_kind_parents ORDER BY kind, "
                          "parent_kind");
  for (const auto& r : parents) {
    std::string kind = db::Str(r, 0);
    for (auto& k : kinds) {
      if (k.code == kind) k.parent_kinds.push_back(db::Str(r, 1));
    }
  }
  return kinds;
}

std::vector<Region> LoadRegions(db::Session& s) {
  std::vector<Region> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT code, name, parent_code, level FROM regions ORDER BY code");
  for (const auto& r : rs) {
    out.push_back({db::Str(r, 0), db::Str(r, 1), db::Str(r, 2), static_cast<int>(db::Int(r, 3))});
  }
  return out;
}

bool RegionExists(db::Session& s, std::string_view code) {
  std::string c(code);
  int n = 0;
  s.sql() << "SELECT COUNT(*) FROM regions WHERE code = :c", soci::use(c), soci::into(n);
  return n > 0;
}

bool NameTaken(db::Session& s, std::optional<Id> parent_id, std::string_view name,
               std::optional<Id> except_id) {
  std::string n(name);
  Id parent = parent_id.value_or(0);
  Id except = except_id.value_or(0);
  int count = 0;
  s.sql() << "SELECT COUNT(*) FROM units WHERE COALESCE(parent_id, 0) = :p AND name = :n AND "
             "id <> :e",
      soci::use(parent), soci::use(n), soci::use(except), soci::into(count);
  return count > 0;
}

bool MoeCodeTaken(db::Session& s, std::string_view code, std::optional<Id> except_id) {
  std::string c(code);
  Id except = except_id.value_or(0);
  int count = 0;
  s.sql() << "SELECT COUNT(*) FROM units WHERE moe_code = :c AND id <> :e", soci::use(c),
      soci::use(except), soci::into(count);
  return count > 0;
}

Id InsertUnit(db::Session& s, const UnitInput& in) {
  std::string now = timeutil::NowUtc();
  int active = in.active ? 1 : 0;
  Id id = 0;
  s.sql() << "INSERT INTO units (parent_id, kind, name, short_name, region_code, moe_code, "
             "enrolled_students, staff_count, contact_person, contact_phone, address, website, "
             "sort_order, active, version, created_at, updated_at) VALUES (:parent, :kind, :name, "
             ":short, :region, :moe, :students, :staff, :person, :phone, :address, :website, "
             ":sort, :active, 1, :c, :u) RETURNING id",
      soci::use(in.parent_id), soci::use(in.kind), soci::use(in.name), soci::use(in.short_name),
      soci::use(in.region_code), soci::use(in.moe_code), soci::use(in.enrolled_students),
      soci::use(in.staff_count), soci::use(in.contact_person), soci::use(in.contact_phone),
      soci::use(in.address), soci::use(in.website), soci::use(in.sort_order), soci::use(active),
      soci::use(now), soci::use(now), soci::into(id);
  s.sql() << "INSERT INTO unit_closure (ancestor_id, descendant_id, depth) VALUES (:a, :d, 0)",
      soci::use(id), soci::use(id);
  if (in.parent_id) {
    s.sql() << "INSERT INTO unit_closure (ancestor_id, descendant_id, depth) SELECT ancestor_id, "
               ":d, depth + 1 FROM unit_closure WHERE descendant_id = :p",
        soci::use(id), soci::use(*in.parent_id);
  }
  return id;
}

bool UpdateUnit(db::Session& s, Id id, int version, const UnitInput& in) {
  std::string now = timeutil::NowUtc();
  int active = in.active ? 1 : 0;
  soci::statement st =
      (s.sql().prepare
           << "UPDATE units SET parent_id = :parent, kind = :kind, name = :name, short_name = "
              ":short, region_code = :region, moe_code = :moe, enrolled_students = :students, "
              "staff_count = :staff, contact_person = :person, contact_phone = :phone, address = "
              ":address, website = :website, sort_order = :sort, active = :active, version = "
              "version + 1, updated_at = :u WHERE id = :id AND version = :v",
       soci::use(in.parent_id), soci::use(in.kind), soci::use(in.name), soci::use(in.short_name),
       soci::use(in.region_code), soci::use(in.moe_code), soci::use(in.enrolled_students),
       soci::use(in.staff_count), soci::use(in.contact_person), soci::use(in.contact_phone),
       soci::use(in.address), soci::use(in.website), soci::use(in.sort_order), soci::use(active),
       soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void MoveSubtree(db::Session& s, Id id, std::optional<Id> new_parent) {
  // Unlink the subtree from its old ancestors, keeping its internal paths.
  s.sql() << "DELETE FROM unit_closure WHERE descendant_id IN (SELECT descendant_id FROM "
             "unit_closure WHERE ancestor_id = :a) AND ancestor_id NOT IN (SELECT descendant_id "
             "FROM unit_closure WHERE ancestor_id = :b)",
      soci::use(id), soci::use(id);
  if (!new_parent) return;
  s.sql() << "INSERT INTO unit_closure (ancestor_id, descendant_id, depth) SELECT a.ancestor_id, "
             "d.descendant_id, a.depth + d.depth + 1 FROM unit_closure a, unit_closure d WHERE "
             "a.descendant_id = :p AND d.ancestor_id = :u",
      soci::use(*new_parent), soci::use(id);
}

bool IsInSubtree(db::Session& s, Id root, Id candidate) {
  int n = 0;
  s.sql() << "SELECT COUNT(*) FROM unit_closure WHERE ancestor_id = :r AND descendant_id = :c",
      soci::use(root), soci::use(candidate), soci::into(n);
  return n > 0;
}

std::vector<TreeNode> VisibleTree(db::Session& s, const Principal& p, int max_depth) {
  int limit = max_depth < 0 ? 1 << 20 : max_depth;
  std::vector<TreeNode> out;
  auto read = [&](soci::rowset<soci::row>& rs) {
    for (const auto& r : rs) {
      TreeNode n;
      n.id = db::Int(r, 0);
      n.parent_id = db::OptInt(r, 1);
      n.kind = db::Str(r, 2);
      n.name = db::Str(r, 3);
      n.region_code = db::Str(r, 4);
      n.depth = static_cast<int>(db::Int(r, 5));
      n.child_count = static_cast<int>(db::Int(r, 6));
      out.push_back(std::move(n));
    }
  };
  constexpr const char* kSelect =
      "SELECT u.id, u.parent_id, u.kind, u.name, u.region_code, v.depth, (SELECT COUNT(*) FROM "
      "units ch WHERE ch.parent_id = u.id) FROM units u JOIN ";
  if (p.is_sysadmin) {
    soci::rowset<soci::row> rs =
        (s.sql().prepare << kSelect
                         << "(SELECT descendant_id AS id, MAX(depth) AS depth FROM unit_closure "
                            "GROUP BY descendant_id) v ON v.id = u.id WHERE v.depth <= :lim "
                            "ORDER BY v.depth, u.sort_order, u.id",
         soci::use(limit));
    read(rs);
  } else {
    soci::rowset<soci::row> rs =
        (s.sql().prepare << kSelect
                         << "(SELECT c.descendant_id AS id, MIN(c.depth) AS depth FROM "
                            "unit_closure c JOIN grants g ON g.unit_id = c.ancestor_id WHERE "
                            "g.user_id = :uid GROUP BY c.descendant_id) v ON v.id = u.id WHERE "
                            "v.depth <= :lim ORDER BY v.depth, u.sort_order, u.id",
         soci::use(p.user_id), soci::use(limit));
    read(rs);
  }
  return out;
}

}  // namespace vw::org::store
