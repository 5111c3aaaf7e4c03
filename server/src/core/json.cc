#include "core/json.h"

#include <cmath>
#include <utility>

namespace vw {

Result<json::object> ParseJsonObject(std::string_view body) {
  if (body.empty()) return Error::Invalid("", "请求体为空，应为 JSON 对象");
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) return Error::Invalid("", "请求体不是合法的 JSON");
  if (!v.is_object()) return Error::Invalid("", "请求体应为 JSON 对象");
  return std::move(v.as_object());
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string Utf8Prefix(std::string_view s, size_t max_chars) {
  size_t n = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && n++ == max_chars) break;
  }
  return std::string(s.substr(0, i));
}

std::string TrimSpaces(std::string_view s) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    if (is_space(s.front())) {
      s.remove_prefix(1);
      changed = true;
    } else if (s.substr(0, 3) == kIdeographicSpace) {
      s.remove_prefix(3);
      changed = true;
    }
    if (s.empty()) break;
    if (is_space(s.back())) {
      s.remove_suffix(1);
      changed = true;
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == kIdeographicSpace) {
      s.remove_suffix(3);
      changed = true;
    }
  }
  return std::string(s);
}

namespace {

// The code point at s[i] and its length in bytes. A byte that does not start
// valid UTF-8 reads as itself (JSON bodies are valid UTF-8 already).
std::pair<char32_t, size_t> CodePointAt(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  size_t n = b < 0x80             ? 1
             : (b & 0xE0) == 0xC0 ? 2
             : (b & 0xF0) == 0xE0 ? 3
             : (b & 0xF8) == 0xF0 ? 4
                                  : 0;
  if (n <= 1 || i + n > s.size()) return {b, 1};
  char32_t c = b & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {b, 1};
    c = (c << 6) | (byte(i + k) & 0x3F);
  }
  return {c, n};
}

bool IsLineBreak(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 ||
         c == 0x2029;
}

