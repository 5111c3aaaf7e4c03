// The material library over HTTP (issue 18, docs/publicity.md): the flow
// college → school → province 择优推送 with the outlet counted in annex 5,
// forged ids that change nothing, budgets, the portrait-consent rule,
// stale versions, returned items edited again, late marking, list scopes
// and the board.
#include <gtest/gtest.h>

#include <atomic>

#include "audit/audit.h"
#include "media/test_media_files.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;
namespace tf = media::testfiles;

class PublicityApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tf::TempDir();
    server_ = std::make_unique<TestServer>([this](app::Config& c) { c.media_dir = dir_.string(); });
    college_ = UnitId(server_->db(), "智能制造学院");
    school_ = UnitId(server_->db(), "四川科技职业学院");
    edu_ = UnitId(server_->db(), "四川省教育厅");
    school2_ = UnitId(server_->db(), "成都工业职业技术学院");
    db::Session s(server_->db());
    s.sql() << "SELECT MIN(id) FROM campaigns", soci::into(campaign_);
    for (Client* c : {&college_c_, &school_c_, &province_c_, &school2_c_}) {
      *c = Client(server_->port());
    }
    college_c_.Login("sctc-college");
    school_c_.Login("sctc");
    province_c_.Login("province");
    school2_c_.Login("school2");
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A processed image blob of `unit`, uploaded by `c`.
  Id Upload(Client& c, Id unit, int width = 320) {
    std::string bytes = tf::Jpeg(width, 240);
    auto created =
        c.Post("/api/media/uploads", json::object{{"unit_id", unit},
                                                  {"name", "photo.jpg"},
                                                  {"size", static_cast<std::int64_t>(bytes.size())},
                                                  {"kind", "image"}});
    EXPECT_EQ(created.status, 201u) << created.body;
    std::string id = std::to_string(created.data().at("id").as_int64());
    auto put = c.Request("PUT", "/api/media/uploads/" + id + "/chunks?offset=0", bytes,
                         {{"Content-Type", "application/octet-stream"}});
    EXPECT_EQ(put.status, 200u) << put.body;
    auto done = c.Post("/api/media/uploads/" + id + "/complete", json::object{});
    EXPECT_EQ(done.status, 200u) << done.body;
    return done.data().at("id").as_int64();
  }

  json::object Photos(Id blob, bool has_people = true, bool consent = true) {
    return {{"campaign_id", campaign_},
            {"unit_id", college_},
            {"kind", "photos"},
            {"title", "智能制造学院技能展示日"},
            {"author", "张三"},
            {"has_people", has_people},
            {"portrait_consent", consent},
            {"files", json::array{json::object{{"blob_id", blob}, {"caption", "学生展示"}}}}};
  }
  // A draft photo item of the college; its JSON.
  json::object Create(const json::object& body) {
    auto r = college_c_.Post("/api/publicity/items", body);
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.status == 201u ? r.data().as_object() : json::object{};
  }
  static std::string Path(Id id, const std::string& tail = "") {
    return "/api/publicity/items/" + std::to_string(id) + tail;
  }
  static std::int64_t Version(const json::object& item) { return item.at("version").as_int64(); }
  // POST /{action} with the item's version; the answer.
  static HttpResult Act(Client& c, const json::object& item, const std::string& action,
                        json::object body = {}) {
    body["version"] = Version(item);
    return c.Post(Path(item.at("id").as_int64(), "/" + action), body);
  }
  // The same, expecting success; the new item.
  static json::object Do(Client& c, const json::object& item, const std::string& action,
                         json::object body = {}) {
    auto r = Act(c, item, action, std::move(body));
    EXPECT_EQ(r.status, 200u) << action << ": " << r.body;
    return r.status == 200u ? r.data().as_object() : item;
  }
  json::object Fetch(Client& c, Id id) {
    auto r = c.Get(Path(id));
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.status == 200u ? r.data().as_object() : json::object{};
  }
  std::vector<Id> Listed(Client& c, Id unit, const std::string& scope) {
    auto r = c.Get("/api/publicity/items?campaign_id=" + std::to_string(campaign_) +
                   "&unit_id=" + std::to_string(unit) + "&scope=" + scope);
    EXPECT_EQ(r.status, 200u) << r.body;
    std::vector<Id> ids;
    if (r.status != 200u) return ids;
    for (const auto& i : r.data().at("items").as_array()) ids.push_back(i.at("id").as_int64());
    EXPECT_EQ(r.data().at("total").as_int64(), static_cast<std::int64_t>(ids.size()));
    return ids;
  }
  std::int64_t MediaProvincial(Id unit) {
    auto r = province_c_.Get("/api/campaigns/" + std::to_string(campaign_) +
                             "/statistics?unit_id=" + std::to_string(unit));
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.status == 200u ? r.data().at("total").at("media_provincial").as_int64() : -1;
  }
  std::int64_t Count(const std::string& sql, Id id) {
    db::Session s(server_->db());
    long long n = 0;
    s.sql() << sql, soci::into(n), soci::use(id);
    return n;
  }

  std::filesystem::path dir_;
  std::unique_ptr<TestServer> server_;
  Client college_c_{0}, school_c_{0}, province_c_{0}, school2_c_{0};
  Id college_ = 0, school_ = 0, edu_ = 0, school2_ = 0;
  Id campaign_ = 0;
};

