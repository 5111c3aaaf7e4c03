// SQL of the material library (publicity_store.h).
#include "publicity/publicity_store.h"

#include "audit/audit.h"
#include "reporting/media_store.h"

namespace vw::publicity::store {
namespace {

// An item with its names; the body column is chosen by the caller.
std::string ItemSelect(bool with_body) {
  return std::string("SELECT i.id, i.campaign_id, i.unit_id, u.name, i.kind, i.title, ") +
         (with_body ? "i.body" : "''") +
         ", i.author, i.theme_day_id, d.name, i.activity_id, a.title, i.video_url, i.tags, "
         "i.has_people, i.minors, i.portrait_consent, i.status, i.at_unit_id, au.name, "
         "i.from_unit_id, fu.name, i.submitted_at, i.late, i.published_at, i.published_by, "
         "i.version, i.created_at, i.updated_at FROM publicity_items i JOIN units u ON u.id = "
         "i.unit_id LEFT JOIN theme_days d ON d.id = i.theme_day_id LEFT JOIN activities a ON "
         "a.id = i.activity_id LEFT JOIN units au ON au.id = i.at_unit_id LEFT JOIN units fu ON "
         "fu.id = i.from_unit_id ";
}

ItemRow ItemAt(const soci::row& r) {
  ItemRow i;
  i.id = db::Int(r, 0);
  i.campaign_id = db::Int(r, 1);
  i.unit_id = db::Int(r, 2);
  i.unit_name = db::Str(r, 3);
  i.kind = db::Str(r, 4);
  i.title = db::Str(r, 5);
  i.body = db::Str(r, 6);
  i.author = db::Str(r, 7);
  i.theme_day_id = db::OptInt(r, 8);
  i.theme_day_name = db::Str(r, 9);
  i.activity_id = db::OptInt(r, 10);
  i.activity_title = db::Str(r, 11);
  i.video_url = db::Str(r, 12);
  i.tags = db::Str(r, 13);
  i.has_people = db::Bool(r, 14);
  i.minors = db::Bool(r, 15);
  i.portrait_consent = db::Bool(r, 16);
  i.status = db::Str(r, 17);
  i.at_unit_id = db::OptInt(r, 18);
  i.at_unit_name = db::Str(r, 19);
  i.from_unit_id = db::OptInt(r, 20);
  i.from_unit_name = db::Str(r, 21);
  i.submitted_at = db::OptStr(r, 22);
  i.late = db::Bool(r, 23);
  i.published_at = db::OptStr(r, 24);
  i.published_by = db::OptInt(r, 25);
  i.version = static_cast<int>(db::Int(r, 26));
  i.created_at = db::Str(r, 27);
  i.updated_at = db::Str(r, 28);
  return i;
}

bool TouchedOne(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows() == 1;
}

// A LIKE pattern matching `q` literally anywhere (with ESCAPE '\').
std::string Contains(const std::string& q) {
  std::string out = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "%";
}

}  // namespace

std::optional<ItemRow> LoadItem(db::Session& s, Id id, bool for_update) {
  if (for_update && s.backend() == db::Backend::kPostgres) {
    Id locked = 0;
    s.sql() << "SELECT id FROM publicity_items WHERE id = :id FOR UPDATE", soci::into(locked),
        soci::use(id);
  }
  soci::rowset<soci::row> rs =
      (s.sql().prepare << ItemSelect(true) << "WHERE i.id = :id", soci::use(id));
  for (const auto& r : rs) return ItemAt(r);
  return std::nullopt;
}

Id InsertItem(db::Session& s, const ItemRow& r, std::optional<Id> created_by) {
  Id id = 0;
  int has_people = r.has_people, minors = r.minors, consent = r.portrait_consent;
  s.sql() << "INSERT INTO publicity_items (campaign_id, unit_id, kind, title, body, author, "
             "theme_day_id, activity_id, video_url, tags, has_people, minors, portrait_consent, "
             "status, version, created_by, created_at, updated_at) VALUES (:c, :u, :k, :t, :b, "
             ":au, :d, :a, :v, :tags, :hp, :mi, :pc, 'draft', 1, :by, :now, :now2) RETURNING id",
      soci::use(r.campaign_id), soci::use(r.unit_id), soci::use(r.kind), soci::use(r.title),
      soci::use(r.body), soci::use(r.author), soci::use(r.theme_day_id), soci::use(r.activity_id),
      soci::use(r.video_url), soci::use(r.tags), soci::use(has_people), soci::use(minors),
      soci::use(consent), soci::use(created_by), soci::use(r.created_at), soci::use(r.created_at),
      soci::into(id);
  return id;
}

bool SaveItem(db::Session& s, const ItemRow& r, int version, const std::string& now) {
  int has_people = r.has_people, minors = r.minors, consent = r.portrait_consent, late = r.late;
  soci::statement st =
      (s.sql().prepare << "UPDATE publicity_items SET title = :t, body = :b, author = :au, "
                          "theme_day_id = :d, activity_id = :a, video_url = :v, tags = :tags, "
                          "has_people = :hp, minors = :mi, portrait_consent = :pc, status = :st, "
                          "at_unit_id = :at, from_unit_id = :fr, submitted_at = :sa, late = :l, "
                          "published_at = :pa, published_by = :pb, version = version + 1, "
                          "updated_at = :now WHERE id = :id AND version = :ver",
       soci::use(r.title), soci::use(r.body), soci::use(r.author), soci::use(r.theme_day_id),
       soci::use(r.activity_id), soci::use(r.video_url), soci::use(r.tags), soci::use(has_people),
       soci::use(minors), soci::use(consent), soci::use(r.status), soci::use(r.at_unit_id),
       soci::use(r.from_unit_id), soci::use(r.submitted_at), soci::use(late),
       soci::use(r.published_at), soci::use(r.published_by), soci::use(now), soci::use(r.id),
       soci::use(version));
  return TouchedOne(st);
}

bool DeleteDraft(db::Session& s, Id id, int version) {
  soci::statement st = (s.sql().prepare << "DELETE FROM publicity_items WHERE id = :id AND "
                                           "version = :v AND status = 'draft'",
                        soci::use(id), soci::use(version));
  return TouchedOne(st);
}

std::vector<FileRow> LoadFiles(db::Session& s, Id item_id) {
  std::vector<FileRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT f.blob_id, b.kind, f.caption, b.width, b.height, "
                          "b.poster_sha256 FROM publicity_item_files f JOIN media_blobs b ON "
                          "b.id = f.blob_id WHERE f.item_id = :i ORDER BY f.sort_order, f.blob_id",
       soci::use(item_id));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), db::Str(r, 1), db::Str(r, 2), db::Int(r, 3), db::Int(r, 4),
                   !db::Str(r, 5).empty()});
  }
  return out;
}

