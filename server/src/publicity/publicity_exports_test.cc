// The material library's files over HTTP: the digest as Word (text and a
// picture part) and as PDF (it renders), the archive of originals with its
// catalogue, authority over the unit asked for, and the budgets.
#include "publicity/publicity_exports.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>

#include "core/time.h"
#include "media/test_media_files.h"
#include "test_env.h"
#include "unzip.h"

namespace vw::testing {
namespace {

namespace json = boost::json;
namespace tf = media::testfiles;

// The text of a PDF by pdftotext, spaces and line breaks removed; nullopt
// without the tool.
std::optional<std::string> PdfText(const std::string& pdf) {
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) return std::nullopt;
  auto dir = tf::TempDir();
  { std::ofstream(dir / "d.pdf", std::ios::binary) << pdf; }
  std::string cmd =
      "pdftotext '" + (dir / "d.pdf").string() + "' '" + (dir / "d.txt").string() + "'";
  if (std::system(cmd.c_str()) != 0) return std::nullopt;
  std::ifstream in(dir / "d.txt");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  std::filesystem::remove_all(dir);
  std::string flat;
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\f') flat += c;
  }
  return flat;
}

class PublicityExportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tf::TempDir();
    server_ = std::make_unique<TestServer>([this](app::Config& c) { c.media_dir = dir_.string(); });
    db::Database& db = server_->db();
    college_ = UnitId(db, "智能制造学院");
    school_ = UnitId(db, "四川科技职业学院");
    other_school_ = UnitId(db, "成都工业职业技术学院");
    province_ = UnitId(db, "四川省教育厅");
    {
      db::Session s(db);
      s.sql() << "SELECT MIN(id) FROM campaigns WHERE year = 2025", soci::into(campaign_);
    }
    Client college(server_->port());
    college.Login("sctc-college");
    stage_photo_ = Upload(college, college_, "舞台.png", tf::Png(1200, 800));
    booth_photo_ = Upload(college, college_, "展位.jpg", tf::Jpeg(900, 900));
    Client other(server_->port());
    other.Login("school2");
    foreign_photo_ = Upload(other, other_school_, "别校.jpg", tf::Jpeg(300, 200));

    // The library as the flow leaves it (the service's own tests cover the flow).
    Id pushed =
        Item(college_, "article", "智能制造学院举办开放日", "pushed",
             "五月十四日，智能制造学院向中小学生开放实训基地，学生们体验了工业机器人编程。");
    Attach(pushed, stage_photo_, "开放日现场");
    Take(pushed, school_);
    Take(pushed, province_);
    Outlet(pushed, college_, "四川日报", "provincial", "2025-05-16");
    Id case_item = Item(college_, "case", "产教融合育人典型案例", "accepted",
                        "学院与企业共建产业学院，形成了“教学—实训—就业”一体的培养路径。");
    Take(case_item, school_);
    Id photos = Item(college_, "photos", "技能展示图集", "accepted", "");
    Attach(photos, booth_photo_, "学生展位");
    Take(photos, school_);
    Item(college_, "article", "尚未提交的草稿标题", "draft",
         "这是一篇还没有提交的草稿正文内容，不应出现。");
    Id foreign = Item(other_school_, "article", "别校的采用稿件", "accepted",
                      "成都工业职业技术学院的稿件正文，不应出现在四川科技职业学院的汇编中。");
    Attach(foreign, foreign_photo_, "");
    // A plain media report of the school (not from the library) on another level.
    Outlet(std::nullopt, school_, "成都电视台", "city", "2025-05-15");
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }

  Id Upload(Client& c, Id unit, const std::string& name, const std::string& bytes) {
    auto created = c.Post(
        "/api/media/uploads",
        json::object{{"unit_id", unit}, {"name", name}, {"size", bytes.size()}, {"kind", "image"}});
    EXPECT_EQ(created.status, 201u) << created.body;
    Id id = created.data().at("id").as_int64();
    auto put = c.Request("PUT", "/api/media/uploads/" + std::to_string(id) + "/chunks?offset=0",
                         bytes, {{"Content-Type", "application/octet-stream"}});
    EXPECT_EQ(put.status, 200u) << put.body;
    auto done = c.Post("/api/media/uploads/" + std::to_string(id) + "/complete", json::object{});
    EXPECT_EQ(done.status, 200u) << done.body;
    return done.data().at("id").as_int64();
  }

  Id Item(Id unit, const std::string& kind, const std::string& title, const std::string& status,
          const std::string& body) {
    db::Session s(server_->db());
    const std::string now = timeutil::FormatUtc(timeutil::NowUnix());
    std::string submitted = status == "draft" ? "" : "2025-05-15T02:00:00Z";
    soci::indicator sub_ind = submitted.empty() ? soci::i_null : soci::i_ok;
    s.sql() << "INSERT INTO publicity_items(campaign_id, unit_id, kind, title, body, author, "
               "status, submitted_at, created_at, updated_at) VALUES (:c, :u, :k, :t, :b, "
               "'张三', :s, :sub, :n, :n2)",
        soci::use(campaign_), soci::use(unit), soci::use(kind), soci::use(title), soci::use(body),
        soci::use(status), soci::use(submitted, sub_ind), soci::use(now), soci::use(now);
    Id id = 0;
    s.sql() << "SELECT MAX(id) FROM publicity_items", soci::into(id);
    return id;
  }
  void Attach(Id item, Id blob, const std::string& caption) {
    db::Session s(server_->db());
    s.sql() << "INSERT INTO publicity_item_files(item_id, blob_id, caption) VALUES (:i, :b, :c)",
        soci::use(item), soci::use(blob), soci::use(caption);
  }
  void Take(Id item, Id unit) {
    db::Session s(server_->db());
    s.sql() << "INSERT INTO publicity_takes(item_id, unit_id, taken_at) VALUES (:i, :u, "
               "'2025-05-15T03:00:00Z')",
        soci::use(item), soci::use(unit);
  }
  void Outlet(std::optional<Id> item, Id unit, const std::string& outlet, const std::string& level,
              const std::string& on) {
    db::Session s(server_->db());
    Id item_id = item.value_or(0);
    soci::indicator ind = item ? soci::i_ok : soci::i_null;
    s.sql() << "INSERT INTO media_reports(campaign_id, unit_id, outlet, level, title, "
               "published_on, created_at, publicity_item_id) VALUES (:c, :u, :o, :l, '报道标题', "
               ":p, '2025-05-16T02:00:00Z', :i)",
        soci::use(campaign_), soci::use(unit), soci::use(outlet), soci::use(level), soci::use(on),
        soci::use(item_id, ind);
  }

  std::string Query(Id unit) const {
    return "?campaign_id=" + std::to_string(campaign_) + "&unit_id=" + std::to_string(unit);
  }
  // Keeps a copy of an export for a person to look at (VOCWEEK_EXPORT_DIR).
  static void Keep(const std::string& name, const std::string& bytes) {
    if (const char* dir = std::getenv("VOCWEEK_EXPORT_DIR")) {
      std::ofstream(std::filesystem::path(dir) / name, std::ios::binary) << bytes;
    }
  }

  std::filesystem::path dir_;
  std::unique_ptr<TestServer> server_;
  Id campaign_ = 0, college_ = 0, school_ = 0, other_school_ = 0, province_ = 0;
  Id stage_photo_ = 0, booth_photo_ = 0, foreign_photo_ = 0;
};

