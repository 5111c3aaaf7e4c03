#include "reporting/reporting_routes.h"

#include "core/json.h"
#include "export/xlsx.h"
#include "http/reply.h"

namespace vw::reporting {

using http::Access;
using http::JsonOk;
using http::Param;
using http::RequestContext;
using http::Verb;

namespace {

Param UnitQuery() { return Param::Int("unit_id", "单位").Required(); }

// The counted figures (all but the ratios), whose records can be listed.
std::vector<std::string> CountedFigures() {
  std::vector<std::string> out;
  for (const auto& f : kStatisticsFields) {
    if (f.sum == FieldSum::kAdd) out.emplace_back(f.code);
  }
  return out;
}

}  // namespace

void RegisterReportingRoutes(http::Router& router, ReportingService& reporting) {
  router.Add(
      Verb::get, "/api/reporting/statistics-fields",
      {.summary =
           "情况统计表（附件5）的统计项：代码、名称、分组、单位、可否调整、汇总方式（按附件列序；"
           "公开，核验页也用）",
       .tag = "reporting",
       .access = Access::kPublic},
      [](RequestContext&) { return JsonOk(StatisticsFieldsJson()); });
  router.Add(Verb::get, "/api/campaigns/{id}/statistics",
             {.summary = "情况统计表（由活动、签到和媒体报道记录计算；unit_id）",
              .tag = "reporting",
              .query = {UnitQuery()}},
             [&reporting](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               VW_HTTP_TRY(st, reporting.StatisticsOf(ctx.principal(), id, unit));
               return JsonOk(ToJson(st));
             });
  router.Add(
      Verb::get, "/api/campaigns/{id}/statistics/sources",
      {.summary = "统计项背后的记录（unit_id、figure）",
       .tag = "reporting",
       .query = {UnitQuery(), Param::Choice("figure", "统计项", CountedFigures()).Required()}},
      [&reporting](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
        VW_HTTP_TRY(figure, ctx.QueryText("figure"));
        VW_HTTP_TRY(rows, reporting.SourcesOf(ctx.principal(), id, unit, figure));
        return http::ReplyList(rows);
      });
  router.Add(Verb::get, "/api/campaigns/{id}/statistics/export",
             {.summary = "导出情况统计表（附件5格式 .xlsx；unit_id）",
              .tag = "reporting",
              .offload = true,
              .query = {UnitQuery()}},
             [&reporting](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               VW_HTTP_TRY(file, reporting.StatisticsWorkbook(ctx.principal(), id, unit));
               return http::Download(std::move(file.second), std::string(xlsx::kContentType),
                                     file.first + ".xlsx");
             });
  router.Add(
      Verb::get, "/api/campaigns/{id}/media-reports",
      {.summary = "媒体报道记录（unit_id 子树）", .tag = "reporting", .query = {UnitQuery()}},
      [&reporting](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
        VW_HTTP_TRY(rows, reporting.MediaReports(ctx.principal(), id, unit));
        return http::ReplyList(rows);
      });
  router.Add(Verb::post, "/api/campaigns/{id}/media-reports",
             {"登记媒体报道（媒体名称、级别、标题、日期、链接）；本单位、上级或下级已登记的同一报道"
              "（同一链接，或同一媒体的同名报道）409",
              "reporting"},
             [&reporting](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(input, ParseMediaReportInput(body));
               VW_HTTP_TRY(m, reporting.AddMediaReport(ctx.principal(), id, input));
               return JsonOk(ToJson(m), 201);
             });
  router.Add(Verb::put, "/api/media-reports/{id}",
             {"修改媒体报道记录（带 version；已被他人修改时 409；与本单位、上级或下级已登记的"
              "报道重复时 409）",
              "reporting"},
             [&reporting](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(body, ctx.JsonBody());
               VW_HTTP_TRY(version, RequiredVersion(body));
               VW_HTTP_TRY(input, ParseMediaReportInput(body));
               VW_HTTP_TRY(m, reporting.UpdateMediaReport(ctx.principal(), id, version, input));
               return JsonOk(ToJson(m));
             });
  router.Add(Verb::get, "/api/media-reports/{id}/history",
             {"媒体报道记录的修改记录（谁、何时、改前改后）", "reporting"},
             [&reporting](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(rows, reporting.MediaReportHistory(ctx.principal(), id));
               return http::ReplyListWith(rows,
                                          [](const audit::Row& r) { return audit::ToJson(r); });
             });
  router.Add(
      Verb::delete_, "/api/media-reports/{id}",
      {.summary = "删除媒体报道记录（可带 version；已被他人修改时 409）",
       .tag = "reporting",
       .query = {Param::Int("version", "版本号", 1, INT32_MAX).Describe("读取时的 version")}},
      [&reporting](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(v, ctx.QueryInt("version"));
        std::optional<int> version;
        if (v) version = static_cast<int>(*v);
        return http::Reply(reporting.DeleteMediaReport(ctx.principal(), id, version));
      });
}

}  // namespace vw::reporting
