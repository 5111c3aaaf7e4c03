// Registration and check-in over HTTP: tickets, masking, waiting list,
// idempotent scans, walk-ins, notices, retention, limits, scope.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "registration/registration.h"
#include "registration/short_code.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class RegistrationTest : public ::testing::Test {
 protected:
  explicit RegistrationTest(std::size_t ip_limit = 100000)
      : server_([ip_limit](app::Config& c) {
          c.registration_limit_ip = ip_limit;
          c.registration_limit_mobile = 100000;
          c.db_pool = 8;
        }) {}
  void SetUp() override {
    auto c = anon_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    day2_ = c.data().at("days").as_array()[1].at("id").as_int64();
    college_.Login("sctc-college");
  }
  Id Activity(int capacity, const char* title = "职普融通体验日：工业机器人开放") {
    json::object o{{"unit_id", UnitId(server_.db(), "智能制造学院")},
                   {"title", title},
                   {"theme_day_id", day2_},
                   {"starts_at", "2025-05-12T09:30:00+08:00"},
                   {"ends_at", "2025-05-12T11:30:00+08:00"},
                   {"place_kind", "on_campus"},
                   {"place", "东区实训楼"},
                   {"capacity", capacity},
                   {"open_to_public", true},
                   {"registration_required", true}};
    auto r = college_.Post("/api/campaigns/" + std::to_string(campaign_) + "/activities", o);
    EXPECT_EQ(r.status, 201u) << r.body;
    Id id = r.data().at("id").as_int64();
    EXPECT_EQ(college_.Post(Path(id, "/publish"), json::object{}).status, 200u);
    return id;
  }
  static std::string Path(Id id, const char* action = "") {
    return "/api/activities/" + std::to_string(id) + action;
  }
  static json::object Person(const std::string& mobile, const char* name = "张小明") {
    return {{"kind", "person"},
            {"name", name},
            {"mobile", mobile},
            {"category", "parent"},
            {"consent", true}};
  }
  static json::object Group(const std::string& mobile, int heads) {
    return {{"kind", "group"},
            {"name", "李老师"},
            {"mobile", mobile},
            {"category", "pupil_primary"},
            {"school", "新都区实验小学"},
            {"class_name", "五年级2班"},
            {"head_count", heads},
            {"consent", true},
            {"under_14", true},
            {"guardian_name", "李老师（受家长委托）"}};
  }
  HttpResult Register(Id activity, const json::object& body) {
    return anon_.Post("/api/public/activities/" + std::to_string(activity) + "/registrations",
                      body);
  }
  std::string Token(const HttpResult& r) { return std::string(r.data().at("token").as_string()); }
  HttpResult Scan(Id activity, const std::string& scan_id, const std::string& token,
                  int people = 0) {
    json::object scan{{"scan_id", scan_id}, {"token", token}};
    if (people) scan["people"] = people;
    return college_.Post(Path(activity, "/checkins"), json::object{{"scans", json::array{scan}}});
  }
  static json::object First(const HttpResult& r) {
    return r.data().at("items").as_array()[0].as_object();
  }

  // The morning of the demo week's second day, before the activities here.
  ScopedClock clock_{"2025-05-12T08:00:00+08:00"};
  TestServer server_;
  Client anon_{server_.port()};
  Client college_{server_.port()};
  Id campaign_ = 0, day2_ = 0;
};

