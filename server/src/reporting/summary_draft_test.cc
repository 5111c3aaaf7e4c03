// The summary's drafted sections (issue 14): the same figures as the
// statistics form, media titles in annex 5's order from counted reports
// only, one per line and never cut inside a word, and a refresh that never
// overwrites what the user wrote.
#include "reporting/summary_draft.h"

#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;
using reporting::DraftMedia;
using reporting::MediaLine;
using reporting::MediaReport;
using reporting::RefreshDraft;

MediaReport Report(const std::string& outlet, const std::string& title) {
  MediaReport m;
  m.outlet = outlet;
  m.title = title;
  return m;
}

TEST(SummaryDraft, ATitleIsCutBetweenWordsWithAnEllipsis) {
  EXPECT_EQ(MediaLine(Report("四川日报", "短标题")), "四川日报：短标题");
  // 10 characters at most: the cut falls inside "AIGC", so it goes before it.
  EXPECT_EQ(MediaLine(Report("四川日报", "我校举办职教周AIGC创新大赛"), 10),
            "四川日报：我校举办职教周…");
  // 12: the cut falls after the word.
  EXPECT_EQ(MediaLine(Report("四川日报", "我校举办职教周AIGC创新大赛"), 12),
            "四川日报：我校举办职教周AIGC…");
  // Within Chinese text any character boundary will do.
  EXPECT_EQ(MediaLine(Report("成都日报", "一二三四五六七八九十一二三"), 6),
            "成都日报：一二三四五…");
  // A number is a word too; spaces before the cut are dropped.
  EXPECT_EQ(MediaLine(Report("X", "Vocational week 2025 opens"), 19), "X：Vocational week…");
  // One word longer than the bound is cut rather than lost.
  EXPECT_EQ(MediaLine(Report("X", "ABCDEFGHIJ"), 5), "X：ABCD…");
}

TEST(SummaryDraft, MediaSectionListsOneTitlePerLine) {
  reporting::StatisticsRow f;
  f.media_provincial = 2;
  f.media_city = 1;
  std::vector<MediaReport> counted{Report("新华网", "甲"), Report("四川日报", "乙"),
                                   Report("成都日报", "丙")};
  EXPECT_EQ(DraftMedia(f, counted),
            "活动周期间，共获得媒体报道3篇，其中省级及以上媒体2篇、市（州）级媒体1篇、县（区）"
            "级媒体0篇。主要报道有：\n新华网：甲\n四川日报：乙\n成都日报：丙");
  EXPECT_EQ(DraftMedia(f, counted, 2),
            "活动周期间，共获得媒体报道3篇，其中省级及以上媒体2篇、市（州）级媒体1篇、县（区）"
            "级媒体0篇。主要报道有：\n新华网：甲\n四川日报：乙\n等，另有1篇报道。");
  EXPECT_EQ(DraftMedia({}, {}).find("主要报道"), std::string::npos);
}

TEST(SummaryDraft, RefreshKeepsWhatTheUserWroteAndOffersTheNewText) {
  json::object fresh{{"basic", "新基本情况"}, {"media", "新媒体"}};
  // A form not started takes the draft.
  json::object data{{"sections", json::object{{"basic", ""}, {"media", ""}}}};
  json::object updates;
  RefreshDraft(data, fresh, false, true, updates);
  EXPECT_EQ(data.at("sections").at("basic"), "新基本情况");
  EXPECT_EQ(data.at("drafted").at("media"), "新媒体");
  EXPECT_TRUE(updates.empty());

  // Stored: the untouched section follows the figures, the edited one is
  // kept and the new text offered.
  json::object stored{{"sections", json::object{{"basic", "旧基本情况"}, {"media", "我写的"}}},
                      {"drafted", json::object{{"basic", "旧基本情况"}, {"media", "旧媒体"}}}};
  RefreshDraft(stored, fresh, true, true, updates);
  EXPECT_EQ(stored.at("sections").at("basic"), "新基本情况");
  EXPECT_EQ(stored.at("sections").at("media"), "我写的");
  EXPECT_EQ(updates, (json::object{{"media", "新媒体"}}));

  // Nothing new: nothing offered. Not editable: nothing changes at all.
  json::object same{{"sections", json::object{{"basic", "改过"}, {"media", "新媒体"}}},
                    {"drafted", json::object{{"basic", "新基本情况"}, {"media", "旧"}}}};
  json::object none;
  RefreshDraft(same, fresh, true, true, none);
  EXPECT_TRUE(none.empty()) << json::serialize(none);
  json::object locked{{"sections", json::object{{"basic", "旧"}}},
                      {"drafted", json::object{{"basic", "旧"}}}};
  RefreshDraft(locked, fresh, true, false, none);
  EXPECT_EQ(locked.at("sections").at("basic"), "旧");
}

class SummaryDraftTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClearActivities(server_.db());
    auto c = anon_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    day3_ = c.data().at("days").as_array()[2].at("id").as_int64();
    admin_.Login("admin");
    school_.Login("sctc");
  }
  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_); }
  std::string Form(const char* form, const std::string& unit) {
    return Base() + "/submissions/" + form +
           "?unit_id=" + std::to_string(UnitId(server_.db(), unit));
  }
  Id Activity(const std::string& unit) {
    json::object o{{"unit_id", UnitId(server_.db(), unit)},
                   {"title", unit + "开放日"},
                   {"theme_day_id", day3_},
                   {"starts_at", "2025-05-13T09:00:00+08:00"},
                   {"ends_at", "2025-05-13T11:00:00+08:00"},
                   {"place_kind", "on_campus"},
                   {"place", "校内"},
                   {"open_to_public", true},
                   {"registration_required", false}};
    auto r = admin_.Post(Base() + "/activities", o);
    EXPECT_EQ(r.status, 201u) << r.body;
    Id id = r.data().at("id").as_int64();
    EXPECT_EQ(
        admin_.Post("/api/activities/" + std::to_string(id) + "/publish", json::object{}).status,
        200u);
    return id;
  }
  void Walkin(Id activity, const char* category, int delta) {
    static int n = 0;
    json::object e{
        {"scan_id", "sd" + std::to_string(++n)}, {"category", category}, {"delta", delta}};
    auto r = admin_.Post("/api/activities/" + std::to_string(activity) + "/walkins",
                         json::object{{"events", json::array{e}}});
    ASSERT_EQ(r.status, 200u) << r.body;
  }
  void Media(const std::string& unit, const char* level, const std::string& title, const char* date,
             const char* channel = "media") {
    json::object m{{"unit_id", UnitId(server_.db(), unit)},
                   {"channel", channel},
                   {"outlet", "报社"},
                   {"level", level},
                   {"title", title},
                   {"published_on", date}};
    auto r = admin_.Post(Base() + "/media-reports", m);
    ASSERT_EQ(r.status, 201u) << r.body;
  }
  json::object Summary() {
    auto r = school_.Get(Form("summary", "四川科技职业学院"));
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.data().as_object();
  }
  static std::string Section(const json::object& sub, const char* key) {
    return std::string(sub.at("data").at("sections").at(key).as_string());
  }

  TestServer server_;
  Client anon_{server_.port()};
  Client admin_{server_.port()};
  Client school_{server_.port()};
  Id campaign_ = 0, day3_ = 0;
};

TEST_F(SummaryDraftTest, BasicSectionShowsTheStatisticsFormsFiguresAndFollowsThem) {
  Id a = Activity("四川科技职业学院");
  Walkin(a, "staff", 8);
  Walkin(a, "student", 60);  // at most 100 at a time
  Walkin(a, "student", 60);
  Walkin(a, "public", 32);
  auto stats = school_.Get(Form("statistics", "四川科技职业学院"));
  ASSERT_EQ(stats.status, 200u) << stats.body;
  const auto& fig = stats.data().at("final");
  ASSERT_EQ(fig.at("teachers").as_int64(), 8);
  ASSERT_EQ(fig.at("students").as_int64(), 120);
  ASSERT_EQ(fig.at("total").as_int64(), 160);
  json::object sub = Summary();
  EXPECT_NE(Section(sub, "basic").find("参与教师8人、学生120人"), std::string::npos)
      << Section(sub, "basic");
  EXPECT_NE(Section(sub, "basic").find("参与总人数160人"), std::string::npos);

  // Saved as drafted; then the statistics form is adjusted: the untouched
  // section follows the final figures.
  auto saved = school_.Put(Form("summary", "四川科技职业学院"),
                           json::object{{"version", sub.at("version")}, {"data", sub.at("data")}});
  ASSERT_EQ(saved.status, 200u) << saved.body;
  json::object over{{"teachers", json::object{{"value", 10}, {"reason", "补录两位带队教师"}}}};
  auto adjusted = school_.Put(Form("statistics", "四川科技职业学院"),
                              json::object{{"version", stats.data().at("version")},
                                           {"data", json::object{{"overrides", over}}}});
  ASSERT_EQ(adjusted.status, 200u) << adjusted.body;
  sub = Summary();
  EXPECT_NE(Section(sub, "basic").find("参与教师10人"), std::string::npos) << Section(sub, "basic");
  EXPECT_TRUE(sub.at("draft_updates").as_object().empty());

  // The user rewrites the section; the figures change again: the text is
  // kept and the new draft offered.
  json::object data = sub.at("data").as_object();
  data["sections"].as_object()["basic"] = "本校活动周共吸引师生广泛参与。";
  saved = school_.Put(Form("summary", "四川科技职业学院"),
                      json::object{{"version", sub.at("version")}, {"data", data}});
  ASSERT_EQ(saved.status, 200u) << saved.body;
  Walkin(a, "student", 5);
  sub = Summary();
  EXPECT_EQ(Section(sub, "basic"), "本校活动周共吸引师生广泛参与。");
  const auto& offered = sub.at("draft_updates").as_object();
  ASSERT_TRUE(offered.contains("basic")) << json::serialize(sub.at("draft_updates"));
  EXPECT_NE(std::string(offered.at("basic").as_string()).find("学生125人"), std::string::npos);
}

TEST_F(SummaryDraftTest, MediaTitlesInAnnexOrderFromCountedReportsOnly) {
  Media("四川科技职业学院", "county", "县级报道", "2025-05-10");
  Media("四川科技职业学院", "city", "市级报道", "2025-05-11");
  Media("四川科技职业学院", "provincial", "省级报道", "2025-05-12");
  Media("四川科技职业学院", "central", "中央报道", "2025-05-13");
  Media("四川科技职业学院", "", "学校官网文章", "2025-05-09", "own");  // never counted
  // A college's report: counted only once the college's statistics are accepted.
  Media("智能制造学院", "provincial", "学院报道", "2025-05-09");
  std::string media = Section(Summary(), "media");
  EXPECT_NE(media.find("共获得媒体报道4篇"), std::string::npos) << media;
  EXPECT_NE(media.find("：\n报社：中央报道\n报社：省级报道\n报社：市级报道\n报社：县级报道"),
            std::string::npos)
      << media;
  EXPECT_EQ(media.find("学院报道"), std::string::npos) << media;
  EXPECT_EQ(media.find("学校官网文章"), std::string::npos) << media;
}

}  // namespace
}  // namespace vw::testing
