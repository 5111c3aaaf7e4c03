// SQL of awards (awards.h); used by AwardService only. Callers hold the
// session (and the transaction when writing); every value is bound.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "awards/awards.h"
#include "db/database.h"

namespace vw::awards::store {

struct AwardRow {
  Id id = 0;
  Id campaign_id = 0;
  std::string campaign_name;
  Id owner_unit_id = 0;
  std::string owner_name;
  std::string name;
  std::string level;
  int winners = 0;
  std::string tie_rule;
  std::string status = "draft";
  std::optional<std::string> decided_at;
  std::optional<std::string> published_on;
  int version = 1;
  std::string created_at;
  std::string updated_at;
};

std::optional<AwardRow> LoadAward(db::Session& s, Id id, bool for_update = false);
// The ids of the campaign's awards, newest first.
std::vector<Id> AwardIds(db::Session& s, Id campaign_id);
Id InsertAward(db::Session& s, const AwardRow& r, std::optional<Id> created_by);
// Writes name, level, winners, tie rule, status, decision and publication
// at `version`, bumping it; false when stale.
bool SaveAward(db::Session& s, const AwardRow& r, int version, std::optional<Id> decided_by,
               const std::string& now);

struct NamedUnit {
  Id id = 0;
  std::string name;
};
std::vector<NamedUnit> LoadUnits(db::Session& s, Id award_id);
void ReplaceUnits(db::Session& s, Id award_id, const std::vector<Id>& unit_ids);
// Of `ids`, the units strictly below `owner`, with their names.
std::map<Id, std::string> UnitsBelow(db::Session& s, Id owner, const std::vector<Id>& ids);
std::string UnitName(db::Session& s, Id unit_id);
bool CampaignExists(db::Session& s, Id campaign_id);

std::vector<CriterionSpec> LoadCriteria(db::Session& s, Id award_id);
void ReplaceCriteria(db::Session& s, Id award_id, const std::vector<CriterionInput>& criteria);

struct JudgeRow {
  Id user_id = 0;
  std::string name;  // display name
  Id unit_id = 0;    // home unit
  std::string unit_name;
  std::optional<std::string> submitted_at;
};
std::vector<JudgeRow> LoadJudges(db::Session& s, Id award_id);
void ReplaceJudges(db::Session& s, Id award_id, const std::vector<Id>& user_ids);
// Of `ids`, the active users whose home unit lies in `owner`'s subtree.
std::map<Id, JudgeRow> UsersUnder(db::Session& s, Id owner, const std::vector<Id>& ids);
// The units a user belongs to: the home unit and every unit of a grant.
std::set<Id> UnitsOfUser(db::Session& s, Id user_id);
void MarkSubmitted(db::Session& s, Id award_id, Id user_id, const std::string& now);

struct ScoreRow {
  Id user_id = 0;
  Id unit_id = 0;
  Id criterion_id = 0;
  int score = 0;
  std::string comment;
  std::string updated_at;
};
std::vector<ScoreRow> LoadScores(db::Session& s, Id award_id);
void ReplaceScores(db::Session& s, Id award_id, Id user_id, const std::vector<ScoreInput>& scores,
                   const std::string& now);

// Record indicator values per unit (its subtree), for the campaign.
std::map<Id, std::map<std::string, double>> IndicatorValues(db::Session& s, Id campaign_id,
                                                            const std::vector<Id>& unit_ids);

struct ResultRow {
  Id unit_id = 0;
  std::string unit_name;
  int place = 0;
  std::int64_t total_centi = 0;
  bool winner = false;
  std::string breakdown;  // JSON of Ranked
  std::optional<std::string> code;
};
void SaveResults(db::Session& s, Id award_id, const std::vector<ResultRow>& rows);
std::vector<ResultRow> LoadResults(db::Session& s, Id award_id);
// The award and the result row holding the certificate `code`.
std::optional<std::pair<Id, ResultRow>> FindCertificate(db::Session& s, const std::string& code);

}  // namespace vw::awards::store
