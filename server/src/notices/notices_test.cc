// Notices over HTTP (issue 20, docs/notices.md): the province publishes its
// notice with annexes to the cities, 成都市教育局 acknowledges it once (a
// second 签收 changes nothing), the province sees who and when and reminds
// the others; forged ids (another unit's notice, acknowledging for a unit
// one does not belong to, a target outside the publisher's subtree) are
// refused naming the field and change nothing; the daily job reminds before
// the acknowledge-by date, once a day.
#include <gtest/gtest.h>

#include "core/time.h"
#include "notices/notices.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

const std::string kTitle = "关于办好2025年成渝地区双城经济圈职业教育活动周的通知";
const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
const std::string kXlsx = std::string("PK\x03\x04", 4) + "....xl/workbook.xml....";

class NoticesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>();
    province_unit_ = UnitId(server_->db(), "四川省教育厅");
    chengdu_unit_ = UnitId(server_->db(), "成都市教育局");
    mianyang_unit_ = UnitId(server_->db(), "绵阳市教育局");
    hr_unit_ = UnitId(server_->db(), "四川省人力资源和社会保障厅");
    db::Session s(server_->db());
    s.sql() << "SELECT MIN(id) FROM campaigns", soci::into(campaign_);
    for (Client* c : {&province_, &chengdu_, &school2_, &college_}) *c = Client(server_->port());
    college_.Login("sctc-college");
    province_.Login("province");
    chengdu_.Login("chengdu");
    school2_.Login("school2");
  }

  std::int64_t Children() {
    return Count(
        "SELECT COUNT(*) FROM units WHERE parent_id = (SELECT id FROM units WHERE name = "
        "'四川省教育厅')");
  }
  std::int64_t Count(const std::string& sql) {
    db::Session s(server_->db());
    long long n = 0;
    s.sql() << sql, soci::into(n);
    return n;
  }
  json::object Draft(const std::string& title = kTitle) {
    return {{"campaign_id", campaign_},
            {"unit_id", province_unit_},
            {"title", title},
            {"doc_number", "川教函〔2025〕119号"},
            {"body", "各市（州）教育主管部门：\n现将有关事宜通知如下。"},
            {"ack_by", "2025-05-12"}};
  }
  static std::string Path(Id id, const std::string& tail = "") {
    return "/api/notices/" + std::to_string(id) + tail;
  }
  HttpResult Upload(Client& c, Id id, const std::string& name, const std::string& bytes) {
    return c.Request("POST", Path(id, "/annexes"), bytes,
                     {{"Content-Type", "application/octet-stream"}, {"X-File-Name", name}});
  }
  // A published notice of the province to its children, with one annex.
  json::object Published() {
    auto r = province_.Post("/api/notices", Draft());
    EXPECT_EQ(r.status, 201u) << r.body;
    Id id = r.data().at("id").as_int64();
    auto up = Upload(province_, id, "附件1.pdf", kPdf);
    EXPECT_EQ(up.status, 201u) << up.body;
    auto p = province_.Post(Path(id, "/publish"), {{"version", r.data().at("version")}});
    EXPECT_EQ(p.status, 200u) << p.body;
    return p.data().as_object();
  }

  std::unique_ptr<TestServer> server_;
  Id province_unit_ = 0, chengdu_unit_ = 0, mianyang_unit_ = 0, hr_unit_ = 0, campaign_ = 0;
  Client province_{0}, chengdu_{0}, school2_{0}, college_{0};
};

