// Resumable uploads over HTTP: budgets, chunk order, resume on another
// node, processing on completion, downloads only within one's authority.
#include <gtest/gtest.h>

#include "media/serve_stored.h"
#include "media/sniff.h"
#include "media/test_media_files.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;
namespace tf = media::testfiles;

class MediaApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tf::TempDir();
    server_ = std::make_unique<TestServer>([this](app::Config& c) {
      c.media_dir = dir_.string();
      c.media_max_image_mb = 2;
      c.media_unit_mb = 3;
    });
    college_unit_ = UnitId(server_->db(), "智能制造学院");
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }

  static HttpResult Create(Client& c, Id unit, const std::string& name, std::int64_t size,
                           const std::string& kind = "image") {
    return c.Post("/api/media/uploads",
                  json::object{{"unit_id", unit}, {"name", name}, {"size", size}, {"kind", kind}});
  }
  static HttpResult Chunk(Client& c, Id upload, std::uint64_t offset, const std::string& bytes) {
    return c.Request(
        "PUT",
        "/api/media/uploads/" + std::to_string(upload) + "/chunks?offset=" + std::to_string(offset),
        bytes, {{"Content-Type", "application/octet-stream"}});
  }
  static HttpResult Complete(Client& c, Id upload) {
    return c.Post("/api/media/uploads/" + std::to_string(upload) + "/complete", json::object{});
  }
  // The whole file in one chunk, completed; the blob's JSON.
  HttpResult UploadWhole(Client& c, const std::string& name, const std::string& bytes,
                         const std::string& kind = "image") {
    auto created = Create(c, college_unit_, name, static_cast<std::int64_t>(bytes.size()), kind);
    EXPECT_EQ(created.status, 201u) << created.body;
    Id id = created.data().at("id").as_int64();
    auto put = Chunk(c, id, 0, bytes);
    EXPECT_EQ(put.status, 200u) << put.body;
    return Complete(c, id);
  }

  std::filesystem::path dir_;
  std::unique_ptr<TestServer> server_;
  Id college_unit_ = 0;
};

TEST_F(MediaApiTest, AChunkedUploadResumesOnAnotherNodeAndIsProcessed) {
  auto second = TestServer::SecondNode(*server_);
  Client a(server_->port());
  a.Login("sctc-college");
  Client b(second->port());
  b.cookies() = a.cookies();
  b.csrf = a.csrf;

  std::string photo = tf::WithExif(tf::Jpeg(900, 600), 6);
  auto created = Create(a, college_unit_, "运动会.jpg", static_cast<std::int64_t>(photo.size()));
  ASSERT_EQ(created.status, 201u) << created.body;
  Id id = created.data().at("id").as_int64();
  EXPECT_EQ(created.data().at("chunk_limit").as_int64(), 4 << 20);
  std::size_t half = photo.size() / 2;
  ASSERT_EQ(Chunk(a, id, 0, photo.substr(0, half)).status, 200u);

  // The connection breaks; the client asks the other node where to resume.
  auto status = b.Get("/api/media/uploads/" + std::to_string(id));
  ASSERT_EQ(status.status, 200u) << status.body;
  EXPECT_EQ(status.data().at("received").as_int64(), static_cast<std::int64_t>(half));
  EXPECT_EQ(status.data().at("status").as_string(), "open");
  // Overlapping and out-of-order chunks change nothing.
  auto overlap = Chunk(b, id, half - 10, photo.substr(half - 10, 20));
  EXPECT_EQ(overlap.status, 409u) << overlap.body;
  EXPECT_EQ(overlap.error_field(), "offset");
  EXPECT_NE(overlap.error_message().find(std::to_string(half)), std::string::npos);
  EXPECT_EQ(Chunk(b, id, half + 10, photo.substr(half + 10)).status, 409u);
  // Completing early is refused.
  EXPECT_EQ(Complete(b, id).status, 409u);
  auto rest = Chunk(b, id, half, photo.substr(half));
  ASSERT_EQ(rest.status, 200u) << rest.body;
  EXPECT_EQ(rest.data().at("received").as_int64(), static_cast<std::int64_t>(photo.size()));

  auto done = Complete(b, id);
  ASSERT_EQ(done.status, 200u) << done.body;
  const auto& blob = done.data().as_object();
  EXPECT_EQ(blob.at("mime").as_string(), "image/jpeg");
  EXPECT_EQ(blob.at("width").as_int64(), 600);  // upright
  EXPECT_EQ(blob.at("height").as_int64(), 900);
  EXPECT_EQ(blob.at("unit_id").as_int64(), college_unit_);
  Id blob_id = blob.at("id").as_int64();
  // Completing again answers the same blob.
  EXPECT_EQ(Complete(a, id).data().at("id").as_int64(), blob_id);

  for (const char* variant : {"original", "web", "thumb"}) {
    auto file = a.Get("/api/media/blobs/" + std::to_string(blob_id) + "/" + variant);
    ASSERT_EQ(file.status, 200u) << variant << file.body;
    EXPECT_EQ(file.headers["content-type"], "image/jpeg");
    EXPECT_EQ(media::Sniff(file.body).format, media::Format::kJpeg);
    EXPECT_EQ(file.body.find("Exif"), std::string::npos);
    EXPECT_EQ(file.body.find("Canon"), std::string::npos);
  }
  EXPECT_EQ(a.Get("/api/media/blobs/" + std::to_string(blob_id) + "/poster").status, 404u);
  // The school above the college reads it too (authority reaches down).
  Client school(server_->port());
  school.Login("sctc");
  EXPECT_EQ(school.Get("/api/media/blobs/" + std::to_string(blob_id)).status, 200u);
}

