#include <spdlog/spdlog.h>

#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "core/json.h"
#include "imports/import_common.h"
#include "imports/imports.h"
#include "org/scope.h"

namespace vw::imports {
namespace {

namespace json = boost::json;
using detail::Cell;
using detail::CheckSize;
using detail::Column;
using detail::Layout;
using detail::MapHeader;
using detail::ParseCount;
using detail::RunImport;
using detail::SplitList;
using detail::UnitFinder;
using detail::WithTitle;

const std::vector<Column>& UnitColumns() {
  static const auto* columns = new std::vector<Column>{
      {"单位名称", "name", true, {"名称"}, "示例职业技术学院"},
      {"单位类型", "kind", true, {"类型"}, "高等职业学校（含职业本科）"},
      {"上级单位", "parent_id", false, {"上级单位名称"}, "四川省教育厅"},
      {"简称", "short_name", false, {"单位简称"}, "示例职院"},
      {"行政区划代码", "region_code", false, {"区划代码"}, "510100"},
      {"学校代码", "moe_code", false, {"学校标识码"}, "4151010901"},
      {"在校生数", "enrolled_students", false, {"在校学生数", "学生数"}, "12000"},
      {"教职工数", "staff_count", false, {"教职工人数"}, "600"},
      {"联系人", "contact_person", false, {}, "张老师"},
      {"联系电话", "contact_phone", false, {"电话"}, "028-12345678"},
      {"地址", "address", false, {"通讯地址"}, "四川省成都市示例路1号"},
      {"网址", "website", false, {"网站"}, "https://www.example.edu.cn"},
  };
  return *columns;
}

const std::vector<Column>& UserColumns() {
  static const auto* columns = new std::vector<Column>{
      {"用户名", "username", true, {"账号", "登录名"}, "zhangsan"},
      {"姓名", "display_name", true, {}, "张三"},
      {"所属单位", "unit_id", true, {"单位"}, "智能制造学院"},
      {"角色", "grants", false, {}, "活动组织者、宣传专员"},
      {"初始密码", "password", true, {"密码"}, "Init2025x"},
      {"职务", "position", false, {}, "学院秘书"},
      {"手机号", "mobile", false, {"手机", "手机号码"}, "13800000000"},
      {"电子邮箱", "email", false, {"邮箱"}, "zhangsan@example.edu.cn"},
  };
  return *columns;
}

// Kind names carry full-width brackets that people type half-width.
std::string NormaliseKindName(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') {
      out += "（";
    } else if (s[i] == ')') {
      out += "）";
    } else if (s[i] != ' ') {
      out.push_back(s[i]);
    }
  }
  return out;
}

Result<std::string> ResolveKind(const std::vector<org::UnitKind>& kinds, const std::string& text) {
  if (text.empty()) return Error::Invalid("单位类型", "请填写单位类型");
  std::string wanted = NormaliseKindName(text);
  std::string names;
  for (const auto& k : kinds) {
    if (text == k.code || wanted == NormaliseKindName(k.name)) return k.code;
    names += (names.empty() ? "" : "、") + k.name;
  }
  return Error::Invalid("单位类型",
                        "单位类型“" + tables::Excerpt(text) + "”不存在，可选：" + names);
}

std::optional<Role> RoleFromText(const std::string& text) {
  std::string code;
  for (char c : text) code.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  if (auto r = ParseRole(code)) return r;
  for (Role r : kAllRoles) {
    if (text == RoleName(r)) return r;
  }
  // Words the notices and schools use for the same roles.
  static const auto* synonyms = new std::map<std::string, Role>{
      {"管理员", Role::kUnitAdmin}, {"审核人", Role::kReviewer},
      {"宣传员", Role::kPublicity}, {"宣传专人", Role::kPublicity},
      {"组织者", Role::kOrganiser}, {"活动组织人", Role::kOrganiser},
      {"查看员", Role::kViewer},    {"只读", Role::kViewer}};
  if (auto it = synonyms->find(text); it != synonyms->end()) return it->second;
  return std::nullopt;
}

std::string RoleChoices() {
  std::string names;
  for (Role r : kAllRoles) names += std::string(names.empty() ? "" : "、") + RoleName(r);
  return names;
}

// Excel shows long numbers as 1.38E+10 and saves them so in CSV files.
bool LooksLikeScientific(const std::string& s) {
  return s.find_first_of("Ee") != std::string::npos && s.find('+') != std::string::npos &&
         s.find_first_not_of("0123456789.Ee+") == std::string::npos;
}