void ReplaceFiles(db::Session& s, Id item_id,
                  const std::vector<std::pair<Id, std::string>>& files) {
  s.sql() << "DELETE FROM publicity_item_files WHERE item_id = :i", soci::use(item_id);
  int order = 0;
  for (const auto& [blob_id, caption] : files) {
    s.sql() << "INSERT INTO publicity_item_files (item_id, blob_id, sort_order, caption) VALUES "
               "(:i, :b, :o, :c)",
        soci::use(item_id), soci::use(blob_id), soci::use(order), soci::use(caption);
    ++order;
  }
}

std::map<Id, BlobInfo> LoadBlobs(db::Session& s, const std::vector<Id>& ids) {
  std::map<Id, BlobInfo> out;
  for (Id id : ids) {
    soci::rowset<soci::row> rs =
        (s.sql().prepare << "SELECT unit_id, kind FROM media_blobs WHERE id = :id", soci::use(id));
    for (const auto& r : rs) out[id] = {db::Int(r, 0), db::Str(r, 1)};
  }
  return out;
}

std::vector<TakeRow> LoadTakes(db::Session& s, Id item_id) {
  std::vector<TakeRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT t.unit_id, u.name, t.taken_at FROM publicity_takes t JOIN "
                          "units u ON u.id = t.unit_id WHERE t.item_id = :i ORDER BY t.taken_at, "
                          "t.unit_id",
       soci::use(item_id));
  for (const auto& r : rs) out.push_back({db::Int(r, 0), db::Str(r, 1), db::Str(r, 2)});
  return out;
}

