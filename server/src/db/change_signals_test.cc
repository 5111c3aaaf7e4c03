// Change signals: a bump through one connection pool reaches the watchers
// of another (two server processes on one database).
#include "db/change_signals.h"

#include <gtest/gtest.h>

#include "db/migrations.h"
#include "test_env.h"

namespace vw::testing {
namespace {

TEST(ChangeSignalsTest, ABumpElsewhereCallsTheWatchersOfThatNameOnly) {
  auto o = FreshAppOptions();
  db::Database writer(db::Options{o.config.db_url, 2, o.pg_schema});
  db::Migrate(writer);
  db::Database reader(db::Options{o.config.db_url, 2, o.pg_schema});
  db::ChangeSignals signals(reader);
  int campaign = 0, programme = 0;
  signals.Watch(db::kCampaignSignal, [&] { ++campaign; });
  signals.Watch(db::kProgrammeSignal, [&] { ++programme; });
  ASSERT_TRUE(signals.Poll());  // the first read records the versions
  EXPECT_EQ(campaign + programme, 0);

  {
    db::Session s(writer);
    db::Transaction tx(s);
    db::Bump(s, db::kProgrammeSignal);
    ASSERT_TRUE(signals.Poll());
    EXPECT_EQ(programme, 0) << "seen before its commit";
    tx.Commit();
  }
  ASSERT_TRUE(signals.Poll());
  EXPECT_EQ(programme, 1);
  EXPECT_EQ(campaign, 0);
  ASSERT_TRUE(signals.Poll());
  EXPECT_EQ(programme, 1) << "called again without a change";

  {
    db::Session s(writer);
    db::Bump(s, db::kCampaignSignal);
  }
  ASSERT_TRUE(signals.Poll());
  EXPECT_EQ(campaign, 1);
  EXPECT_EQ(programme, 1);
}

}  // namespace
}  // namespace vw::testing