TEST_F(PublicityApiTest, AnItemGoesFromCollegeToSchoolToProvinceAndIsCountedWhenPushed) {
  ScopedClock clock("2025-05-15T10:00:00+08:00");
  Id blob = Upload(college_c_, college_);
  auto item = Create(Photos(blob));
  Id id = item.at("id").as_int64();
  EXPECT_EQ(item.at("status"), "draft");
  EXPECT_EQ(item.at("kind_name"), "图片");
  EXPECT_EQ(item.at("can_submit"), true);
  ASSERT_EQ(item.at("files").as_array().size(), 1u);
  EXPECT_EQ(item.at("files").at(0).at("thumb_url").as_string(),
            "/api/media/blobs/" + std::to_string(blob) + "/thumb");
  EXPECT_EQ(item.at("files").at(0).at("caption"), "学生展示");

  item = Do(college_c_, item, "submit");
  EXPECT_EQ(item.at("status"), "submitted");
  EXPECT_EQ(item.at("status_name"), "待审核");
  EXPECT_EQ(item.at("at_unit_id").as_int64(), school_);
  EXPECT_EQ(item.at("from_unit_id").as_int64(), college_);
  EXPECT_EQ(item.at("submitted_at"), "2025-05-15T10:00:00+08:00");
  EXPECT_EQ(item.at("late"), false);
  EXPECT_EQ(item.at("can_edit"), false);
  EXPECT_EQ(Listed(school_c_, school_, "inbox"), std::vector<Id>{id});
  EXPECT_EQ(Listed(school_c_, school_, "below"), std::vector<Id>{id});
  auto notices = school_c_.Get("/api/notifications");
  ASSERT_EQ(notices.status, 200u) << notices.body;
  EXPECT_EQ(notices.data().at("items").at(0).at("title"), "智能制造学院提交了宣传素材，待审核");
  EXPECT_EQ(notices.data().at("items").at(0).at("link").as_string(),
            "/publicity/items/" + std::to_string(id));
  EXPECT_EQ(Listed(college_c_, college_, "library"), std::vector<Id>{id});
  auto seen = Fetch(school_c_, id);
  EXPECT_EQ(seen.at("can_decide"), true);
  EXPECT_EQ(seen.at("can_recommend"), true);
  EXPECT_EQ(seen.at("can_push"), false);

  item = Do(school_c_, item, "recommend", {{"comment", "质量好，推荐"}});
  EXPECT_EQ(item.at("status"), "submitted");
  EXPECT_EQ(item.at("at_unit_id").as_int64(), edu_);
  EXPECT_EQ(item.at("from_unit_id").as_int64(), school_);
  ASSERT_EQ(item.at("taken_by").as_array().size(), 1u);
  EXPECT_EQ(item.at("taken_by").at(0).at("unit_id").as_int64(), school_);
  EXPECT_EQ(Listed(school_c_, school_, "library"), std::vector<Id>{id});
  EXPECT_TRUE(Listed(school_c_, school_, "inbox").empty());
  EXPECT_EQ(Listed(province_c_, edu_, "inbox"), std::vector<Id>{id});
  EXPECT_EQ(Fetch(province_c_, id).at("can_push"), true);

  std::int64_t before = MediaProvincial(edu_);
  item = Do(province_c_, item, "push",
            {{"outlets", json::array{json::object{{"outlet", "四川日报"},
                                                  {"level", "provincial"},
                                                  {"published_on", "2025-05-16"},
                                                  {"url", "https://example.cn/news/1"}}}}});
  EXPECT_EQ(item.at("status"), "pushed");
  EXPECT_EQ(item.at("status_name"), "已择优推送");
  ASSERT_EQ(item.at("outlets").as_array().size(), 1u);
  Id report = item.at("outlets").at(0).at("media_report_id").as_int64();
  EXPECT_EQ(item.at("outlets").at(0).at("outlet"), "四川日报");
  // The outlet is a media report of the item's origin, so annex 5 counts it
  // at every level above.
  EXPECT_EQ(MediaProvincial(edu_), before + 1);
  EXPECT_EQ(MediaProvincial(school_), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM media_reports WHERE publicity_item_id = :i", id), 1);
  EXPECT_EQ(Count("SELECT unit_id FROM media_reports WHERE id = :i", report), college_);
  auto reports = college_c_.Get("/api/campaigns/" + std::to_string(campaign_) +
                                "/media-reports?unit_id=" + std::to_string(college_));
  ASSERT_EQ(reports.status, 200u) << reports.body;
  EXPECT_EQ(reports.data().at("items").at(0).at("title"), "智能制造学院技能展示日");

  // A later outlet is the same call again.
  item = Do(province_c_, item, "push",
            {{"outlets",
              json::array{json::object{
                  {"outlet", "人民日报"}, {"level", "central"}, {"published_on", "2025-05-18"}}}}});
  EXPECT_EQ(item.at("outlets").as_array().size(), 2u);
  EXPECT_EQ(MediaProvincial(edu_), before + 2);  // 省级及以上 includes central

  // Publishing is a separate decision; the province took it and may.
  EXPECT_EQ(item.at("published"), false);
  item = Do(province_c_, item, "publish", {{"published", true}});
  EXPECT_EQ(item.at("published"), true);
  EXPECT_FALSE(item.at("published_at").is_null());

  auto detail = Fetch(college_c_, id);
  std::vector<std::string> actions;
  for (const auto& st : detail.at("steps").as_array()) {
    actions.emplace_back(st.at("action").as_string());
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"submit", "recommend", "push", "push", "publish"}));
  EXPECT_EQ(detail.at("steps").at(1).at("comment"), "质量好，推荐");
  EXPECT_EQ(detail.at("steps").at(1).at("action_name"), "推荐");
  EXPECT_EQ(detail.at("steps").at(0).at("actor"), "智能制造学院秘书（智能制造学院）");
  {
    db::Session s(server_->db());
    EXPECT_EQ(audit::CountFor(s, "publicity_item", id, "push"), 2);
    EXPECT_EQ(audit::CountFor(s, "publicity_item", id, "submit"), 1);
  }

  // The board of the school: the college row counts the item at each stage.
  auto board = school_c_.Get("/api/publicity/board?campaign_id=" + std::to_string(campaign_) +
                             "&unit_id=" + std::to_string(school_));
  ASSERT_EQ(board.status, 200u) << board.body;
  const auto& rows = board.data().at("items").as_array();
  EXPECT_EQ(rows.at(0).at("unit_id").as_int64(), school_);
  EXPECT_EQ(rows.at(0).at("own"), true);
  bool found = false;
  for (const auto& r : rows) {
    if (r.at("unit_id").as_int64() != college_) continue;
    found = true;
    EXPECT_EQ(r.at("items").as_int64(), 1);
    EXPECT_EQ(r.at("submitted").as_int64(), 1);
    EXPECT_EQ(r.at("accepted").as_int64(), 1);
    EXPECT_EQ(r.at("pushed").as_int64(), 1);
    EXPECT_EQ(r.at("late").as_int64(), 0);
    EXPECT_EQ(r.at("published").as_int64(), 1);
  }
  EXPECT_TRUE(found);
}

