// Awards (表彰奖励, issue 19; the contract is docs/awards.md, the tables
// migration 0032).
//
// An award of an owner unit over units below it: criteria with weights
// adding up to 100, each with indicators from a fixed catalogue computed
// from the records (kIndicators), or judges' scores. Judges never score a
// unit they belong to and see only their own scores until they submit. The
// ranking is decided (stored with a certificate code per winner), then
// published on a date; every step is audited.
//
// Authority is over the target: the owner's unit admins organise; the
// competing units, the judges' home units and the judges' grants are
// checked against the owner's subtree; anything else answers "not found".
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "org/scope.h"

namespace vw::awards {

struct IndicatorKind {
  const char* code;
  const char* name;
  const char* unit;  // 项 / 天 / % / 家 / 篇 / 件 / 份 / 分
};
// The catalogue (docs/awards.md); "judge" is the judges' mean.
inline constexpr IndicatorKind kIndicators[] = {
    {"activities", "举办活动数", "项"},
    {"activity_days", "有活动的主题日数", "天"},
    {"on_campus", "校内点位活动数", "项"},
    {"participation", "师生参与占比", "%"},
    {"enterprises", "参与企业数", "家"},
    {"media_reports", "媒体报道数", "篇"},
    {"media_provincial", "省级及以上媒体报道数", "篇"},
    {"publicity_accepted", "宣传素材采用数", "件"},
    {"publicity_pushed", "择优推送数", "件"},
    {"forms_on_time", "按时报送表格数", "份"},
    {"judge", "评委评分", "分"},
};
const IndicatorKind* FindIndicator(std::string_view code);
// 校级 / 市级 / 省级; "" for an unknown code.
const char* LevelName(std::string_view level);
// 草稿 / 评审中 / 已决定 / 已公布.
const char* StatusName(std::string_view status);

// Budgets (docs/awards.md).
inline constexpr std::size_t kMaxName = 50;
inline constexpr std::size_t kMaxCriterionName = 60;
inline constexpr std::size_t kMaxCriteria = 10;
inline constexpr std::size_t kMaxIndicators = 10;
inline constexpr std::size_t kMinUnits = 2;
inline constexpr std::size_t kMaxUnits = 200;
inline constexpr std::size_t kMaxJudges = 30;
inline constexpr std::size_t kMaxComment = 300;
inline constexpr std::size_t kMaxScores = 2000;

struct CriterionInput {
  std::string name;
  int weight = 0;
  std::vector<std::string> indicators;
};

// What a create or an edit sends.
struct AwardInput {
  Id campaign_id = 0;    // create only
  Id owner_unit_id = 0;  // create only
  std::string name;
  std::string level;
  int winners = 0;
  std::string tie_rule;
  std::vector<Id> unit_ids;
  std::vector<Id> judge_ids;
  std::vector<CriterionInput> criteria;
  int version = 0;  // edits
};
// Reads the JSON body with Chinese errors naming the field; `create` asks
// for campaign_id and owner_unit_id. Checks the weights add up to 100.
Result<AwardInput> ReadAwardInput(const json::object& body, bool create);

struct ScoreInput {
  Id unit_id = 0;
  Id criterion_id = 0;
  int score = 0;
  std::string comment;
};
Result<std::vector<ScoreInput>> ReadScores(const json::object& body);

// ---- Ranking, a pure computation (awards_ranking.cc).

struct CriterionSpec {
  Id id = 0;
  std::string name;
  int weight = 0;
  std::vector<std::string> indicators;
};
// Inputs per unit: indicator code -> raw value (record indicators), and
// criterion id -> the submitted judges' scores.
struct UnitInputs {
  Id unit_id = 0;
  std::string unit_name;
  std::map<std::string, double> values;
  std::map<Id, std::vector<int>> judge_scores;
};
struct IndicatorScore {
  std::string code;
  double value = 0;  // the raw value (judge: the mean)
  double score = 0;  // 0..100
  int judges = 0;    // judge: how many scores the mean is over
};
struct CriterionScore {
  Id criterion_id = 0;
  std::string name;
  int weight = 0;
  double score = 0;  // the mean of its indicators' scores
  std::vector<IndicatorScore> indicators;
};
struct Ranked {
  Id unit_id = 0;
  std::string unit_name;
  int place = 0;
  double total = 0;  // rounded to two decimals
  bool winner = false;
  std::vector<CriterionScore> criteria;
};
// Normalises, weighs, orders by total (tie_rule "first_criterion": then
// by the first criterion's score), gives equal units the same place and
// marks as winners the units whose place is within `winners`.
std::vector<Ranked> Rank(const std::vector<CriterionSpec>& criteria,
                         const std::vector<UnitInputs>& units, const std::string& tie_rule,
                         int winners);
json::object ToJson(const Ranked& r);

// ---- Files (certificates and notices).

struct File {
  std::string bytes;
  std::string content_type;
  std::string file_name;
};

class AwardService {
 public:
  AwardService(db::Database& db, const org::Scope& scope);

  Result<json::value> List(const Principal& p, Id campaign_id);
  Result<json::value> Create(const Principal& p, const AwardInput& in);
  Result<json::value> Get(const Principal& p, Id award_id);
  Result<json::value> Update(const Principal& p, Id award_id, const AwardInput& in);
  Result<json::value> Open(const Principal& p, Id award_id, int version);

  Result<json::value> Scores(const Principal& p, Id award_id);
  Result<json::value> SaveScores(const Principal& p, Id award_id,
                                 const std::vector<ScoreInput>& scores);
  Result<json::value> SubmitScores(const Principal& p, Id award_id);

  Result<json::value> Ranking(const Principal& p, Id award_id);
  Result<json::value> Decide(const Principal& p, Id award_id, int version);
  Result<json::value> Publish(const Principal& p, Id award_id, int version,
                              const std::string& published_on);

  // `origin` is the configured public URL (RequestContext::Origin).
  Result<File> Certificate(const Principal& p, Id award_id, Id unit_id, const std::string& origin);
  Result<File> Notice(const Principal& p, Id award_id, const std::string& format);
  // No login: a published certificate's facts, or kNotFound.
  Result<json::value> Verify(const std::string& code);

 private:
  db::Database& db_;
  const org::Scope& scope_;
};

}  // namespace vw::awards
