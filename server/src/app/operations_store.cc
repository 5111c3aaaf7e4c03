// The SQL of /metrics: whole-system counts, read at scrape time.
#include "app/operations.h"

namespace vw::app {
namespace {

DatabaseFigures::Counts CountsOf(db::Session& s, const std::string& sql) {
  DatabaseFigures::Counts out;
  soci::rowset<soci::row> rows = (s.sql().prepare << sql);
  for (const auto& r : rows) out.emplace_back(db::Str(r, 0), db::Int(r, 1));
  return out;
}

}  // namespace

DatabaseFigures ReadDatabaseFigures(db::Session& s) {
  db::Transaction tx(s, db::Transaction::Mode::kRead);  // one snapshot for all figures
  DatabaseFigures f;
  f.registrations_by_status =
      CountsOf(s, "SELECT status, COUNT(*) FROM registrations GROUP BY status ORDER BY status");
  f.checkins_by_result =
      CountsOf(s, "SELECT result, COUNT(*) FROM checkins GROUP BY result ORDER BY result");
  soci::indicator ind = soci::i_ok;
  long long people = 0;
  s.sql() << "SELECT SUM(people) FROM checkins WHERE result = 'ok'", soci::into(people, ind);
  f.people_checked_in = ind == soci::i_ok ? people : 0;
  f.submissions_by_status =
      CountsOf(s, "SELECT status, COUNT(*) FROM submissions GROUP BY status ORDER BY status");
  tx.Commit();
  return f;
}

}  // namespace vw::app
