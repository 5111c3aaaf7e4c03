// The activity plan (活动方案, plan_form.h, issue 14): a city's secondary
// school saves, uploads and submits it, the city reviews it and exports the
// merged list; documents are judged by their bytes; ids of other units are
// refused.
#include <gtest/gtest.h>

#include "export/table_reader.h"
#include "reporting/plan_form.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

constexpr const char* kSchool = "成都市财贸职业高级中学";  // under 成都市教育局
constexpr const char* kOtherCitySchool = "绵阳职业技术学校";

std::string Docx() {
  return std::string("PK\x03\x04", 4) + "0000[Content_Types].xml....word/document.xml....";
}
std::string Doc() {
  return std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "0000" +
         std::string("W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0", 24) + "0000";
}

class PlanFormTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClearActivities(server_.db());
    auto c = anon_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    day3_ = c.data().at("days").as_array()[2].at("id").as_int64();
    day4_ = c.data().at("days").as_array()[3].at("id").as_int64();
    admin_.Login("admin");
    city_.Login("chengdu");
    school2_.Login("school2");
  }
  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_); }
  std::string Plan(const std::string& unit, const char* action = "") {
    return Base() + "/submissions/plan" + action +
           "?unit_id=" + std::to_string(UnitId(server_.db(), unit));
  }
  Id Activity(const std::string& unit) {
    json::object o{{"unit_id", UnitId(server_.db(), unit)},
                   {"title", unit + "专业体验日"},
                   {"theme_day_id", day4_},
                   {"starts_at", "2025-05-14T09:00:00+08:00"},
                   {"ends_at", "2025-05-14T11:00:00+08:00"},
                   {"place_kind", "on_campus"},
                   {"place", "校内"},
                   {"open_to_public", true}};
    auto r = admin_.Post(Base() + "/activities", o);
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.data().at("id").as_int64();
  }
  json::object Data(std::optional<Id> linked = std::nullopt) {
    json::array items{json::object{{"theme_day_id", day3_}, {"title", "校园开放日"}}};
    if (linked) {
      items.push_back(json::object{{"theme_day_id", day4_}, {"activity_id", *linked}});
    }
    return {{"person_name", "王晓燕"},
            {"person_position", "办公室主任"},
            {"person_mobile", "13912345678"},
            {"activities", std::move(items)}};
  }
  HttpResult Upload(Client& c, const std::string& unit, std::int64_t version,
                    const std::string& bytes, const std::string& encoded_name) {
    return c.Request(
        "POST",
        Base() + "/submissions/plan/document?unit_id=" +
            std::to_string(UnitId(server_.db(), unit)) + "&version=" + std::to_string(version),
        bytes, {{"Content-Type", "application/octet-stream"}, {"X-File-Name", encoded_name}});
  }
  std::int64_t Version(const HttpResult& r) { return r.data().at("version").as_int64(); }

  TestServer server_;
  Client anon_{server_.port()};
  Client admin_{server_.port()};
  Client city_{server_.port()};
  Client school2_{server_.port()};
  Id campaign_ = 0;
  Id day3_ = 0;
  Id day4_ = 0;
};

