#include "http/server.h"

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <cstdio>
#include <mutex>
#include <optional>
#include <random>
#include <unordered_set>

namespace vw::http {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

class HttpSession;

struct Server::Impl {
  ServerOptions options;
  Dispatch dispatch;
  BodyLimit body_limit;
  net::io_context ioc;
  std::optional<tcp::acceptor> acceptor;
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  std::atomic<std::uint64_t> request_counter{0};
  std::string id_prefix;
  std::mutex sessions_mu;
  std::unordered_set<HttpSession*> sessions;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  std::once_flag stop_once;

  void Accept();
  std::string NextRequestId();
};

namespace {

std::string_view ToView(beast::string_view s) { return {s.data(), s.size()}; }

}  // namespace

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server) {
    boost::system::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) peer_ip_ = ep.address().to_string();
  }

  ~HttpSession() {
    std::lock_guard lock(server_.sessions_mu);
    server_.sessions.erase(this);
  }

  void Start() {
    {
      std::lock_guard lock(server_.sessions_mu);
      server_.sessions.insert(this);
    }
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&HttpSession::ReadHeader, shared_from_this()));
  }

  // Called on stop: closes the connection if it waits for a new request.
  void CloseIfIdle() {
    auto self = weak_from_this().lock();
    if (!self) return;  // being destroyed
    net::post(stream_.get_executor(), [self] {
      if (self->reading_header_ && !(self->parser_ && self->parser_->got_some()) &&
          self->buffer_.size() == 0) {
        boost::system::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.socket().close(ec);
      }
    });
  }

 private:
  void ReadHeader() {
    if (server_.stopping) return Close();
    parser_.emplace();
    parser_->header_limit(16 * 1024);
    // The route's limit is applied once the header names the route.
    parser_->body_limit(boost::none);
    reading_header_ = true;
    stream_.expires_after(server_.options.idle_timeout);
    beast_http::async_read_header(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&HttpSession::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t) {
    reading_header_ = false;
    if (ec == beast_http::error::end_of_stream || ec == net::error::operation_aborted ||
        ec == beast::error::timeout || ec == net::error::eof) {
      return Close();
    }
    if (ec == beast_http::error::body_limit) return TooLarge(server_.options.default_body_limit);
    if (ec) return Fail(ec == beast_http::error::header_limit ? 431 : 400, "请求格式不正确");
    if (parser_->is_done()) return Handle();  // no body: no route lookup for its limit
    const auto& req = parser_->get();
    std::string_view target = ToView(req.target());
    std::size_t limit = server_.body_limit(req.method(), target.substr(0, target.find('?')));
    auto length = parser_->content_length();
    if (length && *length > limit) return TooLarge(limit);
    parser_->body_limit(limit);
    if (parser_->is_done()) return Handle();
    stream_.expires_after(server_.options.body_timeout);
    beast_http::async_read(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&HttpSession::OnBody, shared_from_this()));
  }

  void OnBody(beast::error_code ec, std::size_t) {
    if (ec == beast_http::error::body_limit) {
      return TooLarge(parser_->get().payload_size().value_or(0));
    }
    if (ec) return Close();
    Handle();
  }

  void TooLarge(std::size_t limit) {
    Response r = JsonError({ErrorCode::kPayloadTooLarge,
                            "请求内容过大，上限为 " + std::to_string(limit / 1024) + " KB", ""});
    Write(std::move(r), /*keep_alive=*/false, /*head=*/false);
  }

  void Fail(unsigned status, std::string message) {
    Response r = JsonError(Error::Invalid("", std::move(message)));
    r.status = status;
    Write(std::move(r), false, false);
  }

  std::string ClientIp(const RawRequest& req) const {
    if (server_.options.trust_proxy) {
      auto it = req.find("X-Forwarded-For");
      if (it != req.end()) {
        std::string_view v = ToView(it->value());
        auto comma = v.find(',');
        std::string first(v.substr(0, comma));
        while (!first.empty() && first.back() == ' ') first.pop_back();
        if (!first.empty()) return first;
      }
    }
    return peer_ip_;
  }

  void Handle() {
    request_ = parser_->release();
    auto started = std::chrono::steady_clock::now();
    RequestContext ctx(request_, server_.NextRequestId(), ClientIp(request_));
    Response r = server_.dispatch(ctx);
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    if (r.status >= 500) {
      spdlog::error("rid={} {} {} {} {:.1f}ms", ctx.request_id(), ToView(request_.method_string()),
                    ToView(request_.target()), r.status, ms);
    } else {
      spdlog::info("rid={} {} {} {} {:.1f}ms", ctx.request_id(), ToView(request_.method_string()),
                   ToView(request_.target()), r.status, ms);
    }
    r.SetHeader("X-Request-Id", ctx.request_id());
    Write(std::move(r), request_.keep_alive() && !server_.stopping,
          request_.method() == beast_http::verb::head);
  }

  // The status line and headers are formatted here and sent with the body
  // in one gathered write: Beast's serializer walks its buffer sequences per
  // request, which showed up in profiles of the public endpoints.
  void Write(Response r, bool keep_alive, bool head) {
    response_ = std::move(r);
    std::string_view body = response_.Body();
    head_.clear();
    head_ += "HTTP/1.1 ";
    head_ += std::to_string(response_.status);
    head_ += ' ';
    head_ += ToView(beast_http::obsolete_reason(static_cast<beast_http::status>(response_.status)));
    head_ += "\r\nServer: vocweek\r\n";
    if (!response_.content_type.empty()) {
      head_ += "Content-Type: ";
      head_ += response_.content_type;
      head_ += "\r\n";
    }
    head_ +=
        "X-Content-Type-Options: nosniff\r\nX-Frame-Options: SAMEORIGIN\r\nReferrer-Policy: "
        "same-origin\r\n";
    for (const auto& [k, v] : response_.headers) {
      if (v.find_first_of("\r\n") != std::string::npos) continue;  // never split the header
      head_ += k;
      head_ += ": ";
      head_ += v;
      head_ += "\r\n";
    }
    bool send_body = !head && response_.status != 304;
    if (response_.status != 304) {
      head_ += "Content-Length: ";
      head_ += std::to_string(body.size());
      head_ += "\r\n";
    }
    if (!keep_alive) head_ += "Connection: close\r\n";
    head_ += "\r\n";
    std::array<net::const_buffer, 2> buffers{
        net::buffer(head_),
        send_body ? net::buffer(body.data(), body.size()) : net::const_buffer()};
    stream_.expires_after(server_.options.write_timeout);
    net::async_write(
        stream_, buffers,
        beast::bind_front_handler(&HttpSession::OnWrite, shared_from_this(), keep_alive));
  }

  void OnWrite(bool keep_alive, beast::error_code ec, std::size_t) {
    if (ec) return Close();
    if (!keep_alive || server_.stopping) return Close();
    ReadHeader();
  }

  void Close() {
    boost::system::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  Server::Impl& server_;
  std::string peer_ip_;
  std::optional<beast_http::request_parser<beast_http::string_body>> parser_;
  RawRequest request_;
  Response response_;
  std::string head_;  // status line and headers of the response being written
  bool reading_header_ = false;
};