TEST_F(MediaApiTest, TheSameBytesAreStoredOnce) {
  Client c(server_->port());
  c.Login("sctc-college");
  std::string png = tf::Png(1800, 900);  // three sizes that differ
  auto first = UploadWhole(c, "a.png", png);
  auto second = UploadWhole(c, "b.png", png);
  ASSERT_EQ(first.status, 200u) << first.body;
  ASSERT_EQ(second.status, 200u) << second.body;
  EXPECT_NE(first.data().at("id"), second.data().at("id"));
  EXPECT_EQ(first.data().at("sha256"), second.data().at("sha256"));
  std::string hash(first.data().at("sha256").as_string());
  EXPECT_TRUE(std::filesystem::exists(dir_ / hash.substr(0, 2) / hash.substr(2, 2) / hash));
  std::size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir_)) {
    if (e.is_regular_file()) ++files;
  }
  EXPECT_EQ(files, 3u);  // full, web, thumb: once each; no parts left
}

TEST_F(MediaApiTest, TheContentDecidesNotTheName) {
  Client c(server_->port());
  c.Login("sctc-college");
  // A PNG named .jpg is a PNG.
  auto png = UploadWhole(c, "看起来像.jpg", tf::Png(30, 20));
  ASSERT_EQ(png.status, 200u) << png.body;
  // A script named .jpg is refused at its first chunk.
  std::string script = "<?php system($_GET['c']); ?>";
  auto created = Create(c, college_unit_, "photo.jpg", static_cast<std::int64_t>(script.size()));
  Id id = created.data().at("id").as_int64();
  auto put = Chunk(c, id, 0, script);
  EXPECT_EQ(put.status, 415u) << put.body;
  EXPECT_EQ(put.error_field(), "file");
  EXPECT_EQ(put.error_message(), "【文件】不是支持的图片格式（JPEG、PNG、WebP、GIF）");
  EXPECT_EQ(c.Get("/api/media/uploads/" + std::to_string(id)).data().at("received").as_int64(), 0);
  // An image declared as a video is refused too.
  std::string jpeg = tf::Jpeg(20, 20);
  auto video =
      Create(c, college_unit_, "clip.mp4", static_cast<std::int64_t>(jpeg.size()), "video");
  auto wrong = Chunk(c, video.data().at("id").as_int64(), 0, jpeg);
  EXPECT_EQ(wrong.status, 415u);
  EXPECT_NE(wrong.error_message().find("视频格式"), std::string::npos);
}

