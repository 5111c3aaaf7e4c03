#include "activity/activity_routes.h"

#include "core/json.h"
#include "core/metrics.h"
#include "export/xlsx.h"
#include "http/reply.h"

namespace vw::activity {
namespace {

namespace json = boost::json;
using http::Access;
using http::JsonError;
using http::JsonOk;
using http::Param;
using http::RequestContext;
using http::Verb;

// The public programme's filters, as ParsePublicQuery reads them.
std::vector<Param> PublicQueryParams() {
  return http::Paged(
      {Param::Int("theme_day_id", "主题日"),
       Param::Text("region", "地区代码", 6).Describe("GB/T 2260 的6位数字"),
       Param::Int("unit_id", "学校"), Param::Int("category_id", "活动类别"),
       Param::Text("audience", "面向对象", 40).Describe("面向对象代码"),
       Param::Choice("mode", "活动形式", {"online", "onsite"}), Param::Text("q", "搜索关键词", 40),
       Param::Flag("with_cancelled", "含发布后取消的活动（显示为已取消）")},
      100);
}

Result<PublicQuery> ParsePublicQuery(RequestContext& ctx) {
  PublicQuery q;
  q.include_cancelled = ctx.QueryFlag("with_cancelled");
  VW_TRY(page, ctx.Page());
  q.offset = page.offset();
  q.limit = page.page_size;
  VW_TRY(day, ctx.QueryInt("theme_day_id"));
  q.theme_day_id = day;
  VW_TRY(unit, ctx.QueryInt("unit_id"));
  q.unit_id = unit;
  VW_TRY(category, ctx.QueryInt("category_id"));
  q.category_id = category;
  VW_TRY(region, ctx.QueryText("region"));
  if (!region.empty() &&
      (region.size() != 6 || region.find_first_not_of("0123456789") != std::string::npos)) {
    return Error::Invalid("region", "地区代码应为6位数字");
  }
  q.region_code = region;
  VW_TRY(audience, ctx.QueryText("audience"));
  q.audience = audience;
  VW_TRY(mode, ctx.QueryText("mode"));
  q.mode = mode;
  VW_TRY(keyword, ctx.QueryText("q"));
  q.keyword = keyword;
  return q;
}

std::string QueryKey(Id campaign_id, const PublicQuery& q) {
  auto opt = [](const std::optional<Id>& v) { return v ? std::to_string(*v) : std::string(); };
  return std::to_string(campaign_id) + "|" + opt(q.theme_day_id) + "|" + q.region_code + "|" +
         opt(q.unit_id) + "|" + opt(q.category_id) + "|" + q.audience + "|" + q.mode + "|" +
         q.keyword + "|" + std::to_string(q.offset) + "|" + std::to_string(q.limit) +
         (q.include_cancelled ? "|c" : "");
}

// The coverage matrix a request asks for (campaign in the path; the query
// as CoverageParams declares it).
std::vector<Param> CoverageParams() {
  return {Param::Int("unit_id", "单位").Required(),
          Param::Flag("published_only", "只计已发布的活动")};
}

Result<Coverage> CoverageFor(RequestContext& ctx, ActivityService& activities) {
  VW_TRY(id, ctx.PathId("id"));
  VW_TRY(unit, ctx.RequiredQueryInt("unit_id"));
  return activities.CoverageOf(ctx.principal(), id, unit, ctx.QueryFlag("published_only"));
}

http::Response CalendarReply(RequestContext& ctx, const PublicProgrammeCache::Page& page) {
  http::Response r = CachedReply(ctx, page);
  r.content_type = "text/calendar; charset=utf-8";
  r.SetHeader("Content-Disposition", http::ContentDisposition("vocweek.ics", true));
  return r;
}

}  // namespace

http::Response CachedReply(const RequestContext& ctx, const PublicProgrammeCache::Page& page) {
  http::Response r;
  r.SetHeader("ETag", page.etag);
  r.SetHeader("Cache-Control", "no-cache");
  if (ctx.Header(http::beast_http::field::if_none_match) == page.etag) {
    r.status = 304;
    return r;
  }
  r.shared_body = page.body;
  return r;
}

Result<PublicProgrammeCache::Page> PublicProgrammeCache::Get(
    const std::string& key, const std::function<Result<std::string>()>& build) {
  std::uint64_t generation;
  {
    std::lock_guard lock(mu_);
    if (auto it = pages_.find(key); it != pages_.end()) {
      metrics::Process().public_programme_cache.hits.Add();
      return it->second;
    }
    generation = generation_;
  }
  metrics::Process().public_programme_cache.misses.Add();
  auto body = build();
  if (!body) return body.error();
  Page page{std::make_shared<const std::string>(std::move(*body)), ""};
  page.etag = http::ETagFor(*page.body);
  std::size_t cost = key.size() + page.body->size();
  std::lock_guard lock(mu_);
  if (generation != generation_ || cost > max_bytes_ || pages_.count(key)) return page;
  while (!order_.empty() && (pages_.size() >= max_entries_ || bytes_ + cost > max_bytes_)) {
    auto oldest = pages_.find(order_.front());
    bytes_ -= oldest->first.size() + oldest->second.body->size();
    pages_.erase(oldest);
    order_.pop_front();
  }
  pages_.emplace(key, page);
  order_.push_back(key);
  bytes_ += cost;
  return page;
}

void PublicProgrammeCache::Invalidate() {
  metrics::Process().public_programme_cache.invalidations.Add();
  std::lock_guard lock(mu_);
  pages_.clear();
  order_.clear();
  bytes_ = 0;
  ++generation_;
}

std::size_t PublicProgrammeCache::size() const {
  std::lock_guard lock(mu_);
  return pages_.size();
}

std::size_t PublicProgrammeCache::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

void RegisterActivityRoutes(http::Router& router, ActivityService& activities,
                            PublicProgrammeCache& cache) {
  activities.SetOnChange([&cache] { cache.Invalidate(); });

  router.Add(Verb::get, "/api/public/campaigns/{id}/activities",
             {.summary = "公开活动安排（已发布；theme_day_id、region、unit_id、category_id、"
                         "audience、mode、q、分页；ETag）",
              .tag = "public",
              .access = Access::kPublic,
              .query = PublicQueryParams()},
             [&activities, &cache](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(q, ParsePublicQuery(ctx));
               VW_HTTP_TRY(page, cache.Get(QueryKey(id, q), [&]() -> Result<std::string> {
                 auto list = activities.PublicList(id, q);
                 if (!list) return list.error();
                 json::array items;
                 for (const auto& a : list->first) items.push_back(ToJson(a));
                 json::object data{{"items", std::move(items)}, {"total", list->second}};
                 return http::EnvelopeBody(data);
               }));
               return CachedReply(ctx, page);
             });

  router.Add(Verb::get, "/api/public/campaigns/{id}/calendar.ics",
             {.summary = "公开活动安排的 iCal 日历订阅（unit_id 只含该校）",
              .tag = "public",
              .access = Access::kPublic,
              .query = {Param::Int("unit_id", "学校")}},
             [&activities, &cache](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.QueryInt("unit_id"));
               PublicQuery q;
               q.unit_id = unit;
               q.limit = 5000;
               std::string base = ctx.Origin();
               std::string key = "ics|" + QueryKey(id, q);
               VW_HTTP_TRY(page, cache.Get(key, [&]() -> Result<std::string> {
                 auto list = activities.PublicList(id, q);
                 if (!list) return list.error();
                 std::string name = "职业教育活动周";
                 if (unit && !list->first.empty()) name += "·" + list->first.front().unit_name;
                 return ICalendar(name, list->first, base);
               }));
               return CalendarReply(ctx, page);
             });

