// The built web app, served from memory.
//
// Every file under the web root is read once at start-up. Hashed assets
// (under /assets/) get a one-year immutable cache; other files, index.html
// first, are revalidated with their ETag (304 when unchanged). A sibling
// "<file>.gz" written by the web build is sent when the client accepts gzip.
// Paths without a file fall back to index.html so the single-page app can
// route them. HTML answers carry the app's Content-Security-Policy.
// Read-only after construction; safe from every server thread.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "http/request.h"
#include "http/response.h"

namespace vw::http {

class StaticFiles {
 public:
  // Loads the directory; a missing directory serves a page that says the web
  // app has not been built.
  explicit StaticFiles(const std::filesystem::path& root);

  // A response for GET/HEAD of a non-API path, or nullopt when the path is
  // not the static tree's (API paths, other methods).
  std::optional<Response> Serve(const RequestContext& ctx) const;

  // The app's index.html with the page's own title and description (and
  // the og: tags WeChat and other link previews read) in its head, for
  // shareable pages whose content the server knows; `url` is the page's
  // absolute address (og:url), built from the configured public URL, and
  // `image` an absolute picture's (og:image; empty: none). Not cached by
  // clients.
  Response ServeIndexWithMeta(std::string_view title, std::string_view description,
                              std::string_view url = {}, std::string_view image = {}) const;

  std::size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::shared_ptr<const std::string> bytes;
    std::shared_ptr<const std::string> gzip;
    std::string content_type;
    std::string etag;
    bool immutable = false;
  };
  Response Send(const File& file, const RequestContext& ctx) const;

  std::map<std::string, File, std::less<>> files_;  // "/index.html" → file
};

}  // namespace vw::http
