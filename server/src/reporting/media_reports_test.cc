// Media reports (issue 14): edits with a version and a history, who may
// edit which report, the chain's duplicate check on edit, and the unit's
// own channels (website, new media) listed but never counted in annex 5.
#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class MediaReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClearActivities(server_.db());
    campaign_ = anon_.Get("/api/public/campaigns/current").data().at("id").as_int64();
    admin_.Login("admin");
  }
  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_); }
  static std::string Report(Id id, const char* tail = "") {
    return "/api/media-reports/" + std::to_string(id) + tail;
  }
  json::object Body(const std::string& unit, const char* title, const char* url = "",
                    const char* level = "provincial") {
    return {{"unit_id", UnitId(server_.db(), unit)},
            {"outlet", "四川日报"},
            {"level", level},
            {"title", title},
            {"published_on", "2025-05-14"},
            {"url", url}};
  }
  json::object Add(Client& c, const json::object& body) {
    auto r = c.Post(Base() + "/media-reports", body);
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.status == 201u ? r.data().as_object() : json::object{};
  }
  json::object Figures(const std::string& unit) {
    auto r =
        admin_.Get(Base() + "/statistics?unit_id=" + std::to_string(UnitId(server_.db(), unit)));
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.data().at("total").as_object();
  }
  json::array Listed(const std::string& unit) {
    auto r =
        admin_.Get(Base() + "/media-reports?unit_id=" + std::to_string(UnitId(server_.db(), unit)));
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.data().at("items").as_array();
  }

  TestServer server_;
  Client anon_{server_.port()};
  Client admin_{server_.port()};
  Id campaign_ = 0;
};

TEST_F(MediaReportsTest, AnEditNamesItsVersionAndLeavesHistory) {
  Client college(server_.port());
  college.Login("sctc-college");
  json::object m = Add(college, Body("智能制造学院", "开放日", "https://example.cn/n/1"));
  Id id = m.at("id").as_int64();
  EXPECT_EQ(m.at("version").as_int64(), 1);
  EXPECT_EQ(m.at("channel"), "media");

  json::object edit = Body("智能制造学院", "智能制造学院开放日", "https://example.cn/n/1", "city");
  edit["version"] = 1;
  auto r = college.Put(Report(id), edit);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.data().at("version").as_int64(), 2);
  EXPECT_EQ(r.data().at("title"), "智能制造学院开放日");
  EXPECT_EQ(r.data().at("level"), "city");

  // Someone still holding version 1 is refused; nothing changes.
  edit["title"] = "旧页面上的标题";
  auto stale = admin_.Put(Report(id), edit);
  EXPECT_EQ(stale.status, 409u) << stale.body;
  EXPECT_EQ(stale.error_field(), "version");
  EXPECT_EQ(stale.error_message(), "这条媒体报道已被他人修改或删除，请刷新后重试");
  EXPECT_EQ(Listed("智能制造学院")[0].at("title"), "智能制造学院开放日");
  // A version is required and checked like any field.
  edit.erase("version");
  EXPECT_EQ(admin_.Put(Report(id), edit).error_field(), "version");

  // The history: who changed what from what, newest first.
  auto h = college.Get(Report(id, "/history"));
  ASSERT_EQ(h.status, 200u) << h.body;
  const auto& items = h.data().at("items").as_array();
  ASSERT_EQ(items.size(), 2u) << h.body;
  const auto& update = items[0].as_object();
  EXPECT_EQ(update.at("action"), "update");
  EXPECT_EQ(update.at("username"), "sctc-college");
  EXPECT_FALSE(update.at("at").as_string().empty());
  const json::value& d = update.at("detail");
  json::object detail = d.is_string() ? json::parse(d.as_string()).as_object() : d.as_object();
  EXPECT_EQ(detail.at("title").at("from"), "开放日");
  EXPECT_EQ(detail.at("title").at("to"), "智能制造学院开放日");
  EXPECT_EQ(detail.at("level").at("from"), "provincial");
  EXPECT_FALSE(detail.contains("url"));  // unchanged fields are not listed
  EXPECT_EQ(items[1].at("action"), "create");

  // Another school reads neither the report nor its history.
  Client other(server_.port());
  other.Login("school2");
  EXPECT_EQ(other.Get(Report(id, "/history")).status, 403u);

  // A delete naming a stale version is refused; the current one deletes.
  EXPECT_EQ(college.Delete(Report(id, "?version=1")).status, 409u);
  EXPECT_EQ(college.Delete(Report(id, "?version=2")).status, 200u);
  EXPECT_EQ(Listed("智能制造学院").size(), 0u);
  EXPECT_EQ(college.Put(Report(id), Body("智能制造学院", "x")).status, 400u);  // no version
}

