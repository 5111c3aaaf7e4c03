// Importing units and users from spreadsheets, all or nothing.
//
// The header row names the columns in Chinese (templates are served at
// /api/imports/templates/{units,users}.csv; a trailing "*" or "（必填）" on a
// title and a few common synonyms are accepted). Every data row is parsed
// with the same rules as the API (org::ParseUnitInput, auth::ParseUserInput)
// and created through the same service calls (UnitService::CreateIn,
// UserService::CreateIn), so an import obeys the same validation and scope:
// a row under a unit outside the caller's unit_admin grants is an error of
// that row.
//
// Everything runs in one write transaction, so rows may refer to units that
// earlier rows of the same file created. It is committed only when no row has
// an error and it is not a dry run; otherwise it is rolled back and nothing is
// written. Duplicates are found by queries before inserting (a failed
// statement would abort the whole transaction on PostgreSQL); should a
// statement fail anyway, the import stops and reports it on that row.
//
// Units are named, not numbered, in files. A name that several units share
// (every school has a 教务处) resolves to the one inside the caller's
// unit_admin subtrees; where that is still ambiguous, the file can give a
// path: "四川科技职业学院/教务处".
//
// Thread-safe; each call uses its own database session.
#pragma once

#include <boost/json.hpp>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "activity/activity.h"
#include "auth/auth.h"
#include "export/table_reader.h"
#include "http/router.h"
#include "org/org.h"

namespace vw::imports {

struct RowError {
  int row = 0;        // spreadsheet row number as Excel shows it (the header is usually 1)
  std::string field;  // Chinese column title, empty when the error concerns the whole row
  std::string message;
};

struct ImportReport {
  bool valid = false;            // no errors: the file was (or, in a dry run, would be) imported
  int rows = 0;                  // data rows read
  int created = 0;               // records written (0 for a dry run or an invalid file)
  std::vector<RowError> errors;  // in row order; header problems come alone, on the header row
};

// The data rows one file may carry. The routes and the command line read
// files with ImportLimits, so the reader stops at the first row beyond; the
// services refuse a larger table whoever read it.
inline constexpr std::size_t kMaxUnitRows = 2000;
inline constexpr std::size_t kMaxUserRows = 1000;
inline constexpr std::size_t kMaxActivityRows = 2000;

// The reading budget of an import file: `max_rows` data rows, the
// reader's defaults for columns, cell length and decoded bytes.
inline tables::Limits ImportLimits(std::size_t max_rows) {
  tables::Limits limits;
  limits.max_rows = max_rows;
  return limits;
}

// {"valid", "rows", "created", "errors": [{"row", "field", "message"}]}
boost::json::object ToJson(const ImportReport& report);

class ImportService {
 public:
  // The services must outlive this object.
  ImportService(db::Database& db, org::UnitService& units, auth::UserService& users,
                activity::ActivityService& activities)
      : db_(db), units_(units), users_(users), activities_(activities) {}

  // Columns: 单位名称*, 单位类型* (unit_kinds name or code), 上级单位 (a unit
  // name or path, existing or on an earlier row), 简称, 行政区划代码, 学校代码,
  // 在校生数, 教职工数, 联系人, 联系电话, 地址, 网址.
  //
  // Returns a report, valid or not, for any readable table. Errors: kForbidden
  // when the caller is no unit administrator at all; kInvalidArgument (field
  // "file") for a table without data rows or over kMaxUnitRows. A broken
  // database throws, as everywhere.
  Result<ImportReport> ImportUnits(const Principal& p, const tables::Table& table, bool dry_run);

  // Columns: 用户名*, 姓名*, 所属单位* (a unit name or path), 初始密码*, 角色
  // (Chinese names or codes separated by 、 , ； or spaces, granted on the
  // user's own unit), 职务, 手机号, 电子邮箱. New users must change the
  // password at first login. Results and errors as ImportUnits (the row cap
  // is kMaxUserRows).
  //
  // A password costs ~110 ms and 64 MiB to hash (Argon2id), so nothing is
  // hashed until every row has passed: the whole file is first checked and
  // authorised (unit scope, grants, duplicates in the file and the
  // database) in a transaction that is rolled back. Only a valid file that
  // is no dry run has its passwords hashed, outside any transaction, and is
  // then written in a second transaction that checks every row again.
  // Takes rows × ~110 ms of one thread: the route runs off the I/O threads.
  Result<ImportReport> ImportUsers(const Principal& p, const tables::Table& table, bool dry_run);

  // A programme of activities for a campaign, created as drafts through
  // ActivityService::CreateIn (same validation and scope as the form).
  // Columns: 活动名称*, 主办单位 (a unit name or path; `default_unit` when
  // empty), 开始时间*, 结束时间* (local time as typed, or Excel date cells),
  // 主题日 (name, date or 第N天; from the start date when empty), 活动形式*
  // (校内/校外/线上), 活动地点, 线上链接, 活动类别, 活动标签, 面向对象 (names),
  // 人数上限, 是/否 columns 面向公众开放, 需要报名, 属于活动月, 特色活动, and
  // 组织者, 联系方式, 活动简介, 签约企业, 合作领域, 参会企业, 提供岗位数.
  // Needs unit_admin or organiser somewhere; each row is checked against the
  // caller's grants on its unit. At most kMaxActivityRows rows.
  Result<ImportReport> ImportActivities(const Principal& p, Id campaign_id,
                                        std::optional<Id> default_unit, const tables::Table& table,
                                        bool dry_run);
  // The .xlsx template: the columns with an example row, and a sheet listing
  // the campaign's theme days, categories and audiences.
  Result<std::string> ActivityTemplate(Id campaign_id);

  // Tests count the hashing of the users import through this (it is
  // auth::HashPassword otherwise). Not thread-safe: set before any import.
  using PasswordHasher = std::function<std::string(std::string_view)>;
  void SetPasswordHasherForTesting(PasswordHasher hasher) { hasher_ = std::move(hasher); }

 private:
  db::Database& db_;
  org::UnitService& units_;
  auth::UserService& users_;
  activity::ActivityService& activities_;
  PasswordHasher hasher_ = auth::HashPassword;
};

// The import templates: UTF-8 with BOM (Excel opens it as UTF-8), the header
// row and one example row.
std::string UnitTemplateCsv();
std::string UserTemplateCsv();

// POST /api/imports/units and /api/imports/users (?dry_run=1 or true), the
// body being the raw file (type from Content-Type, X-File-Name or the bytes;
// 415 for anything but xlsx/CSV); a report with row errors is still 200.
// Imports run off the I/O threads (RouteOptions::offload).
// GET /api/imports/templates/{units,users}.csv.
void RegisterImportRoutes(http::Router& router, ImportService& imports);

}  // namespace vw::imports