TEST_F(RegistrationTest, PersonGetsATicketAndMobilesAreMaskedForOthers) {
  Id a = Activity(30);
  auto r = Register(a, Person("13812341234"));
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(r.data().at("status"), "confirmed");
  std::string token = Token(r);
  EXPECT_GE(token.size(), 20u);
  // The ticket is anyone's who has the link: its mobile is masked, in the
  // registration's answer too; the QR opens the ticket page.
  EXPECT_EQ(r.data().at("mobile"), "138****1234");
  auto ticket = anon_.Get("/api/public/tickets/" + token);
  ASSERT_EQ(ticket.status, 200u);
  EXPECT_EQ(ticket.data().at("registration").at("mobile"), "138****1234");
  EXPECT_EQ(ticket.body.find("13812341234"), std::string::npos);
  EXPECT_EQ(ticket.data().at("activity").at("title"), "职普融通体验日：工业机器人开放");
  auto qr = anon_.Get("/api/public/tickets/" + token + "/qr.svg");
  EXPECT_EQ(qr.headers["content-type"], "image/svg+xml");
  EXPECT_EQ(qr.body.rfind("<svg", 0), 0u);
  EXPECT_EQ(anon_.Get("/api/public/tickets/not-a-token").status, 404u);

  // The organiser's list masks; the check-in roster does not.
  auto list = college_.Get(Path(a, "/registrations"));
  EXPECT_EQ(First(list).at("mobile"), "138****1234");
  EXPECT_FALSE(First(list).contains("token"));
  EXPECT_EQ(First(college_.Get(Path(a, "/registrations?roster=1"))).at("mobile"), "13812341234");
  // The school reads (masked); another school and a foreign city bureau do not.
  Client school(server_.port());
  school.Login("sctc");
  EXPECT_EQ(First(school.Get(Path(a, "/registrations"))).at("mobile"), "138****1234");
  for (const char* who : {"school2", "chengdu"}) {
    Client other(server_.port());
    other.Login(who);
    EXPECT_EQ(other.Get(Path(a, "/registrations")).status, 403u) << who;
    EXPECT_EQ(other.Get(Path(a, "/registrations?roster=1")).status, 403u) << who;
    EXPECT_EQ(other.Get(Path(a, "/registrations/export")).status, 403u) << who;
  }
  // The export is masked too.
  auto xlsx = college_.Get(Path(a, "/registrations/export"));
  ASSERT_EQ(xlsx.status, 200u);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

TEST_F(RegistrationTest, BadInputNamesTheFieldInChinese) {
  Id a = Activity(30);
  auto bad = [&](json::object body, const char* field) {
    auto r = Register(a, body);
    EXPECT_EQ(r.status, 400u) << field << " " << r.body;
    EXPECT_EQ(r.error_field(), field) << r.body;
    EXPECT_FALSE(r.error_message().empty());
  };
  bad(Person("1381234123"), "mobile");
  bad(Person("23812341234"), "mobile");
  bad(Person("1381234abcd"), "mobile");
  bad(Person("13812341234", ""), "name");
  auto no_consent = Person("13812341234");
  no_consent["consent"] = false;
  bad(no_consent, "consent");
  auto child = Person("13812341234");
  child["under_14"] = true;
  bad(child, "guardian_name");
  bad(Group("13812341234", 0), "head_count");
  bad(Group("13812341234", 10000), "head_count");
  auto nowhere = Group("13812341234", 10);
  nowhere["school"] = "";
  bad(nowhere, "school");
  auto odd = Person("13812341234");
  odd["category"] = "alien";
  bad(odd, "category");
  ASSERT_EQ(Register(a, Person("13812341234")).status, 201u);
  auto twice = Register(a, Person("13812341234", "张小明"));
  EXPECT_EQ(twice.status, 409u);
  EXPECT_EQ(twice.error_field(), "mobile");
  // Drafts and activities without registration take none.
  auto draft = college_.Post(Path(a, "/duplicate"), json::object{});
  EXPECT_EQ(Register(draft.data().at("id").as_int64(), Person("13900000000")).status, 404u);
}

TEST_F(RegistrationTest, CancellationMovesUpTheNextThatFits) {
  Id a = Activity(3);
  auto alone = Register(a, Person("13800000001"));
  auto group = Register(a, Group("13800000002", 2));
  EXPECT_EQ(group.data().at("status"), "confirmed");
  auto big = Register(a, Group("13800000003", 2));  // does not fit: waits
  auto late = Register(a, Person("13800000004"));   // waits behind it
  EXPECT_EQ(big.data().at("status"), "waiting");
  EXPECT_EQ(big.data().at("waiting_position").as_int64(), 1);
  EXPECT_EQ(late.data().at("waiting_position").as_int64(), 2);

  // One seat frees: the group of two does not fit, the person after it does.
  auto cancelled = anon_.Post("/api/public/tickets/" + Token(alone) + "/cancel", json::object{});
  ASSERT_EQ(cancelled.status, 200u) << cancelled.body;
  auto late_ticket = anon_.Get("/api/public/tickets/" + Token(late));
  EXPECT_EQ(late_ticket.data().at("registration").at("status"), "confirmed");
  ASSERT_EQ(late_ticket.data().at("notices").as_array().size(), 1u);
  EXPECT_EQ(late_ticket.data().at("notices").as_array()[0].at("kind"), "promoted");
  auto big_ticket = anon_.Get("/api/public/tickets/" + Token(big));
  EXPECT_EQ(big_ticket.data().at("registration").at("status"), "waiting");
  EXPECT_EQ(big_ticket.data().at("registration").at("waiting_position").as_int64(), 1);
  // Two seats free: the whole group moves up as one.
  anon_.Post("/api/public/tickets/" + Token(group) + "/cancel", json::object{});
  big_ticket = anon_.Get("/api/public/tickets/" + Token(big));
  EXPECT_EQ(big_ticket.data().at("registration").at("status"), "confirmed");

  // The organiser adds a seat: the next waiting person moves up.
  auto next = Register(a, Person("13800000005"));
  EXPECT_EQ(next.data().at("status"), "waiting");
  auto act = college_.Get(Path(a)).data().as_object();
  act["capacity"] = 4;
  ASSERT_EQ(college_.Put(Path(a), act).status, 200u);
  EXPECT_EQ(anon_.Get("/api/public/tickets/" + Token(next)).data().at("registration").at("status"),
            "confirmed");

  auto att = college_.Get(Path(a, "/attendance"));
  EXPECT_EQ(att.data().at("registered").as_int64(), 4);
  EXPECT_EQ(att.data().at("waiting").as_int64(), 0);
  EXPECT_EQ(anon_.Post("/api/public/tickets/" + Token(alone) + "/cancel", json::object{}).status,
            409u);
}

TEST_F(RegistrationTest, ScansCountOnceAndSayWhyNot) {
  Id a = Activity(50);
  Id other = Activity(50, "另一场活动");
  std::string person = Token(Register(a, Person("13800000001")));
  std::string cls = Token(Register(a, Group("13800000002", 10)));
  std::string elsewhere = Token(Register(other, Person("13800000003")));
  std::string gone = Token(Register(a, Person("13800000004")));
  anon_.Post("/api/public/tickets/" + gone + "/cancel", json::object{});

  auto ok = Scan(a, "dev1-0001", person);
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(First(ok).at("result"), "ok");
  EXPECT_EQ(First(ok).at("name"), "张小明");
  // The same upload again (the network dropped the answer): counted once.
  auto replay = Scan(a, "dev1-0001", person);
  EXPECT_EQ(First(replay).at("result"), "ok");
  EXPECT_TRUE(First(replay).at("replayed").as_bool());
  EXPECT_EQ(First(Scan(a, "dev1-0002", person)).at("result"), "already");
  EXPECT_EQ(First(Scan(a, "dev1-0003", elsewhere)).at("result"), "wrong_activity");
  EXPECT_EQ(First(Scan(a, "dev1-0004", gone)).at("result"), "cancelled");
  EXPECT_EQ(First(Scan(a, "dev1-0005", "forged-token")).at("result"), "unknown");
  // A class arrives in two parts.
  auto part = Scan(a, "dev1-0006", cls, 6);
  EXPECT_EQ(First(part).at("people").as_int64(), 6);
  EXPECT_EQ(First(part).at("group"), "新都区实验小学 五年级2班");
  auto rest = Scan(a, "dev1-0007", cls);
  EXPECT_EQ(First(rest).at("people").as_int64(), 4);
  EXPECT_EQ(First(rest).at("checked_in").as_int64(), 10);

  // Walk-ins by category, replays ignored, never below zero.
  json::array events{json::object{{"scan_id", "w1"}, {"category", "public"}, {"delta", 3}},
                     json::object{{"scan_id", "w2"}, {"category", "public"}, {"delta", -1}},
                     json::object{{"scan_id", "w1"}, {"category", "public"}, {"delta", 3}},
                     json::object{{"scan_id", "w3"}, {"category", "enterprise"}, {"delta", -2}}};
  auto walk = college_.Post(Path(a, "/walkins"), json::object{{"events", events}});
  ASSERT_EQ(walk.status, 200u) << walk.body;
  auto att = college_.Get(Path(a, "/attendance")).data();
  EXPECT_EQ(att.at("checked_in").as_int64(), 11);
  EXPECT_EQ(att.at("walkins").as_int64(), 2);
  EXPECT_EQ(att.at("total").as_int64(), 13);
  std::map<std::string, std::int64_t> by;
  for (const auto& c : att.at("by_category").as_array()) {
    by[std::string(c.at("category").as_string())] = c.at("count").as_int64();
  }
  EXPECT_EQ(by["parent"], 1);
  EXPECT_EQ(by["pupil_primary"], 10);
  EXPECT_EQ(by["public"], 2);
  EXPECT_EQ(by.count("enterprise"), 0u);
  ASSERT_EQ(att.at("walkins_by_category").as_array().size(), 1u);
  EXPECT_EQ(att.at("walkins_by_category").as_array()[0].at("count").as_int64(), 2);
  // A device's own scan time is kept (as UTC); a malformed one names the field.
  json::object timed{
      {"scan_id", "dev2-1"}, {"token", cls}, {"scanned_at", "2025-05-12T09:41:00+08:00"}};
  EXPECT_EQ(college_.Post(Path(a, "/checkins"), json::object{{"scans", json::array{timed}}}).status,
            200u);
  timed["scan_id"] = "dev2-2";
  timed["scanned_at"] = "上午九点";
  EXPECT_EQ(college_.Post(Path(a, "/checkins"), json::object{{"scans", json::array{timed}}})
                .error_field(),
            "scanned_at");

  // Staff of another school cannot scan here, whatever they send.
  Client other_school(server_.port());
  other_school.Login("school2");
  json::object scan{{"scan_id", "evil-1"}, {"token", person}};
  EXPECT_EQ(
      other_school.Post(Path(a, "/checkins"), json::object{{"scans", json::array{scan}}}).status,
      403u);
  EXPECT_EQ(college_.Post(Path(a, "/checkins"), json::object{{"scans", "x"}}).error_field(),
            "scans");
}

TEST_F(RegistrationTest, RegistrantsAreToldOfRescheduleAndCancellation) {
  Id a = Activity(30);
  std::string token = Token(Register(a, Person("13800000001")));
  auto act = college_.Get(Path(a)).data().as_object();
  act["starts_at"] = "2025-05-12T14:00:00+08:00";
  act["ends_at"] = "2025-05-12T16:00:00+08:00";
  ASSERT_EQ(college_.Put(Path(a), act).status, 200u);
  auto t = anon_.Get("/api/public/tickets/" + token).data();
  ASSERT_EQ(t.at("notices").as_array().size(), 1u);
  EXPECT_EQ(t.at("notices").as_array()[0].at("kind"), "rescheduled");
  EXPECT_NE(std::string(t.at("notices").as_array()[0].at("message").as_string()).find("14:00"),
            std::string::npos);
  college_.Post(Path(a, "/cancel"), json::object{{"reason", "暴雨预警"}});
  t = anon_.Get("/api/public/tickets/" + token).data();
  EXPECT_EQ(t.at("notices").as_array()[0].at("kind"), "cancelled");
  EXPECT_EQ(t.at("activity").at("status"), "cancelled");
}

TEST_F(RegistrationTest, PersonalDataIsPurgedAfterTheWeekCountsStay) {
  Id a = Activity(30);
  std::string token = Token(Register(a, Person("13800000001")));
  Scan(a, "s1", token);
  auto& regs = server_.app().registrations();
  // Within the retention time nothing changes.
  EXPECT_EQ(regs.PurgePersonalData(90, "2025-06-01"), 0);
  EXPECT_EQ(regs.PurgePersonalData(90, "2025-08-16"), 1);  // 2025-05-17 + 90 days passed
  auto t = anon_.Get("/api/public/tickets/" + token).data().at("registration");
  EXPECT_EQ(t.at("name"), "");
  EXPECT_EQ(t.at("mobile"), "");
  EXPECT_TRUE(t.at("purged").as_bool());
  auto att = college_.Get(Path(a, "/attendance")).data();
  EXPECT_EQ(att.at("registered").as_int64(), 1);
  EXPECT_EQ(att.at("checked_in").as_int64(), 1);
  EXPECT_EQ(regs.PurgePersonalData(90, "2025-09-01"), 0);  // already done
}

class RegistrationLimitTest : public RegistrationTest {
 protected:
  RegistrationLimitTest() : RegistrationTest(3) {}
};

TEST_F(RegistrationLimitTest, PublicRegistrationIsRateLimitedPerAddress) {
  Id a = Activity(30);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Register(a, Person("1380000000" + std::to_string(i))).status, 201u);
  }
  auto limited = Register(a, Person("13800000009"));
  EXPECT_EQ(limited.status, 429u);
  EXPECT_FALSE(limited.error_message().empty());
}

