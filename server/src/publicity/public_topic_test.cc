// The public topic site: only published items (never people without
// consent), a file only while an item it belongs to is public, answers
// cached with an ETag and dropped after a change (on this node through the
// hook, on others through the change signal), share cards from the
// configured public URL.
#include <gtest/gtest.h>

#include "core/time.h"
#include "db/change_signals.h"
#include "media/test_media_files.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;
namespace tf = media::testfiles;

constexpr const char* kPublicUrl = "https://vocweek.example.cn";

struct Fixture {
  std::string kind = "article";
  std::string title;
  std::string status = "accepted";
  bool published = true;
  bool has_people = false;
  bool consent = false;
  std::optional<Id> day;
  std::optional<Id> blob;
  std::string published_at = "2025-05-15T02:00:00Z";
};

class PublicTopicTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tf::TempDir();
    server_ = std::make_unique<TestServer>([this](app::Config& c) {
      c.media_dir = dir_.string();
      c.public_url = kPublicUrl;
    });
    anon_ = Client(server_->port());
    college_ = UnitId(server_->db(), "智能制造学院");
    school_ = UnitId(server_->db(), "四川科技职业学院");
    campaign_ = anon_.Get("/api/public/campaigns/current").data().at("id").as_int64();
    db::Session s(server_->db());
    s.sql() << "SELECT id FROM theme_days WHERE campaign_id = :c AND day_index = 1",
        soci::use(campaign_), soci::into(day1_);
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A processed picture of the college's, uploaded through the API.
  Id UploadPicture(int w, int h) { return Upload(tf::Jpeg(w, h), "照片.jpg", "image"); }
  Id Upload(const std::string& bytes, const std::string& name, const std::string& kind) {
    if (!editor_) {
      editor_ = std::make_unique<Client>(server_->port());
      editor_->Login("sctc-college");
    }
    auto created = editor_->Post("/api/media/uploads",
                                 json::object{{"unit_id", college_},
                                              {"name", name},
                                              {"size", static_cast<std::int64_t>(bytes.size())},
                                              {"kind", kind}});
    EXPECT_EQ(created.status, 201u) << created.body;
    std::string id = std::to_string(created.data().at("id").as_int64());
    auto put = editor_->Request("PUT", "/api/media/uploads/" + id + "/chunks?offset=0", bytes,
                                {{"Content-Type", "application/octet-stream"}});
    EXPECT_EQ(put.status, 200u) << put.body;
    auto done = editor_->Post("/api/media/uploads/" + id + "/complete", json::object{});
    EXPECT_EQ(done.status, 200u) << done.body;
    return done.data().at("id").as_int64();
  }

  // An item of the college inserted as the library would have left it.
  Id Insert(const Fixture& f) {
    db::Session s(server_->db());
    std::string now = timeutil::NowUtc();
    std::string body = f.title + "的正文：学生们在实训基地展示技能，家长和市民走进校园体验。";
    int people = f.has_people, consent = f.consent;
    std::optional<std::string> published;
    if (f.published) published = f.published_at;
    Id day = f.day.value_or(0);
    soci::indicator day_set = f.day ? soci::i_ok : soci::i_null;
    s.sql()
        << "INSERT INTO publicity_items(campaign_id, unit_id, kind, title, body, author, "
           "theme_day_id, has_people, portrait_consent, status, published_at, created_at, "
           "updated_at) VALUES (:c, :u, :k, :t, :b, '宣传组', :d, :hp, :pc, :st, :pa, :ca, :ua)",
        soci::use(campaign_), soci::use(college_), soci::use(f.kind), soci::use(f.title),
        soci::use(body), soci::use(day, day_set), soci::use(people), soci::use(consent),
        soci::use(f.status), soci::use(published), soci::use(now), soci::use(now);
    Id id = 0;
    s.sql() << "SELECT MAX(id) FROM publicity_items", soci::into(id);
    if (f.blob) {
      s.sql() << "INSERT INTO publicity_item_files(item_id, blob_id, sort_order, caption) VALUES "
                 "(:i, :b, 0, '现场')",
          soci::use(id), soci::use(*f.blob);
    }
    return id;
  }

  std::string Campaign(const std::string& rest) {
    return "/api/public/campaigns/" + std::to_string(campaign_) + rest;
  }
  static std::vector<Id> Ids(const json::value& cards) {
    std::vector<Id> out;
    for (const auto& c : cards.as_array()) out.push_back(c.at("id").as_int64());
    return out;
  }
  static std::string Media(Id blob, const std::string& variant) {
    return "/api/public/media/" + std::to_string(blob) + "/" + variant;
  }

  std::filesystem::path dir_;
  std::unique_ptr<TestServer> server_;
  Client anon_{0};
  std::unique_ptr<Client> editor_;
  Id college_ = 0, school_ = 0, campaign_ = 0, day1_ = 0;
};