TEST_F(PublicityApiTest, ForgedIdsAnswerNotFoundOrForbiddenAndChangeNothing) {
  ScopedClock clock("2025-05-15T10:00:00+08:00");
  Id blob = Upload(college_c_, college_);
  Id foreign_blob = Upload(school2_c_, school2_);
  auto item = Create(Photos(blob));
  Id id = item.at("id").as_int64();

  // Another school's user reads nothing of it and changes nothing.
  EXPECT_EQ(school2_c_.Get(Path(id)).status, 404u);
  auto body = Photos(blob);
  body["version"] = Version(item);
  EXPECT_EQ(school2_c_.Put(Path(id), body).status, 404u);
  EXPECT_EQ(Act(school2_c_, item, "submit").status, 404u);
  EXPECT_EQ(school2_c_.Delete(Path(id, "?version=1")).status, 404u);
  EXPECT_TRUE(Listed(school2_c_, school2_, "library").empty());
  EXPECT_EQ(school2_c_
                .Get("/api/publicity/items?campaign_id=" + std::to_string(campaign_) +
                     "&unit_id=" + std::to_string(college_))
                .status,
            403u);

  // An item for a foreign unit, with a foreign blob, or another unit's activity.
  auto foreign = Photos(blob);
  foreign["unit_id"] = school2_;
  EXPECT_EQ(college_c_.Post("/api/publicity/items", foreign).status, 403u);
  auto r = college_c_.Post("/api/publicity/items", Photos(foreign_blob));
  EXPECT_EQ(r.status, 404u) << r.body;
  EXPECT_EQ(r.error_field(), "files");
  Id edu_activity = 0;
  {
    db::Session s(server_->db());
    s.sql() << "SELECT MIN(id) FROM activities WHERE unit_id = :u", soci::into(edu_activity),
        soci::use(edu_);
  }
  ASSERT_GT(edu_activity, 0);
  auto linked = Photos(blob);
  linked["activity_id"] = edu_activity;
  r = college_c_.Post("/api/publicity/items", linked);
  EXPECT_EQ(r.status, 404u) << r.body;
  EXPECT_EQ(r.error_field(), "activity_id");
  body["files"] = json::array{json::object{{"blob_id", foreign_blob}}};
  r = college_c_.Put(Path(id), body);
  EXPECT_EQ(r.status, 404u) << r.body;
  EXPECT_EQ(Fetch(college_c_, id).at("files").at(0).at("blob_id").as_int64(), blob);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM publicity_items WHERE id <> :i", id), 0);

  // Deciding an item that does not wait at one's unit.
  item = Do(college_c_, item, "submit");
  EXPECT_EQ(Act(college_c_, item, "accept").status, 403u);
  EXPECT_EQ(Act(school2_c_, item, "accept").status, 404u);
  EXPECT_EQ(Act(school2_c_, item, "return", {{"comment", "不行"}}).status, 404u);
  // The school may not push: it has a parent.
  auto push = json::object{{"outlets", json::array{json::object{{"outlet", "四川日报"},
                                                                {"level", "provincial"},
                                                                {"published_on", "2025-05-16"}}}}};
  r = Act(school_c_, item, "push", push);
  EXPECT_EQ(r.status, 403u) << r.body;
  item = Do(school_c_, item, "recommend");
  // Now at the province: the school no longer decides it.
  EXPECT_EQ(Act(school_c_, item, "accept").status, 403u);
  EXPECT_EQ(Act(school_c_, item, "push", push).status, 403u);
  EXPECT_EQ(Act(school_c_, item, "return", {{"comment", "收回"}}).status, 403u);
  auto now = Fetch(province_c_, id);
  EXPECT_EQ(now.at("version"), item.at("version"));
  EXPECT_EQ(now.at("status"), "submitted");
  EXPECT_EQ(now.at("at_unit_id").as_int64(), edu_);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM media_reports WHERE publicity_item_id = :i", id), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM publicity_steps WHERE item_id = :i", id), 2);
}