bool CanImport(const Principal& p) {
  return p.is_sysadmin || p.HasRoleAnywhere({Role::kUnitAdmin});
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

std::string TemplateCsv(const std::vector<Column>& columns) {
  std::string header, example;
  for (const auto& c : columns) {
    header += (header.empty() ? "" : ",") + CsvField(c.title);
    example += (&c == &columns.front() ? "" : ",") + CsvField(c.example);
  }
  return "\xEF\xBB\xBF" + header + "\r\n" + example + "\r\n";
}

}  // namespace

json::object ToJson(const ImportReport& r) {
  json::array errors;
  for (const auto& e : r.errors) {
    errors.push_back(json::object{{"row", e.row}, {"field", e.field}, {"message", e.message}});
  }
  return {
      {"valid", r.valid}, {"rows", r.rows}, {"created", r.created}, {"errors", std::move(errors)}};
}

std::string UnitTemplateCsv() { return TemplateCsv(UnitColumns()); }
std::string UserTemplateCsv() { return TemplateCsv(UserColumns()); }

Result<ImportReport> ImportService::ImportUnits(const Principal& p, const tables::Table& table,
                                                bool dry_run) {
  if (!CanImport(p)) return Error::Forbidden("只有单位管理员可以批量导入单位");
  const auto& columns = UnitColumns();
  Layout layout = MapHeader(table.header, columns);
  if (!layout.errors.empty()) {
    ImportReport report;
    report.rows = static_cast<int>(table.rows.size());
    report.errors = std::move(layout.errors);
    return report;
  }
  VW_RETURN_IF_ERROR(CheckSize(table, kMaxUnitRows, "个单位"));

  // Where each name first appears, to explain references to rows below or
  // to rows that failed.
  std::map<std::string, int> row_of_name;
  for (const auto& row : table.rows) row_of_name.emplace(Cell(layout, row, "单位名称"), row.number);
  std::map<std::string, int> failed_rows;                  // name → its failed row
  std::map<std::pair<Id, std::string>, int> created_rows;  // (parent, name) → row
  std::optional<std::vector<org::UnitKind>> kinds;

  auto import_row = [&](db::Session& s, const tables::Row& row) -> Status {
    if (!kinds) kinds = org::UnitService::LoadKinds(s);
    std::string name = Cell(layout, row, "单位名称");
    auto fail = [&](Error e) -> Status {
      if (!name.empty()) failed_rows.emplace(name, row.number);
      return e;
    };
    if (name.empty()) return Error::Invalid("单位名称", "请填写单位名称");
    auto kind = ResolveKind(*kinds, Cell(layout, row, "单位类型"));
    if (!kind) return fail(kind.error());
    auto students = ParseCount(Cell(layout, row, "在校生数"), "在校生数");
    if (!students) return fail(students.error());
    auto staff = ParseCount(Cell(layout, row, "教职工数"), "教职工数");
    if (!staff) return fail(staff.error());

    std::string parent_name = Cell(layout, row, "上级单位");
    std::string parent_shown = tables::Excerpt(parent_name);
    std::optional<Id> parent;
    if (!parent_name.empty()) {
      auto found = UnitFinder(s, p).Find(parent_name);
      if (!found) {
        std::string message = found.error().message;
        if (auto f = failed_rows.find(parent_name); f != failed_rows.end()) {
          message = "上级单位“" + parent_shown + "”（第 " + std::to_string(f->second) +
                    " 行）有错误，未能创建";
        } else if (auto r = row_of_name.find(parent_name);
                   r != row_of_name.end() && r->second > row.number) {
          message = "上级单位“" + parent_shown + "”在第 " + std::to_string(r->second) +
                    " 行，请把它移到本行之前";
        } else if (found.error().code == ErrorCode::kNotFound) {
          message = "上级单位“" + parent_shown + "”不存在";
        }
        return fail(Error::Invalid("上级单位", message));
      }
      parent = *found;
    }
    auto key = std::make_pair(parent.value_or(0), name);
    if (auto dup = created_rows.find(key); dup != created_rows.end()) {
      return fail(Error::Conflict(
          "与第 " + std::to_string(dup->second) + " 行重复：同一上级单位下不能有同名单位",
          "单位名称"));
    }

    json::object body{{"name", name},
                      {"kind", *kind},
                      {"short_name", Cell(layout, row, "简称")},
                      {"region_code", Cell(layout, row, "行政区划代码")},
                      {"moe_code", Cell(layout, row, "学校代码")},
                      {"enrolled_students", *students},
                      {"staff_count", *staff},
                      {"contact_person", Cell(layout, row, "联系人")},
                      {"contact_phone", Cell(layout, row, "联系电话")},
                      {"address", Cell(layout, row, "地址")},
                      {"website", Cell(layout, row, "网址")}};
    if (parent) body["parent_id"] = *parent;
    auto input = org::ParseUnitInput(body);
    if (!input) return fail(WithTitle(input.error(), columns));
    auto unit = units_.CreateIn(s, p, *input);
    if (!unit) {
      Error e = unit.error();
      if (e.code == ErrorCode::kForbidden) {
        e.field = "上级单位";
        if (parent) {
          e.message = "您不是“" + parent_shown + "”或其上级单位的单位管理员，不能在其下新建单位";
        }
        return fail(std::move(e));
      }
      return fail(WithTitle(std::move(e), columns));
    }
    created_rows.emplace(key, row.number);
    return Ok();
  };
  return RunImport(db_, p, table, dry_run, "units", import_row);
}

