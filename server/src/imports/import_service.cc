#include <spdlog/spdlog.h>

#include <charconv>
#include <map>
#include <set>

#include "imports/imports.h"

namespace vw::imports {
namespace {

namespace json = boost::json;

struct Column {
  const char* title;
  const char* field;  // the API field the service reports errors with
  bool required;
};

const std::vector<Column> kUnitColumns = {
    {"单位名称", "name", true},
    {"单位类型", "kind", true},
    {"上级单位", "parent_id", false},
    {"简称", "short_name", false},
    {"行政区划代码", "region_code", false},
    {"学校代码", "moe_code", false},
    {"在校生数", "enrolled_students", false},
    {"教职工数", "staff_count", false},
    {"联系人", "contact_person", false},
    {"联系电话", "contact_phone", false},
    {"地址", "address", false},
    {"网址", "website", false},
};

const std::vector<Column> kUserColumns = {
    {"用户名", "username", true},   {"姓名", "display_name", true}, {"所属单位", "unit_id", true},
    {"初始密码", "password", true}, {"角色", "grants", false},      {"职务", "position", false},
    {"手机号", "mobile", false},    {"电子邮箱", "email", false},
};

// Column title → index in the file; errors for unknown or missing columns.
struct Layout {
  std::map<std::string, std::size_t> index;
  std::vector<RowError> errors;
};

Layout MapHeader(const tables::Row& header, const std::vector<Column>& columns) {
  Layout l;
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    const std::string& title = header.cells[i];
    if (title.empty()) continue;
    bool known = false;
    for (const auto& c : columns) known = known || title == c.title;
    if (!known) {
      l.errors.push_back({header.number, title, "无法识别的列“" + title + "”，请使用导入模板"});
    } else if (l.index.count(title)) {
      l.errors.push_back({header.number, title, "列“" + title + "”重复"});
    } else {
      l.index[title] = i;
    }
  }
  for (const auto& c : columns) {
    if (c.required && !l.index.count(c.title)) {
      l.errors.push_back({header.number, c.title, std::string("缺少必填列“") + c.title + "”"});
    }
  }
  return l;
}

std::string Cell(const Layout& l, const tables::Row& row, const char* title) {
  auto it = l.index.find(title);
  if (it == l.index.end() || it->second >= row.cells.size()) return "";
  return row.cells[it->second];
}

// The Chinese column title for an API field named in a service error.
std::string TitleFor(const std::vector<Column>& columns, const std::string& field) {
  for (const auto& c : columns) {
    if (field == c.field) return c.title;
  }
  return field;
}

std::optional<std::int64_t> ParseCount(const std::string& s) {
  if (s.empty()) return 0;
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v < 0 || v > 10'000'000) {
    return std::nullopt;
  }
  return v;
}

std::vector<std::string> SplitRoles(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string t = TrimSpaces(cur);
    if (!t.empty()) out.push_back(t);
    cur.clear();
  };
  for (std::size_t i = 0; i < s.size();) {
    // Separators: , ; and the full-width 、，； (3 bytes each in UTF-8).
    if (s[i] == ',' || s[i] == ';') {
      flush();
      ++i;
    } else if (s.compare(i, 3, "、") == 0 || s.compare(i, 3, "，") == 0 ||
               s.compare(i, 3, "；") == 0) {
      flush();
      i += 3;
    } else {
      cur.push_back(s[i++]);
    }
  }
  flush();
  return out;
}

std::optional<Role> RoleFromText(const std::string& text) {
  if (auto r = ParseRole(text)) return r;
  for (Role r : kAllRoles) {
    if (text == RoleName(r)) return r;
  }
  return std::nullopt;
}

ImportReport Finish(db::Transaction& tx, ImportReport report, int created, bool dry_run) {
  report.valid = report.errors.empty();
  if (report.valid && !dry_run) {
    tx.Commit();
    report.created = created;
  }
  return report;
}

}  // namespace

json::object ToJson(const ImportReport& r) {
  json::array errors;
  for (const auto& e : r.errors) {
    errors.push_back({{"row", e.row}, {"field", e.field}, {"message", e.message}});
  }
  return {
      {"valid", r.valid}, {"rows", r.rows}, {"created", r.created}, {"errors", std::move(errors)}};
}

