// Notice texts as campaign data: seeded, rendered with the campaign's own
// deadline, copied with the campaign, edited with a version, guarded.
#include "campaign/notice_texts.h"

#include <gtest/gtest.h>

#include "db/migrations.h"
#include "export/table_reader.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

constexpr const char* kInfoNote2025 =
    "填表说明：请各市（州）教育主管部门、各高职学校（含职教本科学校）2025 年 5 月 13 日前，将经单位"
    "盖章的 PDF 扫描件和 EXCEL 版本表格按要求通过 OA 办公系统报送至教育厅，同步发送至教育厅职业教"
    "育处邮箱 scsjytzjc@163.com。";

// Migration 0011's wording, which left out the mailbox.
constexpr const char* kInfoNote0011 =
    "填表说明：请各市（州）教育主管部门、各高职学校（含职教本科学校）2025 年 5 月 13 日前，将经单位"
    "盖章的 PDF 扫描件和 EXCEL 版本表格按要求通过 OA 办公系统报送至教育厅，同步发送至教育厅职业教"
    "育处邮箱。";

class NoticeTextsTest : public ::testing::Test {
 protected:
  Id CampaignId() {
    auto r = client_.Get("/api/public/campaigns/current");
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.data().at("id").as_int64();
  }
  std::string Base(Id id) { return "/api/campaigns/" + std::to_string(id) + "/notice-texts"; }
  std::string Rendered(Id campaign_id, std::string_view code) {
    db::Session s(server_.db());
    return campaign::NoticeText(s, campaign_id, code);
  }
  json::object Text(Id campaign_id, const std::string& code) {
    auto r = client_.Get(Base(campaign_id));
    EXPECT_EQ(r.status, 200u) << r.body;
    for (const auto& t : r.data().at("texts").as_array()) {
      if (t.at("code").as_string() == code) return t.as_object();
    }
    ADD_FAILURE() << "no text " << code;
    return {};
  }
  TestServer server_;
  Client client_{server_.port()};
};

TEST(NoticeTextRender, FillsTheDeadlineInShanghaiTime) {
  // 2026-05-13 23:59 in Shanghai is 15:59 UTC the same day.
  EXPECT_EQ(campaign::RenderNoticeText("请于{截止日期}前报送，{截止日期}截止",
                                       std::string("2026-05-13T15:59:00Z")),
            "请于2026 年 5 月 13 日前报送，2026 年 5 月 13 日截止");
  // 2026-05-13 17:00 UTC is already the 14th in Shanghai.
  EXPECT_EQ(campaign::RenderNoticeText("{截止日期}", std::string("2026-05-13T17:00:00Z")),
            "2026 年 5 月 14 日");
  EXPECT_EQ(campaign::RenderNoticeText("{截止日期}前", std::nullopt), "（截止日期未设定）前");
  EXPECT_EQ(campaign::RenderNoticeText("没有占位符", std::nullopt), "没有占位符");
}

// Migration 0011 gives every campaign that already exists the three texts,
// and the 2025 info-form note renders that campaign's own deadline.
TEST(NoticeTextsMigration, ExistingCampaignsGetTheTexts) {
  auto o = FreshAppOptions();
  db::Database database(db::Options{o.config.db_url, 2, o.pg_schema});
  db::Migrate(database, 10);
  ASSERT_EQ(db::CurrentVersion(database), 10);
  Id campaign = 0;
  {
    db::Session s(database);
    const std::string now = "2025-04-01T00:00:00Z";
    s.sql() << "INSERT INTO campaigns (year, name, theme, starts_on, ends_on, created_at, "
               "updated_at) VALUES (2025, '2025', '主题', '2025-05-11', '2025-05-17', :a, :b) "
               "RETURNING id",
        soci::use(now), soci::use(now), soci::into(campaign);
    // 13 May 2025 23:59 in Shanghai.
    s.sql() << "INSERT INTO deadlines (campaign_id, form, title, due_at, sort_order) VALUES "
               "(:c, 'info_form', '报送信息采集表', '2025-05-13T15:59:00Z', 2)",
        soci::use(campaign);
  }
  EXPECT_EQ(db::Migrate(database, 11), (std::vector<int>{11}));
  {
    db::Session s(database);
    // As 0011 wrote it: without the mailbox (0018 adds it).
    EXPECT_EQ(campaign::NoticeText(s, campaign, "info_form_note"), kInfoNote0011);
    EXPECT_NE(campaign::NoticeText(s, campaign, "statistics_note").find("活动周结束后一周内"),
              std::string::npos);
    EXPECT_NE(campaign::NoticeText(s, campaign, "statistics_template_note").find("调整说明"),
              std::string::npos);
    // A manager's own wording is kept by 0018.
    s.sql() << "UPDATE notice_texts SET text = '请于{截止日期}前报送。' WHERE code = "
               "'statistics_note'";
  }
  db::Migrate(database);
  db::Session s(database);
  EXPECT_EQ(campaign::NoticeText(s, campaign, "info_form_note"), kInfoNote2025);
  EXPECT_EQ(campaign::NoticeText(s, campaign, "statistics_note"), "请于（截止日期未设定）前报送。");
}