TEST_F(PublicityApiTest, WithoutASessionNothingAnswersAndNothingChanges) {
  Id blob = Upload(college_c_, college_);
  auto item = Create(Photos(blob));
  Id id = item.at("id").as_int64();
  std::string unit = std::to_string(college_), campaign = std::to_string(campaign_);

  Client anonymous(server_->port());
  EXPECT_EQ(
      anonymous.Get("/api/publicity/items?campaign_id=" + campaign + "&unit_id=" + unit).status,
      401u);
  EXPECT_EQ(anonymous.Get(Path(id)).status, 401u);
  EXPECT_EQ(anonymous.Post("/api/publicity/items", Photos(blob)).status, 401u);
  auto body = Photos(blob);
  body["version"] = Version(item);
  body["title"] = "匿名改的标题";
  EXPECT_EQ(anonymous.Put(Path(id), body).status, 401u);
  for (const char* action : {"submit", "accept", "return", "recommend", "push", "publish"}) {
    EXPECT_EQ(Act(anonymous, item, action).status, 401u) << action;
  }
  EXPECT_EQ(anonymous.Delete(Path(id, "?version=1")).status, 401u);
  EXPECT_EQ(
      anonymous.Get("/api/publicity/board?campaign_id=" + campaign + "&unit_id=" + unit).status,
      401u);
  for (const char* format : {"docx", "pdf"}) {
    EXPECT_EQ(anonymous
                  .Get("/api/publicity/digest?campaign_id=" + campaign + "&unit_id=" + unit +
                       "&format=" + format)
                  .status,
              401u);
  }
  EXPECT_EQ(
      anonymous.Get("/api/publicity/archive?campaign_id=" + campaign + "&unit_id=" + unit).status,
      401u);

  // The item is as it was: a draft with its title and version.
  auto now = college_c_.Get(Path(id));
  ASSERT_EQ(now.status, 200u);
  EXPECT_EQ(now.data().at("status").as_string(), "draft");
  EXPECT_EQ(now.data().at("title"), item.at("title"));
  EXPECT_EQ(now.data().at("version"), item.at("version"));
  EXPECT_EQ(Listed(college_c_, college_, "library").size(), 1u);
}

