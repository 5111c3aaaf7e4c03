// The played demo week (seed.h PlayDemoWeek): figures on every theme day,
// every state of the statistics form, real figures in 全省汇总, the same
// records on every run, nothing after the instant it is played up to, and a
// second run that writes nothing.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>

#include "app/seed.h"
#include "core/time.h"
#include "media/media_service.h"
#include "org/scope.h"
#include "reporting/submissions.h"
#include "test_env.h"

namespace vw::testing {
namespace {

std::int64_t Instant(const std::string& api) { return *timeutil::ParseInstant(api, "at", "at"); }

const std::string kAfterTheWeek = "2025-05-26T10:00:00+08:00";
const std::string kMidWeek = "2025-05-14T10:00:00+08:00";

// The media store of the played weeks, one folder per run, removed at exit.
std::filesystem::path MediaDir() {
  static const struct Root {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("vocweek-seed-week-" + std::to_string(::getpid()));
    ~Root() { std::filesystem::remove_all(dir); }
  } root;
  static int runs = 0;
  return root.dir / std::to_string(++runs);
}

Result<seed::PlayedWeek> Play(db::Database& db, const std::string& until) {
  org::Scope scope(db);
  media::MediaService media(db, scope, {.dir = MediaDir()});
  return seed::PlayDemoWeek(db, Instant(until), media);
}

std::unique_ptr<db::Database> Played(const std::string& until) {
  auto db = FreshDatabase();
  auto seeded = seed::SeedDemo(*db);
  EXPECT_TRUE(seeded.ok()) << seeded.error().message;
  auto played = Play(*db, until);
  EXPECT_TRUE(played.ok()) << played.error().message;
  return db;
}

std::int64_t Count(db::Database& db, const std::string& sql) {
  db::Session s(db);
  std::int64_t n = 0;
  s.sql() << sql, soci::into(n);
  return n;
}

// What the week wrote that a run may not change (tokens and short codes are
// the service's own random secrets, times depend only on the week).
std::vector<std::string> Digest(db::Database& db) {
  db::Session s(db);
  std::vector<std::string> out;
  soci::rowset<soci::row> regs =
      (s.sql().prepare << "SELECT r.activity_id, r.name, r.mobile, r.category, r.head_count, "
                          "r.status, r.created_at, COALESCE((SELECT SUM(c.people) FROM checkins c "
                          "WHERE c.registration_id = r.id AND c.result = 'ok'), 0) "
                          "FROM registrations r ORDER BY r.id");
  for (const auto& r : regs) {
    out.push_back(std::to_string(db::Int(r, 0)) + "|" + db::Str(r, 1) + "|" + db::Str(r, 2) + "|" +
                  db::Str(r, 3) + "|" + std::to_string(db::Int(r, 4)) + "|" + db::Str(r, 5) + "|" +
                  db::Str(r, 6) + "|" + std::to_string(db::Int(r, 7)));
  }
  soci::rowset<soci::row> forms =
      (s.sql().prepare
       << "SELECT unit_id, form, status, submitted_at FROM submissions ORDER BY id");
  for (const auto& r : forms) {
    out.push_back(std::to_string(db::Int(r, 0)) + db::Str(r, 1) + db::Str(r, 2) + db::Str(r, 3));
  }
  // The material library, down to the drawn pictures' bytes.
  soci::rowset<soci::row> items =
      (s.sql().prepare << "SELECT unit_id, title, status, late, COALESCE(published_at, ''), "
                          "COALESCE(submitted_at, '') FROM publicity_items ORDER BY id");
  for (const auto& r : items) {
    out.push_back(std::to_string(db::Int(r, 0)) + db::Str(r, 1) + db::Str(r, 2) +
                  std::to_string(db::Int(r, 3)) + db::Str(r, 4) + db::Str(r, 5));
  }
  soci::rowset<std::string> blobs =
      (s.sql().prepare
       << "SELECT sha256 || web_sha256 || thumb_sha256 FROM media_blobs ORDER BY id");
  for (const auto& b : blobs) out.push_back(b);
  return out;
}

TEST(SeedWeekTest, EveryThemeDayHasPeopleCounted) {
  auto db = Played(kAfterTheWeek);
  db::Session s(*db);
  soci::rowset<soci::row> days =
      (s.sql().prepare << "SELECT d.name, (SELECT COALESCE(SUM(c.people), 0) FROM checkins c "
                          "JOIN activities a ON a.id = c.activity_id WHERE a.theme_day_id = d.id "
                          "AND c.result = 'ok') + (SELECT COALESCE(SUM(w.delta), 0) FROM walkins w "
                          "JOIN activities a ON a.id = w.activity_id WHERE a.theme_day_id = d.id) "
                          "FROM theme_days d ORDER BY d.day_index");
  int n = 0;
  for (const auto& d : days) {
    ++n;
    EXPECT_GT(db::Int(d, 1), 0) << db::Str(d, 0);
  }
  EXPECT_EQ(n, 7);
  // At the door: by QR, by short code and by hand; some did not come.
  for (const char* method : {"scan", "code", "manual"}) {
    EXPECT_GT(Count(*db, std::string("SELECT COUNT(*) FROM checkins WHERE method = '") + method +
                             "' AND result = 'ok'"),
              0)
        << method;
  }
  EXPECT_GT(Count(*db,
                  "SELECT COUNT(*) FROM registrations r WHERE r.status = 'confirmed' AND NOT "
                  "EXISTS (SELECT 1 FROM checkins c WHERE c.registration_id = r.id)"),
            0);
  // The display day's booths counted their visitors (seed_display.cc: 449
  // in the morning, 385 in the afternoon), every booth some.
  EXPECT_EQ(Count(*db, "SELECT COALESCE(SUM(delta), 0) FROM display_visits"), 834);
  EXPECT_EQ(Count(*db, "SELECT COUNT(DISTINCT application_id) FROM display_visits"), 5);
  // Media reports at every level of annex 5.
  for (const char* level : {"central", "provincial", "city", "county"}) {
    EXPECT_GT(
        Count(*db, std::string("SELECT COUNT(*) FROM media_reports WHERE level = '") + level + "'"),
        0)
        << level;
  }
}

TEST(SeedWeekTest, FormsShowEveryStateAndTheProvinceHasFigures) {
  auto db = Played(kAfterTheWeek);
  std::set<std::string> states;
  {
    db::Session s(*db);
    soci::rowset<std::string> rows =
        (s.sql().prepare << "SELECT status FROM submissions WHERE form = 'statistics'");
    for (const auto& r : rows) states.insert(r);
  }
  EXPECT_EQ(states, (std::set<std::string>{"accepted", "draft", "not_participating", "returned",
                                           "submitted"}));
  EXPECT_GT(Count(*db,
                  "SELECT COUNT(*) FROM submissions WHERE status = 'returned' AND comment "
                  "<> ''"),
            0);

  org::Scope scope(*db);
  reporting::SubmissionService submissions(*db, scope);
  ScopedClock clock(kAfterTheWeek);
  auto overview =
      submissions.Overview(Principal::System("test"), Count(*db, "SELECT MIN(id) FROM campaigns"));
  ASSERT_TRUE(overview.ok()) << overview.error().message;
  EXPECT_GT(overview->total.schools, 0);
  EXPECT_GT(overview->total.students, 0);
  EXPECT_GT(overview->total.total, 0);
  EXPECT_GT(overview->total.projects, 0);
  EXPECT_GT(overview->total.enterprises, 0);
  EXPECT_GT(overview->total.media_provincial, 0);
}

std::int64_t Count(db::Database& db, const std::string& sql, Id bound) {
  db::Session s(db);
  std::int64_t n = 0;
  s.sql() << sql, soci::use(bound), soci::into(n);
  return n;
}

TEST(SeedWeekTest, PublicityFlowedUpTheChainAndAnnexFiveCountsThePushedOutlets) {
  auto db = Played(kAfterTheWeek);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM publicity_items"), 10);
  for (const char* kind : {"article", "photos", "video", "case"}) {
    EXPECT_GT(
        Count(*db, std::string("SELECT COUNT(*) FROM publicity_items WHERE kind = '") + kind + "'"),
        0)
        << kind;
  }
  std::map<std::string, std::int64_t> by_status;
  {
    db::Session s(*db);
    soci::rowset<soci::row> rows =
        (s.sql().prepare << "SELECT status, COUNT(*) FROM publicity_items GROUP BY status");
    for (const auto& r : rows) by_status[db::Str(r, 0)] = db::Int(r, 1);
  }
  EXPECT_EQ(by_status, (std::map<std::string, std::int64_t>{
                           {"accepted", 6}, {"pushed", 2}, {"returned", 1}, {"submitted", 1}}));
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM publicity_items WHERE published_at IS NOT NULL"), 5);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM publicity_items WHERE late = 1"), 1);
  EXPECT_GT(Count(*db,
                  "SELECT COUNT(*) FROM publicity_steps WHERE action = 'return' AND "
                  "comment <> ''"),
            0);
  // Nothing with people on it is public without consent.
  EXPECT_EQ(Count(*db,
                  "SELECT COUNT(*) FROM publicity_items WHERE published_at IS NOT NULL AND "
                  "has_people = 1 AND portrait_consent = 0"),
            0);
  // The drawn pictures went through the media module: web size and thumbnail.
  EXPECT_EQ(Count(*db,
                  "SELECT COUNT(*) FROM media_blobs WHERE kind = 'image' AND web_sha256 IS "
                  "NOT NULL AND thumb_sha256 IS NOT NULL"),
            11);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM publicity_item_files"), 11);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM media_reports WHERE publicity_item_id IS NOT NULL"),
            3);

  // 智能制造学院's annex 5 counts its pushed article's two outlets (central
  // and provincial count as 省级及以上) beside its own city report.
  const Id college = UnitId(*db, "智能制造学院");
  EXPECT_EQ(Count(*db,
                  "SELECT COUNT(*) FROM media_reports WHERE publicity_item_id IS NOT NULL AND "
                  "unit_id = :u",
                  college),
            2);
  org::Scope scope(*db);
  reporting::SubmissionService submissions(*db, scope);
  ScopedClock clock(kAfterTheWeek);
  auto form = submissions.Get(Principal::System("test"),
                              Count(*db, "SELECT MIN(id) FROM campaigns"), "statistics", college);
  ASSERT_TRUE(form.ok()) << form.error().message;
  ASSERT_TRUE(form->computed);
  EXPECT_EQ(form->computed->media_provincial,
            Count(*db,
                  "SELECT COUNT(*) FROM media_reports WHERE unit_id = :u AND level IN "
                  "('central', 'provincial') AND channel = 'media'",
                  college));
  EXPECT_EQ(form->computed->media_provincial, 2);
  EXPECT_EQ(form->computed->media_city, 1);
}

