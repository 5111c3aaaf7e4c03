// Zip archives written in memory with libzip: the .docx package and the
// bundles of filed forms (reporting's archive of a unit's children).
// Domain-free; names are stored as UTF-8 (the general-purpose flag bit 11),
// contents deflated.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace vw::archive {

inline constexpr std::string_view kZipContentType = "application/zip";

// The zip archive of `entries` (name → bytes), in the given order. The
// names must be distinct and relative ("a/b.pdf"). kInternal, naming
// `what` ("Word 文件", "压缩包"), when libzip fails. Thread-safe (no shared
// state).
Result<std::string> Zip(const std::vector<std::pair<std::string, std::string>>& entries,
                        std::string_view what);

}  // namespace vw::archive
