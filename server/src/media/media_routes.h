// HTTP routes of the media module: /api/media/uploads (resumable chunked
// uploads) and /api/media/blobs (stored files and their derived versions).
#pragma once

#include "http/router.h"
#include "media/media_service.h"

namespace vw::media {

void RegisterMediaRoutes(http::Router& router, MediaService& media);

}  // namespace vw::media
