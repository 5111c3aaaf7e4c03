// Awards over HTTP (issue 19, docs/awards.md): the school's 优秀组织奖 over
// its five colleges ranked from the played demo week's records and two
// judges' scores, four winners, certificates verified without a login; bad
// input (weights, forged units and judges, a judge's own unit, scores out
// of range) refused with the field named and nothing changed.
#include <gtest/gtest.h>

#include <set>

#include "app/seed.h"
#include "core/time.h"
#include "media/test_media_files.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;
namespace tf = media::testfiles;

constexpr const char* kPublicUrl = "https://vocweek.example.cn";
const char* const kColleges[] = {"智能制造学院", "信息工程学院", "建筑与艺术学院", "经济管理学院",
                                 "健康护理学院"};

class AwardsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tf::TempDir();
    server_ = std::make_unique<TestServer>([this](app::Config& c) {
      c.media_dir = dir_.string();
      c.public_url = kPublicUrl;
    });
    school_ = UnitId(server_->db(), "四川科技职业学院");
    office_ = UnitId(server_->db(), "教务处");
    school2_ = UnitId(server_->db(), "成都工业职业技术学院");
    for (const char* name : kColleges) colleges_.push_back(UnitId(server_->db(), name));
    db::Session s(server_->db());
    s.sql() << "SELECT MIN(id) FROM campaigns", soci::into(campaign_);
    for (Client* c : {&sctc_, &college_, &school2_c_, &admin_, &anon_})
      *c = Client(server_->port());
    sctc_.Login("sctc");
    college_.Login("sctc-college");
    school2_c_.Login("school2");
    admin_.Login("admin");
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }

  Id UserId(const std::string& username) {
    db::Session s(server_->db());
    long long id = 0;
    s.sql() << "SELECT id FROM users WHERE username = :u", soci::use(username), soci::into(id);
    return id;
  }
  // A signed-in user of `unit` with a viewer grant there.
  std::unique_ptr<Client> NewUser(const std::string& username, Id unit) {
    auto r = admin_.Post("/api/users",
                         {{"username", username},
                          {"password", "Judge2025x"},
                          {"display_name", "评委" + username},
                          {"unit_id", unit},
                          {"grants", json::array{{{"unit_id", unit}, {"role", "viewer"}}}}});
    EXPECT_EQ(r.status, 201u) << r.body;
    {
      db::Session s(server_->db());
      Id id = r.data().at("id").as_int64();
      s.sql() << "UPDATE users SET must_change_password = 0 WHERE id = :id", soci::use(id);
    }
    auto c = std::make_unique<Client>(server_->port());
    c->Login(username, "Judge2025x");
    return c;
  }
  std::int64_t Count(const std::string& sql) {
    db::Session s(server_->db());
    long long n = 0;
    s.sql() << sql, soci::into(n);
    return n;
  }

  // The school notice's 优秀组织奖: three criteria, four winners.
  json::object Award(const std::vector<Id>& judges) {
    json::array units;
    for (Id u : colleges_) units.emplace_back(u);
    json::array judge_ids;
    for (Id j : judges) judge_ids.emplace_back(j);
    return {{"campaign_id", campaign_},
            {"owner_unit_id", school_},
            {"name", "优秀组织奖"},
            {"level", "school"},
            {"winners", 4},
            {"tie_rule", "first_criterion"},
            {"unit_ids", units},
            {"judge_ids", judge_ids},
            {"criteria",
             json::array{
                 {{"name", "策划组织与宣传推广力度"},
                  {"weight", 30},
                  {"indicators",
                   json::array{"forms_on_time", "publicity_accepted", "media_reports", "judge"}}},
                 {{"name", "线下活动的数量与质量"},
                  {"weight", 40},
                  {"indicators", json::array{"activities", "activity_days", "on_campus", "judge"}}},
                 {{"name", "师生参与人数占比、合作企业参与度及贡献"},
                  {"weight", 30},
                  {"indicators", json::array{"participation", "enterprises"}}}}}};
  }
  static std::string Path(Id id, const std::string& tail = "") {
    return "/api/awards/" + std::to_string(id) + tail;
  }
  json::object Create(const json::object& body) {
    auto r = sctc_.Post("/api/awards", body);
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.status == 201u ? r.data().as_object() : json::object{};
  }
  // Scores of the criteria with judges for every college but `skip`.
  static json::object Scores(const json::object& award, const std::vector<Id>& units, int base) {
    json::array scores;
    int i = 0;
    for (const auto& c : award.at("criteria").as_array()) {
      if (!c.at("judged").as_bool()) continue;
      for (Id u : units) {
        scores.push_back(json::object{{"unit_id", u},
                                      {"criterion_id", c.at("id")},
                                      {"score", base + (i++ % 7) * 3},
                                      {"comment", "组织有序"}});
      }
    }
    return {{"scores", scores}};
  }

  std::filesystem::path dir_;
  std::unique_ptr<TestServer> server_;
  Client sctc_{0}, college_{0}, school2_c_{0}, admin_{0}, anon_{0};
  Id campaign_ = 0, school_ = 0, office_ = 0, school2_ = 0;
  std::vector<Id> colleges_;
};