void AddTake(db::Session& s, Id item_id, Id unit_id, const std::string& now) {
  long long held = 0;
  s.sql() << "SELECT COUNT(*) FROM publicity_takes WHERE item_id = :i AND unit_id = :u",
      soci::into(held), soci::use(item_id), soci::use(unit_id);
  if (held > 0) return;
  s.sql() << "INSERT INTO publicity_takes (item_id, unit_id, taken_at) VALUES (:i, :u, :at)",
      soci::use(item_id), soci::use(unit_id), soci::use(now);
}

std::vector<StepRow> LoadSteps(db::Session& s, Id item_id) {
  std::vector<StepRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT st.action, u.name, us.display_name, hu.name, us.username, "
                          "tu.name, st.comment, st.at FROM publicity_steps st JOIN units u ON "
                          "u.id = st.unit_id LEFT JOIN users us ON us.id = st.user_id LEFT JOIN "
                          "units hu ON hu.id = us.unit_id LEFT JOIN units tu ON tu.id = "
                          "st.to_unit_id WHERE st.item_id = :i ORDER BY st.id",
       soci::use(item_id));
  for (const auto& r : rs) {
    out.push_back({db::Str(r, 0), db::Str(r, 1),
                   audit::ActorName(db::Str(r, 2), db::Str(r, 3), db::Str(r, 4)), db::Str(r, 5),
                   db::Str(r, 6), db::Str(r, 7)});
  }
  return out;
}

void AddStep(db::Session& s, Id item_id, Id unit_id, const std::string& action,
             std::optional<Id> to_unit_id, const std::string& comment, std::optional<Id> user_id,
             const std::string& now) {
  s.sql() << "INSERT INTO publicity_steps (item_id, unit_id, action, to_unit_id, comment, "
             "user_id, at) VALUES (:i, :u, :a, :to, :c, :by, :at)",
      soci::use(item_id), soci::use(unit_id), soci::use(action), soci::use(to_unit_id),
      soci::use(comment), soci::use(user_id), soci::use(now);
}

std::vector<OutletRow> LoadOutlets(db::Session& s, Id item_id) {
  std::vector<OutletRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT id, outlet, level, published_on, url FROM media_reports WHERE "
                          "publicity_item_id = :i ORDER BY published_on, id",
       soci::use(item_id));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), db::Str(r, 1), db::Str(r, 2), db::Str(r, 3), db::Str(r, 4)});
  }
  return out;
}

Id AddOutlet(db::Session& s, Id item_id, const reporting::MediaReport& m,
             std::optional<Id> created_by) {
  Id id = 0;
  if (auto recorded = reporting::store::DuplicateMediaReport(s, m)) {
    id = recorded->id;
  } else {
    id = reporting::store::InsertMediaReport(s, m, created_by);
  }
  s.sql() << "UPDATE media_reports SET publicity_item_id = :i WHERE id = :id AND "
             "publicity_item_id IS NULL",
      soci::use(item_id), soci::use(id);
  return id;
}

std::string UnitName(db::Session& s, Id unit_id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT name FROM units WHERE id = :id", soci::use(unit_id));
  for (const auto& r : rs) return db::Str(r, 0);
  return {};
}

std::optional<Id> ParentOf(db::Session& s, Id unit_id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT parent_id FROM units WHERE id = :id", soci::use(unit_id));
  for (const auto& r : rs) return db::OptInt(r, 0);
  return std::nullopt;
}