TEST_F(MediaApiTest, ADecompressionBombIsRefusedAtItsFirstChunk) {
  Client c(server_->port());
  c.Login("sctc-college");
  std::string bomb("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR\0\0\xC3\x50\0\0\xC3\x50\x08\x02\0\0\0", 29);
  bomb += std::string(3000, '\0');
  auto created = Create(c, college_unit_, "bomb.png", static_cast<std::int64_t>(bomb.size()));
  Id id = created.data().at("id").as_int64();
  auto put = Chunk(c, id, 0, bomb);
  EXPECT_EQ(put.status, 400u) << put.body;
  EXPECT_EQ(put.error_field(), "file");
  EXPECT_NE(put.error_message().find("50000×50000"), std::string::npos) << put.error_message();
}

TEST_F(MediaApiTest, BudgetsAreCheckedBeforeAnyByteArrives) {
  Client c(server_->port());
  c.Login("sctc-college");
  auto big = Create(c, college_unit_, "big.jpg", 3 << 20);  // images ≤ 2 MB here
  EXPECT_EQ(big.status, 413u) << big.body;
  EXPECT_EQ(big.error_field(), "size");
  EXPECT_EQ(big.error_message(), "【文件大小】图片不能超过 2 MB");
  auto bad_kind = c.Post(
      "/api/media/uploads",
      json::object{{"unit_id", college_unit_}, {"name", "a.txt"}, {"size", 10}, {"kind", "text"}});
  EXPECT_EQ(bad_kind.status, 400u);
  EXPECT_EQ(bad_kind.error_field(), "kind");
  auto no_name = Create(c, college_unit_, "", 10);
  EXPECT_EQ(no_name.error_field(), "name");
  auto long_name = Create(c, college_unit_, std::string(201, 'a'), 10);
  EXPECT_EQ(long_name.error_field(), "name");
  // The unit's space (3 MB here) counts open uploads too.
  ASSERT_EQ(Create(c, college_unit_, "a.jpg", 2 << 20).status, 201u);
  auto over = Create(c, college_unit_, "b.jpg", (1 << 20) + 1);
  EXPECT_EQ(over.status, 413u) << over.body;
  EXPECT_NE(over.error_message().find("本单位素材空间不足"), std::string::npos);
  // A chunk longer than declared is refused; one over the chunk limit never reaches the handler.
  auto small = Create(c, college_unit_, "s.jpg", 10);
  Id id = small.data().at("id").as_int64();
  auto longer = Chunk(c, id, 0, tf::Jpeg(8, 8));
  EXPECT_EQ(longer.status, 400u);
  EXPECT_EQ(longer.error_field(), "chunk");
  EXPECT_EQ(Chunk(c, id, 0, std::string((4 << 20) + 1, 'x')).status, 413u);
}

TEST_F(MediaApiTest, AForeignUnitsIdsAreRefused) {
  Client college(server_->port());
  college.Login("sctc-college");
  auto done = UploadWhole(college, "p.jpg", tf::Jpeg(40, 40));
  ASSERT_EQ(done.status, 200u) << done.body;
  std::string blob = std::to_string(done.data().at("id").as_int64());
  auto open = Create(college, college_unit_, "q.jpg", 100);
  std::string upload = std::to_string(open.data().at("id").as_int64());

  Client other(server_->port());
  other.Login("school2");
  EXPECT_EQ(other.Get("/api/media/blobs/" + blob).status, 403u);
  EXPECT_EQ(other.Get("/api/media/blobs/" + blob + "/thumb").status, 403u);
  EXPECT_EQ(other.Get("/api/media/uploads/" + upload).status, 404u);
  EXPECT_EQ(Chunk(other, std::stoll(upload), 0, tf::Jpeg(8, 8)).status, 404u);
  EXPECT_EQ(Complete(other, std::stoll(upload)).status, 404u);
  // Nor may one start an upload for a unit outside one's grants.
  auto foreign = Create(other, college_unit_, "x.jpg", 100);
  EXPECT_EQ(foreign.status, 403u) << foreign.body;
  // Unknown ids.
  EXPECT_EQ(other.Get("/api/media/blobs/999999").status, 404u);
  EXPECT_EQ(college.Get("/api/media/blobs/" + blob + "/nonsense").status, 404u);
}