TEST_F(PublicTopicTest, OnlyPublishedItemsAndNeverPeopleWithoutConsent) {
  Id picture = UploadPicture(800, 600);
  Id portrait = UploadPicture(640, 480);
  Id draft_picture = UploadPicture(320, 240);
  Id news = Insert({.title = "开放日新闻", .day = day1_, .blob = picture});
  Id no_consent = Insert({.kind = "photos",
                          .title = "无同意的合影",
                          .has_people = true,
                          .day = day1_,
                          .blob = portrait});
  Id draft = Insert({.kind = "photos",
                     .title = "草稿图片",
                     .status = "draft",
                     .published = false,
                     .day = day1_,
                     .blob = draft_picture});
  Id unpublished = Insert({.title = "未公开的新闻", .published = false, .day = day1_});
  Id with_consent = Insert({.kind = "photos",
                            .title = "技能展示",
                            .has_people = true,
                            .consent = true,
                            .day = day1_,
                            .blob = picture,
                            .published_at = "2025-05-15T03:00:00Z"});
  Id pushed =
      Insert({.kind = "case", .title = "产教融合典型案例", .status = "pushed", .day = day1_});

  auto topic = anon_.Get(Campaign("/topic"));
  ASSERT_EQ(topic.status, 200u) << topic.body;
  const auto& t = topic.data();
  EXPECT_EQ(t.at("campaign").at("id").as_int64(), campaign_);
  const auto& day = t.at("days").as_array().at(0);
  EXPECT_EQ(day.at("theme_day_id").as_int64(), day1_);
  EXPECT_EQ(Ids(day.at("news")), std::vector<Id>{news});
  EXPECT_EQ(Ids(day.at("cases")), std::vector<Id>{pushed});
  EXPECT_EQ(Ids(t.at("featured")), std::vector<Id>{pushed});
  EXPECT_EQ(t.at("counts").at("articles").as_int64(), 1);
  EXPECT_EQ(t.at("counts").at("photos").as_int64(), 1);  // not the one without consent
  EXPECT_EQ(t.at("counts").at("cases").as_int64(), 1);
  const auto& card = day.at("news").as_array().at(0);
  EXPECT_EQ(card.at("unit_name").as_string(), "智能制造学院");
  EXPECT_EQ(card.at("cover").at("web_url").as_string(), Media(picture, "web"));
  EXPECT_FALSE(card.at("pushed").as_bool());
  EXPECT_LE(json::value_to<std::string>(card.at("excerpt")).size(), 80u * 3);

  auto gallery = anon_.Get(Campaign("/gallery"));
  ASSERT_EQ(gallery.status, 200u) << gallery.body;
  EXPECT_EQ(gallery.data().at("total").as_int64(), 1);
  EXPECT_EQ(Ids(gallery.data().at("items")), std::vector<Id>{with_consent});
  const auto& item = gallery.data().at("items").as_array().at(0);
  EXPECT_EQ(item.at("cover").at("width").as_int64(), 800);
  EXPECT_EQ(item.at("files").as_array().at(0).at("thumb_url").as_string(), Media(picture, "thumb"));
  EXPECT_EQ(anon_.Get(Campaign("/gallery?kind=video")).data().at("total").as_int64(), 0);
  EXPECT_EQ(anon_.Get(Campaign("/gallery?kind=audio")).status, 400u);
  EXPECT_EQ(anon_.Get(Campaign("/gallery?page_size=61")).status, 400u);

  auto one = anon_.Get("/api/public/publicity/" + std::to_string(news));
  ASSERT_EQ(one.status, 200u) << one.body;
  EXPECT_EQ(one.data().at("author").as_string(), "宣传组");
  EXPECT_NE(json::value_to<std::string>(one.data().at("body")).find("实训基地"), std::string::npos);
  EXPECT_EQ(one.data().at("files").as_array().size(), 1u);
  for (Id hidden : {no_consent, draft, unpublished}) {
    EXPECT_EQ(anon_.Get("/api/public/publicity/" + std::to_string(hidden)).status, 404u) << hidden;
  }

  // A public item's picture: every variant but the original; others' are 404.
  auto web = anon_.Get(Media(picture, "web"));
  ASSERT_EQ(web.status, 200u) << web.body;
  EXPECT_EQ(web.headers["content-type"], "image/jpeg");
  EXPECT_EQ(web.headers["cache-control"], "public, max-age=86400");
  EXPECT_EQ(anon_.Get(Media(picture, "thumb")).status, 200u);
  auto again =
      anon_.Request("GET", Media(picture, "web"), "", {{"If-None-Match", web.headers["etag"]}});
  EXPECT_EQ(again.status, 304u);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(anon_.Get(Media(picture, "original")).status, 404u);
  EXPECT_EQ(anon_.Get(Media(draft_picture, "web")).status, 404u);
  EXPECT_EQ(anon_.Get(Media(portrait, "thumb")).status, 404u);
  // Not even an ETag that matches tells a draft's file apart.
  EXPECT_EQ(anon_.Request("GET", Media(draft_picture, "web"), "", {{"If-None-Match", "*"}}).status,
            404u);
}