TEST_F(PlanFormTest, ASchoolSendsItsPlanAndTheCityReviewsIt) {
  Id linked = Activity(kSchool);
  auto fresh = admin_.Get(Plan(kSchool));
  ASSERT_EQ(fresh.status, 200u) << fresh.body;
  EXPECT_EQ(fresh.data().at("status"), "not_started");
  EXPECT_EQ(fresh.data().at("plan_choices").at("days").as_array().size(), 7u);
  EXPECT_EQ(fresh.data().at("plan_choices").at("activities").as_array()[0].at("id"), linked);
  // The prefill plans the school's activity on its theme day.
  EXPECT_EQ(fresh.data().at("data").at("activities").as_array()[0].at("activity_id"), linked);

  json::object forged = Data(linked);
  forged["document"] = json::object{{"id", 1}, {"file_name", "伪造.pdf"}};
  auto saved = admin_.Put(Plan(kSchool), json::object{{"version", 0}, {"data", forged}});
  ASSERT_EQ(saved.status, 200u) << saved.body;
  const auto& items = saved.data().at("data").at("activities").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1].at("title").as_string(),
            std::string(kSchool) + "专业体验日");  // the activity's title
  EXPECT_FALSE(saved.data().at("data").as_object().contains("document"));

  // No document yet: submitting is refused, naming the field.
  auto early = admin_.Post(Plan(kSchool, "/submit"), json::object{{"version", Version(saved)}});
  EXPECT_EQ(early.status, 400u) << early.body;
  EXPECT_NE(early.body.find("\"document\""), std::string::npos) << early.body;

  // A Word file sent as "方案.pdf" is stored as what its bytes are.
  auto up = Upload(admin_, kSchool, Version(saved), Docx(), "%E6%96%B9%E6%A1%88.pdf");
  ASSERT_EQ(up.status, 200u) << up.body;
  EXPECT_EQ(Version(up), Version(saved) + 1);
  const auto& doc = up.data().at("data").at("document");
  EXPECT_EQ(doc.at("file_name"), "方案.docx");
  EXPECT_EQ(up.data().at("data").at("person_name"), "王晓燕");
  // A stale version does not upload.
  EXPECT_EQ(Upload(admin_, kSchool, Version(saved), Docx(), "a.docx").status, 409u);
  // A later save keeps the document.
  auto again = admin_.Put(Plan(kSchool), json::object{{"version", Version(up)}, {"data", Data()}});
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(again.data().at("data").at("document").at("file_name"), "方案.docx");

  auto sent = admin_.Post(Plan(kSchool, "/submit"), json::object{{"version", Version(again)}});
  ASSERT_EQ(sent.status, 200u) << sent.body;
  EXPECT_EQ(sent.data().at("status"), "submitted");

  // The city reads it, cannot change it, returns it with a comment on the document.
  auto seen = city_.Get(Plan(kSchool));
  ASSERT_EQ(seen.status, 200u);
  EXPECT_TRUE(seen.data().at("can_accept").as_bool());
  EXPECT_FALSE(seen.data().at("can_edit").as_bool());
  Id id = seen.data().at("id").as_int64();
  Id doc_id = seen.data().at("data").at("document").at("id").as_int64();
  auto file = city_.Get("/api/plan-documents/" + std::to_string(doc_id));
  ASSERT_EQ(file.status, 200u);
  EXPECT_EQ(file.body, Docx());
  auto ret = city_.Post("/api/submissions/" + std::to_string(id) + "/return",
                        json::object{{"comment", "请补充安全预案"},
                                     {"field_comments", json::object{{"document", "缺安全预案"}}},
                                     {"version", Version(seen)}});
  ASSERT_EQ(ret.status, 200u) << ret.body;
  EXPECT_EQ(ret.data().at("last_return").at("fields").as_array()[0].at("label"), "活动方案文件");

  auto fixed = Upload(admin_, kSchool, Version(ret), Doc(), "plan.doc");
  ASSERT_EQ(fixed.status, 200u) << fixed.body;
  EXPECT_EQ(fixed.data().at("data").at("document").at("file_name"), "plan.doc");
  EXPECT_EQ(fixed.data().at("status"), "returned");
  auto resent = admin_.Post(Plan(kSchool, "/submit"), json::object{{"version", Version(fixed)}});
  ASSERT_EQ(resent.status, 200u) << resent.body;
  auto ok = city_.Post("/api/submissions/" + std::to_string(id) + "/accept",
                       json::object{{"version", Version(resent)}});
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(ok.data().at("status"), "accepted");
  EXPECT_FALSE(ok.data().at("snapshot").is_null());
  // Accepted: locked.
  EXPECT_EQ(Upload(admin_, kSchool, Version(ok), Docx(), "a.docx").status, 409u);

  // The public check shows the plan without the person behind it.
  auto v = anon_.Get("/api/public/verify/" +
                     std::string(ok.data().at("snapshot").at("code").as_string()));
  ASSERT_EQ(v.status, 200u) << v.body;
  EXPECT_EQ(v.data().at("content").at("data").at("person_mobile"), "139****5678");
  EXPECT_EQ(v.body.find("13912345678"), std::string::npos);
  // Each planned activity with its theme day's date and name, and the document's name.
  const auto& planned = v.data().at("content").at("data").at("activities").as_array();
  ASSERT_FALSE(planned.empty());
  EXPECT_EQ(planned[0].at("title"), "校园开放日");
  EXPECT_EQ(planned[0].at("theme_day_name"), "2025-05-13 产教融合示范日");
  EXPECT_EQ(v.data().at("content").at("data").at("document").at("file_name"), "plan.doc");

  // The city's board and merged list.
  std::string city_unit = std::to_string(UnitId(server_.db(), "成都市教育局"));
  auto board = city_.Get(Base() + "/board/plan?unit_id=" + city_unit);
  ASSERT_EQ(board.status, 200u) << board.body;
  auto list = city_.Get(Base() + "/board/plan/export?unit_id=" + city_unit);
  ASSERT_EQ(list.status, 200u) << list.body;
  auto table = tables::ReadTable(list.body, tables::FileType::kXlsx);
  ASSERT_TRUE(table) << table.error().message;
  bool found = false;
  std::size_t children = board.data().at("children").as_array().size();
  std::size_t rows = 0;
  for (const auto& r : table->rows) {
    if (r.cells.size() < 9 || r.cells[0].empty() || r.cells[0] == "序号") continue;
    if (r.cells[0].find("状态") != std::string::npos) continue;  // the footnote
    ++rows;
    if (r.cells[1] != kSchool) continue;
    found = true;
    EXPECT_EQ(r.cells[2], "已通过");
    EXPECT_EQ(r.cells[3], "王晓燕");
    EXPECT_EQ(r.cells[4], "13912345678");
    EXPECT_EQ(r.cells[5], "1");
    EXPECT_EQ(r.cells[6], "plan.doc");
    EXPECT_FALSE(r.cells[7].empty());
    EXPECT_FALSE(r.cells[8].empty());
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(rows, children);
}

