#include "core/json.h"
#include "core/time.h"
#include "http/reply.h"
#include "reporting/reporting_routes.h"

namespace vw::reporting {
namespace {

namespace json = boost::json;
using http::Access;
using http::JsonError;
using http::JsonOk;
using http::Param;
using http::RequestContext;
using http::Verb;

constexpr std::size_t kScanLimit = (10u << 20) + 4096;

// A unit's form: the unit in the query, the form in the path.
Param UnitQuery() { return Param::Int("unit_id", "单位").Required(); }
Param FormPath() {
  return Param::Choice("form", "报表类型",
                       std::vector<std::string>(std::begin(kForms), std::end(kForms)))
      .Describe("info_form 信息采集表、statistics 情况统计表、summary 工作总结报告、plan 活动方案");
}

Result<std::int64_t> VersionOf(const json::object& body) {
  FieldReader in(body);
  auto v = in.RequiredInt("version", "版本", 0, INT64_MAX);
  VW_RETURN_IF_ERROR(in.status());
  return v;
}

http::Response ReplySubmission(const RequestContext& ctx, Result<Submission>&& r) {
  if (!r) return JsonError(r.error());
  json::monotonic_resource arena;
  return JsonOk(ToJson(*r, ctx.Origin(), json::storage_ptr(&arena)));
}

// 409 `confirm_required`: marking would drop these records from the
// parent's figures; the client shows them and resends with confirm: true.
http::Response ConfirmRequired(const DroppedRecords& d) {
  json::object err{{"code", "confirm_required"},
                   {"message",
                    "该单位有已开展的活动、签到或媒体报道记录，标记未参与后将不计入上级统计，"
                    "请确认"},
                   {"would_drop", json::object{{"activities", d.activities},
                                               {"people", d.people},
                                               {"media_reports", d.media_reports}}}};
  http::Response r;
  r.status = 409;
  r.body = json::serialize(json::object{{"ok", false}, {"error", std::move(err)}});
  return r;
}

}  // namespace

std::string DecodedFileName(std::string_view raw) {
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '%' && i + 2 < raw.size() &&
        std::isxdigit(static_cast<unsigned char>(raw[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(raw[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(raw.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(raw[i]);
    }
  }
  return out;
}

void RegisterSubmissionRoutes(http::Router& router, SubmissionService& forms) {
  const std::string base = "/api/campaigns/{id}/submissions/{form}";
  router.Add(Verb::get, base,
             {.summary = "单位的报表（info_form 信息采集表、statistics 情况统计表、summary "
                         "工作总结报告；unit_id）：数据、计算值、校验结果、可执行的操作",
              .tag = "reporting",
              .query = {UnitQuery()},
              .path = {FormPath()}},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               std::string form(ctx.PathParam("form"));
               return ReplySubmission(ctx, forms.Get(ctx.principal(), id, form, unit));
             });
  router.Add(Verb::put, base,
             {.summary = "保存报表草稿（version、data；版本冲突 409）",
              .tag = "reporting",
              .query = {UnitQuery()},
              .path = {FormPath()}},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(version, VersionOf(body));
               const json::value* data = body.if_contains("data");
               if (!data || !data->is_object()) {
                 return JsonError(Error::Invalid("data", "缺少报表内容"));
               }
               std::string form(ctx.PathParam("form"));
               return ReplySubmission(
                   ctx, forms.Save(ctx.principal(), id, form, unit, version, data->as_object()));
             });
  router.Add(Verb::post, base + "/validate",
             {.summary = "按校验规则检查未保存的报表内容",
              .tag = "reporting",
              .query = {UnitQuery()},
              .path = {FormPath()}},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               const json::value* data = body.if_contains("data");
               if (!data || !data->is_object()) {
                 return JsonError(Error::Invalid("data", "缺少报表内容"));
               }
               std::string form(ctx.PathParam("form"));
               VW_HTTP_TRY(issues, forms.Check(ctx.principal(), id, form, unit, data->as_object()));
               json::array out;
               for (const auto& i : issues) out.push_back(ToJson(i));
               return JsonOk(json::object{{"issues", std::move(out)}});
             });
  router.Add(Verb::post, base + "/submit",
             {.summary = "提交报表（逾期可提交并标记；下级未全部通过时 409）",
              .tag = "reporting",
              .query = {UnitQuery()},
              .path = {FormPath()}},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(version, VersionOf(body));
               std::string form(ctx.PathParam("form"));
               return ReplySubmission(ctx, forms.Submit(ctx.principal(), id, form, unit, version));
             });
  router.Add(Verb::post, base + "/sign-off",
             {.summary = "单位领导（本单位的单位管理员）审签已保存的报表（version；经领导审签）",
              .tag = "reporting",
              .query = {UnitQuery()},
              .path = {FormPath()}},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(version, VersionOf(body));
               std::string form(ctx.PathParam("form"));
               return ReplySubmission(ctx, forms.SignOff(ctx.principal(), id, form, unit, version));
             });
  router.Add(Verb::get, "/api/units/{id}/form-sign-off",
             {.summary = "单位的报表是否须经领导审签后提交", .tag = "reporting"},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(set, forms.SignOffRequired(ctx.principal(), id));
               return JsonOk(json::object{{"unit_id", id}, {"sign_off_required", set}});
             });
  router.Add(Verb::put, "/api/units/{id}/form-sign-off",
             {.summary = "设置单位的报表是否须经领导审签后提交（required）", .tag = "reporting"},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               const json::value* required = body.if_contains("required");
               if (!required || !required->is_bool()) {
                 return JsonError(Error::Invalid("required", "请选择是否须经领导审签"));
               }
               VW_HTTP_TRY(set, forms.SetSignOffRequired(ctx.principal(), id, required->as_bool()));
               return JsonOk(json::object{{"unit_id", id}, {"sign_off_required", set}});
             });
  router.Add(Verb::post, base + "/not-participating",
             {.summary = "上级标记下级单位未参与（reason；有计入统计的记录时需 confirm）",
              .tag = "reporting",
              .query = {UnitQuery()},
              .path = {FormPath()}},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               FieldReader in(body);
               std::string reason = in.MultilineString("reason", "原因", 500);
               bool confirm = in.Bool("confirm", "确认", false);
               VW_HTTP_TRY_STATUS(in.status());
               std::string form(ctx.PathParam("form"));
               auto r =
                   forms.MarkNotParticipating(ctx.principal(), id, form, unit, reason, confirm);
               if (!r) return JsonError(r.error());
               if (!r->marked) return ConfirmRequired(r->would_drop);
               return ReplySubmission(ctx, std::move(*r->marked));
             });
  router.Add(Verb::delete_, base + "/not-participating",
             {.summary = "撤销未参与标记",
              .tag = "reporting",
              .query = {UnitQuery()},
              .path = {FormPath()}},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               std::string form(ctx.PathParam("form"));
               return ReplySubmission(ctx,
                                      forms.ClearNotParticipating(ctx.principal(), id, form, unit));
             });
  router.Add(
      Verb::get, base + "/export",
      {.summary = "导出报表（format=xlsx|pdf|docx；已通过的带验证码）",
       .tag = "reporting",
       .offload = true,
       .query = {UnitQuery(),
                 Param::Choice("format", "导出格式", {"xlsx", "pdf", "docx"})
                     .Default("xlsx")
                     .Describe("信息采集表、情况统计表：xlsx 或 pdf；工作总结报告：pdf 或 docx")},
       .path = {FormPath()}},
      [&forms](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
        std::string form(ctx.PathParam("form"));
        VW_HTTP_TRY(format, ctx.QueryText("format"));
        VW_HTTP_TRY(file, forms.Export(ctx.principal(), id, form, unit, format, ctx.Origin()));
        return http::Download(std::move(file.bytes), file.content_type, file.file_name);
      });
  router.Add(
      Verb::get, "/api/campaigns/{id}/submissions/statistics/overview",
      {"全省汇总：教育、人社两条报送线的情况统计表按市（州）合并，合计不重复计算", "reporting"},
      [&forms](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(overview, forms.Overview(ctx.principal(), id));
        return JsonOk(ToJson(overview));
      });
  router.Add(Verb::get, "/api/campaigns/{id}/submissions/statistics/overview/export",
             {.summary = "导出全省汇总（format=xlsx|pdf，附件5格式）",
              .tag = "reporting",
              .offload = true,
              .query = {Param::Choice("format", "导出格式", {"xlsx", "pdf"}).Default("xlsx")}},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(format, ctx.QueryText("format"));
               VW_HTTP_TRY(file, forms.OverviewExport(ctx.principal(), id, format));
               return http::Download(std::move(file.bytes), file.content_type, file.file_name);
             });
  router.Add(Verb::get, "/api/campaigns/{id}/submissions/info_form/contacts/export",
             {.summary = "导出下属各报送单位信息采集表的联系人汇总（.xlsx）",
              .tag = "reporting",
              .offload = true,
              .query = {UnitQuery()}},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               VW_HTTP_TRY(file, forms.ContactsExport(ctx.principal(), id, unit));
               return http::Download(std::move(file.bytes), file.content_type, file.file_name);
             });
  router.Add(Verb::get, "/api/campaigns/{id}/submissions/bundle",
             {.summary = "打包下载直属下级单位已通过的报表（.zip，PDF 与 xlsx，附目录）",
              .tag = "reporting",
              .offload = true,
              .query = {UnitQuery()}},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               VW_HTTP_TRY(file, forms.ChildrenBundle(ctx.principal(), id, unit, ctx.Origin(),
                                                      SubmissionService::BundleLimits{}));
               return http::Download(std::move(file.bytes), file.content_type, file.file_name);
             });
  router.Add(Verb::get, "/api/campaigns/{id}/submissions/statistics/template",
             {.summary = "情况统计表填报模板（.xlsx；blank=1 为空白）",
              .tag = "reporting",
              .offload = true,
              .query = {UnitQuery(), Param::Flag("blank", "空白模板")}},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               VW_HTTP_TRY(file, forms.StatisticsTemplate(ctx.principal(), id, unit,
                                                          ctx.QueryFlag("blank")));
               return http::Download(std::move(file.bytes), file.content_type, file.file_name);
             });
  router.Add(Verb::post, "/api/campaigns/{id}/submissions/statistics/import",
             {.summary = "导入填好的情况统计表模板（请求体为 .xlsx；dry_run=1 只检查）",
              .tag = "reporting",
              .body_limit = 10u << 20,
              .query = {UnitQuery(), Param::Flag("dry_run", "只检查不写入")}},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               VW_HTTP_TRY(result,
                           forms.ImportStatistics(ctx.principal(), id, unit, ctx.body(),
                                                  ctx.Header(http::beast_http::field::content_type),
                                                  DecodedFileName(ctx.Header("X-File-Name")),
                                                  ctx.QueryFlag("dry_run")));
               return JsonOk(ToJson(result));
             });

  router.Add(Verb::post, "/api/submissions/{id}/accept",
             {"审核通过（version；锁定并生成带验证码的快照）", "reporting"},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(version, VersionOf(body));
               return ReplySubmission(ctx, forms.Accept(ctx.principal(), id, version));
             });
  router.Add(
      Verb::post, "/api/submissions/{id}/return",
      {"退回修改（comment 必填，field_comments 按字段；version 为审核人加载的版本）", "reporting"},
      [&forms](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(body, ctx.JsonBody());
        FieldReader in(body);
        std::string comment = in.MultilineString("comment", "退回意见", 1000);
        VW_HTTP_TRY_STATUS(in.status());
        json::object fields;
        if (const json::value* f = body.if_contains("field_comments"); f && !f->is_null()) {
          if (!f->is_object()) {
            return JsonError(Error::Invalid("field_comments", "字段意见格式不正确"));
          }
          fields = f->as_object();
        }
        VW_HTTP_TRY(version, VersionOf(body));
        return ReplySubmission(ctx, forms.Return(ctx.principal(), id, comment, fields, version));
      });
  router.Add(Verb::post, "/api/submissions/{id}/reopen",
             {"重新打开已通过的报表（reason 必填；version 为审核人加载的版本）", "reporting"},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               FieldReader in(body);
               std::string reason = in.MultilineString("reason", "原因", 1000);
               VW_HTTP_TRY_STATUS(in.status());
               VW_HTTP_TRY(version, VersionOf(body));
               return ReplySubmission(ctx, forms.Reopen(ctx.principal(), id, reason, version));
             });
  router.Add(Verb::get, "/api/submissions/{id}/history", {"报表的修改与流转记录", "reporting"},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(rows, forms.History(ctx.principal(), id));
               return http::ReplyList(rows);
             });
  router.Add(Verb::post, "/api/submissions/{id}/scans",
             {"上传盖章扫描件（请求体为 PDF/JPG/PNG 文件，≤10 MB）", "reporting", Access::kUser,
              kScanLimit},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(scan,
                           forms.AddScan(ctx.principal(), id,
                                         DecodedFileName(ctx.Header("X-File-Name")), ctx.body()));
               return JsonOk(json::object{{"id", scan.id},
                                          {"file_name", scan.file_name},
                                          {"content_type", scan.content_type},
                                          {"size_bytes", scan.size_bytes},
                                          {"uploaded_at", timeutil::UtcToApi(scan.uploaded_at)},
                                          {"uploaded_by_name", scan.uploaded_by_name}},
                             201);
             });
  router.Add(Verb::get, "/api/scans/{id}", {"下载盖章扫描件", "reporting"},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(file, forms.ScanOf(ctx.principal(), id));
               return http::Download(std::move(file.bytes), file.content_type, file.file_name);
             });

  router.Add(Verb::get, "/api/campaigns/{id}/board/{form}",
             {.summary = "下级单位报送进度（unit_id 为审核单位）",
              .tag = "reporting",
              .query = {UnitQuery()},
              .path = {FormPath()}},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               std::string form(ctx.PathParam("form"));
               VW_HTTP_TRY(board, forms.BoardOf(ctx.principal(), id, form, unit));
               return JsonOk(ToJson(board));
             });
  router.Add(Verb::post, "/api/campaigns/{id}/board/{form}/remind",
             {.summary = "提醒尚未提交的下级单位（站内通知）",
              .tag = "reporting",
              .query = {UnitQuery()},
              .path = {FormPath()}},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               std::string form(ctx.PathParam("form"));
               VW_HTTP_TRY(names, forms.RemindMissing(ctx.principal(), id, form, unit));
               json::array units;
               for (const auto& n : names) units.push_back(json::value(n));
               return JsonOk(json::object{{"reminded", static_cast<std::int64_t>(names.size())},
                                          {"units", std::move(units)}});
             });

  router.Add(Verb::get, "/api/notifications", {"本人所在单位的站内通知", "reporting"},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(rows, forms.Notifications(ctx.principal()));
               json::array items;
               std::int64_t unread = 0;
               for (const auto& n : rows) {
                 if (n.read_at.empty()) ++unread;
                 items.push_back(ToJson(n));
               }
               return JsonOk(json::object{{"items", std::move(items)},
                                          {"total", static_cast<std::int64_t>(rows.size())},
                                          {"unread", unread}});
             });
  router.Add(Verb::post, "/api/notifications/{id}/read", {"标记通知为已读", "reporting"},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(n, forms.MarkRead(ctx.principal(), id));
               return JsonOk(ToJson(n));
             });

  router.Add(Verb::get, "/api/validation-rules", {"报表校验规则", "reporting"},
             [&forms](RequestContext& ctx) { return http::ReplyList(forms.Rules()); });
  router.Add(Verb::put, "/api/validation-rules/{code}",
             {.summary = "修改校验规则（value、severity、enabled）",
              .tag = "reporting",
              .path = {Param::Text("code", "规则代码", 0)}},
             [&forms](RequestContext& ctx) {
               VW_HTTP_TRY(body, ctx.JsonBody());
               std::string code(ctx.PathParam("code"));
               const json::value* value = body.if_contains("value");
               if (!value || !value->is_number()) {
                 return JsonError(Error::Invalid("value", "规则参数应为数字"));
               }
               FieldReader in(body);
               std::string severity = in.RequiredEnum("severity", "级别", {"error", "warning"});
               bool enabled = in.Bool("enabled", "启用", true);
               VW_HTTP_TRY_STATUS(in.status());
               VW_HTTP_TRY(rule, forms.UpdateRule(ctx.principal(), code, value->to_number<double>(),
                                                  severity, enabled));
               return JsonOk(ToJson(rule));
             });

  router.Add(
      Verb::get, "/api/public/verify/{code}",
      {.summary = "公开核验已通过报表的验证码（不区分大小写；个人信息部分隐藏；每个地址每分钟 "
                  "30 次）",
       .tag = "public",
       .access = Access::kPublic,
       .path = {Param::Text("code", "验证码", 0)
                    .Describe("16 位（早先为 8 位），可带连字符或空格，不区分大小写")}},
      [&forms](RequestContext& ctx) {
        VW_HTTP_TRY(v, forms.Verify(std::string(ctx.PathParam("code")), ctx.client_ip()));
        return JsonOk(ToJson(v));
      });
  RegisterPlanRoutes(router, forms);
}

}  // namespace vw::reporting
