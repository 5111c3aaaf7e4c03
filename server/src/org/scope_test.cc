// Scope::Require is the one permission check; these pin its rules.
#include "org/scope.h"

#include <gtest/gtest.h>

#include "app/seed.h"
#include "test_env.h"

namespace vw::testing {
namespace {

class ScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = FreshDatabase();
    auto seeded = seed::SeedDemo(*db_);
    ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  }
  Principal With(std::vector<Grant> grants) {
    Principal p;
    p.user_id = 999;
    p.grants = std::move(grants);
    return p;
  }
  std::unique_ptr<db::Database> db_;
};

TEST_F(ScopeTest, GrantReachesWholeSubtreeOnly) {
  org::Scope scope(*db_);
  Id sctc = UnitId(*db_, "四川科技职业学院");
  Id college = UnitId(*db_, "智能制造学院");
  Id other = UnitId(*db_, "成都工业职业技术学院");
  Id edu = UnitId(*db_, "四川省教育厅");
  auto p = With({{sctc, Role::kUnitAdmin}});
  EXPECT_TRUE(scope.Require(p, sctc).ok());
  EXPECT_TRUE(scope.Require(p, college).ok());
  EXPECT_EQ(scope.Require(p, other).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(scope.Require(p, edu).error().code, ErrorCode::kForbidden);
}

TEST_F(ScopeTest, RoleMustMatch) {
  org::Scope scope(*db_);
  Id college = UnitId(*db_, "智能制造学院");
  auto viewer = With({{college, Role::kViewer}});
  EXPECT_TRUE(scope.Require(viewer, college, RoleSet::Any()).ok());
  EXPECT_FALSE(scope.Require(viewer, college, {Role::kUnitAdmin}).ok());
}

TEST_F(ScopeTest, UnknownUnitIsForbiddenLikeAForeignOne) {
  org::Scope scope(*db_);
  auto p = With({{UnitId(*db_, "四川省教育厅"), Role::kUnitAdmin}});
  EXPECT_EQ(scope.Require(p, 987654321).error().code, ErrorCode::kForbidden);
}

TEST_F(ScopeTest, SysadminReachesEverything) {
  org::Scope scope(*db_);
  EXPECT_TRUE(scope.Require(Principal::System(), UnitId(*db_, "保卫处")).ok());
}

TEST_F(ScopeTest, EducationGrantDoesNotReachTechnicalSchools) {
  org::Scope scope(*db_);
  auto p = With({{UnitId(*db_, "四川省教育厅"), Role::kUnitAdmin}});
  EXPECT_TRUE(scope.Require(p, UnitId(*db_, "成都市财贸职业高级中学")).ok());
  EXPECT_FALSE(scope.Require(p, UnitId(*db_, "成都市技师学院")).ok());
}

}  // namespace
}  // namespace vw::testing
