// Duplicating, the public calendar feeds and school list, the coverage export.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "export/table_reader.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class ActivityPublishTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClearActivities(server_.db());
    auto c = anon_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    day2_ = c.data().at("days").as_array()[1].at("id").as_int64();  // 2025-05-12
    college_.Login("sctc-college");
  }
  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_); }
  std::string PublicBase() { return "/api/public/campaigns/" + std::to_string(campaign_); }
  Id CreatePublished(const std::string& title) {
    json::object o{{"unit_id", UnitId(server_.db(), "智能制造学院")},
                   {"title", title},
                   {"description", "工业机器人编程体验；家长可陪同，请提前10分钟到达"},
                   {"theme_day_id", day2_},
                   {"starts_at", "2025-05-12T09:30:00+08:00"},
                   {"ends_at", "2025-05-12T11:30:00+08:00"},
                   {"place_kind", "on_campus"},
                   {"place", "东区实训楼, 一楼"},
                   {"organiser", "王老师"},
                   {"contact", "028-12345678"}};
    auto r = college_.Post(Base() + "/activities", o);
    EXPECT_EQ(r.status, 201u) << r.body;
    Id id = r.data().at("id").as_int64();
    EXPECT_EQ(
        college_.Post("/api/activities/" + std::to_string(id) + "/publish", json::object{}).status,
        200u);
    return id;
  }

  TestServer server_;
  Client anon_{server_.port()};
  Client college_{server_.port()};
  Id campaign_ = 0, day2_ = 0;
};

TEST_F(ActivityPublishTest, DuplicateMakesADraftCopyForEditorsOnly) {
  Id id = CreatePublished("智能制造实训中心开放日");
  auto copy = college_.Post("/api/activities/" + std::to_string(id) + "/duplicate", json::object{});
  ASSERT_EQ(copy.status, 201u) << copy.body;
  EXPECT_EQ(copy.data().at("status"), "draft");
  EXPECT_EQ(copy.data().at("title"), "智能制造实训中心开放日（副本）");
  EXPECT_EQ(copy.data().at("starts_at"), "2025-05-12T09:30:00+08:00");
  EXPECT_NE(copy.data().at("id").as_int64(), id);

  Client other(server_.port());
  other.Login("school2");
  auto forged = other.Post("/api/activities/" + std::to_string(id) + "/duplicate", json::object{});
  EXPECT_EQ(forged.status, 403u);
  Client city(server_.port());
  city.Login("chengdu");  // reads its schools, edits nothing
  EXPECT_EQ(
      city.Post("/api/activities/" + std::to_string(id) + "/duplicate", json::object{}).status,
      403u);
  EXPECT_EQ(city.Post("/api/activities/999999/duplicate", json::object{}).status, 403u);
}

TEST_F(ActivityPublishTest, CalendarFeedsCarryPublishedActivitiesOnly) {
  Id id = CreatePublished("智能制造实训中心开放日");
  auto draft =
      college_.Post("/api/activities/" + std::to_string(id) + "/duplicate", json::object{});
  Id draft_id = draft.data().at("id").as_int64();

  auto feed = anon_.Get(PublicBase() + "/calendar.ics");
  ASSERT_EQ(feed.status, 200u) << feed.body;
  EXPECT_EQ(feed.headers["content-type"], "text/calendar; charset=utf-8");
  EXPECT_NE(feed.body.find("BEGIN:VCALENDAR\r\n"), std::string::npos);
  EXPECT_NE(feed.body.find("UID:activity-" + std::to_string(id) + "@vocweek"), std::string::npos);
  EXPECT_EQ(feed.body.find("UID:activity-" + std::to_string(draft_id) + "@"), std::string::npos);
  EXPECT_NE(feed.body.find("DTSTART:20250512T013000Z"), std::string::npos);
  EXPECT_NE(feed.body.find("LOCATION:东区实训楼\\, 一楼"), std::string::npos);
  // Lines are folded at 75 octets, never inside a character.
  std::size_t start = 0;
  while (start < feed.body.size()) {
    std::size_t end = feed.body.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u);
    if (end > start) {
      EXPECT_NE(static_cast<unsigned char>(feed.body[start]) & 0xC0, 0x80u);
    }
    start = end + 2;
  }
  // 304 on a repeat with the ETag.
  auto again = anon_.Request("GET", PublicBase() + "/calendar.ics", "",
                             {{"If-None-Match", feed.headers["etag"]}});
  EXPECT_EQ(again.status, 304u);

  Id sctc = UnitId(server_.db(), "四川科技职业学院");
  Id school2 = UnitId(server_.db(), "成都工业职业技术学院");
  auto mine = anon_.Get(PublicBase() + "/calendar.ics?unit_id=" + std::to_string(sctc));
  EXPECT_NE(mine.body.find("UID:activity-" + std::to_string(id) + "@"), std::string::npos);
  auto theirs = anon_.Get(PublicBase() + "/calendar.ics?unit_id=" + std::to_string(school2));
  EXPECT_EQ(theirs.body.find("BEGIN:VEVENT"), std::string::npos);

  auto one = anon_.Get("/api/public/activities/" + std::to_string(id) + "/calendar.ics");
  ASSERT_EQ(one.status, 200u);
  EXPECT_NE(one.body.find("SUMMARY:智能制造实训中心开放日"), std::string::npos);
  EXPECT_EQ(
      anon_.Get("/api/public/activities/" + std::to_string(draft_id) + "/calendar.ics").status,
      404u);
  // Unpublishing takes it out of the feed at once.
  college_.Post("/api/activities/" + std::to_string(id) + "/unpublish", json::object{});
  EXPECT_EQ(anon_.Get(PublicBase() + "/calendar.ics")
                .body.find("UID:activity-" + std::to_string(id) + "@"),
            std::string::npos);
}

