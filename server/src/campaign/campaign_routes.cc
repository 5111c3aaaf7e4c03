#include "campaign/campaign_routes.h"

#include "core/metrics.h"
#include "core/time.h"
#include "http/reply.h"

namespace vw::campaign {
namespace {

namespace json = boost::json;
using http::Access;
using http::JsonError;
using http::JsonOk;
using http::Param;
using http::RequestContext;
using http::Response;
using http::Verb;

Result<ThemeDay> ParseThemeDay(const json::object& body) {
  FieldReader in(body);
  ThemeDay d;
  d.name = in.RequiredString("name", "主题日名称", 60);
  d.description = in.MultilineString("description", "主题日说明", 2000);
  d.publicity_theme = in.String("publicity_theme", "宣传主题", 200);
  VW_RETURN_IF_ERROR(in.status());
  return d;
}

Result<CommitteeMember> ParseMember(const json::object& body) {
  FieldReader in(body);
  CommitteeMember m;
  m.unit_id = in.RequiredInt("unit_id", "单位", 1, INT64_MAX);
  m.position = in.RequiredEnum("position", "职务", {"leader", "deputy", "member"});
  m.person_name = in.RequiredString("person_name", "姓名", 40);
  m.title = in.String("title", "职务说明", 100);
  m.sort_order = static_cast<int>(in.OptionalInt("sort_order", "排序", 0, 10000).value_or(0));
  VW_RETURN_IF_ERROR(in.status());
  return m;
}

Result<Duty> ParseDuty(const json::object& body) {
  FieldReader in(body);
  Duty d;
  d.unit_id = in.RequiredInt("unit_id", "单位", 1, INT64_MAX);
  d.department_name = in.RequiredString("department_name", "部门", 60);
  d.department_unit_id = in.OptionalInt("department_unit_id", "部门单位", 1, INT64_MAX);
  d.responsibility = in.RequiredMultilineString("responsibility", "工作职责", 1000);
  d.responsible_persons = in.String("responsible_persons", "责任人", 100);
  d.sort_order = static_cast<int>(in.OptionalInt("sort_order", "排序", 0, 10000).value_or(0));
  VW_RETURN_IF_ERROR(in.status());
  return d;
}

// A delete names the version it read in the query (?version=), as DELETE has
// no body; 409 when the row has changed since.
Param VersionQuery() {
  return Param::Int("version", "版本号", 1, INT32_MAX)
      .Required()
      .Describe("读取时的 version；记录已被他人修改时 409");
}

Result<int> QueryVersion(const RequestContext& ctx) {
  auto v = ctx.RequiredQueryInt("version");
  if (!v) return v.error();
  return static_cast<int>(*v);
}

}  // namespace

Result<std::shared_ptr<const std::string>> PublicCampaignCache::Get() {
  std::uint64_t generation;
  {
    std::lock_guard lock(mu_);
    if (body_ && CampaignPhase(campaign_, timeutil::NowUnix()) == phase_) {
      metrics::Process().public_campaign_cache.hits.Add();
      return body_;
    }
    generation = generation_;
  }
  metrics::Process().public_campaign_cache.misses.Add();
  // Built outside the lock; kept only if no write invalidated the cache
  // meanwhile, so a body read before a commit never outlives it.
  auto current = campaigns_.Current();
  if (!current) return current.error();
  json::object answer = ToJson(*current);
  auto body = std::make_shared<const std::string>(http::EnvelopeBody(answer));
  std::lock_guard lock(mu_);
  if (generation == generation_) {
    body_ = body;
    campaign_ = std::move(*current);
    phase_ = answer.at("phase").as_string();
  }
  return body;
}

void PublicCampaignCache::Invalidate() {
  metrics::Process().public_campaign_cache.invalidations.Add();
  std::lock_guard lock(mu_);
  body_.reset();
  ++generation_;
}

void RegisterCampaignRoutes(http::Router& router, CampaignService& campaigns,
                            PublicCampaignCache& cache) {
  // After a write's commit: this process's copy now, the others' through
  // the change signal.
  auto changed = [&campaigns, &cache](Response r) {
    if (r.status < 300) {
      campaigns.PublicChanged();
      cache.Invalidate();
    }
    return r;
  };

  router.Add(Verb::get, "/api/public/campaigns/current",
             {"当前活动周（公开）：主题、日期、主题日与省级截止时间", "public", Access::kPublic},
             [&cache](RequestContext&) {
               VW_HTTP_TRY(body, cache.Get());
               Response r;
               r.shared_body = body;
               r.SetHeader("Cache-Control", "no-cache");
               return r;
             });

  router.Add(Verb::get, "/api/campaigns", {"所有年度的活动周", "campaigns"},
             [&campaigns](RequestContext&) { return http::ReplyList(campaigns.List()); });

  router.Add(Verb::get, "/api/campaigns/{id}",
             {"活动周详情：主题日与当前用户可见的截止时间", "campaigns"},
             [&campaigns](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(c, campaigns.Get(ctx.principal(), id));
               return JsonOk(ToJson(c));
             });

  router.Add(Verb::put, "/api/campaigns/{id}",
             {"修改活动周名称、主题、日期与状态（带 version）", "campaigns"},
             [&campaigns, changed](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(version, RequiredVersion(body));
               VW_HTTP_TRY(input, ParseCampaignInput(body));
               VW_HTTP_TRY(c, campaigns.Update(ctx.principal(), id, version, input));
               return changed(JsonOk(ToJson(c)));
             });

  router.Add(Verb::post, "/api/campaigns/{id}/copy",
             {"复制为新一年的活动周（主题日与截止时间随开始日期平移）", "campaigns"},
             [&campaigns, changed](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(input, ParseCopyInput(body));
               VW_HTTP_TRY(c, campaigns.Copy(ctx.principal(), id, input));
               return changed(JsonOk(ToJson(c), 201));
             });

  router.Add(Verb::put, "/api/campaigns/{id}/days/{day_id}",
             {"修改主题日（带 version）", "campaigns"}, [&campaigns, changed](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(day_id, ctx.PathId("day_id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(version, RequiredVersion(body));
               VW_HTTP_TRY(input, ParseThemeDay(body));
               VW_HTTP_TRY(day,
                           campaigns.UpdateThemeDay(ctx.principal(), id, day_id, version, input));
               return changed(JsonOk(ToJson(day)));
             });

  router.Add(Verb::post, "/api/campaigns/{id}/deadlines",
             {"新增截止时间（collector_unit_id 为空表示省级）", "campaigns"},
             [&campaigns, changed](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(input, ParseDeadlineInput(body));
               VW_HTTP_TRY(d, campaigns.AddDeadline(ctx.principal(), id, input));
               return changed(JsonOk(ToJson(d), 201));
             });

  router.Add(
      Verb::put, "/api/campaigns/{id}/deadlines/{deadline_id}",
      {"修改截止时间（带 version）", "campaigns"}, [&campaigns, changed](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(deadline_id, ctx.PathId("deadline_id"));
        VW_HTTP_TRY(body, ctx.JsonBody());
        VW_HTTP_TRY(version, RequiredVersion(body));
        VW_HTTP_TRY(input, ParseDeadlineInput(body));
        VW_HTTP_TRY(d, campaigns.UpdateDeadline(ctx.principal(), id, deadline_id, version, input));
        return changed(JsonOk(ToJson(d)));
      });

  router.Add(
      Verb::delete_, "/api/campaigns/{id}/deadlines/{deadline_id}",
      {.summary = "删除截止时间（带 version）", .tag = "campaigns", .query = {VersionQuery()}},
      [&campaigns, changed](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(deadline_id, ctx.PathId("deadline_id"));
        VW_HTTP_TRY(version, QueryVersion(ctx));
        return changed(
            http::Reply(campaigns.DeleteDeadline(ctx.principal(), id, deadline_id, version)));
      });

  router.Add(
      Verb::get, "/api/campaigns/{id}/activity-categories",
      {.summary = "活动类别与标签（来自通知，随活动周复制）",
       .tag = "campaigns",
       .access = Access::kPublic,
       .query = {Param::Int("unit_id", "单位").Describe("只列该单位可用的类别，适合其层级的在前")}},
      [&campaigns](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(unit, ctx.QueryInt("unit_id"));
        VW_HTTP_TRY(rows, campaigns.Categories(id, unit));
        return http::ReplyList(rows);
      });

  router.Add(Verb::get, "/api/campaigns/{id}/sub-themes", {"各单位的分主题", "campaigns"},
             [&campaigns](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(rows, campaigns.SubThemes(ctx.principal(), id));
               return http::ReplyList(rows);
             });

  router.Add(Verb::put, "/api/campaigns/{id}/sub-themes/{unit_id}",
             {"设置本单位的分主题（带 version，尚未设置时为 0）", "campaigns"},
             [&campaigns](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit_id, ctx.PathId("unit_id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               FieldReader in(body);
               int version = static_cast<int>(in.RequiredInt("version", "版本号", 0, INT32_MAX));
               std::string text = in.String("sub_theme", "分主题", 100);
               if (!in.status()) return JsonError(in.status().error());
               VW_HTTP_TRY(r, campaigns.SetSubTheme(ctx.principal(), id, unit_id, version, text));
               return JsonOk(ToJson(r));
             });

  router.Add(Verb::get, "/api/campaigns/{id}/committee",
             {.summary = "单位的活动周工作领导小组（unit_id）",
              .tag = "campaigns",
              .query = {Param::Int("unit_id", "单位").Required()}},
             [&campaigns](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               VW_HTTP_TRY(rows, campaigns.Committee(ctx.principal(), id, unit));
               return http::ReplyList(rows);
             });

  auto save_member = [&campaigns](RequestContext& ctx, Id member_id) {
    VW_HTTP_TRY(id, ctx.PathId("id"));
    VW_HTTP_TRY(body, ctx.JsonBody());
    VW_HTTP_TRY(input, ParseMember(body));
    input.id = member_id;
    if (member_id) {
      VW_HTTP_TRY(version, RequiredVersion(body));
      input.version = version;
    }
    VW_HTTP_TRY(m, campaigns.SaveCommitteeMember(ctx.principal(), id, input));
    return JsonOk(ToJson(m), member_id ? 200 : 201);
  };
  router.Add(Verb::post, "/api/campaigns/{id}/committee", {"新增领导小组成员", "campaigns"},
             [save_member](RequestContext& ctx) { return save_member(ctx, 0); });
  router.Add(Verb::put, "/api/campaigns/{id}/committee/{member_id}",
             {"修改领导小组成员（带 version）", "campaigns"}, [save_member](RequestContext& ctx) {
               VW_HTTP_TRY(member_id, ctx.PathId("member_id"));
               return save_member(ctx, member_id);
             });
  router.Add(
      Verb::delete_, "/api/campaigns/{id}/committee/{member_id}",
      {.summary = "删除领导小组成员（带 version）", .tag = "campaigns", .query = {VersionQuery()}},
      [&campaigns](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(member_id, ctx.PathId("member_id"));
        VW_HTTP_TRY(version, QueryVersion(ctx));
        return http::Reply(
            campaigns.DeleteCommitteeMember(ctx.principal(), id, member_id, version));
      });

  router.Add(Verb::get, "/api/campaigns/{id}/duties",
             {.summary = "单位的部门职责分工（unit_id）",
              .tag = "campaigns",
              .query = {Param::Int("unit_id", "单位").Required()}},
             [&campaigns](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               VW_HTTP_TRY(rows, campaigns.Duties(ctx.principal(), id, unit));
               return http::ReplyList(rows);
             });

  auto save_duty = [&campaigns](RequestContext& ctx, Id duty_id) {
    VW_HTTP_TRY(id, ctx.PathId("id"));
    VW_HTTP_TRY(body, ctx.JsonBody());
    VW_HTTP_TRY(input, ParseDuty(body));
    input.id = duty_id;
    if (duty_id) {
      VW_HTTP_TRY(version, RequiredVersion(body));
      input.version = version;
    }
    VW_HTTP_TRY(d, campaigns.SaveDuty(ctx.principal(), id, input));
    return JsonOk(ToJson(d), duty_id ? 200 : 201);
  };
  router.Add(Verb::post, "/api/campaigns/{id}/duties", {"新增部门职责", "campaigns"},
             [save_duty](RequestContext& ctx) { return save_duty(ctx, 0); });
  router.Add(Verb::put, "/api/campaigns/{id}/duties/{duty_id}",
             {"修改部门职责（带 version）", "campaigns"}, [save_duty](RequestContext& ctx) {
               VW_HTTP_TRY(duty_id, ctx.PathId("duty_id"));
               return save_duty(ctx, duty_id);
             });
  router.Add(
      Verb::delete_, "/api/campaigns/{id}/duties/{duty_id}",
      {.summary = "删除部门职责（带 version）", .tag = "campaigns", .query = {VersionQuery()}},
      [&campaigns](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(duty_id, ctx.PathId("duty_id"));
        VW_HTTP_TRY(version, QueryVersion(ctx));
        return http::Reply(campaigns.DeleteDuty(ctx.principal(), id, duty_id, version));
      });

  router.Add(Verb::post, "/api/campaigns/{id}/generate-tasks",
             {"按职责分工生成任务（unit_id，可选 due_at）", "campaigns"},
             [&campaigns](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               FieldReader in(body);
               Id unit_id = in.RequiredInt("unit_id", "单位", 1, INT64_MAX);
               auto due = in.OptionalString("due_at", "截止时间", 40);
               if (!in.status()) return JsonError(in.status().error());
               std::optional<std::int64_t> due_at;
               if (due && !due->empty()) {
                 VW_HTTP_TRY(t, timeutil::ParseInstant(*due, "due_at", "截止时间"));
                 due_at = t;
               }
               VW_HTTP_TRY(n, campaigns.GenerateTasks(ctx.principal(), id, unit_id, due_at));
               return JsonOk(json::object{{"created", n}});
             });

  router.Add(Verb::get, "/api/campaigns/{id}/tasks",
             {.summary = "任务（unit_id 子树、status、分页）",
              .tag = "campaigns",
              .query = http::Paged(
                  {Param::Int("unit_id", "单位").Describe("含其下级单位"),
                   Param::Choice("status", "任务状态", {"todo", "in_progress", "done"})})},
             [&campaigns](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(page, ctx.Page());
               VW_HTTP_TRY(unit, ctx.QueryInt("unit_id"));
               VW_HTTP_TRY(status, ctx.QueryText("status"));
               CampaignService::TaskQuery q;
               q.unit_id = unit;
               q.status = status;
               q.offset = page.offset();
               q.limit = page.page_size;
               VW_HTTP_TRY(list, campaigns.Tasks(ctx.principal(), id, q));
               return http::ReplyList(list.first, list.second);
             });

  router.Add(Verb::post, "/api/campaigns/{id}/tasks", {"新建任务", "campaigns"},
             [&campaigns](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(input, ParseTaskInput(body));
               VW_HTTP_TRY(t, campaigns.CreateTask(ctx.principal(), id, input));
               return JsonOk(ToJson(t), 201);
             });

  router.Add(Verb::put, "/api/tasks/{id}", {"修改任务（带 version）", "campaigns"},
             [&campaigns](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(version, RequiredVersion(body));
               VW_HTTP_TRY(input, ParseTaskInput(body));
               VW_HTTP_TRY(t, campaigns.UpdateTask(ctx.principal(), id, version, input));
               return JsonOk(ToJson(t));
             });

  router.Add(Verb::delete_, "/api/tasks/{id}",
             {.summary = "删除任务（带 version）", .tag = "campaigns", .query = {VersionQuery()}},
             [&campaigns](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(version, QueryVersion(ctx));
               return http::Reply(campaigns.DeleteTask(ctx.principal(), id, version));
             });
}

}  // namespace vw::campaign
