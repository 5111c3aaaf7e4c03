#include "media/serve_stored.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <memory>

#include "http/byte_range.h"
#include "http/reply.h"

namespace vw::media {
namespace {

std::atomic<std::uint64_t> whole_in_flight{0};

bool Reserve(std::uint64_t bytes) {
  std::uint64_t now = whole_in_flight.load();
  do {
    if (now + bytes > kWholeBytesInFlight) return false;
  } while (!whole_in_flight.compare_exchange_weak(now, now + bytes));
  return true;
}

void SetCommonHeaders(http::Response& r, const std::string& etag, std::string_view cache_control) {
  r.SetHeader("ETag", etag);
  r.SetHeader("Cache-Control", std::string(cache_control));
  r.SetHeader("Accept-Ranges", "bytes");
}

http::Response Unavailable() {
  return http::JsonError(Error::Internal("文件存储暂不可用，请稍后重试"));
}

}  // namespace

std::uint64_t WholeBytesInFlight() { return whole_in_flight.load(); }

http::Response ServeStored(const http::RequestContext& ctx, const ContentStore& store,
                           const StoredFile& file, std::string_view cache_control) {
  std::string etag = "\"" + file.sha256 + "\"";
  if (ctx.Header(http::beast_http::field::if_none_match) == etag) {
    http::Response r;
    r.status = 304;
    SetCommonHeaders(r, etag, cache_control);
    return r;
  }
  auto size = store.Size(file.sha256);
  if (!size) {
    spdlog::error("media store: missing file {}", file.sha256);
    return Unavailable();
  }
  http::RangeRequest range;
  std::string_view asked = ctx.Header(http::beast_http::field::range);
  std::string_view if_range = ctx.Header(http::beast_http::field::if_range);
  if (!asked.empty() && (if_range.empty() || if_range == etag)) {
    range = http::ParseRange(asked, *size, kMaxRangeBytes);
  }
  http::Response r;
  SetCommonHeaders(r, etag, cache_control);
  r.SetHeader("X-Content-Type-Options", "nosniff");
  r.SetHeader("Content-Disposition", "inline");
  if (range.kind == http::RangeRequest::kUnsatisfiable) {
    r.status = 416;
    r.SetHeader("Content-Range", http::ContentRange(range, *size));
    return r;
  }
  r.content_type = file.mime;
  if (range.kind == http::RangeRequest::kRange) {
    auto bytes = store.ReadRange(file.sha256, range.range.first, range.range.length());
    if (!bytes) return Unavailable();
    r.status = 206;
    r.SetHeader("Content-Range", http::ContentRange(range, *size));
    r.body = std::move(*bytes);
    return r;
  }
  bool counted = *size > kUncountedWholeBytes;
  if (counted && !Reserve(*size)) {
    http::Response busy =
        http::JsonError(Error{ErrorCode::kUnavailable, "同时下载的大文件过多，请稍后重试", ""});
    busy.SetHeader("Retry-After", "5");
    return busy;
  }
  auto bytes = store.ReadRange(file.sha256, 0, *size);
  if (!bytes) {
    if (counted) whole_in_flight -= *size;
    return Unavailable();
  }
  if (!counted) {
    r.body = std::move(*bytes);
    return r;
  }
  // Released when the server drops the answer, after it has been sent.
  std::uint64_t reserved = *size;
  r.shared_body = std::shared_ptr<const std::string>(new std::string(std::move(*bytes)),
                                                     [reserved](const std::string* s) {
                                                       delete s;
                                                       whole_in_flight -= reserved;
                                                     });
  return r;
}

}  // namespace vw::media