Result<ImportReport> ImportService::ImportUsers(const Principal& p, const tables::Table& table,
                                                bool dry_run) {
  if (!CanImport(p)) return Error::Forbidden("只有单位管理员可以批量导入用户");
  const auto& columns = UserColumns();
  Layout layout = MapHeader(table.header, columns);
  if (!layout.errors.empty()) {
    ImportReport report;
    report.rows = static_cast<int>(table.rows.size());
    report.errors = std::move(layout.errors);
    return report;
  }
  VW_RETURN_IF_ERROR(CheckSize(table, kMaxUserRows, "个用户"));

  // What each row creates once checked, its password not yet hashed.
  std::map<const tables::Row*, auth::UserInput> inputs;
  std::map<std::string, int> rows_of_username;  // username → its row

  auto check_row = [&](db::Session& s, const tables::Row& row) -> Status {
    std::string unit_name = Cell(layout, row, "所属单位");
    if (unit_name.empty()) return Error::Invalid("所属单位", "请填写所属单位");
    auto unit = UnitFinder(s, p).Find(unit_name);
    if (!unit) return Error::Invalid("所属单位", unit.error().message);

    std::string mobile = Cell(layout, row, "手机号");
    if (LooksLikeScientific(mobile)) {
      return Error::Invalid("手机号",
                            "手机号被 Excel 显示成了科学计数法（" + tables::Excerpt(mobile) +
                                "），请把该列设为“文本”格式后重新填写，或上传 .xlsx 文件");
    }
    json::object body{{"username", Cell(layout, row, "用户名")},
                      {"password", Cell(layout, row, "初始密码")},
                      {"display_name", Cell(layout, row, "姓名")},
                      {"position", Cell(layout, row, "职务")},
                      {"mobile", mobile},
                      {"email", Cell(layout, row, "电子邮箱")},
                      {"unit_id", *unit}};
    auto input = auth::ParseUserInput(body, /*creating=*/true);
    if (!input) return WithTitle(input.error(), columns);
    if (auto dup = rows_of_username.find(input->username); dup != rows_of_username.end()) {
      return Error::Conflict(
          "与第 " + std::to_string(dup->second) + " 行的用户名“" + input->username + "”重复",
          "用户名");
    }
    rows_of_username.emplace(input->username, row.number);

    std::set<Role> roles;
    for (const auto& text : SplitList(Cell(layout, row, "角色"))) {
      auto role = RoleFromText(text);
      if (!role) {
        return Error::Invalid("角色",
                              "角色“" + tables::Excerpt(text) + "”不存在，可选：" + RoleChoices());
      }
      if (roles.insert(*role).second) input->grants.push_back({*unit, *role});
    }
    // Scope, grants and taken usernames as the real insert checks them; the
    // row is rolled back with the whole check.
    input->password_hash = "checked only, rolled back";
    auto user = users_.CreateIn(s, p, *input);
    if (!user) return WithTitle(user.error(), columns);
    input->password_hash.clear();
    inputs.emplace(&row, std::move(*input));
    return Ok();
  };
  ImportReport checked = RunImport(db_, p, table, /*dry_run=*/true, "users", check_row);
  if (!checked.valid || dry_run) return checked;

  // Every row passed: only now is any password hashed, before the write
  // transaction opens, so the database is never locked while hashing.
  for (auto& [row, input] : inputs) input.password_hash = hasher_(input.password);
  auto write_row = [&](db::Session& s, const tables::Row& row) -> Status {
    auto user = users_.CreateIn(s, p, inputs.at(&row));
    if (!user) return WithTitle(user.error(), columns);
    return Ok();
  };
  return RunImport(db_, p, table, /*dry_run=*/false, "users", write_row);
}

}  // namespace vw::imports
