#include "dashboard/dashboard_routes.h"

#include "http/reply.h"

namespace vw::dashboard {

using http::Access;
using http::JsonOk;
using http::Param;
using http::RequestContext;
using http::Verb;

void RegisterDashboardRoutes(http::Router& router, DashboardService& dashboards,
                             LiveCheckins& live) {
  // Figures over a whole chain read many rows: on the worker pool.
  router.Add(
      Verb::get, "/api/campaigns/{id}/dashboard/province",
      {.summary = "全省数据看板：按日活动与参与人数、各市（州）覆盖率、媒体报道、报送进度、同比",
       .tag = "dashboard",
       .offload = true},
      [&dashboards](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(d, dashboards.Province(ctx.principal(), id));
        return JsonOk(ToJson(d));
      });
  router.Add(
      Verb::get, "/api/campaigns/{id}/dashboard/units/{unit_id}",
      {.summary =
           "单位数据看板（市州、学校、二级学院）：按日活动、报名与容量、下级报表与宣传进度、同比",
       .tag = "dashboard",
       .offload = true},
      [&dashboards](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(unit, ctx.PathId("unit_id"));
        VW_HTTP_TRY(d, dashboards.Unit(ctx.principal(), id, unit));
        return JsonOk(ToJson(d));
      });
  router.Add(Verb::get, "/api/campaigns/{id}/dashboard/live",
             {.summary = "实时签到人数（服务器推送事件 text/event-stream；unit_id）",
              .tag = "dashboard",
              .query = {Param::Int("unit_id", "单位").Required()}},
             [&dashboards, &live](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               VW_HTTP_TRY_STATUS(dashboards.CanWatch(ctx.principal(), id, unit));
               if (!live.HasRoom()) {
                 http::Response busy =
                     http::JsonError({ErrorCode::kUnavailable, "实时数据连接已满，请稍后重试", ""});
                 busy.SetHeader("Retry-After", "10");
                 return busy;
               }
               http::Response r;
               r.content_type = "text/event-stream; charset=utf-8";
               r.stream = [&live, id, unit](std::shared_ptr<http::EventStream> stream) {
                 live.Add(std::move(stream), id, unit);
               };
               return r;
             });
  auto figures = [&dashboards](RequestContext& ctx) -> Result<PublicFigures> {
    VW_TRY(id, ctx.PathId("id"));
    return dashboards.Public(id);
  };
  router.Add(Verb::get, "/api/public/campaigns/{id}/figures",
             {.summary = "主动公开：全省及各市（州）活动周数据（仅已审核的统计表）",
              .tag = "dashboard",
              .access = Access::kPublic,
              .offload = true},
             [figures](RequestContext& ctx) {
               VW_HTTP_TRY(f, figures(ctx));
               return JsonOk(ToJson(f));
             });
  router.Add(Verb::get, "/api/public/campaigns/{id}/figures.json",
             {.summary = "主动公开开放数据（JSON）",
              .tag = "dashboard",
              .access = Access::kPublic,
              .offload = true},
             [figures](RequestContext& ctx) {
               VW_HTTP_TRY(f, figures(ctx));
               http::Response r;
               r.body = boost::json::serialize(ToJson(f));
               return r;
             });
  router.Add(Verb::get, "/api/public/campaigns/{id}/figures.csv",
             {.summary = "主动公开开放数据（CSV）",
              .tag = "dashboard",
              .access = Access::kPublic,
              .offload = true},
             [figures](RequestContext& ctx) {
               VW_HTTP_TRY(f, figures(ctx));
               return http::Download(ToCsv(f), "text/csv; charset=utf-8",
                                     std::to_string(f.year) + "年职业教育活动周数据.csv");
             });
}

}  // namespace vw::dashboard
