#include "media/media_routes.h"

#include "http/reply.h"
#include "media/serve_stored.h"

namespace vw::media {
namespace {

using http::Access;
using http::Param;
using http::RequestContext;
using http::Verb;

}  // namespace

void RegisterMediaRoutes(http::Router& router, MediaService& media) {
  router.Add(
      Verb::post, "/api/media/uploads",
      {.summary = "开始上传文件（unit_id、name、size、kind=image|video）：超出单个文件或本单位"
                  "空间上限立即拒绝",
       .tag = "media"},
      [&media](RequestContext& ctx) {
        VW_HTTP_TRY(body, ctx.JsonBody());
        VW_HTTP_TRY(in, ReadNewUpload(body));
        return http::Reply(
            media.CreateUpload(ctx.principal(), in),
            [&](const Upload& u) {
              auto o = ToJson(u).as_object();
              o["chunk_limit"] = static_cast<std::int64_t>(media.options().chunk_limit);
              return json::value(std::move(o));
            },
            201);
      });
  router.Add(Verb::get, "/api/media/uploads/{id}",
             {.summary = "上传进度（已收到的字节数，用于断点续传）", .tag = "media"},
             [&media](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               return http::Reply(media.GetUpload(ctx.principal(), id),
                                  [](const Upload& u) { return ToJson(u); });
             });
  router.Add(Verb::put, "/api/media/uploads/{id}/chunks",
             {.summary = "上传一个分片（请求体为字节本身，offset 为其起点，须等于已收到的字节数）",
              .tag = "media",
              .body_limit = media.options().chunk_limit,
              .query = {Param::Int("offset", "【偏移】", 0, std::int64_t{1} << 40).Required()}},
             [&media](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(offset, ctx.RequiredQueryInt("offset"));
               return http::Reply(media.PutChunk(ctx.principal(), id,
                                                 static_cast<std::uint64_t>(offset), ctx.body()),
                                  [](const Upload& u) { return ToJson(u); });
             });
  router.Add(
      Verb::post, "/api/media/uploads/{id}/complete",
      {.summary = "完成上传：按内容检查并处理文件（图片去除元数据、生成缩略图；视频截取封面）",
       .tag = "media",
       .offload = true},
      [&media](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        return http::Reply(media.Complete(ctx.principal(), id),
                           [](const Blob& b) { return ToJson(b); });
      });
  router.Add(Verb::get, "/api/media/blobs/{id}", {.summary = "文件信息", .tag = "media"},
             [&media](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               return http::Reply(media.GetBlob(ctx.principal(), id),
                                  [](const Blob& b) { return ToJson(b); });
             });
  router.Add(
      Verb::get, "/api/media/blobs/{id}/{variant}",
      {.summary =
           "下载文件的一个版本（original 原图/视频、web 网页尺寸、thumb 缩略图、poster 封面）",
       .tag = "media",
       .offload = true,
       .path = {Param::Choice("variant", "版本", {"original", "web", "thumb", "poster"})}},
      [&media](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        auto variant = ParseVariant(ctx.PathParam("variant"));
        if (!variant) return http::JsonError(Error::NotFound("该文件没有这个版本"));
        VW_HTTP_TRY(file, media.Locate(ctx.principal(), id, *variant));
        return ServeStored(ctx, media.store(), {file.sha256, file.mime}, "private, max-age=86400");
      });
}

}  // namespace vw::media
