#include "display/display_routes.h"

#include <memory>
#include <string>

#include "http/reply.h"

namespace vw::display {
namespace {

using http::Access;
using http::Param;
using http::RequestContext;
using http::Verb;

http::Response Answer(Result<json::value>&& r, unsigned status = 200) {
  return http::Reply(
      std::move(r), [](const json::value& v) { return v; }, status);
}

// A managing step with only {version}: auto-assign, publish, weather.
template <class Call>
void AddStep(http::Router& router, const std::string& path, const char* summary, Call call) {
  router.Add(Verb::post, path, {.summary = summary, .tag = "display"}, [call](RequestContext& ctx) {
    VW_HTTP_TRY(id, ctx.PathId("id"));
    VW_HTTP_TRY(body, ctx.JsonBody());
    VW_HTTP_TRY(version, RequiredVersion(body));
    return Answer(call(ctx.principal(), id, version));
  });
}

}  // namespace

void RegisterDisplayRoutes(http::Router& router, db::Database& db, const org::Scope& scope,
                           activity::ActivityService& activities) {
  auto service = std::make_shared<DisplayService>(db, scope, activities);
  DisplayService& display = *service;
  const std::string base = "/api/display/events/{id}";
  router.Add(Verb::get, "/api/display/events",
             {.summary = "集中展示活动列表（本单位主办或上级单位主办的）",
              .tag = "display",
              .query = {Param::Int("campaign_id", "活动周").Required()}},
             [service, &display = *service](RequestContext& ctx) {
               VW_HTTP_TRY(campaign, ctx.RequiredQueryInt("campaign_id"));
               return Answer(display.List(ctx.principal(), campaign));
             });
  router.Add(Verb::post, "/api/display/events",
             {.summary = "新建集中展示活动（主办单位管理员）", .tag = "display"},
             [service, &display = *service](RequestContext& ctx) {
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(in, ReadEventInput(body, true));
               return Answer(display.Create(ctx.principal(), in), 201);
             });
  router.Add(Verb::get, base,
             {.summary = "一项集中展示活动（平面图、申请、节目单）", .tag = "display"},
             [service, &display = *service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               return Answer(display.Get(ctx.principal(), id));
             });
  router.Add(
      Verb::put, base,
      {.summary = "修改集中展示活动的时间、地点、备用方案（须带 version）", .tag = "display"},
      [service, &display = *service](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(body, ctx.JsonBody());
        VW_HTTP_TRY(in, ReadEventInput(body, false));
        return Answer(display.Update(ctx.principal(), id, in));
      });
  router.Add(Verb::put, base + "/plan",
             {.summary = "保存场地平面图（新版本；须带读取时的 plan_version）",
              .tag = "display",
              .body_limit = 256 << 10},
             [service, &display = *service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(plan, ReadPlan(body));
               return Answer(display.SavePlan(ctx.principal(), id, plan));
             });
  router.Add(Verb::put, base + "/slots", {.summary = "保存舞台节目单", .tag = "display"},
             [service, &display = *service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(version, RequiredVersion(body));
               VW_HTTP_TRY(slots, ReadSlots(body));
               return Answer(display.SaveSlots(ctx.principal(), id, version, slots));
             });
  router.Add(Verb::post, base + "/applications",
             {.summary = "下级单位申请展位（展示内容、桌子、用电、网络、面积）", .tag = "display"},
             [service, &display = *service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(in, ReadApplicationInput(body));
               return Answer(display.Apply(ctx.principal(), id, in), 201);
             });
  router.Add(Verb::put, base + "/applications/{application_id}",
             {.summary = "修改展位申请（公布前；须带申请的 version）", .tag = "display"},
             [service, &display = *service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(app, ctx.PathId("application_id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(version, RequiredVersion(body));
               VW_HTTP_TRY(in, ReadApplicationInput(body));
               return Answer(display.UpdateApplication(ctx.principal(), id, app, version, in));
             });
  router.Add(Verb::post, base + "/applications/{application_id}/withdraw",
             {.summary = "撤回展位申请（公布后撤回则空出展位并通知主办单位）", .tag = "display"},
             [service, &display = *service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(app, ctx.PathId("application_id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(version, RequiredVersion(body));
               return Answer(display.Withdraw(ctx.principal(), id, app, version));
             });
  router.Add(Verb::post, base + "/assign",
             {.summary = "分配展位（booth 为空则取消；公布后通知相关单位）", .tag = "display"},
             [service, &display = *service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(version, RequiredVersion(body));
               VW_HTTP_TRY(list, ReadAssignments(body));
               return Answer(display.Assign(ctx.principal(), id, version, list));
             });
  router.Add(Verb::post, base + "/visits",
             {.summary = "展位参观人数计数（批量，tap_id 去重；本单位人员或主办单位管理员）",
              .tag = "display"},
             [service, &display = *service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(taps, ReadVisitTaps(body));
               return Answer(display.CountVisitors(ctx.principal(), id, taps));
             });
  AddStep(router, base + "/auto-assign", "自动分配展位（用电需求分配有电源的展位，同一专业群相邻）",
          [service, &display = *service](const Principal& p, Id id, int v) {
            return display.AutoAssign(p, id, v);
          });
  AddStep(router, base + "/publish", "公布展位并通知各参展单位",
          [service, &display = *service](const Principal& p, Id id, int v) {
            return display.Publish(p, id, v);
          });
  AddStep(router, base + "/weather", "启用恶劣天气备用方案（改到备用地点或日期并通知各单位）",
          [service, &display = *service](const Principal& p, Id id, int v) {
            return display.SwitchWeather(p, id, v);
          });
  router.Add(Verb::get, base + "/map",
             {.summary = "下载位置分布图（PDF，A3 或 A4 横向一页）",
              .tag = "display",
              .offload = true,
              .query = {Param::Choice("paper", "纸张", {"a3", "a4"})}},
             [service, &display = *service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(paper, ctx.QueryText("paper"));
               VW_HTTP_TRY(file, display.MapPdf(ctx.principal(), id, paper == "a4"));
               return http::Download(std::move(file.bytes), file.content_type, file.file_name);
             });
  router.Add(Verb::get, base + "/exhibitors",
             {.summary = "下载参展单位名单（xlsx）", .tag = "display", .offload = true},
             [service, &display = *service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(file, display.ExhibitorsXlsx(ctx.principal(), id));
               return http::Download(std::move(file.bytes), file.content_type, file.file_name);
             });
  router.Add(
      Verb::get, "/api/public/display/{id}",
      {"已公布的集中展示活动：时间地点、平面图、参展单位、节目单", "public", Access::kPublic},
      [service, &display = *service](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        return Answer(display.Public(id));
      });
}

}  // namespace vw::display