TEST(SeedWeekTest, SameRecordsOnEveryRun) {
  std::vector<std::string> first = Digest(*Played(kAfterTheWeek));
  std::vector<std::string> second = Digest(*Played(kAfterTheWeek));
  EXPECT_FALSE(first.empty());
  EXPECT_EQ(first, second);
}

TEST(SeedWeekTest, MidWeekHasOnlyWhatHappenedByThen) {
  auto db = Played(kMidWeek);
  const std::string now = timeutil::FormatUtc(Instant(kMidWeek));
  // The information forms were due before the week; the statistics come after it.
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM submissions WHERE form = 'info_form'"), 0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM submissions WHERE form = 'statistics'"), 0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM checkins WHERE received_at > '" + now + "'"), 0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM display_visits"), 0);  // counted from noon
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM registrations WHERE created_at > '" + now + "'"), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM checkins"), 0);
  // Registrations for the days still to come, nobody checked in there yet.
  EXPECT_GT(Count(*db,
                  "SELECT COUNT(*) FROM registrations r JOIN activities a ON a.id = "
                  "r.activity_id WHERE a.starts_at > '" +
                      now + "'"),
            0);
  EXPECT_EQ(Count(*db,
                  "SELECT COUNT(*) FROM checkins c JOIN activities a ON a.id = "
                  "c.activity_id WHERE a.starts_at > '" +
                      now + "'"),
            0);
  // The clock is the real one again, past the week.
  EXPECT_GT(timeutil::NowUnix(), Instant(kAfterTheWeek));
}

TEST(SeedWeekTest, ASecondRunWritesNothing) {
  auto db = Played(kAfterTheWeek);
  const auto before = Digest(*db);
  const auto activities = Count(*db, "SELECT COUNT(*) FROM activities");
  auto again = Play(*db, kAfterTheWeek);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Digest(*db), before);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM activities"), activities);
}

}  // namespace
}  // namespace vw::testing
