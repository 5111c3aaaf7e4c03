// The request as handlers see it.
//
// RequestContext wraps the parsed Beast request with what the router and the
// auth guard found: path parameters, the request id, the client address and,
// on authenticated routes, the Principal. Handlers read input through the
// helpers here so that malformed ids, queries and bodies get the same Chinese
// errors everywhere.
#pragma once

#include <boost/beast/http.hpp>
#include <boost/url.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.h"
#include "core/principal.h"
#include "core/result.h"

namespace vw::http {

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

  // Decoded query parameter.
  std::optional<std::string> Query(std::string_view name) const;
  // An optional integer query parameter; a malformed value is an error naming it.
  Result<std::optional<std::int64_t>> QueryInt(std::string_view name, std::string_view label,
                                               std::int64_t min, std::int64_t max) const;
  // page/page_size with defaults 1/20 and page_size ≤ max_page_size.
  struct Paging {
    std::int64_t page = 1;
    std::int64_t page_size = 20;
    std::int64_t offset() const { return (page - 1) * page_size; }
  };
  Result<Paging> Page(std::int64_t max_page_size = 200) const;

  // A path parameter as a positive id ("/api/units/{id}").
  Result<Id> PathId(std::string_view name) const;
  std::string_view PathParam(std::string_view name) const;

  // The body as a JSON object; the request must say Content-Type: application/json.
  Result<json::object> JsonBody() const;

  // Set by the auth guard on authenticated routes.
  bool has_principal() const { return principal_.has_value(); }
  const Principal& principal() const { return *principal_; }
  void set_principal(Principal p) { principal_ = std::move(p); }

  void set_path_params(std::vector<std::pair<std::string, std::string>> params) {
    params_ = std::move(params);
  }

 private:
  const RawRequest& raw_;
  std::string request_id_;
  std::string client_ip_;
  std::string_view origin_;
  std::string_view path_;
  boost::urls::url_view url_;
  bool url_ok_ = false;
  std::vector<std::pair<std::string, std::string>> params_;
  std::optional<Principal> principal_;
};

}  // namespace vw::http