TEST_F(MediaApiTest, AVideoIsStoredWithItsPosterAndACorruptOneRefused) {
  Client c(server_->port());
  c.Login("sctc-college");
  std::string bytes = tf::VideoBytes(dir_);
  ASSERT_FALSE(bytes.empty()) << "ffmpeg is needed (scripts/install-deps.sh)";
  auto done = UploadWhole(c, "开幕式.mp4", bytes, "video");
  ASSERT_EQ(done.status, 200u) << done.body;
  EXPECT_EQ(done.data().at("mime").as_string(), "video/mp4");
  EXPECT_GT(done.data().at("duration_ms").as_int64(), 500);
  std::string id = std::to_string(done.data().at("id").as_int64());
  auto poster = c.Get("/api/media/blobs/" + id + "/poster");
  ASSERT_EQ(poster.status, 200u);
  EXPECT_EQ(media::Sniff(poster.body).format, media::Format::kJpeg);
  // The video kept is the one sent without its metadata.
  auto original = c.Get("/api/media/blobs/" + id + "/original");
  EXPECT_EQ(original.headers["content-type"], "video/mp4");
  EXPECT_EQ(media::Sniff(original.body).format, media::Format::kMp4);
  ASSERT_NE(bytes.find("+30.6586+104.0647"), std::string::npos);
  EXPECT_EQ(original.body.find("+30.6586+104.0647"), std::string::npos);
  EXPECT_EQ(done.data().at("bytes").as_int64(), static_cast<std::int64_t>(original.body.size()));

  for (std::size_t i = 32; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 131 + 7);
  auto corrupt = UploadWhole(c, "坏.mp4", bytes, "video");
  EXPECT_EQ(corrupt.status, 400u) << corrupt.body;
  EXPECT_EQ(corrupt.error_field(), "file");
}

TEST_F(MediaApiTest, AVideoIsServedInRangesForAPlayerThatSeeks) {
  Client c(server_->port());
  c.Login("sctc-college");
  std::string bytes = tf::VideoBytes(dir_);
  ASSERT_FALSE(bytes.empty()) << "ffmpeg is needed (scripts/install-deps.sh)";
  auto done = UploadWhole(c, "开幕式.mp4", bytes, "video");
  ASSERT_EQ(done.status, 200u) << done.body;
  std::string url =
      "/api/media/blobs/" + std::to_string(done.data().at("id").as_int64()) + "/original";
  auto whole = c.Get(url);
  ASSERT_EQ(whole.status, 200u);
  EXPECT_EQ(whole.headers["accept-ranges"], "bytes");
  std::size_t size = whole.body.size();
  ASSERT_GT(size, 1000u);
  std::string total = "/" + std::to_string(size);

  auto part = c.Request("GET", url, "", {{"Range", "bytes=100-199"}});
  EXPECT_EQ(part.status, 206u);
  EXPECT_EQ(part.headers["content-range"], "bytes 100-199" + total);
  EXPECT_EQ(part.body, whole.body.substr(100, 100));
  EXPECT_EQ(part.headers["content-type"], "video/mp4");

  auto tail = c.Request("GET", url, "", {{"Range", "bytes=-10"}});
  EXPECT_EQ(tail.status, 206u);
  EXPECT_EQ(tail.body, whole.body.substr(size - 10));

  auto open = c.Request("GET", url, "", {{"Range", "bytes=0-"}});
  EXPECT_EQ(open.status, 206u);
  EXPECT_EQ(open.body, whole.body);

  auto past = c.Request("GET", url, "", {{"Range", "bytes=" + std::to_string(size) + "-"}});
  EXPECT_EQ(past.status, 416u);
  EXPECT_EQ(past.headers["content-range"], "bytes *" + total);

  // A range of another version of the file (If-Range differs) gets the whole file.
  auto changed = c.Request("GET", url, "", {{"Range", "bytes=0-9"}, {"If-Range", "\"old\""}});
  EXPECT_EQ(changed.status, 200u);
  EXPECT_EQ(changed.body.size(), size);
  auto cached = c.Request("GET", url, "", {{"If-None-Match", whole.headers["etag"]}});
  EXPECT_EQ(cached.status, 304u);
  EXPECT_TRUE(cached.body.empty());
  EXPECT_EQ(media::WholeBytesInFlight(), 0u);
}

