#include "http/router.h"

#include <spdlog/spdlog.h>

#include <boost/beast/core/string.hpp>

#include <stdexcept>

namespace vw::http {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool IsParam(std::string_view seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

// Percent-decodes a path segment; invalid escapes are kept literally.
std::string DecodeSegment(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = hex(s[i + 1]);
      int lo = hex(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace

namespace {

// The type of a path parameter the route does not declare (router.h).
Param PathParamByRule(const std::string& name) {
  bool is_id = name == "id" || (name.size() > 3 && name.ends_with("_id"));
  return is_id ? Param::Int(name, "编号") : Param::Text(name, "", 0);
}

void CheckUnique(const std::vector<Param>& params, const std::string& pattern) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    for (std::size_t j = i + 1; j < params.size(); ++j) {
      if (params[i].name == params[j].name) {
        throw std::logic_error("parameter " + params[i].name + " declared twice on " + pattern);
      }
    }
  }
}

}  // namespace

void Router::Add(Verb method, std::string pattern, RouteOptions options, Handler handler) {
  Route r;
  r.method = method;
  r.pattern = std::move(pattern);
  for (auto seg : SplitPath(r.pattern)) {
    r.segments.emplace_back(seg);
    if (!IsParam(seg)) continue;
    std::string name(seg.substr(1, seg.size() - 2));
    const Param* declared = FindParam(options.path, name);
    r.path_params.push_back(declared ? *declared : PathParamByRule(name));
  }
  for (const auto& p : options.path) {
    if (!FindParam(r.path_params, p.name)) {
      throw std::logic_error("path parameter " + p.name + " is not in " + r.pattern);
    }
  }
  CheckUnique(r.path_params, r.pattern);
  CheckUnique(options.query, r.pattern);
  for (const auto& existing : routes_) {
    if (existing.method == method && existing.pattern == r.pattern) {
      throw std::logic_error("duplicate route " + r.pattern);
    }
  }
  r.options = std::move(options);
  r.handler = std::move(handler);
  routes_.push_back(std::move(r));
}

bool Router::MatchSegments(const Route& route, const std::vector<std::string_view>& segs,
                           std::vector<std::pair<std::string, std::string>>* params) {
  if (segs.size() != route.segments.size()) return false;
  for (size_t i = 0; i < segs.size(); ++i) {
    const std::string& want = route.segments[i];
    if (IsParam(want)) {
      if (params) params->emplace_back(want.substr(1, want.size() - 2), DecodeSegment(segs[i]));
    } else if (want != segs[i]) {
      if (params) params->clear();
      return false;
    }
  }
  return true;
}

std::optional<Router::Match> Router::Find(Verb method, std::string_view path) const {
  // HEAD is served by the GET route.
  Verb want = method == Verb::head ? Verb::get : method;
  // Literal routes win over parameterised ones ("/api/units/tree" vs "/api/units/{id}").
  const Route* best = nullptr;
  int best_params = 1 << 30;
  auto segs = SplitPath(path);
  for (const auto& r : routes_) {
    if (r.method != want || !MatchSegments(r, segs, nullptr)) continue;
    int n = 0;
    for (const auto& s : r.segments) n += IsParam(s) ? 1 : 0;
    if (n < best_params) {
      best = &r;
      best_params = n;
    }
  }
  if (!best) return std::nullopt;
  Match m;
  m.route = best;
  MatchSegments(*best, segs, &m.params);
  return m;
}

bool Router::PathExists(std::string_view path) const {
  auto segs = SplitPath(path);
  for (const auto& r : routes_) {
    if (MatchSegments(r, segs, nullptr)) return true;
  }
  return false;
}

namespace {

Response NoStoreUnlessSet(Response r) {
  for (const auto& [name, value] : r.headers) {
    if (boost::beast::iequals(name, "Cache-Control")) return r;
  }
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response InternalError(const RequestContext& ctx, const std::exception& e) {
  spdlog::error("rid={} {} {} failed: {}", ctx.request_id(),
                std::string(boost::beast::http::to_string(ctx.method())), ctx.path(), e.what());
  return JsonError(
      Error::Internal("服务器内部错误，请稍后重试（请求编号 " + ctx.request_id() + "）"));
}

// What `make` answers, "no-store" unless it says otherwise; an exception
// becomes a logged 500.
template <class Make>
Response Guarded(const RequestContext& ctx, const Make& make) {
  try {
    return NoStoreUnlessSet(make());
  } catch (const std::exception& e) {
    return NoStoreUnlessSet(InternalError(ctx, e));
  }
}

}  // namespace

Response Router::Run(RequestContext& ctx, const Route& route) {
  Response r = Guarded(ctx, [&] { return route.handler(ctx); });
  // An answer made later passes the same way when it is made.
  if (r.later) r.WrapLater([&ctx](const MakeResponse& make) { return Guarded(ctx, make); });
  return r;
}

Response Router::Dispatch(RequestContext& ctx) const {
  auto match = Find(ctx.method(), ctx.path());
  if (!match) {
    if (PathExists(ctx.path())) {
      Response r = JsonError({ErrorCode::kInvalidArgument, "不支持该请求方法", ""});
      r.status = 405;
      return NoStoreUnlessSet(std::move(r));
    }
    return NoStoreUnlessSet(JsonError(Error::NotFound("接口不存在：" + std::string(ctx.path()))));
  }
  const Route& route = *match->route;
  ctx.BindRoute(route, std::move(match->params));
  try {
    if (guard_) {
      Status allowed = guard_(ctx, route);
      if (!allowed) return NoStoreUnlessSet(JsonError(allowed.error()));
    }
  } catch (const std::exception& e) {
    return NoStoreUnlessSet(InternalError(ctx, e));
  }
  if (route.options.offload) {
    Response deferred;
    deferred.offload = [&ctx, &route] { return Run(ctx, route); };
    return deferred;
  }
  return Run(ctx, route);
}

}  // namespace vw::http
