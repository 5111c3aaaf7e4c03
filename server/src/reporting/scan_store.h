// SQL of the form files (submission_exports.cc): the stamped scans uploaded
// with a submission, and the unit's contact printed on the annex-5 export.
// The caller checks scope and holds the session (and its transaction).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/principal.h"
#include "db/database.h"

namespace vw::reporting::store {

// The unit, form and status of a submission, its row locked for the rest of
// the transaction (PostgreSQL), so that two uploads at once count the
// scans one after the other. nullopt when there is no such submission.
struct ScanTarget {
  Id unit_id = 0;
  std::string form;
  std::string status;
};
std::optional<ScanTarget> LockScanTarget(db::Session& s, Id submission_id);

// The unit's parent; nullopt for a root (or no such unit).
std::optional<Id> ParentUnit(db::Session& s, Id unit_id);

std::int64_t CountScans(db::Session& s, Id submission_id);

// A new scan's row and its bytes; returns its id.
struct NewScan {
  Id submission_id = 0;
  std::string file_name;
  std::string content_type;
  std::string sha256;
  std::optional<Id> uploaded_by;
  std::string uploaded_at;
};
Id InsertScan(db::Session& s, const NewScan& scan, std::string_view bytes);

// A user's display name; "" when there is no such user.
std::string UserDisplayName(db::Session& s, Id user_id);

// A stored scan with the unit of its submission. `bytes` is nullopt when
// the stored data cannot be read back (not valid hex). nullopt when there
// is no such scan.
struct StoredScan {
  Id unit_id = 0;
  std::string file_name;
  std::string content_type;
  std::optional<std::string> bytes;
};
std::optional<StoredScan> LoadScan(db::Session& s, Id scan_id);

// The contact person and phone of a unit ("" when not set).
struct UnitContact {
  std::string person;
  std::string phone;
};
UnitContact ContactOf(db::Session& s, Id unit_id);

}  // namespace vw::reporting::store
