// The material library and its flow up the chain (issue 18; the contract
// with the pages is docs/publicity.md, the tables migration 0028).
//
// An item (稿件 article, 图片 photos, 视频 video, 典型案例 case) belongs to
// its origin unit. Its editors submit it to the unit's parent, which takes
// it into its own library (采用), returns it with a comment (退回), or
// recommends it upward (推荐); a chain's head (a unit without a parent)
// marks it 择优推送 with the outlets that published it, and each outlet is a
// media report record (annex 5 counts records, never typed figures).
// Publishing to the public topic site is a separate decision. Every step is
// audited and written to publicity_steps in the same transaction.
//
// Authority is over the target: a caller reads an item with a grant over its
// origin, over a unit that took it, or over the unit it waits at; attaches
// only blobs of the item's unit; links only activities of that unit's
// subtree. Anything else answers "not found".
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "org/scope.h"

namespace vw::publicity {

inline constexpr const char* kKinds[] = {"article", "photos", "video", "case"};
// 稿件 / 图片 / 视频 / 典型案例; "" for an unknown code.
const char* KindName(std::string_view kind);
// 草稿 / 待审核 / 已退回 / 已采用 / 已择优推送.
const char* StatusName(std::string_view status);
// 提交 / 采用 / 退回 / 推荐 / 择优推送 / 公开 / 取消公开.
const char* ActionName(std::string_view action);

// Budgets (docs/publicity.md).
inline constexpr std::size_t kMaxTitle = 100;  // characters
inline constexpr std::size_t kMaxBody = 20000;
inline constexpr std::size_t kMinBody = 20;  // article and case
inline constexpr std::size_t kMaxAuthor = 50;
inline constexpr std::size_t kMaxFiles = 60;
inline constexpr std::size_t kMaxTags = 10;
inline constexpr std::size_t kMaxOutlets = 10;
inline constexpr std::size_t kMaxComment = 500;

struct ItemFile {
  Id blob_id = 0;
  std::string caption;
};

// What a create or an edit sends.
struct ItemInput {
  Id campaign_id = 0;  // create only
  Id unit_id = 0;      // create only
  std::string kind;    // create only
  std::string title;
  std::string body;
  std::string author;
  std::optional<Id> theme_day_id;
  std::optional<Id> activity_id;
  std::string video_url;
  std::vector<std::string> tags;
  bool has_people = false;
  bool minors = false;
  bool portrait_consent = false;
  std::vector<ItemFile> files;
  int version = 0;  // edits
};
// Reads the JSON body with Chinese errors naming the field; `create` asks
// for campaign_id, unit_id and kind.
Result<ItemInput> ReadItemInput(const json::object& body, bool create);

struct Outlet {
  std::string outlet;        // 媒体名称
  std::string level;         // central | provincial | city | county
  std::string published_on;  // YYYY-MM-DD
  std::string url;
};
Result<std::vector<Outlet>> ReadOutlets(const json::object& body);

struct ListQuery {
  Id campaign_id = 0;
  Id unit_id = 0;
  std::string scope = "library";  // library | inbox | below
  std::string kind, status, q;
  std::optional<Id> theme_day_id;
  int page = 1, page_size = 20;
};

class PublicityService {
 public:
  PublicityService(db::Database& db, const org::Scope& scope);

  // Called after every committed write (the public topic cache drops).
  void SetOnChange(std::function<void()> on_change) { on_change_ = std::move(on_change); }

  // Items answer as JSON (docs/publicity.md), shaped for the caller (the
  // can_* flags).
  Result<json::value> Create(const Principal& p, const ItemInput& in);
  Result<json::value> Get(const Principal& p, Id item_id);
  Result<json::value> Update(const Principal& p, Id item_id, const ItemInput& in);
  Status Delete(const Principal& p, Id item_id, int version);
  Result<json::value> List(const Principal& p, const ListQuery& q);

  Result<json::value> Submit(const Principal& p, Id item_id, int version);
  Result<json::value> Accept(const Principal& p, Id item_id, int version,
                             const std::string& comment);
  Result<json::value> Return(const Principal& p, Id item_id, int version,
                             const std::string& comment);
  Result<json::value> Recommend(const Principal& p, Id item_id, int version,
                                const std::string& comment);
  Result<json::value> Push(const Principal& p, Id item_id, int version,
                           const std::vector<Outlet>& outlets);
  Result<json::value> Publish(const Principal& p, Id item_id, int version, bool published);

  // Per direct child of `unit_id` (and the unit itself): counts of origin
  // items of its subtree.
  Result<json::value> Board(const Principal& p, Id campaign_id, Id unit_id);

 private:
  db::Database& db_;
  const org::Scope& scope_;
  std::function<void()> on_change_;
};

}  // namespace vw::publicity