TEST_F(NoticesTest, ProvincePublishesACityAcknowledgesOnceAndTheProvinceSeesWhoAndWhen) {
  auto r = province_.Post("/api/notices", Draft());
  ASSERT_EQ(r.status, 201u) << r.body;
  Id id = r.data().at("id").as_int64();
  EXPECT_EQ(r.data().at("status").as_string(), "draft");
  // Default targets: the direct children (21 city education bureaus, 3 高职).
  std::int64_t children = Children();
  EXPECT_EQ(r.data().at("target_count").as_int64(), children);
  EXPECT_EQ(children, 24);

  // Annexes: PDF and Excel accepted, a text file refused naming the field.
  auto up = Upload(province_, id, "C:\\公文\\附件1 联合活动清单.pdf", kPdf);
  ASSERT_EQ(up.status, 201u) << up.body;
  EXPECT_EQ(up.data().at("file_name").as_string(), "附件1 联合活动清单.pdf");
  Id annex = up.data().at("id").as_int64();
  auto x = Upload(province_, id, "附件5 情况统计表.xlsx", kXlsx);
  ASSERT_EQ(x.status, 201u) << x.body;
  EXPECT_EQ(x.data().at("file_name").as_string(), "附件5 情况统计表.xlsx");
  auto bad = Upload(province_, id, "a.txt", "plain text");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.error_field(), "file");

  // Not visible to a target before publication.
  EXPECT_EQ(chengdu_.Get(Path(id)).status, 404u);
  EXPECT_EQ(chengdu_.Get("/api/notice-annexes/" + std::to_string(annex)).status, 404u);

  auto pub = province_.Post(Path(id, "/publish"), {{"version", r.data().at("version")}});
  ASSERT_EQ(pub.status, 200u) << pub.body;
  EXPECT_EQ(pub.data().at("status").as_string(), "published");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications WHERE kind = 'notice'"), children);
  EXPECT_GT(Count("SELECT COUNT(*) FROM message_outbox WHERE kind = 'notice'"), 0);

  // Published: not edited, no more annexes, not deleted.
  json::object edit = Draft("改过的标题");
  edit.erase("campaign_id");
  edit.erase("unit_id");
  edit["version"] = pub.data().at("version");
  EXPECT_EQ(province_.Put(Path(id), edit).status, 409u);
  EXPECT_EQ(Upload(province_, id, "b.pdf", kPdf).status, 409u);

  // The city's inbox, the detail and the annex.
  auto inbox = chengdu_.Get("/api/notices/inbox?campaign_id=" + std::to_string(campaign_));
  ASSERT_EQ(inbox.status, 200u) << inbox.body;
  ASSERT_EQ(inbox.data().at("items").as_array().size(), 1u);
  const auto& mine = inbox.data().at("items").as_array()[0].at("my_units").as_array();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].at("unit_id").as_int64(), chengdu_unit_);
  EXPECT_FALSE(mine[0].at("acknowledged").as_bool());
  auto detail = chengdu_.Get(Path(id));
  ASSERT_EQ(detail.status, 200u);
  EXPECT_EQ(detail.data().at("annexes").as_array().size(), 2u);
  EXPECT_FALSE(detail.data().as_object().contains("targets"));  // only the publisher's side
  auto file = chengdu_.Get("/api/notice-annexes/" + std::to_string(annex));
  ASSERT_EQ(file.status, 200u);
  EXPECT_EQ(file.body, kPdf);
  // A college below a school is not a target: neither the notice nor its annex.
  EXPECT_EQ(college_.Get(Path(id)).status, 404u);
  EXPECT_EQ(college_.Get("/api/notice-annexes/" + std::to_string(annex)).status, 404u);
  EXPECT_EQ(college_.Get("/api/notices/inbox?campaign_id=" + std::to_string(campaign_))
                .data()
                .at("items")
                .as_array()
                .size(),
            0u);

  // 签收, then again: the first time stays.
  auto ack = chengdu_.Post(Path(id, "/acknowledge"), {{"unit_id", chengdu_unit_}});
  ASSERT_EQ(ack.status, 200u) << ack.body;
  EXPECT_TRUE(ack.data().at("acknowledged").as_bool());
  EXPECT_FALSE(ack.data().at("already").as_bool());
  std::string at(ack.data().at("acknowledged_at").as_string());
  auto again = chengdu_.Post(Path(id, "/acknowledge"), {{"unit_id", chengdu_unit_}});
  ASSERT_EQ(again.status, 200u);
  EXPECT_TRUE(again.data().at("already").as_bool());
  EXPECT_EQ(again.data().at("acknowledged_at").as_string(), at);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'acknowledge'"), 1);

  // The province sees who and when.
  auto seen = province_.Get(Path(id));
  ASSERT_EQ(seen.status, 200u);
  EXPECT_EQ(seen.data().at("acknowledged_count").as_int64(), 1);
  bool found = false;
  for (const auto& t : seen.data().at("targets").as_array()) {
    if (t.at("unit_id").as_int64() != chengdu_unit_) {
      EXPECT_FALSE(t.at("acknowledged").as_bool());
      continue;
    }
    found = true;
    EXPECT_TRUE(t.at("acknowledged").as_bool());
    EXPECT_EQ(t.at("acknowledged_at").as_string(), at);
    EXPECT_EQ(t.at("acknowledged_by_name").as_string(), "成都市教育局职成处");
  }
  EXPECT_TRUE(found);
  auto list = province_.Get("/api/notices?campaign_id=" + std::to_string(campaign_) +
                            "&unit_id=" + std::to_string(province_unit_));
  ASSERT_EQ(list.status, 200u);
  EXPECT_EQ(list.data().at("items").as_array()[0].at("pending_units").as_array().size(),
            static_cast<std::size_t>(children - 1));

  // Remind the others: one in-app reminder each (and its messages).
  auto remind = province_.Post(Path(id, "/remind"), json::object{});
  ASSERT_EQ(remind.status, 200u) << remind.body;
  EXPECT_EQ(remind.data().at("reminded").as_array().size(), static_cast<std::size_t>(children - 1));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications WHERE kind = 'reminder:notice'"),
            children - 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications n JOIN units u ON u.id = n.unit_id WHERE "
                  "n.kind = 'reminder:notice' AND u.name = '成都市教育局'"),
            0);
}

