// The activity plan (活动周活动方案, form "plan", issue 14): every school
// sends it with the information form by the plan deadline; city bureaus
// review their secondary schools' plans (技工院校 through the HR chain),
// higher vocational schools send theirs to the province. It goes through
// the same workflow as the other forms (submissions.h); this file is what
// is particular to it.
//
// Its data:
//   person_name, person_position, person_mobile   the 专人 in charge
//   activities: [{theme_day_id, title, activity_id?}]
//       planned activities per theme day of the campaign; activity_id links
//       one of the programme's activities of the unit's subtree
//   document: {id, file_name, content_type, size_bytes, sha256, uploaded_at}
//       the uploaded plan (PDF or Word), set only by the upload
//
// Thread-safe: plain functions over the caller's session.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"

namespace vw::reporting {

// The same bound as the stamped scans.
inline constexpr std::size_t kMaxPlanDocumentBytes = 10u << 20;
inline constexpr std::size_t kMaxPlanActivities = 100;

// The plan's fields from what the client sent: shape, lengths and the
// mobile number checked (kInvalid naming the field in Chinese). The
// document is never taken from the client (KeepPlanDocument).
Result<boost::json::object> NormalizePlan(const boost::json::object& data);
// Copies the stored form's document into `normal`.
void KeepPlanDocument(const boost::json::object& stored, boost::json::object& normal);

// What the unit's plan may refer to: {days: [{id, day_index, date, name}],
// activities: [{id, title, theme_day_id, unit_name}]}, the activities of
// the unit's subtree.
boost::json::object PlanChoices(db::Session& s, Id campaign_id, Id unit_id);
// The links of a normalised plan: every theme day is one of the campaign's
// (kInvalid, "activities"), every linked activity one of the unit's subtree
// (kForbidden: another unit's activity). A linked entry without a title
// takes the activity's.
Status CheckPlanLinks(db::Session& s, Id campaign_id, Id unit_id, boost::json::object& plan);
// A plan not yet started: the unit's contact, and one entry per activity
// of its subtree on its theme day.
boost::json::object PlanPrefill(db::Session& s, Id campaign_id, Id unit_id,
                                const std::string& contact_person,
                                const std::string& contact_phone);

// The type of a plan document judged by its bytes: "application/pdf",
// the Word 2007+ type (a zip holding word/document.xml) or "application/
// msword" (an OLE compound file); nullopt for anything else.
std::optional<std::string> SniffPlanDocument(std::string_view bytes);
// The name the document is stored under (ScanFileName's cleaning, the
// extension of its type, "活动方案" when nothing is left).
std::string PlanDocumentName(std::string_view client_name, std::string_view content_type);

}  // namespace vw::reporting
