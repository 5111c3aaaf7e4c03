// The Range header of a GET (RFC 9110, section 14): one range of bytes of a
// stored file, so a phone's video player can seek and a broken download can
// go on without the server holding the whole file in memory.
//
// Only a single range is served; several ranges, another unit than bytes or
// a malformed header are ignored (the whole file is answered, as the RFC
// allows). A range past the end is unsatisfiable (416).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace vw::http {

struct ByteRange {
  std::uint64_t first = 0;
  std::uint64_t last = 0;  // inclusive
  std::uint64_t length() const { return last - first + 1; }
};

struct RangeRequest {
  enum Kind { kWhole, kRange, kUnsatisfiable } kind = kWhole;
  ByteRange range;  // kRange
};

// Parses `header` ("bytes=0-", "bytes=100-199", "bytes=-500") against a file
// of `size` bytes. A range is cut to at most `max_length` bytes from its
// first byte: the answer then says which bytes it holds (Content-Range) and
// the client asks for the rest.
RangeRequest ParseRange(std::string_view header, std::uint64_t size, std::uint64_t max_length);

// "bytes 0-499/1234"; for an unsatisfiable range "bytes */1234".
std::string ContentRange(const RangeRequest& r, std::uint64_t size);

}  // namespace vw::http
