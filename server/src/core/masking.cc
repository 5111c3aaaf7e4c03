#include "core/masking.h"

namespace vw {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsMailLocal(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '.' || c == '_' ||
         c == '%' || c == '+' || c == '-';
}
bool IsMailDomain(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '.' || c == '-';
}
bool IsMobile(std::string_view digits) {
  return digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
}

}  // namespace

std::string MaskName(std::string_view name) {
  if (name.empty()) return "";
  std::size_t n = 1;
  while (n < name.size() && (static_cast<unsigned char>(name[n]) & 0xC0) == 0x80) ++n;
  return std::string(name.substr(0, n)) + "*";
}

std::string MaskMobile(std::string_view mobile) {
  if (mobile.size() != 11) return std::string(mobile.empty() ? "" : "****");
  return std::string(mobile.substr(0, 3)) + "****" + std::string(mobile.substr(7));
}

std::string MaskDigits(std::string_view digits) {
  std::size_t keep = digits.size() >= 7 ? 2 : digits.size() >= 3 ? 1 : 0;
  return std::string(digits.substr(0, keep)) + std::string(digits.size() - 2 * keep, '*') +
         std::string(digits.substr(digits.size() - keep));
}

std::string MaskEmail(std::string_view email) {
  auto at = email.rfind('@');
  if (at == std::string_view::npos || at == 0) return "****";
  std::size_t first = 1;
  while (first < at && (static_cast<unsigned char>(email[first]) & 0xC0) == 0x80) ++first;
  return std::string(email.substr(0, first)) + "***" + std::string(email.substr(at));
}

std::string MaskContactsIn(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (IsDigit(c) && (i == 0 || !IsDigit(text[i - 1]))) {
      // Digits with single spaces or hyphens between groups: 138-1234-1234.
      std::string digits;
      std::size_t j = i;
      while (j < text.size()) {
        if (IsDigit(text[j])) {
          digits.push_back(text[j++]);
        } else if ((text[j] == ' ' || text[j] == '-') && j + 1 < text.size() &&
                   IsDigit(text[j + 1]) && digits.size() < 11) {
          ++j;
        } else {
          break;
        }
      }
      if (IsMobile(digits)) {
        out += MaskMobile(digits);
        i = j;
        continue;
      }
    }
    if (c == '@' && !out.empty()) {
      // The local part already copied to `out`: take it back and mask it.
      std::size_t local = out.size();
      while (local > 0 && IsMailLocal(out[local - 1])) --local;
      std::size_t end = i + 1;
      while (end < text.size() && IsMailDomain(text[end])) ++end;
      std::string_view domain = text.substr(i + 1, end - i - 1);
      if (local < out.size() && domain.find('.') != std::string_view::npos) {
        std::string address = out.substr(local) + "@" + std::string(domain);
        out.resize(local);
        out += MaskEmail(address);
        i = end;
        continue;
      }
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

}  // namespace vw
