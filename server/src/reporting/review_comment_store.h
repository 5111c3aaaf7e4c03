// SQL of the reviewers' returns and their per-field comments
// (review_comments.h; migration 0013).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "reporting/review_comments.h"

namespace vw::reporting::store {

// Records a return of `submission_id` that produced `version`, inside the
// caller's transaction.
void InsertReturn(db::Session& s, Id submission_id, std::int64_t version,
                  const std::string& comment, const std::vector<ReviewComment>& fields,
                  const std::string& now, std::optional<Id> by);

// The latest return of the submission with its comments (labels left
// empty: the caller names them), or nullopt when it was never returned.
std::optional<ReturnRecord> LatestReturn(db::Session& s, Id submission_id);

}  // namespace vw::reporting::store
