#include <boost/json.hpp>

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

}  // namespace

// Generated from the registered routes so it cannot drift from them: every
// path, method, parameter, summary and access rule. Request and response
// bodies are described by the shared envelope; field-level schemas are in
// docs/api.md.
std::string OpenApiDocument(const http::Router& router) {
  json::object paths;
  for (const auto& r : router.routes()) {
    json::object op;
    op["summary"] = r.options.summary;
    op["tags"] = json::array{json::value(r.options.tag)};
    json::array params;
    for (const auto& seg : r.segments) {
      if (seg.size() > 2 && seg.front() == '{') {
        params.push_back({{"name", seg.substr(1, seg.size() - 2)},
                          {"in", "path"},
                          {"required", true},
                          {"schema", {{"type", "integer"}, {"minimum", 1}}}});
      }
    }
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
