// Activities: what units run during the week (SPEC "Activities").
//
// An activity belongs to a unit and a campaign. Categories, tags and
// audiences are data (campaign::ActivityCategory, the audiences table).
// Colleges (organisers) and unit administrators create and edit their own
// unit's activities; any role on an ancestor unit reads them. Validation
// follows the notices: the activity lies inside the campaign's week unless it
// is part of a longer 活动月, its theme day matches its date, off-campus
// activities name an address and online ones a well-formed URL.
//
// This is the first part of the activity domain: off-campus approval,
// publishing, rescheduling and the public programme build on it.
// Thread-safe; each call leases its own session.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "org/scope.h"

namespace vw::activity {

struct Activity {
  Id id = 0;
  Id campaign_id = 0;
  Id unit_id = 0;
  std::string unit_name;
  std::string title;
  std::string description;
  std::optional<Id> theme_day_id;
  std::string starts_at;  // UTC
  std::string ends_at;    // UTC
  bool part_of_month = false;
  std::string place_kind;  // on_campus | off_campus | online
  std::string place;
  std::string online_url;
  std::optional<Id> category_id;
  std::vector<Id> tag_ids;
  std::vector<std::string> audiences;
  int capacity = 0;
  bool open_to_public = false;
  bool registration_required = false;
  std::string organiser;
  std::string contact;
  bool featured = false;
  std::string partner;
  std::string cooperation;
  std::string enterprises;
  int posts_offered = 0;
  std::string status;  // draft (approval and publishing come next)
  int version = 1;
  std::string created_at;
  std::string updated_at;
};

// What a caller sets; starts_at/ends_at are unix seconds after parsing.
struct ActivityInput {
  Id unit_id = 0;
  std::string title;
  std::string description;
  std::optional<Id> theme_day_id;
  std::int64_t starts_at = 0;
  std::int64_t ends_at = 0;
  bool part_of_month = false;
  std::string place_kind;
  std::string place;
  std::string online_url;
  std::optional<Id> category_id;
  std::vector<Id> tag_ids;
  std::vector<std::string> audiences;
  int capacity = 0;
  bool open_to_public = false;
  bool registration_required = false;
  std::string organiser;
  std::string contact;
  bool featured = false;
  std::string partner;
  std::string cooperation;
  std::string enterprises;
  int posts_offered = 0;
};

// Reads and checks the fields of a body; cross-record rules (campaign week,
// categories, scope) are the service's. Errors name the field.
Result<ActivityInput> ParseActivityInput(const boost::json::object& body);
boost::json::object ToJson(const Activity& a);

struct Audience {
  std::string code;
  std::string name;
};

class ActivityService {
 public:
  ActivityService(db::Database& db, const org::Scope& scope) : db_(db), scope_(scope) {}

  std::vector<Audience> Audiences();

  // Needs unit_admin or organiser on input.unit_id (or an ancestor).
  Result<Activity> Create(const Principal& p, Id campaign_id, const ActivityInput& input);
  // Same roles on the stored unit and, when moved, on the new one; `version`
  // must be the one read (else kConflict).
  Result<Activity> Update(const Principal& p, Id id, int version, const ActivityInput& input);
  // Any role on the activity's unit or an ancestor; kForbidden otherwise,
  // also for unknown ids.
  Result<Activity> Get(const Principal& p, Id id);
  Status Delete(const Principal& p, Id id);

  struct Query {
    std::optional<Id> unit_id;  // subtree
    std::optional<Id> theme_day_id;
    std::int64_t offset = 0;
    std::int64_t limit = 50;
  };
  // Activities of the campaign in the principal's subtrees, by start time.
  Result<std::pair<std::vector<Activity>, std::int64_t>> List(const Principal& p, Id campaign_id,
                                                              const Query& q);

 private:
  Status Validate(db::Session& s, Id campaign_id, const ActivityInput& in);

  db::Database& db_;
  const org::Scope& scope_;
};

}  // namespace vw::activity