TEST_F(PlanFormTest, TheDocumentIsJudgedByItsBytesNotItsName) {
  auto saved = admin_.Put(Plan(kSchool), json::object{{"version", 0}, {"data", Data()}});
  ASSERT_EQ(saved.status, 200u) << saved.body;
  std::int64_t v = Version(saved);
  std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "0000";
  std::string xlsx = std::string("PK\x03\x04", 4) + "0000[Content_Types].xml xl/workbook.xml";
  std::string ole_sheet = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "Workbook";
  for (const std::string& bytes : {png, xlsx, ole_sheet, std::string("plain text")}) {
    auto r = Upload(admin_, kSchool, v, bytes, "plan.docx");
    EXPECT_EQ(r.status, 400u) << r.body;
    EXPECT_NE(r.body.find("\"document\""), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("活动方案文件只能是 PDF 或 Word"), std::string::npos) << r.body;
  }
  auto empty = Upload(admin_, kSchool, v, "", "plan.pdf");
  EXPECT_EQ(empty.status, 400u);
  EXPECT_NE(empty.body.find("活动方案文件为空"), std::string::npos) << empty.body;
  std::string big = "%PDF-1.4\n" + std::string(reporting::kMaxPlanDocumentBytes, 'x');
  auto large = Upload(admin_, kSchool, v, big, "plan.pdf");
  EXPECT_EQ(large.status, 400u);
  EXPECT_NE(large.body.find("不能超过 10 MB"), std::string::npos) << large.body;
  // Nothing was stored by the refusals.
  EXPECT_EQ(Version(admin_.Get(Plan(kSchool))), v);
  auto pdf = Upload(admin_, kSchool, v, "%PDF-1.4\n%%EOF", "%E2%80%AE..%2Fplan.exe");
  ASSERT_EQ(pdf.status, 200u) << pdf.body;
  EXPECT_EQ(pdf.data().at("data").at("document").at("file_name"), "plan.pdf");
  EXPECT_EQ(pdf.data().at("data").at("document").at("content_type"), "application/pdf");
}

