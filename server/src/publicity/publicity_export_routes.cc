#include "publicity/publicity_export_routes.h"

#include <memory>

#include "http/reply.h"

namespace vw::publicity {
namespace {

using http::Param;
using http::RequestContext;
using http::Verb;

std::vector<Param> CampaignAndUnit() {
  return {Param::Int("campaign_id", "活动周").Required(), Param::Int("unit_id", "单位").Required()};
}

}  // namespace

void RegisterPublicityExportRoutes(http::Router& router, db::Database& db, const org::Scope& scope,
                                   media::MediaService& media, ExportLimits limits) {
  auto exports = std::make_shared<PublicityExports>(db, scope, media, limits);
  std::vector<Param> digest_query = CampaignAndUnit();
  digest_query.push_back(Param::Choice("format", "导出格式", {"docx", "pdf"}).Default("docx"));
  router.Add(Verb::get, "/api/publicity/digest",
             {.summary = "导出宣传材料汇编（format=docx|pdf：采用和择优推送的稿件、图片、典型案例，"
                         "媒体报道按级别列出），范围为本单位及下属单位",
              .tag = "publicity",
              .offload = true,
              .query = digest_query},
             [exports](RequestContext& ctx) {
               VW_HTTP_TRY(campaign, ctx.RequiredQueryInt("campaign_id"));
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
               VW_HTTP_TRY(format, ctx.QueryText("format"));
               VW_HTTP_TRY(file, exports->Digest(ctx.principal(), campaign, unit, format));
               return http::Download(std::move(file.bytes), file.content_type, file.file_name);
             });
  router.Add(
      Verb::get, "/api/publicity/archive",
      {.summary = "打包下载本单位已采用和择优推送的宣传材料原件（.zip，每件一个文件夹，附目录）",
       .tag = "publicity",
       .offload = true,
       .query = CampaignAndUnit()},
      [exports](RequestContext& ctx) {
        VW_HTTP_TRY(campaign, ctx.RequiredQueryInt("campaign_id"));
        VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
        VW_HTTP_TRY(file, exports->Archive(ctx.principal(), campaign, unit));
        return http::Download(std::move(file.bytes), file.content_type, file.file_name);
      });
}

}  // namespace vw::publicity
