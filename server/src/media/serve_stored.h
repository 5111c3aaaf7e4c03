// Answers a GET for a stored file (a blob's version): the content hash as
// ETag (304 when the client has it), one byte range (206; 416 past the
// end) so a phone's video player seeks and a download resumes, or the whole
// file.
//
// Every answer has a memory budget: a range answer holds at most
// kMaxRangeBytes (an open range like "bytes=0-" gets the first slice and
// Content-Range says so), and whole answers of large files share a
// process-wide budget of bytes in flight, released when the answer has
// been sent; over it the client gets 503 with Retry-After instead of the
// server growing by hundreds of megabytes. (The budget is load shedding of
// one node, not an answer that differs between nodes.)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "http/request.h"
#include "http/response.h"
#include "media/content_store.h"

namespace vw::media {

inline constexpr std::uint64_t kMaxRangeBytes = std::uint64_t{8} << 20;
// Whole answers up to this size are not counted (thumbnails, web images).
inline constexpr std::uint64_t kUncountedWholeBytes = std::uint64_t{8} << 20;
inline constexpr std::uint64_t kWholeBytesInFlight = std::uint64_t{512} << 20;

struct StoredFile {
  std::string sha256;
  std::string mime;
};

http::Response ServeStored(const http::RequestContext& ctx, const ContentStore& store,
                           const StoredFile& file, std::string_view cache_control);

// Bytes of whole answers counted against the budget and not yet sent (tests).
std::uint64_t WholeBytesInFlight();

}  // namespace vw::media
