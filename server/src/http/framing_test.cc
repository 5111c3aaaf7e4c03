// Reading a request head: the limit holds however the head arrives, and
// framing a proxy could read differently is named and refused.
#include "http/framing.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace vw::http {
namespace {

struct Outcome {
  boost::beast::error_code ec;
  std::size_t used = 0;  // bytes of the head the parser took
  std::optional<std::string> problem;
};

// Reads a head from reads of the given bytes, as the server does: each read
// is appended to what the parser left and handed over once.
Outcome Read(const std::vector<std::string>& reads, std::size_t limit = kHeaderLimit) {
  RequestParser parser;
  HeadReader reader(limit);
  Outcome out;
  std::string pending;
  for (const auto& bytes : reads) {
    pending += bytes;
    std::size_t n = reader.Put(parser, pending, out.ec);
    pending.erase(0, n);
    out.used += n;
    if (out.ec != beast_http::error::need_more) break;
  }
  if (!out.ec) out.problem = FramingProblem(parser.get(), reader.folded());
  return out;
}

// A client sending its head a header line at a time, each read ending just
// into the next line: Beast takes the complete lines of each read and
// applies its limit to the bytes of one read only, so the head grew without
// bound (2 MB answered 200 by the server).
TEST(HeadReaderTest, AHeadArrivingALineAtATimeStopsAtTheLimit) {
  std::vector<std::string> reads = {"GET / HTTP/1.1\r\nHost: x\r\nX-"};
  for (int i = 0; i < 2000; ++i) {
    reads.push_back("Pad" + std::to_string(i) + ": " + std::string(80, 'a') + "\r\nX-");
  }
  reads.push_back("End: 1\r\n\r\n");
  Outcome out = Read(reads);
  EXPECT_EQ(out.ec, beast_http::error::header_limit) << out.ec.message();
  EXPECT_LE(out.used, kHeaderLimit);
}

TEST(HeadReaderTest, AHeadOfExactlyTheLimitFitsOneByteMoreDoesNot) {
  auto head_of = [](std::size_t size) {
    std::string head = "GET / HTTP/1.1\r\nHost: x\r\nX-Pad: ";
    head += std::string(size - head.size() - 4, 'a') + "\r\n\r\n";
    return head;
  };
  auto lines = [](const std::string& head) {
    std::vector<std::string> reads;
    for (std::size_t start = 0; start < head.size();) {
      std::size_t end = std::min(head.find('\n', start) + 2, head.size());
      reads.push_back(head.substr(start, end - start));
      start = end;
    }
    return reads;
  };
  for (std::size_t limit : {kHeaderLimit, std::size_t{200}}) {
    std::string fits = head_of(limit), too_long = head_of(limit + 1);
    Outcome at_once = Read({fits}, limit);
    EXPECT_FALSE(at_once.ec) << at_once.ec.message();
    EXPECT_EQ(at_once.used, limit);
    Outcome by_lines = Read(lines(fits), limit);
    EXPECT_FALSE(by_lines.ec) << by_lines.ec.message();
    EXPECT_EQ(Read({too_long}, limit).ec, beast_http::error::header_limit);
    EXPECT_EQ(Read(lines(too_long), limit).ec, beast_http::error::header_limit);
  }
}

TEST(HeadReaderTest, SoundHeadsAreAcceptedWhicheverWayTheyArrive) {
  for (std::string head : {
           "GET /a HTTP/1.1\r\nHost: x\r\n\r\n",
           "GET /a HTTP/1.0\r\n\r\n",
           "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n",
           "POST /a HTTP/1.1\r\nhost: x\r\ntransfer-encoding: Chunked\r\n\r\n",
       }) {
    std::vector<std::string> bytes;
    for (char c : head) bytes.emplace_back(1, c);
    for (const auto& reads : {std::vector<std::string>{head}, bytes}) {
      Outcome out = Read(reads);
      EXPECT_FALSE(out.ec) << head << out.ec.message();
      EXPECT_EQ(out.used, head.size()) << head;
      EXPECT_EQ(out.problem, std::nullopt) << head;
    }
  }
}

// Refused by the checks with a reason, or by the parser itself (nullopt).
TEST(HeadReaderTest, AmbiguousFramingIsRefused) {
  const std::vector<std::pair<std::string, std::optional<std::string>>> cases = {
      {"POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n",
       "Transfer-Encoding 只能是 chunked"},
      {"POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\nContent-Length: 5\r\n\r\n",
       "Transfer-Encoding 只能是 chunked"},
      {"POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
       std::nullopt},
      {"POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n",
       std::nullopt},
      {"POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\nContent-Length: 5\r\n\r\n",
       "Transfer-Encoding 只能是 chunked"},
      {"POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
       std::nullopt},
      {"POST /a HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
       "HTTP/1.0 请求不能使用 Transfer-Encoding"},
      {"POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2, 2\r\n\r\n", "请求头 Content-Length 无效"},
      {"POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n",
       "请求头 Content-Length 重复"},
      {"GET /a HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n two\r\n\r\n", "请求头不能折行"},
      {"GET /a HTTP/1.1\r\nUser-Agent: t\r\n\r\n", "HTTP/1.1 请求缺少 Host 请求头"},
      {"GET /a HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", "请求头 Host 重复"},
  };
  for (const auto& [head, problem] : cases) {
    // At once, and with the fold (if any) cut between two reads.
    std::size_t cut = head.find("\r\n ");
    cut = cut == std::string::npos ? head.size() / 2 : cut + 2;
    for (const auto& reads : {std::vector<std::string>{head},
                              std::vector<std::string>{head.substr(0, cut), head.substr(cut)}}) {
      Outcome out = Read(reads);
      if (problem) {
        EXPECT_FALSE(out.ec) << head << out.ec.message();
        EXPECT_EQ(out.problem, problem) << head;
      } else {
        EXPECT_TRUE(out.ec && out.ec != beast_http::error::need_more) << head;
      }
    }
  }
}

}  // namespace
}  // namespace vw::http