Server::Server(ServerOptions options, Dispatch dispatch, BodyLimit body_limit)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->dispatch = std::move(dispatch);
  impl_->body_limit = std::move(body_limit);
  std::random_device rd;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08x", rd());
  impl_->id_prefix = buf;
}

Server::~Server() { Stop(); }

std::string Server::NextRequestId() { return impl_->NextRequestId(); }

std::string Server::Impl::NextRequestId() {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s-%06llx", id_prefix.c_str(),
                static_cast<unsigned long long>(++request_counter));
  return buf;
}

unsigned short Server::Start() {
  auto& s = *impl_;
  auto address = net::ip::make_address(s.options.host);
  s.acceptor.emplace(s.ioc);
  tcp::endpoint ep(address, s.options.port);
  s.acceptor->open(ep.protocol());
  s.acceptor->set_option(net::socket_base::reuse_address(true));
  s.acceptor->bind(ep);
  s.acceptor->listen(net::socket_base::max_listen_connections);
  unsigned short port = s.acceptor->local_endpoint().port();
  s.work.emplace(s.ioc.get_executor());
  int n = s.options.threads > 0
              ? s.options.threads
              : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  s.Accept();
  for (int i = 0; i < n; ++i) {
    s.threads.emplace_back([&s] {
      for (;;) {
        try {
          s.ioc.run();
          break;
        } catch (const std::exception& e) {
          spdlog::error("server thread: {}", e.what());
        }
      }
    });
  }
  spdlog::info("listening on http://{}:{} with {} threads", s.options.host, port, n);
  return port;
}

void Server::Impl::Accept() {
  acceptor->async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || stopping) return;
      spdlog::warn("accept: {}", ec.message());
    } else {
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<HttpSession>(std::move(socket), *this)->Start();
    }
    if (!stopping) Accept();
  });
}

void Server::Stop() {
  auto& s = *impl_;
  if (s.threads.empty()) return;
  std::call_once(s.stop_once, [&s] {
    s.stopping = true;
    net::post(s.ioc, [&s] {
      boost::system::error_code ec;
      if (s.acceptor) s.acceptor->close(ec);
      std::lock_guard lock(s.sessions_mu);
      for (auto* session : s.sessions) session->CloseIfIdle();
    });
    s.work.reset();
    // Requests in flight finish; whatever is left after the grace period is cut.
    std::thread watchdog([&s] {
      auto deadline = std::chrono::steady_clock::now() + s.options.shutdown_grace;
      while (std::chrono::steady_clock::now() < deadline) {
        if (s.ioc.stopped()) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      spdlog::warn("shutdown grace period over; closing remaining connections");
      s.ioc.stop();
    });
    for (auto& t : s.threads) t.join();
    s.ioc.stop();
    watchdog.join();
    spdlog::info("server stopped");
  });
}

void Server::RunUntilSignal() {
  net::io_context signals_ctx;
  net::signal_set signals(signals_ctx, SIGINT, SIGTERM);
  signals.async_wait([](beast::error_code, int sig) {
    spdlog::info("signal {} received, stopping gracefully", sig);
  });
  signals_ctx.run();
  Stop();
}

}  // namespace vw::http
