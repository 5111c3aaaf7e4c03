#include "publicity/publicity_routes.h"

#include "http/reply.h"

namespace vw::publicity {
namespace {

using http::Param;
using http::RequestContext;
using http::Verb;

struct Decision {
  int version = 0;
  std::string comment;
};

// {version, comment} of accept, return and recommend.
Result<Decision> ReadDecision(const json::object& body) {
  FieldReader f(body);
  Decision d;
  d.comment = f.MultilineString("comment", "【意见】", kMaxComment);
  VW_RETURN_IF_ERROR(f.status());
  VW_TRY(version, RequiredVersion(body));
  d.version = version;
  return d;
}

http::Response Item(Result<json::value>&& r, unsigned status = 200) {
  return http::Reply(
      std::move(r), [](const json::value& v) { return v; }, status);
}

// A step with {version, comment}: accept, return, recommend.
template <class Call>
void AddDecision(http::Router& router, const char* path, const char* summary, Call call) {
  router.Add(Verb::post, path, {.summary = summary, .tag = "publicity"},
             [call](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(d, ReadDecision(body));
               return Item(call(ctx.principal(), id, d.version, d.comment));
             });
}

}  // namespace

void RegisterPublicityRoutes(http::Router& router, PublicityService& publicity) {
  router.Add(
      Verb::get, "/api/publicity/items",
      {.summary =
           "宣传素材列表：library 本单位素材及采用的素材，inbox 待本单位审核，below 下级单位的素材",
       .tag = "publicity",
       .query = http::Paged(
           {Param::Int("campaign_id", "活动周").Required(),
            Param::Int("unit_id", "单位").Required(),
            Param::Choice("scope", "范围", {"library", "inbox", "below"}).Default("library"),
            Param::Choice("kind", "类型", {"article", "photos", "video", "case"}),
            Param::Choice("status", "状态",
                          {"draft", "submitted", "returned", "accepted", "pushed"}),
            Param::Int("theme_day_id", "主题日"), Param::Text("q", "标题关键词", 40)},
           100)},
      [&publicity](RequestContext& ctx) {
        ListQuery q;
        VW_HTTP_TRY(campaign, ctx.RequiredQueryInt("campaign_id"));
        VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
        VW_HTTP_TRY(scope, ctx.QueryText("scope"));
        VW_HTTP_TRY(kind, ctx.QueryText("kind"));
        VW_HTTP_TRY(status, ctx.QueryText("status"));
        VW_HTTP_TRY(day, ctx.QueryInt("theme_day_id"));
        VW_HTTP_TRY(keyword, ctx.QueryText("q"));
        VW_HTTP_TRY(page, ctx.Page());
        q.campaign_id = campaign;
        q.unit_id = unit;
        q.scope = scope.empty() ? "library" : scope;
        q.kind = kind;
        q.status = status;
        q.theme_day_id = day;
        q.q = keyword;
        q.page = static_cast<int>(page.page);
        q.page_size = static_cast<int>(page.page_size);
        return Item(publicity.List(ctx.principal(), q));
      });
  router.Add(Verb::post, "/api/publicity/items",
             {.summary = "新建宣传素材（稿件、图片、视频、典型案例），为草稿", .tag = "publicity"},
             [&publicity](RequestContext& ctx) {
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(in, ReadItemInput(body, true));
               return Item(publicity.Create(ctx.principal(), in), 201);
             });
  router.Add(Verb::get, "/api/publicity/items/{id}",
             {.summary = "一条宣传素材（含文件、流转记录、刊发媒体）", .tag = "publicity"},
             [&publicity](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               return Item(publicity.Get(ctx.principal(), id));
             });
  router.Add(Verb::put, "/api/publicity/items/{id}",
             {.summary = "修改宣传素材（草稿或已退回；须带 version）", .tag = "publicity"},
             [&publicity](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(in, ReadItemInput(body, false));
               return Item(publicity.Update(ctx.principal(), id, in));
             });
  router.Add(Verb::delete_, "/api/publicity/items/{id}",
             {.summary = "删除宣传素材草稿",
              .tag = "publicity",
              .query = {Param::Int("version", "版本号", 1, INT32_MAX).Required()}},
             [&publicity](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(version, ctx.RequiredQueryInt("version"));
               return http::Reply(publicity.Delete(ctx.principal(), id, static_cast<int>(version)));
             });
  router.Add(Verb::post, "/api/publicity/items/{id}/submit",
             {.summary = "提交宣传素材至上级单位", .tag = "publicity"},
             [&publicity](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(version, RequiredVersion(body));
               return Item(publicity.Submit(ctx.principal(), id, version));
             });
  AddDecision(router, "/api/publicity/items/{id}/accept", "采用下级报送的宣传素材",
              [&publicity](const Principal& p, Id id, int v, const std::string& c) {
                return publicity.Accept(p, id, v, c);
              });
  AddDecision(router, "/api/publicity/items/{id}/return", "退回宣传素材（须填写意见）",
              [&publicity](const Principal& p, Id id, int v, const std::string& c) {
                return publicity.Return(p, id, v, c);
              });
  AddDecision(router, "/api/publicity/items/{id}/recommend", "采用并推荐宣传素材至上级单位",
              [&publicity](const Principal& p, Id id, int v, const std::string& c) {
                return publicity.Recommend(p, id, v, c);
              });
  router.Add(
      Verb::post, "/api/publicity/items/{id}/push",
      {.summary = "择优推送（省级）：登记刊发媒体，每家计为一条媒体报道", .tag = "publicity"},
      [&publicity](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(body, ctx.JsonBody());
        VW_HTTP_TRY(version, RequiredVersion(body));
        VW_HTTP_TRY(outlets, ReadOutlets(body));
        return Item(publicity.Push(ctx.principal(), id, version, outlets));
      });
  router.Add(
      Verb::post, "/api/publicity/items/{id}/publish",
      {.summary = "在专题网站公开或取消公开（含人物肖像须已取得肖像使用同意）", .tag = "publicity"},
      [&publicity](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(body, ctx.JsonBody());
        VW_HTTP_TRY(version, RequiredVersion(body));
        FieldReader f(body);
        bool published = f.Bool("published", "【公开】", true);
        VW_HTTP_TRY_STATUS(f.status());
        return Item(publicity.Publish(ctx.principal(), id, version, published));
      });
  router.Add(Verb::get, "/api/publicity/board",
             {.summary = "宣传素材完成情况：本单位及各直属下级单位（含其下级）的素材数",
              .tag = "publicity",
              .query = {Param::Int("campaign_id", "活动周").Required(),
                        Param::Int("unit_id", "单位").Required()}},
             [&publicity](RequestContext& ctx) {
               VW_HTTP_TRY(campaign, ctx.RequiredQueryInt("campaign_id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               return Item(publicity.Board(ctx.principal(), campaign, unit));
             });
}

}  // namespace vw::publicity
