// HTTP side of the campaign: /api/campaigns/* and the public current campaign.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>

#include "campaign/campaign.h"
#include "http/router.h"

namespace vw::campaign {

// The public view of the current campaign, serialised once and served from
// memory until a campaign write drops it. Public pages and the benchmark hit
// this on every view; it changes only when an administrator edits the
// campaign. With several server processes on one PostgreSQL the others drop
// their copies when the edit's change signal reaches them
// (db/change_signals.h, within a second). The body also carries the phase, which
// moves with the clock: a body built in another phase is rebuilt.
// Thread-safe.
class PublicCampaignCache {
 public:
  explicit PublicCampaignCache(CampaignService& campaigns) : campaigns_(campaigns) {}
  // The envelope body for GET /api/public/campaigns/current, or the error.
  Result<std::shared_ptr<const std::string>> Get();
  void Invalidate();

 private:
  CampaignService& campaigns_;
  std::mutex mu_;
  std::shared_ptr<const std::string> body_;
  Campaign campaign_;  // what body_ was built from
  std::string phase_;  // and the phase it shows
  std::uint64_t generation_ = 0;
};

// /api/campaigns/*, /api/tasks/* and the public current campaign. Campaign
// writes invalidate `cache`.
void RegisterCampaignRoutes(http::Router& router, CampaignService& campaigns,
                            PublicCampaignCache& cache);

}  // namespace vw::campaign
