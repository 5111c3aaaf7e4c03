#include "awards/awards_routes.h"

#include "core/time.h"
#include "http/reply.h"

namespace vw::awards {
namespace {

using http::Access;
using http::Param;
using http::RequestContext;
using http::Verb;

http::Response Json(Result<json::value>&& r, unsigned status = 200) {
  return http::Reply(
      std::move(r), [](const json::value& v) { return v; }, status);
}

// A step with {version}: open, decide.
template <class Call>
void AddStep(http::Router& router, const char* path, const char* summary, Call call) {
  router.Add(Verb::post, path, {.summary = summary, .tag = "awards"}, [call](RequestContext& ctx) {
    VW_HTTP_TRY(id, ctx.PathId("id"));
    VW_HTTP_TRY(body, ctx.JsonBody());
    VW_HTTP_TRY(version, RequiredVersion(body));
    return Json(call(ctx.principal(), id, version));
  });
}

}  // namespace

void RegisterAwardRoutes(http::Router& router, AwardService& awards) {
  router.Add(Verb::get, "/api/awards",
             {.summary = "奖项列表：本人组织、担任评委或本单位参评且已公布的奖项",
              .tag = "awards",
              .query = {Param::Int("campaign_id", "活动周").Required()}},
             [&awards](RequestContext& ctx) {
               VW_HTTP_TRY(campaign, ctx.RequiredQueryInt("campaign_id"));
               return Json(awards.List(ctx.principal(), campaign));
             });
  router.Add(Verb::post, "/api/awards",
             {.summary = "新建奖项（草稿）：参评单位、评委、评价标准及权重（合计 100）、评价指标",
              .tag = "awards"},
             [&awards](RequestContext& ctx) {
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(in, ReadAwardInput(body, true));
               return Json(awards.Create(ctx.principal(), in), 201);
             });
  router.Add(Verb::get, "/api/awards/{id}", {.summary = "一个奖项", .tag = "awards"},
             [&awards](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               return Json(awards.Get(ctx.principal(), id));
             });
  router.Add(Verb::put, "/api/awards/{id}",
             {.summary = "修改奖项（仅草稿；须带 version）", .tag = "awards"},
             [&awards](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(in, ReadAwardInput(body, false));
               return Json(awards.Update(ctx.principal(), id, in));
             });
  AddStep(router, "/api/awards/{id}/open", "开始评审（奖项不再可修改）",
          [&awards](const Principal& p, Id id, int v) { return awards.Open(p, id, v); });
  AddStep(router, "/api/awards/{id}/decide", "决定评选结果（所有评委已提交评分），生成证书编号",
          [&awards](const Principal& p, Id id, int v) { return awards.Decide(p, id, v); });
  router.Add(
      Verb::post, "/api/awards/{id}/publish",
      {.summary = "公布评选结果（published_on 起参评单位可见，证书可核验）", .tag = "awards"},
      [&awards](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(body, ctx.JsonBody());
        VW_HTTP_TRY(version, RequiredVersion(body));
        const json::value* on = body.if_contains("published_on");
        if (!on || !on->is_string()) {
          return http::JsonError(Error::Invalid("published_on", "请填写【公布日期】"));
        }
        VW_HTTP_TRY(date, timeutil::ParseDate(std::string(on->as_string()), "published_on",
                                              "【公布日期】"));
        return Json(awards.Publish(ctx.principal(), id, version, date));
      });
  router.Add(
      Verb::get, "/api/awards/{id}/scores",
      {.summary = "评分表：本人评分；提交后可见其他评委的评分；组织者可见一致性", .tag = "awards"},
      [&awards](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        return Json(awards.Scores(ctx.principal(), id));
      });
  router.Add(Verb::put, "/api/awards/{id}/scores",
             {.summary = "保存本人的评分（0–100，不能为本人所属单位评分）", .tag = "awards"},
             [&awards](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(scores, ReadScores(body));
               return Json(awards.SaveScores(ctx.principal(), id, scores));
             });
  router.Add(Verb::post, "/api/awards/{id}/scores/submit",
             {.summary = "提交本人的评分（提交后不能修改）", .tag = "awards"},
             [&awards](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               return Json(awards.SubmitScores(ctx.principal(), id));
             });
  router.Add(Verb::get, "/api/awards/{id}/ranking",
             {.summary = "排名及得分明细（各指标原始值、得分、权重、评委均分）", .tag = "awards"},
             [&awards](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               return Json(awards.Ranking(ctx.principal(), id));
             });
  router.Add(Verb::get, "/api/awards/{id}/certificates/{unit_id}",
             {.summary = "获奖单位的荣誉证书（PDF，A4 横向，含核验二维码）",
              .tag = "awards",
              .offload = true},
             [&awards](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.PathId("unit_id"));
               VW_HTTP_TRY(file, awards.Certificate(ctx.principal(), id, unit, ctx.Origin()));
               return http::Download(std::move(file.bytes), file.content_type, file.file_name);
             });
  router.Add(Verb::get, "/api/awards/{id}/notice",
             {.summary = "获奖名单通知（format=docx|pdf）",
              .tag = "awards",
              .offload = true,
              .query = {Param::Choice("format", "导出格式", {"docx", "pdf"}).Default("docx")}},
             [&awards](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(format, ctx.QueryText("format"));
               VW_HTTP_TRY(file, awards.Notice(ctx.principal(), id, format));
               return http::Download(std::move(file.bytes), file.content_type, file.file_name);
             });
  router.Add(Verb::get, "/api/public/awards/verify/{code}",
             {.summary = "公开核验荣誉证书编号（不区分大小写）",
              .tag = "public",
              .access = Access::kPublic,
              .path = {Param::Text("code", "证书编号", 0)}},
             [&awards](RequestContext& ctx) {
               return Json(awards.Verify(std::string(ctx.PathParam("code"))));
             });
}

}  // namespace vw::awards
