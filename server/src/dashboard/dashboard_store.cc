#include "dashboard/dashboard_store.h"

#include "core/time.h"
#include "org/org.h"

namespace vw::dashboard::store {

namespace {

// People admitted and counted at the door of the published activities
// under `under` (an SQL condition on uc.ancestor_id, bound to :u when it
// names one), grouped by the activity's start (few distinct values) and
// then by its Shanghai date here: one pass over the check-ins and one over
// the walk-ins, no query per activity.
std::map<std::string, std::int64_t> PeopleByDay(db::Session& s, Id campaign_id,
                                                const std::string& under,
                                                std::optional<Id> unit_id) {
  std::map<std::string, std::int64_t> by_start;
  const std::string admitted =
      "SELECT a.starts_at, SUM(c.people) FROM checkins c JOIN activities a ON a.id = "
      "c.activity_id JOIN unit_closure uc ON uc.descendant_id = a.unit_id WHERE " +
      under +
      " AND a.campaign_id = :c AND a.status = 'published' AND c.result = 'ok' GROUP BY "
      "a.starts_at";
  const std::string counted =
      "SELECT a.starts_at, SUM(w.delta) FROM walkins w JOIN activities a ON a.id = "
      "w.activity_id JOIN unit_closure uc ON uc.descendant_id = a.unit_id WHERE " +
      under + " AND a.campaign_id = :c AND a.status = 'published' GROUP BY a.starts_at";
  auto add = [&by_start](soci::rowset<soci::row>& rs) {
    for (const auto& r : rs) by_start[db::Str(r, 0)] += db::Int(r, 1);
  };
  for (const std::string* sql : {&admitted, &counted}) {
    if (unit_id) {
      soci::rowset<soci::row> rs =
          (s.sql().prepare << *sql, soci::use(*unit_id), soci::use(campaign_id));
      add(rs);
    } else {
      soci::rowset<soci::row> rs = (s.sql().prepare << *sql, soci::use(campaign_id));
      add(rs);
    }
  }
  std::map<std::string, std::int64_t> out;
  for (const auto& [starts_at, n] : by_start) {
    auto start = timeutil::ParseUtc(starts_at);
    if (!start) continue;
    out[timeutil::ShanghaiDate(*start)] += n;
  }
  return out;
}

}  // namespace

std::map<std::string, std::int64_t> ParticipantsByDay(db::Session& s, Id campaign_id, Id unit_id) {
  return PeopleByDay(s, campaign_id, "uc.ancestor_id = :u", unit_id);
}

std::map<std::string, std::int64_t> ParticipantsByDayOfChains(db::Session& s, Id campaign_id) {
  // The chains' subtrees are disjoint: one pass counts each activity once.
  return PeopleByDay(s, campaign_id,
                     std::string("uc.ancestor_id IN (SELECT u.id FROM units u WHERE ") +
                         org::kChainRootCondition + ")",
                     std::nullopt);
}

std::vector<ActivityLoad> ActivityLoads(db::Session& s, Id campaign_id, Id unit_id,
                                        std::int64_t limit) {
  std::vector<ActivityLoad> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare
           << "SELECT a.id, a.title, u.name, a.starts_at, a.capacity, COALESCE(st.confirmed, 0), "
              "COALESCE(st.waiting, 0), COALESCE((SELECT SUM(c.people) FROM checkins c WHERE "
              "c.activity_id = a.id AND c.result = 'ok'), 0) FROM activities a JOIN units u ON "
              "u.id = a.unit_id JOIN unit_closure uc ON uc.descendant_id = a.unit_id AND "
              "uc.ancestor_id = :u LEFT JOIN activity_seats st ON st.activity_id = a.id WHERE "
              "a.campaign_id = :c AND a.status = 'published' ORDER BY a.starts_at, a.id LIMIT :n",
       soci::use(unit_id), soci::use(campaign_id), soci::use(limit));
  for (const auto& r : rs) {
    ActivityLoad a;
    a.id = db::Int(r, 0);
    a.title = db::Str(r, 1);
    a.unit_name = db::Str(r, 2);
    a.starts_at = timeutil::UtcToApi(db::Str(r, 3));
    a.capacity = db::Int(r, 4);
    a.confirmed = db::Int(r, 5);
    a.waiting = db::Int(r, 6);
    a.checked_in = db::Int(r, 7);
    out.push_back(std::move(a));
  }
  return out;
}

std::map<Id, std::map<std::string, std::int64_t>> PublicityByChild(db::Session& s, Id campaign_id,
                                                                   Id unit_id) {
  std::map<Id, std::map<std::string, std::int64_t>> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare
           << "SELECT uc.ancestor_id, p.status, COUNT(*), SUM(CASE WHEN p.published_at IS NULL "
              "THEN 0 ELSE 1 END) FROM publicity_items p JOIN unit_closure uc ON "
              "uc.descendant_id = p.unit_id JOIN units u ON u.id = uc.ancestor_id WHERE "
              "u.parent_id = :u AND p.campaign_id = :c GROUP BY uc.ancestor_id, p.status",
       soci::use(unit_id), soci::use(campaign_id));
  for (const auto& r : rs) {
    auto& counts = out[db::Int(r, 0)];
    counts[db::Str(r, 1)] += db::Int(r, 2);
    counts["published"] += db::Int(r, 3);
  }
  return out;
}

std::optional<Id> PreviousCampaign(db::Session& s, Id campaign_id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT id FROM campaigns WHERE year < (SELECT year FROM campaigns "
                          "WHERE id = :c) ORDER BY year DESC, id DESC LIMIT 1",
       soci::use(campaign_id));
  for (const auto& r : rs) return db::Int(r, 0);
  return std::nullopt;
}

}  // namespace vw::dashboard::store
