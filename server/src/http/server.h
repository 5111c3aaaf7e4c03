// The HTTP/1.1 server: asynchronous Boost.Beast on a pool of threads.
//
// One io_context is run by `threads` threads; each connection is served on
// its own strand, so a connection's steps never run concurrently while
// different connections use every core. Handlers run synchronously on the
// connection's strand, except those the router marks `offload` (exports,
// imports, password hashing): they run on a bounded worker pool and their
// answer is written back on the strand, so a slow one never holds an I/O
// thread. When the pool's queue is full the answer is 503 with Retry-After.
// A handler may also answer later (Response::later: check-ins wait for the
// group commit that holds them): it returns at once, the connection waits
// without holding a thread, and the answer is made and written on its
// strand when the handler's work calls back.
//
// Per request: the header is read first (16 KiB in all, however it
// arrives; 431 beyond) and its framing is checked strictly (400 and close
// for a Transfer-Encoding other than "chunked", Transfer-Encoding with
// Content-Length, a repeated or list-valued Content-Length, obs-fold,
// HTTP/1.1 without exactly one Host; see framing.h), then the body limit
// of the matched route is applied (413 when exceeded), then the body is
// read, the handler runs and the response is written.
// Keep-alive is honoured. Stop() is graceful: no new connections, idle
// connections are closed, requests in flight finish and are answered
// (those answered later included).
//
// Descriptors: at most `max_connections` connections are open at once.
// A connection beyond the cap closes the connection that has waited longest
// for a request (idle keep-alive or a header still arriving), so a client
// with a real request is always served; when no connection is idle the new
// one gets an immediate 503 and is closed. When accept() itself runs out of
// descriptors (EMFILE/ENFILE) the server closes a few idle connections and
// retries after 10 ms (100 ms when none is idle) instead of spinning. Both conditions are
// logged at most once per 10 seconds, with a count.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "http/access_log.h"
#include "http/client_address.h"
#include "http/request.h"
#include "http/response.h"

namespace vw::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0 picks a free port (tests)
  int threads = 0;             // 0: one per core
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds body_timeout{60};
  std::chrono::seconds write_timeout{120};
  std::chrono::seconds shutdown_grace{20};
  std::size_t default_body_limit = 1 << 20;
  // Base of absolute links (RequestContext::Origin), as NormalisePublicUrl
  // returns it; empty: "http://<host>:<bound port>" (127.0.0.1 for a
  // wildcard host).
  std::string public_url;
  // Peers whose X-Forwarded-For is believed (see client_address.h).
  TrustedProxies trusted_proxies;
  // Open connections at most; 0: DefaultMaxConnections of the descriptor
  // limit at Start().
  std::size_t max_connections = 0;
  int workers = 2;                // threads for offloaded handlers
  std::size_t worker_queue = 64;  // offloaded requests waiting beyond those running
  bool hsts = false;              // Strict-Transport-Security on every answer (HTTPS only)
  // One line per answered request, written off the I/O threads (access_log.h).
  AccessLogFormat access_log = AccessLogFormat::kText;
};

// Produces the response for a fully read request. Must be thread-safe.
using Dispatch = std::function<Response(RequestContext&)>;
// Body limit for a request, known after its header was read. Thread-safe.
using BodyLimit = std::function<std::size_t(beast_http::verb, std::string_view path)>;

// "https://Host.example:8443/" → "https://host.example:8443": scheme http or
// https, a host, an optional port, nothing else (no user, path, query or
// fragment). nullopt when `url` is not such a base URL.
std::optional<std::string> NormalisePublicUrl(std::string_view url);

// Raises the soft RLIMIT_NOFILE to the hard limit; returns the soft limit
// in force afterwards.
std::size_t RaiseDescriptorLimit();

// The connection cap for a descriptor limit: room is kept for the database,
// files and logs (1/8 of the limit, at least 64), and at most 50,000
// connections (≈ 4 KiB of memory each while idle, so ≈ 200 MB at most).
std::size_t DefaultMaxConnections(std::size_t descriptor_limit);

class Server {
 public:
  Server(ServerOptions options, Dispatch dispatch, BodyLimit body_limit);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the threads; returns the bound port. Throws on bind failure.
  unsigned short Start();
  // Graceful stop; returns when every thread has finished. Idempotent.
  void Stop();
  // Blocks until SIGINT or SIGTERM, then stops gracefully.
  void RunUntilSignal();

  // Process-unique id for a request ("3fa2c1d0-000001").
  std::string NextRequestId();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace vw::http
