#include "activity/activity_routes.h"

#include "http/reply.h"

namespace vw::activity {
namespace {

namespace json = boost::json;
using http::Access;
using http::JsonError;
using http::JsonOk;
using http::RequestContext;
using http::Verb;

}  // namespace

void RegisterActivityRoutes(http::Router& router, ActivityService& activities) {
  router.Add(Verb::get, "/api/activity-audiences", {"活动面向对象", "activities", Access::kPublic},
             [&activities](RequestContext&) {
               json::array items;
               for (const auto& a : activities.Audiences()) {
                 items.push_back(json::object{{"code", a.code}, {"name", a.name}});
               }
               auto n = static_cast<std::int64_t>(items.size());
               return http::JsonList(std::move(items), n);
             });

  router.Add(Verb::get, "/api/campaigns/{id}/activities",
             {"管理范围内的活动（unit_id 子树、theme_day_id、分页）", "activities"},
             [&activities](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(page, ctx.Page());
               VW_HTTP_TRY(unit, ctx.QueryInt("unit_id", "单位", 1, INT64_MAX));
               VW_HTTP_TRY(day, ctx.QueryInt("theme_day_id", "主题日", 1, INT64_MAX));
               ActivityService::Query q;
               q.unit_id = unit;
               q.theme_day_id = day;
               q.offset = page.offset();
               q.limit = page.page_size;
               VW_HTTP_TRY(list, activities.List(ctx.principal(), id, q));
               json::array items;
               for (const auto& a : list.first) items.push_back(ToJson(a));
               return http::JsonList(std::move(items), list.second);
             });

  router.Add(Verb::post, "/api/campaigns/{id}/activities", {"新建活动（草稿）", "activities"},
             [&activities](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(input, ParseActivityInput(body));
               VW_HTTP_TRY(a, activities.Create(ctx.principal(), id, input));
               return JsonOk(ToJson(a), 201);
             });

  router.Add(Verb::get, "/api/activities/{id}", {"活动详情", "activities"},
             [&activities](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(a, activities.Get(ctx.principal(), id));
               return JsonOk(ToJson(a));
             });

  router.Add(Verb::put, "/api/activities/{id}", {"修改活动（带 version）", "activities"},
             [&activities](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               FieldReader in(body);
               int version = static_cast<int>(in.RequiredInt("version", "版本号", 1, INT32_MAX));
               if (!in.status()) return JsonError(in.status().error());
               VW_HTTP_TRY(input, ParseActivityInput(body));
               VW_HTTP_TRY(a, activities.Update(ctx.principal(), id, version, input));
               return JsonOk(ToJson(a));
             });

  router.Add(Verb::delete_, "/api/activities/{id}", {"删除草稿活动", "activities"},
             [&activities](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               return http::Reply(activities.Delete(ctx.principal(), id));
             });
}

}  // namespace vw::activity
