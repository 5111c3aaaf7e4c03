// The content hash as docs/verification.md documents it: snapshots of the
// three forms rebuilt byte for byte by a writer of their own from the
// documented rules, and the verify answer's current_matches, true until
// today's data differ from what was accepted.
#include <gtest/gtest.h>

#include <soci/soci.h>
#include <charconv>

#include "core/crypto.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

// docs/verification.md, "Canonical serialisation", written without Boost's
// serializer.
void Write(const json::value& v, std::string& out);
void WriteString(std::string_view s, std::string& out) {
  out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case 0x08:
        out += "\\b";
        break;
      case 0x0C:
        out += "\\f";
        break;
      case 0x0A:
        out += "\\n";
        break;
      case 0x0D:
        out += "\\r";
        break;
      case 0x09:
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          static const char* kHex = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}
void WriteFraction(double d, std::string& out) {
  // Shortest round trip, scientific: "3.1e-01" → "3.1E-1".
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view text(buf, static_cast<std::size_t>(end - buf));
  std::size_t e = text.find('e');
  out += text.substr(0, e);
  out += 'E';
  std::string_view exp = text.substr(e + 1);
  if (exp[0] == '-') out += '-';
  exp.remove_prefix(1);  // the sign
  while (exp.size() > 1 && exp[0] == '0') exp.remove_prefix(1);
  out += exp;
}
void Write(const json::value& v, std::string& out) {
  switch (v.kind()) {
    case json::kind::null:
      out += "null";
      break;
    case json::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      break;
    case json::kind::int64:
      out += std::to_string(v.get_int64());
      break;
    case json::kind::uint64:
      out += std::to_string(v.get_uint64());
      break;
    case json::kind::double_:
      WriteFraction(v.get_double(), out);
      break;
    case json::kind::string:
      WriteString(v.get_string(), out);
      break;
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        Write(e, out);
      }
      out += ']';
      break;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, e] : v.get_object()) {
        if (!first) out += ',';
        first = false;
        WriteString(key, out);
        out += ':';
        Write(e, out);
      }
      out += '}';
      break;
    }
  }
}

TEST(CanonicalWriter, WritesAsTheDocumentSays) {
  std::string out;
  Write(
      json::parse(R"({"a":0.31,"b":0.0,"c":100.0,"d":12.5,"s":"中\"\\/\n\u0001\u001f","n":null})"),
      out);
  EXPECT_EQ(out, R"({"a":3.1E-1,"b":0E0,"c":1E2,"d":1.25E1,"s":"中\"\\/\n\u0001\u001f","n":null})");
}

class VerificationHashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClearActivities(server_.db());
    auto c = anon_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    day3_ = c.data().at("days").as_array()[2].at("id").as_int64();
    admin_.Login("admin");
    school_.Login("school2");
    province_.Login("province");
  }
  std::string Form(const char* form, const char* action = "") {
    return "/api/campaigns/" + std::to_string(campaign_) + "/submissions/" + form + action +
           "?unit_id=" + std::to_string(UnitId(server_.db(), kUnit));
  }
  void Activity() {
    json::object o{{"unit_id", UnitId(server_.db(), kUnit)},
                   {"title", "开放日"},
                   {"theme_day_id", day3_},
                   {"starts_at", "2025-05-13T09:00:00+08:00"},
                   {"ends_at", "2025-05-13T11:00:00+08:00"},
                   {"place_kind", "on_campus"},
                   {"place", "校内"},
                   {"open_to_public", true},
                   {"registration_required", false}};
    auto r = admin_.Post("/api/campaigns/" + std::to_string(campaign_) + "/activities", o);
    ASSERT_EQ(r.status, 201u) << r.body;
    Id id = r.data().at("id").as_int64();
    ASSERT_EQ(
        admin_.Post("/api/activities/" + std::to_string(id) + "/publish", json::object{}).status,
        200u);
  }
  json::object Save(const char* form, const json::object& data) {
    auto cur = school_.Get(Form(form));
    auto r = school_.Put(Form(form),
                         json::object{{"version", cur.data().at("version")}, {"data", data}});
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.status == 200u ? r.data().as_object() : json::object{};
  }
  // Submits and accepts the form; its snapshot's code.
  std::string Accept(const char* form) {
    auto cur = school_.Get(Form(form));
    auto sub =
        school_.Post(Form(form, "/submit"), json::object{{"version", cur.data().at("version")}});
    EXPECT_EQ(sub.status, 200u) << sub.body;
    if (sub.status != 200u) return "";
    auto ok = province_.Post(
        "/api/submissions/" + std::to_string(sub.data().at("id").as_int64()) + "/accept",
        json::object{{"version", sub.data().at("version")}});
    EXPECT_EQ(ok.status, 200u) << ok.body;
    return ok.status == 200u ? std::string(ok.data().at("snapshot").at("code").as_string()) : "";
  }
  std::pair<std::string, std::string> Stored(const std::string& code) {
    db::Session s(server_.db());
    std::string content, hash;
    s.sql() << "SELECT content, content_hash FROM submission_snapshots WHERE code = :c",
        soci::use(code), soci::into(content), soci::into(hash);
    return {content, hash};
  }
  json::value Verify(const std::string& code) {
    Client anon(server_.port());
    auto r = anon.Get("/api/public/verify/" + code);
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.data();
  }

  static constexpr const char* kUnit = "成都工业职业技术学院";
  TestServer server_;
  Client anon_{server_.port()};
  Client admin_{server_.port()};
  Client school_{server_.port()};
  Client province_{server_.port()};
  Id campaign_ = 0, day3_ = 0;
};

