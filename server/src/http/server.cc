#include "http/server.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/intrusive/list.hpp>
#include <boost/url.hpp>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <random>
#include <unordered_set>

#include "core/worker_pool.h"
#include "http/access_log.h"
#include "http/framing.h"

namespace vw::http {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

namespace {

constexpr std::chrono::seconds kLogInterval{10};
constexpr std::size_t kClosedPerExhaustion = 8;
// Events queued on a stream whose client does not read them: beyond, the
// stream is closed (a slow or gone client holds no more memory).
constexpr std::size_t kMaxQueuedEvents = 32;

std::string_view ToView(beast::string_view s) { return {s.data(), s.size()}; }

// A warning for a condition that can repeat thousands of times a second
// (descriptor exhaustion, the connection cap): the first occurrence is
// logged, then at most one line per interval with the number of
// occurrences since the last line. Thread-safe.
class RateLimitedWarning {
 public:
  explicit RateLimitedWarning(std::string what) : what_(std::move(what)) {}

  void Note(std::string_view detail) {
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mu_);
    ++count_;
    if (logged_once_ && now - last_ < kLogInterval) return;
    spdlog::warn("{}: {} ({} times since the last report)", what_, detail, count_);
    logged_once_ = true;
    last_ = now;
    count_ = 0;
  }

 private:
  std::string what_;
  std::mutex mu_;
  bool logged_once_ = false;
  std::chrono::steady_clock::time_point last_;
  std::uint64_t count_ = 0;
};

bool IsDescriptorExhaustion(const beast::error_code& ec) {
  return ec == net::error::no_descriptors || ec == net::error::no_buffer_space ||
         ec == net::error::no_memory ||
         (ec.category() == boost::system::system_category() && ec.value() == ENFILE);
}

bool AllDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

Response Busy() {
  Response r = JsonError({ErrorCode::kUnavailable, "服务器繁忙，请稍后重试", ""});
  r.SetHeader("Retry-After", "5");
  return r;
}

}  // namespace

class HttpSession;

// A session's place in the list of connections waiting for a request.
struct IdleNode : boost::intrusive::list_base_hook<> {
  HttpSession* session = nullptr;
};

struct Server::Impl {
  ServerOptions options;
  Dispatch dispatch;
  BodyLimit body_limit;
  std::string origin;         // public base URL given to every request
  std::string fixed_headers;  // sent with every answer
  std::string busy_reply;     // a whole 503 answer, for connections over the cap
  std::size_t max_connections = 0;
  std::atomic<bool> stopping{false};
  std::atomic<std::uint64_t> request_counter{0};
  std::string id_prefix;
  RateLimitedWarning accept_warning{"accept"};
  RateLimitedWarning cap_warning{"connection cap"};
  // Outlives the threads that add to it (declared before them).
  std::unique_ptr<AccessLog> access_log;

  // Every open connection, and those waiting for a request header, oldest
  // first (the ones closed first when the cap is reached).
  std::mutex sessions_mu;
  std::unordered_set<HttpSession*> sessions;
  boost::intrusive::list<IdleNode> idle;

  // Declared after what sessions use in their destructors: handlers still
  // queued when the context is destroyed may own the last session reference.
  net::io_context ioc;
  std::optional<net::strand<net::io_context::executor_type>> accept_strand;
  std::optional<tcp::acceptor> acceptor;
  std::optional<net::steady_timer> accept_retry;
  std::vector<std::thread> threads;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  std::unique_ptr<WorkerPool> workers;  // destroyed before ioc: jobs hold work on it
  std::once_flag stop_once;

  // An answer a handler makes later (Response::later), from its start until
  // its Respond is gone: holds work on ioc, and Stop waits for the count to
  // reach zero even after the grace period, so no Respond outlives ioc.
  class PendingAnswer {
   public:
    explicit PendingAnswer(Impl& server) : server_(server), work_(server.ioc.get_executor()) {
      std::lock_guard lock(server_.pending_mu);
      ++server_.pending_answers;
    }
    ~PendingAnswer() {
      work_.reset();
      std::lock_guard lock(server_.pending_mu);
      if (--server_.pending_answers == 0) server_.pending_done.notify_all();
    }
    PendingAnswer(const PendingAnswer&) = delete;
    PendingAnswer& operator=(const PendingAnswer&) = delete;