  router.Add(Verb::get, "/api/public/activities/{id}/calendar.ics",
             {"单个公开活动的 iCal 文件", "public", Access::kPublic},
             [&activities, &cache](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               std::string base = ctx.Origin();
               VW_HTTP_TRY(page,
                           cache.Get("ics-one|" + std::to_string(id), [&]() -> Result<std::string> {
                             auto a = activities.PublicGet(id);
                             if (!a) return a.error();
                             // A cancelled activity's page stays; its event goes.
                             if (a->status != "published") {
                               return Error::NotFound("活动不存在或尚未发布");
                             }
                             return ICalendar(a->title, {*a}, base);
                           }));
               return CalendarReply(ctx, page);
             });

  router.Add(Verb::get, "/api/public/campaigns/{id}/organisers",
             {"有已发布活动的学校和单位（公开活动安排的学校筛选）", "public", Access::kPublic},
             [&activities, &cache](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(
                   page,
                   cache.Get("organisers|" + std::to_string(id), [&]() -> Result<std::string> {
                     json::array items;
                     for (const auto& o : activities.PublicOrganisers(id)) {
                       items.push_back(json::object{{"unit_id", o.unit_id},
                                                    {"unit_name", o.unit_name},
                                                    {"region_code", o.region_code}});
                     }
                     auto total = static_cast<std::int64_t>(items.size());
                     return http::EnvelopeBody(
                         json::object{{"items", std::move(items)}, {"total", total}});
                   }));
               return CachedReply(ctx, page);
             });

