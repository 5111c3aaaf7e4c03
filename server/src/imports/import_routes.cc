#include "http/reply.h"
#include "imports/imports.h"

namespace vw::imports {
namespace {

using http::Access;
using http::JsonError;
using http::RequestContext;
using http::Verb;

constexpr std::size_t kUploadLimit = 10u << 20;

Result<tables::Table> ReadUpload(RequestContext& ctx) {
  std::string_view type = ctx.Header(http::beast_http::field::content_type);
  std::string_view name = ctx.Header("X-File-Name");
  auto kind = tables::DetectFileType(type, name, ctx.body());
  if (!kind) {
    return Error{ErrorCode::kUnsupportedMediaType, "只支持 Excel（.xlsx）或 CSV 文件", "file"};
  }
  return tables::ReadTable(ctx.body(), *kind);
}

bool DryRun(RequestContext& ctx) {
  auto v = ctx.Query("dry_run");
  return v && (*v == "1" || *v == "true");
}

}  // namespace

void RegisterImportRoutes(http::Router& router, ImportService& imports) {
  router.Add(Verb::post, "/api/imports/units",
             {"导入单位（请求体为 xlsx/csv 文件；dry_run=1 只检查不写入）", "imports",
              Access::kUser, kUploadLimit},
             [&imports](RequestContext& ctx) {
               VW_HTTP_TRY(table, ReadUpload(ctx));
               VW_HTTP_TRY(report, imports.ImportUnits(ctx.principal(), table, DryRun(ctx)));
               return http::JsonOk(ToJson(report));
             });
  router.Add(Verb::post, "/api/imports/users",
             {"导入用户（请求体为 xlsx/csv 文件；dry_run=1 只检查不写入）", "imports",
              Access::kUser, kUploadLimit},
             [&imports](RequestContext& ctx) {
               VW_HTTP_TRY(table, ReadUpload(ctx));
               VW_HTTP_TRY(report, imports.ImportUsers(ctx.principal(), table, DryRun(ctx)));
               return http::JsonOk(ToJson(report));
             });
  router.Add(Verb::get, "/api/imports/templates/units.csv", {"单位导入模板", "imports"},
             [](RequestContext&) {
               return http::Download(
                   "\xEF\xBB\xBF单位名称,单位类型,上级单位,简称,行政区划代码,学校代码,在校生数,"
                   "教职工数,联系人,联系电话,地址,网址\r\n"
                   "示例职业学院,高等职业学校（含职业本科）,四川省教育厅,示例职院,510100,"
                   "4151010000,12000,600,张老师,028-00000000,成都市,https://www.example.edu.cn\r\n",
                   "text/csv; charset=utf-8", "单位导入模板.csv");
             });
  router.Add(Verb::get, "/api/imports/templates/users.csv", {"用户导入模板", "imports"},
             [](RequestContext&) {
               return http::Download(
                   "\xEF\xBB\xBF用户名,姓名,所属单位,初始密码,角色,职务,手机号,电子邮箱\r\n"
                   "zhangsan,张三,智能制造学院,Init2025x,活动组织者、宣传专员,学院秘书,"
                   "13800000000,zhangsan@example.edu.cn\r\n",
                   "text/csv; charset=utf-8", "用户导入模板.csv");
             });
}

}  // namespace vw::imports
