// Headers a browser acts on: the page's Content-Security-Policy, HSTS behind
// HTTPS, and no caching of API answers that may carry personal data.
#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

TEST(SecurityHeadersTest, PagesCarryAContentSecurityPolicyWithoutInlineScript) {
  TestServer server;
  Client anon(server.port());
  for (const char* path : {"/", "/login", "/p"}) {
    auto page = anon.Get(path);
    ASSERT_EQ(page.status, 200u) << path;
    const std::string& csp = page.headers["content-security-policy"];
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << path << ": " << csp;
    EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
    EXPECT_NE(csp.find("object-src 'none'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("frame-ancestors 'self'"), std::string::npos) << csp;
  }
  Id campaign = anon.Get("/api/public/campaigns/current").data().at("id").as_int64();
  auto list = anon.Get("/api/public/campaigns/" + std::to_string(campaign) + "/activities");
  Id activity = list.data().at("items").as_array()[0].at("id").as_int64();
  auto preview = anon.Get("/p/activities/" + std::to_string(activity));
  EXPECT_NE(preview.headers["content-security-policy"].find("script-src 'self';"),
            std::string::npos);
}

TEST(SecurityHeadersTest, ApiAnswersAreNotStoredUnlessMeantToBeCached) {
  TestServer server;
  Client user(server.port());
  EXPECT_EQ(user.Get("/api/auth/me").headers["cache-control"], "no-store");  // 401
  user.Login("sctc");
  auto me = user.Get("/api/auth/me");
  ASSERT_EQ(me.status, 200u);
  EXPECT_EQ(me.headers["cache-control"], "no-store");
  EXPECT_EQ(user.Get("/api/units/tree").headers["cache-control"], "no-store");
  EXPECT_EQ(user.Get("/api/public/tickets/no-such-ticket").headers["cache-control"], "no-store");
  // The public programme keeps its own revalidation.
  Id campaign = user.Get("/api/public/campaigns/current").data().at("id").as_int64();
  auto programme = user.Get("/api/public/campaigns/" + std::to_string(campaign) + "/activities");
  EXPECT_EQ(programme.headers["cache-control"], "no-cache");
  EXPECT_FALSE(programme.headers["etag"].empty());
}

TEST(SecurityHeadersTest, StrictTransportSecurityOnlyWithSecureCookies) {
  TestServer plain;
  EXPECT_EQ(Client(plain.port()).Get("/healthz").headers.count("strict-transport-security"), 0u);
  TestServer secure([](app::Config& c) { c.secure_cookies = true; });
  auto r = Client(secure.port()).Get("/healthz");
  EXPECT_EQ(r.headers["strict-transport-security"], "max-age=31536000");
}

}  // namespace
}  // namespace vw::testing
