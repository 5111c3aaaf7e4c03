// Reading a request head strictly: the head is fed to Beast's parser, and
// what the parser accepts silently but a proxy in front may read differently
// (request smuggling) is refused before the request reaches a route.
//
// The server reads every request head through HeadReader and FramingProblem;
// the fuzz target server/fuzz/http_head_fuzz.cc feeds them arbitrary bytes.
#pragma once

#include <boost/beast/http.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vw::http {

namespace beast_http = boost::beast::http;

// Bytes a request head (request line and header fields) may take.
inline constexpr std::size_t kHeaderLimit = 16 * 1024;

using RequestParser = beast_http::request_parser<beast_http::string_body>;

// Feeds the bytes of one request head to a parser as they arrive, noting
// obsolete line folding on the way. One reader per request (construct a new
// one with the new parser). Not thread-safe.
class HeadReader {
 public:
  // `limit`: bytes the head may take in all, however it arrives (smaller in
  // the fuzz target, so that short inputs reach it).
  explicit HeadReader(std::size_t limit = kHeaderLimit) : limit_(limit) {}

  // Puts `bytes` (everything received and not yet used) into `parser`,
  // which must not have read its head yet. Returns how many bytes the parser
  // used; the caller drops them and keeps the rest for the next call (or the
  // body). `ec` is http::error::need_more while the head is incomplete,
  // empty once it is complete, http::error::header_limit when it is not
  // complete within its first `limit` bytes (counted over all calls), another
  // error when it is malformed. The parser never takes more than `limit`.
  std::size_t Put(RequestParser& parser, std::string_view bytes, boost::beast::error_code& ec);

  // Whether a header line of the bytes used so far continued the previous
  // one (obs-fold, which the parser joins silently).
  bool folded() const { return folded_; }

 private:
  std::size_t limit_;
  std::size_t used_ = 0;  // bytes of the head the parser has taken
  char last_ = 0;         // the last of them
  bool folded_ = false;
};

// Obsolete line folding in `raw`: a line break followed by a space or tab.
bool HasObsFold(std::string_view raw);

// The reason, in Chinese, why a parsed head's framing is refused, or nullopt
// when it is sound: obs-fold (`folded`), no Host or several on HTTP/1.1,
// several Hosts on HTTP/1.0, a Transfer-Encoding other than one "chunked"
// (or any on HTTP/1.0), Transfer-Encoding with Content-Length, a repeated
// or list-valued Content-Length or one that is not all digits.
std::optional<std::string> FramingProblem(const beast_http::request_header<>& head, bool folded);

// Sets the route's body limit on a parser whose head is complete. Returns
// false, leaving the parser as it is, when the head declares a Content-Length
// above `limit`: the body must then not be read at all, since the parser's
// string body reserves the declared length before the first byte arrives.
bool LimitBody(RequestParser& parser, std::size_t limit);

}  // namespace vw::http
