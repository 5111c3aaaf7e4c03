// SQL of the activity plan (plan_form.h): the campaign's theme days and the
// activities of a unit's subtree a plan may link to, and the uploaded plan
// documents. The caller checks scope and holds the session (and its
// transaction).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.h"
#include "db/database.h"

namespace vw::reporting::store {

struct PlanDay {
  Id id = 0;
  int day_index = 0;
  std::string date;  // YYYY-MM-DD
  std::string name;
};
// The campaign's theme days in order.
std::vector<PlanDay> PlanDays(db::Session& s, Id campaign_id);

struct PlanActivity {
  Id id = 0;
  std::string title;
  std::optional<Id> theme_day_id;
  std::string unit_name;
};
// The activities of the campaign held by the unit or a unit below it (not
// cancelled), by start time: what the unit's plan may link to.
std::vector<PlanActivity> PlanActivities(db::Session& s, Id campaign_id, Id unit_id);

struct NewPlanDocument {
  Id campaign_id = 0;
  Id unit_id = 0;
  std::string file_name;
  std::string content_type;
  std::string sha256;
  std::optional<Id> uploaded_by;
  std::string uploaded_at;
};
// Stores the document and its bytes; returns its id.
Id InsertPlanDocument(db::Session& s, const NewPlanDocument& d, std::string_view bytes);

// A stored document with its unit. `bytes` is nullopt when the stored data
// cannot be read back. nullopt when there is no such document.
struct StoredPlanDocument {
  Id unit_id = 0;
  std::string file_name;
  std::string content_type;
  std::optional<std::string> bytes;
};
std::optional<StoredPlanDocument> LoadPlanDocument(db::Session& s, Id document_id);

}  // namespace vw::reporting::store
