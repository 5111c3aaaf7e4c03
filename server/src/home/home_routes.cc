#include "home/home_routes.h"

#include "http/reply.h"

namespace vw::home {

void RegisterHomeRoutes(http::Router& router, HomeService& home) {
  using http::Param;
  using http::RequestContext;
  router.Add(http::Verb::get, "/api/campaigns/{id}/home",
             {.summary = "首页：待办、适用于本单位层级的截止时间、本范围的数字",
              .tag = "home",
              .query = {Param::Flag("todo_only", "只要待办和截止时间（菜单角标）")}},
             [&home](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(h, home.Of(ctx.principal(), id, !ctx.QueryFlag("todo_only")));
               return http::JsonOk(ToJson(h));
             });
}

}  // namespace vw::home