TEST_F(PublicTopicTest, AColumnShowsItsSubtreeAndItsProgrammeCount) {
  Id picture = UploadPicture(800, 600);
  Id news = Insert({.title = "学院新闻", .day = day1_});
  Id photos = Insert({.kind = "photos", .title = "学院图片", .blob = picture});
  for (Id unit : {college_, school_}) {
    auto column = anon_.Get(Campaign("/columns/" + std::to_string(unit)));
    ASSERT_EQ(column.status, 200u) << column.body;
    EXPECT_EQ(column.data().at("unit").at("id").as_int64(), unit);
    EXPECT_EQ(Ids(column.data().at("news")), std::vector<Id>{news});
    EXPECT_EQ(Ids(column.data().at("gallery")), std::vector<Id>{photos});
    EXPECT_GE(column.data().at("activities").at("total").as_int64(), 0);
  }
  Id other = UnitId(server_->db(), "四川省教育厅");
  auto elsewhere = anon_.Get(Campaign("/columns/" + std::to_string(other)));
  ASSERT_EQ(elsewhere.status, 200u);
  EXPECT_EQ(Ids(elsewhere.data().at("news")), std::vector<Id>{news});  // the province's subtree
  EXPECT_EQ(anon_.Get(Campaign("/columns/999999")).status, 404u);
  EXPECT_EQ(anon_.Get("/api/public/campaigns/999999/topic").status, 404u);
}

