// The workflow's SQL on its own (submission_store.h): versioned steps move
// a row only from the version and status they name, the first save creates
// the row once, and a snapshot reads back by submission and by code. Runs
// on SQLite and PostgreSQL alike.
#include "reporting/submission_store.h"

#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

using namespace vw::reporting;

class SubmissionStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db::Session s(server_.db());
    s.sql() << "SELECT MAX(id) FROM campaigns", soci::into(campaign_);
    unit_ = UnitId(server_.db(), "成都工业职业技术学院");
  }
  TestServer server_;
  Id campaign_ = 0;
  Id unit_ = 0;
  const std::string now_ = "2025-05-12 08:00:00";
};

TEST_F(SubmissionStoreTest, AStaleVersionMovesNothing) {
  db::Session s(server_.db());
  auto id = store::InsertDraft(s, campaign_, unit_, "summary", R"({"a":1})", now_);
  ASSERT_TRUE(id.has_value());
  EXPECT_FALSE(store::UpdateData(s, *id, 0, "draft", R"({"a":2})", now_)) << "stale version";
  EXPECT_FALSE(store::UpdateData(s, *id, 1, "returned", R"({"a":2})", now_)) << "wrong status";
  auto row = store::FindSubmission(s, campaign_, unit_, "summary");
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->version, 1);
  EXPECT_EQ(row->data, R"({"a":1})");

  EXPECT_TRUE(store::UpdateData(s, *id, 1, "draft", R"({"a":2})", now_));
  row = store::FindSubmission(s, campaign_, unit_, "summary");
  EXPECT_EQ(row->version, 2);
  EXPECT_EQ(row->data, R"({"a":2})");
  // The same write again comes from a version the row has left.
  EXPECT_FALSE(store::UpdateData(s, *id, 1, "draft", R"({"a":3})", now_));

  store::SubmitFields f{"", "", now_, false, std::nullopt};
  EXPECT_FALSE(store::MarkAccepted(s, *id, 2, 3, now_, std::nullopt)) << "not submitted yet";
  ASSERT_TRUE(store::UpdateSubmitted(s, *id, 2, "draft", f));
  EXPECT_FALSE(store::MarkAccepted(s, *id, 2, 4, now_, std::nullopt)) << "stale version";
  EXPECT_FALSE(store::MarkReturned(s, *id, 2, "改", "{}", now_, std::nullopt)) << "stale version";
  EXPECT_TRUE(store::MarkAccepted(s, *id, 3, 4, now_, std::nullopt));
  EXPECT_FALSE(store::MarkReopened(s, *id, 3, "再审", now_)) << "stale version";
  EXPECT_TRUE(store::MarkReopened(s, *id, 4, "再审", now_));
  row = store::FindSubmission(s, campaign_, unit_, "summary");
  EXPECT_EQ(row->status, "returned");
  EXPECT_EQ(row->version, 5);
  EXPECT_EQ(row->comment, "再审");
}

TEST_F(SubmissionStoreTest, TheFirstSaveCreatesTheRowOnce) {
  db::Session s(server_.db());
  auto first = store::InsertDraft(s, campaign_, unit_, "info_form", "{}", now_);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(store::InsertDraft(s, campaign_, unit_, "info_form", "{}", now_), std::nullopt);
  store::SubmitFields f{"{}", "", now_, false, std::nullopt};
  EXPECT_EQ(store::InsertSubmitted(s, campaign_, unit_, "info_form", f), std::nullopt);
  EXPECT_EQ(store::InsertNotParticipating(s, campaign_, unit_, "info_form", "{}", "未开展", now_,
                                          std::nullopt),
            std::nullopt);
  auto row = store::FindSubmission(s, campaign_, unit_, "info_form");
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->id, *first);
  EXPECT_EQ(row->status, "draft");
  // Another form of the same unit is another row.
  EXPECT_TRUE(store::InsertNotParticipating(s, campaign_, unit_, "summary", "{}", "未开展", now_,
                                            std::nullopt)
                  .has_value());
}

TEST_F(SubmissionStoreTest, ASnapshotReadsBackWithItsSubmissionAndByCode) {
  db::Session s(server_.db());
  auto id = store::InsertDraft(s, campaign_, unit_, "summary", "{}", now_);
  ASSERT_TRUE(id.has_value());
  const std::string code = "ABCD-EFGH-JKMN-PQRS";
  EXPECT_FALSE(store::CodeTaken(s, code));
  store::InsertSnapshot(s, {*id, campaign_, unit_, "summary", 2, R"({"form":"summary"})", "hash-1",
                            code, now_, std::nullopt});
  EXPECT_TRUE(store::CodeTaken(s, code));

  auto row = store::FindSubmission(s, campaign_, unit_, "summary");
  ASSERT_TRUE(row.has_value());
  ASSERT_TRUE(row->snapshot.has_value()) << "the submission links its snapshot";
  EXPECT_EQ(row->snapshot->code, code);
  EXPECT_EQ(row->snapshot->content_hash, "hash-1");
  EXPECT_EQ(row->snapshot->version, 2);
  EXPECT_EQ(row->snapshot->content, R"({"form":"summary"})");

  auto v = store::FindVerification(s, code);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->unit_name, "成都工业职业技术学院");
  EXPECT_EQ(v->form, "summary");
  EXPECT_EQ(v->version, 2);
  EXPECT_EQ(v->content_hash, "hash-1");
  EXPECT_EQ(v->parent_name, "四川省教育厅");
  EXPECT_EQ(store::FindVerification(s, "ZZZZ-ZZZZ-ZZZZ-ZZZZ"), std::nullopt);
}

}  // namespace
}  // namespace vw::testing
