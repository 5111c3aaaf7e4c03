#include "http/client_address.h"

#include <gtest/gtest.h>

namespace vw::http {
namespace {

namespace ip = boost::asio::ip;

std::string Client(const char* peer, const std::vector<std::string_view>& forwarded,
                   const char* trusted) {
  return ClientAddress(ip::make_address(peer), forwarded, *TrustedProxies::Parse(trusted));
}

TEST(ClientAddressTest, TrustedProxiesParseAddressesAndRanges) {
  auto t = TrustedProxies::Parse(" 127.0.0.1, ::1 ,10.0.0.0/8,fd00::/8,");
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->Contains(ip::make_address("127.0.0.1")));
  EXPECT_TRUE(t->Contains(ip::make_address("::ffff:127.0.0.1")));
  EXPECT_TRUE(t->Contains(ip::make_address("::1")));
  EXPECT_TRUE(t->Contains(ip::make_address("10.255.0.1")));
  EXPECT_TRUE(t->Contains(ip::make_address("fd12::1")));
  EXPECT_FALSE(t->Contains(ip::make_address("11.0.0.1")));
  EXPECT_FALSE(t->Contains(ip::make_address("127.0.0.2")));
  EXPECT_FALSE(t->Contains(ip::make_address("fe80::1")));
  EXPECT_TRUE(TrustedProxies::Parse("")->empty());
  EXPECT_TRUE(TrustedProxies::Parse("192.168.1.0/23")->Contains(ip::make_address("192.168.0.9")));
  for (const char* bad :
       {"localhost", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "::1/129", "1.2.3.4:80", "1.2.3"}) {
    EXPECT_FALSE(TrustedProxies::Parse(bad)) << bad;
  }
}

TEST(ClientAddressTest, TheRightMostUntrustedHopIsTheClient) {
  const char* proxies = "127.0.0.1,10.0.0.0/8";
  // A client cannot choose its address by writing the first entry.
  EXPECT_EQ(Client("127.0.0.1", {"1.1.1.1, 203.0.113.9"}, proxies), "203.0.113.9");
  EXPECT_EQ(Client("127.0.0.1", {"1.1.1.1,203.0.113.9 , 10.0.0.2"}, proxies), "203.0.113.9");
  EXPECT_EQ(Client("127.0.0.1", {"1.1.1.1", "203.0.113.9"}, proxies), "203.0.113.9");
  EXPECT_EQ(Client("127.0.0.1", {"2001:db8::7"}, proxies), "2001:db8::7");
  // An untrusted peer's header means nothing.
  EXPECT_EQ(Client("198.51.100.1", {"1.1.1.1"}, proxies), "198.51.100.1");
  EXPECT_EQ(Client("127.0.0.1", {"1.1.1.1"}, ""), "127.0.0.1");
  // Malformed or empty hops: the walk stops at the last trusted hop.
  EXPECT_EQ(Client("127.0.0.1", {"1.1.1.1, evil"}, proxies), "127.0.0.1");
  EXPECT_EQ(Client("127.0.0.1", {"1.1.1.1, 10.0.0.3, 203.0.113.9:443"}, proxies), "127.0.0.1");
  EXPECT_EQ(Client("127.0.0.1", {"1.1.1.1, evil, 10.0.0.3"}, proxies), "10.0.0.3");
  EXPECT_EQ(Client("127.0.0.1", {" , "}, proxies), "127.0.0.1");
  EXPECT_EQ(Client("127.0.0.1", {}, proxies), "127.0.0.1");
  // Every hop trusted: the left-most one.
  EXPECT_EQ(Client("127.0.0.1", {"10.0.0.9, 10.0.0.3"}, proxies), "10.0.0.9");
  // IPv4-mapped peers are IPv4.
  EXPECT_EQ(Client("::ffff:127.0.0.1", {"203.0.113.9"}, proxies), "203.0.113.9");
  EXPECT_EQ(Client("::ffff:192.0.2.1", {}, proxies), "192.0.2.1");
}

}  // namespace
}  // namespace vw::http