// 1,000 concurrent requests at 100 seats: exactly 100 confirmed, the rest
// waiting, and the seat counters agree with the rows.
TEST_F(RegistrationTest, NeverOversellsUnderConcurrency) {
  Id a = Activity(100);
  constexpr int kThreads = 25, kPerThread = 40;
  std::atomic<int> created{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Client c(server_.port());
      for (int i = 0; i < kPerThread; ++i) {
        std::string mobile = "139" + std::to_string(10000000 + t * kPerThread + i);
        auto r = c.Post("/api/public/activities/" + std::to_string(a) + "/registrations",
                        Person(mobile));
        (r.status == 201u ? created : failed)++;
      }
    });
  }
  for (auto& th : threads) th.join();
  // 100 seats and a waiting list of 100 (as many as the capacity): the rest
  // are told the list is full, never let in beyond it.
  EXPECT_EQ(created.load(), 200);
  EXPECT_EQ(failed.load(), kThreads * kPerThread - 200);
  auto list = college_.Get(Path(a, "/registrations")).data().at("items").as_array();
  int confirmed = 0, waiting = 0;
  for (const auto& r : list) {
    (r.at("status") == "confirmed" ? confirmed : waiting)++;
  }
  EXPECT_EQ(confirmed, 100);
  EXPECT_EQ(waiting, 100);
  auto att = college_.Get(Path(a, "/attendance")).data();
  EXPECT_EQ(att.at("registered").as_int64(), 100);
  EXPECT_EQ(att.at("waiting").as_int64(), 100);
}