TEST_F(PublicityExportsTest, DigestAsWordHoldsTheFeaturedTextPicturesAndReports) {
  Client school(server_->port());
  school.Login("sctc");
  auto r = school.Get("/api/publicity/digest" + Query(school_) + "&format=docx");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_NE(r.headers["content-type"].find("wordprocessingml"), std::string::npos);
  Keep("digest.docx", r.body);
  auto parts = Unzip(r.body);
  ASSERT_TRUE(parts);
  const std::string& doc = parts->at("word/document.xml");
  for (const char* text :
       {"四川科技职业学院2025年职业教育活动周宣传材料汇编", "智能制造学院举办开放日【择优推送】",
        "工业机器人编程", "四川日报（省级，2025-05-16）", "产教融合育人典型案例", "技能展示图集",
        "学生展位", "省级媒体（1 篇）", "市（州）级媒体（1 篇）", "成都电视台", "稿件 1 篇"}) {
    EXPECT_NE(doc.find(text), std::string::npos) << text;
  }
  EXPECT_EQ(doc.find("尚未提交的草稿标题"), std::string::npos);
  EXPECT_EQ(doc.find("别校的采用稿件"), std::string::npos);
  // The two photos of the subtree, as their web versions (JPEG).
  EXPECT_TRUE(parts->count("word/media/image1.jpeg"));
  EXPECT_TRUE(parts->count("word/media/image2.jpeg"));
  EXPECT_FALSE(parts->count("word/media/image3.jpeg"));
  EXPECT_EQ(parts->at("word/media/image1.jpeg").substr(0, 3), std::string("\xff\xd8\xff", 3));
}

