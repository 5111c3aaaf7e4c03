// libFuzzer target: bytes as a client sends them, read as the server reads
// a request head (HeadReader over Beast's request parser, then
// FramingProblem), and the body after an accepted head.
//
// The same bytes arrive in several ways (at once, byte by byte, cut just
// after line ends, in small pieces) and with the server's head limit and a
// small one. Checked: the head never takes more than the limit, however the
// bytes arrive; whether a head is accepted does not depend on how they
// arrive; and a head the checks accept frames its body unambiguously, read
// from the raw bytes as a proxy in front would read them (one Host on
// HTTP/1.1, at most one Content-Length of digits, Transfer-Encoding only
// "chunked" and never with Content-Length, lines ended by CRLF, no folding).
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "http/framing.h"

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using vw::http::FramingProblem;
using vw::http::HeadReader;
using vw::http::RequestParser;

// A small head limit, so that short inputs reach it.
constexpr std::size_t kSmallLimit = 200;

// How the bytes arrive: the lengths of the successive reads.
enum class Arrival {
  kAtOnce,
  kByteByByte,
  kAtLineEnds,
  kOneAfterLineEnds,
  kTwoAfterLineEnds,
  kSevens
};
constexpr Arrival kArrivals[] = {Arrival::kAtOnce,           Arrival::kByteByByte,
                                 Arrival::kAtLineEnds,       Arrival::kOneAfterLineEnds,
                                 Arrival::kTwoAfterLineEnds, Arrival::kSevens};

std::vector<std::size_t> Cuts(std::string_view in, Arrival arrival) {
  std::vector<std::size_t> cuts;  // end offsets of the reads
  auto after_line_ends = [&](std::size_t extra) {
    for (std::size_t i = in.find('\n'); i != std::string_view::npos; i = in.find('\n', i + 1)) {
      if (i + 1 + extra <= in.size()) cuts.push_back(i + 1 + extra);
    }
  };
  switch (arrival) {
    case Arrival::kAtOnce:
      break;
    case Arrival::kByteByByte:
      for (std::size_t i = 1; i < in.size(); ++i) cuts.push_back(i);
      break;
    case Arrival::kAtLineEnds:
      after_line_ends(0);
      break;
    case Arrival::kOneAfterLineEnds:
      after_line_ends(1);
      break;
    case Arrival::kTwoAfterLineEnds:
      after_line_ends(2);
      break;
    case Arrival::kSevens:
      for (std::size_t i = 7; i < in.size(); i += 7) cuts.push_back(i);
      break;
  }
  cuts.push_back(in.size());
  return cuts;
}

struct HeadOutcome {
  bool done = false;          // a complete head was parsed
  bool error = false;         // refused by the parser (malformed, too long)
  std::size_t head_size = 0;  // bytes the parser used
  bool folded = false;
  std::optional<std::string> problem;  // FramingProblem, when done
};