TEST_F(PublicityApiTest, BudgetsNameTheFieldInChinese) {
  Id blob = Upload(college_c_, college_);
  auto expect = [&](json::object body, const std::string& field, const std::string& words) {
    auto r = college_c_.Post("/api/publicity/items", body);
    EXPECT_EQ(r.status, 400u) << field << r.body;
    EXPECT_EQ(r.error_field(), field) << r.body;
    EXPECT_NE(r.error_message().find(words), std::string::npos) << r.error_message();
  };
  auto body = Photos(blob);
  std::string long_title;
  for (int i = 0; i < 101; ++i) long_title += "标";
  body["title"] = long_title;
  expect(body, "title", "标题");
  body = Photos(blob);
  body["title"] = "";
  expect(body, "title", "标题");
  body = Photos(blob);
  json::array tags;
  for (int i = 0; i < 11; ++i) tags.push_back(json::string("t" + std::to_string(i)));
  body["tags"] = tags;
  expect(body, "tags", "标签");
  body = Photos(blob);
  body["tags"] = json::array{"no_such_category"};
  expect(body, "tags", "标签");
  body = Photos(blob);
  json::array files;
  for (int i = 0; i < 61; ++i) files.push_back(json::object{{"blob_id", i + 1}});
  body["files"] = files;
  expect(body, "files", "文件");
  body = Photos(blob);
  body["files"] = json::array{json::object{{"blob_id", blob}}, json::object{{"blob_id", blob}}};
  expect(body, "files", "文件");
  body = Photos(blob);
  body["files"] = json::array{};
  expect(body, "files", "图片");
  body = Photos(blob);
  body["kind"] = "article";
  body["body"] = "太短";
  expect(body, "body", "正文");
  body = Photos(blob);
  body["body"] = std::string(20001, 'x');
  expect(body, "body", "正文");
  body = Photos(blob);
  body["author"] = std::string(51, 'x');
  expect(body, "author", "作者");
  body = Photos(blob);
  body["kind"] = "video";
  body["files"] = json::array{};
  body["video_url"] = "ftp://example.cn/v.mp4";
  expect(body, "video_url", "视频链接");
  body["video_url"] = "";
  expect(body, "files", "视频");
  body = Photos(blob);
  body["kind"] = "poster";
  expect(body, "kind", "类型");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM publicity_items WHERE id > :i", 0), 0);

  // Outlets: 1 to 10, each checked.
  ScopedClock clock("2025-05-15T10:00:00+08:00");
  auto item = Do(college_c_, Create(Photos(blob)), "submit");
  item = Do(school_c_, item, "recommend");
  json::array outlets;
  for (int i = 0; i < 11; ++i) {
    outlets.push_back(json::object{
        {"outlet", "媒体" + std::to_string(i)}, {"level", "city"}, {"published_on", "2025-05-16"}});
  }
  auto r = Act(province_c_, item, "push", {{"outlets", outlets}});
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "outlets");
  r = Act(province_c_, item, "push", {{"outlets", json::array{}}});
  EXPECT_EQ(r.error_field(), "outlets");
  r = Act(province_c_, item, "push",
          {{"outlets",
            json::array{json::object{
                {"outlet", "四川日报"}, {"level", "world"}, {"published_on", "2025-05-16"}}}}});
  EXPECT_EQ(r.error_field(), "level");
  r = Act(province_c_, item, "push",
          {{"outlets",
            json::array{json::object{
                {"outlet", "四川日报"}, {"level", "city"}, {"published_on", "16/05/2025"}}}}});
  EXPECT_EQ(r.error_field(), "published_on");
  r = Act(province_c_, item, "return", {{"comment", ""}});
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "comment");
  r = Act(province_c_, item, "return", {{"comment", std::string(501, 'x')}});
  EXPECT_EQ(r.error_field(), "comment");
  EXPECT_EQ(Fetch(province_c_, item.at("id").as_int64()).at("version"), item.at("version"));
}

