// SQL of the form workflow (submissions.h): a unit's submission of a form
// and its snapshot, the workflow steps' writes, the scans listed with a
// form, the deadlines and the prefill's sources (the notifications the
// steps send are in notification_store.h). Every workflow UPDATE carries
// the version and the status the step started from and reports whether
// the row moved (false: someone else moved the form first).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "reporting/submissions.h"

namespace vw::reporting::store {

struct CampaignInfo {
  std::string name;
  std::int64_t year = 0;
};
std::optional<CampaignInfo> LoadCampaign(db::Session& s, Id campaign_id);

// The stored row of a unit's submission of a form (none before the first save).
struct SubmissionRow {
  Id id = 0;
  std::string status;
  std::string data;
  std::int64_t version = 0;
  std::string submitted_at;
  bool late = false;
  std::string reviewed_at;
  std::string comment;
  std::string field_comments;
  std::string reason;
  std::optional<Snapshot> snapshot;
  std::string signed_off_at;  // "" when not signed off
  std::string signed_off_by_name;
};
std::optional<SubmissionRow> FindSubmission(db::Session& s, Id campaign_id, Id unit_id,
                                            const std::string& form);

struct SubmissionKey {
  Id campaign_id = 0;
  Id unit_id = 0;
  std::string form;
};
std::optional<SubmissionKey> KeyOf(db::Session& s, Id submission_id);

// Lock the unit's submission of `form` (or the submission) for the rest of
// the transaction (PostgreSQL; SQLite's write transaction holds the
// database already), so that two workflow steps on it run one after the
// other and the second sees what the first did.
void LockForm(db::Session& s, Id campaign_id, const std::string& form, Id unit_id);
void LockSubmission(db::Session& s, Id submission_id);

// The first save: a draft at version 1. The three Insert* create the
// unit's row of the form and return its id, or none when the row exists
// already: another request created it after this one read "not started"
// (on PostgreSQL the form lock has no row to hold before the first save).
std::optional<Id> InsertDraft(db::Session& s, Id campaign_id, Id unit_id, const std::string& form,
                              const std::string& data, const std::string& now);
// A save; it clears the leader's sign-off.
bool UpdateData(db::Session& s, Id id, std::int64_t version, const std::string& status,
                const std::string& data, const std::string& now);
// The leader's sign-off of the form at `version` in `status` (经领导审签).
bool MarkSignedOff(db::Session& s, Id id, std::int64_t version, const std::string& status,
                   std::optional<Id> by, const std::string& now);
// Whether the unit submits its forms only once signed off, and setting it.
bool SignOffRequired(db::Session& s, Id unit_id);
void SetSignOffRequired(db::Session& s, Id unit_id, bool required, std::optional<Id> by,
                        const std::string& now);
// The newest snapshot of the submission (also after a reopening unlinked it).
std::optional<Snapshot> LatestSnapshotOf(db::Session& s, Id submission_id);

struct SubmitFields {
  std::string data;  // for a form never saved
  std::string due_at;
  std::string now;
  bool late = false;
  std::optional<Id> by;
};
std::optional<Id> InsertSubmitted(db::Session& s, Id campaign_id, Id unit_id,
                                  const std::string& form, const SubmitFields& f);
bool UpdateSubmitted(db::Session& s, Id id, std::int64_t version, const std::string& status,
                     const SubmitFields& f);

// The figures a submit froze (submission_freeze.h): replaced at every
// submit, for the submission at `version` (the version the submit gave it).
void SaveFreeze(db::Session& s, Id submission_id, std::int64_t version, const std::string& now,
                const std::string& content);
struct Freeze {
  std::string frozen_at;
  std::string content;
};
// The frozen figures while the submission is still submitted at the
// version they were frozen at; none otherwise.
std::optional<Freeze> FindFreeze(db::Session& s, Id submission_id);

// submitted → accepted at `new_version`.
bool MarkAccepted(db::Session& s, Id id, std::int64_t version, std::int64_t new_version,
                  const std::string& now, std::optional<Id> by);
// submitted → returned with the comments.
bool MarkReturned(db::Session& s, Id id, std::int64_t version, const std::string& comment,
                  const std::string& field_comments, const std::string& now, std::optional<Id> by);
// accepted → returned with the reason; the snapshot link and the accepted
// figures go.
bool MarkReopened(db::Session& s, Id id, std::int64_t version, const std::string& reason,
                  const std::string& now);

std::optional<Id> InsertNotParticipating(db::Session& s, Id campaign_id, Id unit_id,
                                         const std::string& form, const std::string& data,
                                         const std::string& reason, const std::string& now,
                                         std::optional<Id> by);
bool MarkNotParticipating(db::Session& s, Id id, std::int64_t version, const std::string& status,
                          const std::string& reason, const std::string& now, std::optional<Id> by);
// Clearing the mark: the row the mark created (version 1) goes; a saved
// form returns to draft.
bool DeleteMarkedRow(db::Session& s, Id id);
bool ClearMark(db::Session& s, Id id, std::int64_t version, const std::string& now);

struct NewSnapshot {
  Id submission_id = 0;
  Id campaign_id = 0;
  Id unit_id = 0;
  std::string form;
  std::int64_t version = 0;
  std::string content;
  std::string content_hash;
  std::string code;
  std::string accepted_at;
  std::optional<Id> accepted_by;
};
bool CodeTaken(db::Session& s, const std::string& code);
// Stores the snapshot and links the submission to it.
Id InsertSnapshot(db::Session& s, const NewSnapshot& snap);

// The snapshot with this (normalised) verification code, as the public
// check shows it; none when no snapshot has it.
std::optional<Verification> FindVerification(db::Session& s, const std::string& code);

// The scans of a submission, oldest first, as stored.
std::vector<ScanInfo> ScansOf(db::Session& s, Id submission_id);

struct DeadlineRow {
  std::string title;
  std::string due_at;
};
// The deadline for `form` that `collector`'s children must meet: the one
// `collector` set, else the nearest one set above it, else the province's.
std::optional<DeadlineRow> DeadlineFor(db::Session& s, Id campaign_id, const std::string& form,
                                       std::optional<Id> collector);

// The info form prefill's source: the activities of the unit's subtree (not
// cancelled).
struct ActivityBrief {
  std::string title;
  bool featured = false;
  std::string description;
};
std::vector<ActivityBrief> SubtreeActivities(db::Session& s, Id campaign_id, Id unit_id);

}  // namespace vw::reporting::store
