// The notifications' SQL on its own (notification_store.h): a user reads
// the notices of the units it holds a grant on, and its read mark is its
// own and keeps the first time. SQLite and PostgreSQL.
#include "reporting/notification_store.h"

#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

using namespace vw::reporting;

Id UserId(db::Database& db, const std::string& username) {
  db::Session s(db);
  Id id = 0;
  s.sql() << "SELECT id FROM users WHERE username = :u", soci::use(username), soci::into(id);
  EXPECT_NE(id, 0) << username;
  return id;
}

TEST(NotificationStoreTest, ReadMarksArePerUserAndKeepTheFirstTime) {
  TestServer server;
  db::Session s(server.db());
  Id campaign = 0;
  s.sql() << "SELECT MAX(id) FROM campaigns", soci::into(campaign);
  Id unit = UnitId(server.db(), "成都工业职业技术学院");
  Id reader = UserId(server.db(), "school2");  // holds a grant on the unit
  Id stranger = UserId(server.db(), "sctc");   // does not
  store::InsertNotification(s, {unit, campaign, "returned", "情况统计表被退回修改", "请补充",
                                "/forms", std::nullopt, "2099-01-01 08:00:00"});
  // Newer than anything the demo holds, so the first of the list.
  auto latest = store::LatestNotifications(s, reader, 50);
  ASSERT_FALSE(latest.empty());
  const Notification n = latest.front();
  EXPECT_EQ(n.title, "情况统计表被退回修改");
  EXPECT_EQ(n.unit_name, "成都工业职业技术学院");
  EXPECT_EQ(n.read_at, "") << "unread";
  EXPECT_EQ(store::VisibleNotification(s, stranger, n.id), std::nullopt);
  for (const auto& other : store::LatestNotifications(s, stranger, 50)) {
    EXPECT_NE(other.id, n.id);
  }

  store::MarkNotificationRead(s, n.id, reader, "2099-01-01 09:00:00");
  store::MarkNotificationRead(s, n.id, reader, "2099-01-01 10:00:00");
  auto read = store::VisibleNotification(s, reader, n.id);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->read_at, "2099-01-01 09:00:00") << "the first mark stays";
  EXPECT_EQ(store::LatestNotifications(s, reader, 50).front().read_at, "2099-01-01 09:00:00");

  // Another reader of the same unit has not read it.
  Id other = UserId(server.db(), "province");
  s.sql() << "INSERT INTO grants (user_id, unit_id, role, created_at) VALUES (:u, :n, 'viewer', "
             "'2025-05-12 08:00:00')",
      soci::use(other), soci::use(unit);
  auto theirs = store::VisibleNotification(s, other, n.id);
  ASSERT_TRUE(theirs.has_value());
  EXPECT_EQ(theirs->read_at, "");
}

}  // namespace
}  // namespace vw::testing
