#include "registration/registration_routes.h"

#include "core/json.h"
#include "core/time.h"
#include "export/qr.h"
#include "export/xlsx.h"
#include "http/reply.h"

namespace vw::registration {
namespace {

namespace json = boost::json;
using http::Access;
using http::JsonError;
using http::JsonOk;
using http::RequestContext;
using http::Verb;

constexpr std::size_t kBatchLimit = 2u << 20;  // a device's offline queue
constexpr std::size_t kMaxBatch = 2000;

http::Param TokenPath() { return http::Param::Text("token", "报名凭证", 100); }

Result<std::string> TokenParam(const RequestContext& ctx) {
  std::string token(ctx.PathParam("token"));
  if (token.empty() || token.size() > 100) return Error::NotFound("报名凭证不存在");
  return token;
}

// "1,2,3" → ids: at most kMaxSeatsIds positive integers.
Result<std::vector<Id>> ParseIds(const std::string& text) {
  std::vector<Id> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    std::string part = text.substr(pos, comma - pos);
    if (part.empty() || part.size() > 18 ||
        part.find_first_not_of("0123456789") != std::string::npos || std::stoll(part) <= 0) {
      return Error::Invalid("ids", "活动编号应为以逗号分隔的正整数");
    }
    out.push_back(std::stoll(part));
    if (out.size() > kMaxSeatsIds) {
      return Error::Invalid("ids", "一次最多查询" + std::to_string(kMaxSeatsIds) + "个活动");
    }
    pos = comma + 1;
  }
  return out;
}

// {"scans": [{"scan_id", "token", "people"?, "scanned_at"?}]}
Result<std::vector<Scan>> ParseScans(const json::object& body) {
  const json::value* v = body.if_contains("scans");
  if (!v || !v->is_array()) return Error::Invalid("scans", "请提供扫码记录列表");
  if (v->as_array().size() > kMaxBatch) {
    return Error::Invalid("scans", "一次最多上传" + std::to_string(kMaxBatch) + "条扫码记录");
  }
  std::vector<Scan> out;
  for (const auto& item : v->as_array()) {
    if (!item.is_object()) return Error::Invalid("scans", "扫码记录格式不正确");
    FieldReader in(item.as_object());
    Scan s;
    s.scan_id = in.RequiredString("scan_id", "扫码编号", 64);
    s.token = in.RequiredString("token", "凭证", 100);
    s.people = static_cast<int>(in.OptionalInt("people", "入场人数", 0, 200).value_or(0));
    std::string scanned_at = in.String("scanned_at", "扫码时间", 40);
    VW_RETURN_IF_ERROR(in.status());
    if (!scanned_at.empty()) {
      auto at = timeutil::ParseInstant(scanned_at, "scanned_at", "扫码时间");
      if (!at) return at.error();
      s.scanned_at = timeutil::FormatUtc(*at);
    }
    out.push_back(std::move(s));
  }
  return out;
}

// {"events": [{"scan_id", "category", "delta"}]}
Result<std::vector<WalkinEvent>> ParseWalkins(const json::object& body) {
  const json::value* v = body.if_contains("events");
  if (!v || !v->is_array()) return Error::Invalid("events", "请提供现场计数记录列表");
  if (v->as_array().size() > kMaxBatch) return Error::Invalid("events", "一次上传的记录过多");
  std::vector<std::string> codes;
  for (const auto& c : Categories()) codes.emplace_back(c.code);
  std::vector<WalkinEvent> out;
  for (const auto& item : v->as_array()) {
    if (!item.is_object()) return Error::Invalid("events", "现场计数记录格式不正确");
    FieldReader in(item.as_object());
    WalkinEvent e;
    e.scan_id = in.RequiredString("scan_id", "记录编号", 64);
    e.category = in.RequiredEnum("category", "身份类别", codes);
    e.delta = static_cast<int>(in.RequiredInt("delta", "人数变化", -100, 100));
    VW_RETURN_IF_ERROR(in.status());
    if (e.delta == 0) return Error::Invalid("delta", "人数变化不能为0");
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

void RegisterRegistrationRoutes(http::Router& router, RegistrationService& registrations) {
  router.Add(Verb::get, "/api/registration-categories",
             {"报名身份类别", "registration", Access::kPublic}, [](RequestContext&) {
               return http::ReplyListWith(Categories(), [](const Category& c) {
                 return json::object{{"code", c.code}, {"name", c.name}};
               });
             });

  router.Add(Verb::post, "/api/public/activities/{id}/registrations",
             {"报名（个人或团体；满员进入候补；按IP和手机号限流）", "registration", Access::kPublic,
              64 * 1024},
             [&registrations](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(input, ParseRegistrationInput(body));
               VW_HTTP_TRY(r, registrations.Register(id, input, ctx.client_ip()));
               return JsonOk(ToJson(r, /*with_token=*/true), 201);
             });

  router.Add(Verb::get, "/api/public/activity-seats",
             {.summary = "公开活动的名额（ids 以逗号分隔，最多100个；实时，不缓存）",
              .tag = "registration",
              .access = Access::kPublic,
              .query = {http::Param::Text("ids", "活动编号", 2000).Required()}},
             [&registrations](RequestContext& ctx) {
               VW_HTTP_TRY(text, ctx.QueryText("ids"));
               VW_HTTP_TRY(ids, ParseIds(text));
               return http::ReplyListWith(registrations.SeatsOf(ids),
                                          [](const PublicSeats& s) { return ToJson(s); });
             });

  router.Add(Verb::get, "/api/public/tickets/{token}",
             {.summary = "报名凭证（本人查看，含通知）",
              .tag = "registration",
              .access = Access::kPublic,
              .path = {TokenPath()}},
             [&registrations](RequestContext& ctx) {
               VW_HTTP_TRY(token, TokenParam(ctx));
               VW_HTTP_TRY(t, registrations.GetTicket(token));
               return JsonOk(ToJson(t));
             });

  router.Add(Verb::get, "/api/public/tickets/{token}/qr.svg",
             {.summary = "报名凭证二维码（SVG）",
              .tag = "registration",
              .access = Access::kPublic,
              .path = {TokenPath()}},
             [&registrations](RequestContext& ctx) {
               VW_HTTP_TRY(token, TokenParam(ctx));
               VW_HTTP_TRY(t, registrations.GetTicket(token));
               VW_HTTP_TRY(svg, qr::Svg(ctx.Origin() + "/p/tickets/" + t.registration.token));
               http::Response r;
               r.content_type = "image/svg+xml";
               r.SetHeader("Cache-Control", "private, max-age=86400");
               r.body = std::move(svg);
               return r;
             });

  router.Add(Verb::post, "/api/public/tickets/{token}/cancel",
             {.summary = "取消报名（空出的名额依次递补候补）",
              .tag = "registration",
              .access = Access::kPublic,
              .path = {TokenPath()}},
             [&registrations](RequestContext& ctx) {
               VW_HTTP_TRY(token, TokenParam(ctx));
               VW_HTTP_TRY(r, registrations.CancelTicket(token));
               return JsonOk(ToJson(r, true));
             });

  router.Add(Verb::get, "/api/activities/{id}/registrations",
             {.summary = "活动的报名名单（手机号隐藏；roster=1 为签到名单，完整手机号，限组织者；"
                         "q 按姓名、学校班级、手机尾号四位或凭证码搜索，最多50条）",
              .tag = "registration",
              .query = {http::Param::Flag("roster", "签到名单（完整手机号）"),
                        http::Param::Text("q", "搜索内容", 20)}},
             [&registrations](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               bool roster = ctx.QueryFlag("roster");
               VW_HTTP_TRY(q, ctx.QueryText("q"));
               VW_HTTP_TRY(page, registrations.List(ctx.principal(), id, roster, {.text = q}));
               return http::ReplyListWith(
                   page.items, [](const Registration& r) { return ToJson(r); }, page.total);
             });

  router.Add(Verb::post, "/api/activities/{id}/registrations/{registration_id}/checkin",
             {"手工签到（工作人员在名单中核对后签到；记录为手工签到及操作人）", "registration",
              Access::kUser, 4 * 1024},
             [&registrations](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(registration_id, ctx.PathId("registration_id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               FieldReader in(body);
               std::string scan_id = in.String("scan_id", "签到编号", 64);
               VW_HTTP_TRY_STATUS(in.status());
               VW_HTTP_TRY(
                   r, registrations.CheckInByHand(ctx.principal(), id, registration_id, scan_id));
               return JsonOk(ToJson(r));
             });

  router.Add(
      Verb::get, "/api/activities/{id}/registrations/export",
      {.summary = "导出报名名单（.xlsx，手机号隐藏）", .tag = "registration", .offload = true},
      [&registrations](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(bytes, registrations.ExportXlsx(ctx.principal(), id));
        return http::Download(std::move(bytes), std::string(xlsx::kContentType), "报名名单.xlsx");
      });

  router.Add(Verb::post, "/api/activities/{id}/checkins",
             {.summary = "上传扫码签到（批量；scan_id 重复的记录只计一次）",
              .tag = "registration",
              .body_limit = kBatchLimit,
              .session_in_work = true},
             [&registrations](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(scans, ParseScans(body));
               // Answered once the group commit holding the scans is done,
               // without holding this thread meanwhile.
               http::Response r;
               r.later = [&registrations, &ctx, id,
                          scans = std::move(scans)](http::Respond respond) mutable {
                 // The session is read in the scans' transaction.
                 registrations.CheckInLater(
                     ctx.session_check(), id, std::move(scans),
                     [respond = std::move(respond)](
                         std::function<RegistrationService::CheckInResult()> result) {
                       respond([result = std::move(result)] {
                         VW_HTTP_TRY(results, result());
                         return http::ReplyListWith(results,
                                                    [](const ScanResult& r) { return ToJson(r); });
                       });
                     });
               };
               return r;
             });

  router.Add(Verb::post, "/api/activities/{id}/walkins",
             {"现场未报名人数按类别加减（批量，scan_id 去重）", "registration", Access::kUser,
              kBatchLimit},
             [&registrations](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(events, ParseWalkins(body));
               VW_HTTP_TRY(a, registrations.RecordWalkins(ctx.principal(), id, events));
               return JsonOk(ToJson(a));
             });

  router.Add(Verb::get, "/api/activities/{id}/attendance",
             {"报名、签到、现场人数（按类别）", "registration"},
             [&registrations](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(a, registrations.AttendanceOf(ctx.principal(), id));
               return JsonOk(ToJson(a));
             });
}

}  // namespace vw::registration
