// Serving the built web app: caching, gzip, SPA fallback.
#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace vw::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("vw-static-" + std::to_string(::getpid()));
    fs::create_directories(root_ / "assets");
    Write("index.html", "<!doctype html><head><title>职业教育活动周</title></head>");
    Write("assets/app-3f2a.js", "console.log('app')");
    Write("assets/app-3f2a.js.gz", "GZIPPED");
  }
  void TearDown() override { fs::remove_all(root_); }

  void Write(const std::string& rel, const std::string& content) {
    std::ofstream(root_ / rel, std::ios::binary) << content;
  }

  Response Get(const StaticFiles& files, const std::string& target,
               const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    RawRequest req(beast_http::verb::get, target, 11);
    for (auto& [k, v] : headers) req.set(k, v);
    RequestContext ctx(req, "test-1", "127.0.0.1");
    auto r = files.Serve(ctx);
    EXPECT_TRUE(r.has_value()) << target;
    return r ? *r : Response{};
  }

  static std::string HeaderOf(const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "";
  }

  fs::path root_;
};

TEST_F(StaticFilesTest, IndexIsRevalidatedWithEtag) {
  StaticFiles files(root_);
  auto first = Get(files, "/");
  EXPECT_EQ(first.status, 200u);
  EXPECT_NE(first.Body().find("职业教育活动周"), std::string::npos);
  std::string etag = HeaderOf(first, "ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(HeaderOf(first, "Cache-Control"), "no-cache");
  auto again = Get(files, "/", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304u);
  EXPECT_TRUE(again.Body().empty());
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutableAndGzipped) {
  StaticFiles files(root_);
  auto plain = Get(files, "/assets/app-3f2a.js");
  EXPECT_EQ(plain.Body(), "console.log('app')");
  EXPECT_NE(HeaderOf(plain, "Cache-Control").find("immutable"), std::string::npos);
  auto gz = Get(files, "/assets/app-3f2a.js", {{"Accept-Encoding", "gzip, br"}});
  EXPECT_EQ(gz.Body(), "GZIPPED");
  EXPECT_EQ(HeaderOf(gz, "Content-Encoding"), "gzip");
  EXPECT_EQ(HeaderOf(gz, "Vary"), "Accept-Encoding");
}

TEST_F(StaticFilesTest, UnknownPathsFallBackToIndexButApiDoesNot) {
  StaticFiles files(root_);
  auto spa = Get(files, "/units/42");
  EXPECT_EQ(spa.status, 200u);
  EXPECT_NE(spa.Body().find("<title>"), std::string::npos);
  RawRequest req(beast_http::verb::get, "/api/units", 11);
  RequestContext ctx(req, "t", "127.0.0.1");
  EXPECT_FALSE(files.Serve(ctx).has_value());
}

TEST_F(StaticFilesTest, PathTraversalNeverLeavesTheRoot) {
  StaticFiles files(root_);
  auto r = Get(files, "/../../etc/passwd");
  EXPECT_EQ(r.Body().find("root:"), std::string::npos);
}

}  // namespace
}  // namespace vw::http

namespace vw::http {
namespace {

TEST_F(StaticFilesTest, SharedPagesCarryTheirOwnEscapedMeta) {
  StaticFiles files(root_);
  auto r = files.ServeIndexWithMeta("开放日 <第1场>", "5月12日 \"东区\" & 实训楼");
  std::string html(r.Body());
  EXPECT_NE(html.find("<title>开放日 &lt;第1场&gt;</title>"), std::string::npos) << html;
  EXPECT_EQ(html.find("职业教育活动周"), std::string::npos);
  EXPECT_NE(html.find("<meta property=\"og:title\" content=\"开放日 &lt;第1场&gt;\">"),
            std::string::npos);
  EXPECT_NE(html.find("content=\"5月12日 &quot;东区&quot; &amp; 实训楼\""), std::string::npos);
  EXPECT_LT(html.find("og:description"), html.find("</head>"));
  EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-cache");
}

}  // namespace
}  // namespace vw::http