TEST_F(AwardsApiTest, PlayedWeekRanksTheFiveCollegesAndFourWinCertificatesThatVerify) {
  auto played = seed::PlayDemoWeek(server_->db(),
                                   *timeutil::ParseInstant("2025-05-26T10:00:00+08:00", "at", "at"),
                                   server_->app().media());
  ASSERT_TRUE(played.ok()) << played.error().message;
  ScopedClock clock("2025-05-28T10:00:00+08:00");

  auto judge2 = NewUser("judge-office", office_);
  Id j1 = UserId("sctc"), j2 = UserId("judge-office");
  auto award = Create(Award({j1, j2}));
  ASSERT_FALSE(award.empty());
  Id id = award.at("id").as_int64();
  EXPECT_EQ(award.at("status").as_string(), "draft");
  EXPECT_EQ(award.at("units").as_array().size(), 5u);

  auto opened = sctc_.Post(Path(id, "/open"), {{"version", award.at("version")}});
  ASSERT_EQ(opened.status, 200u) << opened.body;
  award = opened.data().as_object();

  // Judge 1 scores and submits; judge 2 does not see those scores until
  // they submit theirs.
  auto saved = sctc_.Put(Path(id, "/scores"), Scores(award, colleges_, 70));
  ASSERT_EQ(saved.status, 200u) << saved.body;
  EXPECT_EQ(saved.data().at("mine").as_array().size(), 10u);
  auto submitted = sctc_.Post(Path(id, "/scores/submit"), json::object{});
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  auto before = judge2->Get(Path(id, "/scores"));
  ASSERT_EQ(before.status, 200u) << before.body;
  EXPECT_TRUE(before.data().at("others").as_array().empty());
  EXPECT_TRUE(before.data().at("can_score").as_bool());
  // Submitting with scores missing names the field.
  auto early = judge2->Post(Path(id, "/scores/submit"), json::object{});
  EXPECT_EQ(early.status, 400u);
  EXPECT_EQ(early.error_field(), "scores");
  ASSERT_EQ(judge2->Put(Path(id, "/scores"), Scores(award, colleges_, 60)).status, 200u);
  auto after = judge2->Post(Path(id, "/scores/submit"), json::object{});
  ASSERT_EQ(after.status, 200u) << after.body;
  EXPECT_EQ(after.data().at("others").as_array().size(), 10u);
  // Submitted scores are final.
  EXPECT_EQ(judge2->Put(Path(id, "/scores"), Scores(award, colleges_, 60)).status, 409u);

  // The organiser sees how far the judges agree: per unit and criterion.
  auto sheet = sctc_.Get(Path(id, "/scores"));
  ASSERT_EQ(sheet.status, 200u) << sheet.body;
  const auto& agreement = sheet.data().at("agreement").as_array();
  ASSERT_EQ(agreement.size(), 10u);
  for (const auto& a : agreement) {
    EXPECT_EQ(a.at("count").as_int64(), 2);
    EXPECT_GE(a.at("spread").as_int64(), 0);
  }

  // The live ranking: the figures are the records'.
  auto live = sctc_.Get(Path(id, "/ranking"));
  ASSERT_EQ(live.status, 200u) << live.body;
  EXPECT_TRUE(live.data().at("live").as_bool());
  const auto& rows = live.data().at("units").as_array();
  ASSERT_EQ(rows.size(), 5u);
  double max_activities = 0;
  for (const auto& r : rows) {
    Id unit = r.at("unit_id").as_int64();
    auto held = Count(
        "SELECT COUNT(*) FROM activities a JOIN unit_closure c ON c.descendant_id = a.unit_id "
        "WHERE c.ancestor_id = " +
        std::to_string(unit) +
        " AND a.status = 'published' AND a.campaign_id = " + std::to_string(campaign_));
    const auto& offline = r.at("criteria").as_array()[1].at("indicators").as_array();
    EXPECT_EQ(offline[0].at("code").as_string(), "activities");
    EXPECT_EQ(offline[0].at("value").to_number<double>(), static_cast<double>(held));
    max_activities = std::max(max_activities, static_cast<double>(held));
    EXPECT_EQ(offline[3].at("judges").as_int64(), 2);
    // The total is the weighted sum of the criteria.
    double total = 0;
    for (const auto& c : r.at("criteria").as_array()) total += c.at("weighted").to_number<double>();
    EXPECT_NEAR(total, r.at("total").to_number<double>(), 0.05);
  }
  EXPECT_GT(max_activities, 0) << "the played week holds activities";
  for (const auto& r : rows) {
    const auto& a = r.at("criteria").as_array()[1].at("indicators").as_array()[0];
    EXPECT_NEAR(a.at("score").to_number<double>(),
                a.at("value").to_number<double>() / max_activities * 100, 0.01);
  }

  // Decide: four winners, places ordered.
  auto decided =
      sctc_.Post(Path(id, "/decide"), {{"version", live.data().at("award").at("version")}});
  ASSERT_EQ(decided.status, 200u) << decided.body;
  std::vector<std::string> codes;
  std::vector<Id> winners;
  int last_place = 0;
  for (const auto& r : decided.data().at("units").as_array()) {
    EXPECT_GE(r.at("place").as_int64(), last_place);
    last_place = static_cast<int>(r.at("place").as_int64());
    if (r.at("winner").as_bool()) {
      winners.push_back(r.at("unit_id").as_int64());
      codes.emplace_back(r.at("certificate_code").as_string());
    } else {
      EXPECT_TRUE(r.at("certificate_code").is_null());
    }
  }
  EXPECT_EQ(winners.size(), 4u);

  // Before publication a college sees nothing, and the codes do not verify.
  EXPECT_EQ(college_.Get(Path(id, "/ranking")).status, 404u);
  EXPECT_EQ(anon_.Get("/api/public/awards/verify/" + codes[0]).status, 404u);

  auto got = sctc_.Get(Path(id));
  auto published = sctc_.Post(Path(id, "/publish"), {{"version", got.data().at("version")},
                                                     {"published_on", "2025-05-28"}});
  ASSERT_EQ(published.status, 200u) << published.body;
  EXPECT_EQ(published.data().at("status").as_string(), "published");

  // A competing college's staff see why they ranked where they did.
  auto seen = college_.Get(Path(id, "/ranking"));
  ASSERT_EQ(seen.status, 200u) << seen.body;
  EXPECT_EQ(seen.data().at("units").as_array().size(), 5u);
  EXPECT_FALSE(seen.data().at("units").as_array()[0].at("criteria").as_array().empty());

  // Certificates: a PDF per winner with the public URL; the code verifies.
  auto pdf = sctc_.Get(Path(id, "/certificates/" + std::to_string(winners[0])));
  ASSERT_EQ(pdf.status, 200u) << pdf.body;
  EXPECT_EQ(pdf.body.rfind("%PDF", 0), 0u);
  auto v = anon_.Get("/api/public/awards/verify/" + codes[0]);
  ASSERT_EQ(v.status, 200u) << v.body;
  EXPECT_EQ(v.data().at("award").as_string(), "优秀组织奖");
  EXPECT_EQ(v.data().at("issuer").as_string(), "四川科技职业学院");
  std::string lower = codes[1];
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(anon_.Get("/api/public/awards/verify/" + lower).status, 200u);
  EXPECT_EQ(anon_.Get("/api/public/awards/verify/0000-0000-0000-0000").status, 404u);
  // A loser has no certificate.
  for (Id u : colleges_) {
    if (std::find(winners.begin(), winners.end(), u) == winners.end()) {
      EXPECT_EQ(sctc_.Get(Path(id, "/certificates/" + std::to_string(u))).status, 404u);
    }
  }

  // The notice of winners, as Word and PDF.
  auto docx = college_.Get(Path(id, "/notice?format=docx"));
  ASSERT_EQ(docx.status, 200u) << docx.body;
  EXPECT_EQ(docx.body.rfind("PK", 0), 0u);
  auto notice = sctc_.Get(Path(id, "/notice?format=pdf"));
  ASSERT_EQ(notice.status, 200u) << notice.body;
  EXPECT_EQ(notice.body.rfind("%PDF", 0), 0u);
  // Another school sees none of it.
  EXPECT_EQ(school2_c_.Get(Path(id, "/ranking")).status, 404u);
  EXPECT_EQ(school2_c_.Get(Path(id, "/notice?format=pdf")).status, 404u);

  // Every step is in the audit log.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE entity = 'award' AND entity_id = " +
                  std::to_string(id) +
                  " AND action IN ('create', 'open', 'submit_scores', 'decide', 'publish')"),
            6);
}

