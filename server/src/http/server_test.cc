// The server's own promises: graceful stop, keep-alive, body limits, strict
// framing, the connection cap, descriptor exhaustion, slow work off the I/O
// threads.
#include "http/server.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <filesystem>
#include <future>
#include <thread>

#include "http/router.h"

namespace vw::http {
namespace {

namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

BodyLimit Limit(std::size_t bytes) {
  return [bytes](beast_http::verb, std::string_view) { return bytes; };
}

// A connected socket whose reads give up after 10 s, so a server that
// never answers fails the test instead of hanging it.
struct RawClient {
  boost::asio::io_context ioc;
  tcp::socket socket{ioc};

  explicit RawClient(unsigned short port) {
    socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    timeval tv{10, 0};
    setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }

  void Send(std::string_view bytes) { boost::asio::write(socket, boost::asio::buffer(bytes)); }

  // Everything until the server closes the connection; `closed` tells
  // whether it did (false: the read timed out).
  std::string ReadToEnd(bool* closed = nullptr) {
    std::string out;
    char buf[4096];
    for (;;) {
      ssize_t n = ::recv(socket.native_handle(), buf, sizeof buf, 0);
      if (n > 0) {
        out.append(buf, static_cast<std::size_t>(n));
        continue;
      }
      if (closed) *closed = n == 0 || errno == ECONNRESET;
      return out;
    }
  }