TEST_F(PublicTopicTest, AnswersAreCachedWithAnETagAndDroppedAfterAChange) {
  Id news = Insert({.title = "第一篇", .day = day1_});
  auto first = anon_.Get(Campaign("/topic"));
  ASSERT_EQ(first.status, 200u);
  std::string etag = first.headers["etag"];
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(anon_.Request("GET", Campaign("/topic"), "", {{"If-None-Match", etag}}).status, 304u);

  // Another node caches the same answer; it watches the publicity signal.
  auto second = TestServer::SecondNode(*server_);
  Client other(second->port());
  ASSERT_EQ(other.Get(Campaign("/topic")).headers["etag"], etag);
  ASSERT_TRUE(second->app().change_signals().Poll());  // records the versions

  // A write as the library makes it: the row, the signal, the hook.
  Id later = Insert({.title = "第二篇", .day = day1_, .published_at = "2025-05-16T02:00:00Z"});
  EXPECT_EQ(anon_.Get(Campaign("/topic")).headers["etag"], etag);  // still the cached page
  {
    db::Session s(server_->db());
    db::Bump(s, db::kPublicitySignal);
  }
  server_->app().topic_cache().Invalidate();  // what PublicityService::SetOnChange calls
  auto fresh = anon_.Get(Campaign("/topic"));
  EXPECT_NE(fresh.headers["etag"], etag);
  EXPECT_EQ(Ids(fresh.data().at("days").as_array().at(0).at("news")),
            (std::vector<Id>{later, news}));
  EXPECT_EQ(anon_.Request("GET", Campaign("/topic"), "", {{"If-None-Match", etag}}).status, 200u);

  EXPECT_EQ(other.Get(Campaign("/topic")).headers["etag"], etag);  // not polled yet
  ASSERT_TRUE(second->app().change_signals().Poll());
  EXPECT_EQ(other.Get(Campaign("/topic")).headers["etag"], fresh.headers["etag"]);
}

// The library's own writes (PublicityService through its API) drop the
// topic site's pages: on this node at once, on another through the signal.
TEST_F(PublicTopicTest, PublishingThroughTheLibraryShowsOnEveryNodeAndConsentIsKept) {
  Id picture = UploadPicture(800, 600);
  auto second = TestServer::SecondNode(*server_);
  Client other(second->port());
  auto day_news = [&](Client& c) {
    auto r = c.Get(Campaign("/topic"));
    EXPECT_EQ(r.status, 200u) << r.body;
    return Ids(r.data().at("days").as_array().at(0).at("news"));
  };
  EXPECT_TRUE(day_news(anon_).empty());
  EXPECT_TRUE(day_news(other).empty());  // cached on both nodes now
  ASSERT_TRUE(second->app().change_signals().Poll());

  auto act = [&](json::object& item, const std::string& action, json::object body) {
    body["version"] = item.at("version");
    auto r = editor_->Post(
        "/api/publicity/items/" + std::to_string(item.at("id").as_int64()) + "/" + action, body);
    EXPECT_EQ(r.status, 200u) << action << ": " << r.body;
    if (r.status == 200u) item = r.data().as_object();
    return r;
  };
  auto created = editor_->Post(
      "/api/publicity/items",
      json::object{{"campaign_id", campaign_},
                   {"unit_id", college_},
                   {"kind", "article"},
                   {"title", "实训基地开放日"},
                   {"body", "学院开放实训基地，市民和中小学生走进校园体验工业机器人编程。"},
                   {"theme_day_id", day1_},
                   {"has_people", true},
                   {"portrait_consent", true},
                   {"files", json::array{json::object{{"blob_id", picture}, {"caption", ""}}}}});
  ASSERT_EQ(created.status, 201u) << created.body;
  json::object item = created.data().as_object();
  Id id = item.at("id").as_int64();
  act(item, "submit", {});
  EXPECT_EQ(anon_.Get(Media(picture, "web")).status, 404u);  // submitted is not public
  act(item, "publish", {{"published", true}});

  EXPECT_EQ(day_news(anon_), std::vector<Id>{id});
  EXPECT_EQ(anon_.Get(Media(picture, "web")).status, 200u);
  EXPECT_TRUE(day_news(other).empty());  // until that node polls
  ASSERT_TRUE(second->app().change_signals().Poll());
  EXPECT_EQ(day_news(other), std::vector<Id>{id});

  act(item, "publish", {{"published", false}});
  EXPECT_TRUE(day_news(anon_).empty());
  EXPECT_EQ(anon_.Get("/api/public/publicity/" + std::to_string(id)).status, 404u);
  EXPECT_EQ(anon_.Get(Media(picture, "web")).status, 404u);
}

