#include "http/static_files.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace vw::http {
namespace {

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ContentTypeFor(const std::string& ext) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".map", "application/json; charset=utf-8"},
  };
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool AcceptsGzip(std::string_view accept_encoding) {
  return accept_encoding.find("gzip") != std::string_view::npos;
}

// The web app's pages load scripts, styles, fonts and images from this
// server only and never run inline script. Inline styles stay allowed:
// Element Plus and ECharts set element styles at run time, and although the
// pages tried in Chromium raised no violation without 'unsafe-inline', not
// every widget was; styles cannot run script. data: images are the favicon
// placeholder and Element Plus's empty-state pictures; blob: the downloads
// the app builds.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "media-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'";

void SetPagePolicy(Response& r) {
  if (r.content_type.rfind("text/html", 0) == 0) {
    r.SetHeader("Content-Security-Policy", std::string(kContentSecurityPolicy));
  }
}

constexpr std::string_view kNotBuiltPage =
    "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>vocweek</title>"
    "</head><p>前端页面尚未构建。请在项目目录运行 <code>make run</code>。</p></html>";

}  // namespace

StaticFiles::StaticFiles(const std::filesystem::path& root) {
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) {
    spdlog::warn("web root {} not found; serving a placeholder page", root.string());
    File f;
    f.bytes = std::make_shared<const std::string>(kNotBuiltPage);
    f.content_type = "text/html; charset=utf-8";
    f.etag = ETagFor(*f.bytes);
    files_["/index.html"] = std::move(f);
    return;
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::string rel = "/" + std::filesystem::relative(entry.path(), root).generic_string();
    if (entry.path().extension() == ".gz") continue;
    File f;
    f.bytes = std::make_shared<const std::string>(ReadAll(entry.path()));
    f.content_type = ContentTypeFor(entry.path().extension().string());
    f.etag = ETagFor(*f.bytes);
    f.immutable = rel.rfind("/assets/", 0) == 0;
    auto gz = entry.path();
    gz += ".gz";
    if (std::filesystem::exists(gz)) f.gzip = std::make_shared<const std::string>(ReadAll(gz));
    files_[rel] = std::move(f);
  }
  spdlog::info("serving {} static files from {}", files_.size(), root.string());
}

Response StaticFiles::Send(const File& file, const RequestContext& ctx) const {
  Response r;
  bool gz = file.gzip && AcceptsGzip(ctx.Header(beast_http::field::accept_encoding));
  std::string etag = gz ? file.etag.substr(0, file.etag.size() - 1) + "-gz\"" : file.etag;
  r.SetHeader("ETag", etag);
  r.SetHeader("Cache-Control", file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (file.gzip) r.SetHeader("Vary", "Accept-Encoding");
  if (ctx.Header(beast_http::field::if_none_match) == etag) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  r.content_type = file.content_type;
  SetPagePolicy(r);
  if (gz) {
    r.shared_body = file.gzip;
    r.SetHeader("Content-Encoding", "gzip");
  } else {
    r.shared_body = file.bytes;
  }
  return r;
}

namespace {

std::string HtmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\n':
        out += ' ';
        break;
      case '\r':
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace

Response StaticFiles::ServeIndexWithMeta(std::string_view title, std::string_view description,
                                         std::string_view url, std::string_view image) const {
  Response r;
  r.content_type = "text/html; charset=utf-8";
  r.SetHeader("Cache-Control", "no-cache");
  SetPagePolicy(r);
  auto index = files_.find("/index.html");
  std::string html = index == files_.end() ? std::string() : *index->second.bytes;
  std::string t = HtmlEscape(title), d = HtmlEscape(description);
  auto open = html.find("<title>");
  auto close = html.find("</title>");
  if (open != std::string::npos && close != std::string::npos && close > open) {
    html.replace(open + 7, close - open - 7, t);
  }
  std::string meta =
      "<meta name=\"description\" content=\"" + d +
      "\"><meta property=\"og:type\" content=\"article\"><meta property=\"og:title\" "
      "content=\"" +
      t + "\"><meta property=\"og:description\" content=\"" + d + "\">";
  if (!url.empty()) meta += "<meta property=\"og:url\" content=\"" + HtmlEscape(url) + "\">";
  if (!image.empty()) {
    meta += "<meta property=\"og:image\" content=\"" + HtmlEscape(image) + "\">";
  }
  if (auto head = html.find("</head>"); head != std::string::npos) html.insert(head, meta);
  r.body = std::move(html);
  return r;
}

std::optional<Response> StaticFiles::Serve(const RequestContext& ctx) const {
  if (ctx.method() != beast_http::verb::get && ctx.method() != beast_http::verb::head) {
    return std::nullopt;
  }
  std::string_view path = ctx.path();
  if (path.rfind("/api/", 0) == 0 || path == "/api") return std::nullopt;
  if (path.find("..") != std::string_view::npos) {
    return JsonError(Error::NotFound("文件不存在"));
  }
  if (path == "/") path = "/index.html";
  auto it = files_.find(path);
  if (it != files_.end()) return Send(it->second, ctx);
  // A missing asset is a 404; any other path is a page of the single-page app.
  auto slash = path.rfind('/');
  bool looks_like_file =
      path.find('.', slash == std::string_view::npos ? 0 : slash) != std::string_view::npos;
  if (path.rfind("/assets/", 0) == 0 || looks_like_file) {
    Response r;
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "文件不存在";
    return r;
  }
  auto index = files_.find("/index.html");
  if (index == files_.end()) return std::nullopt;
  return Send(index->second, ctx);
}

}  // namespace vw::http