bool IsBidiControl(char32_t c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

Result<std::string> CheckText(std::string_view text, TextKind kind, std::string_view key,
                              std::string_view label) {
  std::string out;
  out.reserve(text.size());
  const bool one_line = kind == TextKind::kOneLine;
  auto refuse = [&](const char* why) {
    return Error::Invalid(std::string(key), std::string(label) + why);
  };
  for (size_t i = 0; i < text.size();) {
    auto [c, n] = CodePointAt(text, i);
    if (IsLineBreak(c)) {
      if (one_line) return refuse("只能填写一行，不能换行");
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++n;  // CR LF is one break
      out.push_back('\n');
    } else if (c == '\t' && one_line) {
      return refuse("只能填写一行，不能含有制表符");
    } else if (IsBidiControl(c)) {
      return refuse("含有控制文字方向的不可见字符，请删除后重新填写");
    } else if ((c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F)) {
      return refuse("含有不可见的控制字符，请删除后重新填写");
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

bool FieldReader::Has(std::string_view key) const {
  const json::value* v = Find(key);
  return v != nullptr && !v->is_null();
}

const json::value* FieldReader::Find(std::string_view key) const { return obj_.if_contains(key); }

void FieldReader::Fail(Error error) {
  if (!error_) error_ = std::move(error);
}

Status FieldReader::status() const {
  if (error_) return *error_;
  return Ok();
}

std::optional<std::string> FieldReader::Text(std::string_view key, std::string_view label,
                                             size_t max_len, TextKind kind) {
  if (failed()) return std::nullopt;
  const json::value* v = Find(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_string()) {
    Fail(Error::Invalid(std::string(key), std::string(label) + "应为文本"));
    return std::nullopt;
  }
  std::string_view raw(v->as_string());
  // One line: a pasted trailing line break is trimmed, not refused. Several
  // lines: breaks are normalised first, so a trailing U+2028 trims too.
  auto checked = kind == TextKind::kOneLine ? CheckText(TrimSpaces(raw), kind, key, label)
                                            : CheckText(raw, kind, key, label);
  if (!checked) {
    Fail(checked.error());
    return std::nullopt;
  }
  std::string s = kind == TextKind::kOneLine ? std::move(*checked) : TrimSpaces(*checked);
  if (Utf8Length(s) > max_len) {
    Fail(Error::Invalid(std::string(key),
                        std::string(label) + "不能超过" + std::to_string(max_len) + "个字"));
    return std::nullopt;
  }
  return s;
}

std::string FieldReader::RequiredText(std::string_view key, std::string_view label, size_t max_len,
                                      TextKind kind) {
  if (failed()) return {};
  auto s = Text(key, label, max_len, kind);
  if (failed()) return {};
  if (!s || s->empty()) {
    Fail(Error::Invalid(std::string(key), "请填写" + std::string(label)));
    return {};
  }
  return std::move(*s);
}

std::optional<std::string> FieldReader::OptionalString(std::string_view key, std::string_view label,
                                                       size_t max_len) {
  return Text(key, label, max_len, TextKind::kOneLine);
}

std::string FieldReader::String(std::string_view key, std::string_view label, size_t max_len,
                                std::string fallback) {
  auto s = Text(key, label, max_len, TextKind::kOneLine);
  return s ? std::move(*s) : std::move(fallback);
}

std::string FieldReader::RequiredString(std::string_view key, std::string_view label,
                                        size_t max_len) {
  return RequiredText(key, label, max_len, TextKind::kOneLine);
}

std::string FieldReader::MultilineString(std::string_view key, std::string_view label,
                                         size_t max_len, std::string fallback) {
  auto s = Text(key, label, max_len, TextKind::kMultiLine);
  return s ? std::move(*s) : std::move(fallback);
}

std::string FieldReader::RequiredMultilineString(std::string_view key, std::string_view label,
                                                 size_t max_len) {
  return RequiredText(key, label, max_len, TextKind::kMultiLine);
}

std::optional<std::int64_t> FieldReader::OptionalInt(std::string_view key, std::string_view label,
                                                     std::int64_t min, std::int64_t max) {
  if (failed()) return std::nullopt;
  const json::value* v = Find(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->as_int64();
  } else if (v->is_uint64()) {
    if (v->as_uint64() > static_cast<std::uint64_t>(max)) {
      Fail(Error::Invalid(std::string(key), std::string(label) + "不能大于" + std::to_string(max)));
      return std::nullopt;
    }
    n = static_cast<std::int64_t>(v->as_uint64());
  } else if (v->is_double() && std::floor(v->as_double()) == v->as_double() &&
             std::fabs(v->as_double()) < 9e15) {
    n = static_cast<std::int64_t>(v->as_double());
  } else {
    Fail(Error::Invalid(std::string(key), std::string(label) + "应为整数"));
    return std::nullopt;
  }
  if (n < min) {
    Fail(Error::Invalid(std::string(key), std::string(label) + "不能小于" + std::to_string(min)));
    return std::nullopt;
  }
  if (n > max) {
    Fail(Error::Invalid(std::string(key), std::string(label) + "不能大于" + std::to_string(max)));
    return std::nullopt;
  }
  return n;
}

std::int64_t FieldReader::RequiredInt(std::string_view key, std::string_view label,
                                      std::int64_t min, std::int64_t max) {
  if (failed()) return 0;
  auto n = OptionalInt(key, label, min, max);
  if (failed()) return 0;
  if (!n) {
    Fail(Error::Invalid(std::string(key), "请填写" + std::string(label)));
    return 0;
  }
  return *n;
}

bool FieldReader::Bool(std::string_view key, std::string_view label, bool fallback) {
  if (failed()) return fallback;
  const json::value* v = Find(key);
  if (v == nullptr || v->is_null()) return fallback;
  if (!v->is_bool()) {
    Fail(Error::Invalid(std::string(key), std::string(label) + "应为是或否"));
    return fallback;
  }
  return v->as_bool();
}

std::string FieldReader::RequiredEnum(std::string_view key, std::string_view label,
                                      const std::vector<std::string>& allowed) {
  std::string s = RequiredString(key, label, 64);
  if (failed()) return {};
  for (const auto& a : allowed) {
    if (a == s) return s;
  }
  Fail(Error::Invalid(std::string(key), std::string(label) + "的取值“" + s + "”无效"));
  return {};
}

std::vector<std::string> FieldReader::StringList(std::string_view key, std::string_view label,
                                                 size_t max_items, size_t max_len) {
  std::vector<std::string> out;
  if (failed()) return out;
  const json::value* v = Find(key);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array()) {
    Fail(Error::Invalid(std::string(key), std::string(label) + "应为列表"));
    return out;
  }
  if (v->as_array().size() > max_items) {
    Fail(Error::Invalid(std::string(key),
                        std::string(label) + "最多" + std::to_string(max_items) + "项"));
    return out;
  }
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) {
      Fail(Error::Invalid(std::string(key), std::string(label) + "的每一项应为文本"));
      return {};
    }
    auto checked =
        CheckText(TrimSpaces(std::string_view(item.as_string())), TextKind::kOneLine, key, label);
    if (!checked) {
      Fail(checked.error());
      return {};
    }
    std::string s = std::move(*checked);
    if (s.empty() || Utf8Length(s) > max_len) {
      Fail(Error::Invalid(std::string(key), std::string(label) + "的每一项应为1到" +
                                                std::to_string(max_len) + "个字"));
      return {};
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<int> RequiredVersion(const json::object& body) {
  FieldReader in(body);
  int version = static_cast<int>(in.RequiredInt("version", "版本号", 1, INT32_MAX));
  VW_RETURN_IF_ERROR(in.status());
  return version;
}

}  // namespace vw