TEST_F(ActivityPublishTest, SharedActivityPageNamesTheActivityForLinkPreviews) {
  Id id = CreatePublished("智能制造实训中心开放日");
  auto page = anon_.Get("/p/activities/" + std::to_string(id));
  ASSERT_EQ(page.status, 200u);
  EXPECT_NE(page.body.find("<title>智能制造实训中心开放日 - 智能制造学院</title>"),
            std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("content=\"2025-05-12 09:30 · 东区实训楼, 一楼 · 工业机器人"),
            std::string::npos)
      << page.body;
  // Drafts and unknown ids get the plain app page (which shows "not found").
  college_.Post("/api/activities/" + std::to_string(id) + "/unpublish", json::object{});
  auto hidden = anon_.Get("/p/activities/" + std::to_string(id));
  EXPECT_EQ(hidden.status, 200u);
  EXPECT_EQ(hidden.body.find("智能制造实训中心开放日"), std::string::npos);
  EXPECT_EQ(anon_.Get("/p/activities/12x").body.find("og:title"), std::string::npos);
}

TEST_F(ActivityPublishTest, RescheduleKeepsItsHistory) {
  Id id = CreatePublished("智能制造实训中心开放日");
  auto a = college_.Get("/api/activities/" + std::to_string(id)).data().as_object();
  a["starts_at"] = "2025-05-12T14:30:00+08:00";
  a["ends_at"] = "2025-05-12T16:30:00+08:00";
  auto moved = college_.Put("/api/activities/" + std::to_string(id), a);
  ASSERT_EQ(moved.status, 200u) << moved.body;
  EXPECT_EQ(moved.data().at("status"), "published");  // on campus: stays on the programme

  auto history = college_.Get("/api/activities/" + std::to_string(id) + "/history");
  ASSERT_EQ(history.status, 200u) << history.body;
  const auto& items = history.data().at("items").as_array();
  ASSERT_GE(items.size(), 3u);  // created, published, rescheduled
  EXPECT_EQ(items[0].at("action"), "reschedule");
  std::string detail = json::serialize(items[0].at("detail"));
  EXPECT_NE(detail.find("2025-05-12T09:30:00+08:00"), std::string::npos) << detail;
  EXPECT_NE(detail.find("2025-05-12T14:30:00+08:00"), std::string::npos) << detail;

  Client other(server_.port());
  other.Login("school2");
  EXPECT_EQ(other.Get("/api/activities/" + std::to_string(id) + "/history").status, 403u);
}

TEST_F(ActivityPublishTest, OrganisersListsSchoolsWithPublishedActivities) {
  auto schools = [&] {
    std::vector<std::string> names;
    auto r = anon_.Get(PublicBase() + "/organisers");
    EXPECT_EQ(r.status, 200u) << r.body;
    for (const auto& o : r.data().at("items").as_array()) {
      names.emplace_back(o.at("unit_name").as_string());
    }
    return names;
  };
  auto before = schools();
  EXPECT_EQ(std::count(before.begin(), before.end(), "四川科技职业学院"), 0);
  CreatePublished("开放日");
  auto after = schools();
  // The college's activity lists its school, once.
  EXPECT_EQ(std::count(after.begin(), after.end(), "四川科技职业学院"), 1);
  EXPECT_EQ(std::count(after.begin(), after.end(), "智能制造学院"), 0);
}

