// Short ticket codes: alphabet, check character, what typing forgives.
#include "registration/short_code.h"

#include <gtest/gtest.h>

#include <set>

#include "core/crypto.h"

namespace vw::registration {
namespace {

using Kind = TypedShortCode::Kind;

TEST(ShortCodeTest, FreshCodesAreEightCharactersWithoutLookAlikesAndValid) {
  InitCrypto();
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    std::string code = NewShortCode();
    ASSERT_EQ(code.size(), 8u);
    for (char c : code) {
      EXPECT_EQ(std::string("0O1ILQ5S8BZUV").find(c), std::string::npos) << code;
    }
    EXPECT_EQ(ReadShortCode(code).kind, Kind::kValid) << code;
    seen.insert(code);
  }
  EXPECT_GT(seen.size(), 1990u);  // random, not a counter
}

TEST(ShortCodeTest, EveryWrongCharacterAndEverySwapOfNeighboursIsCaught) {
  InitCrypto();
  for (int n = 0; n < 50; ++n) {
    std::string code = NewShortCode();
    for (std::size_t i = 0; i < code.size(); ++i) {
      for (char c : kShortCodeAlphabet) {
        if (c == code[i]) continue;
        std::string wrong = code;
        wrong[i] = c;
        EXPECT_EQ(ReadShortCode(wrong).kind, Kind::kWrong) << code << " → " << wrong;
      }
      if (i + 1 < code.size() && code[i] != code[i + 1]) {
        std::string swapped = code;
        std::swap(swapped[i], swapped[i + 1]);
        EXPECT_EQ(ReadShortCode(swapped).kind, Kind::kWrong) << code << " → " << swapped;
      }
    }
  }
}

TEST(ShortCodeTest, TypingForgivesCaseDashesAndSpacesNotOtherCharacters) {
  InitCrypto();
  std::string code = NewShortCode();
  std::string lower;
  for (char c : code) lower.push_back(static_cast<char>(std::tolower(c)));
  for (const std::string& typed : {code, lower, GroupedShortCode(code), GroupedShortCode(lower),
                                   " " + lower.substr(0, 4) + " " + lower.substr(4) + " "}) {
    auto read = ReadShortCode(typed);
    EXPECT_EQ(read.kind, Kind::kValid) << typed;
    EXPECT_EQ(read.code, code) << typed;
  }
  EXPECT_EQ(GroupedShortCode(code), code.substr(0, 4) + "-" + code.substr(4));
  // An O for a 0, or any character outside the alphabet: wrong, not a token.
  std::string with_o = code;
  with_o[3] = 'O';
  EXPECT_EQ(ReadShortCode(with_o).kind, Kind::kWrong);
  // Tokens and links are not codes.
  EXPECT_EQ(ReadShortCode(RandomToken(16)).kind, Kind::kNotACode);
  EXPECT_EQ(ReadShortCode(code + "A").kind, Kind::kNotACode);
  EXPECT_EQ(ReadShortCode(code.substr(1)).kind, Kind::kNotACode);
  EXPECT_EQ(ReadShortCode("").kind, Kind::kNotACode);
}

}  // namespace
}  // namespace vw::registration
