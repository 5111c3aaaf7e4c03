// Responses and the one JSON envelope.
//
// Every API answer has one shape (documented in docs/api.md):
//   success: {"ok": true,  "data": <value>}        lists: data = {"items": [...], "total": n}
//   failure: {"ok": false, "error": {"code": "invalid_argument",
//                                     "message": "请填写单位名称", "field": "name"}}
// The status code of a failure comes from StatusFor() (response.cc), the
// only place that knows how an ErrorCode becomes an HTTP status.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace vw::http {

namespace json = boost::json;

struct Response;

// A stream of server-sent events on one connection (Response::stream).
// Thread-safe: any thread may send.
class EventStream {
 public:
  virtual ~EventStream() = default;
  // Queues `text` (one or more whole events) for sending; false once the
  // stream is closed (the client left, did not read its queued events, or
  // the server stops): drop the stream then.
  virtual bool Send(std::string text) = 0;
  virtual bool Open() const = 0;
  // Ends the stream (the connection closes).
  virtual void Close() = 0;
};

// Makes an answer that was decided elsewhere; the server calls it on the
// connection's strand, so building the body holds no other thread.
using MakeResponse = std::function<Response()>;
// Hands a later answer to the server: called exactly once, from any thread.
using Respond = std::function<void(MakeResponse)>;

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  // When set, sent instead of `body` without copying (static files, caches).
  std::shared_ptr<const std::string> shared_body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set by the router for a route marked `offload` instead of running its
  // handler: the server runs this on its worker pool and sends what it
  // returns (or 503 when the pool's queue is full). Empty otherwise.
  std::function<Response()> offload;
  // Set by a handler that answers later without holding any thread while
  // it waits (check-ins wait for their group commit): the server calls it
  // once, on the I/O thread, with a Respond that the work it starts calls
  // when its answer is known. The connection, its request and its context
  // stay alive until then, and Server::Stop waits for it. Empty otherwise.
  std::function<void(Respond)> later;
  // Set by a handler that answers with a stream of events (text/event-stream):
  // the server sends the status and headers without a length, then calls this
  // once, on the I/O thread, with the stream; the connection stays open, with
  // no thread held, until the stream is closed, the client leaves or the
  // server stops. Empty otherwise.
  std::function<void(std::shared_ptr<EventStream>)> stream;

  // For an answer made later (`offload` or `later`): `around` gets the
  // function that makes it and returns what is sent instead (counting it,
  // mapping its exceptions). Runs on the thread that makes the answer.
  using Around = std::function<Response(const MakeResponse&)>;
  void WrapLater(const Around& around);
  bool answered_later() const { return offload || later; }

  // Replaces a header of the same name.
  void SetHeader(std::string name, std::string value);
  // Adds a header even if one of the same name exists (Set-Cookie).
  void AddHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
  std::string_view Body() const { return shared_body ? std::string_view(*shared_body) : body; }
};

unsigned StatusFor(ErrorCode code);

// {"ok":true,"data":data}
Response JsonOk(const json::value& data, unsigned status = 200);
// {"ok":true,"data":{"items":items,"total":total}}
Response JsonList(json::array items, std::int64_t total);
// {"ok":false,"error":{...}} with the mapped status.
Response JsonError(const Error& error);

// Serialises an envelope body without building a Response (for caches).
std::string EnvelopeBody(const json::value& data);

// A strong ETag ("…", quoted) for a body: a content hash, so equal bytes
// give equal tags across restarts and processes.
std::string ETagFor(std::string_view body);

// A file download; the filename may be Chinese (RFC 5987 filename*).
Response Download(std::string bytes, std::string content_type, std::string_view filename);

// Content-Disposition value for a UTF-8 filename, with an ASCII fallback.
std::string ContentDisposition(std::string_view filename, bool inline_view = false);

}  // namespace vw::http
