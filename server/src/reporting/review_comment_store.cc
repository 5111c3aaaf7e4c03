// SQL of the reviewers' returns (review_comment_store.h).
#include "reporting/review_comment_store.h"

namespace vw::reporting::store {

void InsertReturn(db::Session& s, Id submission_id, std::int64_t version,
                  const std::string& comment, const std::vector<ReviewComment>& fields,
                  const std::string& now, std::optional<Id> by) {
  Id id = 0;
  s.sql() << "INSERT INTO submission_returns (submission_id, version, comment, returned_at, "
             "returned_by) VALUES (:s, :v, :c, :now, :by) RETURNING id",
      soci::use(submission_id), soci::use(version), soci::use(comment), soci::use(now),
      soci::use(by), soci::into(id);
  for (const auto& f : fields) {
    s.sql() << "INSERT INTO review_comments (return_id, field, body) VALUES (:r, :f, :b)",
        soci::use(id), soci::use(f.field), soci::use(f.text);
  }
}

std::optional<ReturnRecord> LatestReturn(db::Session& s, Id submission_id) {
  std::optional<ReturnRecord> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT r.id, r.version, r.comment, r.returned_at, "
                          "COALESCE(u.display_name, '') FROM submission_returns r LEFT JOIN "
                          "users u ON u.id = r.returned_by WHERE r.submission_id = :s ORDER BY "
                          "r.id DESC LIMIT 1",
       soci::use(submission_id));
  for (const auto& r : rs) {
    ReturnRecord rec;
    rec.id = db::Int(r, 0);
    rec.version = db::Int(r, 1);
    rec.comment = db::Str(r, 2);
    rec.returned_at = db::Str(r, 3);
    rec.returned_by_name = db::Str(r, 4);
    out = std::move(rec);
  }
  if (!out) return out;
  soci::rowset<soci::row> cs =
      (s.sql().prepare << "SELECT field, body FROM review_comments WHERE return_id = :r ORDER BY "
                          "id",
       soci::use(out->id));
  for (const auto& c : cs) out->fields.push_back({db::Str(c, 0), "", db::Str(c, 1)});
  return out;
}

}  // namespace vw::reporting::store