TEST_F(RegistrationTest, NoRegisteringOrCancellingOnceTheActivityHasEnded) {
  Id a = Activity(30);  // 2025-05-12 09:30-11:30
  std::string kept = Token(Register(a, Person("13800000001")));
  clock_.Set("2025-05-12T11:29:00+08:00");  // still on
  std::string last = Token(Register(a, Person("13800000002")));
  clock_.Set("2025-05-12T11:30:00+08:00");  // over
  auto late = Register(a, Person("13800000003"));
  EXPECT_EQ(late.status, 409u) << late.body;
  EXPECT_EQ(late.error_message(), "活动已结束，不能再报名");
  auto cancel = anon_.Post("/api/public/tickets/" + last + "/cancel", json::object{});
  EXPECT_EQ(cancel.status, 409u) << cancel.body;
  EXPECT_EQ(cancel.error_message(), "活动已结束，不能再取消报名");
  EXPECT_EQ(anon_.Get("/api/public/tickets/" + last).data().at("registration").at("status"),
            "confirmed");
  EXPECT_EQ(anon_.Get("/api/public/tickets/" + kept).status, 200u);  // the ticket still opens
}

TEST_F(RegistrationTest, TheWaitingListIsCappedAndSaysSo) {
  Id a = Activity(2);  // holds max(2, 50) = 50 people waiting
  ASSERT_EQ(Register(a, Group("13800000000", 2)).data().at("status"), "confirmed");
  ASSERT_EQ(Register(a, Group("13800000001", 45)).data().at("status"), "waiting");
  auto too_big = Register(a, Group("13800000002", 6));  // 45 + 6 > 50
  EXPECT_EQ(too_big.status, 409u);
  EXPECT_NE(too_big.error_message().find("候补名单也已满（最多 50 人）"), std::string::npos)
      << too_big.body;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Register(a, Person("1390000000" + std::to_string(i))).data().at("status"), "waiting");
  }
  EXPECT_EQ(Register(a, Person("13900000009")).status, 409u);
  auto att = college_.Get(Path(a, "/attendance")).data();
  EXPECT_EQ(att.at("waiting").as_int64(), 50);
}