// Reads a head from `in` as the server does, the bytes arriving in reads
// ending at `cuts`: each read is appended to what the parser left unused
// and handed to the reader once.
HeadOutcome ReadHead(std::string_view in, const std::vector<std::size_t>& cuts, std::size_t limit,
                     RequestParser& parser) {
  HeadOutcome out;
  HeadReader reader(limit);
  std::size_t used = 0;  // of `in`
  for (std::size_t end : cuts) {
    if (end <= used) continue;
    beast::error_code ec;
    std::size_t n = reader.Put(parser, in.substr(used, end - used), ec);
    VW_FUZZ_CHECK(n <= end - used);
    used += n;
    // Never more than the limit, whether the head is complete or not.
    VW_FUZZ_CHECK(used <= limit);
    if (ec == bhttp::error::need_more) continue;
    out.head_size = used;
    if (ec) {
      out.error = true;
      return out;
    }
    VW_FUZZ_CHECK(parser.is_header_done());
    out.done = true;
    out.folded = reader.folded();
    out.problem = FramingProblem(parser.get(), out.folded);
    if (out.problem) VW_FUZZ_CHECK(vw::fuzz::IsUtf8(*out.problem));
    return out;
  }
  out.head_size = used;
  VW_FUZZ_CHECK(!parser.is_header_done());
  return out;
}

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// An accepted head, read again from its raw bytes as a strict proxy would,
// without the parser: its framing must be the one the parser found.
void CheckAcceptedHead(std::string_view head, const RequestParser& parser) {
  // Lines end with CRLF, and nothing else breaks a line.
  for (std::size_t i = 0; i < head.size(); ++i) {
    if (head[i] == '\r') VW_FUZZ_CHECK(i + 1 < head.size() && head[i + 1] == '\n');
    if (head[i] == '\n') VW_FUZZ_CHECK(i > 0 && head[i - 1] == '\r');
  }
  VW_FUZZ_CHECK(head.size() >= 4 && head.substr(head.size() - 4) == "\r\n\r\n");
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start + 2 < head.size();) {
    std::size_t end = head.find("\r\n", start);
    lines.push_back(head.substr(start, end - start));
    start = end + 2;
  }
  VW_FUZZ_CHECK(!lines.empty());
  std::string_view request_line = lines.front();
  VW_FUZZ_CHECK(request_line.size() > 9);
  std::string_view version = request_line.substr(request_line.size() - 8);
  VW_FUZZ_CHECK(version == "HTTP/1.1" || version == "HTTP/1.0");
  bool http11 = version == "HTTP/1.1";
  VW_FUZZ_CHECK(parser.get().version() == (http11 ? 11u : 10u));

  std::size_t hosts = 0, lengths = 0, encodings = 0;
  std::string_view length, encoding;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    VW_FUZZ_CHECK(!line.empty() && line.front() != ' ' && line.front() != '\t');  // no folding
    std::size_t colon = line.find(':');
    VW_FUZZ_CHECK(colon != std::string_view::npos && colon > 0);
    std::string_view name = line.substr(0, colon);
    VW_FUZZ_CHECK(name.find_first_of(" \t") == std::string_view::npos);
    std::string_view value = TrimOws(line.substr(colon + 1));
    if (IEquals(name, "Host")) ++hosts;
    if (IEquals(name, "Content-Length")) ++lengths, length = value;
    if (IEquals(name, "Transfer-Encoding")) ++encodings, encoding = value;
  }
  const auto& fields = parser.get();
  VW_FUZZ_CHECK(static_cast<std::size_t>(std::distance(fields.begin(), fields.end())) ==
                lines.size() - 1);

  VW_FUZZ_CHECK(http11 ? hosts == 1 : hosts <= 1);
  VW_FUZZ_CHECK(lengths <= 1 && encodings <= 1 && lengths + encodings <= 1);
  if (encodings == 1) {
    VW_FUZZ_CHECK(http11 && IEquals(encoding, "chunked"));
    VW_FUZZ_CHECK(parser.chunked() && !parser.content_length());
  } else if (lengths == 1) {
    VW_FUZZ_CHECK(!length.empty());
    std::uint64_t n = 0;
    for (char c : length) {
      VW_FUZZ_CHECK(c >= '0' && c <= '9');
      VW_FUZZ_CHECK(!__builtin_mul_overflow(n, 10, &n));
      VW_FUZZ_CHECK(!__builtin_add_overflow(n, static_cast<std::uint64_t>(c - '0'), &n));
    }
    VW_FUZZ_CHECK(!parser.chunked() && parser.content_length() && *parser.content_length() == n);
  } else {
    // Neither: a request has no body.
    VW_FUZZ_CHECK(!parser.chunked() && !parser.content_length() && parser.is_done());
  }
}

// The body after an accepted head, as the server reads it under a route's
// limit: a declared length above the limit is refused before any body byte
// is read; otherwise never more than the limit, exactly Content-Length bytes.
void ReadBody(std::string_view rest, RequestParser& parser) {
  constexpr std::size_t kBodyLimit = 1024;
  if (!vw::http::LimitBody(parser, kBodyLimit)) {
    VW_FUZZ_CHECK(parser.content_length() && *parser.content_length() > kBodyLimit);
    return;
  }
  while (!parser.is_done() && !rest.empty()) {
    beast::error_code ec;
    std::size_t n = parser.put(boost::asio::const_buffer(rest.data(), rest.size()), ec);
    VW_FUZZ_CHECK(n <= rest.size());
    rest.remove_prefix(n);
    if (ec == bhttp::error::need_more) {
      if (n == 0) break;
      continue;
    }
    if (ec) return;
  }
  VW_FUZZ_CHECK(parser.get().body().size() <= kBodyLimit);
  if (parser.is_done() && parser.content_length()) {
    VW_FUZZ_CHECK(parser.get().body().size() == *parser.content_length());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  for (std::size_t limit : {vw::http::kHeaderLimit, kSmallLimit}) {
    std::optional<HeadOutcome> first;
    for (Arrival arrival : kArrivals) {
      RequestParser parser;
      parser.body_limit(boost::none);  // as the server, until the route is known
      HeadOutcome out = ReadHead(in, Cuts(in, arrival), limit, parser);
      bool accepted = out.done && !out.problem;
      if (accepted) CheckAcceptedHead(in.substr(0, out.head_size), parser);
      if (!first) {
        first = out;
        if (accepted) ReadBody(in.substr(out.head_size), parser);
        continue;
      }
      // However the bytes arrive, the same verdict on the same head.
      VW_FUZZ_CHECK(out.done == first->done);
      if (out.done) {
        VW_FUZZ_CHECK(out.head_size == first->head_size);
        VW_FUZZ_CHECK(out.folded == first->folded);
        VW_FUZZ_CHECK(out.problem == first->problem);
      }
    }
  }
  return 0;
}