  router.Add(
      Verb::get, "/api/public/activities/{id}", {"公开的活动详情", "public", Access::kPublic},
      [&activities, &cache](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(page, cache.Get("one|" + std::to_string(id), [&]() -> Result<std::string> {
          VW_TRY(a, activities.PublicGet(id));
          return http::EnvelopeBody(ToJson(a));
        }));
        return CachedReply(ctx, page);
      });

  router.Add(Verb::post, "/api/activities/{id}/submit", {"提交外出报备（校外活动）", "activities"},
             [&activities](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(filing, ParseFiling(body));
               VW_HTTP_TRY(a, activities.Submit(ctx.principal(), id, filing));
               return JsonOk(ToJson(a));
             });

  router.Add(Verb::get, "/api/activities/{id}/filing", {"外出报备内容与审批结果", "activities"},
             [&activities](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(f, activities.GetFiling(ctx.principal(), id));
               return JsonOk(f ? json::value(ToJson(*f)) : json::value(nullptr));
             });

  auto decide = [&activities](RequestContext& ctx, bool approve) {
    VW_HTTP_TRY(id, ctx.PathId("id"));
    VW_HTTP_TRY(body, ctx.JsonBody());
    FieldReader in(body);
    std::string reason = in.MultilineString("reason", "审批意见", kMaxOpinionChars);
    if (!in.status()) return JsonError(in.status().error());
    VW_HTTP_TRY(a, activities.Decide(ctx.principal(), id, approve, reason));
    return JsonOk(ToJson(a));
  };
  router.Add(Verb::post, "/api/activities/{id}/approve",
             {"批准外出报备（reason：审批意见，可不填）", "activities"},
             [decide](RequestContext& ctx) { return decide(ctx, true); });
  router.Add(Verb::post, "/api/activities/{id}/reject",
             {"退回外出报备（reason：审批意见，必填）", "activities"},
             [decide](RequestContext& ctx) { return decide(ctx, false); });

  router.Add(Verb::post, "/api/activities/{id}/publish", {"发布活动", "activities"},
             [&activities](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(a, activities.Publish(ctx.principal(), id));
               return JsonOk(ToJson(a));
             });
  router.Add(Verb::post, "/api/activities/{id}/unpublish", {"撤回发布", "activities"},
             [&activities](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(a, activities.Unpublish(ctx.principal(), id));
               return JsonOk(ToJson(a));
             });
  router.Add(Verb::post, "/api/activities/{id}/cancel", {"取消活动（须填写原因）", "activities"},
             [&activities](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               FieldReader in(body);
               std::string reason = in.RequiredMultilineString("reason", "取消原因", 500);
               if (!in.status()) return JsonError(in.status().error());
               VW_HTTP_TRY(a, activities.Cancel(ctx.principal(), id, reason));
               return JsonOk(ToJson(a));
             });

