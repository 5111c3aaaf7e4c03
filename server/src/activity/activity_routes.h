// HTTP side of activities: /api/campaigns/{id}/activities, /api/activities/{id},
// /api/activity-audiences.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <mutex>

#include "activity/activity.h"
#include "http/router.h"

namespace vw::activity {

// Serialised public programme pages and iCal feeds, keyed by their parsed
// query (never a header: the links inside come from the configured public
// URL), dropped on every activity change. The programme is read far more
// than it changes (every visitor, every filter click), so pages are served
// from memory with an ETag; a write anywhere clears the whole cache (simple
// and always correct; other server processes clear theirs through the change
// signal, db/change_signals.h). Bounded in entries and in bytes (bodies and keys):
// the oldest pages make room for new ones, and a page larger than the whole
// budget is served without being kept. Thread-safe.
class PublicProgrammeCache {
 public:
  struct Page {
    std::shared_ptr<const std::string> body;
    std::string etag;
  };
  static constexpr std::size_t kMaxEntries = 1024;
  static constexpr std::size_t kMaxBytes = 32u << 20;

  explicit PublicProgrammeCache(std::size_t max_bytes = kMaxBytes,
                                std::size_t max_entries = kMaxEntries)
      : max_bytes_(max_bytes), max_entries_(max_entries) {}

  // The cached page for `key`, or one built by `build` (kept only if no
  // change happened meanwhile).
  Result<Page> Get(const std::string& key, const std::function<Result<std::string>()>& build);
  void Invalidate();

  // What the cache holds now: pages and bytes of keys and bodies.
  std::size_t size() const;
  std::size_t bytes() const;

 private:
  std::size_t max_bytes_;
  std::size_t max_entries_;
  mutable std::mutex mu_;
  std::map<std::string, Page> pages_;
  std::deque<std::string> order_;  // keys, oldest first
  std::size_t bytes_ = 0;
  std::uint64_t generation_ = 0;
};

// A response carrying a cached page (ETag, revalidated on every use), or
// 304 when the client has it. Shared by the public answers kept in such a
// cache (the programme, the topic site).
http::Response CachedReply(const http::RequestContext& ctx, const PublicProgrammeCache::Page& page);

void RegisterActivityRoutes(http::Router& router, ActivityService& activities,
                            PublicProgrammeCache& cache);

}  // namespace vw::activity
