// HTTP routes of the material library and its flow (docs/publicity.md):
// /api/publicity/items, its steps, and /api/publicity/board.
#pragma once

#include "http/router.h"
#include "publicity/publicity.h"

namespace vw::publicity {

void RegisterPublicityRoutes(http::Router& router, PublicityService& publicity);

}  // namespace vw::publicity
