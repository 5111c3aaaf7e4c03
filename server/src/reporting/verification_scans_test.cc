// The public verification of accepted forms (what it shows, the codes, the
// limits) and the stamped scans (names, number, bytes), issue 12.
#include <gtest/gtest.h>

#include <regex>

#include "org/scope.h"
#include "reporting/submissions.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class VerificationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = anon_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    school_.Login("school2");
    province_.Login("province");
  }
  std::string Form(const char* form, const char* action = "") {
    return "/api/campaigns/" + std::to_string(campaign_) + "/submissions/" + form + action +
           "?unit_id=" + std::to_string(UnitId(server_.db(), "成都工业职业技术学院"));
  }
  // Saves `data`, submits and has the province accept; the accepted submission.
  json::object Accepted(const char* form, const json::object& data) {
    auto saved = school_.Put(Form(form), json::object{{"version", 0}, {"data", data}});
    EXPECT_EQ(saved.status, 200u) << saved.body;
    auto submitted =
        school_.Post(Form(form, "/submit"), json::object{{"version", saved.data().at("version")}});
    EXPECT_EQ(submitted.status, 200u) << submitted.body;
    auto accepted = province_.Post(
        "/api/submissions/" + std::to_string(submitted.data().at("id").as_int64()) + "/accept",
        json::object{{"version", submitted.data().at("version")}});
    EXPECT_EQ(accepted.status, 200u) << accepted.body;
    return accepted.data().as_object();
  }
  static json::object InfoData() {
    return {{"contact_person", "李老师"},
            {"position", "教务处副处长"},
            {"mobile", "13800001111"},
            {"qq", "123456789"},
            {"website", "https://www.example.edu.cn/zjz"},
            {"work_plan", "咨询电话 139-1234-5678，邮箱 li.laoshi@example.edu.cn。"},
            {"featured", "开放日"}};
  }

  TestServer server_;
  Client anon_{server_.port()};
  Client school_{server_.port()};
  Client province_{server_.port()};
  Id campaign_ = 0;
};

TEST_F(VerificationTest, ShowsWhatProvesTheFormNotThePersonBehindIt) {
  auto accepted = Accepted("info_form", InfoData());
  std::string code(accepted.at("snapshot").at("code").as_string());
  // Sixteen characters of Crockford's base32 in groups of four: 80 bits.
  EXPECT_TRUE(
      std::regex_match(code, std::regex("([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}")))
      << code;

  auto v = anon_.Get("/api/public/verify/" + code);
  ASSERT_EQ(v.status, 200u) << v.body;
  const auto& d = v.data();
  EXPECT_EQ(d.at("unit_name"), "成都工业职业技术学院");
  EXPECT_EQ(d.at("form_name"), "信息采集表");
  EXPECT_EQ(d.at("accepted_by_unit"), accepted.at("parent_name"));
  EXPECT_EQ(d.at("content_hash"), accepted.at("snapshot").at("content_hash"));
  EXPECT_EQ(d.at("year").as_int64(), 2025);
  const auto& shown = d.at("content").at("data");
  EXPECT_EQ(shown.at("contact_person"), "李*");
  EXPECT_EQ(shown.at("mobile"), "138****1111");
  EXPECT_EQ(shown.at("qq"), "12*****89");
  EXPECT_EQ(shown.at("position"), "教务处副处长");
  EXPECT_EQ(shown.at("website"), "https://www.example.edu.cn/zjz");
  EXPECT_EQ(shown.at("work_plan"), "咨询电话 139****5678，邮箱 l***@example.edu.cn。");
  for (const char* secret : {"李老师", "13800001111", "123456789", "1234-5678", "li.laoshi"}) {
    EXPECT_EQ(v.body.find(secret), std::string::npos) << secret << " in " << v.body;
  }
}

TEST_F(VerificationTest, CodesTypedFromPaperVerify) {
  auto accepted = Accepted("info_form", InfoData());
  std::string code(accepted.at("snapshot").at("code").as_string());
  std::string bare, lower, misread;
  for (char c : code) {
    if (c == '-') continue;
    bare.push_back(c);
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    misread.push_back(c == '1' ? 'l' : c == '0' ? 'O' : c);  // Crockford reads l as 1, O as 0
  }
  std::string spaced = bare.substr(0, 4) + "%20" + bare.substr(4, 4) + "%20" + bare.substr(8);
  for (const std::string& typed : {bare, lower, misread, spaced}) {
    auto v = anon_.Get("/api/public/verify/" + typed);
    EXPECT_EQ(v.status, 200u) << typed << ": " << v.body;
    if (v.status == 200u) {
      EXPECT_EQ(v.data().at("code").as_string(), code);
    }
  }
  EXPECT_EQ(anon_.Get("/api/public/verify/" + bare.substr(0, 15)).status, 404u);
  EXPECT_EQ(anon_.Get("/api/public/verify/" + bare.substr(0, 15) + "U").status, 404u);

  // The eight-character codes printed before keep verifying.
  {
    db::Session s(server_.db());
    s.sql() << "UPDATE submission_snapshots SET code = 'AB12-CD34' WHERE code = :c",
        soci::use(code);
  }
  auto old = anon_.Get("/api/public/verify/ab12cd34");
  ASSERT_EQ(old.status, 200u) << old.body;
  EXPECT_EQ(old.data().at("code"), "AB12-CD34");
}

