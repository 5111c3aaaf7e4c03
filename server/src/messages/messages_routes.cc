// Routes of the messages (messages_routes.h).
#include "messages/messages_routes.h"

#include <algorithm>
#include <memory>

#include "http/reply.h"

namespace vw::messages {

void RegisterMessageRoutes(http::Router& router, db::Database& db, const org::Scope& scope,
                           const Settings& settings) {
  // Owned by the routes' handlers (the router outlives none of them).
  auto service = std::make_shared<MessageService>(db, scope, settings);
  MessageService& messages = *service;
  using http::Param;
  using http::RequestContext;
  using http::Verb;
  router.Add(Verb::get, "/api/messages/preferences",
             {.summary = "本人各类消息的接收方式（邮件、短信）", .tag = "messages"},
             [&messages, service](RequestContext& ctx) {
               return http::Reply(messages.Preferences(ctx.principal()), [](auto& o) { return o; });
             });
  router.Add(Verb::put, "/api/messages/preferences",
             {.summary = "修改本人各类消息的接收方式", .tag = "messages", .body_limit = 16 << 10},
             [&messages, service](RequestContext& ctx) {
               VW_HTTP_TRY(body, ctx.JsonBody());
               return http::Reply(messages.SetPreferences(ctx.principal(), body),
                                  [](auto& o) { return o; });
             });
  router.Add(Verb::get, "/api/units/{id}/message-settings",
             {.summary = "单位的消息默认接收方式和群机器人（单位管理员）", .tag = "messages"},
             [&messages, service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               return http::Reply(messages.UnitSettings(ctx.principal(), id),
                                  [](auto& o) { return o; });
             });
  router.Add(Verb::put, "/api/units/{id}/message-settings",
             {.summary = "修改单位的消息默认接收方式和群机器人（企业微信、钉钉）",
              .tag = "messages",
              .body_limit = 16 << 10},
             [&messages, service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               return http::Reply(messages.SetUnitSettings(ctx.principal(), id, body),
                                  [](auto& o) { return o; });
             });
  router.Add(Verb::get, "/api/units/{id}/messages",
             {.summary = "发给本单位人员和群机器人的消息及其送达状态",
              .tag = "messages",
              .query = {Param::Int("limit", "条数（最多200）")}},
             [&messages, service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(limit, ctx.QueryInt("limit"));
               auto n = std::clamp<std::int64_t>(limit.value_or(50), 1, kMaxDeliveries);
               VW_HTTP_TRY(rows, messages.Deliveries(ctx.principal(), id, static_cast<int>(n)));
               return http::ReplyList(rows);
             });
  router.Add(Verb::post, "/api/messages/{id}/retry",
             {.summary = "重发发送失败或状态不明的消息（单位管理员）", .tag = "messages"},
             [&messages, service](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               return http::Reply(messages.Retry(ctx.principal(), id),
                                  [](const Delivery& d) { return ToJson(d); });
             });
}

}  // namespace vw::messages
