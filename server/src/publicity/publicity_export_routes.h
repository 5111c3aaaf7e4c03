// HTTP routes of the material library's files: GET /api/publicity/digest
// (宣传材料汇编, docx or PDF) and GET /api/publicity/archive (the originals as a
// zip). Both run on the worker pool (offloaded).
#pragma once

#include "http/router.h"
#include "media/media_service.h"
#include "org/scope.h"
#include "publicity/publicity_exports.h"

namespace vw::publicity {

// The routes own their PublicityExports; `db`, `scope` and `media` must
// outlive `router`.
void RegisterPublicityExportRoutes(http::Router& router, db::Database& db, const org::Scope& scope,
                                   media::MediaService& media, ExportLimits limits = {});

}  // namespace vw::publicity