TEST_F(VerificationTest, ASupersededCodeNamesTheNewerOne) {
  auto first = Accepted("info_form", InfoData());
  std::string first_code(first.at("snapshot").at("code").as_string());
  auto v = anon_.Get("/api/public/verify/" + first_code);
  ASSERT_EQ(v.status, 200u) << v.body;
  EXPECT_EQ(v.data().at("status"), "valid");
  EXPECT_TRUE(v.data().at("superseded_by").is_null());

  // Reopened, corrected, submitted and accepted again: a new snapshot.
  std::string id = std::to_string(first.at("id").as_int64());
  auto reopened =
      province_.Post("/api/submissions/" + id + "/reopen",
                     json::object{{"reason", "手机号码有误"}, {"version", first.at("version")}});
  ASSERT_EQ(reopened.status, 200u) << reopened.body;
  auto data = InfoData();
  data["mobile"] = "13800002222";
  auto saved = school_.Put(
      Form("info_form"), json::object{{"version", reopened.data().at("version")}, {"data", data}});
  ASSERT_EQ(saved.status, 200u) << saved.body;
  auto submitted = school_.Post(Form("info_form", "/submit"),
                                json::object{{"version", saved.data().at("version")}});
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  auto second = province_.Post("/api/submissions/" + id + "/accept",
                               json::object{{"version", submitted.data().at("version")}});
  ASSERT_EQ(second.status, 200u) << second.body;
  std::string second_code(second.data().at("snapshot").at("code").as_string());
  ASSERT_NE(second_code, first_code);

  auto old = anon_.Get("/api/public/verify/" + first_code);
  ASSERT_EQ(old.status, 200u) << old.body;
  EXPECT_EQ(old.data().at("status"), "superseded");
  EXPECT_EQ(old.data().at("superseded_by").as_string(), second_code);
  EXPECT_EQ(old.data().at("content").at("data").at("mobile"), "138****1111");
  auto now = anon_.Get("/api/public/verify/" + second_code);
  ASSERT_EQ(now.status, 200u) << now.body;
  EXPECT_EQ(now.data().at("status"), "valid");
  EXPECT_TRUE(now.data().at("superseded_by").is_null());
  EXPECT_EQ(now.data().at("content").at("data").at("mobile"), "138****2222");
}

TEST_F(VerificationTest, GuessingIsRateLimitedPerAddress) {
  for (int i = 0; i < 30; ++i) {
    auto miss = anon_.Get("/api/public/verify/0000-0000-0000-" + std::to_string(1000 + i));
    ASSERT_EQ(miss.status, 404u) << i << ": " << miss.body;
  }
  auto limited = anon_.Get("/api/public/verify/0000-0000-0000-2000");
  EXPECT_EQ(limited.status, 429u) << limited.body;
  EXPECT_NE(limited.error_message().find("核验过于频繁"), std::string::npos) << limited.body;
}