TEST_F(AwardsApiTest, BadInputNamesTheFieldAndChangesNothing) {
  Id j1 = UserId("sctc");
  auto body = Award({j1});

  // Weights adding up to 90.
  auto wrong = body;
  wrong["criteria"].as_array()[2].as_object()["weight"] = 20;
  auto r = sctc_.Post("/api/awards", wrong);
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "weight");
  EXPECT_NE(r.error_message().find("100"), std::string::npos) << r.body;

  // An unknown indicator.
  auto unknown = body;
  unknown["criteria"].as_array()[0].as_object()["indicators"] = json::array{"likes"};
  EXPECT_EQ(sctc_.Post("/api/awards", unknown).error_field(), "indicators");

  // Another school's unit among the competitors.
  auto foreign = body;
  foreign["unit_ids"].as_array().push_back(school2_);
  r = sctc_.Post("/api/awards", foreign);
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.error_field(), "unit_ids");
  // The owner itself is not below the owner.
  auto self = body;
  self["unit_ids"].as_array().push_back(school_);
  EXPECT_EQ(sctc_.Post("/api/awards", self).error_field(), "unit_ids");

  // A judge from elsewhere, or unknown.
  auto elsewhere = body;
  elsewhere["judge_ids"] = json::array{UserId("school2")};
  r = sctc_.Post("/api/awards", elsewhere);
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.error_field(), "judge_ids");
  elsewhere["judge_ids"] = json::array{999999};
  EXPECT_EQ(sctc_.Post("/api/awards", elsewhere).error_field(), "judge_ids");

  // Another school's admin creating an award over this school's colleges.
  auto hijack = body;
  hijack["owner_unit_id"] = school2_;
  EXPECT_EQ(school2_c_.Post("/api/awards", hijack).status, 404u);
  // A college organiser cannot organise the school's award.
  EXPECT_EQ(college_.Post("/api/awards", body).status, 403u);
  // More winners than units.
  auto many = body;
  many["winners"] = 6;
  EXPECT_EQ(sctc_.Post("/api/awards", many).error_field(), "winners");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM awards"), 0);

  // The college's secretary judges: never their own college.
  Id secretary = UserId("sctc-college");
  auto award = Create(Award({j1, secretary}));
  Id id = award.at("id").as_int64();
  EXPECT_EQ(school2_c_.Get(Path(id)).status, 404u);
  EXPECT_EQ(school2_c_.Post(Path(id, "/open"), {{"version", award.at("version")}}).status, 404u);
  // A stale edit.
  auto edit = Award({j1, secretary});
  edit.erase("campaign_id");
  edit.erase("owner_unit_id");
  edit["version"] = 99;
  EXPECT_EQ(sctc_.Put(Path(id), edit).status, 409u);
  // A forged unit in an edit changes nothing.
  edit["version"] = award.at("version");
  edit["unit_ids"].as_array().push_back(school2_);
  EXPECT_EQ(sctc_.Put(Path(id), edit).error_field(), "unit_ids");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM award_units WHERE award_id = " + std::to_string(id)), 5);

  award = sctc_.Post(Path(id, "/open"), {{"version", award.at("version")}}).data().as_object();
  auto sheet = college_.Get(Path(id, "/scores"));
  ASSERT_EQ(sheet.status, 200u) << sheet.body;
  int may = 0;
  for (const auto& u : sheet.data().at("units").as_array()) {
    bool own = u.at("id").as_int64() == colleges_[0];
    EXPECT_EQ(u.at("may_score").as_bool(), !own);
    may += u.at("may_score").as_bool() ? 1 : 0;
  }
  EXPECT_EQ(may, 4);
  r = college_.Put(Path(id, "/scores"), Scores(award, {colleges_[0]}, 90));
  EXPECT_EQ(r.status, 403u);
  EXPECT_EQ(r.error_field(), "unit_id");
  EXPECT_NE(r.error_message().find("智能制造学院"), std::string::npos) << r.body;
  // Out of range.
  auto high = Scores(award, {colleges_[1]}, 90);
  high["scores"].as_array()[0].as_object()["score"] = 101;
  r = college_.Put(Path(id, "/scores"), high);
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "score");
  // A unit outside the award.
  r = college_.Put(Path(id, "/scores"), Scores(award, {school2_}, 90));
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.error_field(), "unit_id");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM award_scores"), 0);
  // The other four colleges, then submit: the own college is not asked for.
  ASSERT_EQ(college_
                .Put(Path(id, "/scores"),
                     Scores(award, {colleges_[1], colleges_[2], colleges_[3], colleges_[4]}, 80))
                .status,
            200u);
  EXPECT_EQ(college_.Post(Path(id, "/scores/submit"), json::object{}).status, 200u);
  // Not every judge submitted: no decision yet.
  auto got = sctc_.Get(Path(id));
  r = sctc_.Post(Path(id, "/decide"), {{"version", got.data().at("version")}});
  EXPECT_EQ(r.status, 409u);
  EXPECT_EQ(r.error_field(), "judge_ids");
  // A non-judge cannot score.
  EXPECT_EQ(school2_c_.Put(Path(id, "/scores"), Scores(award, {colleges_[1]}, 80)).status, 404u);
}

}  // namespace
}  // namespace vw::testing