// Seats freed go to the earliest waiting registrations that fit, a group
// only as a whole, however many wait behind them.
TEST_F(RegistrationTest, PromotionTakesTheEarliestThatFitWholeGroupsOnly) {
  Id a = Activity(5);
  std::string first = Token(Register(a, Group("13800000000", 5)));
  std::vector<std::string> waiting;
  int heads[] = {4, 3, 1, 2, 1};  // A B C D E
  for (int i = 0; i < 5; ++i) {
    std::string mobile = "1380000001" + std::to_string(i);
    auto r = heads[i] == 1 ? Register(a, Person(mobile)) : Register(a, Group(mobile, heads[i]));
    ASSERT_EQ(r.data().at("status"), "waiting") << r.body;
    waiting.push_back(Token(r));
  }
  for (int i = 0; i < 30; ++i) {  // a long tail behind them
    ASSERT_EQ(Register(a, Person("138000020" + std::to_string(10 + i))).status, 201u);
  }
  ASSERT_EQ(anon_.Post("/api/public/tickets/" + first + "/cancel", json::object{}).status, 200u);
  auto status = [&](int i) {
    auto r = anon_.Get("/api/public/tickets/" + waiting[i]).data().at("registration");
    return std::string(r.at("status").as_string()) + ":" +
           std::to_string(r.at("waiting_position").as_int64());
  };
  // Five seats: A (4) fits, B (3) no longer does, C (1) fills the last seat.
  EXPECT_EQ(status(0), "confirmed:0");
  EXPECT_EQ(status(1), "waiting:1");
  EXPECT_EQ(status(2), "confirmed:0");
  EXPECT_EQ(status(3), "waiting:2");
  EXPECT_EQ(status(4), "waiting:3");
  auto att = college_.Get(Path(a, "/attendance")).data();
  EXPECT_EQ(att.at("registered").as_int64(), 5);
}

TEST_F(RegistrationTest, NoWalkinsOnACancelledActivity) {
  Id a = Activity(30);
  json::array before{json::object{{"scan_id", "w1"}, {"category", "public"}, {"delta", 2}}};
  auto first = college_.Post(Path(a, "/walkins"), json::object{{"events", before}});
  ASSERT_EQ(first.status, 200u) << first.body;
  ASSERT_EQ(college_.Post(Path(a, "/cancel"), json::object{{"reason", "暴雨预警"}}).status, 200u);
  json::array after{json::object{{"scan_id", "w2"}, {"category", "public"}, {"delta", 5}}};
  auto refused = college_.Post(Path(a, "/walkins"), json::object{{"events", after}});
  EXPECT_EQ(refused.status, 409u) << refused.body;
  EXPECT_EQ(refused.error_message(), "活动已取消，不能再登记现场人数");
  // A device repeating its earlier upload is still answered.
  auto replay = college_.Post(Path(a, "/walkins"), json::object{{"events", before}});
  ASSERT_EQ(replay.status, 200u) << replay.body;
  EXPECT_EQ(replay.data().at("walkins").as_int64(), 2);
}

// The short code as the registrant reads it aloud: lower case, with a space.
std::string Spoken(const HttpResult& registered) {
  std::string code(registered.data().at("short_code").as_string());
  std::string out;
  for (char c : code) out.push_back(c == '-' ? ' ' : static_cast<char>(std::tolower(c)));
  return out;
}

TEST_F(RegistrationTest, DoorStaffCheckInByShortCodeWithinTheActivityOnly) {
  Id a = Activity(30);
  Id other = Activity(30, "另一场活动");
  auto mine = Register(a, Person("13800000001"));
  auto theirs = Register(other, Person("13800000002"));
  std::string code(mine.data().at("short_code").as_string());
  ASSERT_EQ(code.size(), 9u);
  EXPECT_EQ(code[4], '-');
  // The ticket and the organiser's list carry the same code.
  EXPECT_EQ(
      anon_.Get("/api/public/tickets/" + Token(mine)).data().at("registration").at("short_code"),
      code.c_str());
  EXPECT_EQ(First(college_.Get(Path(a, "/registrations"))).at("short_code"), code.c_str());

  auto ok = Scan(a, "code-1", Spoken(mine));
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(First(ok).at("result"), "ok");
  EXPECT_EQ(First(ok).at("name"), "张小明");
  EXPECT_EQ(First(Scan(a, "code-2", code)).at("result"), "already");
  // Another activity's code is not looked up here.
  auto foreign = Scan(a, "code-3", Spoken(theirs));
  EXPECT_EQ(First(foreign).at("result"), "unknown_code");
  EXPECT_EQ(First(foreign).at("name"), "");
  // One wrong character: refused by the check, with the door's message.
  std::string typo = code;
  typo[0] = typo[0] == 'A' ? 'C' : 'A';
  auto bad = Scan(a, "code-4", typo);
  EXPECT_EQ(First(bad).at("result"), "bad_code");
  EXPECT_EQ(First(bad).at("message"), "凭证码有误，请核对");
  // Each check-in says how it was found and by whom.
  db::Session s(server_.db());
  std::string method;
  int with_user = 0;
  s.sql() << "SELECT method FROM checkins WHERE scan_id = 'code-1'", soci::into(method);
  s.sql() << "SELECT COUNT(*) FROM checkins WHERE scan_id LIKE 'code-%' AND user_id IS NOT NULL",
      soci::into(with_user);
  EXPECT_EQ(method, "code");
  EXPECT_EQ(with_user, 4);
}