   private:
    Impl& server_;
    net::executor_work_guard<net::io_context::executor_type> work_;
  };
  std::mutex pending_mu;
  std::condition_variable pending_done;
  std::size_t pending_answers = 0;

  void Accept();
  void OnAcceptError(const beast::error_code& ec);
  void RetryAcceptAfter(std::chrono::milliseconds delay);
  void Refuse(tcp::socket& socket);
  // Closes up to `n` of the connections that have waited longest for a
  // request; the number closed (0 when none waits).
  std::size_t CloseOldestIdle(std::size_t n = 1);
  std::string NextRequestId();
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server) {
    idle_node_.session = this;
    boost::system::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) {
      peer_ = ep.address();
      if (peer_.is_v6() && peer_.to_v6().is_v4_mapped()) {
        peer_ = net::ip::make_address_v4(net::ip::v4_mapped, peer_.to_v6());
      }
      peer_ip_ = peer_.to_string();
    }
  }

  ~HttpSession() {
    std::lock_guard lock(server_.sessions_mu);
    server_.sessions.erase(this);
    if (idle_node_.is_linked()) server_.idle.erase(server_.idle.iterator_to(idle_node_));
  }

  void Start() {
    {
      std::lock_guard lock(server_.sessions_mu);
      server_.sessions.insert(this);
    }
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&HttpSession::ReadHeader, shared_from_this()));
  }

  // Closes the connection if it still waits for a request header (`quiet`:
  // only if nothing of the next request has arrived yet, for Stop()).
  void CloseIfIdle(bool quiet) {
    auto self = shared_from_this();
    net::post(stream_.get_executor(), [self, quiet] {
      if (self->streaming_) return self->EndStream();
      if (!self->reading_header_) return;
      if (quiet && ((self->parser_ && self->parser_->got_some()) || self->buffer_.size() > 0)) {
        return;
      }
      boost::system::error_code ec;
      self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
      self->stream_.socket().close(ec);
    });
  }

  // A stream of events (Response::stream), from any thread.
  bool StreamSend(std::string text) {
    if (stream_closed_) return false;
    if (queued_.fetch_add(1) >= kMaxQueuedEvents) {
      EndStream();
      return false;
    }
    net::post(stream_.get_executor(),
              [self = shared_from_this(), text = std::move(text)]() mutable {
                if (self->stream_closed_) return;
                self->out_.push_back(std::move(text));
                self->WriteNext();
              });
    return true;
  }
  bool StreamOpen() const { return !stream_closed_; }
  void EndStream() {
    stream_closed_ = true;
    net::post(stream_.get_executor(), [self = shared_from_this()] { self->Close(); });
  }
  void StartStream(Response r);

 private:
  void SetIdle(bool idle) {
    std::lock_guard lock(server_.sessions_mu);
    if (idle_node_.is_linked()) server_.idle.erase(server_.idle.iterator_to(idle_node_));
    if (idle) server_.idle.push_back(idle_node_);
  }

  void ReadHeader() {
    if (server_.stopping) return Close();
    parser_.emplace();
    // The route's limit is applied once the header names the route.
    parser_->body_limit(boost::none);
    head_reader_.emplace();
    reading_header_ = true;
    SetIdle(true);
    stream_.expires_after(server_.options.idle_timeout);
    ParseHeader();
  }

  // Feeds what has arrived to the parser and reads more until the header is
  // complete.
  void ParseHeader() {
    if (buffer_.size() > 0) {
      beast::error_code ec;
      auto data = buffer_.data();
      std::size_t used =
          head_reader_->Put(*parser_, {static_cast<const char*>(data.data()), data.size()}, ec);
      buffer_.consume(used);
      if (ec != beast_http::error::need_more) return OnHeader(ec);
    }
    stream_.async_read_some(
        buffer_.prepare(beast::read_size(buffer_, 65536)),
        beast::bind_front_handler(&HttpSession::OnHeaderBytes, shared_from_this()));
  }

  void OnHeaderBytes(beast::error_code ec, std::size_t n) {
    buffer_.commit(n);
    if (ec) return OnHeader(ec);
    ParseHeader();
  }

  void OnHeader(beast::error_code ec) {
    reading_header_ = false;
    SetIdle(false);
    if (ec == net::error::eof || ec == net::error::operation_aborted ||
        ec == beast::error::timeout || ec == net::error::connection_reset) {
      return Close();
    }
    if (ec) return Fail(ec == beast_http::error::header_limit ? 431 : 400, "请求格式不正确");
    const auto& req = parser_->get();
    if (auto problem = FramingProblem(req, head_reader_->folded())) {
      return Fail(400, "请求格式不正确：" + *problem);
    }
    if (parser_->is_done()) return Handle();  // no body: no route lookup for its limit
    std::string_view target = ToView(req.target());
    body_limit_ = server_.body_limit(req.method(), target.substr(0, target.find('?')));
    if (!LimitBody(*parser_, body_limit_)) return TooLarge(body_limit_);
    stream_.expires_after(server_.options.body_timeout);
    beast_http::async_read(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&HttpSession::OnBody, shared_from_this()));
  }

  void OnBody(beast::error_code ec, std::size_t) {
    if (ec == beast_http::error::body_limit) return TooLarge(body_limit_);
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
    const TrustedProxies& trusted = server_.options.trusted_proxies;
    if (trusted.empty() || peer_ip_.empty()) return peer_ip_;
    std::vector<std::string_view> forwarded;
    for (const auto& f : req) {
      if (beast::iequals(f.name_string(), "X-Forwarded-For"))
        forwarded.push_back(ToView(f.value()));
    }
    return ClientAddress(peer_, forwarded, trusted);
  }

  void Handle() {
    request_ = parser_->release();
    started_ = std::chrono::steady_clock::now();
    ctx_.emplace(request_, server_.NextRequestId(), ClientIp(request_), server_.origin);
    ctx_->set_peer(peer_);
    Response r = server_.dispatch(*ctx_);
    if (r.offload) return Offload(std::move(r.offload));
    if (r.later) return AnswerLater(r.later);
    if (r.stream) return StartStream(std::move(r));
    Finish(std::move(r));
  }

  // The handler answers when its work is done (Response::later); the
  // answer is made and written on this connection's strand. Until then the
  // pending count keeps Stop (and the io_context) waiting for it.
  void AnswerLater(const std::function<void(Respond)>& later) {
    auto pending = std::make_shared<Server::Impl::PendingAnswer>(server_);
    later([self = shared_from_this(), pending](MakeResponse make) {
      net::post(self->stream_.get_executor(),
                [self, make = std::move(make)] { self->Finish(make()); });
    });
  }

  // Runs slow work on the worker pool; its answer comes back to this
  // connection's strand. The work guard keeps the I/O threads (and Stop)
  // waiting for it.
  void Offload(std::function<Response()> work) {
    auto self = shared_from_this();
    bool queued = server_.workers->TrySubmit(
        [self, work = std::move(work), guard = net::make_work_guard(server_.ioc)] {
          Response r = work();
          net::post(self->stream_.get_executor(),
                    [self, r = std::move(r)]() mutable { self->Finish(std::move(r)); });
        });
    if (!queued) Finish(Busy());
  }

  void Finish(Response r) {
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
            .count();
    bool head = request_.method() == beast_http::verb::head;
    if (server_.access_log->Wants(r.status)) {
      server_.access_log->Add(
          {std::chrono::system_clock::now(), ctx_->request_id(),
           std::string(ToView(request_.method_string())), BoundedTarget(ToView(request_.target())),
           r.status, head || r.status == 304 ? 0 : r.Body().size(), ms, ctx_->client_ip()});
    }
    r.SetHeader("X-Request-Id", ctx_->request_id());
    Write(std::move(r), request_.keep_alive() && !server_.stopping, head);
  }

  // The status line and headers are formatted here and sent with the body
  // in one gathered write: Beast's serializer walks its buffer sequences per
  // request, which showed up in profiles of the public endpoints.
  void Write(Response r, bool keep_alive, bool head) {
    response_ = std::move(r);
    std::string_view body = response_.Body();
    FormatHead(keep_alive, body.size());
    bool send_body = !head && response_.status != 304;
    std::array<net::const_buffer, 2> buffers{
        net::buffer(head_),
        send_body ? net::buffer(body.data(), body.size()) : net::const_buffer()};
    stream_.expires_after(server_.options.write_timeout);
    net::async_write(
        stream_, buffers,
        beast::bind_front_handler(&HttpSession::OnWrite, shared_from_this(), keep_alive));
  }

  // The status line and headers of response_ into head_; no Content-Length
  // for a stream (`length` nullopt), which ends when the connection closes.
  void FormatHead(bool keep_alive, std::optional<std::size_t> length) {
    head_.clear();
    head_ += "HTTP/1.1 ";
    head_ += std::to_string(response_.status);
    head_ += ' ';
    head_ += ToView(beast_http::obsolete_reason(static_cast<beast_http::status>(response_.status)));
    head_ += "\r\n";
    head_ += server_.fixed_headers;
    if (!response_.content_type.empty()) {
      head_ += "Content-Type: ";
      head_ += response_.content_type;
      head_ += "\r\n";
    }
    for (const auto& [k, v] : response_.headers) {
      if (v.find_first_of("\r\n") != std::string::npos) continue;  // never split the header
      head_ += k;
      head_ += ": ";
      head_ += v;
      head_ += "\r\n";
    }
    if (response_.status != 304 && length) {
      head_ += "Content-Length: ";
      head_ += std::to_string(*length);
      head_ += "\r\n";
    }
    if (!keep_alive) head_ += "Connection: close\r\n";
    head_ += "\r\n";
  }

  // The stream's events, one write at a time, in order.
  void WriteNext() {
    if (writing_ || out_.empty() || stream_closed_) return;
    writing_ = true;
    net::async_write(stream_, net::buffer(out_.front()),
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       self->writing_ = false;
                       self->out_.pop_front();
                       --self->queued_;
                       if (ec) return self->EndStream();
                       self->WriteNext();
                     });
  }

  // Reads (and drops) whatever the client of a stream sends, to learn when
  // it leaves.
  void WatchClose() {
    stream_.async_read_some(net::buffer(sink_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->EndStream();
                              self->WatchClose();
                            });
  }

  void OnWrite(bool keep_alive, beast::error_code ec, std::size_t) {
    // An idle connection keeps no request or answer in memory.
    ctx_.reset();
    request_ = {};
    response_ = {};
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
  net::ip::address peer_;
  std::string peer_ip_;
  std::optional<RequestParser> parser_;
  std::optional<HeadReader> head_reader_;  // of parser_'s head
  RawRequest request_;
  std::optional<RequestContext> ctx_;  // of request_, until its answer is written
  std::chrono::steady_clock::time_point started_;
  Response response_;
  std::string head_;  // status line and headers of the response being written
  std::size_t body_limit_ = 0;
  bool reading_header_ = false;
  // A stream of events (Response::stream): what waits to be written.
  bool streaming_ = false;
  bool writing_ = false;
  std::deque<std::string> out_;
  std::atomic<bool> stream_closed_{false};
  std::atomic<std::size_t> queued_{0};
  std::array<char, 256> sink_{};
  IdleNode idle_node_;  // linked while waiting for a request header (under sessions_mu)
};