std::vector<ItemRow> ListItems(db::Session& s, const ListFilter& f, std::int64_t& total) {
  // Each scope binds the unit twice, so every statement binds alike.
  std::string where = "WHERE i.campaign_id = :c AND ";
  if (f.scope == "inbox") {
    // Sent here, or returned here after this unit recommended it.
    where +=
        "i.at_unit_id = :u AND (i.status = 'submitted' OR (i.status = 'returned' AND i.unit_id "
        "<> :u2)) ";
  } else if (f.scope == "below") {
    where +=
        "i.status <> 'draft' AND i.unit_id IN (SELECT descendant_id FROM unit_closure WHERE "
        "ancestor_id = :u AND depth > 0) AND i.unit_id <> :u2 ";
  } else {
    where +=
        "(i.unit_id = :u OR EXISTS (SELECT 1 FROM publicity_takes t WHERE t.item_id = i.id AND "
        "t.unit_id = :u2)) ";
  }
  where +=
      "AND (:kind = '' OR i.kind = :kind2) AND (:status = '' OR i.status = :status2) AND (:day = "
      "0 OR i.theme_day_id = :day2) AND (:q = '' OR i.title LIKE :qlike ESCAPE '\\') ";
  Id day = f.theme_day_id.value_or(0);
  std::string like = Contains(f.q);
  long long n = 0;
  s.sql() << "SELECT COUNT(*) FROM publicity_items i " << where, soci::into(n),
      soci::use(f.campaign_id), soci::use(f.unit_id), soci::use(f.unit_id), soci::use(f.kind),
      soci::use(f.kind), soci::use(f.status), soci::use(f.status), soci::use(day), soci::use(day),
      soci::use(f.q), soci::use(like);
  total = n;
  std::vector<ItemRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << ItemSelect(false) << where
                       << "ORDER BY i.updated_at DESC, i.id DESC LIMIT :lim OFFSET :off",
       soci::use(f.campaign_id), soci::use(f.unit_id), soci::use(f.unit_id), soci::use(f.kind),
       soci::use(f.kind), soci::use(f.status), soci::use(f.status), soci::use(day), soci::use(day),
       soci::use(f.q), soci::use(like), soci::use(f.limit), soci::use(f.offset));
  for (const auto& r : rs) out.push_back(ItemAt(r));
  return out;
}

std::vector<BoardRow> Board(db::Session& s, Id campaign_id, Id unit_id) {
  constexpr const char* kCounts =
      "COUNT(i.id), COALESCE(SUM(CASE WHEN i.submitted_at IS NOT NULL THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM publicity_takes t WHERE t.item_id = i.id) "
      "THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN i.status = 'pushed' THEN 1 ELSE 0 END), "
      "0), COALESCE(SUM(i.late), 0), COALESCE(SUM(CASE WHEN i.published_at IS NOT NULL THEN 1 "
      "ELSE 0 END), 0)";
  auto counts = [](BoardRow& b, const soci::row& r, std::size_t from) {
    b.items = db::Int(r, from);
    b.submitted = db::Int(r, from + 1);
    b.accepted = db::Int(r, from + 2);
    b.pushed = db::Int(r, from + 3);
    b.late = db::Int(r, from + 4);
    b.published = db::Int(r, from + 5);
  };
  std::vector<BoardRow> out;
  {
    soci::rowset<soci::row> rs =
        (s.sql().prepare << "SELECT u.id, u.name, " << kCounts
                         << " FROM units u LEFT JOIN publicity_items i ON i.unit_id = u.id AND "
                            "i.campaign_id = :c WHERE u.id = :u GROUP BY u.id, u.name",
         soci::use(campaign_id), soci::use(unit_id));
    for (const auto& r : rs) {
      BoardRow b{db::Int(r, 0), db::Str(r, 1), true};
      counts(b, r, 2);
      out.push_back(b);
    }
  }
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT u.id, u.name, " << kCounts
                       << " FROM units u JOIN unit_closure c ON c.ancestor_id = u.id LEFT JOIN "
                          "publicity_items i ON i.unit_id = c.descendant_id AND i.campaign_id = "
                          ":c WHERE u.parent_id = :u AND u.active = 1 GROUP BY u.id, u.name, "
                          "u.sort_order ORDER BY u.sort_order, u.id",
       soci::use(campaign_id), soci::use(unit_id));
  for (const auto& r : rs) {
    BoardRow b{db::Int(r, 0), db::Str(r, 1), false};
    counts(b, r, 2);
    out.push_back(b);
  }
  return out;
}

}  // namespace vw::publicity::store