TEST_F(PublicTopicTest, APublicVideoPlaysInRangesAndAPicturesOriginalStaysPrivate) {
  std::string bytes = tf::VideoBytes(dir_);
  ASSERT_FALSE(bytes.empty()) << "ffmpeg is needed (scripts/install-deps.sh)";
  Id video = Upload(bytes, "开幕式.mp4", "video");
  Id photo = UploadPicture(800, 600);
  Insert({.kind = "video", .title = "开幕式视频", .blob = video});
  Insert({.kind = "photos", .title = "开幕式照片", .blob = photo});

  auto gallery = anon_.Get(Campaign("/gallery?kind=video"));
  ASSERT_EQ(gallery.status, 200u) << gallery.body;
  const auto& f = gallery.data().at("items").at(0).at("files").at(0);
  EXPECT_EQ(f.at("play_url").as_string(), Media(video, "video"));
  EXPECT_EQ(f.at("poster_url").as_string(), Media(video, "poster"));

  auto first = anon_.Request("GET", Media(video, "video"), "", {{"Range", "bytes=0-99"}});
  ASSERT_EQ(first.status, 206u) << first.body;
  EXPECT_EQ(first.headers["content-type"], "video/mp4");
  EXPECT_EQ(first.body.size(), 100u);
  EXPECT_EQ(first.headers["cache-control"], "public, max-age=86400");
  auto whole = anon_.Get(Media(video, "video"));
  ASSERT_EQ(whole.status, 200u);
  EXPECT_EQ(whole.body.substr(0, 100), first.body);
  EXPECT_EQ(whole.headers["accept-ranges"], "bytes");
  // A picture is public in its web size only.
  EXPECT_EQ(anon_.Get(Media(photo, "video")).status, 404u);
  EXPECT_EQ(anon_.Get(Media(photo, "original")).status, 404u);
  EXPECT_EQ(anon_.Get(Media(photo, "web")).status, 200u);
}

TEST_F(PublicTopicTest, ShareCardsNameThePublicUrlWhateverTheHost) {
  Id picture = UploadPicture(800, 600);
  Id news = Insert({.title = "开放日 <新闻>", .day = day1_, .blob = picture});
  Id draft = Insert({.title = "草稿新闻", .status = "draft", .published = false});
  std::map<std::string, std::string> hostile{{"Host", "evil.example"},
                                             {"X-Forwarded-Host", "evil.example"}};
  auto page = anon_.Request("GET", "/p/news/" + std::to_string(news), "", hostile);
  ASSERT_EQ(page.status, 200u);
  EXPECT_EQ(page.body.find("evil"), std::string::npos);
  EXPECT_NE(page.body.find("<title>开放日 &lt;新闻&gt; - 智能制造学院</title>"), std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("<meta property=\"og:image\" content=\"" + std::string(kPublicUrl) +
                           Media(picture, "web") + "\">"),
            std::string::npos)
      << page.body;

  auto topic = anon_.Request("GET", "/p/topic", "", hostile);
  EXPECT_NE(topic.body.find("专题</title>"), std::string::npos) << topic.body;
  EXPECT_NE(topic.body.find("og:image\" content=\"" + std::string(kPublicUrl)), std::string::npos);
  auto column = anon_.Request("GET", "/p/column/" + std::to_string(school_), "", hostile);
  EXPECT_NE(column.body.find("<title>四川科技职业学院专栏</title>"), std::string::npos);

  // A draft's page is the plain app, which says it is not found.
  auto hidden = anon_.Get("/p/news/" + std::to_string(draft));
  EXPECT_EQ(hidden.body.find("草稿新闻"), std::string::npos);
  EXPECT_EQ(hidden.body.find("og:title"), std::string::npos);
}

}  // namespace
}  // namespace vw::testing
