// libFuzzer target: request bodies through ParseJsonObject and FieldReader,
// read as a service reads a form (every kind of field, nested objects as
// the statistics overrides are read).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"

namespace {

using vw::FieldReader;
using vw::Utf8Length;

void ReadForm(const vw::json::object& body) {
  FieldReader in(body);
  std::string name = in.RequiredString("name", "名称", 100);
  VW_FUZZ_CHECK(Utf8Length(name) <= 100);
  std::string note = in.String("note", "备注", 20, "无");
  VW_FUZZ_CHECK(Utf8Length(note) <= 20);
  if (auto site = in.OptionalString("website", "网址", 200)) {
    VW_FUZZ_CHECK(Utf8Length(*site) <= 200);
  }
  std::int64_t count = in.RequiredInt("count", "人数", 0, 100'000'000);
  if (in.status()) VW_FUZZ_CHECK(count >= 0 && count <= 100'000'000);
  if (auto staff = in.OptionalInt("staff", "教职工数", -5, 5)) {
    VW_FUZZ_CHECK(*staff >= -5 && *staff <= 5);
  }
  (void)in.Bool("open", "公开", false);
  std::string kind = in.RequiredEnum("kind", "类型", {"on_campus", "off_campus", "online"});
  auto tags = in.StringList("tags", "标签", 10, 8);
  if (in.status()) {
    VW_FUZZ_CHECK(kind == "on_campus" || kind == "off_campus" || kind == "online");
    VW_FUZZ_CHECK(tags.size() <= 10);
    for (const auto& t : tags) VW_FUZZ_CHECK(!t.empty() && Utf8Length(t) <= 8);
  }
  if (vw::Status st = in.status(); !st) {
    VW_FUZZ_CHECK(!st.error().field.empty());
    VW_FUZZ_CHECK(vw::fuzz::IsUtf8(st.error().message));
  }
  (void)vw::RequiredVersion(body);
  // Nested objects, as the statistics overrides: {"field": {"value", "reason"}}.
  if (const auto* nested = body.if_contains("overrides"); nested && nested->is_object()) {
    for (const auto& [key, v] : nested->as_object()) {
      if (!v.is_object()) continue;
      FieldReader item(v.as_object());
      (void)item.RequiredInt("value", std::string(key), 0, 100'000'000);
      std::string reason = item.String("reason", "调整原因", 500);
      VW_FUZZ_CHECK(Utf8Length(reason) <= 500);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto parsed = vw::ParseJsonObject(body);
  if (!parsed) {
    VW_FUZZ_CHECK(!parsed.error().message.empty());
    return 0;
  }
  ReadForm(*parsed);
  // The text helpers on whatever strings the body holds.
  for (const auto& [key, v] : *parsed) {
    if (!v.is_string()) continue;
    std::string_view s = v.as_string();
    std::string prefix = vw::Utf8Prefix(s, 20);
    VW_FUZZ_CHECK(prefix.size() <= s.size());
    (void)vw::TrimSpaces(s);
    (void)vw::tables::Excerpt(s);
  }
  return 0;
}
