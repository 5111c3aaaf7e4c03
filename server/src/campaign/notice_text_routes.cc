// HTTP side of the notice texts (CONTRACT §5).
#include "campaign/notice_texts.h"
#include "core/json.h"
#include "http/reply.h"

namespace vw::campaign {

void RegisterNoticeTextRoutes(http::Router& router, NoticeTextService& texts) {
  using http::JsonOk;
  using http::RequestContext;
  using http::Verb;

  router.Add(Verb::get, "/api/campaigns/{id}/notice-texts",
             {"活动周的说明文字（导出表格的填表说明等，含占位符原文与填入后的文字）", "campaigns"},
             [&texts](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(rows, texts.List(id));
               boost::json::array items;
               for (const auto& t : rows) items.push_back(ToJson(t));
               return JsonOk(boost::json::object{{"texts", std::move(items)}});
             });

  router.Add(Verb::put, "/api/campaigns/{id}/notice-texts/{code}",
             {"修改一项说明文字（带 version；可用占位符 {截止日期}）", "campaigns"},
             [&texts](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(version, RequiredVersion(body));
               VW_HTTP_TRY(text, ParseNoticeText(body));
               VW_HTTP_TRY(t,
                           texts.Update(ctx.principal(), id, ctx.PathParam("code"), version, text));
               return JsonOk(ToJson(t));
             });
}

}  // namespace vw::campaign
