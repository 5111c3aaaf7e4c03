#include <boost/url.hpp>

#include "audit/audit.h"
#include "core/json.h"
#include "core/time.h"
#include "db/change_signals.h"
#include "org/org.h"
#include "org/unit_store.h"

namespace vw::org {
namespace {

namespace json = boost::json;

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// GB/T 2260 province-level codes.
bool IsProvinceCode(std::string_view two) {
  static constexpr std::string_view kCodes[] = {
      "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
      "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
      "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"};
  for (auto c : kCodes) {
    if (c == two) return true;
  }
  return false;
}

json::object ToAuditJson(const UnitInput& in) {
  json::object o;
  o["parent_id"] = in.parent_id ? json::value(*in.parent_id) : nullptr;
  o["kind"] = in.kind;
  o["name"] = in.name;
  o["short_name"] = in.short_name;
  o["region_code"] = in.region_code;
  o["moe_code"] = in.moe_code;
  o["enrolled_students"] = in.enrolled_students;
  o["staff_count"] = in.staff_count;
  o["contact_person"] = in.contact_person;
  o["contact_phone"] = in.contact_phone;
  o["address"] = in.address;
  o["website"] = in.website;
  o["sort_order"] = in.sort_order;
  o["active"] = in.active;
  return o;
}

UnitInput InputOf(const Unit& u) {
  UnitInput in;
  in.parent_id = u.parent_id;
  in.kind = u.kind;
  in.name = u.name;
  in.short_name = u.short_name;
  in.region_code = u.region_code;
  in.moe_code = u.moe_code;
  in.enrolled_students = u.enrolled_students;
  in.staff_count = u.staff_count;
  in.contact_person = u.contact_person;
  in.contact_phone = u.contact_phone;
  in.address = u.address;
  in.website = u.website;
  in.sort_order = u.sort_order;
  in.active = u.active;
  return in;
}

// A stale version, or a concurrent writer that changed the unit first.
Error StaleUnit() { return Error::Conflict("该单位的信息已被他人修改，请刷新后重试", "version"); }

}  // namespace

Result<UnitInput> ParseUnitInput(const json::object& body) {
  FieldReader in(body);
  UnitInput u;
  u.parent_id = in.OptionalInt("parent_id", "上级单位", 1, INT64_MAX);
  u.kind = in.RequiredString("kind", "单位类型", 40);
  u.name = in.RequiredString("name", "单位名称", 100);
  u.short_name = in.String("short_name", "简称", 40);
  u.region_code = in.String("region_code", "行政区划代码", 6);
  u.moe_code = in.String("moe_code", "学校标识码", 10);
  u.enrolled_students =
      in.OptionalInt("enrolled_students", "在校学生数", 0, 10'000'000).value_or(0);
  u.staff_count = in.OptionalInt("staff_count", "教职工数", 0, 1'000'000).value_or(0);
  u.contact_person = in.String("contact_person", "联系人", 40);
  u.contact_phone = in.String("contact_phone", "联系电话", 30);
  u.address = in.String("address", "地址", 200);
  u.website = in.String("website", "网站", 300);
  u.sort_order = static_cast<int>(in.OptionalInt("sort_order", "排序", 0, 1'000'000).value_or(0));
  u.active = in.Bool("active", "是否启用", true);
  VW_RETURN_IF_ERROR(in.status());
  return u;
}

Status ValidateMoeCode(std::string_view code, std::string_view region_code) {
  if (code.size() != 10 || !AllDigits(code)) {
    return Error::Invalid("moe_code", "学校标识码应为10位数字");
  }
  std::string_view province = code.substr(2, 2);
  if (!IsProvinceCode(province)) {
    return Error::Invalid("moe_code", "学校标识码第3-4位应为省级行政区划代码");
  }
  if (region_code.size() >= 2 && region_code.substr(0, 2) != province) {
    return Error::Invalid("moe_code", "学校标识码中的省份代码与单位所在地区不一致");
  }
  return Ok();
}

json::object ToJson(const Unit& u) {
  json::object o;
  o["id"] = u.id;
  o["parent_id"] = u.parent_id ? json::value(*u.parent_id) : nullptr;
  o["kind"] = u.kind;
  o["name"] = u.name;
  o["short_name"] = u.short_name;
  o["region_code"] = u.region_code;
  o["moe_code"] = u.moe_code;
  o["enrolled_students"] = u.enrolled_students;
  o["staff_count"] = u.staff_count;
  o["contact_person"] = u.contact_person;
  o["contact_phone"] = u.contact_phone;
  o["address"] = u.address;
  o["website"] = u.website;
  o["sort_order"] = u.sort_order;
  o["active"] = u.active;
  o["version"] = u.version;
  o["created_at"] = timeutil::UtcToApi(u.created_at);
  o["updated_at"] = timeutil::UtcToApi(u.updated_at);
  return o;
}

json::object ToJson(const UnitKind& k) {
  json::object o;
  o["code"] = k.code;
  o["name"] = k.name;
  o["category"] = k.category;
  o["reports_forms"] = k.reports_forms;
  json::array parents;
  for (const auto& p : k.parent_kinds) parents.emplace_back(p);
  o["parent_kinds"] = std::move(parents);
  return o;
}

std::vector<UnitKind> UnitService::Kinds() {
  db::Session s(db_);
  return store::LoadKinds(s);
}

std::vector<UnitKind> UnitService::LoadKinds(db::Session& s) { return store::LoadKinds(s); }

std::vector<Region> UnitService::Regions() {
  db::Session s(db_);
  return store::LoadRegions(s);
}

std::vector<TreeNode> UnitService::VisibleTree(const Principal& p, int max_depth) {
  db::Session s(db_);
  return store::VisibleTree(s, p, max_depth);
}

std::optional<Unit> UnitService::Load(db::Session& s, Id id) { return store::LoadUnit(s, id); }

std::optional<Unit> UnitService::FindByName(db::Session& s, std::string_view name) {
  return store::FindUnitByName(s, name);
}

Result<Unit> UnitService::Get(const Principal& p, Id id) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, id));
  auto unit = store::LoadUnit(s, id);
  if (!unit) return Error::NotFound("单位不存在");
  return *unit;
}

