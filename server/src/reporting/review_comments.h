// Per-field comments of a reviewer's return (issue 14). A reviewer returning
// a child's form gives a reason for the whole form and may comment on single
// fields: an information-form field, an annex-5 figure (the codes of
// statistics_fields.h) or a summary section. Every return is kept
// (submission_returns, review_comments: review_comment_store.h); a
// submission's answer carries the latest one as `last_return`.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.h"
#include "core/result.h"

namespace vw::reporting {

// A field comment's length in characters. Their number is bounded by the
// form's fields: one per field at most.
inline constexpr std::size_t kMaxReviewCommentChars = 500;

struct ReviewComment {
  std::string field;  // the field's code
  std::string label;  // its Chinese name
  std::string text;
};

struct ReturnRecord {
  Id id = 0;
  std::int64_t version = 0;  // the submission's version the return produced
  std::string comment;       // the reason for the whole form
  std::string returned_at;
  std::string returned_by_name;
  std::vector<ReviewComment> fields;  // in the form's field order
};

// The Chinese name of a field of `form` a reviewer may comment on; nullopt
// for anything else.
std::optional<std::string> CommentFieldLabel(std::string_view form, std::string_view field);

// The comments as the client sent them ({code: text}), checked for `form`:
// each key a field of the form, each value text of one or more lines
// (normalised, trimmed; empty ones dropped) of at most
// kMaxReviewCommentChars characters.
// kInvalid with field "field_comments" and a Chinese message naming the
// field otherwise. The answer is in the form's field order.
Result<std::vector<ReviewComment>> CheckReviewComments(std::string_view form,
                                                       const boost::json::object& comments);

// {code: text} of `comments` (what submissions.field_comments stores).
boost::json::object CommentsObject(const std::vector<ReviewComment>& comments);

// {id, version, comment, returned_at, returned_by_name, fields: [{field, label, text}]}.
boost::json::object ToJson(const ReturnRecord& r);

}  // namespace vw::reporting