TEST_F(MediaApiTest, WithoutASessionNothingAnswers) {
  Client college(server_->port());
  college.Login("sctc-college");
  auto done = UploadWhole(college, "运动会.jpg", tf::Jpeg(400, 300));
  ASSERT_EQ(done.status, 200u) << done.body;
  std::string blob = std::to_string(done.data().at("id").as_int64());
  auto created = Create(college, college_unit_, "半截.jpg", 1000);
  ASSERT_EQ(created.status, 201u);
  std::string upload = std::to_string(created.data().at("id").as_int64());

  Client anonymous(server_->port());
  EXPECT_EQ(anonymous.Get("/api/media/blobs/" + blob).status, 401u);
  EXPECT_EQ(anonymous.Get("/api/media/blobs/" + blob + "/thumb").status, 401u);
  EXPECT_EQ(anonymous.Get("/api/media/blobs/" + blob + "/original").status, 401u);
  EXPECT_EQ(anonymous.Get("/api/media/uploads/" + upload).status, 401u);
  auto put =
      anonymous.Request("PUT", "/api/media/uploads/" + upload + "/chunks?offset=0",
                        std::string(10, 'x'), {{"Content-Type", "application/octet-stream"}});
  EXPECT_EQ(put.status, 401u);
  EXPECT_EQ(anonymous.Post("/api/media/uploads/" + upload + "/complete", json::object{}).status,
            401u);
  EXPECT_EQ(Create(anonymous, college_unit_, "x.jpg", 10).status, 401u);
  // Nothing arrived.
  EXPECT_EQ(college.Get("/api/media/uploads/" + upload).data().at("received").as_int64(), 0);
}