TEST_F(NoticeTextsTest, Seeded2025TextsPrintAsTheExportDidAndListForAnyUser) {
  Id id = CampaignId();
  EXPECT_EQ(Rendered(id, "info_form_note"), kInfoNote2025);
  EXPECT_NE(Rendered(id, "statistics_note").find("职业教育处邮箱 scsjytzjc@163.com；"),
            std::string::npos);
  EXPECT_EQ(Rendered(id, "no_such_text"), "");
  client_.Login("school2");
  auto r = client_.Get(Base(id));
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto& texts = r.data().at("texts").as_array();
  ASSERT_EQ(texts.size(), 3u);
  EXPECT_EQ(texts[0].at("code"), "info_form_note");
  EXPECT_EQ(texts[0].at("label"), "信息采集表 填表说明");
  EXPECT_NE(std::string(texts[0].at("text").as_string()).find("{截止日期}"), std::string::npos);
  EXPECT_EQ(texts[0].at("rendered"), kInfoNote2025);
  EXPECT_EQ(texts[0].at("version"), 1);
  EXPECT_EQ(texts[1].at("code"), "statistics_note");
  EXPECT_EQ(texts[2].at("code"), "statistics_template_note");
  EXPECT_EQ(client_.Get(Base(id + 1000)).status, 404u);
}

TEST_F(NoticeTextsTest, A2026CopyRendersItsOwnInfoFormDeadline) {
  Id id = CampaignId();
  client_.Login("province");
  auto copy =
      client_.Post("/api/campaigns/" + std::to_string(id) + "/copy",
                   {{"year", 2026}, {"name", "2026年职业教育活动周"}, {"starts_on", "2026-05-10"}});
  ASSERT_EQ(copy.status, 201u) << copy.body;
  Id id2026 = copy.data().at("id").as_int64();
  // The copy's own provincial info-form deadline: moved to 13 May 2026.
  json::object deadline;
  for (const auto& d : copy.data().at("deadlines").as_array()) {
    if (d.at("form") == "info_form" && d.at("collector_unit_id").is_null())
      deadline = d.as_object();
  }
  ASSERT_FALSE(deadline.empty());
  auto moved = client_.Put("/api/campaigns/" + std::to_string(id2026) + "/deadlines/" +
                               std::to_string(deadline.at("id").as_int64()),
                           {{"form", "info_form"},
                            {"title", "报送《2026年职业教育活动周信息采集表》"},
                            {"due_at", "2026-05-13T23:59:00+08:00"},
                            {"sort_order", 2},
                            {"version", deadline.at("version")}});
  ASSERT_EQ(moved.status, 200u) << moved.body;

  std::string note2026 = Rendered(id2026, "info_form_note");
  EXPECT_NE(note2026.find("（含职教本科学校）2026 年 5 月 13 日前，"), std::string::npos)
      << note2026;
  EXPECT_EQ(note2026.find("2025"), std::string::npos) << note2026;
  EXPECT_EQ(Rendered(id, "info_form_note"), kInfoNote2025);
  // The 2026 annex-4 workbook prints the 2026 date under its table.
  client_.Login("sctc");
  auto xlsx = client_.Get("/api/campaigns/" + std::to_string(id2026) +
                          "/submissions/info_form/export?format=xlsx&unit_id=" +
                          std::to_string(UnitId(server_.db(), "四川科技职业学院")));
  ASSERT_EQ(xlsx.status, 200u) << xlsx.body.substr(0, 200);
  auto table = tables::ReadTable(xlsx.body, tables::FileType::kXlsx);
  ASSERT_TRUE(table.ok()) << table.error().message;
  std::string printed;
  for (const auto& row : table->rows) {
    for (const auto& cell : row.cells) printed += cell + "\n";
  }
  EXPECT_NE(printed.find("2026 年 5 月 13 日前"), std::string::npos) << printed;
  EXPECT_EQ(printed.find("2025 年"), std::string::npos) << printed;
  // The footnotes came along too.
  EXPECT_EQ(Rendered(id2026, "statistics_note"), Rendered(id, "statistics_note"));
  EXPECT_EQ(Text(id2026, "statistics_template_note").at("text"),
            Text(id, "statistics_template_note").at("text"));
}