TEST_F(VerificationTest, ShortCodesShareOneSmallBudget) {
  auto accepted = Accepted("info_form", InfoData());
  std::string code(accepted.at("snapshot").at("code").as_string());
  org::Scope scope(server_.db());
  reporting::SubmissionService forms(server_.db(), scope, {/*per_address=*/100, /*short=*/2});
  // From two addresses, three short lookups: the third is refused.
  EXPECT_EQ(forms.Verify("AAAA-AAAA", "10.0.0.1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(forms.Verify("AAAA-AAAB", "10.0.0.2").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(forms.Verify("AAAA-AAAC", "10.0.0.1").error().code, ErrorCode::kRateLimited);
  // The 16-character codes are not held back by it.
  EXPECT_TRUE(forms.Verify(code, "10.0.0.2").ok());
}

TEST(VerificationCodeTest, NormalisedAsCrockfordReadsThem) {
  EXPECT_EQ(reporting::NormalizeCode("abcd-efgh-jkmn-pqrs"), "ABCD-EFGH-JKMN-PQRS");
  EXPECT_EQ(reporting::NormalizeCode(" o1il 2345 6789 ABCD "), "0111-2345-6789-ABCD");
  EXPECT_EQ(reporting::NormalizeCode("7kq2m9xd"), "7KQ2-M9XD");
  EXPECT_EQ(reporting::NormalizeCode("UUUU-UUUU"), std::nullopt);  // U is not Crockford's
  EXPECT_EQ(reporting::NormalizeCode("ABCD-EFG"), std::nullopt);
  EXPECT_EQ(reporting::NormalizeCode("../../etc/passwd"), std::nullopt);
}

class ScanTest : public VerificationTest {
 protected:
  std::string Scans() {
    auto cur = school_.Get(Form("info_form"));
    if (cur.data().at("id").is_null()) {
      auto saved =
          school_.Put(Form("info_form"), json::object{{"version", 0}, {"data", InfoData()}});
      EXPECT_EQ(saved.status, 200u) << saved.body;
      cur = saved;
    }
    return "/api/submissions/" + std::to_string(cur.data().at("id").as_int64()) + "/scans";
  }
  HttpResult Upload(const std::string& bytes, const std::string& encoded_name) {
    return school_.Request(
        "POST", Scans(), bytes,
        {{"Content-Type", "application/octet-stream"}, {"X-File-Name", encoded_name}});
  }
  static std::string Png() { return std::string("\x89PNG\r\n\x1a\n", 8) + "0000"; }
};

TEST_F(ScanTest, TheClientsFileNameIsNeverSentBackAsItCame) {
  auto stored = Upload(Png(), "..%2F..%2Fx.html");
  ASSERT_EQ(stored.status, 201u) << stored.body;
  EXPECT_EQ(stored.data().at("file_name"), "x.png");
  auto back = school_.Get("/api/scans/" + std::to_string(stored.data().at("id").as_int64()));
  ASSERT_EQ(back.status, 200u);
  EXPECT_EQ(back.headers["content-disposition"],
            "attachment; filename=\"x.png\"; filename*=UTF-8''x.png");

  // Direction overrides, quotes, line breaks, a path and a wrong extension.
  auto odd = Upload("%PDF-1.4 stamped",
                    "C%3A%5Cscans%5C%E2%80%AE%E7%9B%96%E7%AB%A0%22%0D%0AX-Evil%3A%201.exe");
  ASSERT_EQ(odd.status, 201u) << odd.body;
  EXPECT_EQ(odd.data().at("file_name"), "盖章X-Evil 1.pdf");
  auto sent = school_.Get("/api/scans/" + std::to_string(odd.data().at("id").as_int64()));
  EXPECT_EQ(sent.headers["content-disposition"],
            "attachment; filename=\"download.pdf\"; "
            "filename*=UTF-8''%E7%9B%96%E7%AB%A0X-Evil%201.pdf");
  EXPECT_EQ(sent.headers.count("x-evil"), 0u);

  // Nothing usable left: a name of its own.
  auto dots = Upload(Png(), "..%2F...");
  EXPECT_EQ(dots.data().at("file_name"), "盖章扫描件.png");

  // A name stored as it came, before names were cleaned, is cleaned when shown and sent.
  Id old_id = dots.data().at("id").as_int64();
  {
    db::Session s(server_.db());
    std::string raw = "../../invoice\u202Egnp.html";
    s.sql() << "UPDATE submission_scans SET file_name = :n WHERE id = :id", soci::use(raw),
        soci::use(old_id);
  }
  bool listed = false;
  auto form = school_.Get(Form("info_form"));
  for (const auto& sc : form.data().at("scans").as_array()) {
    if (sc.at("id").as_int64() != old_id) continue;
    EXPECT_EQ(sc.at("file_name"), "invoicegnp.png");
    listed = true;
  }
  EXPECT_TRUE(listed);
  EXPECT_EQ(school_.Get("/api/scans/" + std::to_string(old_id)).headers["content-disposition"],
            "attachment; filename=\"invoicegnp.png\"; filename*=UTF-8''invoicegnp.png");
}

TEST_F(ScanTest, TenScansPerFormAtMost) {
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(Upload(Png(), "scan" + std::to_string(i) + ".png").status, 201u) << i;
  }
  auto eleventh = Upload(Png(), "scan10.png");
  EXPECT_EQ(eleventh.status, 409u) << eleventh.body;
  EXPECT_EQ(eleventh.error_field(), "file");
  EXPECT_NE(eleventh.error_message().find("最多上传 10 个"), std::string::npos) << eleventh.body;
}

TEST_F(ScanTest, BytesAreStoredAsBytesAndComeBackExactly) {
  std::string bytes = Png();
  for (int b = 0; b < 256; ++b) bytes.push_back(static_cast<char>(b));
  for (int b = 255; b >= 0; --b) bytes.push_back(static_cast<char>(b));
  auto stored = Upload(bytes, "all-bytes.png");
  ASSERT_EQ(stored.status, 201u) << stored.body;
  Id id = stored.data().at("id").as_int64();
  auto back = school_.Get("/api/scans/" + std::to_string(id));
  ASSERT_EQ(back.status, 200u);
  EXPECT_EQ(back.body, bytes);
  // A binary column of the file's own size, not text.
  db::Session s(server_.db());
  std::string type;
  std::int64_t length = 0;
  if (UsingPostgres()) {
    s.sql() << "SELECT pg_typeof(data)::text, octet_length(data) FROM submission_scans WHERE id = "
               ":id",
        soci::use(id), soci::into(type), soci::into(length);
    EXPECT_EQ(type, "bytea");
  } else {
    s.sql() << "SELECT typeof(data), length(data) FROM submission_scans WHERE id = :id",
        soci::use(id), soci::into(type), soci::into(length);
    EXPECT_EQ(type, "blob");
  }
  EXPECT_EQ(length, static_cast<std::int64_t>(bytes.size()));
}

}  // namespace
}  // namespace vw::testing