TEST_F(MediaApiTest, FilesNoItemUsesAreSweptAfterAWeek) {
  Client c(server_->port());
  c.Login("sctc-college");
  auto used = UploadWhole(c, "用上的.jpg", tf::Jpeg(2000, 1500));
  auto unused = UploadWhole(c, "没用上的.jpg", tf::Jpeg(1800, 2100));
  auto fresh = UploadWhole(c, "刚传的.jpg", tf::Jpeg(250, 250));
  ASSERT_EQ(used.status, 200u);
  ASSERT_EQ(unused.status, 200u);
  ASSERT_EQ(fresh.status, 200u);
  Id used_id = used.data().at("id").as_int64(), unused_id = unused.data().at("id").as_int64();
  auto& media = server_->app().media();
  // The stored files of a blob: the image and its web and thumbnail versions.
  auto files_of = [&](Id id) {
    db::Session s(server_->db());
    std::string full, web, thumb;
    s.sql() << "SELECT sha256, web_sha256, thumb_sha256 FROM media_blobs WHERE id = :id",
        soci::into(full), soci::into(web), soci::into(thumb), soci::use(id);
    return std::vector<std::filesystem::path>{media.store().PathOf(full), media.store().PathOf(web),
                                              media.store().PathOf(thumb)};
  };
  auto used_files = files_of(used_id), unused_files = files_of(unused_id);
  ASSERT_NE(unused_files[1], unused_files[2]);  // large enough for three sizes
  {
    db::Session s(server_->db());
    Id campaign = 0;
    s.sql() << "SELECT MIN(id) FROM campaigns", soci::into(campaign);
    std::string now = "2025-05-14T02:00:00Z";
    s.sql() << "INSERT INTO publicity_items(campaign_id, unit_id, kind, title, created_at, "
               "updated_at) VALUES (:c, :u, 'photos', '现场', :n1, :n2)",
        soci::use(campaign), soci::use(college_unit_), soci::use(now), soci::use(now);
    s.sql() << "INSERT INTO publicity_item_files(item_id, blob_id) SELECT MAX(id), :b FROM "
               "publicity_items",
        soci::use(used_id);
    s.sql() << "UPDATE media_blobs SET created_at = created_at - 8 * 86400 WHERE id IN (:a, :b)",
        soci::use(used_id), soci::use(unused_id);
  }
  EXPECT_EQ(media.RemoveOrphans(), 1);
  EXPECT_EQ(c.Get("/api/media/blobs/" + std::to_string(unused_id)).status, 404u);
  EXPECT_EQ(c.Get("/api/media/blobs/" + std::to_string(used_id) + "/thumb").status, 200u);
  EXPECT_EQ(c.Get("/api/media/blobs/" + std::to_string(fresh.data().at("id").as_int64()) + "/thumb")
                .status,
            200u);
  // Files are kept until they are a week old too (a file just stored for an
  // upload being completed has no blob yet).
  for (const auto& f : unused_files) EXPECT_TRUE(std::filesystem::exists(f)) << f;
  auto week_ago = std::filesystem::file_time_type::clock::now() - std::chrono::hours(24 * 8);
  for (std::size_t i = 0; i < 2; ++i) {  // the full image and its web version
    std::filesystem::last_write_time(unused_files[i], week_ago);
    std::filesystem::last_write_time(used_files[i], week_ago);
  }
  EXPECT_EQ(media.RemoveOrphans(), 0);
  EXPECT_FALSE(std::filesystem::exists(unused_files[0]));
  EXPECT_FALSE(std::filesystem::exists(unused_files[1]));
  EXPECT_TRUE(std::filesystem::exists(unused_files[2]));  // not old yet
  for (const auto& f : used_files) EXPECT_TRUE(std::filesystem::exists(f)) << f;
}

TEST_F(MediaApiTest, StaleUploadsAreRemovedWithTheirParts) {
  Client c(server_->port());
  c.Login("sctc-college");
  std::string jpeg = tf::Jpeg(40, 40);
  auto created = Create(c, college_unit_, "old.jpg", static_cast<std::int64_t>(jpeg.size()));
  Id id = created.data().at("id").as_int64();
  ASSERT_EQ(Chunk(c, id, 0, jpeg.substr(0, 100)).status, 200u);
  auto part = server_->app().media().store().PartOf(id);
  ASSERT_TRUE(std::filesystem::exists(part));
  EXPECT_EQ(server_->app().media().RemoveStaleUploads(), 0);  // still fresh
  {
    db::Session s(server_->db());
    s.sql() << "UPDATE media_uploads SET updated_at = updated_at - 2 * 86400 WHERE id = :id",
        soci::use(id);
  }
  EXPECT_EQ(server_->app().media().RemoveStaleUploads(), 1);
  EXPECT_FALSE(std::filesystem::exists(part));
  EXPECT_EQ(c.Get("/api/media/uploads/" + std::to_string(id)).status, 404u);
}

}  // namespace
}  // namespace vw::testing