TEST_F(PublicityApiTest, PublishingNeedsPortraitConsentAndAReturnedItemIsEditedAgain) {
  ScopedClock clock("2025-05-15T10:00:00+08:00");
  Id blob = Upload(college_c_, college_);
  auto item = Create(Photos(blob, true, false));
  Id id = item.at("id").as_int64();
  // A draft is never public.
  EXPECT_EQ(Act(college_c_, item, "publish", {{"published", true}}).status, 409u);
  item = Do(college_c_, item, "submit");
  auto r = Act(college_c_, item, "publish", {{"published", true}});
  EXPECT_EQ(r.status, 400u) << r.body;
  EXPECT_EQ(r.error_message(),
            "含人物肖像的图片未取得肖像使用同意（未成年人须监护人同意），不能公开");
  EXPECT_EQ(Fetch(college_c_, id).at("published"), false);
  // Submitted: not editable by the college.
  auto edit = Photos(blob, true, true);
  edit["version"] = Version(item);
  EXPECT_EQ(college_c_.Put(Path(id), edit).status, 409u);

  item = Do(school_c_, item, "return", {{"comment", "请补充肖像使用同意"}});
  EXPECT_EQ(item.at("status"), "returned");
  EXPECT_EQ(item.at("at_unit_id").as_int64(), college_);
  auto mine = Fetch(college_c_, id);
  EXPECT_EQ(mine.at("can_edit"), true);
  EXPECT_EQ(mine.at("can_submit"), true);
  EXPECT_EQ(mine.at("steps").at(1).at("comment"), "请补充肖像使用同意");
  auto notices = college_c_.Get("/api/notifications");
  ASSERT_EQ(notices.status, 200u) << notices.body;
  EXPECT_EQ(notices.data().at("items").at(0).at("kind"), "publicity_return");
  EXPECT_NE(std::string(notices.data().at("items").at(0).at("body").as_string())
                .find("请补充肖像使用同意"),
            std::string::npos);

  // An edit based on an old version is refused and changes nothing.
  edit["version"] = Version(item) - 1;
  edit["title"] = "旧版本上的修改";
  r = college_c_.Put(Path(id), edit);
  EXPECT_EQ(r.status, 409u) << r.body;
  EXPECT_EQ(r.error_field(), "version");
  EXPECT_EQ(r.error_message(), "已被他人修改，请刷新后重试");
  EXPECT_EQ(Fetch(college_c_, id).at("title"), "智能制造学院技能展示日");

  edit["version"] = Version(item);
  edit["title"] = "技能展示日（补充同意书）";
  r = college_c_.Put(Path(id), edit);
  ASSERT_EQ(r.status, 200u) << r.body;
  item = r.data().as_object();
  EXPECT_EQ(item.at("portrait_consent"), true);
  EXPECT_EQ(item.at("title"), "技能展示日（补充同意书）");
  clock.Set("2025-05-16T10:00:00+08:00");
  item = Do(college_c_, item, "submit");
  EXPECT_EQ(item.at("at_unit_id").as_int64(), school_);
  EXPECT_EQ(item.at("submitted_at"), "2025-05-15T10:00:00+08:00");  // the first submission
  item = Do(school_c_, item, "accept");
  EXPECT_EQ(item.at("status"), "accepted");
  // The college publishes its item; the school that took it may unpublish.
  item = Do(college_c_, item, "publish", {{"published", true}});
  EXPECT_EQ(item.at("published"), true);
  item = Do(school_c_, item, "publish", {{"published", false}});
  EXPECT_EQ(item.at("published"), false);
  // A stale step is refused.
  auto stale = item;
  stale["version"] = Version(item) - 1;
  EXPECT_EQ(Act(school_c_, stale, "recommend").status, 409u);
  EXPECT_EQ(Fetch(school_c_, id).at("status"), "accepted");
  // Deleting is for drafts only.
  EXPECT_EQ(college_c_.Delete(Path(id, "?version=" + std::to_string(Version(item)))).status, 409u);
  auto draft = Create(Photos(blob));
  EXPECT_EQ(college_c_.Delete(Path(draft.at("id").as_int64(), "?version=1")).status, 200u);
  EXPECT_EQ(college_c_.Get(Path(draft.at("id").as_int64())).status, 404u);
}

