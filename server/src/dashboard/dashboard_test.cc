// The dashboards (docs/dashboards.md): their figures are annex 5's on the
// played demo week, a unit sees its own subtree only (forged ids), 主动公开
// counts accepted forms only, and the live count moves with the records.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "activity/activity.h"
#include "app/seed.h"
#include "campaign/campaign.h"
#include "core/time.h"
#include "dashboard/dashboard.h"
#include "dashboard/live.h"
#include "media/media_service.h"
#include "org/scope.h"
#include "reporting/statistics_store.h"
#include "reporting/submissions.h"
#include "test_env.h"

namespace vw::testing {
namespace {

const std::string kAfterTheWeek = "2025-05-26T10:00:00+08:00";
const std::string kMidWeek = "2025-05-14T10:00:00+08:00";

std::int64_t Count(db::Database& db, const std::string& sql) {
  db::Session s(db);
  std::int64_t n = 0;
  s.sql() << sql, soci::into(n);
  return n;
}

// A database with the demo data and its week played up to `until` (after
// the week by default).
std::unique_ptr<db::Database> PlayedWeek(const std::string& until = kAfterTheWeek) {
  auto db = FreshDatabase();
  auto seeded = seed::SeedDemo(*db);
  EXPECT_TRUE(seeded.ok()) << seeded.error().message;
  static const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("vocweek-dashboard-" + std::to_string(::getpid()));
  org::Scope scope(*db);
  media::MediaService media(*db, scope, {.dir = dir});
  auto played = seed::PlayDemoWeek(*db, *timeutil::ParseInstant(until, "at", "at"), media);
  EXPECT_TRUE(played.ok()) << played.error().message;
  std::filesystem::remove_all(dir);
  return db;
}

void ExpectSameFigures(const reporting::StatisticsRow& a, const reporting::StatisticsRow& b,
                       const std::string& what) {
  for (const auto& f : reporting::kStatisticsFields) {
    EXPECT_DOUBLE_EQ(reporting::FigureValue(a, f), reporting::FigureValue(b, f))
        << what << " " << f.code;
  }
  EXPECT_EQ(a.enrolled, b.enrolled) << what;
}

// The figures of `rows` added up, ratios from the sums.
reporting::StatisticsRow SumOf(const std::vector<reporting::StatisticsRow>& rows) {
  reporting::StatisticsRow sum;
  for (const auto& r : rows) reporting::AddFigures(sum, r);
  reporting::RecomputeRatios(sum);
  return sum;
}

struct Services {
  explicit Services(db::Database& db)
      : scope(db),
        activities(db, scope),
        submissions(db, scope),
        dashboards(db, scope, activities, submissions) {}
  org::Scope scope;
  activity::ActivityService activities;
  reporting::SubmissionService submissions;
  dashboard::DashboardService dashboards;
};

TEST(DashboardTest, TheProvinceDashboardShowsAnnexFiveOfTheRollUpOnThePlayedWeek) {
  auto db = PlayedWeek();
  ScopedClock clock(kAfterTheWeek);
  Services sv(*db);
  Id campaign = Count(*db, "SELECT MIN(id) FROM campaigns");
  Principal system = Principal::System("test");
  auto d = sv.dashboards.Province(system, campaign);
  ASSERT_TRUE(d.ok()) << d.error().message;
  auto o = sv.submissions.Overview(system, campaign);
  ASSERT_TRUE(o.ok());
  // The total and every row are the overview's (annex 5 over both chains).
  ExpectSameFigures(d->total, o->total, "total");
  ASSERT_EQ(d->rows.size(), o->rows.size());
  for (std::size_t i = 0; i < d->rows.size(); ++i) {
    ExpectSameFigures(d->rows[i].figures, o->rows[i].figures, d->rows[i].name);
    EXPECT_EQ(d->rows[i].included, o->rows[i].included);
  }
  EXPECT_GT(d->total.students, 0);
  EXPECT_GT(d->total.media_provincial, 0);
  // Coverage from the sums, never averaged.
  EXPECT_DOUBLE_EQ(d->total.coverage,
                   reporting::CoveragePercent(d->total.students, d->total.enrolled));

  // 天天有活动: the coverage matrices of both chains, day by day.
  ASSERT_EQ(d->days.dates.size(), 7u);
  std::vector<int> expected(7, 0);
  db::Session s(*db);
  for (const auto& root : reporting::store::ChainRoots(s)) {
    auto cov = sv.activities.CoverageOf(system, campaign, root.id, true);
    ASSERT_TRUE(cov.ok());
    for (const auto& r : cov->rows) {
      for (std::size_t i = 0; i < 7; ++i) expected[i] += r.per_day[i];
    }
  }
  EXPECT_EQ(d->days.activities, expected);
  EXPECT_EQ(d->days.days_with_activities, 7);
  // A city row adds its bureaus' matrix rows.
  int row_days = 0;
  for (const auto& r : d->rows) {
    for (int n : r.per_day) row_days += n;
  }
  EXPECT_GT(row_days, 0);

  // Participants: everyone admitted or counted at the door of the chains'
  // published activities (the co-organising departments report on no chain).
  std::int64_t people = 0;
  for (auto n : d->days.participants) people += n;
  std::int64_t expected_people = 0;
  for (const auto& root : reporting::store::ChainRoots(s)) {
    std::string under =
        "JOIN unit_closure uc ON uc.descendant_id = a.unit_id AND uc.ancestor_id = ";
    under += std::to_string(root.id);
    std::string sql =
        "SELECT (SELECT COALESCE(SUM(c.people), 0) FROM checkins c JOIN activities a ON a.id = "
        "c.activity_id ";
    sql += under;
    sql +=
        " WHERE c.result = 'ok' AND a.status = 'published') + (SELECT COALESCE(SUM(w.delta), 0) "
        "FROM walkins w JOIN activities a ON a.id = w.activity_id ";
    sql += under;
    sql += " WHERE a.status = 'published')";
    expected_people += Count(*db, sql);
  }
  EXPECT_EQ(people, expected_people);
  EXPECT_GT(people, 0);
  // Completeness by chain, side by side.
  ASSERT_EQ(d->chains.size(), o->chains.size());
  EXPECT_GE(d->chains.size(), 2u);
  // One campaign only: no previous year to compare with.
  EXPECT_FALSE(d->previous.has_value());
  auto json = dashboard::ToJson(*d);
  EXPECT_TRUE(json.at("previous").is_null());
}

// Mid-week no form is accepted yet, so annex 5 counts the chain tops' own
// records only (no enrolment behind them: coverage 0); after the week the
// cities' forms are in. Either way the dashboard's figures are the roll-up's:
// its total annex 5's, its live figures the sum of annex 5's rows, its
// participants headline the sum of its chart.
void ExpectTheRollUpsFigures(const std::string& until) {
  SCOPED_TRACE(until);
  auto db = PlayedWeek(until);
  ScopedClock clock(until);
  Services sv(*db);
  Id campaign = Count(*db, "SELECT MIN(id) FROM campaigns");
  Principal system = Principal::System("test");

  auto d = sv.dashboards.Province(system, campaign);
  ASSERT_TRUE(d.ok()) << d.error().message;
  auto o = sv.submissions.Overview(system, campaign);
  ASSERT_TRUE(o.ok());
  ExpectSameFigures(d->total, o->total, "province total");
  std::vector<reporting::StatisticsRow> rows;
  for (const auto& r : o->rows) rows.push_back(r.figures);
  reporting::StatisticsRow live = SumOf(rows);
  ExpectSameFigures(d->live, live, "province live");
  EXPECT_GT(d->live.enrolled, 0);
  EXPECT_GT(d->live.coverage, 0);
  EXPECT_DOUBLE_EQ(d->live.coverage, reporting::CoveragePercent(live.students, live.enrolled));
  std::int64_t people = 0;
  for (auto n : d->days.participants) people += n;
  EXPECT_GT(people, 0);
  EXPECT_EQ(d->days.participants_total, people);
  auto json = dashboard::ToJson(*d);
  EXPECT_EQ(json.at("participants").as_int64(), people);
  EXPECT_EQ(json.at("total").at("enrolled").as_int64(), o->total.enrolled);
  EXPECT_EQ(json.at("live").at("enrolled").as_int64(), live.enrolled);

  // A city: its dashboard is its statistics form's roll-up.
  Id city = UnitId(*db, "成都市教育局");
  auto c = sv.dashboards.Unit(system, campaign, city);
  ASSERT_TRUE(c.ok()) << c.error().message;
  auto form = sv.submissions.Get(system, campaign, "statistics", city);
  ASSERT_TRUE(form.ok()) << form.error().message;
  ASSERT_TRUE(form->computed.has_value());
  ExpectSameFigures(c->total, *form->computed, "city total");
  ExpectSameFigures(c->live, SumOf(form->rows), "city live");
  EXPECT_GT(c->live.enrolled, 0);
  std::int64_t city_people = 0;
  for (auto n : c->days.participants) city_people += n;
  EXPECT_EQ(c->days.participants_total, city_people);
  // The city's row in the province dashboard counts its bureau's figures.
  for (const auto& r : d->rows) {
    if (r.name != "成都市") continue;
    for (const auto& part : r.parts) {
      if (part.unit_id == city && part.included) EXPECT_GE(r.figures.students, c->total.students);
    }
  }
}

TEST(DashboardTest, TheDashboardsFiguresAreTheRollUpsMidWeek) { ExpectTheRollUpsFigures(kMidWeek); }

TEST(DashboardTest, TheDashboardsFiguresAreTheRollUpsAfterTheWeek) {
  ExpectTheRollUpsFigures(kAfterTheWeek);
}

// Year over year: the played 2025 week is the previous campaign of a 2026
// one copied from it through the campaign service.
TEST(DashboardTest, YearOverYearShowsThePreviousCampaignsFigures) {
  auto db = PlayedWeek();
  ScopedClock clock(kAfterTheWeek);
  Services sv(*db);
  Id last_year = Count(*db, "SELECT MIN(id) FROM campaigns");
  Principal system = Principal::System("test");
  auto before = sv.dashboards.Province(system, last_year);
  ASSERT_TRUE(before.ok()) << before.error().message;
  EXPECT_FALSE(before->previous.has_value());

  campaign::CampaignService campaigns(*db, sv.scope);
  auto copy = campaigns.Copy(
      system, last_year, {.year = 2026, .name = "2026年职业教育活动周", .starts_on = "2026-05-10"});
  ASSERT_TRUE(copy.ok()) << copy.error().message;
  auto d = sv.dashboards.Province(system, copy->id);
  ASSERT_TRUE(d.ok()) << d.error().message;
  ASSERT_TRUE(d->previous.has_value());
  EXPECT_EQ(d->previous->campaign_id, last_year);
  EXPECT_EQ(d->previous->year, 2025);
  // The previous figures are last year's annex 5 and 天天有活动.
  ExpectSameFigures(d->previous->total, before->total, "previous");
  EXPECT_GT(d->previous->total.students, 0);
  int activities = 0;
  for (int n : before->days.activities) activities += n;
  EXPECT_EQ(d->previous->activities, activities);
  EXPECT_EQ(d->previous->days_with_activities, before->days.days_with_activities);
  // This year has nothing yet.
  EXPECT_EQ(d->total.projects, 0);
  EXPECT_EQ(d->days.participants_total, 0);
  auto json = dashboard::ToJson(*d);
  EXPECT_EQ(json.at("previous").at("year").as_int64(), 2025);
  EXPECT_EQ(json.at("previous").at("total").at("students").as_int64(), before->total.students);

  // A city too.
  Id city = UnitId(*db, "成都市教育局");
  auto c_before = sv.dashboards.Unit(system, last_year, city);
  auto c = sv.dashboards.Unit(system, copy->id, city);
  ASSERT_TRUE(c_before.ok() && c.ok());
  ASSERT_TRUE(c->previous.has_value());
  ExpectSameFigures(c->previous->total, c_before->total, "city previous");
}

TEST(DashboardTest, AUnitDashboardShowsItsStatisticsFormsRollUp) {
  auto db = PlayedWeek();
  ScopedClock clock(kAfterTheWeek);
  Services sv(*db);
  Id campaign = Count(*db, "SELECT MIN(id) FROM campaigns");
  Principal system = Principal::System("test");
  for (const char* name : {"成都市教育局", "四川科技职业学院"}) {
    Id unit = UnitId(*db, name);
    auto d = sv.dashboards.Unit(system, campaign, unit);
    ASSERT_TRUE(d.ok()) << d.error().message;
    auto form = sv.submissions.Get(system, campaign, "statistics", unit);
    ASSERT_TRUE(form.ok()) << form.error().message;
    ASSERT_TRUE(form->computed.has_value()) << name;
    ExpectSameFigures(d->total, *form->computed, name);
    ASSERT_EQ(d->rows.size(), form->rows.size()) << name;
    for (std::size_t i = 0; i < d->rows.size(); ++i) {
      ExpectSameFigures(d->rows[i].figures, form->rows[i], d->rows[i].name);
    }
    EXPECT_FALSE(d->activities.empty()) << name;
    for (const auto& a : d->activities) EXPECT_GE(a.confirmed, 0);
  }
  // A school's colleges with their forms and publicity.
  auto school = sv.dashboards.Unit(system, campaign, UnitId(*db, "四川科技职业学院"));
  ASSERT_TRUE(school.ok());
  ASSERT_FALSE(school->children.empty());
  std::int64_t items = 0;
  for (const auto& c : school->children) {
    EXPECT_EQ(c.forms.size(), std::size(reporting::kForms)) << c.unit_name;
    for (const auto& [status, n] : c.publicity) {
      if (status != "published") items += n;
    }
  }
  EXPECT_GT(items, 0);
}

TEST(DashboardTest, PublicFiguresCountAcceptedFormsOnly) {
  auto db = PlayedWeek();
  ScopedClock clock(kAfterTheWeek);
  Services sv(*db);
  Id campaign = Count(*db, "SELECT MIN(id) FROM campaigns");
  auto f = sv.dashboards.Public(campaign);
  ASSERT_TRUE(f.ok()) << f.error().message;
  auto o = sv.submissions.Overview(Principal::System("test"), campaign);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(f->province.name, "四川省");
  EXPECT_FALSE(f->province.taken_at.empty());
  ASSERT_FALSE(f->cities.empty());
  for (const auto& c : f->cities) {
    EXPECT_FALSE(c.taken_at.empty()) << c.name;
    // A city's public figures are its overview row's counted (accepted) parts.
    bool found = false;
    for (const auto& r : o->rows) {
      if (r.kind != "city" || r.figures.unit_name != c.name) continue;
      found = true;
      EXPECT_TRUE(r.included) << c.name;
      ExpectSameFigures(c.figures, r.figures, c.name);
      for (const auto& part : r.parts) {
        if (part.included) EXPECT_EQ(part.status, "accepted");
      }
    }
    EXPECT_TRUE(found) << c.name;
  }
  // A city none of whose forms is accepted is not published.
  for (const auto& r : o->rows) {
    if (r.kind != "city" || r.included) continue;
    for (const auto& c : f->cities) EXPECT_NE(c.name, r.figures.unit_name);
  }
  // Accepted forms only: never more than the overview, which also counts live own records.
  EXPECT_LE(f->province.figures.projects, o->total.projects);
  EXPECT_DOUBLE_EQ(
      f->province.figures.coverage,
      reporting::CoveragePercent(f->province.figures.students, f->province.figures.enrolled));
  std::string csv = dashboard::ToCsv(*f);
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF地区,", 0), 0u);
  EXPECT_NE(csv.find("\r\n四川省,"), std::string::npos);
}

class FakeStream : public http::EventStream {
 public:
  bool Send(std::string text) override {
    if (!open) return false;
    sent.push_back(std::move(text));
    return true;
  }
  bool Open() const override { return open; }
  void Close() override { open = false; }
  std::vector<std::string> sent;
  bool open = true;
};

std::int64_t CheckedIn(const std::string& event) {
  auto at = event.find("data: ");
  auto v = boost::json::parse(event.substr(at + 6));
  return v.at("checked_in").as_int64() + v.at("walk_ins").as_int64();
}

TEST(DashboardTest, TheLiveCountMovesWithTheRecordsOfTheSubtreeOnly) {
  auto db = PlayedWeek();
  Id campaign = Count(*db, "SELECT MIN(id) FROM campaigns");
  Id school = UnitId(*db, "四川科技职业学院");
  Id other = UnitId(*db, "成都工业职业技术学院");
  dashboard::LiveCheckins live(*db, /*max_streams=*/2);
  auto mine = std::make_shared<FakeStream>();
  auto theirs = std::make_shared<FakeStream>();
  ASSERT_TRUE(live.Add(mine, campaign, school));
  ASSERT_TRUE(live.Add(theirs, campaign, other));
  // Bounded: a third stream is refused and closed.
  auto third = std::make_shared<FakeStream>();
  EXPECT_FALSE(live.HasRoom());
  EXPECT_FALSE(live.Add(third, campaign, school));
  EXPECT_FALSE(third->open);

  live.Tick();
  ASSERT_EQ(mine->sent.size(), 1u);
  std::int64_t before = CheckedIn(mine->sent[0]);
  EXPECT_EQ(before,
            Count(*db,
                  "SELECT (SELECT COALESCE(SUM(c.people), 0) FROM checkins c JOIN activities "
                  "a ON a.id = c.activity_id JOIN unit_closure uc ON uc.descendant_id = "
                  "a.unit_id WHERE uc.ancestor_id = " +
                      std::to_string(school) +
                      " AND c.result = 'ok') + (SELECT COALESCE(SUM(w.delta), 0) FROM walkins "
                      "w JOIN activities a ON a.id = w.activity_id JOIN unit_closure uc ON "
                      "uc.descendant_id = a.unit_id WHERE uc.ancestor_id = " +
                      std::to_string(school) + ")"));
  ASSERT_EQ(theirs->sent.size(), 1u);
  std::int64_t theirs_before = CheckedIn(theirs->sent[0]);

  // Nothing moved: nothing sent.
  live.Tick();
  EXPECT_EQ(mine->sent.size(), 1u);

  // Three people counted at the door of one of the school's activities.
  Id activity = Count(*db,
                      "SELECT MIN(a.id) FROM activities a JOIN unit_closure uc ON "
                      "uc.descendant_id = a.unit_id WHERE a.status = 'published' AND "
                      "uc.ancestor_id = " +
                          std::to_string(school));
  {
    db::Session s(*db);
    std::string now = timeutil::NowUtc();
    s.sql() << "INSERT INTO walkins(scan_id, activity_id, category, delta, recorded_at) VALUES "
               "('dash-test-1', :a, 'student', 3, :t)",
        soci::use(activity), soci::use(now);
  }
  live.Tick();
  ASSERT_EQ(mine->sent.size(), 2u);
  EXPECT_EQ(CheckedIn(mine->sent[1]), before + 3);
  // The other school's stream did not move.
  EXPECT_EQ(theirs->sent.size(), 1u);
  EXPECT_EQ(CheckedIn(theirs->sent.back()), theirs_before);

  // A closed stream is dropped and makes room.
  mine->open = false;
  live.Tick();
  EXPECT_EQ(live.streams(), 1u);
  EXPECT_TRUE(live.HasRoom());
}

// Scope over HTTP: a unit sees its own subtree; forged ids of another city,
// school or the province are refused.
TEST(DashboardApiTest, AUnitSeesItsOwnSubtreeOnlyAndForgedIdsAreRefused) {
  TestServer server;
  Id campaign = Count(server.db(), "SELECT MIN(id) FROM campaigns");
  std::string base = "/api/campaigns/" + std::to_string(campaign) + "/dashboard";
  Id chengdu = UnitId(server.db(), "成都市教育局");
  Id sctc = UnitId(server.db(), "四川科技职业学院");
  Id school2 = UnitId(server.db(), "成都工业职业技术学院");
  Id another_city = Count(server.db(),
                          "SELECT MIN(u.id) FROM units u WHERE u.kind = (SELECT kind FROM units "
                          "WHERE id = " +
                              std::to_string(chengdu) + ") AND u.id <> " + std::to_string(chengdu));
  ASSERT_GT(another_city, 0);

  Client city(server.port());
  city.Login("chengdu");
  EXPECT_EQ(city.Get(base + "/units/" + std::to_string(chengdu)).status, 200u);
  EXPECT_EQ(city.Get(base + "/units/" + std::to_string(another_city)).status, 403u);
  EXPECT_EQ(city.Get(base + "/province").status, 403u);
  EXPECT_EQ(city.Get(base + "/live?unit_id=" + std::to_string(another_city)).status, 403u);

  Client school(server.port());
  school.Login("sctc");
  auto own = school.Get(base + "/units/" + std::to_string(sctc));
  ASSERT_EQ(own.status, 200u) << own.body;
  EXPECT_EQ(own.data().at("unit_name").as_string(), "四川科技职业学院");
  EXPECT_EQ(school.Get(base + "/units/" + std::to_string(school2)).status, 403u);
  EXPECT_EQ(school.Get(base + "/units/" + std::to_string(chengdu)).status, 403u);
  EXPECT_EQ(school.Get(base + "/live?unit_id=" + std::to_string(school2)).status, 403u);

  Client province(server.port());
  province.Login("province");
  auto p = province.Get(base + "/province");
  ASSERT_EQ(p.status, 200u) << p.body;
  EXPECT_EQ(p.data().at("dates").as_array().size(), 7u);
  EXPECT_TRUE(p.data().at("previous").is_null());

  // Without a session: the dashboards are closed, the public figures open.
  Client anon(server.port());
  EXPECT_EQ(anon.Get(base + "/province").status, 401u);
  std::string pub = "/api/public/campaigns/" + std::to_string(campaign) + "/figures";
  auto figures = anon.Get(pub);
  ASSERT_EQ(figures.status, 200u) << figures.body;
  EXPECT_EQ(figures.data().at("province").at("name").as_string(), "四川省");
  auto csv = anon.Get(pub + ".csv");
  EXPECT_EQ(csv.status, 200u);
  EXPECT_NE(csv.headers["content-type"].find("text/csv"), std::string::npos);
  auto open_json = anon.Get(pub + ".json");
  EXPECT_EQ(open_json.status, 200u);
  EXPECT_TRUE(open_json.json.as_object().contains("cities"));
  EXPECT_EQ(anon.Get("/api/public/campaigns/999999/figures").status, 404u);
}

}  // namespace
}  // namespace vw::testing
