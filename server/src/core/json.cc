#include "core/json.h"

#include <cmath>

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

std::optional<std::string> FieldReader::OptionalString(std::string_view key, std::string_view label,
                                                       size_t max_len) {
  if (failed()) return std::nullopt;
  const json::value* v = Find(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_string()) {
    Fail(Error::Invalid(std::string(key), std::string(label) + "应为文本"));
    return std::nullopt;
  }
  std::string s = TrimSpaces(std::string_view(v->as_string()));
  if (Utf8Length(s) > max_len) {
    Fail(Error::Invalid(std::string(key),
                        std::string(label) + "不能超过" + std::to_string(max_len) + "个字"));
    return std::nullopt;
  }
  for (unsigned char c : s) {
    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
      Fail(Error::Invalid(std::string(key), std::string(label) + "含有不可见的控制字符"));
      return std::nullopt;
    }
  }
  return s;
}

std::string FieldReader::String(std::string_view key, std::string_view label, size_t max_len,
                                std::string fallback) {
  auto s = OptionalString(key, label, max_len);
  return s ? std::move(*s) : std::move(fallback);
}

std::string FieldReader::RequiredString(std::string_view key, std::string_view label,
                                        size_t max_len) {
  if (failed()) return {};
  auto s = OptionalString(key, label, max_len);
  if (failed()) return {};
  if (!s || s->empty()) {
    Fail(Error::Invalid(std::string(key), "请填写" + std::string(label)));
    return {};
  }
  return std::move(*s);
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
    std::string s = TrimSpaces(std::string_view(item.as_string()));
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
