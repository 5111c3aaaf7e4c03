// Helpers shared by the importers (units, users, activities): header
// mapping, cell access, unit lookup by name and the all-or-nothing run.
// Internal to the imports library.
#pragma once

#include <spdlog/spdlog.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/principal.h"
#include "db/database.h"
#include "export/table_reader.h"
#include "imports/imports.h"
#include "org/scope.h"

namespace vw::imports::detail {

struct Column {
  std::string title;  // as in the template
  std::string field;  // the API field that service errors name
  bool required = false;
  std::vector<std::string> aliases;  // other titles people use for it
  std::string example;               // the template's example row
};

// Template title → index of its column in the file.
struct Layout {
  std::map<std::string, std::size_t> index;
  std::vector<RowError> errors;  // all on the header row
};

// Maps the header row to the columns; problems are errors of the header row.
Layout MapHeader(const tables::Row& header, const std::vector<Column>& columns);

// The trimmed text of a column in a row ("" when the column or cell is missing).
std::string Cell(const Layout& l, const tables::Row& row, const std::string& title);

// A service error whose field is an API name, renamed to the column's title.
Error WithTitle(Error e, const std::vector<Column>& columns);

// "1,200" and "1200" alike; empty is 0; errors name `title`.
Result<std::int64_t> ParseCount(const std::string& text, const std::string& title);

// Splits on , ; 、 ， ； and spaces (ASCII and U+3000).
std::vector<std::string> SplitList(const std::string& s);

// A table with data rows, at most `max_rows` of them; `what` counts them
// in the message ("个用户").
Status CheckSize(const tables::Table& table, std::size_t max_rows, const char* what);

// The message for a statement that failed mid-import; the transaction is
// unusable after it on PostgreSQL, so the import stops.
std::string StoppedMessage(const std::exception& e);

// Finds units named in a file, inside the import's transaction (so units
// created by earlier rows are found too).
class UnitFinder {
 public:
  UnitFinder(db::Session& s, const Principal& p) : s_(s), p_(p) {}

  // The unit called `text`, or at the end of the path "学校/学院". Among
  // units sharing a name, the one the caller administers. kNotFound when
  // there is none; kInvalidArgument when the name stays ambiguous.
  Result<Id> Find(const std::string& text) {
    std::vector<Id> ids = Named(text, std::nullopt);
    if (ids.empty()) return FindPath(text);
    if (ids.size() == 1) return ids.front();
    std::vector<Id> mine;
    for (Id id : ids) {
      if (Administers(id)) mine.push_back(id);
    }
    if (mine.size() == 1) return mine.front();
    // None administered: the first one, so that the scope check explains.
    if (mine.empty()) return ids.front();
    return Error::Invalid("", "有 " + std::to_string(mine.size()) + " 个名为“" +
                                  tables::Excerpt(text) + "”的单位，请写成“上级单位/" +
                                  tables::Excerpt(text) + "”");
  }

 private:
  Result<Id> FindPath(const std::string& text) {
    std::vector<std::string> parts;
    std::string cur;
    for (std::size_t i = 0; i <= text.size();) {
      bool slash = i < text.size() && text[i] == '/';
      bool wide = i < text.size() && text.compare(i, 3, "／") == 0;
      if (i == text.size() || slash || wide) {
        std::string part = TrimSpaces(cur);
        if (!part.empty()) parts.push_back(std::move(part));
        cur.clear();
        i += wide ? 3 : 1;
      } else {
        cur.push_back(text[i++]);
      }
    }
    if (parts.size() < 2) return Error::NotFound("单位“" + tables::Excerpt(text) + "”不存在");
    auto unit = Find(parts.front());
    if (!unit) return unit;
    for (std::size_t i = 1; i < parts.size(); ++i) {
      std::vector<Id> ids = Named(parts[i], *unit);
      if (ids.empty()) {
        return Error::NotFound("“" + tables::Excerpt(parts[i - 1]) + "”下没有名为“" +
                               tables::Excerpt(parts[i]) + "”的单位");
      }
      unit = ids.front();  // names are unique under one parent
    }
    return unit;
  }

  std::vector<Id> Named(const std::string& name, std::optional<Id> parent) {
    std::vector<Id> ids;
    Id parent_id = parent.value_or(0);
    int any_parent = parent ? 0 : 1;
    soci::rowset<soci::row> rs =
        (s_.sql().prepare << "SELECT id FROM units WHERE name = :n AND (:any = 1 OR parent_id = "
                             ":p) ORDER BY id",
         soci::use(name), soci::use(any_parent), soci::use(parent_id));
    for (const auto& r : rs) ids.push_back(db::Int(r, 0));
    return ids;
  }

  // Whether the caller holds unit_admin on the unit or above it, as
  // org::Scope decides for CreateIn.
  bool Administers(Id unit) {
    if (p_.is_sysadmin) return true;
    for (Id ancestor : org::Scope::AncestorsOf(s_, unit)) {
      for (const auto& g : p_.grants) {
        if (g.unit_id == ancestor && g.role == Role::kUnitAdmin) return true;
      }
    }
    return false;
  }

  db::Session& s_;
  const Principal& p_;
};

// Runs `import_row` on every row inside one transaction and commits when
// all rows succeeded and this is no dry run.
template <class ImportRow>
ImportReport RunImport(db::Database& db, const Principal& p, const tables::Table& table,
                       bool dry_run, const char* what, ImportRow&& import_row) {
  ImportReport report;
  report.rows = static_cast<int>(table.rows.size());
  db::Session s(db);
  db::Transaction tx(s);
  int created = 0;
  for (const auto& row : table.rows) {
    try {
      Status st = import_row(s, row);
      if (st) {
        ++created;
      } else {
        report.errors.push_back({row.number, st.error().field, st.error().message});
      }
    } catch (const std::exception& e) {
      spdlog::error("import {}: row {} failed [{}]: {}", what, row.number, p.request_id, e.what());
      report.errors.push_back({row.number, "", StoppedMessage(e)});
      break;
    }
  }
  report.valid = report.errors.empty();
  if (report.valid && !dry_run) {
    tx.Commit();
    report.created = created;
  }
  return report;
}

}  // namespace vw::imports::detail
