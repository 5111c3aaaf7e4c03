// SQL of the form workflow (submission_store.h).
#include "reporting/submission_store.h"

#include "campaign/campaign_store.h"

namespace vw::reporting::store {
namespace {

// Runs a workflow step's statement; false when no row matched.
bool Moved(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows() == 1;
}

// Runs a first save's INSERT … ON CONFLICT DO NOTHING RETURNING id into
// `id`: the new row's id, or none when the unit's form has a row already
// (another request created it after this one read "not started").
std::optional<Id> Created(soci::statement& st, const Id& id) {
  if (!st.execute(true)) return std::nullopt;
  return id;
}

// What a first save's INSERT adds when another request created the row.
constexpr const char* kOnConflict =
    " ON CONFLICT (campaign_id, unit_id, form) DO NOTHING RETURNING id";

}  // namespace

std::optional<CampaignInfo> LoadCampaign(db::Session& s, Id campaign_id) {
  CampaignInfo c;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT name, year FROM campaigns WHERE id = :c", soci::use(campaign_id),
      soci::into(c.name, ind), soci::into(c.year);
  if (ind != soci::i_ok) return std::nullopt;
  return c;
}

std::optional<SubmissionRow> FindSubmission(db::Session& s, Id campaign_id, Id unit_id,
                                            const std::string& form) {
  std::optional<SubmissionRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT s.id, s.status, s.data, s.version, s.submitted_at, s.late, "
                          "s.reviewed_at, s.comment, s.field_comments, s.reason, s.snapshot_id, "
                          "s.signed_off_at, COALESCE(u.display_name, '') FROM submissions s LEFT "
                          "JOIN users u ON u.id = s.signed_off_by WHERE s.campaign_id = :c AND "
                          "s.unit_id = :u AND s.form = :f",
       soci::use(campaign_id), soci::use(unit_id), soci::use(form));
  std::optional<Id> snapshot_id;
  for (const auto& r : rs) {
    SubmissionRow row;
    row.id = db::Int(r, 0);
    row.status = db::Str(r, 1);
    row.data = db::Str(r, 2);
    row.version = db::Int(r, 3);
    row.submitted_at = db::Str(r, 4);
    row.late = db::Int(r, 5) != 0;
    row.reviewed_at = db::Str(r, 6);
    row.comment = db::Str(r, 7);
    row.field_comments = db::Str(r, 8);
    row.reason = db::Str(r, 9);
    snapshot_id = db::OptInt(r, 10);
    row.signed_off_at = db::Str(r, 11);
    row.signed_off_by_name = db::Str(r, 12);
    out = std::move(row);
  }
  if (out && snapshot_id) {
    soci::rowset<soci::row> ss =
        (s.sql().prepare << "SELECT code, content_hash, accepted_at, version, content FROM "
                            "submission_snapshots WHERE id = :id",
         soci::use(*snapshot_id));
    for (const auto& x : ss) {
      out->snapshot =
          Snapshot{db::Str(x, 0), db::Str(x, 1), db::Str(x, 2), db::Int(x, 3), db::Str(x, 4)};
    }
  }
  return out;
}

std::optional<SubmissionKey> KeyOf(db::Session& s, Id submission_id) {
  SubmissionKey k;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT campaign_id, unit_id, form FROM submissions WHERE id = :id",
      soci::use(submission_id), soci::into(k.campaign_id, ind), soci::into(k.unit_id),
      soci::into(k.form);
  if (ind != soci::i_ok) return std::nullopt;
  return k;
}

void LockForm(db::Session& s, Id campaign_id, const std::string& form, Id unit_id) {
  Id id = 0;
  soci::indicator ind = soci::i_null;
  s.sql() << std::string(
                 "SELECT id FROM submissions WHERE campaign_id = :c AND unit_id = :u AND "
                 "form = :f") +
                 s.ForUpdate(),
      soci::use(campaign_id), soci::use(unit_id), soci::use(form), soci::into(id, ind);
}

void LockSubmission(db::Session& s, Id submission_id) {
  Id id = 0;
  soci::indicator ind = soci::i_null;
  s.sql() << std::string("SELECT id FROM submissions WHERE id = :id") + s.ForUpdate(),
      soci::use(submission_id), soci::into(id, ind);
}

