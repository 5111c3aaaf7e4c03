// The daily reminder before deadlines (deadline_reminders.h).
#include "reporting/deadline_reminders.h"

#include <string>
#include <vector>

#include "core/time.h"

namespace vw::reporting {
namespace {

struct DueDeadline {
  Id campaign_id = 0;
  Id collector_unit_id = 0;
  std::string form;
};

// The store's one statement: deadlines a unit set, due in (from, to].
std::vector<DueDeadline> DeadlinesDueBetween(db::Session& s, const std::string& from,
                                             const std::string& to) {
  std::vector<DueDeadline> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT campaign_id, collector_unit_id, form FROM deadlines WHERE "
                          "collector_unit_id IS NOT NULL AND due_at > :f AND due_at <= :t ORDER "
                          "BY due_at, id",
       soci::use(from), soci::use(to));
  for (const auto& r : rs) out.push_back({db::Int(r, 0), db::Int(r, 1), db::Str(r, 2)});
  return out;
}

}  // namespace

int RemindBeforeDeadlines(db::Database& db, SubmissionService& forms, std::int64_t now,
                          std::int64_t within) {
  std::vector<DueDeadline> due;
  {
    db::Session s(db);
    due = DeadlinesDueBetween(s, timeutil::FormatUtc(now), timeutil::FormatUtc(now + within));
  }
  int reminded = 0;
  for (const auto& d : due) {
    if (!IsForm(d.form)) continue;
    auto names = forms.RemindMissing(Principal::System("deadline_reminders"), d.campaign_id, d.form,
                                     d.collector_unit_id);
    if (names) reminded += static_cast<int>(names->size());
  }
  return reminded;
}

}  // namespace vw::reporting
