// SQL of the notices (notices_store.h).
#include "notices/notices_store.h"

#include <set>

#include "core/crypto.h"

namespace vw::notices::store {
namespace {

constexpr const char* kNoticeColumns =
    "SELECT n.id, n.campaign_id, n.unit_id, u.name, n.title, n.doc_number, n.body, "
    "n.corrects_id, n.ack_by, n.status, COALESCE(n.published_at, ''), COALESCE(pu.display_name, "
    "''), COALESCE(n.reminded_at, ''), n.version, n.created_at, n.updated_at FROM notices n JOIN "
    "units u ON u.id = n.unit_id LEFT JOIN users pu ON pu.id = n.published_by ";

NoticeRow NoticeAt(const soci::row& r) {
  NoticeRow n;
  n.id = db::Int(r, 0);
  n.campaign_id = db::Int(r, 1);
  n.unit_id = db::Int(r, 2);
  n.unit_name = db::Str(r, 3);
  n.title = db::Str(r, 4);
  n.doc_number = db::Str(r, 5);
  n.body = db::Str(r, 6);
  n.corrects_id = db::OptInt(r, 7);
  n.ack_by = db::Str(r, 8);
  n.status = db::Str(r, 9);
  n.published_at = db::Str(r, 10);
  n.published_by_name = db::Str(r, 11);
  n.reminded_at = db::Str(r, 12);
  n.version = static_cast<int>(db::Int(r, 13));
  n.created_at = db::Str(r, 14);
  n.updated_at = db::Str(r, 15);
  return n;
}

bool Affected(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace

Id InsertNotice(db::Session& s, const NoticeRow& r, std::optional<Id> by) {
  Id id = 0;
  s.sql() << "INSERT INTO notices (campaign_id, unit_id, title, doc_number, body, corrects_id, "
             "ack_by, status, created_by, created_at, updated_at) VALUES (:c, :u, :t, :d, :b, "
             ":co, :a, 'draft', :by, :now, :now2) RETURNING id",
      soci::use(r.campaign_id), soci::use(r.unit_id), soci::use(r.title), soci::use(r.doc_number),
      soci::use(r.body), soci::use(r.corrects_id), soci::use(r.ack_by), soci::use(by),
      soci::use(r.created_at), soci::use(r.created_at), soci::into(id);
  return id;
}

std::optional<NoticeRow> LoadNotice(db::Session& s, Id notice_id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kNoticeColumns << "WHERE n.id = :id", soci::use(notice_id));
  for (const auto& r : rs) return NoticeAt(r);
  return std::nullopt;
}

bool SaveDraft(db::Session& s, const NoticeRow& r, int version) {
  soci::statement st =
      (s.sql().prepare << "UPDATE notices SET title = :t, doc_number = :d, body = :b, "
                          "corrects_id = :co, ack_by = :a, version = version + 1, updated_at = "
                          ":now WHERE id = :id AND version = :v AND status = 'draft'",
       soci::use(r.title), soci::use(r.doc_number), soci::use(r.body), soci::use(r.corrects_id),
       soci::use(r.ack_by), soci::use(r.updated_at), soci::use(r.id), soci::use(version));
  return Affected(st);
}

bool MarkPublished(db::Session& s, Id notice_id, int version, std::optional<Id> by,
                   const std::string& now) {
  soci::statement st =
      (s.sql().prepare << "UPDATE notices SET status = 'published', published_at = :now, "
                          "published_by = :by, version = version + 1, updated_at = :now2 WHERE "
                          "id = :id AND version = :v AND status = 'draft'",
       soci::use(now), soci::use(by), soci::use(now), soci::use(notice_id), soci::use(version));
  return Affected(st);
}

bool DeleteDraft(db::Session& s, Id notice_id, int version) {
  // Annexes and targets go with it (ON DELETE CASCADE is not relied on:
  // SQLite enforces it only with foreign keys on).
  s.sql() << "DELETE FROM notice_annexes WHERE notice_id = :id AND notice_id IN (SELECT id FROM "
             "notices WHERE id = :id2 AND version = :v AND status = 'draft')",
      soci::use(notice_id), soci::use(notice_id), soci::use(version);
  s.sql() << "DELETE FROM notice_targets WHERE notice_id = :id AND notice_id IN (SELECT id FROM "
             "notices WHERE id = :id2 AND version = :v AND status = 'draft')",
      soci::use(notice_id), soci::use(notice_id), soci::use(version);
  soci::statement st = (s.sql().prepare << "DELETE FROM notices WHERE id = :id AND version = :v "
                                           "AND status = 'draft'",
                        soci::use(notice_id), soci::use(version));
  return Affected(st);
}

void SetReminded(db::Session& s, Id notice_id, const std::string& now) {
  s.sql() << "UPDATE notices SET reminded_at = :now WHERE id = :id", soci::use(now),
      soci::use(notice_id);
}

std::vector<NoticeRow> NoticesOf(db::Session& s, Id campaign_id, Id unit_id, int limit) {
  std::vector<NoticeRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kNoticeColumns
                       << "WHERE n.campaign_id = :c AND n.unit_id = :u ORDER BY n.created_at "
                          "DESC, n.id DESC LIMIT :n",
       soci::use(campaign_id), soci::use(unit_id), soci::use(limit));
  for (const auto& r : rs) out.push_back(NoticeAt(r));
  return out;
}

std::vector<NoticeRow> InboxOf(db::Session& s, Id campaign_id, Id user_id, int limit) {
  std::vector<NoticeRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kNoticeColumns
                       << "WHERE n.campaign_id = :c AND n.status = 'published' AND n.id IN "
                          "(SELECT t.notice_id FROM notice_targets t JOIN grants g ON g.unit_id "
                          "= t.unit_id WHERE g.user_id = :p) ORDER BY n.published_at DESC, n.id "
                          "DESC LIMIT :n",
       soci::use(campaign_id), soci::use(user_id), soci::use(limit));
  for (const auto& r : rs) out.push_back(NoticeAt(r));
  return out;
}