std::optional<Id> InsertDraft(db::Session& s, Id campaign_id, Id unit_id, const std::string& form,
                              const std::string& data, const std::string& now) {
  Id id = 0;
  soci::statement st =
      (s.sql().prepare << "INSERT INTO submissions (campaign_id, unit_id, form, status, data, "
                          "version, created_at, updated_at) VALUES (:c, :u, :f, 'draft', :d, 1, "
                          ":now, :now2)"
                       << kOnConflict,
       soci::use(campaign_id), soci::use(unit_id), soci::use(form), soci::use(data), soci::use(now),
       soci::use(now), soci::into(id));
  return Created(st, id);
}

bool UpdateData(db::Session& s, Id id, std::int64_t version, const std::string& status,
                const std::string& data, const std::string& now) {
  soci::statement st =
      (s.sql().prepare << "UPDATE submissions SET data = :d, version = version + 1, "
                          "signed_off_by = NULL, signed_off_at = '', updated_at = :now WHERE id = "
                          ":id AND version = :v AND status = :s",
       soci::use(data), soci::use(now), soci::use(id), soci::use(version), soci::use(status));
  return Moved(st);
}

bool MarkSignedOff(db::Session& s, Id id, std::int64_t version, const std::string& status,
                   std::optional<Id> by, const std::string& now) {
  soci::statement st =
      (s.sql().prepare << "UPDATE submissions SET version = version + 1, signed_off_by = :by, "
                          "signed_off_at = :now, updated_at = :now2 WHERE id = :id AND version = "
                          ":v AND status = :s",
       soci::use(by), soci::use(now), soci::use(now), soci::use(id), soci::use(version),
       soci::use(status));
  return Moved(st);
}

bool SignOffRequired(db::Session& s, Id unit_id) {
  int n = 0;
  s.sql() << "SELECT COUNT(*) FROM form_sign_off_units WHERE unit_id = :u", soci::use(unit_id),
      soci::into(n);
  return n > 0;
}

void SetSignOffRequired(db::Session& s, Id unit_id, bool required, std::optional<Id> by,
                        const std::string& now) {
  s.sql() << "DELETE FROM form_sign_off_units WHERE unit_id = :u", soci::use(unit_id);
  if (required) {
    s.sql() << "INSERT INTO form_sign_off_units (unit_id, set_by, set_at) VALUES (:u, :by, :now)",
        soci::use(unit_id), soci::use(by), soci::use(now);
  }
}

std::optional<Snapshot> LatestSnapshotOf(db::Session& s, Id submission_id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT code, content_hash, accepted_at, version, content FROM "
                          "submission_snapshots WHERE submission_id = :s ORDER BY id DESC LIMIT 1",
       soci::use(submission_id));
  for (const auto& x : rs) {
    return Snapshot{db::Str(x, 0), db::Str(x, 1), db::Str(x, 2), db::Int(x, 3), db::Str(x, 4)};
  }
  return std::nullopt;
}

std::optional<Id> InsertSubmitted(db::Session& s, Id campaign_id, Id unit_id,
                                  const std::string& form, const SubmitFields& f) {
  Id id = 0;
  int late = f.late ? 1 : 0;
  soci::statement st =
      (s.sql().prepare << "INSERT INTO submissions (campaign_id, unit_id, form, status, data, "
                          "version, due_at, submitted_at, late, submitted_by, created_at, "
                          "updated_at) VALUES (:c, :u, :f, 'submitted', :d, 1, :due, :now, :late, "
                          ":by, :now2, :now3)"
                       << kOnConflict,
       soci::use(campaign_id), soci::use(unit_id), soci::use(form), soci::use(f.data),
       soci::use(f.due_at), soci::use(f.now), soci::use(late), soci::use(f.by), soci::use(f.now),
       soci::use(f.now), soci::into(id));
  return Created(st, id);
}

bool UpdateSubmitted(db::Session& s, Id id, std::int64_t version, const std::string& status,
                     const SubmitFields& f) {
  int late = f.late ? 1 : 0;
  soci::statement st =
      (s.sql().prepare << "UPDATE submissions SET status = 'submitted', version = version + 1, "
                          "due_at = :due, submitted_at = :now, late = :late, submitted_by = "
                          ":by, updated_at = :now2 WHERE id = :id AND version = :v AND status = "
                          ":s",
       soci::use(f.due_at), soci::use(f.now), soci::use(late), soci::use(f.by), soci::use(f.now),
       soci::use(id), soci::use(version), soci::use(status));
  return Moved(st);
}

