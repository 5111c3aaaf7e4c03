// Routes: method + path pattern → handler, with the metadata the server,
// the auth guard and the OpenAPI document need.
//
// Patterns are literal segments and {name} parameters: "/api/units/{id}".
// A path parameter's type is declared in RouteOptions::path, or follows the
// rule: `id` and names ending in `_id` are positive integers (PathId reads
// them), every other name is text (PathParam reads it). Query parameters are
// declared in RouteOptions::query (http/params.h); a handler reads only what
// its route declares, so the OpenAPI document lists exactly what it accepts.
// Routes are registered at start-up, before the server runs; afterwards the
// router is read-only and safe to use from every server thread.
#pragma once

#include <boost/beast/http/verb.hpp>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/params.h"
#include "http/request.h"
#include "http/response.h"

namespace vw::http {

using Verb = boost::beast::http::verb;

enum class Access {
  kPublic,    // no account needed
  kUser,      // a signed-in user; state-changing methods also need the CSRF token
  kSysadmin,  // a signed-in system administrator
};

struct RouteOptions {
  std::string summary;  // one line, Chinese, shown in the OpenAPI document
  std::string tag;      // the domain ("units", "campaigns"...)
  Access access = Access::kUser;
  std::size_t body_limit = 1 << 20;  // bytes; larger bodies get 413
  // Slow work (password hashing, imports, exports, image work): the handler
  // runs on the bounded worker pool, never on an I/O thread, so /healthz and
  // the public pages keep answering while it runs.
  bool offload = false;
  // What the handler reads from the query string, e.g.
  // {Param::Int("unit_id", "单位").Required()}; Paged(...) adds page/page_size.
  std::vector<Param> query = {};
  // Path parameters whose type the rule above does not give, e.g.
  // {Param::Choice("form", "报表类型", {...})}.
  std::vector<Param> path = {};
  // The caller's session is checked inside the handler's own transaction,
  // not by the guard before it: the guard only sees that a session cookie
  // (and, on a state-changing request, a CSRF header) was sent and leaves
  // RequestContext::session_check() for the handler, which must run it
  // before it acts. For the check-in upload, whose group commit then reads
  // the session with the scans, on the committer's connection, instead of
  // in a read transaction of its own on an I/O thread.
  bool session_in_work = false;
};

using Handler = std::function<Response(RequestContext&)>;

struct Route {
  Verb method{};
  std::string pattern;
  std::vector<std::string> segments;  // "{id}" kept as is
  std::vector<Param> path_params;     // every {name}, in order, typed (declared or by rule)
  RouteOptions options;
  Handler handler;
};

// Runs before every routed handler; returns an error to refuse the request.
// The app installs the auth guard here (auth::MakeAuthGuard, auth/auth_routes.cc).
using Guard = std::function<Status(RequestContext&, const Route&)>;

class Router {
 public:
  // Throws std::logic_error for a duplicate route, a parameter declared twice,
  // or a path declaration naming no {segment} of the pattern.
  void Add(Verb method, std::string pattern, RouteOptions options, Handler handler);
  void SetGuard(Guard guard) { guard_ = std::move(guard); }

  struct Match {
    const Route* route = nullptr;
    std::vector<std::pair<std::string, std::string>> params;
  };
  // The route for this method and path, if any.
  std::optional<Match> Find(Verb method, std::string_view path) const;
  // True when some route matches the path with another method (→ 405).
  bool PathExists(std::string_view path) const;

  // Matches, guards and runs the handler; maps errors and exceptions to
  // envelope responses (exceptions are logged with the request id). For a
  // route marked `offload` the guard runs here and the handler does not: the
  // answer carries it in Response::offload for the server's worker pool
  // (`ctx` must then live until that has run). An answer a handler makes
  // later (Response::later) passes the same exception mapping when it is
  // made. Answers without their own
  // Cache-Control get "no-store": API answers may carry personal data, and
  // public answers meant to be cached set theirs.
  Response Dispatch(RequestContext& ctx) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  static Response Run(RequestContext& ctx, const Route& route);
  static bool MatchSegments(const Route& route, const std::vector<std::string_view>& segs,
                            std::vector<std::pair<std::string, std::string>>* params);

  std::vector<Route> routes_;
  Guard guard_;
};

}  // namespace vw::http
