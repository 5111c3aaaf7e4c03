#include "org/unit_routes.h"

#include "audit/audit.h"
#include "http/reply.h"

namespace vw::org {
namespace {

namespace json = boost::json;
using http::Access;
using http::JsonError;
using http::JsonOk;
using http::RequestContext;
using http::Response;
using http::Verb;

json::object NodeJson(const TreeNode& n) {
  json::object o;
  o["id"] = n.id;
  o["parent_id"] = n.parent_id ? json::value(*n.parent_id) : nullptr;
  o["kind"] = n.kind;
  o["name"] = n.name;
  o["region_code"] = n.region_code;
  o["depth"] = n.depth;
  o["child_count"] = n.child_count;
  return o;
}

}  // namespace

void RegisterUnitRoutes(http::Router& router, UnitService& units, db::Database& db,
                        const Scope& scope) {
  router.Add(Verb::get, "/api/unit-kinds", {"单位类型及其允许的上级类型", "units", Access::kUser},
             [&units](RequestContext&) { return http::ReplyList(units.Kinds()); });

  router.Add(Verb::get, "/api/regions", {"四川省行政区划（GB/T 2260）", "units", Access::kPublic},
             [&units](RequestContext&) {
               return http::ReplyListWith(units.Regions(), [](const Region& r) {
                 return json::object{{"code", r.code},
                                     {"name", r.name},
                                     {"parent_code", r.parent_code},
                                     {"level", r.level}};
               });
             });

  router.Add(Verb::get, "/api/units/tree",
             {.summary = "当前用户可见的单位树（扁平列表，按 parent_id 组装）",
              .tag = "units",
              .query = {http::Param::Int("max_depth", "层级", 0, 100)
                            .Describe("授权单位以下的层数（0 只含授权单位）；不填为全部")}},
             [&units](RequestContext& ctx) {
               auto depth = ctx.QueryInt("max_depth");
               if (!depth) return JsonError(depth.error());
               return http::ReplyListWith(units.VisibleTree(ctx.principal(), depth->value_or(-1)),
                                          NodeJson);
             });

  router.Add(Verb::get, "/api/units/{id}", {"单位详情", "units", Access::kUser},
             [&units](RequestContext& ctx) {
               auto id = ctx.PathId("id");
               if (!id) return JsonError(id.error());
               auto unit = units.Get(ctx.principal(), *id);
               if (!unit) return JsonError(unit.error());
               return JsonOk(ToJson(*unit));
             });

  router.Add(Verb::get, "/api/units/{id}/children", {"直属下级单位", "units", Access::kUser},
             [&units](RequestContext& ctx) {
               auto id = ctx.PathId("id");
               if (!id) return JsonError(id.error());
               auto children = units.Children(ctx.principal(), *id);
               if (!children) return JsonError(children.error());
               return http::ReplyList(*children);
             });

  router.Add(Verb::get, "/api/units/{id}/audit", {"单位的修改记录", "units", Access::kUser},
             [&db, &scope](RequestContext& ctx) {
               auto id = ctx.PathId("id");
               if (!id) return JsonError(id.error());
               db::Session s(db);
               auto allowed = scope.Require(s, ctx.principal(), *id, {Role::kUnitAdmin});
               if (!allowed) return JsonError(allowed.error());
               return http::ReplyList(audit::ForEntity(s, "unit", *id));
             });

  router.Add(Verb::post, "/api/units", {"新建单位（需上级单位的管理员权限）", "units"},
             [&units](RequestContext& ctx) {
               auto body = ctx.JsonBody();
               if (!body) return JsonError(body.error());
               auto input = ParseUnitInput(*body);
               if (!input) return JsonError(input.error());
               auto unit = units.Create(ctx.principal(), *input);
               if (!unit) return JsonError(unit.error());
               return JsonOk(ToJson(*unit), 201);
             });

  router.Add(Verb::put, "/api/units/{id}", {"修改单位（带 version 防止覆盖他人修改）", "units"},
             [&units](RequestContext& ctx) {
               auto id = ctx.PathId("id");
               if (!id) return JsonError(id.error());
               auto body = ctx.JsonBody();
               if (!body) return JsonError(body.error());
               VW_HTTP_TRY(version, RequiredVersion(*body));
               auto input = ParseUnitInput(*body);
               if (!input) return JsonError(input.error());
               auto unit = units.Update(ctx.principal(), *id, version, *input);
               if (!unit) return JsonError(unit.error());
               return JsonOk(ToJson(*unit));
             });
}

}  // namespace vw::org
