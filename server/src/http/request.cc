#include "http/request.h"

#include <charconv>
#include <limits>
#include <stdexcept>

#include "http/router.h"

namespace vw::http {
namespace {

const char* TypeName(Param::Type type) {
  switch (type) {
    case Param::Type::kInteger:
      return "integer";
    case Param::Type::kString:
      return "text";
    case Param::Type::kFlag:
      return "flag";
  }
  return "?";
}

// "a", "a 或 b", "a、b 或 c"
std::string ChoiceList(const std::vector<std::string>& choices) {
  std::string out;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) out += i + 1 == choices.size() ? " 或 " : "、";
    out += choices[i];
  }
  return out;
}

std::string RangeText(const Param& p) {
  if (p.max == std::numeric_limits<std::int64_t>::max()) {
    return p.min == 1 ? "应为正整数" : "应不小于" + std::to_string(p.min);
  }
  return "应在" + std::to_string(p.min) + "到" + std::to_string(p.max) + "之间";
}

// Why reading parameter `name` as `type` is a bug: `declared` (on the route
// at `where`) is missing or of another type.
std::string Misread(std::string_view kind, std::string_view name, const Param* declared,
                    Param::Type type, const std::string& where) {
  std::string what = std::string(kind) + " parameter " + std::string(name);
  if (!declared) return what + " is not declared on " + where;
  return what + " is declared as " + TypeName(declared->type) + " on " + where + ", read as " +
         TypeName(type);
}

}  // namespace

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

std::optional<std::string> RequestContext::RawQuery(std::string_view name) const {
  if (!url_ok_) return std::nullopt;
  auto params = url_.params();
  auto it = params.find(boost::core::string_view(name.data(), name.size()));
  if (it == params.end()) return std::nullopt;
  auto p = *it;
  if (!p.has_value) return std::string();
  return std::string(p.value);
}

const Param& RequestContext::DeclaredQuery(std::string_view name, Param::Type type) const {
  const Param* p = route_ ? FindParam(route_->options.query, name) : nullptr;
  if (p && p->type == type) return *p;
  std::string where =
      route_ ? std::string(beast_http::to_string(route_->method)) + " " + route_->pattern
             : "no route";
  throw std::logic_error(Misread("query", name, p, type, where));
}

const Param& RequestContext::DeclaredPath(std::string_view name, Param::Type type) const {
  const Param* p = route_ ? FindParam(route_->path_params, name) : nullptr;
  if (p && p->type == type) return *p;
  throw std::logic_error(Misread("path", name, p, type, route_ ? route_->pattern : "no route"));
}

Result<std::optional<std::int64_t>> RequestContext::ReadInt(const Param& p) const {
  auto raw = RawQuery(p.name);
  if (!raw || raw->empty()) {
    if (p.required) return Error::Invalid(p.name, "请指定" + p.label);
    if (p.fallback.is_int64()) return std::optional<std::int64_t>(p.fallback.get_int64());
    return std::optional<std::int64_t>{};
  }
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), v);
  if (ec != std::errc() || ptr != raw->data() + raw->size()) {
    return Error::Invalid(p.name, p.label + "应为整数");
  }
  if (v < p.min || v > p.max) return Error::Invalid(p.name, p.label + RangeText(p));
  return std::optional<std::int64_t>(v);
}

Result<std::optional<std::int64_t>> RequestContext::QueryInt(std::string_view name) const {
  const Param& p = DeclaredQuery(name, Param::Type::kInteger);
  if (p.required) {
    throw std::logic_error("query parameter " + p.name + " is required: use RequiredQueryInt");
  }
  return ReadInt(p);
}

Result<std::int64_t> RequestContext::RequiredQueryInt(std::string_view name) const {
  const Param& p = DeclaredQuery(name, Param::Type::kInteger);
  if (!p.required) {
    throw std::logic_error("query parameter " + p.name + " is optional: use QueryInt");
  }
  auto v = ReadInt(p);
  if (!v) return v.error();
  return **v;
}

Result<std::string> RequestContext::QueryText(std::string_view name) const {
  const Param& p = DeclaredQuery(name, Param::Type::kString);
  std::string value = TrimSpaces(RawQuery(name).value_or(""));
  if (value.empty()) {
    if (p.required) return Error::Invalid(p.name, "请指定" + p.label);
    if (p.fallback.is_string()) return std::string(p.fallback.get_string());
    return value;
  }
  auto checked = CheckText(value, TextKind::kOneLine, p.name, p.label);
  if (!checked) return checked.error();
  if (!p.choices.empty()) {
    for (const auto& c : p.choices) {
      if (c == value) return value;
    }
    return Error::Invalid(p.name, p.label + "应为 " + ChoiceList(p.choices));
  }
  if (p.max_chars > 0 && Utf8Length(value) > p.max_chars) {
    return Error::Invalid(p.name, p.label + "不能超过" + std::to_string(p.max_chars) + "个字");
  }
  return value;
}

bool RequestContext::QueryFlag(std::string_view name) const {
  DeclaredQuery(name, Param::Type::kFlag);
  auto raw = RawQuery(name);
  return raw && (*raw == "1" || *raw == "true");
}

Result<RequestContext::Paging> RequestContext::Page() const {
  Paging p;
  auto page = QueryInt("page");
  if (!page) return page.error();
  auto size = QueryInt("page_size");
  if (!size) return size.error();
  if (*page) p.page = **page;
  if (*size) p.page_size = **size;
  return p;
}

std::string_view RequestContext::PathParam(std::string_view name) const {
  DeclaredPath(name, Param::Type::kString);
  for (const auto& [k, v] : params_) {
    if (k == name) return v;
  }
  return {};
}

Result<Id> RequestContext::PathId(std::string_view name) const {
  DeclaredPath(name, Param::Type::kInteger);
  std::string_view s;
  for (const auto& [k, v] : params_) {
    if (k == name) s = v;
  }
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