// The stream handed to a Response::stream handler: it holds its connection
// weakly, so a stream kept after the client left holds no socket.
class SessionStream : public EventStream {
 public:
  explicit SessionStream(std::weak_ptr<HttpSession> session) : session_(std::move(session)) {}
  bool Send(std::string text) override {
    auto s = session_.lock();
    return s && s->StreamSend(std::move(text));
  }
  bool Open() const override {
    auto s = session_.lock();
    return s && s->StreamOpen();
  }
  void Close() override {
    if (auto s = session_.lock()) s->EndStream();
  }

 private:
  std::weak_ptr<HttpSession> session_;
};

void HttpSession::StartStream(Response r) {
  if (server_.access_log->Wants(r.status)) {
    server_.access_log->Add({std::chrono::system_clock::now(), ctx_->request_id(),
                             std::string(ToView(request_.method_string())),
                             BoundedTarget(ToView(request_.target())), r.status, 0, 0.0,
                             ctx_->client_ip()});
  }
  auto open = std::move(r.stream);
  r.SetHeader("X-Request-Id", ctx_->request_id());
  r.SetHeader("Cache-Control", "no-cache");
  r.SetHeader("X-Accel-Buffering", "no");  // nginx passes events on at once
  response_ = std::move(r);
  FormatHead(/*keep_alive=*/false, std::nullopt);
  streaming_ = true;
  writing_ = true;
  stream_.expires_never();
  ctx_.reset();
  request_ = {};
  net::async_write(stream_, net::buffer(head_),
                   [self = shared_from_this()](beast::error_code ec, std::size_t) {
                     self->writing_ = false;
                     if (ec) return self->EndStream();
                     self->WatchClose();
                     self->WriteNext();
                   });
  open(std::make_shared<SessionStream>(weak_from_this()));
}

