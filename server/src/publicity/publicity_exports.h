// The files of the material library (issue 18 "Exports"; docs/publicity.md):
//
//   Digest   a unit's publicity digest (宣传材料汇编), docx or PDF, the annex of
//            its summary report: title page with the unit and the campaign,
//            the counts per kind, the featured articles (择优推送 first, then
//            采用) with their body and photos (web versions), the cases, the
//            photo sets, the video links and the media report list by level,
//            all over the unit's subtree (for the province: the whole chain).
//   Archive  a zip of the originals of the unit's library items that are
//            accepted or pushed (its own, and those it took), a folder per
//            item, with 目录.xlsx listing them.
//
// Authority is over the target: the caller needs a grant over `unit_id`
// (a forged or foreign unit answers kForbidden, an unknown campaign
// kNotFound); the files are read through MediaService, which checks the
// same again. Both are slow (call from the worker pool) and bounded by
// ExportLimits: over a limit answers kInvalid with a Chinese message naming
// "unit_id" before any file is read. Thread-safe: no shared state beyond the
// database and the media store.
#pragma once

#include <cstdint>
#include <string>

#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "media/media_service.h"
#include "org/scope.h"

namespace vw::publicity {

struct ExportLimits {
  std::size_t max_items = 300;                   // items a digest or an archive lists
  std::size_t max_pictures = 80;                 // photos a digest shows
  std::size_t pictures_per_item = 6;             // photos a digest shows of one item
  std::uint64_t max_picture_bytes = 60u << 20;   // their web versions together
  std::size_t max_files = 600;                   // files an archive holds
  std::uint64_t max_archive_bytes = 300u << 20;  // their originals together
};

struct ExportFile {
  std::string bytes;
  std::string content_type;
  std::string file_name;
};

class PublicityExports {
 public:
  PublicityExports(db::Database& db, const org::Scope& scope, media::MediaService& media,
                   ExportLimits limits = {})
      : db_(db), scope_(scope), media_(media), limits_(limits) {}

  // `format` is "docx" or "pdf" (anything else: kInvalid naming "format").
  Result<ExportFile> Digest(const Principal& p, Id campaign_id, Id unit_id,
                            const std::string& format);
  Result<ExportFile> Archive(const Principal& p, Id campaign_id, Id unit_id);

 private:
  db::Database& db_;
  const org::Scope& scope_;
  media::MediaService& media_;
  ExportLimits limits_;
};

}  // namespace vw::publicity