Result<ImportReport> ImportService::ImportUnits(const Principal& p, const tables::Table& table,
                                                bool dry_run) {
  ImportReport report;
  report.rows = static_cast<int>(table.rows.size());
  Layout layout = MapHeader(table.header, kUnitColumns);
  if (!layout.errors.empty()) {
    report.errors = std::move(layout.errors);
    return report;
  }
  if (table.rows.empty()) return Error::Invalid("file", "文件中只有表头，没有数据行");

  db::Session s(db_);
  db::Transaction tx(s);
  auto kinds = org::UnitService::LoadKinds(s);
  std::map<std::string, Id> created_ids;  // name → id, units of this file
  std::set<std::string> seen;
  int created = 0;
  for (const auto& row : table.rows) {
    auto fail = [&](const std::string& title, std::string message) {
      report.errors.push_back({row.number, title, std::move(message)});
    };
    org::UnitInput in;
    in.name = Cell(layout, row, "单位名称");
    std::string kind = Cell(layout, row, "单位类型");
    std::string parent = Cell(layout, row, "上级单位");
    in.short_name = Cell(layout, row, "简称");
    in.region_code = Cell(layout, row, "行政区划代码");
    in.moe_code = Cell(layout, row, "学校代码");
    in.contact_person = Cell(layout, row, "联系人");
    in.contact_phone = Cell(layout, row, "联系电话");
    in.address = Cell(layout, row, "地址");
    in.website = Cell(layout, row, "网址");
    if (in.name.empty()) {
      fail("单位名称", "请填写单位名称");
      continue;
    }
    if (!seen.insert(parent + "\n" + in.name).second) {
      fail("单位名称", "文件中重复出现“" + in.name + "”");
      continue;
    }
    for (const auto& k : kinds) {
      if (kind == k.code || kind == k.name) in.kind = k.code;
    }
    if (in.kind.empty()) {
      fail("单位类型", kind.empty() ? "请填写单位类型" : "单位类型“" + kind + "”不存在");
      continue;
    }
    auto students = ParseCount(Cell(layout, row, "在校生数"));
    auto staff = ParseCount(Cell(layout, row, "教职工数"));
    if (!students) {
      fail("在校生数", "在校生数应为不小于0的整数");
      continue;
    }
    if (!staff) {
      fail("教职工数", "教职工数应为不小于0的整数");
      continue;
    }
    in.enrolled_students = *students;
    in.staff_count = *staff;
    if (!parent.empty()) {
      if (auto it = created_ids.find(parent); it != created_ids.end()) {
        in.parent_id = it->second;
      } else if (auto u = org::UnitService::FindByName(s, parent)) {
        in.parent_id = u->id;
      } else {
        fail("上级单位", "上级单位“" + parent + "”不存在");
        continue;
      }
    }
    try {
      auto unit = units_.CreateIn(s, p, in);
      if (!unit) {
        fail(TitleFor(kUnitColumns, unit.error().field), unit.error().message);
        continue;
      }
      created_ids[in.name] = unit->id;
      ++created;
    } catch (const std::exception& e) {
      // A failed statement aborts a PostgreSQL transaction: stop here.
      spdlog::error("import units row {}: {}", row.number, e.what());
      fail("", "写入失败，导入已停止，请检查该行数据");
      break;
    }
  }
  return Finish(tx, std::move(report), created, dry_run);
}

Result<ImportReport> ImportService::ImportUsers(const Principal& p, const tables::Table& table,
                                                bool dry_run) {
  ImportReport report;
  report.rows = static_cast<int>(table.rows.size());
  Layout layout = MapHeader(table.header, kUserColumns);
  if (!layout.errors.empty()) {
    report.errors = std::move(layout.errors);
    return report;
  }
  if (table.rows.empty()) return Error::Invalid("file", "文件中只有表头，没有数据行");

  db::Session s(db_);
  db::Transaction tx(s);
  std::set<std::string> seen;
  int created = 0;
  for (const auto& row : table.rows) {
    auto fail = [&](const std::string& title, std::string message) {
      report.errors.push_back({row.number, title, std::move(message)});
    };
    json::object body{{"username", Cell(layout, row, "用户名")},
                      {"password", Cell(layout, row, "初始密码")},
                      {"display_name", Cell(layout, row, "姓名")},
                      {"position", Cell(layout, row, "职务")},
                      {"mobile", Cell(layout, row, "手机号")},
                      {"email", Cell(layout, row, "电子邮箱")},
                      {"unit_id", 1}};
    std::string unit_name = Cell(layout, row, "所属单位");
    if (unit_name.empty()) {
      fail("所属单位", "请填写所属单位");
      continue;
    }
    auto unit = org::UnitService::FindByName(s, unit_name);
    if (!unit) {
      fail("所属单位", "单位“" + unit_name + "”不存在");
      continue;
    }
    body["unit_id"] = unit->id;
    auto input = auth::ParseUserInput(body, /*creating=*/true);
    if (!input) {
      fail(TitleFor(kUserColumns, input.error().field), input.error().message);
      continue;
    }
    if (!seen.insert(input->username).second) {
      fail("用户名", "文件中重复出现用户名“" + input->username + "”");
      continue;
    }
    bool roles_ok = true;
    for (const auto& text : SplitRoles(Cell(layout, row, "角色"))) {
      auto role = RoleFromText(text);
      if (!role) {
        fail("角色", "角色“" + text + "”不存在");
        roles_ok = false;
        break;
      }
      input->grants.push_back({unit->id, *role});
    }
    if (!roles_ok) continue;
    try {
      auto user = users_.CreateIn(s, p, *input);
      if (!user) {
        fail(TitleFor(kUserColumns, user.error().field), user.error().message);
        continue;
      }
      ++created;
    } catch (const std::exception& e) {
      spdlog::error("import users row {}: {}", row.number, e.what());
      fail("", "写入失败，导入已停止，请检查该行数据");
      break;
    }
  }
  return Finish(tx, std::move(report), created, dry_run);
}

}  // namespace vw::imports
