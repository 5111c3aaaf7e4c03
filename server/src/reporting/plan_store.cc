// SQL of the activity plan (plan_store.h).
#include "reporting/plan_store.h"

#include "core/crypto.h"

namespace vw::reporting::store {

std::vector<PlanDay> PlanDays(db::Session& s, Id campaign_id) {
  std::vector<PlanDay> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT id, day_index, day_date, name FROM theme_days WHERE "
                          "campaign_id = :c ORDER BY day_index",
       soci::use(campaign_id));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), static_cast<int>(db::Int(r, 1)), db::Str(r, 2), db::Str(r, 3)});
  }
  return out;
}

std::vector<PlanActivity> PlanActivities(db::Session& s, Id campaign_id, Id unit_id) {
  std::vector<PlanActivity> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT a.id, a.title, a.theme_day_id, u.name FROM activities a JOIN "
                          "unit_closure c ON c.descendant_id = a.unit_id AND c.ancestor_id = :u "
                          "JOIN units u ON u.id = a.unit_id WHERE a.campaign_id = :c AND "
                          "a.status <> 'cancelled' ORDER BY a.starts_at, a.id",
       soci::use(unit_id), soci::use(campaign_id));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), db::Str(r, 1), db::OptInt(r, 2), db::Str(r, 3)});
  }
  return out;
}

Id InsertPlanDocument(db::Session& s, const NewPlanDocument& d, std::string_view bytes) {
  auto size = static_cast<std::int64_t>(bytes.size());
  Id id = 0;
  s.sql() << "INSERT INTO plan_documents (campaign_id, unit_id, file_name, content_type, "
             "size_bytes, sha256, uploaded_by, uploaded_at) VALUES (:c, :u, :n, :t, :z, :h, :by, "
             ":now) RETURNING id",
      soci::use(d.campaign_id), soci::use(d.unit_id), soci::use(d.file_name),
      soci::use(d.content_type), soci::use(size), soci::use(d.sha256), soci::use(d.uploaded_by),
      soci::use(d.uploaded_at), soci::into(id);
  s.WriteBytes("UPDATE plan_documents SET data = :bytes WHERE id = :id", bytes, id);
  return id;
}

std::optional<StoredPlanDocument> LoadPlanDocument(db::Session& s, Id document_id) {
  StoredPlanDocument d;
  std::string hex;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT unit_id, file_name, content_type, " + s.HexOf("data") +
                 " FROM plan_documents WHERE id = :id",
      soci::use(document_id), soci::into(d.unit_id, ind), soci::into(d.file_name),
      soci::into(d.content_type), soci::into(hex);
  if (ind != soci::i_ok) return std::nullopt;
  d.bytes = FromHex(hex);
  return d;
}

}  // namespace vw::reporting::store