std::vector<Id> DueForReminder(db::Session& s, const std::string& from, const std::string& to,
                               const std::string& since) {
  std::vector<Id> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT id FROM notices WHERE status = 'published' AND ack_by <> '' AND "
                          "ack_by >= :f AND ack_by <= :t AND (reminded_at IS NULL OR reminded_at "
                          "< :since) ORDER BY id",
       soci::use(from), soci::use(to), soci::use(since));
  for (const auto& r : rs) out.push_back(db::Int(r, 0));
  return out;
}

std::vector<Id> UnitsBelow(db::Session& s, Id ancestor, bool subtree) {
  std::vector<Id> out;
  int max_depth = subtree ? 1000 : 1;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT u.id FROM unit_closure c JOIN units u ON u.id = c.descendant_id "
                          "WHERE c.ancestor_id = :a AND c.depth >= 1 AND c.depth <= :d AND "
                          "u.active = 1 ORDER BY c.depth, u.sort_order, u.id",
       soci::use(ancestor), soci::use(max_depth));
  for (const auto& r : rs) out.push_back(db::Int(r, 0));
  return out;
}

std::vector<Id> BelowOf(db::Session& s, Id ancestor, const std::vector<Id>& units) {
  std::vector<Id> below = UnitsBelow(s, ancestor, true);
  std::set<Id> all(below.begin(), below.end());
  std::vector<Id> out;
  for (Id u : units) {
    if (all.count(u) != 0) out.push_back(u);
  }
  return out;
}

void ReplaceTargets(db::Session& s, Id notice_id, const std::vector<Id>& units) {
  s.sql() << "DELETE FROM notice_targets WHERE notice_id = :id", soci::use(notice_id);
  for (Id u : units) {
    s.sql() << "INSERT INTO notice_targets (notice_id, unit_id) VALUES (:n, :u)",
        soci::use(notice_id), soci::use(u);
  }
}

