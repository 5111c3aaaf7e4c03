// Where a campaign stands, from its dates (the 2025 week: 5月11日–17日, the
// last provincial deadline 5月24日 23:59).
#include <gtest/gtest.h>

#include "campaign/campaign.h"
#include "core/time.h"

namespace vw::campaign {
namespace {

Campaign Week2025(std::string status = "active") {
  Campaign c;
  c.status = std::move(status);
  c.starts_on = "2025-05-11";
  c.ends_on = "2025-05-17";
  c.last_due_at = "2025-05-24T15:59:00Z";
  return c;
}

std::int64_t At(const char* date, int hour, int minute) {
  return timeutil::ShanghaiToUnix(date, hour, minute);
}

TEST(CampaignPhaseTest, FollowsTheDatesOfAnActiveCampaign) {
  Campaign c = Week2025();
  EXPECT_EQ(CampaignPhase(c, At("2025-04-01", 9, 0)), "preparing");
  EXPECT_EQ(CampaignPhase(c, At("2025-05-10", 23, 59)), "preparing");
  EXPECT_EQ(CampaignPhase(c, At("2025-05-11", 0, 0)), "in_week");
  EXPECT_EQ(CampaignPhase(c, At("2025-05-17", 23, 59)), "in_week");
  EXPECT_EQ(CampaignPhase(c, At("2025-05-18", 0, 0)), "summarising");
  EXPECT_EQ(CampaignPhase(c, At("2025-05-24", 23, 59)), "summarising");
  EXPECT_EQ(CampaignPhase(c, At("2025-05-25", 0, 0)), "ended");
  // Seven months after the week.
  EXPECT_EQ(CampaignPhase(c, At("2025-12-04", 10, 0)), "ended");
}

TEST(CampaignPhaseTest, WithoutDeadlinesTheSummaryTakesAWeek) {
  Campaign c = Week2025();
  c.last_due_at.reset();
  EXPECT_EQ(CampaignPhase(c, At("2025-05-24", 23, 59)), "summarising");
  EXPECT_EQ(CampaignPhase(c, At("2025-05-25", 0, 0)), "ended");
}

TEST(CampaignPhaseTest, DraftAndClosedIgnoreTheDates) {
  EXPECT_EQ(CampaignPhase(Week2025("draft"), At("2025-05-12", 9, 0)), "draft");
  EXPECT_EQ(CampaignPhase(Week2025("closed"), At("2025-05-12", 9, 0)), "ended");
}

}  // namespace
}  // namespace vw::campaign