Result<std::vector<Unit>> UnitService::Children(const Principal& p, Id id) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, id));
  return store::LoadChildren(s, id);
}

Status UnitService::Validate(db::Session& s, const UnitInput& in, std::optional<Id> self_id) {
  auto kinds = store::LoadKinds(s);
  const UnitKind* kind = nullptr;
  for (const auto& k : kinds) {
    if (k.code == in.kind) kind = &k;
  }
  if (!kind) return Error::Invalid("kind", "单位类型“" + in.kind + "”不存在");

  if (kind->parent_kinds.empty()) {
    if (in.parent_id) {
      return Error::Invalid("parent_id", kind->name + "是最高一级单位，不能设置上级单位");
    }
  } else {
    if (!in.parent_id) return Error::Invalid("parent_id", "请选择上级单位");
    auto parent = store::LoadUnit(s, *in.parent_id);
    if (!parent) return Error::Invalid("parent_id", "上级单位不存在");
    bool allowed = false;
    for (const auto& pk : kind->parent_kinds) allowed = allowed || pk == parent->kind;
    if (!allowed) {
      std::string names;
      for (const auto& pk : kind->parent_kinds) {
        for (const auto& k : kinds) {
          if (k.code == pk) names += (names.empty() ? "" : "、") + k.name;
        }
      }
      return Error::Invalid("parent_id", kind->name + "的上级单位应为" + names);
    }
    if (self_id && store::IsInSubtree(s, *self_id, *in.parent_id)) {
      return Error::Invalid("parent_id", "不能把单位移到它自己的下级单位之下");
    }
  }
  if (store::NameTaken(s, in.parent_id, in.name, self_id)) {
    return Error::Conflict("同一上级单位下已有名为“" + in.name + "”的单位", "name");
  }
  if (!in.region_code.empty()) {
    if (in.region_code.size() != 6 || !AllDigits(in.region_code)) {
      return Error::Invalid("region_code", "行政区划代码应为6位数字");
    }
    if (in.region_code.substr(0, 2) == "51" && !store::RegionExists(s, in.region_code)) {
      return Error::Invalid("region_code", "行政区划代码“" + in.region_code + "”不存在");
    }
  }
  if (!in.moe_code.empty()) {
    if (kind->category != "school") {
      return Error::Invalid("moe_code", "只有学校可以填写学校标识码");
    }
    VW_RETURN_IF_ERROR(ValidateMoeCode(in.moe_code, in.region_code));
    if (store::MoeCodeTaken(s, in.moe_code, self_id)) {
      return Error::Conflict("学校标识码“" + in.moe_code + "”已被其他学校使用", "moe_code");
    }
  }
  for (char c : in.contact_phone) {
    if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == ' ')) {
      return Error::Invalid("contact_phone", "联系电话只能包含数字、空格、+ 和 -");
    }
  }
  if (!in.website.empty()) {
    auto url = boost::urls::parse_absolute_uri(in.website);
    if (!url || (url->scheme() != "http" && url->scheme() != "https") || !url->has_authority()) {
      return Error::Invalid("website", "网站地址应以 http:// 或 https:// 开头");
    }
  }
  if (self_id) {
    // Children must still accept this unit as their parent.
    for (const auto& child : store::LoadChildren(s, *self_id)) {
      for (const auto& k : kinds) {
        if (k.code != child.kind) continue;
        bool ok = false;
        for (const auto& pk : k.parent_kinds) ok = ok || pk == in.kind;
        if (!ok) {
          return Error::Invalid("kind", "下级单位“" + child.name + "”不能隶属于该类型的单位");
        }
      }
    }
  }
  return Ok();
}