  // One response; status 0 when none came (read directly: Asio's own
  // blocking read would wait past the timeout).
  bhttp::response<bhttp::string_body> ReadResponse() {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.eager(true);
    std::string pending;
    char buf[4096];
    while (!parser.is_done()) {
      ssize_t n = ::recv(socket.native_handle(), buf, sizeof buf, 0);
      if (n <= 0) break;
      pending.append(buf, static_cast<std::size_t>(n));
      boost::system::error_code ec;
      pending.erase(0, parser.put(boost::asio::buffer(pending), ec));
      if (ec && ec != bhttp::error::need_more) break;
    }
    if (!parser.is_done()) {
      bhttp::response<bhttp::string_body> none;
      none.result(0u);
      return none;
    }
    return parser.release();
  }
};

unsigned SendGet(unsigned short port, const std::string& target) {
  RawClient c(port);
  c.Send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  return c.ReadResponse().result_int();
}

std::size_t Count(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto i = haystack.find(needle); i != std::string_view::npos;
       i = haystack.find(needle, i + 1)) {
    ++n;
  }
  return n;
}

TEST(ServerTest, StopLetsRequestsInFlightFinish) {
  ServerOptions o;
  o.port = 0;
  o.threads = 2;
  std::atomic<bool> started{false};
  Server server(
      o,
      [&started](RequestContext&) {
        started = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        return JsonOk(boost::json::object{{"done", true}});
      },
      Limit(1024));
  unsigned short port = server.Start();
  unsigned status = 0;
  std::thread client([&] { status = SendGet(port, "/slow"); });
  while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server.Stop();  // returns only after the in-flight request was answered
  client.join();
  EXPECT_EQ(status, 200u);
}

TEST(ServerTest, MalformedRequestGets400) {
  ServerOptions o;
  o.port = 0;
  o.threads = 1;
  Server server(
      o, [](RequestContext&) { return JsonOk(nullptr); }, Limit(1024));
  unsigned short port = server.Start();
  RawClient c(port);
  c.Send("THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(c.ReadResponse().result_int(), 400u);
  server.Stop();
}

// A server that answers every request with its path, and counts them.
struct EchoServer {
  std::mutex mu;
  std::vector<std::string> seen;  // "METHOD path body"
  Server server;
  unsigned short port;

  explicit EchoServer(std::size_t body_limit = 1024, ServerOptions o = {})
      : server(
            WithFreePort(std::move(o)),
            [this](RequestContext& ctx) {
              std::lock_guard lock(mu);
              seen.push_back(std::string(bhttp::to_string(ctx.method())) + " " +
                             std::string(ctx.path()) + " " + std::string(ctx.body()));
              Response r;
              r.content_type = "text/plain";
              r.body = std::string(ctx.path()) + " from " + ctx.client_ip();
              return r;
            },
            Limit(body_limit)),
        port(server.Start()) {}

  static ServerOptions WithFreePort(ServerOptions o) {
    o.port = 0;
    o.threads = 2;
    return o;
  }
  std::vector<std::string> Seen() {
    std::lock_guard lock(mu);
    return seen;
  }
};

TEST(ServerTest, PipelinedAndChunkedRequestsAreServed) {
  EchoServer echo;
  RawClient c(echo.port);
  c.Send(
      "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
      "POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
      "GET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string all = c.ReadToEnd();
  EXPECT_EQ(Count(all, "HTTP/1.1 200 OK\r\n"), 3u) << all;
  EXPECT_EQ(echo.Seen(), (std::vector<std::string>{"GET /a ", "POST /b hello", "GET /c "}));
}

// Framing a proxy in front might read differently from us: each is
// refused with 400 and the connection is closed, so whatever follows in
// the same bytes (a smuggled request) is never executed.
TEST(ServerTest, AmbiguousFramingIsRefusedAndTheConnectionClosed) {
  const std::string smuggled = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"chunked, identity",
       "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n" + smuggled},
      {"xchunked with Content-Length",
       "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\nContent-Length: "
       "5\r\n\r\nhello" +
           smuggled},
      {"identity with Content-Length",
       "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\nContent-Length: "
       "5\r\n\r\nhello" +
           smuggled},
      {"chunked then Content-Length",
       "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: "
       "5\r\n\r\n0\r\n\r\n" +
           smuggled},
      {"chunked twice",
       "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: "
       "chunked\r\n\r\n0\r\n\r\n" +
           smuggled},
      {"chunked in HTTP/1.0",
       "POST /a HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled},
      {"Content-Length list",
       "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2, 2\r\n\r\nok" + smuggled},
      {"Content-Length twice",
       "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok" +
           smuggled},
      {"Content-Length with a sign",
       "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: +2\r\n\r\nok" + smuggled},
      {"obs-fold", "GET /a HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n two\r\n\r\n" + smuggled},
      {"obs-fold with a tab",
       "GET /a HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n\ttwo\r\nX-Other: 1\r\n\r\n" + smuggled},
      {"no Host", "GET /a HTTP/1.1\r\nUser-Agent: t\r\n\r\n" + smuggled},
      {"two Hosts", "GET /a HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n" + smuggled},
  };
  EchoServer echo;
  for (const auto& [name, bytes] : cases) {
    RawClient c(echo.port);
    c.Send(bytes);
    bool closed = false;
    std::string answer = c.ReadToEnd(&closed);
    EXPECT_EQ(answer.rfind("HTTP/1.1 400 ", 0), 0u) << name << ":\n" << answer;
    EXPECT_NE(answer.find("Connection: close"), std::string::npos) << name;
    EXPECT_EQ(Count(answer, "Server: vocweek"), 1u) << name << ":\n" << answer;
    EXPECT_TRUE(closed) << name;
  }
  EXPECT_EQ(echo.Seen(), std::vector<std::string>{}) << "a refused request reached a handler";
}

// The head limit (16 KiB) holds for a head sent at once and for one sent a
// line at a time, each write ending just into the next line (before, the
// server took such a head line by line without limit: 2 MB got a 200).
TEST(ServerTest, ARequestHeadOverTheLimitGets431HoweverItArrives) {
  EchoServer echo;
  std::string line = "Pad: " + std::string(80, 'a') + "\r\nX-";
  {
    RawClient c(echo.port);
    std::string head = "GET /big HTTP/1.1\r\nHost: x\r\nX-";
    while (head.size() < 20 * 1024) head += line;
    c.Send(head + "End: 1\r\n\r\n");
    EXPECT_EQ(c.ReadResponse().result_int(), 431u);
  }
  RawClient c(echo.port);
  c.Send("GET /trickled HTTP/1.1\r\nHost: x\r\nX-");
  bool refused = false;
  for (std::size_t sent = 0; sent < 64 * 1024 && !refused; sent += line.size()) {
    try {
      c.Send(line);
    } catch (const boost::system::system_error&) {
      refused = true;  // closed after its answer
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));  // one read per line
  }
  if (!refused) c.Send("End: 1\r\n\r\n");
  EXPECT_EQ(c.ReadResponse().result_int(), 431u);
  EXPECT_EQ(echo.Seen(), std::vector<std::string>{}) << "a head over the limit reached a handler";
}

// HTTP/1.0 needs no Host; the framing rules are the same.
TEST(ServerTest, Http10WithoutHostIsServed) {
  EchoServer echo;
  RawClient c(echo.port);
  c.Send("GET /old HTTP/1.0\r\n\r\n");
  EXPECT_EQ(c.ReadToEnd().rfind("HTTP/1.1 200 ", 0), 0u);
}

TEST(ServerTest, ChunkedBodyOverTheLimitNamesTheLimit) {
  EchoServer echo(/*body_limit=*/4 * 1024);
  RawClient c(echo.port);
  // One chunk of 16 KiB: refused from its size, before any byte of it is kept.
  std::string request = "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  request += "4000\r\n" + std::string(16 * 1024, 'x') + "\r\n0\r\n\r\n";
  c.Send(request);
  auto res = c.ReadResponse();
  EXPECT_EQ(res.result_int(), 413u);
  EXPECT_NE(res.body().find("上限为 4 KB"), std::string::npos) << res.body();
  EXPECT_EQ(echo.Seen(), std::vector<std::string>{}) << "the handler ran";
}

TEST(ServerTest, ChunkedBodyOverTheLimitInSmallChunksNamesTheLimit) {
  EchoServer echo(/*body_limit=*/4 * 1024);
  RawClient c(echo.port);
  // Five chunks of 1 KiB: each fits, their sum does not.
  std::string request = "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 5; ++i) request += "400\r\n" + std::string(1024, 'x') + "\r\n";
  request += "0\r\n\r\n";
  c.Send(request);
  auto res = c.ReadResponse();
  EXPECT_EQ(res.result_int(), 413u);
  EXPECT_NE(res.body().find("上限为 4 KB"), std::string::npos) << res.body();
  EXPECT_EQ(echo.Seen(), std::vector<std::string>{}) << "the handler ran";
}

TEST(ServerTest, ContentLengthOverTheLimitIsRefusedBeforeTheBodyAndAtTheLimitServed) {
  EchoServer echo(/*body_limit=*/4 * 1024);
  {
    RawClient c(echo.port);
    // Only the head is sent: the answer must not wait for the 8 KiB announced.
    c.Send("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 8192\r\n\r\n");
    auto res = c.ReadResponse();
    EXPECT_EQ(res.result_int(), 413u);
    EXPECT_NE(res.body().find("上限为 4 KB"), std::string::npos) << res.body();
    bool closed = false;
    c.ReadToEnd(&closed);
    EXPECT_TRUE(closed) << "the connection stayed open after a refused body";
  }
  RawClient c(echo.port);
  c.Send("POST /fits HTTP/1.1\r\nHost: x\r\nContent-Length: 4096\r\n\r\n" + std::string(4096, 'y'));
  EXPECT_EQ(c.ReadResponse().result_int(), 200u);
  auto seen = echo.Seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0], "POST /fits " + std::string(4096, 'y'));
}

