#include "http/request.h"

#include <charconv>

namespace vw::http {

RequestContext::RequestContext(const RawRequest& raw, std::string request_id, std::string client_ip,
                               std::string_view origin)
    : raw_(raw),
      request_id_(std::move(request_id)),
      client_ip_(std::move(client_ip)),
      origin_(origin) {
  std::string_view target(raw_.target().data(), raw_.target().size());
  auto parsed = boost::urls::parse_origin_form(target);
  if (parsed) {
    url_ = *parsed;
    url_ok_ = true;
  }
  auto q = target.find('?');
  path_ = target.substr(0, q);
}

std::string_view RequestContext::Header(beast_http::field name) const {
  auto it = raw_.find(name);
  if (it == raw_.end()) return {};
  return {it->value().data(), it->value().size()};
}

std::string_view RequestContext::Header(std::string_view name) const {
  auto it = raw_.find(boost::beast::string_view(name.data(), name.size()));
  if (it == raw_.end()) return {};
  return {it->value().data(), it->value().size()};
}

std::string_view RequestContext::Cookie(std::string_view name) const {
  std::string_view all = Header(beast_http::field::cookie);
  while (!all.empty()) {
    auto semi = all.find(';');
    std::string_view part = all.substr(0, semi);
    all = semi == std::string_view::npos ? std::string_view{} : all.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
  }
  return {};
}

std::optional<std::string> RequestContext::Query(std::string_view name) const {
  if (!url_ok_) return std::nullopt;
  auto params = url_.params();
  auto it = params.find(boost::core::string_view(name.data(), name.size()));
  if (it == params.end()) return std::nullopt;
  auto p = *it;
  if (!p.has_value) return std::string();
  return std::string(p.value);
}

Result<std::optional<std::int64_t>> RequestContext::QueryInt(std::string_view name,
                                                             std::string_view label,
                                                             std::int64_t min,
                                                             std::int64_t max) const {
  auto raw = Query(name);
  if (!raw || raw->empty()) return std::optional<std::int64_t>{};
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), v);
  if (ec != std::errc() || ptr != raw->data() + raw->size()) {
    return Error::Invalid(std::string(name), std::string(label) + "应为整数");
  }
  if (v < min || v > max) {
    return Error::Invalid(std::string(name), std::string(label) + "应在" + std::to_string(min) +
                                                 "到" + std::to_string(max) + "之间");
  }
  return std::optional<std::int64_t>(v);
}

Result<RequestContext::Paging> RequestContext::Page(std::int64_t max_page_size) const {
  Paging p;
  auto page = QueryInt("page", "页码", 1, 1'000'000);
  if (!page) return page.error();
  auto size = QueryInt("page_size", "每页条数", 1, max_page_size);
  if (!size) return size.error();
  if (*page) p.page = **page;
  if (*size) p.page_size = **size;
  return p;
}

std::string_view RequestContext::PathParam(std::string_view name) const {
  for (const auto& [k, v] : params_) {
    if (k == name) return v;
  }
  return {};
}

Result<Id> RequestContext::PathId(std::string_view name) const {
  std::string_view s = PathParam(name);
  Id v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || v <= 0) {
    return Error::NotFound("编号“" + std::string(s) + "”无效，记录不存在");
  }
  return v;
}

Result<json::object> RequestContext::JsonBody() const {
  std::string_view type = Header(beast_http::field::content_type);
  if (type.substr(0, 16) != "application/json") {
    return Error{ErrorCode::kUnsupportedMediaType, "请求的 Content-Type 应为 application/json", ""};
  }
  return ParseJsonObject(body());
}

}  // namespace vw::http
