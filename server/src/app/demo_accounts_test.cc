// The login page's demo accounts: listed only by a demonstration server
// (VOCWEEK_DEMO=1), never by default.
#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

TEST(DemoAccountsTest, ListedOnlyOnADemoServer) {
  TestServer plain;
  Client anon(plain.port());
  auto none = anon.Get("/api/demo-accounts");
  ASSERT_EQ(none.status, 200u) << none.body;
  EXPECT_TRUE(none.data().at("items").as_array().empty());

  TestServer demo([](app::Config& c) { c.demo = true; });
  Client visitor(demo.port());
  auto listed = visitor.Get("/api/demo-accounts");
  ASSERT_EQ(listed.status, 200u) << listed.body;
  const auto& items = listed.data().at("items").as_array();
  ASSERT_EQ(items.size(), 6u);
  EXPECT_EQ(items[1].at("username").as_string(), "province");
  EXPECT_FALSE(items[1].at("description").as_string().empty());
  // What it lists signs in.
  Client province(demo.port());
  province.Login(std::string(items[1].at("username").as_string()),
                 std::string(items[1].at("password").as_string()));
}

}  // namespace
}  // namespace vw::testing