TEST_F(PublicityApiTest, AnItemAfterTheMaterialsDeadlineIsMarkedLate) {
  ScopedClock clock("2025-05-22T09:00:00+08:00");  // the school's deadline: 05-21 23:59
  Id blob = Upload(college_c_, college_);
  auto item = Do(college_c_, Create(Photos(blob)), "submit");
  EXPECT_EQ(item.at("late"), true);
  auto board = school_c_.Get("/api/publicity/board?campaign_id=" + std::to_string(campaign_) +
                             "&unit_id=" + std::to_string(school_));
  ASSERT_EQ(board.status, 200u);
  for (const auto& r : board.data().at("items").as_array()) {
    if (r.at("unit_id").as_int64() == college_) {
      EXPECT_EQ(r.at("late").as_int64(), 1);
    }
  }
}

TEST_F(PublicityApiTest, ListsKeepToTheirScopeAndFilter) {
  ScopedClock clock("2025-05-15T10:00:00+08:00");
  Id blob = Upload(college_c_, college_);
  auto draft = Create(Photos(blob));
  auto sent = Create(Photos(blob));
  sent = Do(college_c_, sent, "submit");
  auto article = Photos(blob);
  article["kind"] = "article";
  article["title"] = "新闻稿：开放日_100%";
  article["body"] = "智能制造学院举办校园开放日，邀请家长和中学生走进实训室体验。";
  auto news = Create(article);
  Id d = draft.at("id").as_int64(), s = sent.at("id").as_int64(), n = news.at("id").as_int64();

  EXPECT_EQ(Listed(college_c_, college_, "library"), (std::vector<Id>{n, s, d}));
  EXPECT_EQ(Listed(school_c_, school_, "inbox"), std::vector<Id>{s});
  EXPECT_EQ(Listed(school_c_, school_, "below"), std::vector<Id>{s});  // drafts stay private
  EXPECT_TRUE(Listed(school_c_, school_, "library").empty());
  EXPECT_TRUE(Listed(province_c_, edu_, "inbox").empty());
  auto base = "/api/publicity/items?campaign_id=" + std::to_string(campaign_) +
              "&unit_id=" + std::to_string(college_);
  auto r = college_c_.Get(base + "&kind=article");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.data().at("total").as_int64(), 1);
  EXPECT_FALSE(r.data().at("items").at(0).as_object().contains("body"));
  r = college_c_.Get(base + "&q=_100%25");
  EXPECT_EQ(r.data().at("total").as_int64(), 1);
  r = college_c_.Get(base + "&q=%25");
  EXPECT_EQ(r.data().at("total").as_int64(), 1);
  r = college_c_.Get(base + "&status=draft&page_size=1");
  EXPECT_EQ(r.data().at("total").as_int64(), 2);
  EXPECT_EQ(r.data().at("items").as_array().size(), 1u);
  EXPECT_EQ(college_c_.Get(base + "&scope=everything").status, 400u);
}

