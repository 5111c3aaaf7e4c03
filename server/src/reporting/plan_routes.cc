// HTTP routes of the activity plan (plan_form.h): its document and the
// parent's merged list. The form itself goes through the routes of every
// form (submission_routes.cc, form "plan").
#include "core/json.h"
#include "http/reply.h"
#include "reporting/plan_form.h"
#include "reporting/reporting_routes.h"

namespace vw::reporting {

namespace json = boost::json;
using http::Access;
using http::JsonError;
using http::JsonOk;
using http::Param;
using http::RequestContext;
using http::Verb;

void RegisterPlanRoutes(http::Router& router, SubmissionService& forms) {
  router.Add(
      Verb::post, "/api/campaigns/{id}/submissions/plan/document",
      {.summary = "上传活动方案文件（请求体为 PDF 或 Word 文件，≤10 MB；version 为所编辑的版本）",
       .tag = "reporting",
       .access = Access::kUser,
       .body_limit = kMaxPlanDocumentBytes + 4096,
       .query = {Param::Int("unit_id", "单位").Required(),
                 Param::Int("version", "版本", 0).Required()}},
      [&forms](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
        VW_HTTP_TRY(version, ctx.RequiredQueryInt("version"));
        auto r = forms.UploadPlanDocument(ctx.principal(), id, unit, version,
                                          DecodedFileName(ctx.Header("X-File-Name")), ctx.body());
        if (!r) return JsonError(r.error());
        json::monotonic_resource arena;
        return JsonOk(ToJson(*r, ctx.Origin(), json::storage_ptr(&arena)));
      });
  router.Add(Verb::get, "/api/plan-documents/{id}", {"下载活动方案文件", "reporting"},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(file, forms.PlanDocumentOf(ctx.principal(), id));
               return http::Download(std::move(file.bytes), file.content_type, file.file_name);
             });
  router.Add(Verb::get, "/api/campaigns/{id}/board/plan/export",
             {.summary = "导出下级单位活动方案汇总表（xlsx；unit_id 为汇总单位）",
              .tag = "reporting",
              .offload = true,
              .query = {Param::Int("unit_id", "单位").Required()}},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               VW_HTTP_TRY(file, forms.PlanListExport(ctx.principal(), id, unit));
               return http::Download(std::move(file.bytes), file.content_type, file.file_name);
             });
}

}  // namespace vw::reporting
