// The statistics' SQL on its own (statistics_store.h, media_store.h,
// records_store.h): accepted figures saved for a submission read back for
// the unit among its parent's children, and a unit's own media reports and
// held activities count for it and its subtree. SQLite and PostgreSQL.
#include "reporting/statistics_store.h"

#include <gtest/gtest.h>

#include "reporting/media_store.h"
#include "reporting/records_store.h"
#include "reporting/submission_store.h"
#include "test_env.h"

namespace vw::testing {
namespace {

using namespace vw::reporting;

class StatisticsStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db::Session s(server_.db());
    s.sql() << "SELECT MAX(id) FROM campaigns", soci::into(campaign_);
    unit_ = UnitId(server_.db(), "成都工业职业技术学院");
    parent_ = UnitId(server_.db(), "四川省教育厅");
  }
  // The unit's statistics form, accepted.
  Id Accepted(db::Session& s) {
    auto id = store::InsertDraft(s, campaign_, unit_, "statistics", "{}", now_);
    EXPECT_TRUE(id.has_value());
    store::SubmitFields f{"", "", now_, false, std::nullopt};
    EXPECT_TRUE(store::UpdateSubmitted(s, *id, 1, "draft", f));
    EXPECT_TRUE(store::MarkAccepted(s, *id, 2, 3, now_, std::nullopt));
    return *id;
  }
  std::optional<store::ChildInfo> Child(db::Session& s) {
    for (auto& c : store::ReportingChildren(s, campaign_, "statistics", parent_)) {
      if (c.unit_id == unit_) return c;
    }
    return std::nullopt;
  }

  TestServer server_;
  Id campaign_ = 0;
  Id unit_ = 0;
  Id parent_ = 0;
  const std::string now_ = "2025-05-12 08:00:00";
};

TEST_F(StatisticsStoreTest, SavedFiguresReadBackForTheUnit) {
  db::Session s(server_.db());
  auto before = Child(s);
  ASSERT_TRUE(before.has_value()) << "a reporting child of the province";
  EXPECT_EQ(before->status, "not_started");
  EXPECT_FALSE(before->accepted.has_value());

  Id id = Accepted(s);
  StatisticsRow f;
  std::int64_t value = 1;
  for (const StatisticsField* field : StoredStatisticsFields()) f.*(field->member) = value++;
  f.enrolled = 400;
  f.students = 100;
  store::SaveFigures(s, id, campaign_, unit_, f);
  f.teachers = 77;  // saving again replaces the figures
  store::SaveFigures(s, id, campaign_, unit_, f);

  auto child = Child(s);
  ASSERT_TRUE(child.has_value());
  EXPECT_EQ(child->status, "accepted");
  ASSERT_TRUE(child->accepted.has_value());
  for (const StatisticsField* field : StoredStatisticsFields()) {
    EXPECT_EQ((*child->accepted).*(field->member), f.*(field->member)) << field->code;
  }
  EXPECT_DOUBLE_EQ(child->accepted->coverage, 25.0) << "recomputed from students / enrolled";
  EXPECT_EQ(child->accepted->unit_name, "成都工业职业技术学院");
}

TEST_F(StatisticsStoreTest, MediaReportsCountForTheUnitAndItsSubtree) {
  db::Session s(server_.db());
  auto count = [](const std::vector<store::MediaCount>& counts, Id unit, const char* level) {
    std::int64_t n = 0;
    for (const auto& c : counts) {
      if (c.unit_id == unit && c.level == level) n += c.reports;
    }
    return n;
  };
  std::int64_t city_before = count(store::MediaCountsOf(s, campaign_, unit_), unit_, "city");
  MediaReport m{0,      campaign_, unit_,        "", std::nullopt, "成都日报",
                "city", "开放日",  "2025-05-12", "", now_};
  Id a = store::InsertMediaReport(s, m, std::nullopt);
  m.title = "技能展示";
  store::InsertMediaReport(s, m, std::nullopt);
  EXPECT_EQ(count(store::MediaCountsOf(s, campaign_, unit_), unit_, "city"), city_before + 2);
  EXPECT_EQ(count(store::MediaCountsUnder(s, campaign_, parent_), unit_, "city"), city_before + 2)
      << "the province's subtree holds the school";

  auto found = store::FindMediaReport(s, a);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->unit_name, "成都工业职业技术学院");
  EXPECT_EQ(found->title, "开放日");
  EXPECT_EQ(found->published_on, "2025-05-12");
  store::DeleteMediaReport(s, a);
  EXPECT_EQ(store::FindMediaReport(s, a), std::nullopt);
  EXPECT_EQ(count(store::MediaCountsOf(s, campaign_, unit_), unit_, "city"), city_before + 1);
}

TEST_F(StatisticsStoreTest, HeldActivitiesOfAUnitAndOfItsSubtree) {
  db::Session s(server_.db());
  Id school = UnitId(server_.db(), "四川科技职业学院");
  Id college = UnitId(server_.db(), "智能制造学院");
  auto under = store::HeldActivitiesUnder(s, campaign_, school);
  std::size_t of_college = store::HeldActivitiesOf(s, campaign_, college).size();
  std::size_t college_under = 0;
  for (const auto& a : under) {
    EXPECT_EQ(a.school, school) << "every activity of the subtree lies in the school";
    if (a.unit_id == college) ++college_under;
  }
  EXPECT_EQ(college_under, of_college);
  EXPECT_GT(under.size(), 0u) << "the demo holds published activities in the school";
}

}  // namespace
}  // namespace vw::testing