TEST_F(MediaReportsTest, OnlyTheReportsUnitsEditorsOrAboveEditIt) {
  Client college(server_.port()), school(server_.port()), other(server_.port());
  college.Login("sctc-college");
  school.Login("sctc");
  other.Login("school2");
  Id of_college = Add(college, Body("智能制造学院", "学院的报道")).at("id").as_int64();
  Id of_school = Add(school, Body("四川科技职业学院", "学校的报道")).at("id").as_int64();

  // The school's admin edits its college's report (above it).
  json::object edit = Body("智能制造学院", "学院的报道（更正）");
  edit["version"] = 1;
  EXPECT_EQ(school.Put(Report(of_college), edit).status, 200u);
  // The college does not edit its school's report, nor another school its.
  json::object school_edit = Body("四川科技职业学院", "改学校的报道");
  school_edit["version"] = 1;
  EXPECT_EQ(college.Put(Report(of_school), school_edit).status, 403u);
  EXPECT_EQ(other.Put(Report(of_school), school_edit).status, 403u);
  EXPECT_EQ(other.Delete(Report(of_school)).status, 403u);
  // Nor moves its own report up to the school (authority over the target).
  json::object moved = Body("四川科技职业学院", "学院的报道（更正）");
  moved["version"] = 2;
  EXPECT_EQ(college.Put(Report(of_college), moved).status, 403u);
  // Another school cannot pull the report into its own unit either.
  json::object pulled = Body("成都工业职业技术学院", "学院的报道（更正）");
  pulled["version"] = 2;
  EXPECT_EQ(other.Put(Report(of_college), pulled).status, 403u);
  // An unknown id answers as a forbidden one.
  EXPECT_EQ(school.Put(Report(999999), school_edit).status, 403u);
  EXPECT_EQ(Listed("四川科技职业学院").size(), 2u);
}

TEST_F(MediaReportsTest, AnEditMayNotRepeatAReportOfTheChain) {
  Id first =
      Add(admin_, Body("智能制造学院", "开放日", "https://example.cn/a/1")).at("id").as_int64();
  Id second =
      Add(admin_, Body("四川科技职业学院", "开幕式", "https://example.cn/a/2")).at("id").as_int64();
  // The school's report edited to the college's link: refused, naming it.
  json::object edit = Body("四川科技职业学院", "开幕式", "https://example.cn/a/1");
  edit["version"] = 1;
  auto r = admin_.Put(Report(second), edit);
  EXPECT_EQ(r.status, 409u) << r.body;
  EXPECT_EQ(r.error_field(), "url");
  EXPECT_NE(r.error_message().find("智能制造学院已登记过同一链接的报道"), std::string::npos);
  // Or to its title and outlet without a link.
  edit["title"] = "开放日";
  edit["url"] = "";
  EXPECT_EQ(admin_.Put(Report(second), edit).error_field(), "title");
  // A report edited without touching its link or title does not repeat itself.
  json::object same = Body("智能制造学院", "开放日", "https://example.cn/a/1", "city");
  same["version"] = 1;
  EXPECT_EQ(admin_.Put(Report(first), same).status, 200u);
}

TEST_F(MediaReportsTest, OwnChannelsAreListedButNeverCounted) {
  Client school(server_.port());
  school.Login("sctc");
  json::object own{{"unit_id", UnitId(server_.db(), "四川科技职业学院")},
                   {"channel", "own"},
                   {"outlet", "学校官网"},
                   {"title", "我校职业教育活动周开幕"},
                   {"published_on", "2025-05-12"},
                   {"url", "https://www.sctc.example.cn/news/1"}};
  json::object post = Add(school, own);
  EXPECT_EQ(post.at("channel"), "own");
  EXPECT_EQ(post.at("level"), "");  // an own channel has no media level
  own["outlet"] = "微信公众号";
  own["url"] = "https://mp.example.cn/s/1";
  json::object wechat = Add(school, own);
  Add(school, Body("四川科技职业学院", "活动周报道", "https://example.cn/r/1", "county"));

  auto listed = Listed("四川科技职业学院");
  ASSERT_EQ(listed.size(), 3u);
  // Annex 5 counts the outlet's report only.
  auto total = Figures("四川科技职业学院");
  EXPECT_EQ(total.at("media_provincial").as_int64(), 0);
  EXPECT_EQ(total.at("media_city").as_int64(), 0);
  EXPECT_EQ(total.at("media_county").as_int64(), 1);
  // Nor above: the province's figures.
  auto province = Figures("四川省教育厅");
  EXPECT_EQ(province.at("media_provincial").as_int64() + province.at("media_city").as_int64() +
                province.at("media_county").as_int64(),
            1);
  // The records behind the county figure do not name the posts.
  auto sources =
      admin_.Get(Base() + "/statistics/sources?unit_id=" +
                 std::to_string(UnitId(server_.db(), "四川科技职业学院")) + "&figure=media_county");
  ASSERT_EQ(sources.status, 200u) << sources.body;
  EXPECT_EQ(sources.data().at("total").as_int64(), 1);

  // A post turned into a report by an outlet counts from then on.
  json::object edit = own;
  edit["channel"] = "media";
  edit["outlet"] = "成都日报";
  edit["level"] = "city";
  edit["version"] = 1;
  auto r = school.Put(Report(wechat.at("id").as_int64()), edit);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(Figures("四川科技职业学院").at("media_city").as_int64(), 1);

  // Bad inputs name the field.
  own["channel"] = "blog";
  EXPECT_EQ(school.Post(Base() + "/media-reports", own).error_field(), "channel");
  own["channel"] = "media";  // an outlet's report needs its level
  auto no_level = school.Post(Base() + "/media-reports", own);
  EXPECT_EQ(no_level.error_field(), "level");
  own["channel"] = "own";
  own["outlet"] = "";
  auto no_outlet = school.Post(Base() + "/media-reports", own);
  EXPECT_EQ(no_outlet.error_field(), "outlet");
  EXPECT_NE(no_outlet.error_message().find("发布渠道"), std::string::npos) << no_outlet.body;
}

}  // namespace
}  // namespace vw::testing