std::optional<std::string> NormalisePublicUrl(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return std::nullopt;
  const auto& u = *parsed;
  std::string scheme(u.scheme());
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "http" && scheme != "https") return std::nullopt;
  if (!u.has_authority() || u.has_userinfo() || u.encoded_host().empty()) return std::nullopt;
  if (u.has_query() || u.has_fragment()) return std::nullopt;
  if (!u.encoded_path().empty() && u.encoded_path() != "/") return std::nullopt;
  if (u.has_port()) {
    std::string_view port = u.port();
    if (port.empty() || port.size() > 5 || !AllDigits(port) || std::stoul(std::string(port)) == 0 ||
        std::stoul(std::string(port)) > 65535) {
      return std::nullopt;
    }
  }
  std::string host(u.encoded_host_address());
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (host.find('%') != std::string::npos) return std::nullopt;
  if (u.host_type() == boost::urls::host_type::ipv6) host = "[" + host + "]";
  std::string out = scheme + "://" + host;
  if (u.has_port()) out += ":" + std::to_string(std::stoul(std::string(u.port())));
  return out;
}

std::size_t RaiseDescriptorLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max == RLIM_INFINITY ? 1 << 20 : limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) {
      spdlog::info("descriptor limit raised from {} to {}", limit.rlim_cur, raised.rlim_cur);
      limit = raised;
    }
  }
  return static_cast<std::size_t>(limit.rlim_cur);
}

