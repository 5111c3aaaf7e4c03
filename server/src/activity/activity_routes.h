// HTTP side of activities: /api/campaigns/{id}/activities, /api/activities/{id},
// /api/activity-audiences.
#pragma once

#include <map>
#include <memory>
#include <mutex>

#include "activity/activity.h"
#include "http/router.h"

namespace vw::activity {

// Serialised public programme pages, keyed by their query, dropped on every
// activity change. The programme is read far more than it changes (every
// visitor, every filter click), so pages are served from memory with an
// ETag; a write anywhere clears the whole cache (simple and always
// correct). Bounded: beyond kMaxEntries distinct queries it starts over.
// Thread-safe.
class PublicProgrammeCache {
 public:
  struct Page {
    std::shared_ptr<const std::string> body;
    std::string etag;
  };
  static constexpr std::size_t kMaxEntries = 1024;

  // The cached page for `key`, or one built by `build` (kept only if no
  // change happened meanwhile).
  Result<Page> Get(const std::string& key, const std::function<Result<std::string>()>& build);
  void Invalidate();

 private:
  std::mutex mu_;
  std::map<std::string, Page> pages_;
  std::uint64_t generation_ = 0;
};

void RegisterActivityRoutes(http::Router& router, ActivityService& activities,
                            PublicProgrammeCache& cache);

}  // namespace vw::activity