TEST_F(PublicityApiTest, AReturnFromTheProvinceGoesBackToTheRecommender) {
  ScopedClock clock("2025-05-15T10:00:00+08:00");
  Id blob = Upload(college_c_, college_);
  auto item = Do(college_c_, Create(Photos(blob)), "submit");
  Id id = item.at("id").as_int64();
  item = Do(school_c_, item, "recommend");
  item = Do(province_c_, item, "return", {{"comment", "请补充活动说明"}});
  EXPECT_EQ(item.at("status"), "returned");
  EXPECT_EQ(item.at("at_unit_id").as_int64(), school_);
  // It waits at the school again; the college cannot edit it.
  EXPECT_EQ(Listed(school_c_, school_, "inbox"), std::vector<Id>{id});
  auto college_view = Fetch(college_c_, id);
  EXPECT_EQ(college_view.at("can_edit"), false);
  auto edit = Photos(blob);
  edit["version"] = Version(item);
  EXPECT_EQ(college_c_.Put(Path(id), edit).status, 409u);
  auto school_view = Fetch(school_c_, id);
  EXPECT_EQ(school_view.at("can_decide"), true);
  EXPECT_EQ(school_view.at("can_recommend"), true);
  item = Do(school_c_, item, "recommend", {{"comment", "已补充"}});
  EXPECT_EQ(item.at("at_unit_id").as_int64(), edu_);
  EXPECT_EQ(Listed(province_c_, edu_, "inbox"), std::vector<Id>{id});
}

TEST_F(PublicityApiTest, AnOutletTheChainRecordedAlreadyIsCountedOnce) {
  ScopedClock clock("2025-05-15T10:00:00+08:00");
  Id blob = Upload(college_c_, college_);
  auto item = Do(college_c_, Create(Photos(blob)), "submit");
  item = Do(school_c_, item, "recommend");
  Id id = item.at("id").as_int64();
  // The college registered the report itself before the province pushed.
  auto own = college_c_.Post("/api/campaigns/" + std::to_string(campaign_) + "/media-reports",
                             json::object{{"unit_id", college_},
                                          {"outlet", "四川日报"},
                                          {"level", "provincial"},
                                          {"title", "技能展示日见闻"},
                                          {"published_on", "2025-05-16"},
                                          {"url", "https://example.cn/news/7"}});
  ASSERT_EQ(own.status, 201u) << own.body;
  std::int64_t before = MediaProvincial(edu_);
  auto outlet = json::object{{"outlet", "四川日报"},
                             {"level", "provincial"},
                             {"published_on", "2025-05-16"},
                             {"url", "https://example.cn/news/7"}};
  item = Do(province_c_, item, "push", {{"outlets", json::array{outlet}}});
  ASSERT_EQ(item.at("outlets").as_array().size(), 1u);
  EXPECT_EQ(item.at("outlets").at(0).at("media_report_id"), own.data().at("id"));
  EXPECT_EQ(MediaProvincial(edu_), before);
  // Pushing the same outlet again records nothing new.
  item = Do(province_c_, item, "push", {{"outlets", json::array{outlet}}});
  EXPECT_EQ(item.at("outlets").as_array().size(), 1u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM media_reports WHERE campaign_id = :c", campaign_), 1);
  EXPECT_EQ(
      Count("SELECT COUNT(*) FROM publicity_steps WHERE item_id = :i AND action = 'push'", id), 2);
}

TEST_F(PublicityApiTest, WithdrawnConsentTakesAnItemOffThePublicSiteAndEveryWriteSignals) {
  ScopedClock clock("2025-05-15T10:00:00+08:00");
  std::atomic<int> changes{0};
  server_->app().publicity().SetOnChange([&changes] { ++changes; });
  Id blob = Upload(college_c_, college_);
  auto item = Create(Photos(blob, true, true));
  Id id = item.at("id").as_int64();
  item = Do(college_c_, item, "submit");
  item = Do(college_c_, item, "publish", {{"published", true}});
  EXPECT_EQ(item.at("published"), true);
  item = Do(school_c_, item, "return", {{"comment", "家长未签同意书"}});
  EXPECT_EQ(item.at("published"), true);  // returning is not unpublishing
  auto edit = Photos(blob, true, false);
  edit["version"] = Version(item);
  auto r = college_c_.Put(Path(id), edit);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.data().at("published"), false);
  EXPECT_TRUE(r.data().at("published_at").is_null());
  EXPECT_EQ(r.data().at("steps").as_array().back().at("action"), "unpublish");
  EXPECT_EQ(changes.load(), 5);  // create, submit, publish, return, edit
  // Refused writes signal nothing.
  EXPECT_EQ(Act(school2_c_, r.data().as_object(), "submit").status, 404u);
  EXPECT_EQ(changes.load(), 5);
}

}  // namespace
}  // namespace vw::testing
