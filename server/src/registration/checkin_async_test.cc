// The check-in committer's own thread (checkin_batch.h): works queued while
// a transaction runs share the next one, a failing work's error reaches its
// caller only, Stop runs what is queued; over HTTP, check-ins answered later
// are answered once each, errors go to their caller only, and a server
// stopping while scans wait for their commit answers every one of them.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <stdexcept>
#include <thread>

#include "http/server.h"
#include "registration/checkin_batch.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;
using registration::CheckinBatch;
using registration::CheckinCommitter;

// A table of its own for the committer's works to write.
std::unique_ptr<db::Database> ProbeDatabase() {
  auto db = FreshDatabase();
  db::Session s(*db);
  s.sql() << "CREATE TABLE committer_probe (name TEXT PRIMARY KEY)";
  return db;
}

CheckinCommitter::Work Insert(const std::string& name) {
  return [name](CheckinBatch& batch) {
    batch.session().sql() << "INSERT INTO committer_probe (name) VALUES (:n)", soci::use(name);
  };
}

int Count(db::Database& db, const std::string& where = "1 = 1") {
  db::Session s(db);
  int n = 0;
  s.sql() << "SELECT COUNT(*) FROM committer_probe WHERE " + where, soci::into(n);
  return n;
}

// Holds the committer's thread inside a work until released, so that what
// is submitted meanwhile waits for the next transaction.
class Gate {
 public:
  CheckinCommitter::Work Work() {
    return [this](CheckinBatch&) {
      entered_.set_value();
      released_.get_future().wait();
    };
  }
  void AwaitEntered() { entered_.get_future().wait(); }
  void Release() { released_.set_value(); }

 private:
  std::promise<void> entered_, released_;
};

TEST(CheckinCommitterTest, ErrorsReachTheirCallerOnlyAndEveryOtherWorkIsStoredOnce) {
  auto db = ProbeDatabase();
  CheckinCommitter committer(*db);
  Gate gate;
  std::promise<std::exception_ptr> gate_done;
  committer.Submit(gate.Work(), [&](std::exception_ptr e) { gate_done.set_value(e); });
  gate.AwaitEntered();
  // These wait behind the gate and go into one transaction, which work 7
  // fails (after writing): it is rolled back, and each runs again alone.
  constexpr int kWorks = 20;
  std::vector<std::promise<std::exception_ptr>> done(kWorks);
  for (int i = 0; i < kWorks; ++i) {
    CheckinCommitter::Work work = Insert("w" + std::to_string(i));
    if (i == 7) {
      work = [inner = work](CheckinBatch& batch) {
        inner(batch);
        throw std::runtime_error("work 7 fails");
      };
    }
    committer.Submit(work, [&done, i](std::exception_ptr e) { done[i].set_value(e); });
  }
  EXPECT_EQ(committer.pending(), kWorks + 1u);
  gate.Release();
  EXPECT_EQ(gate_done.get_future().get(), nullptr);
  for (int i = 0; i < kWorks; ++i) {
    std::exception_ptr e = done[i].get_future().get();
    EXPECT_EQ(e != nullptr, i == 7) << i;
  }
  EXPECT_EQ(Count(*db), kWorks - 1);
  EXPECT_EQ(Count(*db, "name = 'w7'"), 0);
  // A synchronous caller sees its own exception.
  EXPECT_THROW(committer.Run([](CheckinBatch&) { throw std::runtime_error("mine"); }),
               std::runtime_error);
  committer.Run(Insert("after"));
  EXPECT_EQ(Count(*db), kWorks);
  // Run returns once its Done has run; the committer's thread counts the
  // work done just after that, so wait for the thread to end first.
  committer.Stop();
  EXPECT_EQ(committer.pending(), 0u);
}

TEST(CheckinCommitterTest, StopRunsEveryQueuedWorkThenRunsLaterOnesOnTheCaller) {
  auto db = ProbeDatabase();
  CheckinCommitter committer(*db);
  Gate gate;
  committer.Submit(gate.Work(), [](std::exception_ptr) {});
  gate.AwaitEntered();
  constexpr int kWorks = 30;
  std::atomic<int> committed{0};
  for (int i = 0; i < kWorks; ++i) {
    committer.Submit(Insert("q" + std::to_string(i)), [&](std::exception_ptr e) {
      if (!e) ++committed;
    });
  }
  std::thread stopping([&] { committer.Stop(); });
  gate.Release();
  stopping.join();
  EXPECT_EQ(committed.load(), kWorks);
  EXPECT_EQ(Count(*db), kWorks);
  // After Stop a work still runs, on the caller's thread.
  committer.Run(Insert("late"));
  EXPECT_EQ(Count(*db), kWorks + 1);
  EXPECT_EQ(committer.pending(), 0u);
}