TEST_F(PublicityExportsTest, DigestAsPdfRendersForTheProvinceOverItsSubtree) {
  Client province(server_->port());
  province.Login("province");
  auto r = province.Get("/api/publicity/digest" + Query(province_) + "&format=pdf");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.body.rfind("%PDF-", 0), 0u);
  EXPECT_NE(r.body.find("/Subtype /Image"), std::string::npos);
  Keep("digest.pdf", r.body);
  auto text = PdfText(r.body);
  if (!text) GTEST_SKIP() << "pdftotext is not installed";
  EXPECT_NE(text->find("四川省教育厅2025年职业教育活动周宣传材料汇编"), std::string::npos) << *text;
  EXPECT_NE(text->find("智能制造学院举办开放日【择优推送】"), std::string::npos);
  // The province's subtree holds the other school too.
  EXPECT_NE(text->find("别校的采用稿件"), std::string::npos);
  EXPECT_EQ(text->find("尚未提交的草稿标题"), std::string::npos);
}

TEST_F(PublicityExportsTest, ArchiveHoldsTheOriginalsOfTheLibraryWithACatalogue) {
  Client school(server_->port());
  school.Login("sctc");
  auto r = school.Get("/api/publicity/archive" + Query(school_));
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/zip");
  Keep("archive.zip", r.body);
  auto entries = Unzip(r.body);
  ASSERT_TRUE(entries);
  std::vector<std::string> names;
  for (const auto& [name, bytes] : *entries) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "001_智能制造学院举办开放日/01_舞台.jpg",
                       "001_智能制造学院举办开放日/正文.txt",
                       "002_产教融合育人典型案例/正文.txt",
                       "003_技能展示图集/01_展位.jpg",
                       "目录.xlsx",
                   }));
  EXPECT_EQ(entries->at("003_技能展示图集/01_展位.jpg").substr(0, 3),
            std::string("\xff\xd8\xff", 3));
  EXPECT_NE(entries->at("001_智能制造学院举办开放日/正文.txt").find("工业机器人编程"),
            std::string::npos);
  EXPECT_EQ(entries->at("目录.xlsx").substr(0, 2), "PK");
}

TEST_F(PublicityExportsTest, ForgedUnitsAndCampaignsAreRefused) {
  Client college(server_->port());
  college.Login("sctc-college");
  Client other(server_->port());
  other.Login("school2");
  for (const std::string path : {"/api/publicity/digest", "/api/publicity/archive"}) {
    // The college asks for its parent's; another school for this one's.
    EXPECT_EQ(college.Get(path + Query(school_)).status, 403u) << path;
    EXPECT_EQ(other.Get(path + Query(school_)).status, 403u) << path;
    EXPECT_EQ(other.Get(path + Query(987654)).status, 403u) << path;
    EXPECT_EQ(
        other.Get(path + "?campaign_id=987654&unit_id=" + std::to_string(other_school_)).status,
        404u)
        << path;
    EXPECT_EQ(other.Get(path + "?unit_id=" + std::to_string(other_school_)).status, 400u) << path;
    // Its own unit answers, without the other school's material.
    auto own = other.Get(path + Query(other_school_));
    EXPECT_EQ(own.status, 200u) << path << own.body;
  }
  auto bad_format = college.Get("/api/publicity/digest" + Query(college_) + "&format=xlsx");
  EXPECT_EQ(bad_format.status, 400u);
}

TEST_F(PublicityExportsTest, OverTheBudgetsIsRefusedInChinese) {
  org::Scope scope(server_->db());
  const Principal admin = Principal::System("test");
  auto run = [&](publicity::ExportLimits limits, bool archive) {
    publicity::PublicityExports exports(server_->db(), scope, server_->app().media(), limits);
    return archive ? exports.Archive(admin, campaign_, school_)
                   : exports.Digest(admin, campaign_, school_, "pdf");
  };
  auto few_files = run({.max_files = 1}, true);
  ASSERT_FALSE(few_files.ok());
  EXPECT_EQ(few_files.error().field, "unit_id");
  EXPECT_NE(few_files.error().message.find("超过打包上限 1 个"), std::string::npos);
  auto few_bytes = run({.max_archive_bytes = 1000}, true);
  ASSERT_FALSE(few_bytes.ok());
  EXPECT_NE(few_bytes.error().message.find("MB"), std::string::npos);
  auto few_items = run({.max_items = 2}, true);
  ASSERT_FALSE(few_items.ok());
  EXPECT_NE(few_items.error().message.find("超过 2 件"), std::string::npos);
  auto few_pictures = run({.max_pictures = 1}, false);
  ASSERT_FALSE(few_pictures.ok());
  EXPECT_NE(few_pictures.error().message.find("图片共 2 张"), std::string::npos);
  auto small_pictures = run({.max_picture_bytes = 100}, false);
  ASSERT_FALSE(small_pictures.ok());
  // Without photos per item it renders, with a note on those left out.
  EXPECT_TRUE(run({.pictures_per_item = 0}, false).ok());
}

}  // namespace
}  // namespace vw::testing