TEST(ServerTest, KeepAliveServesRequestsOneAfterAnotherUntilClose) {
  EchoServer echo;
  RawClient c(echo.port);
  // Each request is sent only after the previous answer: the same
  // connection stays open between them (not just pipelined bytes).
  for (const char* path : {"/one", "/two"}) {
    c.Send(std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
    auto res = c.ReadResponse();
    EXPECT_EQ(res.result_int(), 200u) << path;
    EXPECT_TRUE(res.keep_alive()) << path;
    EXPECT_EQ(res.body(), std::string(path) + " from 127.0.0.1");
  }
  c.Send("GET /three HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  auto last = c.ReadResponse();
  EXPECT_EQ(last.result_int(), 200u);
  EXPECT_FALSE(last.keep_alive());
  bool closed = false;
  c.ReadToEnd(&closed);
  EXPECT_TRUE(closed) << "Connection: close was not honoured";
  EXPECT_EQ(echo.Seen(), (std::vector<std::string>{"GET /one ", "GET /two ", "GET /three "}));

  // HTTP/1.0 without keep-alive: one answer, then the server closes.
  RawClient old(echo.port);
  old.Send("GET /old HTTP/1.0\r\n\r\n");
  EXPECT_EQ(old.ReadResponse().result_int(), 200u);
  old.ReadToEnd(&closed);
  EXPECT_TRUE(closed);
}

TEST(ServerTest, ForwardedForIsBelievedOnlyFromTrustedProxiesAndFromTheRight) {
  ServerOptions trusting;
  trusting.trusted_proxies = *TrustedProxies::Parse("127.0.0.1, 10.0.0.0/8");
  EchoServer behind_proxy(1024, trusting);
  auto ask = [](unsigned short port, const std::string& forwarded) {
    RawClient c(port);
    c.Send("GET /ip HTTP/1.1\r\nHost: x\r\n" + forwarded + "Connection: close\r\n\r\n");
    return c.ReadResponse().body();
  };
  // The client wrote the first entry; the proxy appended the address it saw.
  EXPECT_EQ(ask(behind_proxy.port, "X-Forwarded-For: 6.6.6.6, 203.0.113.7\r\n"),
            "/ip from 203.0.113.7");
  // Hops through further trusted proxies are skipped.
  EXPECT_EQ(ask(behind_proxy.port, "X-Forwarded-For: 6.6.6.6, 203.0.113.7, 10.1.2.3\r\n"),
            "/ip from 203.0.113.7");
  // Several fields form one list, in order.
  EXPECT_EQ(ask(behind_proxy.port, "X-Forwarded-For: 6.6.6.6\r\nX-Forwarded-For: 198.51.100.4\r\n"),
            "/ip from 198.51.100.4");
  // A malformed hop ends the walk at the proxy before it.
  EXPECT_EQ(ask(behind_proxy.port, "X-Forwarded-For: 6.6.6.6, not-an-address\r\n"),
            "/ip from 127.0.0.1");
  EXPECT_EQ(ask(behind_proxy.port, ""), "/ip from 127.0.0.1");

  EchoServer direct;  // trusts nobody
  EXPECT_EQ(ask(direct.port, "X-Forwarded-For: 6.6.6.6, 203.0.113.7\r\n"), "/ip from 127.0.0.1");
}

TEST(ServerTest, LinksUseTheConfiguredPublicUrlNeverTheHostHeader) {
  ServerOptions o;
  o.port = 0;
  o.threads = 1;
  o.public_url = "https://vocweek.example.cn";
  Server server(
      o,
      [](RequestContext& ctx) {
        Response r;
        r.content_type = "text/plain";
        r.body = ctx.Origin();
        return r;
      },
      Limit(1024));
  unsigned short port = server.Start();
  RawClient c(port);
  c.Send(
      "GET / HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Proto: http\r\nX-Forwarded-Host: "
      "evil.example\r\n\r\n");
  EXPECT_EQ(c.ReadResponse().body(), "https://vocweek.example.cn");
}

TEST(ServerTest, PublicUrlMustBeABaseUrl) {
  EXPECT_EQ(NormalisePublicUrl("https://Vocweek.Example.cn/"), "https://vocweek.example.cn");
  EXPECT_EQ(NormalisePublicUrl("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
  EXPECT_EQ(NormalisePublicUrl("HTTP://[::1]:8443"), "http://[::1]:8443");
  for (const char* bad :
       {"", "vocweek.example.cn", "ftp://vocweek.example.cn", "https://", "https://a.cn/p",
        "https://a.cn?x=1", "https://a.cn#x", "https://user@a.cn", "https://a.cn:0",
        "https://a.cn:99999", "https://a.cn:", "javascript:alert(1)", "https://a.cn/\r\nX: 1"}) {
    EXPECT_EQ(NormalisePublicUrl(bad), std::nullopt) << bad;
  }
}

TEST(ServerTest, DefaultConnectionCapLeavesRoomForOtherDescriptors) {
  EXPECT_EQ(DefaultMaxConnections(1024), 896u);
  EXPECT_EQ(DefaultMaxConnections(20000), 17500u);
  EXPECT_EQ(DefaultMaxConnections(1 << 20), 50000u);
  EXPECT_EQ(DefaultMaxConnections(100), 50u);
}

// Opens a connection, makes one request on it and leaves it idle.
std::unique_ptr<RawClient> IdleConnection(unsigned short port) {
  auto c = std::make_unique<RawClient>(port);
  c->Send("GET /warm HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c->ReadResponse().result_int(), 200u);
  return c;
}

TEST(ServerTest, OverTheConnectionCapAnIdleConnectionMakesRoom) {
  ServerOptions o;
  o.max_connections = 4;
  EchoServer echo(1024, o);
  std::vector<std::unique_ptr<RawClient>> idle;
  idle.reserve(4);
  for (int i = 0; i < 4; ++i) idle.push_back(IdleConnection(echo.port));
  // A fifth client is served at once...
  RawClient fifth(echo.port);
  fifth.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(fifth.ReadResponse().result_int(), 200u);
  // ...because an idle connection (the one idle the longest, which of the
  // four depends on thread timing) was closed for it: it reads end-of-file.
  std::vector<pollfd> fds;
  fds.reserve(idle.size());
  for (auto& c : idle) fds.push_back({c->socket.native_handle(), POLLIN, 0});
  ASSERT_EQ(::poll(fds.data(), fds.size(), 10'000), 1) << "no idle connection was closed";
  for (std::size_t i = 0; i < fds.size(); ++i) {
    if (fds[i].revents == 0) continue;
    bool closed = false;
    EXPECT_EQ(idle[i]->ReadToEnd(&closed), "");
    EXPECT_TRUE(closed);
    idle.erase(idle.begin() + static_cast<std::ptrdiff_t>(i));
    break;
  }
  // The others still work.
  for (auto& c : idle) {
    c->Send("GET /again HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(c->ReadResponse().result_int(), 200u);
  }
}

// A router with a slow route (offloaded, waits until released) and a fast one.
struct SlowAndFast {
  Router router;
  std::promise<void> release;
  std::shared_future<void> released{release.get_future().share()};
  std::atomic<int> slow_started{0};

  SlowAndFast() {
    router.Add(Verb::get, "/api/slow",
               {.summary = "slow", .tag = "t", .access = Access::kPublic, .offload = true},
               [this](RequestContext&) {
                 ++slow_started;
                 released.wait();
                 return JsonOk(boost::json::object{{"slow", true}});
               });
    router.Add(Verb::get, "/api/fast", {.summary = "fast", .tag = "t", .access = Access::kPublic},
               [](RequestContext&) {
                 return JsonOk(boost::json::object{{"fast", true}});
               });
  }
  Dispatch dispatch() {
    return [this](RequestContext& ctx) {
      if (ctx.path() == "/healthz") return JsonOk("ok");
      return router.Dispatch(ctx);
    };
  }
  void WaitForSlow(int n) {
    while (slow_started < n) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
};

TEST(ServerTest, SlowWorkRunsOffTheIoThreads) {
  SlowAndFast routes;
  ServerOptions o;
  o.port = 0;
  o.threads = 1;  // had the slow handler run on it, nothing else could answer
  o.workers = 1;
  o.worker_queue = 0;
  Server server(o, routes.dispatch(), Limit(1024));
  unsigned short port = server.Start();
  std::future<unsigned> slow =
      std::async(std::launch::async, [port] { return SendGet(port, "/api/slow"); });
  routes.WaitForSlow(1);

  // While the slow one runs, the I/O thread still answers.
  EXPECT_EQ(SendGet(port, "/healthz"), 200u);
  EXPECT_EQ(SendGet(port, "/api/fast"), 200u);
  // The pool is full: a second slow request is told to come back.
  {
    RawClient c(port);
    c.Send("GET /api/slow HTTP/1.1\r\nHost: x\r\n\r\n");
    auto busy = c.ReadResponse();
    EXPECT_EQ(busy.result_int(), 503u);
    EXPECT_EQ(busy["Retry-After"], "5");
    EXPECT_NE(busy.body().find("服务器繁忙"), std::string::npos) << busy.body();
    EXPECT_NE(busy.body().find("\"unavailable\""), std::string::npos) << busy.body();
  }
  EXPECT_EQ(slow.wait_for(std::chrono::seconds(0)), std::future_status::timeout);

  routes.release.set_value();
  EXPECT_EQ(slow.get(), 200u);
  EXPECT_EQ(routes.slow_started, 1);
  server.Stop();
}

TEST(ServerTest, StopWaitsForOffloadedWork) {
  SlowAndFast routes;
  ServerOptions o;
  o.port = 0;
  o.threads = 1;
  Server server(o, routes.dispatch(), Limit(1024));
  unsigned short port = server.Start();
  std::future<unsigned> slow =
      std::async(std::launch::async, [port] { return SendGet(port, "/api/slow"); });
  routes.WaitForSlow(1);
  std::thread stopper([&] { server.Stop(); });
  routes.release.set_value();
  stopper.join();
  EXPECT_EQ(slow.get(), 200u);
}

TEST(ServerTest, AtTheCapWithNothingIdleANewConnectionIsRefusedAtOnce) {
  SlowAndFast routes;
  ServerOptions o;
  o.port = 0;
  o.threads = 1;
  o.max_connections = 1;
  Server server(o, routes.dispatch(), Limit(1024));
  unsigned short port = server.Start();
  std::future<unsigned> slow =
      std::async(std::launch::async, [port] { return SendGet(port, "/api/slow"); });
  routes.WaitForSlow(1);
  RawClient refused(port);
  bool closed = false;
  std::string answer = refused.ReadToEnd(&closed);
  EXPECT_EQ(answer.rfind("HTTP/1.1 503 ", 0), 0u) << answer;
  EXPECT_NE(answer.find("Retry-After: 5"), std::string::npos);
  EXPECT_TRUE(closed);
  routes.release.set_value();
  EXPECT_EQ(slow.get(), 200u);
  // Room again once the busy connection is done.
  EXPECT_EQ(SendGet(port, "/healthz"), 200u);
}

// Counts log lines that start with a prefix.
class CountingSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit CountingSink(std::string prefix) : prefix_(std::move(prefix)) {}
  int count() {
    std::lock_guard lock(mutex_);
    return count_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::string_view text(msg.payload.data(), msg.payload.size());
    if (text.rfind(prefix_, 0) == 0) ++count_;
  }
  void flush_() override {}

 private:
  std::string prefix_;
  int count_ = 0;
};

int OpenDescriptors() {
  int n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

// Out of descriptors, accept() fails for every client waiting in the
// backlog. The server must neither spin nor flood the log, and must serve
// a client again as soon as a descriptor is free, closing idle
// connections to get one.
TEST(ServerTest, OutOfDescriptorsTheServerBacksOffLogsOnceAndRecovers) {
  auto sink = std::make_shared<CountingSink>("accept:");
  auto logger = std::make_shared<spdlog::logger>("capture", sink);
  logger->set_level(spdlog::level::warn);
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(logger);

  ServerOptions o;
  o.max_connections = 100000;  // the cap is not what protects here
  auto echo = std::make_unique<EchoServer>(1024, o);
  unsigned short port = echo->port;

  // Made while descriptors are plentiful: the probe's socket and the pipes
  // that talk to the child holding connections.
  int probe = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(probe, 0);
  int progress[2], hold[2];
  ASSERT_EQ(::pipe(progress), 0);
  ASSERT_EQ(::pipe(hold), 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
  rlimit low = saved;
  low.rlim_cur = static_cast<rlim_t>(OpenDescriptors()) + 12;
  constexpr int kHeld = 40;
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Only async-signal-safe calls here: the parent has threads.
    ::close(progress[0]);
    ::close(hold[1]);
    for (int i = 0; i < kHeld; ++i) {
      int s = ::socket(AF_INET, SOCK_STREAM, 0);
      if (s < 0 || ::connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) _exit(1);
      char one = 'c';
      if (::write(progress[1], &one, 1) != 1) _exit(1);
    }
    char byte;
    while (::read(hold[0], &byte, 1) > 0) {
    }
    _exit(0);
  }
  ::close(progress[1]);
  ::close(hold[0]);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
  int connected = 0;
  char byte;
  while (connected < kHeld && ::read(progress[0], &byte, 1) == 1) ++connected;
  EXPECT_EQ(connected, kHeld);
  for (int i = 0; i < 500 && sink->count() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_GE(sink->count(), 1) << "accept never ran out of descriptors";

  // A client arriving now is served: idle connections are closed for it.
  timeval tv{10, 0};
  setsockopt(probe, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ASSERT_EQ(::connect(probe, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  ASSERT_EQ(::write(probe, request.data(), request.size()), static_cast<ssize_t>(request.size()));
  std::string answer;
  char buf[1024];
  for (ssize_t n; (n = ::recv(probe, buf, sizeof buf, 0)) > 0;) answer.append(buf, n);
  ::close(probe);
  EXPECT_EQ(answer.rfind("HTTP/1.1 200 ", 0), 0u) << "no answer while out of descriptors";

  // The condition was reported, not once per failed accept.
  EXPECT_LE(sink->count(), 3);

  ::close(hold[1]);  // the child lets its connections go
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(progress[0]);
  setrlimit(RLIMIT_NOFILE, &saved);
  EXPECT_EQ(SendGet(port, "/after"), 200u);
  echo.reset();
  spdlog::set_default_logger(previous);
}

}  // namespace
}  // namespace vw::http
