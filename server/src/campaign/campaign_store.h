// SQL of the campaign domain; used by CampaignService only.
#pragma once

#include <optional>
#include <vector>

#include "campaign/campaign.h"
#include "db/database.h"

namespace vw::campaign::store {

std::vector<Campaign> LoadCampaigns(db::Session& s);
std::optional<Campaign> LoadCampaign(db::Session& s, Id id);
std::vector<ThemeDay> LoadDays(db::Session& s, Id campaign_id);
// All deadlines, or (user_id set) provincial ones plus those whose collector
// lies in or above the user's granted subtrees.
std::vector<Deadline> LoadDeadlines(db::Session& s, Id campaign_id, std::optional<Id> user_id,
                                    bool provincial_only = false);
std::optional<Deadline> LoadDeadline(db::Session& s, Id campaign_id, Id id);
// The deadline for `form` that applies under `unit`: the row set by the
// nearest unit on its ancestor chain that has one (the unit itself first when
// `include_self`, then its parent and further up), else the provincial row;
// the earliest when one collector has several. nullopt `unit`: provincial only.
std::optional<Deadline> EffectiveDeadline(db::Session& s, Id campaign_id, const std::string& form,
                                          std::optional<Id> unit, bool include_self);
// The latest deadline for `form` set by a unit strictly below `unit` (by any
// unit when `unit` is nullopt, the province) that falls after `due_at_utc`,
// row `except_id` aside; nullopt when every such date is on time.
std::optional<Deadline> LaterDeadlineBelow(db::Session& s, Id campaign_id, const std::string& form,
                                           std::optional<Id> unit, const std::string& due_at_utc,
                                           Id except_id);
std::optional<ThemeDay> LoadDay(db::Session& s, Id campaign_id, Id id);

Id InsertCampaign(db::Session& s, const Campaign& c);
// Every Update*/Delete* of a record with a version writes only while the row
// still has `version` (bumping it) and returns false otherwise: another writer
// changed it first (on PostgreSQL the statement waits for that writer's
// commit, then finds the row changed or gone).
bool UpdateCampaign(db::Session& s, Id id, int version, const CampaignInput& in,
                    const std::string& ends_on);
void InsertDay(db::Session& s, Id campaign_id, const ThemeDay& d);
bool UpdateDay(db::Session& s, Id id, int version, const ThemeDay& d);
void ShiftDayDates(db::Session& s, Id campaign_id, const std::string& starts_on);
Id InsertDeadline(db::Session& s, Id campaign_id, const Deadline& d);
bool UpdateDeadline(db::Session& s, Id id, int version, const Deadline& d);
bool DeleteDeadline(db::Session& s, Id id, int version);

std::vector<CommitteeMember> LoadCommittee(db::Session& s, Id campaign_id, Id unit_id);
std::optional<CommitteeMember> LoadCommitteeMember(db::Session& s, Id campaign_id, Id id);
Id InsertCommitteeMember(db::Session& s, Id campaign_id, const CommitteeMember& m);
bool UpdateCommitteeMember(db::Session& s, Id id, int version, const CommitteeMember& m);
bool DeleteCommitteeMember(db::Session& s, Id id, int version);

std::vector<Duty> LoadDuties(db::Session& s, Id campaign_id, Id unit_id);
std::optional<Duty> LoadDuty(db::Session& s, Id campaign_id, Id id);
Id InsertDuty(db::Session& s, Id campaign_id, const Duty& d);
bool UpdateDuty(db::Session& s, Id id, int version, const Duty& d);
bool DeleteDuty(db::Session& s, Id id, int version);

std::optional<Task> LoadTask(db::Session& s, Id id);
Id InsertTask(db::Session& s, Id campaign_id, const Task& t);
bool UpdateTask(db::Session& s, Id id, int version, const Task& t);
bool DeleteTask(db::Session& s, Id id, int version);
bool TaskExistsForDuty(db::Session& s, Id duty_id, Id owner_unit_id);
std::vector<Task> LoadTasksOfCampaign(db::Session& s, Id campaign_id);

// The campaign's categories in display order, each with its owners.
std::vector<ActivityCategory> LoadCategories(db::Session& s, Id campaign_id);
// Inserts the category and its owners; returns its id.
Id InsertCategory(db::Session& s, Id campaign_id, const ActivityCategory& c);

std::vector<SubTheme> LoadSubThemes(db::Session& s, Id campaign_id, const Principal& p);
// `version` 0 inserts the unit's first sub-theme (false when it has one).
bool SaveSubTheme(db::Session& s, Id campaign_id, Id unit_id, int version,
                  const std::string& sub_theme);
std::optional<SubTheme> LoadSubTheme(db::Session& s, Id campaign_id, Id unit_id);

}  // namespace vw::campaign::store