class CheckinLaterTest : public ::testing::Test {
 protected:
  CheckinLaterTest()
      : server_([](app::Config& c) {
          c.registration_limit_ip = 100000;
          c.registration_limit_mobile = 100000;
          c.db_pool = 8;
        }) {}
  void SetUp() override {
    college_.Login("sctc-college");
    auto c = college_.Get("/api/public/campaigns/current");
    Id campaign = c.data().at("id").as_int64();
    json::object o{{"unit_id", UnitId(server_.db(), "智能制造学院")},
                   {"title", "职普融通体验日：签到"},
                   {"theme_day_id", c.data().at("days").as_array()[1].at("id").as_int64()},
                   {"starts_at", "2025-05-12T09:30:00+08:00"},
                   {"ends_at", "2025-05-12T11:30:00+08:00"},
                   {"place_kind", "on_campus"},
                   {"place", "东区实训楼"},
                   {"capacity", 0},
                   {"open_to_public", true},
                   {"registration_required", true}};
    auto r = college_.Post("/api/campaigns/" + std::to_string(campaign) + "/activities", o);
    ASSERT_EQ(r.status, 201u) << r.body;
    activity_ = r.data().at("id").as_int64();
    ASSERT_EQ(college_.Post(Path("/publish"), json::object{}).status, 200u);
    auto booked =
        college_.Post("/api/public/activities/" + std::to_string(activity_) + "/registrations",
                      json::object{{"kind", "group"},
                                   {"name", "李老师"},
                                   {"mobile", "13900000001"},
                                   {"category", "pupil_primary"},
                                   {"school", "新都区实验小学"},
                                   {"class_name", "五年级2班"},
                                   {"head_count", 200},
                                   {"consent", true},
                                   {"under_14", true},
                                   {"guardian_name", "李老师（受家长委托）"}});
    ASSERT_EQ(booked.status, 201u) << booked.body;
    token_ = std::string(booked.data().at("token").as_string());
  }
  std::string Path(const char* action) const {
    return "/api/activities/" + std::to_string(activity_) + action;
  }
  HttpResult Scan(Client& c, const std::string& scan_id) {
    json::object scan{{"scan_id", scan_id}, {"token", token_}, {"people", 1}};
    return c.Post(Path("/checkins"), json::object{{"scans", json::array{scan}}});
  }
  Client Phone(Client& signed_in) {
    Client c(port_);
    c.cookies() = signed_in.cookies();
    c.csrf = signed_in.csrf;
    return c;
  }
  int Stored(const std::string& prefix) {
    db::Session s(server_.db());
    int n = 0;
    s.sql() << "SELECT COUNT(*) FROM checkins WHERE scan_id LIKE :p", soci::use(prefix + "%"),
        soci::into(n);
    return n;
  }

  ScopedClock clock_{"2025-05-12T08:00:00+08:00"};  // the demo week's second day
  TestServer server_;
  unsigned short port_ = server_.port();
  Client college_{server_.port()};
  Id activity_ = 0;
  std::string token_;
};

// Phones of the organiser and of a school without authority over the
// activity upload at once: every organiser's scan is answered ok and stored
// once; the school's are refused (403), only theirs, and store nothing.
TEST_F(CheckinLaterTest, ConcurrentScansAreAnsweredOnceEachAndErrorsOnlyTheirCaller) {
  Client school(port_);
  school.Login("school2");
  constexpr int kPhones = 12, kScans = 15;
  std::atomic<int> ok{0}, refused{0}, other{0};
  std::vector<std::thread> phones;
  for (int t = 0; t < kPhones; ++t) {
    phones.emplace_back([&, t] {
      bool intruder = t % 4 == 3;
      Client phone = Phone(intruder ? school : college_);
      for (int i = 0; i < kScans; ++i) {
        auto r = Scan(phone,
                      (intruder ? "bad-" : "good-") + std::to_string(t) + "-" + std::to_string(i));
        if (r.status == 200u && r.data().at("items").as_array().at(0).at("result") == "ok" &&
            !r.headers["x-request-id"].empty()) {
          ++ok;
        } else if (r.status == 403u) {
          ++refused;
        } else {
          ++other;
        }
      }
    });
  }
  for (auto& p : phones) p.join();
  constexpr int kIntruders = kPhones / 4;
  EXPECT_EQ(ok.load(), (kPhones - kIntruders) * kScans);
  EXPECT_EQ(refused.load(), kIntruders * kScans);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(Stored("good-"), (kPhones - kIntruders) * kScans);
  EXPECT_EQ(Stored("bad-"), 0);
  EXPECT_EQ(server_.app().registrations().CheckinsPending(), 0u);
  // Counted per route like any answer.
  auto metrics = college_.Get("/metrics");
  EXPECT_NE(metrics.body.find("route=\"/api/activities/{id}/checkins\""), std::string::npos);
}

// A second server on the same App stops while scans wait for their commit
// (the database's write lock is held elsewhere): Stop waits, every upload
// is answered, and each answered scan is stored.
TEST_F(CheckinLaterTest, StoppingWhileScansWaitAnswersEveryOne) {
  http::ServerOptions so;
  so.port = 0;
  so.threads = 2;
  so.shutdown_grace = std::chrono::seconds(30);
  app::App& app = server_.app();
  auto second = std::make_unique<http::Server>(
      so, [&app](http::RequestContext& ctx) { return app.Handle(ctx); },
      [&app](http::Verb m, std::string_view p) { return app.BodyLimit(m, p); });
  port_ = second->Start();

  auto lock = std::make_unique<db::Session>(server_.db());
  auto tx = std::make_unique<db::Transaction>(*lock);
  if (UsingPostgres()) lock->sql() << "LOCK TABLE checkins IN EXCLUSIVE MODE";

  constexpr int kPhones = 6;
  std::atomic<int> ok{0};
  std::vector<std::thread> phones;
  for (int t = 0; t < kPhones; ++t) {
    phones.emplace_back([&, t] {
      Client phone = Phone(college_);
      if (Scan(phone, "stop-" + std::to_string(t)).status == 200u) ++ok;
    });
  }
  // Waits (bounded) until every upload is queued or in its transaction.
  for (int i = 0; i < 500 && app.registrations().CheckinsPending() < kPhones; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(app.registrations().CheckinsPending(), static_cast<std::size_t>(kPhones));
  std::thread stopping([&] { second->Stop(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  tx.reset();  // rolled back: the committer's transaction proceeds
  lock.reset();
  stopping.join();
  for (auto& p : phones) p.join();
  EXPECT_EQ(ok.load(), kPhones);
  EXPECT_EQ(Stored("stop-"), kPhones);
  EXPECT_EQ(app.registrations().CheckinsPending(), 0u);
}

}  // namespace
}  // namespace vw::testing
