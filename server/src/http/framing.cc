#include "http/framing.h"

#include <boost/asio/buffer.hpp>
#include <cstdint>

namespace vw::http {

namespace beast = boost::beast;

namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::size_t HeadReader::Put(RequestParser& parser, std::string_view bytes, beast::error_code& ec) {
  if (used_ >= limit_) {
    ec = beast_http::error::header_limit;
    return 0;
  }
  // Beast applies its limit to the bytes of one call, and takes a head that
  // arrives in pieces a line at a time: it is given only what is left of
  // the head's limit.
  std::string_view allowed = bytes.substr(0, limit_ - used_);
  parser.header_limit(static_cast<std::uint32_t>(limit_ - used_));
  std::size_t n = parser.put(boost::asio::const_buffer(allowed.data(), allowed.size()), ec);
  std::string_view head = allowed.substr(0, n);
  if (!head.empty()) {
    folded_ = folded_ || HasObsFold(head) ||
              (last_ == '\n' && (head.front() == ' ' || head.front() == '\t'));
    last_ = head.back();
  }
  used_ += n;
  // As many bytes as the limit have arrived since the head began, and it is
  // still incomplete.
  if (ec == beast_http::error::need_more && used_ + (bytes.size() - n) >= limit_) {
    ec = beast_http::error::header_limit;
  }
  return n;
}

bool HasObsFold(std::string_view raw) {
  for (std::size_t i = raw.find('\n'); i != std::string_view::npos; i = raw.find('\n', i + 1)) {
    if (i + 1 < raw.size() && (raw[i + 1] == ' ' || raw[i + 1] == '\t')) return true;
  }
  return false;
}

std::optional<std::string> FramingProblem(const beast_http::request_header<>& head, bool folded) {
  if (folded) return "请求头不能折行";
  std::size_t hosts = head.count(beast_http::field::host);
  if (hosts > 1) return "请求头 Host 重复";
  if (hosts == 0 && head.version() >= 11) return "HTTP/1.1 请求缺少 Host 请求头";
  std::size_t encodings = head.count(beast_http::field::transfer_encoding);
  std::size_t lengths = head.count(beast_http::field::content_length);
  if (encodings > 0) {
    auto te = head.find(beast_http::field::transfer_encoding);
    if (encodings > 1 || !beast::iequals(te->value(), "chunked")) {
      return "Transfer-Encoding 只能是 chunked";
    }
    if (head.version() < 11) return "HTTP/1.0 请求不能使用 Transfer-Encoding";
    if (lengths > 0) return "Transfer-Encoding 与 Content-Length 不能同时出现";
  }
  if (lengths > 1) return "请求头 Content-Length 重复";
  if (lengths == 1) {
    auto cl = head.find(beast_http::field::content_length)->value();
    if (!AllDigits({cl.data(), cl.size()})) return "请求头 Content-Length 无效";
  }
  return std::nullopt;
}

bool LimitBody(RequestParser& parser, std::size_t limit) {
  if (auto length = parser.content_length(); length && *length > limit) return false;
  parser.body_limit(limit);
  return true;
}

}  // namespace vw::http