std::vector<TargetRow> TargetsOf(db::Session& s, Id notice_id) {
  std::vector<TargetRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT t.unit_id, u.name, k.name, COALESCE(t.acknowledged_at, ''), "
                          "t.acknowledged_by, t.acknowledged_name FROM notice_targets t JOIN "
                          "units u ON u.id = t.unit_id JOIN unit_kinds k ON k.code = u.kind WHERE "
                          "t.notice_id = :id ORDER BY u.sort_order, u.id",
       soci::use(notice_id));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), db::Str(r, 1), db::Str(r, 2), db::Str(r, 3), db::OptInt(r, 4),
                   db::Str(r, 5)});
  }
  return out;
}

bool Acknowledge(db::Session& s, Id notice_id, Id unit_id, std::optional<Id> by,
                 const std::string& name, const std::string& now) {
  soci::statement st =
      (s.sql().prepare << "UPDATE notice_targets SET acknowledged_at = :now, acknowledged_by = "
                          ":by, acknowledged_name = :name WHERE notice_id = :n AND unit_id = :u "
                          "AND acknowledged_at IS NULL",
       soci::use(now), soci::use(by), soci::use(name), soci::use(notice_id), soci::use(unit_id));
  return Affected(st);
}

Id InsertAnnex(db::Session& s, const AnnexRow& a, std::optional<Id> by, std::string_view bytes) {
  Id id = 0;
  s.sql() << "INSERT INTO notice_annexes (notice_id, file_name, content_type, size_bytes, sha256, "
             "uploaded_by, uploaded_at) VALUES (:n, :f, :t, :z, :h, :by, :now) RETURNING id",
      soci::use(a.notice_id), soci::use(a.file_name), soci::use(a.content_type),
      soci::use(a.size_bytes), soci::use(a.sha256), soci::use(by), soci::use(a.uploaded_at),
      soci::into(id);
  s.WriteBytes("UPDATE notice_annexes SET data = :bytes WHERE id = :id", bytes, id);
  return id;
}

std::vector<AnnexRow> AnnexesOf(db::Session& s, Id notice_id) {
  std::vector<AnnexRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT id, notice_id, file_name, content_type, size_bytes, sha256, "
                          "uploaded_at FROM notice_annexes WHERE notice_id = :n ORDER BY id",
       soci::use(notice_id));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), db::Int(r, 1), db::Str(r, 2), db::Str(r, 3), db::Int(r, 4),
                   db::Str(r, 5), db::Str(r, 6), std::nullopt});
  }
  return out;
}

std::optional<AnnexRow> LoadAnnex(db::Session& s, Id annex_id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT id, notice_id, file_name, content_type, size_bytes, sha256, "
                          "uploaded_at, " +
                              s.HexOf("data") + " FROM notice_annexes WHERE id = :id",
       soci::use(annex_id));
  for (const auto& r : rs) {
    return AnnexRow{db::Int(r, 0), db::Int(r, 1), db::Str(r, 2), db::Str(r, 3),
                    db::Int(r, 4), db::Str(r, 5), db::Str(r, 6), FromHex(db::Str(r, 7))};
  }
  return std::nullopt;
}

bool DeleteAnnex(db::Session& s, Id notice_id, Id annex_id) {
  soci::statement st = (s.sql().prepare << "DELETE FROM notice_annexes WHERE id = :id AND "
                                           "notice_id = :n",
                        soci::use(annex_id), soci::use(notice_id));
  return Affected(st);
}

std::int64_t CountAnnexes(db::Session& s, Id notice_id) {
  long long n = 0;
  s.sql() << "SELECT COUNT(*) FROM notice_annexes WHERE notice_id = :n", soci::use(notice_id),
      soci::into(n);
  return n;
}

}  // namespace vw::notices::store