// The organisers list and an activity's public page are cached like the
// programme; a unit's rename and unpublishing reach them at once.
TEST_F(ActivityPublishTest, CachedPublicPagesFollowRenamesAndUnpublishing) {
  Id id = CreatePublished("开放日");
  std::string page = "/api/public/activities/" + std::to_string(id);
  auto first = anon_.Get(page);
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(first.data().at("school_name").as_string(), "四川科技职业学院");
  EXPECT_EQ(first.headers.count("etag"), 1u);
  ASSERT_EQ(anon_.Get(PublicBase() + "/organisers").status, 200u);

  Client admin(server_.port());
  admin.Login("admin");
  Id school = UnitId(server_.db(), "四川科技职业学院");
  auto unit = admin.Get("/api/units/" + std::to_string(school));
  ASSERT_EQ(unit.status, 200u) << unit.body;
  json::object input = unit.data().as_object();
  input["name"] = "四川科技职业技术学院";
  auto renamed = admin.Put("/api/units/" + std::to_string(school), input);
  ASSERT_EQ(renamed.status, 200u) << renamed.body;

  EXPECT_EQ(anon_.Get(page).data().at("school_name").as_string(), "四川科技职业技术学院");
  auto organisers = anon_.Get(PublicBase() + "/organisers").body;
  EXPECT_NE(organisers.find("四川科技职业技术学院"), std::string::npos) << organisers;

  ASSERT_EQ(
      college_.Post("/api/activities/" + std::to_string(id) + "/unpublish", json::object{}).status,
      200u);
  EXPECT_EQ(anon_.Get(page).status, 404u);
  EXPECT_EQ(anon_.Get(PublicBase() + "/organisers").body.find("四川科技职业技术学院"),
            std::string::npos);
}

TEST_F(ActivityPublishTest, CoverageExportsAsXlsxInScope) {
  CreatePublished("开放日");
  Client office(server_.port());
  office.Login("sctc");
  Id sctc = UnitId(server_.db(), "四川科技职业学院");
  auto r = office.Get(Base() + "/coverage/export?unit_id=" + std::to_string(sctc));
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.headers["content-type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  EXPECT_NE(r.headers["content-disposition"].find("filename*=UTF-8''"), std::string::npos);
  auto table = tables::ReadTable(r.body, tables::FileType::kXlsx);
  ASSERT_TRUE(table) << table.error().message;
  // Title, legend, header, then one row per college: 智能制造学院 has its one activity on day 2.
  bool found = false;
  for (const auto& row : table->rows) {
    if (!row.cells.empty() && row.cells[0] == "智能制造学院") {
      found = true;
      EXPECT_EQ(row.cells[2], "1");
      EXPECT_EQ(row.cells[1], "0");
    }
  }
  EXPECT_TRUE(found);
  // Offices are not expected to hold activities: no row, no false gap.
  for (const auto& row : table->rows)
    EXPECT_TRUE(row.cells.empty() || row.cells[0] != "教务处") << row.cells[0];

  Client other(server_.port());
  other.Login("school2");
  EXPECT_EQ(other.Get(Base() + "/coverage/export?unit_id=" + std::to_string(sctc)).status, 403u);
  EXPECT_EQ(anon_.Get(Base() + "/coverage/export?unit_id=" + std::to_string(sctc)).status, 401u);
}

}  // namespace
}  // namespace vw::testing

namespace vw::testing {
namespace {

TEST(DemoProgrammeTest, AnnexActivitiesArePublished) {
  TestServer server;
  Client anon(server.port());
  Id campaign = anon.Get("/api/public/campaigns/current").data().at("id").as_int64();
  auto list =
      anon.Get("/api/public/campaigns/" + std::to_string(campaign) + "/activities?page_size=100");
  ASSERT_EQ(list.status, 200u);
  std::set<std::string> units, titles;
  for (const auto& a : list.data().at("items").as_array()) {
    units.emplace(a.at("unit_name").as_string());
    titles.emplace(a.at("title").as_string());
  }
  // Annex 1's four joint activities and every department of annex 2.
  for (const char* t : {"2025年成渝地区双城经济圈职业教育活动周联合启动仪式",
                        "成渝地区双城经济圈职业教育改革发展成果展示", "首期全国“职业教育大讲堂”",
                        "第四届“川渝杯”职业院校技能大赛", "职教活动周集中展示日"}) {
    EXPECT_TRUE(titles.count(t)) << t;
  }
  for (const char* u :
       {"四川省教育厅", "中共四川省委网络安全和信息化委员会办公室", "四川省人力资源和社会保障厅",
        "四川省经济和信息化厅", "四川省农业农村厅", "四川省政府国有资产监督管理委员会",
        "四川省总工会", "共青团四川省委", "四川省中华职业教育社"}) {
    EXPECT_TRUE(units.count(u)) << u;
  }
}

}  // namespace
}  // namespace vw::testing
