// The HTTP contract every endpoint shares: envelope, statuses, limits.
#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class ApiBasicsTest : public ::testing::Test {
 protected:
  TestServer server_;
  Client client_{server_.port()};
};

TEST_F(ApiBasicsTest, HealthzAnswersOk) {
  auto r = client_.Get("/healthz");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, "ok");
}

TEST_F(ApiBasicsTest, UnknownApiPathIsNotFoundInEnvelope) {
  auto r = client_.Get("/api/no-such-thing");
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.error_code(), "not_found");
  EXPECT_FALSE(r.error_message().empty());
}

TEST_F(ApiBasicsTest, WrongMethodIs405) {
  auto r = client_.Request("DELETE", "/api/auth/me");
  EXPECT_EQ(r.status, 405u);
}

TEST_F(ApiBasicsTest, ProtectedRouteWithoutSessionIs401) {
  auto r = client_.Get("/api/units/tree");
  EXPECT_EQ(r.status, 401u);
  EXPECT_EQ(r.error_code(), "unauthenticated");
}

TEST_F(ApiBasicsTest, MalformedJsonIs400) {
  client_.Login("province");
  auto r =
      client_.Request("POST", "/api/units", "{\"name\": ", {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_code(), "invalid_argument");
}

TEST_F(ApiBasicsTest, NonJsonContentTypeIs415) {
  client_.Login("province");
  auto r = client_.Request("POST", "/api/units", "name=x", {{"Content-Type", "text/plain"}});
  EXPECT_EQ(r.status, 415u);
}

TEST_F(ApiBasicsTest, OversizedBodyIs413AndNothingChanges) {
  client_.Login("province");
  std::string huge = "{\"name\":\"" + std::string(2 << 20, 'a') + "\"}";
  auto count = [this](const std::string& table) {
    db::Session s(server_.db());
    std::int64_t n = 0;
    s.sql() << "SELECT COUNT(*) FROM " + table, soci::into(n);
    return n;
  };
  std::int64_t units = count("units"), audit = count("audit_log");
  auto r = client_.Request("POST", "/api/units", huge, {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 413u);
  EXPECT_EQ(r.error_code(), "payload_too_large") << r.body;
  EXPECT_EQ(count("units"), units);
  EXPECT_EQ(count("audit_log"), audit);
  // The session still works: the refusal changed nothing, it only closed the connection.
  auto tree = client_.Get("/api/units/tree");
  EXPECT_EQ(tree.status, 200u) << tree.body;
}

TEST_F(ApiBasicsTest, OpenApiDocumentListsRoutes) {
  auto r = client_.Get("/api/openapi.json");
  ASSERT_EQ(r.status, 200u);
  const auto& paths = r.json.at("paths").as_object();
  EXPECT_TRUE(paths.contains("/api/units/{id}"));
  EXPECT_TRUE(paths.contains("/api/campaigns/{id}/copy"));
  EXPECT_TRUE(paths.contains("/api/public/campaigns/current"));
  EXPECT_TRUE(paths.at("/api/campaigns/{id}/notice-texts").as_object().contains("get"));
  EXPECT_TRUE(paths.at("/api/campaigns/{id}/notice-texts/{code}").as_object().contains("put"));
  // Every route is documented API: a summary and a domain tag each, so a
  // route the web app does not call (a download for scripts) still says what it is for.
  std::size_t operations = 0;
  for (const auto& [path, methods] : paths) {
    for (const auto& [method, op] : methods.as_object()) {
      ++operations;
      EXPECT_FALSE(op.at("summary").as_string().empty()) << method << " " << path;
      EXPECT_FALSE(op.at("tags").as_array().at(0).as_string().empty()) << method << " " << path;
    }
  }
  EXPECT_GT(operations, 100u);
}

// The operation's parameter `name` (in path or query), or null.
const json::object* ParamOf(const json::value& doc, const std::string& path,
                            const std::string& verb, const std::string& name) {
  const auto& op = doc.at("paths").at(path).at(verb).as_object();
  if (!op.contains("parameters")) return nullptr;
  for (const auto& p : op.at("parameters").as_array()) {
    if (p.at("name") == name.c_str()) return &p.as_object();
  }
  return nullptr;
}

TEST_F(ApiBasicsTest, OpenApiDocumentTypesPathAndQueryParameters) {
  auto r = client_.Get("/api/openapi.json");
  ASSERT_EQ(r.status, 200u);
  const json::value& doc = r.json;
  const std::string form_path = "/api/campaigns/{id}/submissions/{form}";

  const json::object* form = ParamOf(doc, form_path, "get", "form");
  ASSERT_NE(form, nullptr);
  EXPECT_EQ(form->at("in"), "path");
  EXPECT_EQ(form->at("schema").at("type"), "string");
  EXPECT_EQ(form->at("schema").at("enum"),
            (json::array{"info_form", "statistics", "summary", "plan"}));
  const json::object* id = ParamOf(doc, form_path, "get", "id");
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->at("schema").at("type"), "integer");
  EXPECT_EQ(id->at("schema").at("minimum"), 1);
  const json::object* token = ParamOf(doc, "/api/public/tickets/{token}", "get", "token");
  ASSERT_NE(token, nullptr);
  EXPECT_EQ(token->at("schema").at("type"), "string");

  // unit_id where the handler reads it: required where it must be given.
  const json::object* unit = ParamOf(doc, form_path, "get", "unit_id");
  ASSERT_NE(unit, nullptr);
  EXPECT_EQ(unit->at("in"), "query");
  EXPECT_EQ(unit->at("required"), true);
  EXPECT_EQ(unit->at("schema").at("type"), "integer");
  const json::object* list_unit = ParamOf(doc, "/api/campaigns/{id}/activities", "get", "unit_id");
  ASSERT_NE(list_unit, nullptr);
  EXPECT_EQ(list_unit->at("required"), false);
  EXPECT_EQ(ParamOf(doc, "/api/campaigns/{id}/activities", "post", "unit_id"), nullptr);

  // Paged lists, with their own largest page.
  const json::object* page_size = ParamOf(doc, "/api/users", "get", "page_size");
  ASSERT_NE(page_size, nullptr);
  EXPECT_EQ(page_size->at("schema").at("maximum"), 200);
  EXPECT_EQ(page_size->at("schema").at("default"), 20);
  EXPECT_NE(ParamOf(doc, "/api/users", "get", "page"), nullptr);
  const json::object* public_size =
      ParamOf(doc, "/api/public/campaigns/{id}/activities", "get", "page_size");
  ASSERT_NE(public_size, nullptr);
  EXPECT_EQ(public_size->at("schema").at("maximum"), 100);

  const json::object* format = ParamOf(doc, form_path + "/export", "get", "format");
  ASSERT_NE(format, nullptr);
  EXPECT_EQ(format->at("schema").at("enum"), (json::array{"xlsx", "pdf", "docx"}));
  EXPECT_EQ(format->at("schema").at("default"), "xlsx");
  const json::object* roster = ParamOf(doc, "/api/activities/{id}/registrations", "get", "roster");
  ASSERT_NE(roster, nullptr);
  EXPECT_EQ(roster->at("schema").at("enum"), (json::array{"0", "1"}));

  // Every {segment} of every path is described, with a type.
  for (const auto& [path, ops] : doc.at("paths").as_object()) {
    for (const auto& [verb, op] : ops.as_object()) {
      std::size_t segments = 0;
      for (std::size_t at = path.find('{'); at != std::string::npos; at = path.find('{', at + 1)) {
        ++segments;
      }
      std::size_t in_path = 0;
      if (op.as_object().contains("parameters")) {
        for (const auto& p : op.at("parameters").as_array()) {
          EXPECT_TRUE(p.at("schema").as_object().contains("type")) << path << " " << verb;
          if (p.at("in") == "path") ++in_path;
        }
      }
      EXPECT_EQ(in_path, segments) << verb << " " << path;
    }
  }
}

TEST_F(ApiBasicsTest, QueryParametersAreCheckedAsDeclared) {
  client_.Login("province");
  auto r = client_.Get("/api/users?page_size=500");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "page_size");
  EXPECT_EQ(r.error_message(), "每页条数应在1到200之间");
}

TEST_F(ApiBasicsTest, ResponsesCarryRequestIdAndNoSniff) {
  auto r = client_.Get("/healthz");
  EXPECT_FALSE(r.headers["x-request-id"].empty());
  EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
}

TEST_F(ApiBasicsTest, NonApiPathWithoutWebBuildServesHint) {
  // The test server's web root does not exist (test_env.cc): every page
  // path gets the "not built" placeholder as the SPA's index.
  auto r = client_.Get("/units/12");
  EXPECT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("前端页面尚未构建"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("make run"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace vw::testing
