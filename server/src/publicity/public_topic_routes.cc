#include "publicity/public_topic_routes.h"

#include "http/reply.h"

namespace vw::publicity {
namespace {

using http::Access;
using http::Param;
using http::RequestContext;
using http::Verb;

// A page of the cache built from one of PublicTopic's answers.
Result<activity::PublicProgrammeCache::Page> Cached(
    activity::PublicProgrammeCache& cache, const std::string& key,
    const std::function<Result<json::value>()>& build) {
  return cache.Get(key, [&]() -> Result<std::string> {
    VW_TRY(data, build());
    return http::EnvelopeBody(data);
  });
}

Result<GalleryQuery> ParseGalleryQuery(RequestContext& ctx) {
  GalleryQuery q;
  VW_TRY(page, ctx.Page());
  q.offset = static_cast<int>(page.offset());
  q.limit = static_cast<int>(page.page_size);
  VW_TRY(day, ctx.QueryInt("theme_day_id"));
  q.theme_day_id = day;
  VW_TRY(unit, ctx.QueryInt("unit_id"));
  q.unit_id = unit;
  VW_TRY(kind, ctx.QueryText("kind"));
  q.kind = kind;
  return q;
}

std::string GalleryKey(Id campaign_id, const GalleryQuery& q) {
  auto opt = [](const std::optional<Id>& v) { return v ? std::to_string(*v) : std::string(); };
  return "gallery|" + std::to_string(campaign_id) + "|" + opt(q.theme_day_id) + "|" +
         opt(q.unit_id) + "|" + q.kind + "|" + std::to_string(q.offset) + "|" +
         std::to_string(q.limit);
}

}  // namespace

void RegisterPublicTopicRoutes(http::Router& router, PublicTopic& topic,
                               activity::PublicProgrammeCache& cache,
                               const media::ContentStore& store) {
  router.Add(Verb::get, "/api/public/campaigns/{id}/topic",
             {"活动周专题：各主题日的新闻和典型案例、择优推送的作品、数量（ETag）", "public",
              Access::kPublic},
             [&topic, &cache](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(page, Cached(cache, "topic|" + std::to_string(id),
                                        [&] { return topic.Topic(id); }));
               return activity::CachedReply(ctx, page);
             });

  router.Add(
      Verb::get, "/api/public/campaigns/{id}/gallery",
      {.summary = "图片和视频（已公开；theme_day_id、unit_id 含下级、kind、分页；ETag）",
       .tag = "public",
       .access = Access::kPublic,
       .query = http::Paged({Param::Int("theme_day_id", "主题日"), Param::Int("unit_id", "单位"),
                             Param::Choice("kind", "类型", {"photos", "video"})},
                            kMaxGalleryPageSize)},
      [&topic, &cache](RequestContext& ctx) {
        VW_HTTP_TRY(id, ctx.PathId("id"));
        VW_HTTP_TRY(q, ParseGalleryQuery(ctx));
        VW_HTTP_TRY(page, Cached(cache, GalleryKey(id, q), [&] { return topic.Gallery(id, q); }));
        return activity::CachedReply(ctx, page);
      });

  router.Add(Verb::get, "/api/public/publicity/{id}",
             {"一篇已公开的稿件、图片、视频或典型案例（ETag）", "public", Access::kPublic},
             [&topic, &cache](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(page, Cached(cache, "item|" + std::to_string(id),
                                        [&] { return topic.Item(id); }));
               return activity::CachedReply(ctx, page);
             });

  router.Add(Verb::get, "/api/public/campaigns/{id}/columns/{unit_id}",
             {"学校（单位）专栏：本单位及下级已公开的新闻、典型案例、图片视频和活动数（ETag）",
              "public", Access::kPublic},
             [&topic, &cache](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.PathId("unit_id"));
               VW_HTTP_TRY(
                   page, Cached(cache, "column|" + std::to_string(id) + "|" + std::to_string(unit),
                                [&] { return topic.Column(id, unit); }));
               return activity::CachedReply(ctx, page);
             });

  router.Add(Verb::get, "/api/public/media/{blob_id}/{variant}",
             {.summary = "已公开作品的文件（web 网页尺寸、thumb 缩略图、poster 视频封面、video "
                         "视频本身，支持 Range 分段）；其他文件 404",
              .tag = "public",
              .access = Access::kPublic,
              .offload = true,
              .path = {Param::Choice("variant", "版本", {"web", "thumb", "poster", "video"})}},
             [&topic, &store](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("blob_id"));
               std::string_view code = ctx.PathParam("variant");
               auto variant = code == "video" ? std::optional(media::Variant::kOriginal)
                                              : media::ParseVariant(code);
               if (!variant || (code != "video" && *variant == media::Variant::kOriginal)) {
                 return http::JsonError(Error::NotFound("该文件没有这个版本"));
               }
               VW_HTTP_TRY(file, topic.PublicFile(id, *variant));
               return media::ServeStored(ctx, store, file, "public, max-age=86400");
             });
}

}  // namespace vw::publicity
