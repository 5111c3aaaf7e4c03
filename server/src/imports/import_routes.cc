#include "export/xlsx.h"
#include "http/reply.h"
#include "imports/imports.h"

namespace vw::imports {
namespace {

using http::Access;
using http::Param;
using http::RequestContext;
using http::Verb;

constexpr std::size_t kUploadLimit = 10u << 20;

// The uploaded file read within the import's budget (ImportLimits).
Result<tables::Table> ReadUpload(const RequestContext& ctx, std::size_t max_rows) {
  if (ctx.body().empty()) return Error::Invalid("file", "文件是空的");
  auto type = tables::DetectFileType(ctx.Header(http::beast_http::field::content_type),
                                     ctx.Header("X-File-Name"), ctx.body());
  if (!type) {
    return Error{ErrorCode::kUnsupportedMediaType,
                 "只支持 Excel 工作簿（.xlsx）或 CSV 文件；旧版 .xls 请在 Excel 中另存为 .xlsx",
                 "file"};
  }
  return tables::ReadTable(ctx.body(), *type, ImportLimits(max_rows));
}

Param DryRunParam() { return Param::Flag("dry_run", "只检查不写入"); }

}  // namespace

void RegisterImportRoutes(http::Router& router, ImportService& imports) {
  router.Add(Verb::post, "/api/imports/units",
             {.summary = "导入单位（请求体为 xlsx/csv 文件本身；dry_run=1 只检查不写入）",
              .tag = "imports",
              .body_limit = kUploadLimit,
              .offload = true,
              .query = {DryRunParam()}},
             [&imports](RequestContext& ctx) {
               VW_HTTP_TRY(table, ReadUpload(ctx, kMaxUnitRows));
               VW_HTTP_TRY(report,
                           imports.ImportUnits(ctx.principal(), table, ctx.QueryFlag("dry_run")));
               return http::JsonOk(ToJson(report));
             });
  router.Add(Verb::post, "/api/imports/users",
             {.summary = "导入用户（请求体为 xlsx/csv 文件本身；dry_run=1 只检查不写入）",
              .tag = "imports",
              .body_limit = kUploadLimit,
              .offload = true,
              .query = {DryRunParam()}},
             [&imports](RequestContext& ctx) {
               VW_HTTP_TRY(table, ReadUpload(ctx, kMaxUserRows));
               VW_HTTP_TRY(report,
                           imports.ImportUsers(ctx.principal(), table, ctx.QueryFlag("dry_run")));
               return http::JsonOk(ToJson(report));
             });
  router.Add(Verb::post, "/api/campaigns/{id}/activities/import",
             {.summary = "导入活动安排（请求体为 xlsx/csv 文件本身；unit_id 为默认主办单位；"
                         "dry_run=1 只检查不写入）",
              .tag = "activities",
              .body_limit = kUploadLimit,
              .offload = true,
              .query = {Param::Int("unit_id", "主办单位").Describe("行内未写主办单位时使用"),
                        DryRunParam()}},
             [&imports](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.QueryInt("unit_id"));
               VW_HTTP_TRY(table, ReadUpload(ctx, kMaxActivityRows));
               VW_HTTP_TRY(report, imports.ImportActivities(ctx.principal(), id, unit, table,
                                                            ctx.QueryFlag("dry_run")));
               return http::JsonOk(ToJson(report));
             });
  router.Add(Verb::get, "/api/campaigns/{id}/activities/import-template",
             {"下载活动导入模板（.xlsx，含本届主题日、类别和面向对象）", "activities"},
             [&imports](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(bytes, imports.ActivityTemplate(id));
               return http::Download(std::move(bytes), std::string(xlsx::kContentType),
                                     "活动导入模板.xlsx");
             });
  router.Add(Verb::get, "/api/imports/templates/units.csv",
             {"下载单位导入模板", "imports", Access::kUser}, [](RequestContext&) {
               return http::Download(UnitTemplateCsv(), "text/csv; charset=utf-8",
                                     "单位导入模板.csv");
             });
  router.Add(Verb::get, "/api/imports/templates/users.csv",
             {"下载用户导入模板", "imports", Access::kUser}, [](RequestContext&) {
               return http::Download(UserTemplateCsv(), "text/csv; charset=utf-8",
                                     "用户导入模板.csv");
             });
}

}  // namespace vw::imports