void SaveFreeze(db::Session& s, Id submission_id, std::int64_t version, const std::string& now,
                const std::string& content) {
  s.sql() << "DELETE FROM submission_freezes WHERE submission_id = :s", soci::use(submission_id);
  s.sql() << "INSERT INTO submission_freezes (submission_id, version, frozen_at, content) VALUES "
             "(:s, :v, :now, :c)",
      soci::use(submission_id), soci::use(version), soci::use(now), soci::use(content);
}

std::optional<Freeze> FindFreeze(db::Session& s, Id submission_id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT f.frozen_at, f.content FROM submission_freezes f JOIN "
                          "submissions sb ON sb.id = f.submission_id AND sb.version = f.version "
                          "AND sb.status = 'submitted' WHERE f.submission_id = :s",
       soci::use(submission_id));
  for (const auto& r : rs) return Freeze{db::Str(r, 0), db::Str(r, 1)};
  return std::nullopt;
}

bool MarkAccepted(db::Session& s, Id id, std::int64_t version, std::int64_t new_version,
                  const std::string& now, std::optional<Id> by) {
  soci::statement st =
      (s.sql().prepare << "UPDATE submissions SET status = 'accepted', version = :nv, "
                          "reviewed_at = :now, reviewed_by = :by, comment = '', field_comments "
                          "= '{}', updated_at = :now2 WHERE id = :id AND version = :v AND "
                          "status = 'submitted'",
       soci::use(new_version), soci::use(now), soci::use(by), soci::use(now), soci::use(id),
       soci::use(version));
  return Moved(st);
}

bool MarkReturned(db::Session& s, Id id, std::int64_t version, const std::string& comment,
                  const std::string& field_comments, const std::string& now, std::optional<Id> by) {
  soci::statement st =
      (s.sql().prepare << "UPDATE submissions SET status = 'returned', version = version + 1, "
                          "reviewed_at = :now, reviewed_by = :by, comment = :c, field_comments = "
                          ":f, updated_at = :now2 WHERE id = :id AND version = :v AND status = "
                          "'submitted'",
       soci::use(now), soci::use(by), soci::use(comment), soci::use(field_comments), soci::use(now),
       soci::use(id), soci::use(version));
  return Moved(st);
}

bool MarkReopened(db::Session& s, Id id, std::int64_t version, const std::string& reason,
                  const std::string& now) {
  soci::statement st =
      (s.sql().prepare << "UPDATE submissions SET status = 'returned', version = version + 1, "
                          "comment = :c, field_comments = '{}', snapshot_id = NULL, updated_at = "
                          ":now WHERE id = :id AND version = :v AND status = 'accepted'",
       soci::use(reason), soci::use(now), soci::use(id), soci::use(version));
  if (!Moved(st)) return false;
  s.sql() << "DELETE FROM statistics_figures WHERE submission_id = :s", soci::use(id);
  return true;
}

std::optional<Id> InsertNotParticipating(db::Session& s, Id campaign_id, Id unit_id,
                                         const std::string& form, const std::string& data,
                                         const std::string& reason, const std::string& now,
                                         std::optional<Id> by) {
  Id id = 0;
  soci::statement st =
      (s.sql().prepare << "INSERT INTO submissions (campaign_id, unit_id, form, status, data, "
                          "version, reason, reviewed_at, reviewed_by, created_at, updated_at) "
                          "VALUES (:c, :u, :f, 'not_participating', :d, 1, :r, :now, :by, :now2, "
                          ":now3)"
                       << kOnConflict,
       soci::use(campaign_id), soci::use(unit_id), soci::use(form), soci::use(data),
       soci::use(reason), soci::use(now), soci::use(by), soci::use(now), soci::use(now),
       soci::into(id));
  return Created(st, id);
}

bool MarkNotParticipating(db::Session& s, Id id, std::int64_t version, const std::string& status,
                          const std::string& reason, const std::string& now, std::optional<Id> by) {
  soci::statement st =
      (s.sql().prepare << "UPDATE submissions SET status = 'not_participating', version = "
                          "version + 1, reason = :r, reviewed_at = :now, reviewed_by = :by, "
                          "updated_at = :now2 WHERE id = :id AND version = :v AND status = :s",
       soci::use(reason), soci::use(now), soci::use(by), soci::use(now), soci::use(id),
       soci::use(version), soci::use(status));
  return Moved(st);
}

bool DeleteMarkedRow(db::Session& s, Id id) {
  soci::statement st =
      (s.sql().prepare << "DELETE FROM submissions WHERE id = :id AND version = 1 AND status = "
                          "'not_participating'",
       soci::use(id));
  return Moved(st);
}

