#include <boost/json.hpp>
#include <limits>

#include "app/app.h"

namespace vw::app {
namespace {

namespace json = boost::json;

std::string LowerVerb(http::Verb v) {
  std::string s(boost::beast::http::to_string(v));
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

json::object ErrorSchema() {
  return {{"type", "object"},
          {"properties",
           {{"ok", {{"type", "boolean"}, {"enum", json::array{false}}}},
            {"error",
             {{"type", "object"},
              {"properties",
               {{"code", {{"type", "string"}}},
                {"message", {{"type", "string"}, {"description", "中文说明"}}},
                {"field", {{"type", "string"}, {"nullable", true}}}}}}}}}};
}

json::object SchemaOf(const http::Param& p) {
  json::object s;
  switch (p.type) {
    case http::Param::Type::kInteger:
      s["type"] = "integer";
      s["format"] = "int64";
      s["minimum"] = p.min;
      if (p.max != std::numeric_limits<std::int64_t>::max()) s["maximum"] = p.max;
      break;
    case http::Param::Type::kString: {
      s["type"] = "string";
      if (!p.choices.empty()) {
        json::array values;
        for (const auto& c : p.choices) values.emplace_back(c);
        s["enum"] = std::move(values);
      }
      if (p.max_chars > 0) s["maxLength"] = p.max_chars;
      break;
    }
    case http::Param::Type::kFlag:
      s["type"] = "string";
      s["enum"] = json::array{"0", "1"};
      break;
  }
  if (!p.fallback.is_null()) s["default"] = p.fallback;
  return s;
}

json::object ParameterOf(const http::Param& p, std::string_view in) {
  json::object o{{"name", p.name},
                 {"in", in},
                 {"required", in == "path" || p.required},
                 {"schema", SchemaOf(p)}};
  std::string text = p.label;
  if (p.type == http::Param::Type::kFlag) text += "（1 为是）";
  if (!p.description.empty()) text += (text.empty() ? "" : "：") + p.description;
  if (!text.empty()) o["description"] = text;
  return o;
}

}  // namespace

// Generated from the registered routes so it cannot drift from them: every
// path, method, parameter (path and query, typed as the routes declare them
// and as RequestContext reads them), summary and access rule. Request and response
// bodies are described by the shared envelope; field-level schemas are in
// docs/api.md.
std::string OpenApiDocument(const http::Router& router) {
  json::object paths;
  for (const auto& r : router.routes()) {
    json::object op;
    op["summary"] = r.options.summary;
    op["tags"] = json::array{json::value(r.options.tag)};
    json::array params;
    for (const auto& p : r.path_params) params.push_back(ParameterOf(p, "path"));
    for (const auto& p : r.options.query) params.push_back(ParameterOf(p, "query"));
    if (!params.empty()) op["parameters"] = std::move(params);
    if (r.options.access == http::Access::kPublic) {
      op["security"] = json::array{};
    } else {
      op["x-csrf"] = r.method != http::Verb::get;
      if (r.options.access == http::Access::kSysadmin) op["x-requires"] = "sysadmin";
    }
    if (r.method == http::Verb::post || r.method == http::Verb::put) {
      op["requestBody"] = {
          {"required", true},
          {"description", "最大 " + std::to_string(r.options.body_limit) + " 字节"},
          {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
    }
    op["responses"] = {
        {"200", {{"description", "成功：{\"ok\":true,\"data\":...}；列表为 {items,total}"}}},
        {"default",
         {{
              "description",
              "错误",
          },
          {"content",
           {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}};
    json::value& entry = paths[r.pattern];
    if (!entry.is_object()) entry = json::object{};
    entry.as_object()[LowerVerb(r.method)] = std::move(op);
  }
  json::object doc{
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "vocweek 职业教育活动周管理平台 API"},
        {"version", "0.1.0"},
        {"description",
         "所有接口返回统一信封：成功 {ok:true,data}，失败 {ok:false,error:{code,message,field}}。"
         "登录后使用 Cookie 会话（vw_session）；除登录外的修改请求须带 X-CSRF-Token 请求头。"}}},
      {"components",
       {{"securitySchemes",
         {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "vw_session"}}}}},
        {"schemas", {{"Error", ErrorSchema()}}}}},
      {"security", json::array{json::object{{"session", json::array{}}}}},
      {"paths", std::move(paths)}};
  return json::serialize(doc);
}

}  // namespace vw::app
