// Absolute links come from the configured public URL: a request's Host (or
// X-Forwarded-*) header never reaches a feed, a page or a cache key.
#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

constexpr const char* kPublicUrl = "https://vocweek.example.cn";

class PublicLinksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = anon_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    auto list = anon_.Get(Feed("/activities"));
    ASSERT_FALSE(list.data().at("items").as_array().empty()) << "the demo has a programme";
    activity_ = list.data().at("items").as_array()[0].at("id").as_int64();
  }
  std::string Feed(const std::string& rest) {
    return "/api/public/campaigns/" + std::to_string(campaign_) + rest;
  }
  // A request as a hostile client sends it: a fresh, long Host each time.
  HttpResult Hostile(const std::string& target, int i) {
    std::string host = "evil" + std::to_string(i) + "." + std::string(4000, 'h') + ".example";
    return anon_.Request(
        "GET", target, "",
        {{"Host", host}, {"X-Forwarded-Proto", "http"}, {"X-Forwarded-Host", "evil.example"}});
  }

  TestServer server_{[](app::Config& c) { c.public_url = kPublicUrl; }};
  Client anon_{server_.port()};
  Id campaign_ = 0, activity_ = 0;
};

TEST_F(PublicLinksTest, CalendarFeedsLinkToThePublicUrlWhateverTheHost) {
  std::string one = "/api/public/activities/" + std::to_string(activity_) + "/calendar.ics";
  std::size_t entries = 0;
  for (int i = 0; i < 40; ++i) {
    for (const std::string& target : {Feed("/calendar.ics"), one}) {
      auto r = Hostile(target, i);
      ASSERT_EQ(r.status, 200u) << r.body;
      EXPECT_EQ(r.body.find("evil"), std::string::npos) << target;
      EXPECT_NE(r.body.find(std::string(kPublicUrl) + "/p/activities/"), std::string::npos);
    }
    if (i == 0) entries = server_.app().programme_cache().size();
  }
  // The Host header is no part of a cache key: no entry per Host.
  EXPECT_EQ(server_.app().programme_cache().size(), entries);
  EXPECT_LT(server_.app().programme_cache().bytes(), 1u << 20);
}

TEST_F(PublicLinksTest, LinkPreviewsNameThePublicUrl) {
  auto page = Hostile("/p/activities/" + std::to_string(activity_), 1);
  ASSERT_EQ(page.status, 200u);
  EXPECT_NE(page.body.find("<meta property=\"og:url\" content=\"" + std::string(kPublicUrl) +
                           "/p/activities/" + std::to_string(activity_) + "\">"),
            std::string::npos)
      << page.body;
  EXPECT_EQ(page.body.find("evil"), std::string::npos);
}

TEST(PublicUrlDefaultTest, WithoutASettingLinksUseTheServersOwnAddress) {
  TestServer server;
  Client anon(server.port());
  Id campaign = anon.Get("/api/public/campaigns/current").data().at("id").as_int64();
  auto feed =
      anon.Request("GET", "/api/public/campaigns/" + std::to_string(campaign) + "/calendar.ics", "",
                   {{"Host", "evil.example"}});
  ASSERT_EQ(feed.status, 200u);
  EXPECT_EQ(feed.body.find("evil"), std::string::npos);
  EXPECT_NE(feed.body.find("http://127.0.0.1:" + std::to_string(server.port()) + "/p/activities/"),
            std::string::npos);
}

}  // namespace
}  // namespace vw::testing