TEST_F(NoticeTextsTest, ManagerEditsWithVersionAndTheCopyKeepsItsOwn) {
  Id id = CampaignId();
  client_.Login("province");
  auto before = Text(id, "statistics_note");
  auto r = client_.Put(Base(id) + "/statistics_note",
                       {{"text", "请于{截止日期}前报送。"}, {"version", before.at("version")}});
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.data().at("version"), 2);
  EXPECT_EQ(r.data().at("text"), "请于{截止日期}前报送。");
  // The provincial statistics deadline of 2025 is 24 May.
  EXPECT_EQ(r.data().at("rendered"), "请于2025 年 5 月 24 日前报送。");
  EXPECT_EQ(Rendered(id, "statistics_note"), "请于2025 年 5 月 24 日前报送。");

  auto stale = client_.Put(Base(id) + "/statistics_note",
                           {{"text", "另一个版本"}, {"version", before.at("version")}});
  EXPECT_EQ(stale.status, 409u) << stale.body;
  EXPECT_EQ(Text(id, "statistics_note").at("text"), "请于{截止日期}前报送。");
  EXPECT_EQ(client_.Put(Base(id) + "/no_such_text", {{"text", "x"}, {"version", 1}}).status, 404u);
}

TEST_F(NoticeTextsTest, BadTextIsRefusedNamingTheField) {
  Id id = CampaignId();
  client_.Login("province");
  std::string path = Base(id) + "/info_form_note";
  std::string too_long;
  for (int i = 0; i < 2001; ++i) too_long += "字";
  for (const json::value& text : {json::value(""), json::value("   "), json::value(too_long),
                                  json::value("请于{截至日期}前报送"), json::value(12)}) {
    auto r = client_.Put(path, {{"text", text}, {"version", 1}});
    EXPECT_EQ(r.status, 400u) << json::serialize(text) << r.body;
    EXPECT_EQ(r.error_field(), "text") << r.body;
    EXPECT_NE(r.error_message().find("说明文字"), std::string::npos) << r.body;
  }
  auto no_version = client_.Put(path, {{"text", "可以"}});
  EXPECT_EQ(no_version.status, 400u);
  EXPECT_EQ(no_version.error_field(), "version");
  EXPECT_EQ(Text(id, "info_form_note").at("version"), 1);
  // Exactly 2,000 characters are fine.
  too_long.resize(too_long.size() - std::string("字").size());
  EXPECT_EQ(client_.Put(path, {{"text", too_long}, {"version", 1}}).status, 200u);
}

TEST_F(NoticeTextsTest, UsersBelowTheOrganiserCannotEditByForgedIds) {
  Id id = CampaignId();
  for (const char* user : {"sctc", "school2", "chengdu"}) {
    Client c(server_.port());
    c.Login(user);
    auto r = c.Put(Base(id) + "/info_form_note", {{"text", "伪造的说明"}, {"version", 1}});
    EXPECT_EQ(r.status, 403u) << user << r.body;
  }
  // Signed out: not even a read.
  EXPECT_EQ(client_.Get(Base(id)).status, 401u);
  client_.Login("sctc");
  auto after = Text(id, "info_form_note");
  EXPECT_EQ(after.at("version"), 1);
  EXPECT_EQ(after.at("rendered"), kInfoNote2025);
}

}  // namespace
}  // namespace vw::testing