TEST_F(PlanFormTest, BadFieldsAreNamedInChinese) {
  auto put = [&](json::object data) {
    return admin_.Put(Plan(kSchool), json::object{{"version", 0}, {"data", data}});
  };
  json::object d = Data();
  d["person_mobile"] = "12345";
  auto r = put(d);
  EXPECT_EQ(r.status, 400u);
  EXPECT_NE(r.body.find("\"person_mobile\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("专人手机"), std::string::npos) << r.body;

  d = Data();
  d["activities"] = json::array{json::object{{"theme_day_id", day3_}}};
  r = put(d);
  EXPECT_EQ(r.status, 400u);
  EXPECT_NE(r.body.find("第 1 项计划活动须填写名称"), std::string::npos) << r.body;

  d = Data();
  d["activities"] = json::array{json::object{{"theme_day_id", 999999}, {"title", "开放日"}}};
  r = put(d);
  EXPECT_EQ(r.status, 400u);
  EXPECT_NE(r.body.find("\"activities\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("不是本届活动周的主题日"), std::string::npos) << r.body;

  d = Data();
  d["activities"] = "开放日";
  EXPECT_EQ(put(d).status, 400u);
}

TEST_F(PlanFormTest, OtherUnitsIdsAreRefused) {
  Id theirs = Activity(kSchool);
  // A school links another unit's activity.
  json::object d = Data(theirs);
  auto linked =
      school2_.Put(Plan("成都工业职业技术学院"), json::object{{"version", 0}, {"data", d}});
  EXPECT_EQ(linked.status, 403u) << linked.body;
  EXPECT_NE(linked.body.find("不属于本单位"), std::string::npos) << linked.body;
  // ... or uploads, saves, reads another unit's plan.
  auto foreign = Upload(school2_, kSchool, 0, Docx(), "a.docx");
  EXPECT_EQ(foreign.status, 403u) << foreign.body;
  EXPECT_EQ(school2_.Put(Plan(kSchool), json::object{{"version", 0}, {"data", Data()}}).status,
            403u);
  EXPECT_EQ(school2_.Get(Plan(kSchool)).status, 403u);
  // The reviewing city never writes its school's plan.
  EXPECT_EQ(city_.Put(Plan(kSchool), json::object{{"version", 0}, {"data", Data()}}).status, 403u);
  EXPECT_EQ(Upload(city_, kSchool, 0, Docx(), "a.docx").status, 403u);

  auto saved = admin_.Put(Plan(kSchool), json::object{{"version", 0}, {"data", Data()}});
  ASSERT_EQ(saved.status, 200u);
  auto up = Upload(admin_, kSchool, Version(saved), Docx(), "a.docx");
  ASSERT_EQ(up.status, 200u) << up.body;
  std::string doc = std::to_string(up.data().at("data").at("document").at("id").as_int64());
  EXPECT_EQ(school2_.Get("/api/plan-documents/" + doc).status, 403u);
  EXPECT_EQ(school2_.Get("/api/plan-documents/999999").status, 403u);
  // Another city's list.
  EXPECT_EQ(city_
                .Get(Base() + "/board/plan/export?unit_id=" +
                     std::to_string(UnitId(server_.db(), kOtherCitySchool)))
                .status,
            403u);
  EXPECT_EQ(school2_
                .Get(Base() + "/board/plan/export?unit_id=" +
                     std::to_string(UnitId(server_.db(), "成都市教育局")))
                .status,
            403u);
}

}  // namespace
}  // namespace vw::testing