std::size_t DefaultMaxConnections(std::size_t descriptor_limit) {
  constexpr std::size_t kMinReserve = 64;
  constexpr std::size_t kMaxDefault = 50'000;
  if (descriptor_limit <= 2 * kMinReserve) return std::max<std::size_t>(1, descriptor_limit / 2);
  std::size_t reserve = std::max(kMinReserve, descriptor_limit / 8);
  return std::min(descriptor_limit - reserve, kMaxDefault);
}

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

Server::~Server() {
  // Stop() joins threads, which may throw; a destructor must not. Written
  // with fprintf, which cannot throw either.
  try {
    Stop();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vocweek: stopping the server failed: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "vocweek: stopping the server failed\n");
  }
}

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
  s.accept_strand.emplace(net::make_strand(s.ioc));
  s.acceptor.emplace(*s.accept_strand);
  s.accept_retry.emplace(*s.accept_strand);
  tcp::endpoint ep(address, s.options.port);
  s.acceptor->open(ep.protocol());
  s.acceptor->set_option(net::socket_base::reuse_address(true));
  s.acceptor->bind(ep);
  s.acceptor->listen(net::socket_base::max_listen_connections);
  unsigned short port = s.acceptor->local_endpoint().port();

  s.origin = s.options.public_url;
  if (s.origin.empty()) {
    std::string host = address.is_unspecified() ? "127.0.0.1"
                       : address.is_v6()        ? "[" + address.to_string() + "]"
                                                : address.to_string();
    s.origin = "http://" + host + ":" + std::to_string(port);
    if (address.is_unspecified()) {
      spdlog::warn("links in feeds and QR codes point to {}; set VOCWEEK_PUBLIC_URL", s.origin);
    }
  }
  s.fixed_headers =
      "Server: vocweek\r\nX-Content-Type-Options: nosniff\r\nX-Frame-Options: "
      "SAMEORIGIN\r\nReferrer-Policy: same-origin\r\n";
  if (s.options.hsts) s.fixed_headers += "Strict-Transport-Security: max-age=31536000\r\n";
  {
    Response busy = Busy();
    std::string body(busy.Body());
    s.busy_reply = "HTTP/1.1 503 Service Unavailable\r\n" + s.fixed_headers +
                   "Content-Type: " + busy.content_type +
                   "\r\nRetry-After: 5\r\nConnection: close\r\nContent-Length: " +
                   std::to_string(body.size()) + "\r\n\r\n" + body;
  }
  rlimit limit{};
  std::size_t descriptors = getrlimit(RLIMIT_NOFILE, &limit) == 0 ? limit.rlim_cur : 1024;
  s.max_connections = s.options.max_connections > 0 ? s.options.max_connections
                                                    : DefaultMaxConnections(descriptors);
  s.access_log = std::make_unique<AccessLog>(s.options.access_log);
  s.workers = std::make_unique<WorkerPool>(std::max(1, s.options.workers), s.options.worker_queue);

  s.work.emplace(s.ioc.get_executor());
  int n = s.options.threads > 0
              ? s.options.threads
              : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  net::post(*s.accept_strand, [&s] { s.Accept(); });
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
  spdlog::info(
      "listening on http://{}:{} with {} threads, {} workers, at most {} connections "
      "(descriptor limit {})",
      s.options.host, port, n, s.workers->threads(), s.max_connections, descriptors);
  return port;
}