Result<Unit> UnitService::Create(const Principal& p, const UnitInput& input) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto unit = CreateIn(s, p, input);
  if (unit) tx.Commit();
  return unit;
}

Result<Unit> UnitService::CreateIn(db::Session& s, const Principal& p, const UnitInput& input) {
  if (input.parent_id) {
    if (!store::LoadUnit(s, *input.parent_id)) {
      return Error::Invalid("parent_id", "上级单位不存在");
    }
    VW_RETURN_IF_ERROR(scope_.Require(s, p, *input.parent_id, {Role::kUnitAdmin}));
  } else if (!p.is_sysadmin) {
    return Error::Forbidden("只有系统管理员可以创建最高一级单位");
  }
  VW_RETURN_IF_ERROR(Validate(s, input, std::nullopt));
  Id id = store::InsertUnit(s, input);
  audit::Record(s, p,
                {"create", "unit", id, id, "新建单位“" + input.name + "”", ToAuditJson(input)});
  return *store::LoadUnit(s, id);
}

Result<Unit> UnitService::Update(const Principal& p, Id id, int version, const UnitInput& input) {
  db::Session s(db_);
  db::Transaction tx(s);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, id, {Role::kUnitAdmin}));
  auto current = store::LoadUnit(s, id);
  if (!current) return Error::NotFound("单位不存在");
  if (current->version != version) return StaleUnit();
  bool moved = current->parent_id != input.parent_id;
  if (moved) {
    // Moving needs authority over where the unit leaves and where it goes.
    if (!p.is_sysadmin && (!current->parent_id || !input.parent_id)) {
      return Error::Forbidden("只有系统管理员可以调整最高一级单位");
    }
    if (current->parent_id) {
      VW_RETURN_IF_ERROR(scope_.Require(s, p, *current->parent_id, {Role::kUnitAdmin}));
    }
    if (input.parent_id) {
      VW_RETURN_IF_ERROR(scope_.Require(s, p, *input.parent_id, {Role::kUnitAdmin}));
    }
  }
  VW_RETURN_IF_ERROR(Validate(s, input, id));
  if (!store::UpdateUnit(s, id, version, input)) return StaleUnit();
  if (moved) store::MoveSubtree(s, id, input.parent_id);

  json::object before = ToAuditJson(InputOf(*current));
  json::object after = ToAuditJson(input);
  json::object changes;
  for (const auto& [k, v] : after) audit::Diff(changes, k, before[k], v);
  audit::Record(s, p, {"update", "unit", id, id, "修改单位“" + input.name + "”", changes});
  db::Bump(s, db::kProgrammeSignal);
  tx.Commit();
  if (on_change_) on_change_();
  return *store::LoadUnit(s, id);
}

}  // namespace vw::org
