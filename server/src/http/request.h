// The request as handlers see it.
//
// RequestContext wraps the parsed Beast request with what the router and the
// auth guard found: the matched route and its path parameters, the request
// id, the client address and, on authenticated routes, the Principal.
// Handlers read input through the helpers here so that malformed ids,
// queries and bodies get the same Chinese errors everywhere.
//
// Path and query parameters are read only as the matched route declares them
// (http/params.h, RouteOptions): the declaration gives the type, the bounds,
// the choices, the default and the label errors name. Reading a parameter
// the route did not declare, or as another type, throws std::logic_error
// (a bug: the router answers 500), as does reading one outside a route.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/beast/http.hpp>
#include <boost/url.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.h"
#include "core/principal.h"
#include "core/result.h"
#include "http/params.h"

namespace vw::db {
class Session;
}

namespace vw::http {

struct Route;

// The session check of a route whose handler authenticates its caller inside
// its own transaction (RouteOptions::session_in_work): the whole check the
// auth guard makes (session, password change, role, CSRF), run with the
// handler's database session; the principal, or the error to answer.
using SessionCheck = std::function<Result<Principal>(db::Session&)>;

namespace beast_http = boost::beast::http;
using RawRequest = beast_http::request<beast_http::string_body>;

class RequestContext {
 public:
  // `origin` is the configured public base URL ("https://vocweek.example.cn");
  // it must outlive the context (the server keeps it).
  RequestContext(const RawRequest& raw, std::string request_id, std::string client_ip,
                 std::string_view origin = "http://127.0.0.1:8080");

  const RawRequest& raw() const { return raw_; }
  beast_http::verb method() const { return raw_.method(); }
  std::string_view path() const { return path_; }
  std::string_view body() const { return raw_.body(); }
  const std::string& request_id() const { return request_id_; }
  const std::string& client_ip() const { return client_ip_; }

  std::string_view Header(beast_http::field name) const;
  std::string_view Header(std::string_view name) const;
  // The configured public base URL ("scheme://host[:port]", no trailing
  // slash) for absolute links in feeds, tags and QR codes. Never read from the
  // request: Host and X-Forwarded-Proto are the client's to choose.
  std::string Origin() const { return std::string(origin_); }
  // Value of a cookie, empty when absent.
  std::string_view Cookie(std::string_view name) const;

  // An optional integer query parameter: nullopt (or the declared default)
  // when absent or empty; outside the declared bounds, or not a number, is an
  // error naming it. The declaration must be an Int that is not Required().
  Result<std::optional<std::int64_t>> QueryInt(std::string_view name) const;
  // A Required() integer query parameter; absent or empty is an error naming it.
  Result<std::int64_t> RequiredQueryInt(std::string_view name) const;
  // A Text or Choice query parameter, trimmed: the declared default, or "",
  // when absent; an error naming it when it is longer than declared, not one
  // of the choices, not one line, or missing while Required().
  Result<std::string> QueryText(std::string_view name) const;
  // A Flag query parameter: "1" or "true" is yes, anything else no.
  bool QueryFlag(std::string_view name) const;
  // page/page_size (declared with Paged(): defaults 1 and 20, page_size at
  // most what the route allows).
  struct Paging {
    std::int64_t page = 1;
    std::int64_t page_size = kDefaultPageSize;
    std::int64_t offset() const { return (page - 1) * page_size; }
  };
  Result<Paging> Page() const;

  // A path parameter typed integer ("/api/units/{id}") as a positive id; an
  // invalid one is kNotFound.
  Result<Id> PathId(std::string_view name) const;
  // A path parameter typed text, percent-decoded.
  std::string_view PathParam(std::string_view name) const;

  // The body as a JSON object; the request must say Content-Type: application/json.
  Result<json::object> JsonBody() const;

  // Set by the auth guard on authenticated routes.
  bool has_principal() const { return principal_.has_value(); }
  const Principal& principal() const { return *principal_; }
  void set_principal(Principal p) { principal_ = std::move(p); }
  // Set by the auth guard instead of the principal on routes with
  // RouteOptions::session_in_work; the handler must run it before acting.
  const SessionCheck& session_check() const { return session_check_; }
  void set_session_check(SessionCheck check) { session_check_ = std::move(check); }

  // The matched route, nullptr before routing or when none matched.
  const Route* route() const { return route_; }

  // The direct peer's address (not X-Forwarded-For), set by the server;
  // unspecified (0.0.0.0) when unknown.
  const boost::asio::ip::address& peer() const { return peer_; }
  void set_peer(boost::asio::ip::address peer) { peer_ = std::move(peer); }

  // Set by the router before the guard runs; `route` outlives the context.
  void BindRoute(const Route& route, std::vector<std::pair<std::string, std::string>> params) {
    route_ = &route;
    params_ = std::move(params);
  }

 private:
  // The decoded value, nullopt when absent.
  std::optional<std::string> RawQuery(std::string_view name) const;
  // The matched route's declaration of `name`, which must have type `type`;
  // throws std::logic_error otherwise.
  const Param& DeclaredQuery(std::string_view name, Param::Type type) const;
  const Param& DeclaredPath(std::string_view name, Param::Type type) const;
  Result<std::optional<std::int64_t>> ReadInt(const Param& p) const;

  const RawRequest& raw_;
  std::string request_id_;
  std::string client_ip_;
  std::string_view origin_;
  std::string_view path_;
  boost::urls::url_view url_;
  bool url_ok_ = false;
  const Route* route_ = nullptr;
  std::vector<std::pair<std::string, std::string>> params_;
  std::optional<Principal> principal_;
  SessionCheck session_check_;
  boost::asio::ip::address peer_;
};

}  // namespace vw::http