TEST_F(NoticesTest, ForgedIdsAreRefusedNamingTheFieldAndChangeNothing) {
  auto pub = Published();
  Id id = pub.at("id").as_int64();
  std::int64_t notices = Count("SELECT COUNT(*) FROM notices");

  // Publishing in the name of a unit one does not administer.
  auto foreign = chengdu_.Post("/api/notices", Draft());
  EXPECT_EQ(foreign.status, 403u);
  EXPECT_EQ(foreign.error_field(), "unit_id");
  // A chosen target outside the publisher's subtree (the HR department).
  json::object outside = Draft();
  outside["targets"] = "chosen";
  outside["unit_ids"] = json::array{chengdu_unit_, hr_unit_};
  auto out = province_.Post("/api/notices", outside);
  EXPECT_EQ(out.status, 400u);
  EXPECT_EQ(out.error_field(), "unit_ids");
  // Budgets: the title's length.
  auto long_title = province_.Post("/api/notices", Draft(std::string(101 * 3, 'x')));
  EXPECT_EQ(long_title.status, 400u);
  EXPECT_EQ(long_title.error_field(), "title");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notices"), notices);

  // Acknowledging for a target one does not belong to, or as a non-target.
  auto other = chengdu_.Post(Path(id, "/acknowledge"), {{"unit_id", mianyang_unit_}});
  EXPECT_EQ(other.status, 403u);
  EXPECT_EQ(other.error_field(), "unit_id");
  auto school = college_.Post(Path(id, "/acknowledge"), {{"unit_id", chengdu_unit_}});
  EXPECT_EQ(school.status, 403u);
  EXPECT_EQ(school.error_field(), "unit_id");
  auto peer = school2_.Post(Path(id, "/acknowledge"), {{"unit_id", chengdu_unit_}});
  EXPECT_EQ(peer.status, 403u);
  EXPECT_EQ(peer.error_field(), "unit_id");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notice_targets WHERE acknowledged_at IS NOT NULL"), 0);

  // Another unit's notice: not listed, not reminded, not edited, not deleted.
  auto list = chengdu_.Get("/api/notices?campaign_id=" + std::to_string(campaign_) +
                           "&unit_id=" + std::to_string(province_unit_));
  EXPECT_EQ(list.status, 403u);
  EXPECT_EQ(list.error_field(), "unit_id");
  EXPECT_EQ(chengdu_.Post(Path(id, "/remind"), json::object{}).status, 404u);
  auto draft = province_.Post("/api/notices", Draft("草稿"));
  ASSERT_EQ(draft.status, 201u);
  Id draft_id = draft.data().at("id").as_int64();
  EXPECT_EQ(chengdu_.Get(Path(draft_id)).status, 404u);
  EXPECT_EQ(Upload(chengdu_, draft_id, "a.pdf", kPdf).status, 404u);
  EXPECT_EQ(chengdu_.Delete(Path(draft_id, "?version=1")).status, 404u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notification_reads"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications WHERE kind = 'reminder:notice'"), 0);
  // The draft's owner deletes it.
  EXPECT_EQ(province_.Delete(Path(draft_id, "?version=1")).status, 200u);
}