TEST_F(VerificationHashTest, SnapshotsOfAllFormsHashAsDocumentedAndMatchTodayUntilDataChange) {
  Activity();  // figures for the statistics form (coverage a fraction)
  Save("info_form", {{"contact_person", "李老师"},
                     {"position", "教务处\"副\"处长"},
                     {"mobile", "13800001111"},
                     {"qq", "12345"},
                     {"website", "https://www.example.edu.cn/zjz"},
                     {"work_plan", "第一行\n第二行\t/\\ 完"},
                     {"featured", "开放日"}});
  Save("summary", {{"sections", {{"basic", "　　基本情况。\n第二段"}, {"results", "成效"}}}});
  std::map<std::string, std::string> codes;
  for (const char* form : {"info_form", "statistics", "summary"}) codes[form] = Accept(form);

  for (const auto& [form, code] : codes) {
    ASSERT_FALSE(code.empty()) << form;
    auto [content, hash] = Stored(code);
    std::string rebuilt;
    Write(json::parse(content), rebuilt);
    EXPECT_EQ(rebuilt, content) << form;
    EXPECT_EQ(Sha256Hex(rebuilt), hash) << form;
    json::value answer = Verify(code);
    EXPECT_EQ(answer.at("content_hash").as_string(), hash) << form;
    EXPECT_EQ(answer.at("current_matches"), true) << form;
  }
  EXPECT_NE(Stored(codes["statistics"]).first.find("\"coverage\":"), std::string::npos);

  // Another activity after acceptance: today's statistics differ, the rest not.
  Activity();
  EXPECT_EQ(Verify(codes["statistics"]).at("current_matches"), false);
  EXPECT_EQ(Verify(codes["info_form"]).at("current_matches"), true);

  // Reopened alone, the info form still holds what was accepted; edited, not.
  auto info = school_.Get(Form("info_form")).data();
  auto reopened =
      province_.Post("/api/submissions/" + std::to_string(info.at("id").as_int64()) + "/reopen",
                     json::object{{"reason", "补充网址"}, {"version", info.at("version")}});
  ASSERT_EQ(reopened.status, 200u) << reopened.body;
  EXPECT_EQ(Verify(codes["info_form"]).at("current_matches"), true);
  json::object data = school_.Get(Form("info_form")).data().at("data").as_object();
  data["website"] = "https://www.example.edu.cn/new";
  Save("info_form", data);
  json::value after = Verify(codes["info_form"]);
  EXPECT_EQ(after.at("current_matches"), false);
  EXPECT_EQ(after.at("status"), "valid");  // not accepted again yet
}

}  // namespace
}  // namespace vw::testing
