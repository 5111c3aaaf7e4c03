// HTTP side of the public topic site (docs/publicity.md, "Public topic
// site"): /api/public/campaigns/{id}/topic|gallery|columns/{unit_id},
// /api/public/publicity/{id} and /api/public/media/{blob_id}/{variant}.
#pragma once

#include "activity/activity_routes.h"
#include "http/router.h"
#include "media/content_store.h"
#include "publicity/public_topic.h"

namespace vw::publicity {

// The topic site's answers are kept in `cache` (keyed by what the request
// asks, never by a header) and served with an ETag like the programme's.
// Whoever writes what they show drops it: PublicityService::SetOnChange,
// and on other nodes the `publicity` change signal (app.cc). Files come
// from `store`, only those of public items.
void RegisterPublicTopicRoutes(http::Router& router, PublicTopic& topic,
                               activity::PublicProgrammeCache& cache,
                               const media::ContentStore& store);

}  // namespace vw::publicity
