#include "http/client_address.h"

#include <charconv>

namespace vw::http {
namespace {

namespace ip = boost::asio::ip;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

ip::address Unmapped(const ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  }
  return a;
}

std::optional<ip::address> ParseAddress(std::string_view s) {
  boost::system::error_code ec;
  auto a = ip::make_address(std::string(s), ec);
  if (ec) return std::nullopt;
  return Unmapped(a);
}

// Bytes of an address in network order (4 or 16).
std::vector<unsigned char> Bytes(const ip::address& a) {
  if (a.is_v4()) {
    auto b = a.to_v4().to_bytes();
    return {b.begin(), b.end()};
  }
  auto b = a.to_v6().to_bytes();
  return {b.begin(), b.end()};
}

bool SamePrefix(const std::vector<unsigned char>& a, const std::vector<unsigned char>& b,
                unsigned bits) {
  for (std::size_t i = 0; bits > 0; ++i, bits = bits >= 8 ? bits - 8 : 0) {
    unsigned char mask = bits >= 8 ? 0xff : static_cast<unsigned char>(0xff << (8 - bits));
    if ((a[i] & mask) != (b[i] & mask)) return false;
  }
  return true;
}

}  // namespace

std::optional<TrustedProxies> TrustedProxies::Parse(std::string_view list) {
  TrustedProxies out;
  while (!list.empty()) {
    auto comma = list.find(',');
    std::string_view entry = Trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    if (entry.empty()) continue;
    auto slash = entry.find('/');
    auto address = ParseAddress(entry.substr(0, slash));
    if (!address) return std::nullopt;
    unsigned max_bits = address->is_v4() ? 32 : 128;
    unsigned prefix = max_bits;
    if (slash != std::string_view::npos) {
      std::string_view bits = entry.substr(slash + 1);
      auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
      if (bits.empty() || ec != std::errc() || end != bits.data() + bits.size() ||
          prefix > max_bits) {
        return std::nullopt;
      }
    }
    out.ranges_.push_back({*address, prefix});
  }
  return out;
}

bool TrustedProxies::Contains(const ip::address& address) const {
  ip::address a = Unmapped(address);
  auto bytes = Bytes(a);
  for (const auto& r : ranges_) {
    if (r.network.is_v4() != a.is_v4()) continue;
    if (SamePrefix(Bytes(r.network), bytes, r.prefix)) return true;
  }
  return false;
}

std::string ClientAddress(const ip::address& peer,
                          const std::vector<std::string_view>& forwarded_for,
                          const TrustedProxies& trusted) {
  ip::address client = Unmapped(peer);
  if (trusted.empty() || !trusted.Contains(client)) return client.to_string();
  for (auto field = forwarded_for.rbegin(); field != forwarded_for.rend(); ++field) {
    std::string_view rest = *field;
    while (!rest.empty()) {
      auto comma = rest.rfind(',');
      std::string_view hop = Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
      if (hop.empty()) continue;
      auto address = ParseAddress(hop);
      if (!address) return client.to_string();
      client = *address;
      if (!trusted.Contains(client)) return client.to_string();
    }
  }
  return client.to_string();
}

}  // namespace vw::http