// Runs on accept_strand.
void Server::Impl::Accept() {
  acceptor->async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping || ec == net::error::operation_aborted) return;
    if (ec) return OnAcceptError(ec);
    std::size_t open;
    {
      std::lock_guard lock(sessions_mu);
      open = sessions.size();
    }
    if (open >= max_connections) {
      if (CloseOldestIdle() > 0) {
        cap_warning.Note(std::to_string(max_connections) +
                         " connections open; closed the longest idle one");
      } else {
        cap_warning.Note(std::to_string(max_connections) +
                         " connections open, none idle; refused a new one");
        Refuse(socket);
        return Accept();
      }
    }
    socket.set_option(tcp::no_delay(true), ec);
    std::make_shared<HttpSession>(std::move(socket), *this)->Start();
    Accept();
  });
}

void Server::Impl::OnAcceptError(const beast::error_code& ec) {
  if (IsDescriptorExhaustion(ec)) {
    // The waiting clients stay in the backlog; idle connections make room
    // for them (a few at a time, as several wait). Retrying at once would
    // fail again at full speed.
    std::size_t freed = CloseOldestIdle(kClosedPerExhaustion);
    accept_warning.Note(ec.message() + "; closed " + std::to_string(freed) +
                        " idle connections, retrying shortly");
    return RetryAcceptAfter(std::chrono::milliseconds(freed > 0 ? 10 : 100));
  }
  if (ec == net::error::connection_aborted) return Accept();  // that client left
  accept_warning.Note(ec.message());
  RetryAcceptAfter(std::chrono::milliseconds(10));
}

void Server::Impl::RetryAcceptAfter(std::chrono::milliseconds delay) {
  accept_retry->expires_after(delay);
  accept_retry->async_wait([this](beast::error_code ec) {
    if (ec || stopping) return;
    Accept();
  });
}

void Server::Impl::Refuse(tcp::socket& socket) {
  boost::system::error_code ec;
  socket.non_blocking(true, ec);
  socket.write_some(net::buffer(busy_reply), ec);
  socket.shutdown(tcp::socket::shutdown_both, ec);
  socket.close(ec);
}

std::size_t Server::Impl::CloseOldestIdle(std::size_t n) {
  // Released outside the lock: the last reference runs the destructor,
  // which takes the lock.
  std::vector<std::shared_ptr<HttpSession>> oldest;
  {
    std::lock_guard lock(sessions_mu);
    while (oldest.size() < n && !idle.empty()) {
      // A session whose last reference is going away closes by itself.
      if (auto s = idle.front().session->weak_from_this().lock()) oldest.push_back(std::move(s));
      idle.pop_front();
    }
  }
  for (auto& s : oldest) s->CloseIfIdle(/*quiet=*/false);
  return oldest.size();
}

void Server::Stop() {
  auto& s = *impl_;
  if (s.threads.empty()) return;
  std::call_once(s.stop_once, [&s] {
    s.stopping = true;
    net::post(*s.accept_strand, [&s] {
      boost::system::error_code ec;
      if (s.acceptor) s.acceptor->close(ec);
      s.accept_retry->cancel();
      std::vector<std::shared_ptr<HttpSession>> open;
      {
        std::lock_guard lock(s.sessions_mu);
        for (auto* session : s.sessions) {
          if (auto p = session->weak_from_this().lock()) open.push_back(std::move(p));
        }
      }
      for (auto& session : open) session->CloseIfIdle(/*quiet=*/true);
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
    s.workers->Stop();
    {
      // Answers still pending after the grace period: their work finishes
      // (it is bounded: a check-in transaction), its answer is dropped.
      std::unique_lock lock(s.pending_mu);
      s.pending_done.wait(lock, [&s] { return s.pending_answers == 0; });
    }
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