// The upload's session is read in the scans' transaction
// (RouteOptions::session_in_work), with every check the guard makes.
TEST_F(RegistrationTest, CheckinUploadsAreRefusedWithoutAValidSessionAndStoreNothing) {
  Id a = Activity(30);
  auto booked = Register(a, Person("13800000001"));
  json::object scan{{"scan_id", "s-1"}, {"token", Token(booked)}};
  json::object by_code{{"scan_id", "s-2"}, {"token", Spoken(booked)}};
  auto upload = [&](Client& c, const json::object& one) {
    return c.Post(Path(a, "/checkins"), json::object{{"scans", json::array{one}}});
  };
  Client nobody(server_.port());
  EXPECT_EQ(upload(nobody, scan).status, 401u);
  Client forged(server_.port());
  forged.cookies()["vw_session"] = "forged-session-token";
  forged.csrf = "forged";
  EXPECT_EQ(upload(forged, scan).status, 401u);
  EXPECT_EQ(upload(forged, by_code).status, 401u);  // short codes: checked before the batch
  // A live session with a wrong CSRF token, or none.
  Client wrong_csrf(server_.port());
  wrong_csrf.Login("sctc-college");
  wrong_csrf.csrf = "not-the-token";
  EXPECT_EQ(upload(wrong_csrf, scan).status, 403u);
  EXPECT_EQ(upload(wrong_csrf, by_code).status, 403u);
  wrong_csrf.csrf = "";
  EXPECT_EQ(upload(wrong_csrf, scan).status, 403u);
  // A session ended by logging out.
  Client gone(server_.port());
  gone.Login("sctc-college");
  Client same(server_.port());
  same.cookies() = gone.cookies();
  same.csrf = gone.csrf;
  EXPECT_EQ(gone.Post("/api/auth/logout", json::object{}).status, 200u);
  EXPECT_EQ(upload(same, scan).status, 401u);
  // None of them stored anything: the first valid scan is new.
  auto ok = upload(college_, scan);
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(First(ok).at("result"), "ok");
  EXPECT_FALSE(First(ok).contains("replayed") && First(ok).at("replayed").as_bool());
}

TEST_F(RegistrationTest, ShortCodeLookupsAreLimitedPerCaller) {
  Id a = Activity(30);
  std::string token = Token(Register(a, Person("13800000001")));
  // Codes that pass the check but name nobody: a guesser's batch.
  json::array guesses;
  for (std::size_t i = 0; i < registration::Limits{}.code_lookups; ++i) {
    guesses.push_back(json::object{{"scan_id", "guess-" + std::to_string(i)},
                                   {"token", registration::NewShortCode()}});
  }
  auto first = college_.Post(Path(a, "/checkins"), json::object{{"scans", guesses}});
  ASSERT_EQ(first.status, 200u) << first.body.substr(0, 300);
  EXPECT_EQ(First(first).at("result"), "unknown_code");
  auto more = college_.Post(
      Path(a, "/checkins"),
      json::object{{"scans", json::array{json::object{{"scan_id", "guess-more"},
                                                      {"token", registration::NewShortCode()}}}}});
  EXPECT_EQ(more.status, 429u) << more.body;
  EXPECT_NE(more.body.find("凭证码"), std::string::npos);
  // QR scans go on; another staff member's codes too.
  EXPECT_EQ(First(Scan(a, "qr-1", token)).at("result"), "ok");
  Client school(server_.port());
  school.Login("sctc");
  json::object one{{"scan_id", "other-staff"}, {"token", registration::NewShortCode()}};
  EXPECT_EQ(school.Post(Path(a, "/checkins"), json::object{{"scans", json::array{one}}}).status,
            200u);
}

TEST_F(RegistrationTest, ShortCodesAreUniquePerActivityAndFilledForOldRows) {
  Id a = Activity(0);
  std::set<std::string> codes;
  for (int i = 0; i < 40; ++i) {
    auto r = Register(a, Person("1390000" + std::to_string(1000 + i)));
    codes.insert(std::string(r.data().at("short_code").as_string()));
  }
  EXPECT_EQ(codes.size(), 40u);
  // The index refuses a second row of the activity with the same code.
  db::Session s(server_.db());
  std::string taken = *codes.begin();
  taken.erase(4, 1);
  auto duplicate = [&] {
    s.sql() << "UPDATE registrations SET short_code = :c WHERE activity_id = :a AND short_code <> "
               ":c2",
        soci::use(taken), soci::use(a), soci::use(taken);
  };
  EXPECT_THROW(duplicate(), std::exception);
  // Rows from before the codes (or from a node of the previous release).
  s.sql() << "UPDATE registrations SET short_code = NULL WHERE activity_id = :a", soci::use(a);
  EXPECT_EQ(server_.app().registrations().FillShortCodes(), 40);
  EXPECT_EQ(server_.app().registrations().FillShortCodes(), 0);
  int distinct = 0;
  s.sql() << "SELECT COUNT(DISTINCT short_code) FROM registrations WHERE activity_id = :a",
      soci::use(a), soci::into(distinct);
  EXPECT_EQ(distinct, 40);
  auto list = college_.Get(Path(a, "/registrations")).data().at("items").as_array();
  for (const auto& r : list) {
    std::string code(r.at("short_code").as_string());
    EXPECT_EQ(registration::ReadShortCode(code).kind, registration::TypedShortCode::Kind::kValid)
        << code;
  }
}

