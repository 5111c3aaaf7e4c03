// Short ticket codes: what a registrant reads aloud at the door when the QR
// code cannot be scanned (the 22-character token is case-sensitive and
// easily misheard).
//
// A code is 8 characters from an alphabet of 23 without look-alikes (no
// 0/O/Q, 1/I/L, 5/S, 8/B, U/V or Z): 7 random characters and a check
// character. The check makes Σ (i+1)·value(c_i) ≡ 0 (mod 23) over all eight,
// so every single wrong character and every swap of two neighbours is caught
// before the database is asked. 7 random characters give 23^7 ≈ 3.4·10^9
// codes; codes are unique per activity only (a unique index), so a lookup
// always names the activity. Stored upper-case without separators, shown
// grouped: "ACDE-FGH7".
//
// Pure functions; thread-safe (NewShortCode uses libsodium, InitCrypto first).
#pragma once

#include <string>
#include <string_view>

namespace vw::registration {

inline constexpr std::string_view kShortCodeAlphabet = "234679ACDEFGHJKMNPRTWXY";
inline constexpr std::size_t kShortCodeLength = 8;

// A fresh random code with its check character, stored form ("ACDEFGH7").
std::string NewShortCode();

// "ACDEFGH7" → "ACDE-FGH7" (any other text is returned as it is).
std::string GroupedShortCode(std::string_view code);

// What typed text is, read as a short code.
struct TypedShortCode {
  enum class Kind {
    kNotACode,  // not 8 characters once spaces and dashes are dropped (a token, a link)
    kWrong,     // 8 characters, but one is outside the alphabet or the check fails
    kValid,
  };
  Kind kind = Kind::kNotACode;
  std::string code;  // the stored form when kValid
};
// Drops spaces and dashes and ignores case: "acde fgh7", "ACDE-FGH7" and
// "acdefgh7" all read as "ACDEFGH7".
TypedShortCode ReadShortCode(std::string_view typed);

}  // namespace vw::registration
