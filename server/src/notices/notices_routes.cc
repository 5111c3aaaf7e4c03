// HTTP routes of the notices (notices_routes.h): parse, call the service, reply.
#include "notices/notices_routes.h"

#include <memory>

#include "http/reply.h"
#include "reporting/reporting_routes.h"

namespace vw::notices {
namespace {

using http::Access;
using http::Param;
using http::RequestContext;
using http::Verb;

http::Response Json(Result<json::value>&& r, unsigned status = 200) {
  return http::Reply(
      std::move(r), [](const json::value& v) { return v; }, status);
}

}  // namespace

void RegisterNoticeRoutes(http::Router& router, db::Database& db, const org::Scope& scope) {
  auto service = std::make_shared<NoticeService>(db, scope);
  router.Add(Verb::get, "/api/notices",
             {.summary = "本单位在活动周内起草和发布的通知，含签收情况",
              .tag = "notices",
              .query = {Param::Int("campaign_id", "活动周").Required(),
                        Param::Int("unit_id", "发文单位").Required()}},
             [service](RequestContext& ctx) {
               VW_HTTP_TRY(campaign, ctx.RequiredQueryInt("campaign_id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               return Json(service->List(ctx.principal(), campaign, unit));
             });
  router.Add(Verb::get, "/api/notices/inbox",
             {.summary = "收到的通知（下发给本人所在单位且已发布），含本单位签收情况",
              .tag = "notices",
              .query = {Param::Int("campaign_id", "活动周").Required()}},
             [service](RequestContext& ctx) {
               VW_HTTP_TRY(campaign, ctx.RequiredQueryInt("campaign_id"));
               return Json(service->Inbox(ctx.principal(), campaign));
             });
  router.Add(Verb::post, "/api/notices",
             {.summary = "起草通知（标题、文号、正文、下发范围、签收截止日期）", .tag = "notices"},
             [service](RequestContext& ctx) {
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(in, ReadNoticeInput(body, true));
               return Json(service->Create(ctx.principal(), in), 201);
             });
  router.Add(Verb::get, "/api/notices/{id}",
             {.summary = "一份通知：正文、附件、各下发单位的签收情况", .tag = "notices"},
             [service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               return Json(service->Get(ctx.principal(), id));
             });
  router.Add(Verb::put, "/api/notices/{id}",
             {.summary = "修改通知草稿（须带 version；已发布的通知不能修改）", .tag = "notices"},
             [service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(in, ReadNoticeInput(body, false));
               return Json(service->Update(ctx.principal(), id, in));
             });
  router.Add(Verb::delete_, "/api/notices/{id}",
             {.summary = "删除通知草稿（version 为所删除的版本）",
              .tag = "notices",
              .query = {Param::Int("version", "版本", 0).Required()}},
             [service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(version, ctx.RequiredQueryInt("version"));
               return Json(service->Delete(ctx.principal(), id, static_cast<int>(version)));
             });
  router.Add(Verb::post, "/api/notices/{id}/annexes",
             {.summary = "上传通知附件（请求体为 PDF、Word 或 Excel 文件，≤10 MB；仅草稿）",
              .tag = "notices",
              .body_limit = kMaxAnnexBytes + 4096,
              .offload = true},
             [service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               return Json(service->AddAnnex(ctx.principal(), id,
                                             reporting::DecodedFileName(ctx.Header("X-File-Name")),
                                             ctx.body()),
                           201);
             });
  router.Add(Verb::delete_, "/api/notices/{id}/annexes/{annex_id}",
             {.summary = "删除通知附件（仅草稿）", .tag = "notices"},
             [service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(annex, ctx.PathId("annex_id"));
               return Json(service->RemoveAnnex(ctx.principal(), id, annex));
             });
  router.Add(
      Verb::get, "/api/notice-annexes/{id}",
      {.summary = "下载通知附件（发文单位及下发单位的人员）", .tag = "notices", .offload = true},
      [service](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(file, service->Annex(ctx.principal(), id));
        return http::Download(std::move(file.bytes), file.content_type, file.file_name);
      });
  router.Add(Verb::post, "/api/notices/{id}/publish",
             {.summary = "发布通知（下发单位收到通知；发布后不能修改）", .tag = "notices"},
             [service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(version, RequiredVersion(body));
               return Json(service->Publish(ctx.principal(), id, version));
             });
  router.Add(
      Verb::post, "/api/notices/{id}/acknowledge",
      {.summary = "签收通知（unit_id 为本人所在的下发单位；重复签收不改变记录）", .tag = "notices"},
      [service](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(body, ctx.JsonBody());
        FieldReader f(body);
        Id unit = f.RequiredInt("unit_id", "【签收单位】", 1, INT64_MAX);
        if (auto st = f.status(); !st) return http::JsonError(st.error());
        return Json(service->Acknowledge(ctx.principal(), id, unit));
      });
  router.Add(
      Verb::post, "/api/notices/{id}/remind",
      {.summary = "提醒未签收的下发单位（站内通知及其邮件、短信、群机器人消息）", .tag = "notices"},
      [service](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        return Json(service->Remind(ctx.principal(), id));
      });
}

}  // namespace vw::notices
