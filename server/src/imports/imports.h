// Importing units and users from spreadsheets, all or nothing.
//
// The header row names the columns in Chinese (templates are served at
// /api/imports/templates/*.csv). Every data row is validated and created
// through the same service calls as the API (UnitService::CreateIn,
// UserService::CreateIn), so the import obeys the same rules and the same
// scope: a row under a unit outside the caller's grants is an error of that
// row. Everything runs in one transaction; it is committed only when no row
// has an error and it is not a dry run, so a bad file writes nothing. Rows
// may refer to units created by earlier rows of the same file.
// Thread-safe; each call uses its own session.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "export/table_reader.h"
#include "http/router.h"
#include "org/org.h"

namespace vw::imports {

struct RowError {
  int row = 0;        // spreadsheet row number (1 = the header)
  std::string field;  // Chinese column title, empty for the whole row
  std::string message;
};

struct ImportReport {
  bool valid = false;
  int rows = 0;     // data rows read
  int created = 0;  // records written (0 for a dry run or an invalid file)
  std::vector<RowError> errors;
};

boost::json::object ToJson(const ImportReport& report);

class ImportService {
 public:
  ImportService(db::Database& db, org::UnitService& units, auth::UserService& users)
      : db_(db), units_(units), users_(users) {}

  // Columns: 单位名称*, 单位类型*, 上级单位, 简称, 行政区划代码, 学校代码, 在校生数,
  // 教职工数, 联系人, 联系电话, 地址, 网址.
  Result<ImportReport> ImportUnits(const Principal& p, const tables::Table& table, bool dry_run);
  // Columns: 用户名*, 姓名*, 所属单位*, 初始密码*, 角色, 职务, 手机号, 电子邮箱.
  // Roles (Chinese names or codes, separated by 、 , ；) are granted on the user's unit.
  Result<ImportReport> ImportUsers(const Principal& p, const tables::Table& table, bool dry_run);

 private:
  db::Database& db_;
  org::UnitService& units_;
  auth::UserService& users_;
};

// POST /api/imports/units and /api/imports/users (?dry_run=1), the body being
// the raw file; GET /api/imports/templates/{units,users}.csv.
void RegisterImportRoutes(http::Router& router, ImportService& imports);

}  // namespace vw::imports
