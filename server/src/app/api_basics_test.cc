// The HTTP contract every endpoint shares: envelope, statuses, limits.
#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

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
  auto r = client_.Request("POST", "/api/units", huge, {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 413u);
}

TEST_F(ApiBasicsTest, OpenApiDocumentListsRoutes) {
  auto r = client_.Get("/api/openapi.json");
  ASSERT_EQ(r.status, 200u);
  const auto& paths = r.json.at("paths").as_object();
  EXPECT_TRUE(paths.contains("/api/units/{id}"));
  EXPECT_TRUE(paths.contains("/api/campaigns/{id}/copy"));
  EXPECT_TRUE(paths.contains("/api/public/campaigns/current"));
}

TEST_F(ApiBasicsTest, ResponsesCarryRequestIdAndNoSniff) {
  auto r = client_.Get("/healthz");
  EXPECT_FALSE(r.headers["x-request-id"].empty());
  EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
}

TEST_F(ApiBasicsTest, NonApiPathWithoutWebBuildServesHint) {
  auto r = client_.Get("/units/12");
  EXPECT_NE(r.status, 404u);  // SPA fallback, or the "not built" page
}

}  // namespace
}  // namespace vw::testing
