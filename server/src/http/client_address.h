// The client's address behind trusted reverse proxies.
//
// A proxy appends the address it received a request from to
// X-Forwarded-For, so only the right-hand end of the list is written by
// hosts we trust; everything left of the first untrusted hop is whatever
// the client chose to send. ClientAddress therefore walks the list from the
// right, starting at the peer, and stops at the first hop that is not a
// trusted proxy: that hop is the client.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vw::http {

class TrustedProxies {
 public:
  // Nothing trusted: the peer is always the client.
  TrustedProxies() = default;

  // "127.0.0.1, ::1, 10.0.0.0/8, fd00::/8": addresses and CIDR ranges,
  // comma-separated; an empty list trusts nobody. nullopt when an entry is
  // malformed (the caller names the setting).
  static std::optional<TrustedProxies> Parse(std::string_view list);

  bool Contains(const boost::asio::ip::address& address) const;
  bool empty() const { return ranges_.empty(); }

 private:
  struct Range {
    boost::asio::ip::address network;
    unsigned prefix = 0;  // bits
  };
  std::vector<Range> ranges_;
};

// The client's address: `peer` unless it is a trusted proxy, in which case
// the right-most X-Forwarded-For hop that is not a trusted proxy.
// `forwarded_for` holds the header's field values in the order received
// (several fields form one list). A malformed hop ends the walk at the last
// trusted hop before it, so a forged entry never becomes the address.
// IPv4-mapped IPv6 addresses are reported as IPv4.
std::string ClientAddress(const boost::asio::ip::address& peer,
                          const std::vector<std::string_view>& forwarded_for,
                          const TrustedProxies& trusted);

}  // namespace vw::http