TEST_F(RegistrationTest, DoorListSearchesByLastFourDigitsNameOrCodeBounded) {
  Id a = Activity(0);
  Register(a, Person("13800001234", "王小红"));
  auto li = Register(a, Person("13900005678", "李四"));
  Register(a, Group("13700009999", 5));
  for (int i = 0; i < 60; ++i) Register(a, Person("1360000" + std::to_string(2000 + i), "赵同学"));
  auto by_digits = college_.Get(Path(a, "/registrations?q=1234"));
  ASSERT_EQ(by_digits.status, 200u) << by_digits.body;
  ASSERT_EQ(by_digits.data().at("total").as_int64(), 1);
  EXPECT_EQ(First(by_digits).at("name"), "王小红");
  EXPECT_EQ(First(by_digits).at("mobile"), "138****1234");
  EXPECT_EQ(First(college_.Get(Path(a, "/registrations?q=%E6%9D%8E%E5%9B%9B"))).at("name"), "李四");
  EXPECT_EQ(
      First(college_.Get(Path(a) + "/registrations?q=" + Spoken(li).replace(4, 1, "-"))).at("name"),
      "李四");
  // A school or class finds the group.
  auto by_school = college_.Get(Path(a, "/registrations?q=%E5%AE%9E%E9%AA%8C"));
  EXPECT_EQ(First(by_school).at("kind"), "group");
  // Many matches: the first 50 and how many there are.
  auto many = college_.Get(Path(a, "/registrations?q=%E8%B5%B5"));
  EXPECT_EQ(many.data().at("items").as_array().size(), 50u);
  EXPECT_EQ(many.data().at("total").as_int64(), 60);
  // Wildcards are text, not patterns.
  EXPECT_EQ(college_.Get(Path(a, "/registrations?q=%25")).data().at("total").as_int64(), 0);
  EXPECT_EQ(college_.Get(Path(a) + "/registrations?q=" + std::string(21, 'x')).error_field(), "q");
  // Another school cannot search here.
  Client other(server_.port());
  other.Login("school2");
  EXPECT_EQ(other.Get(Path(a, "/registrations?q=1234")).status, 403u);
}

TEST_F(RegistrationTest, ManualCheckInIsStaffsOnlyIdempotentAndRecordsWho) {
  Id a = Activity(1);
  Id other = Activity(30, "另一场活动");
  auto person = Register(a, Person("13800000001"));
  auto waiting = Register(a, Person("13800000002"));
  auto gone = Register(a, Person("13800000003"));
  auto elsewhere = Register(other, Person("13800000004"));
  ASSERT_EQ(waiting.data().at("status"), "waiting");
  anon_.Post("/api/public/tickets/" + Token(gone) + "/cancel", json::object{});
  auto checkin = [&](Client& who, Id activity, const HttpResult& r, const char* scan_id = "") {
    return who.Post(Path(activity, "/registrations/") +
                        std::to_string(r.data().at("id").as_int64()) + "/checkin",
                    json::object{{"scan_id", scan_id}});
  };
  auto ok = checkin(college_, a, person, "hand-1");
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(ok.data().at("result"), "ok");
  EXPECT_EQ(ok.data().at("people").as_int64(), 1);
  EXPECT_TRUE(checkin(college_, a, person, "hand-1").data().at("replayed").as_bool());
  auto again = checkin(college_, a, person);
  EXPECT_EQ(again.data().at("result"), "already");
  EXPECT_EQ(college_.Get(Path(a, "/attendance")).data().at("checked_in").as_int64(), 1);
  EXPECT_EQ(checkin(college_, a, waiting).status, 409u);
  auto cancelled = checkin(college_, a, gone);
  EXPECT_EQ(cancelled.status, 409u);
  EXPECT_NE(cancelled.body.find("已取消"), std::string::npos);
  // Forged ids: a registration of another activity through this one, an
  // unknown registration, staff of another school or a city above.
  EXPECT_EQ(checkin(college_, a, elsewhere).status, 404u);
  EXPECT_EQ(college_.Post(Path(a, "/registrations/999999/checkin"), json::object{}).status, 404u);
  for (const char* who : {"school2", "chengdu"}) {
    Client c(server_.port());
    c.Login(who);
    EXPECT_EQ(checkin(c, a, person).status, 403u) << who;
    EXPECT_EQ(checkin(c, other, elsewhere).status, 403u) << who;
  }
  EXPECT_EQ(First(college_.Get(Path(other, "/registrations"))).at("checked_in").as_int64(), 0);
  db::Session s(server_.db());
  std::string method;
  Id user = 0;
  s.sql() << "SELECT method, user_id FROM checkins WHERE scan_id = 'hand-1'", soci::into(method),
      soci::into(user);
  EXPECT_EQ(method, "manual");
  EXPECT_GT(user, 0);
  // Nothing is checked in on a cancelled activity.
  auto late = Register(other, Person("13800000005"));
  college_.Post(Path(other, "/cancel"), json::object{{"reason", "暴雨预警"}});
  EXPECT_EQ(checkin(college_, other, late).status, 409u);
}