TEST_F(NoticesTest, TheDailyJobRemindsBeforeTheAcknowledgeByDateOnceADay) {
  ScopedClock clock("2025-05-09T10:00:00+08:00");
  auto pub = Published();  // ack_by 2025-05-12
  ASSERT_FALSE(pub.empty());
  org::Scope scope(server_->db());
  notices::NoticeService service(server_->db(), scope);
  // Three days before: not yet.
  EXPECT_EQ(service.RemindBeforeAckDates(timeutil::NowUnix(), 1), 0);
  clock.Set("2025-05-11T08:00:00+08:00");
  EXPECT_EQ(service.RemindBeforeAckDates(timeutil::NowUnix(), 1), Children());
  // Later the same day: nothing again.
  clock.Set("2025-05-11T20:00:00+08:00");
  EXPECT_EQ(service.RemindBeforeAckDates(timeutil::NowUnix(), 1), 0);
  // After the date: no more.
  clock.Set("2025-05-13T08:00:00+08:00");
  EXPECT_EQ(service.RemindBeforeAckDates(timeutil::NowUnix(), 1), 0);
}

}  // namespace
}  // namespace vw::testing

namespace vw::testing {
namespace {

TEST_F(NoticesTest, ACorrectionIsANewNoticeNamingAPublishedOneOfTheSameUnit) {
  auto pub = Published();
  Id id = pub.at("id").as_int64();
  // A draft is edited at its version; a stale version is refused.
  auto draft = province_.Post("/api/notices", Draft("草稿"));
  ASSERT_EQ(draft.status, 201u);
  Id draft_id = draft.data().at("id").as_int64();
  json::object edit = Draft("关于调整活动周信息采集表报送时间的更正通知");
  edit.erase("campaign_id");
  edit.erase("unit_id");
  edit["corrects_id"] = id;
  edit["version"] = draft.data().at("version");
  auto saved = province_.Put(Path(draft_id), edit);
  ASSERT_EQ(saved.status, 200u) << saved.body;
  EXPECT_EQ(saved.data().at("corrects_id").as_int64(), id);
  EXPECT_EQ(saved.data().at("corrects_title").as_string(), kTitle);
  EXPECT_EQ(province_.Put(Path(draft_id), edit).status, 409u);  // stale version
  // Correcting a draft, or with a notice of another unit, is refused.
  json::object bad = Draft("更正");
  bad["corrects_id"] = draft_id;
  auto refused = province_.Post("/api/notices", bad);
  EXPECT_EQ(refused.status, 400u);
  EXPECT_EQ(refused.error_field(), "corrects_id");
  // The original stays as it was.
  auto original = province_.Get(Path(id));
  EXPECT_EQ(original.data().at("title").as_string(), kTitle);
  EXPECT_EQ(original.data().at("version").as_int64(), pub.at("version").as_int64());
}

}  // namespace
}  // namespace vw::testing

namespace vw::testing {
namespace {

TEST_F(NoticesTest, AnnexesKeepTheirBudgets) {
  auto draft = province_.Post("/api/notices", Draft());
  ASSERT_EQ(draft.status, 201u);
  Id id = draft.data().at("id").as_int64();
  std::string big = "%PDF-1.4\n" + std::string(notices::kMaxAnnexBytes, 'x');
  auto over = Upload(province_, id, "大文件.pdf", big);
  EXPECT_EQ(over.status, 400u);
  EXPECT_EQ(over.error_field(), "file");
  for (int i = 0; i < notices::kMaxAnnexes; ++i) {
    ASSERT_EQ(Upload(province_, id, "附件" + std::to_string(i + 1) + ".pdf", kPdf).status, 201u);
  }
  auto eleventh = Upload(province_, id, "附件11.pdf", kPdf);
  EXPECT_EQ(eleventh.status, 409u);
  EXPECT_EQ(eleventh.error_field(), "file");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notice_annexes"), notices::kMaxAnnexes);
}

}  // namespace
}  // namespace vw::testing
