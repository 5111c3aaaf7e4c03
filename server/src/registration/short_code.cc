#include "registration/short_code.h"

#include <sodium.h>

#include <cctype>

namespace vw::registration {
namespace {

constexpr int kBase = static_cast<int>(kShortCodeAlphabet.size());
static_assert(kBase == 23, "the check needs a prime alphabet larger than the code");
constexpr int kInverseOfEight = 3;  // 8 · 3 = 24 ≡ 1 (mod 23)

int ValueOf(char c) {
  auto at = kShortCodeAlphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// Σ (i+1)·value over the first `n` characters, mod 23.
int WeightedSum(std::string_view code, std::size_t n) {
  int sum = 0;
  for (std::size_t i = 0; i < n; ++i)
    sum = (sum + static_cast<int>(i + 1) * ValueOf(code[i])) % kBase;
  return sum;
}

}  // namespace

std::string NewShortCode() {
  std::string code;
  for (std::size_t i = 0; i + 1 < kShortCodeLength; ++i) {
    code.push_back(kShortCodeAlphabet[randombytes_uniform(kBase)]);
  }
  // 8·check ≡ −sum, so check = −sum · 8⁻¹.
  int check = ((kBase - WeightedSum(code, code.size())) * kInverseOfEight) % kBase;
  code.push_back(kShortCodeAlphabet[static_cast<std::size_t>(check)]);
  return code;
}

std::string GroupedShortCode(std::string_view code) {
  if (code.size() != kShortCodeLength) return std::string(code);
  return std::string(code.substr(0, 4)) + "-" + std::string(code.substr(4));
}

TypedShortCode ReadShortCode(std::string_view typed) {
  TypedShortCode out;
  std::string code;
  for (char c : typed) {
    if (c == '-' || c == ' ' || c == '\t') continue;
    if (code.size() == kShortCodeLength) return out;  // longer: not a code
    code.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  if (code.size() != kShortCodeLength) return out;
  out.kind = TypedShortCode::Kind::kWrong;
  for (char c : code) {
    if (ValueOf(c) < 0) return out;
  }
  if (WeightedSum(code, code.size()) != 0) return out;
  out.kind = TypedShortCode::Kind::kValid;
  out.code = std::move(code);
  return out;
}

}  // namespace vw::registration