bool ClearMark(db::Session& s, Id id, std::int64_t version, const std::string& now) {
  soci::statement st =
      (s.sql().prepare << "UPDATE submissions SET status = 'draft', version = version + 1, "
                          "reason = '', updated_at = :now WHERE id = :id AND version = :v AND "
                          "status = 'not_participating'",
       soci::use(now), soci::use(id), soci::use(version));
  return Moved(st);
}

bool CodeTaken(db::Session& s, const std::string& code) {
  int taken = 0;
  s.sql() << "SELECT COUNT(*) FROM submission_snapshots WHERE code = :c", soci::use(code),
      soci::into(taken);
  return taken != 0;
}

Id InsertSnapshot(db::Session& s, const NewSnapshot& n) {
  Id snapshot_id = 0;
  s.sql() << "INSERT INTO submission_snapshots (submission_id, campaign_id, unit_id, form, "
             "version, content, content_hash, code, accepted_at, accepted_by) VALUES (:s, :c, "
             ":u, :f, :v, :content, :hash, :code, :now, :by) RETURNING id",
      soci::use(n.submission_id), soci::use(n.campaign_id), soci::use(n.unit_id), soci::use(n.form),
      soci::use(n.version), soci::use(n.content), soci::use(n.content_hash), soci::use(n.code),
      soci::use(n.accepted_at), soci::use(n.accepted_by), soci::into(snapshot_id);
  s.sql() << "UPDATE submissions SET snapshot_id = :snap WHERE id = :id", soci::use(snapshot_id),
      soci::use(n.submission_id);
  return snapshot_id;
}

std::optional<Verification> FindVerification(db::Session& s, const std::string& code) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT sn.code, u.name, sn.form, c.name, sn.version, sn.accepted_at, "
                          "sn.content_hash, sn.content, COALESCE(pu.name, ''), COALESCE((SELECT "
                          "n.code FROM submission_snapshots n WHERE n.submission_id = "
                          "sn.submission_id AND n.id > sn.id ORDER BY n.id DESC LIMIT 1), '') FROM "
                          "submission_snapshots sn JOIN units u ON u.id = sn.unit_id JOIN "
                          "campaigns c ON c.id = sn.campaign_id LEFT JOIN units pu ON pu.id = "
                          "u.parent_id WHERE sn.code = :code",
       soci::use(code));
  for (const auto& r : rs) {
    return Verification{db::Str(r, 0), db::Str(r, 1), db::Str(r, 2), db::Str(r, 3), db::Int(r, 4),
                        db::Str(r, 5), db::Str(r, 6), db::Str(r, 7), db::Str(r, 8), db::Str(r, 9)};
  }
  return std::nullopt;
}

std::vector<ScanInfo> ScansOf(db::Session& s, Id submission_id) {
  std::vector<ScanInfo> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT sc.id, sc.file_name, sc.content_type, sc.size_bytes, "
                          "sc.uploaded_at, COALESCE(u.display_name, '') FROM submission_scans "
                          "sc LEFT JOIN users u ON u.id = sc.uploaded_by WHERE "
                          "sc.submission_id = :s ORDER BY sc.id",
       soci::use(submission_id));
  for (const auto& r : rs) {
    out.push_back(
        {db::Int(r, 0), db::Str(r, 1), db::Str(r, 2), db::Int(r, 3), db::Str(r, 4), db::Str(r, 5)});
  }
  return out;
}

std::optional<DeadlineRow> DeadlineFor(db::Session& s, Id campaign_id, const std::string& form,
                                       std::optional<Id> collector) {
  auto d = campaign::store::EffectiveDeadline(s, campaign_id, form, collector, true);
  if (!d) return std::nullopt;
  return DeadlineRow{d->title, d->due_at};
}

std::vector<ActivityBrief> SubtreeActivities(db::Session& s, Id campaign_id, Id unit_id) {
  std::vector<ActivityBrief> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT a.title, a.featured, a.description, a.starts_at FROM "
                          "activities a JOIN unit_closure c ON c.descendant_id = a.unit_id AND "
                          "c.ancestor_id = :u WHERE a.campaign_id = :c AND a.status <> "
                          "'cancelled' ORDER BY a.starts_at, a.id",
       soci::use(unit_id), soci::use(campaign_id));
  for (const auto& r : rs) out.push_back({db::Str(r, 0), db::Int(r, 1) != 0, db::Str(r, 2)});
  return out;
}

}  // namespace vw::reporting::store