// Phones at the door upload at once, one scan per request (the check-ins
// share transactions, checkin_batch.h), and every scan goes out twice from
// two phones (a retry through another connection): each scan is stored and
// counted once, its twin is answered as a replay, and a class of 10 admits
// 10 however many of its scans race.
TEST_F(RegistrationTest, ConcurrentScansCountOnceAndTwinsAreReplays) {
  Id a = Activity(0);
  const std::string big = Token(Register(a, Group("13900000001", 200)));
  const std::string small = Token(Register(a, Group("13900000002", 10)));
  constexpr int kThreads = 8, kScans = 40;  // threads 2k and 2k+1 send the same scans
  std::atomic<int> admitted{0}, already{0}, replayed{0}, failed{0};
  std::vector<Client> phones;
  for (int t = 0; t < kThreads; ++t) {
    phones.emplace_back(server_.port());
    phones.back().cookies() = college_.cookies();
    phones.back().csrf = college_.csrf;
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kScans; ++i) {
        json::object scan{{"scan_id", "race-" + std::to_string(t / 2) + "-" + std::to_string(i)},
                          {"token", i % 2 ? small : big},
                          {"people", 1}};
        auto r = phones[t].Post(Path(a, "/checkins"), json::object{{"scans", json::array{scan}}});
        if (r.status != 200u) {
          ++failed;
          continue;
        }
        auto first = First(r);
        if (first.at("replayed").as_bool()) {
          ++replayed;
        } else {
          (first.at("result") == "ok" ? admitted : already)++;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  constexpr int kDistinct = kThreads / 2 * kScans;  // 160: 80 per class
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(replayed.load(), kDistinct);
  EXPECT_EQ(admitted.load(), kDistinct / 2 + 10);
  EXPECT_EQ(already.load(), kDistinct / 2 - 10);
  db::Session s(server_.db());
  int rows = 0, people = 0;
  s.sql() << "SELECT COUNT(*), COALESCE(SUM(CASE WHEN result = 'ok' THEN people ELSE 0 END), 0) "
             "FROM checkins WHERE activity_id = :a",
      soci::use(a), soci::into(rows), soci::into(people);
  EXPECT_EQ(rows, kDistinct);
  EXPECT_EQ(people, kDistinct / 2 + 10);
  auto att = college_.Get(Path(a, "/attendance")).data();
  EXPECT_EQ(att.at("checked_in").as_int64(), kDistinct / 2 + 10);
  auto list = college_.Get(Path(a, "/registrations")).data().at("items").as_array();
  for (const auto& r : list) {
    EXPECT_EQ(r.at("checked_in").as_int64(), r.at("head_count") == 10 ? 10 : kDistinct / 2);
  }
}

TEST_F(RegistrationTest, PublicPagesShowACancelledActivityAndLiveSeats) {
  Id a = Activity(2);
  Register(a, Person("13800000001"));
  auto seats = anon_.Get("/api/public/activity-seats?ids=" + std::to_string(a) + ",999999");
  ASSERT_EQ(seats.status, 200u) << seats.body;
  ASSERT_EQ(seats.data().at("items").as_array().size(), 1u);
  EXPECT_EQ(First(seats).at("confirmed").as_int64(), 1);
  EXPECT_EQ(First(seats).at("capacity").as_int64(), 2);
  EXPECT_EQ(First(seats).at("waiting_room").as_int64(), 50);
  EXPECT_EQ(anon_.Get("/api/public/activity-seats?ids=1,x").error_field(), "ids");
  std::string many;
  for (int i = 1; i <= 101; ++i) many += (i > 1 ? "," : "") + std::to_string(i);
  EXPECT_EQ(anon_.Get("/api/public/activity-seats?ids=" + many).error_field(), "ids");

  ASSERT_EQ(college_.Post(Path(a, "/cancel"), json::object{{"reason", "暴雨预警"}}).status, 200u);
  auto page = anon_.Get("/api/public/activities/" + std::to_string(a));
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_EQ(page.data().at("status"), "cancelled");
  EXPECT_EQ(page.data().at("cancel_reason"), "暴雨预警");
  EXPECT_EQ(anon_.Get("/api/public/activities/" + std::to_string(a) + "/calendar.ics").status,
            404u);
  // The programme lists it as cancelled when asked to (the headline count
  // of published activities does not); its calendar leaves it out.
  auto listed = [&](const std::string& query) {
    auto programme = anon_.Get("/api/public/campaigns/" + std::to_string(campaign_) +
                               "/activities?page_size=100" + query);
    for (const auto& item : programme.data().at("items").as_array()) {
      if (item.at("id").as_int64() == a) return std::string(item.at("status").as_string());
    }
    return std::string();
  };
  EXPECT_EQ(listed("&with_cancelled=1"), "cancelled");
  EXPECT_EQ(listed(""), "");
  auto ics = anon_.Get("/api/public/campaigns/" + std::to_string(campaign_) + "/calendar.ics");
  EXPECT_EQ(ics.body.find("工业机器人开放"), std::string::npos);
  // A draft cancelled before it was ever published stays hidden.
  json::object draft{{"unit_id", UnitId(server_.db(), "智能制造学院")},
                     {"title", "未发布的活动"},
                     {"theme_day_id", day2_},
                     {"starts_at", "2025-05-12T09:30:00+08:00"},
                     {"ends_at", "2025-05-12T11:30:00+08:00"},
                     {"place_kind", "on_campus"},
                     {"place", "东区"}};
  auto d = college_.Post("/api/campaigns/" + std::to_string(campaign_) + "/activities", draft);
  Id draft_id = d.data().at("id").as_int64();
  college_.Post(Path(draft_id, "/cancel"), json::object{{"reason", "不办了"}});
  EXPECT_EQ(anon_.Get("/api/public/activities/" + std::to_string(draft_id)).status, 404u);
  EXPECT_TRUE(anon_.Get("/api/public/activity-seats?ids=" + std::to_string(draft_id))
                  .data()
                  .at("items")
                  .as_array()
                  .empty());
}

}  // namespace
}  // namespace vw::testing