  router.Add(Verb::get, "/api/campaigns/{id}/coverage",
             {.summary = "天天有活动：下级单位×活动日的活动数（unit_id、published_only）",
              .tag = "activities",
              .query = CoverageParams()},
             [&activities](RequestContext& ctx) {
               VW_HTTP_TRY(c, CoverageFor(ctx, activities));
               return JsonOk(ToJson(c));
             });

  router.Add(Verb::get, "/api/campaigns/{id}/coverage/export",
             {.summary = "导出天天有活动情况表（.xlsx；unit_id、published_only）",
              .tag = "activities",
              .offload = true,
              .query = CoverageParams()},
             [&activities](RequestContext& ctx) {
               VW_HTTP_TRY(c, CoverageFor(ctx, activities));
               VW_HTTP_TRY(bytes, CoverageXlsx(c));
               return http::Download(std::move(bytes), std::string(xlsx::kContentType),
                                     c.unit_name + "天天有活动情况表.xlsx");
             });

  router.Add(Verb::get, "/api/activities/{id}/history",
             {"活动的变更记录（改期、审批、发布、取消）", "activities"},
             [&activities](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(rows, activities.History(ctx.principal(), id));
               return http::ReplyListWith(rows,
                                          [](const audit::Row& r) { return audit::ToJson(r); });
             });

  router.Add(Verb::post, "/api/activities/{id}/duplicate", {"复制活动为新草稿", "activities"},
             [&activities](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(a, activities.Duplicate(ctx.principal(), id));
               return JsonOk(ToJson(a), 201);
             });

  router.Add(Verb::get, "/api/campaigns/{id}/approvals", {"待我审批的外出报备", "activities"},
             [&activities](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(rows, activities.PendingApprovals(ctx.principal(), id));
               return http::ReplyList(rows);
             });

  router.Add(
      Verb::get, "/api/campaigns/{id}/approvals/decided",
      {.summary = "我单位已处理的外出报备（审批结果、意见、审批人、时间；q 搜索，分页）",
       .tag = "activities",
       .query = http::Paged({Param::Text("q", "关键词", 50).Describe("活动名称或单位名称")})},
      [&activities](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(page, ctx.Page());
        VW_HTTP_TRY(keyword, ctx.QueryText("q"));
        ActivityService::DecisionQuery q{keyword, page.offset(), page.page_size};
        VW_HTTP_TRY(list, activities.DecidedFilings(ctx.principal(), id, q));
        return http::ReplyList(list.first, list.second);
      });

  router.Add(Verb::get, "/api/activity-audiences", {"活动面向对象", "activities", Access::kPublic},
             [&activities](RequestContext&) {
               return http::ReplyListWith(activities.Audiences(), [](const Audience& a) {
                 return json::object{{"code", a.code}, {"name", a.name}};
               });
             });

  router.Add(Verb::get, "/api/campaigns/{id}/activities",
             {.summary = "管理范围内的活动（unit_id 子树、theme_day_id、名称搜索、分页）",
              .tag = "activities",
              .query = http::Paged({Param::Int("unit_id", "单位").Describe("含其下级单位"),
                                    Param::Int("theme_day_id", "主题日"),
                                    Param::Text("q", "活动名称", 40).Describe("名称包含")})},
             [&activities](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(page, ctx.Page());
               VW_HTTP_TRY(unit, ctx.QueryInt("unit_id"));
               VW_HTTP_TRY(day, ctx.QueryInt("theme_day_id"));
               VW_HTTP_TRY(keyword, ctx.QueryText("q"));
               ActivityService::Query q;
               q.unit_id = unit;
               q.theme_day_id = day;
               q.keyword = keyword;
               q.offset = page.offset();
               q.limit = page.page_size;
               VW_HTTP_TRY(list, activities.List(ctx.principal(), id, q));
               return http::ReplyList(list.first, list.second);
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
               VW_HTTP_TRY(version, RequiredVersion(body));
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
