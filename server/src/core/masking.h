// Masking personal data where it is shown to people who need to recognise a
// record, not to reach the person: the public verification of accepted
// forms, registration lists. Pure functions of valid UTF-8; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace vw {

// "张三" → "张*", "欧阳娜娜" → "欧*": the first character only.
std::string MaskName(std::string_view name);
// "13812341234" → "138****1234"; any other non-empty text → "****".
std::string MaskMobile(std::string_view mobile);
// Digits (a QQ number) with the middle hidden: "123456789" → "12*****89",
// "12345" → "1***5"; "" stays "".
std::string MaskDigits(std::string_view digits);
// "zhang.san@example.cn" → "z***@example.cn"; text without '@' → "****".
std::string MaskEmail(std::string_view email);
// Free text with the mobile numbers ("13812341234", "138-1234-1234",
// "138 1234 1234") and e-mail addresses in it masked as above.
std::string MaskContactsIn(std::string_view text);

}  // namespace vw
