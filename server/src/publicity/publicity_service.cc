// The material library and its flow up the chain (publicity.h).
#include "publicity/publicity.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "audit/audit.h"
#include "campaign/campaign_store.h"
#include "core/time.h"
#include "publicity/publicity_store.h"
#include "reporting/media_store.h"
#include "reporting/notification_store.h"

namespace vw::publicity {
namespace {

// Who edits an item of a unit, and who decides what waits at a unit.
constexpr RoleSet kEditors{Role::kUnitAdmin, Role::kOrganiser, Role::kPublicity};
constexpr RoleSet kDeciders{Role::kUnitAdmin, Role::kReviewer};
constexpr std::size_t kMaxUrl = 500;
constexpr std::size_t kMaxCaption = 200;
constexpr std::size_t kMaxTagChars = 64;

Error ItemNotFound() { return Error::NotFound("素材不存在"); }
Error Stale() { return Error::Conflict("已被他人修改，请刷新后重试", "version"); }

bool IsHttpUrl(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

std::optional<Id> UserOf(const Principal& p) {
  return p.user_id > 0 ? std::optional<Id>(p.user_id) : std::nullopt;
}

// Memoised grant checks and parents for one request (several items share units).
class Authority {
 public:
  Authority(const org::Scope& scope, db::Session& s, const Principal& p)
      : scope_(scope), s_(s), p_(p) {}
  bool Reads(Id unit) { return Check(unit, 0, RoleSet::Any()); }
  bool Edits(Id unit) { return Check(unit, 1, kEditors); }
  bool Decides(Id unit) { return Check(unit, 2, kDeciders); }
  std::optional<Id> Parent(Id unit) {
    auto found = parents_.find(unit);
    if (found != parents_.end()) return found->second;
    return parents_[unit] = store::ParentOf(s_, unit);
  }

 private:
  bool Check(Id unit, int which, RoleSet roles) {
    auto key = std::make_pair(unit, which);
    auto found = cache_.find(key);
    if (found != cache_.end()) return found->second;
    return cache_[key] = scope_.Require(s_, p_, unit, roles).ok();
  }
  const org::Scope& scope_;
  db::Session& s_;
  const Principal& p_;
  std::map<std::pair<Id, int>, bool> cache_;
  std::map<Id, std::optional<Id>> parents_;
};

// What a state allows, whoever asks.
bool EditableState(const store::ItemRow& i) {
  return i.status == "draft" || (i.status == "returned" && i.at_unit_id == i.unit_id);
}
// Waiting for a decision at at_unit_id: sent there, or returned to a recommender.
bool Waiting(const store::ItemRow& i) {
  return i.at_unit_id &&
         (i.status == "submitted" || (i.status == "returned" && *i.at_unit_id != i.unit_id));
}
bool PublishableState(const store::ItemRow& i) {
  return i.status != "draft" && i.status != "returned";
}

bool Visible(Authority& a, const store::ItemRow& i, const std::vector<store::TakeRow>& takes) {
  if (a.Reads(i.unit_id)) return true;
  if (i.at_unit_id && a.Reads(*i.at_unit_id)) return true;
  return std::any_of(takes.begin(), takes.end(),
                     [&](const store::TakeRow& t) { return a.Reads(t.unit_id); });
}

// The taker unit on whose behalf `a` may publish, or the origin.
std::optional<Id> PublishingUnit(Authority& a, const store::ItemRow& i,
                                 const std::vector<store::TakeRow>& takes) {
  if (a.Edits(i.unit_id)) return i.unit_id;
  for (const auto& t : takes) {
    if (a.Decides(t.unit_id)) return t.unit_id;
  }
  return std::nullopt;
}

json::value OptId(const std::optional<Id>& id) { return id ? json::value(*id) : nullptr; }

json::value FileJson(const store::FileRow& f) {
  std::string base = "/api/media/blobs/" + std::to_string(f.blob_id) + "/";
  return json::object{
      {"blob_id", f.blob_id},    {"kind", f.kind},
      {"caption", f.caption},    {"width", f.width},
      {"height", f.height},      {"thumb_url", base + "thumb"},
      {"web_url", base + "web"}, {"poster_url", f.has_poster ? base + "poster" : ""}};
}

json::value TagsOf(const std::string& text) {
  auto parsed = json::parse(text);
  return parsed.is_array() ? parsed : json::array{};
}

// The item shaped for `a`'s caller; `detail` adds body, steps, outlets and takes.
json::object ItemJson(db::Session& s, Authority& a, const store::ItemRow& i, bool detail) {
  auto takes = store::LoadTakes(s, i.id);
  bool edits_origin = a.Edits(i.unit_id);
  bool can_edit = edits_origin && EditableState(i);
  bool waiting = Waiting(i);
  bool decides_here = i.at_unit_id && a.Decides(*i.at_unit_id);
  bool head = i.at_unit_id && !a.Parent(*i.at_unit_id);
  bool at_taker_state = i.status == "accepted" || waiting;
  json::object o{
      {"id", i.id},
      {"campaign_id", i.campaign_id},
      {"unit_id", i.unit_id},
      {"unit_name", i.unit_name},
      {"kind", i.kind},
      {"kind_name", KindName(i.kind)},
      {"title", i.title},
      {"author", i.author},
      {"theme_day_id", OptId(i.theme_day_id)},
      {"theme_day_name", i.theme_day_name},
      {"activity_id", OptId(i.activity_id)},
      {"activity_title", i.activity_title},
      {"video_url", i.video_url},
      {"tags", TagsOf(i.tags)},
      {"has_people", i.has_people},
      {"minors", i.minors},
      {"portrait_consent", i.portrait_consent},
      {"status", i.status},
      {"status_name", StatusName(i.status)},
      {"at_unit_id", OptId(i.at_unit_id)},
      {"at_unit_name", i.at_unit_name},
      {"from_unit_id", OptId(i.from_unit_id)},
      {"from_unit_name", i.from_unit_name},
      {"submitted_at",
       i.submitted_at ? json::value(timeutil::UtcToApi(*i.submitted_at)) : json::value(nullptr)},
      {"late", i.late},
      {"published_at",
       i.published_at ? json::value(timeutil::UtcToApi(*i.published_at)) : json::value(nullptr)},
      {"published", i.published_at.has_value()},
      {"created_at", timeutil::UtcToApi(i.created_at)},
      {"updated_at", timeutil::UtcToApi(i.updated_at)},
      {"can_edit", can_edit},
      {"can_submit", can_edit && a.Parent(i.unit_id).has_value()},
      {"can_decide", waiting && decides_here},
      {"can_recommend", at_taker_state && decides_here && !head},
      {"can_push", decides_here && head &&
                       (i.status == "submitted" || i.status == "accepted" || i.status == "pushed")},
      {"can_publish", PublishableState(i) && PublishingUnit(a, i, takes).has_value()},
      {"can_delete", edits_origin && i.status == "draft"},
      {"version", i.version}};
  json::array files;
  for (const auto& f : store::LoadFiles(s, i.id)) files.push_back(FileJson(f));
  o["files"] = std::move(files);
  json::array taken;
  for (const auto& t : takes) {
    taken.push_back(json::object{{"unit_id", t.unit_id},
                                 {"unit_name", t.unit_name},
                                 {"taken_at", timeutil::UtcToApi(t.taken_at)}});
  }
  o["taken_by"] = std::move(taken);
  json::array outlets;
  for (const auto& m : store::LoadOutlets(s, i.id)) {
    outlets.push_back(json::object{{"media_report_id", m.media_report_id},
                                   {"outlet", m.outlet},
                                   {"level", m.level},
                                   {"published_on", m.published_on},
                                   {"url", m.url}});
  }
  o["outlets"] = std::move(outlets);
  if (detail) {
    o["body"] = i.body;
    json::array steps;
    for (const auto& st : store::LoadSteps(s, i.id)) {
      steps.push_back(json::object{{"action", st.action},
                                   {"action_name", ActionName(st.action)},
                                   {"unit_name", st.unit_name},
                                   {"actor", st.actor},
                                   {"to_unit_name", st.to_unit_name},
                                   {"comment", st.comment},
                                   {"at", timeutil::UtcToApi(st.at)}});
    }
    o["steps"] = std::move(steps);
  }
  return o;
}

// The item `p` may read (with its takes), locked for a write when asked;
// anything else reads as absent.
struct Loaded {
  store::ItemRow item;
  std::vector<store::TakeRow> takes;
};
Result<Loaded> LoadVisible(db::Session& s, Authority& a, Id id, bool for_update) {
  auto item = store::LoadItem(s, id, for_update);
  if (!item) return ItemNotFound();
  auto takes = store::LoadTakes(s, id);
  if (!Visible(a, *item, takes)) return ItemNotFound();
  return Loaded{std::move(*item), std::move(takes)};
}

// The checks of an item's content that need the database: its day, its
// activity, its tags and its files belong to its campaign and unit.
Status CheckContent(db::Session& s, const store::ItemRow& target, const ItemInput& in) {
  if ((target.kind == "article" || target.kind == "case") && Utf8Length(in.body) < kMinBody) {
    return Error::Invalid("body", "【正文】" + std::string(KindName(target.kind)) + "的正文至少" +
                                      std::to_string(kMinBody) + "个字");
  }
  if (in.theme_day_id && !campaign::store::LoadDay(s, target.campaign_id, *in.theme_day_id)) {
    return Error{ErrorCode::kNotFound, "【主题日】不是本活动周的主题日", "theme_day_id"};
  }
  if (in.activity_id &&
      !reporting::store::ActivityUnder(s, target.campaign_id, *in.activity_id, target.unit_id)) {
    return Error{ErrorCode::kNotFound, "【关联活动】不存在或不是本单位及下级单位的活动",
                 "activity_id"};
  }
  if (!in.tags.empty()) {
    std::set<std::string> codes;
    for (const auto& c : campaign::store::LoadCategories(s, target.campaign_id)) {
      codes.insert(c.code);
    }
    for (const auto& t : in.tags) {
      if (!codes.count(t))
        return Error::Invalid("tags", "【标签】“" + t + "”不是本活动周的活动类别");
    }
  }
  std::vector<Id> ids;
  for (const auto& f : in.files) ids.push_back(f.blob_id);
  auto blobs = store::LoadBlobs(s, ids);
  int images = 0, videos = 0;
  for (const auto& f : in.files) {
    auto b = blobs.find(f.blob_id);
    if (b == blobs.end() || b->second.unit_id != target.unit_id) {
      return Error{ErrorCode::kNotFound,
                   "【文件】" + std::to_string(f.blob_id) + " 不存在或不是本单位上传的文件",
                   "files"};
    }
    (b->second.kind == "video" ? videos : images)++;
  }
  if (target.kind == "photos") {
    if (videos > 0) return Error::Invalid("files", "【文件】图片素材只能包含图片");
    if (images == 0) return Error::Invalid("files", "【文件】图片素材至少需要一张图片");
  } else if (target.kind == "video") {
    if (images > 0) return Error::Invalid("files", "【文件】视频素材只能包含视频文件");
    if (videos == 0 && in.video_url.empty()) {
      return Error::Invalid("files", "【文件】视频素材需要上传视频文件或填写视频链接");
    }
  } else if (videos > 0) {
    return Error::Invalid("files", "【文件】稿件和典型案例只能插入图片");
  }
  return Ok();
}

// Copies the editable fields of `in` onto the row.
void Apply(store::ItemRow& r, const ItemInput& in) {
  r.title = in.title;
  r.body = in.body;
  r.author = in.author;
  r.theme_day_id = in.theme_day_id;
  r.activity_id = in.activity_id;
  r.video_url = in.video_url;
  json::array tags;
  for (const auto& t : in.tags) tags.push_back(json::string(t));
  r.tags = json::serialize(tags);
  r.has_people = in.has_people;
  r.minors = in.minors;
  r.portrait_consent = in.portrait_consent;
}

std::vector<std::pair<Id, std::string>> FilesOf(const ItemInput& in) {
  std::vector<std::pair<Id, std::string>> out;
  for (const auto& f : in.files) out.emplace_back(f.blob_id, f.caption);
  return out;
}

bool RefusesPublic(const store::ItemRow& i) { return i.has_people && !i.portrait_consent; }

std::string Quoted(const store::ItemRow& i) {
  return std::string(KindName(i.kind)) + "“" + i.title + "”";
}

// What a step of the flow sees, and what it answers once it changed the item.
struct StepContext {
  db::Session& session;
  Authority& authority;
  store::ItemRow& item;
  const std::vector<store::TakeRow>& takes;
  const std::string& now;
};
struct StepDone {
  StepDone(Id unit, std::optional<Id> to, std::vector<Id> taken, std::vector<Outlet> pushed,
           std::string line)
      : unit_id(unit),
        to_unit_id(to),
        takes(std::move(taken)),
        outlets(std::move(pushed)),
        summary(std::move(line)) {}
  Id unit_id = 0;                // the unit that acted
  std::optional<Id> to_unit_id;  // the receiver (submit, recommend)
  std::vector<Id> takes;         // units that take the item into their library
  std::vector<Outlet> outlets;   // push: each becomes a media report
  std::string summary;           // the audit line
  // A notice to the unit the item now waits at (submit, recommend, return).
  std::optional<Id> notify_unit;
  std::string notice;
};

// One step: loads the item `p` may read (locked), lets `change` check and
// change it, saves it at `version` with its takes, outlets, step row and
// audit row in one transaction, answers the item.
template <class Change>
Result<json::value> RunStep(db::Database& db, const org::Scope& scope,
                            const std::function<void()>& on_change, const Principal& p, Id item_id,
                            int version, const std::string& action, const std::string& comment,
                            Change&& change) {
  db::Session s(db);
  db::Transaction tx(s);
  Authority a(scope, s, p);
  VW_TRY(found, LoadVisible(s, a, item_id, true));
  auto& r = found.item;
  std::string now = timeutil::NowUtc();
  // A caller who read an older version learns that first: what it saw moved on.
  if (version != r.version) return Stale();
  StepContext c{s, a, r, found.takes, now};
  VW_TRY(done, change(c));
  if (!store::SaveItem(s, r, version, now)) return Stale();
  for (Id taker : done.takes) store::AddTake(s, r.id, taker, now);
  for (const auto& o : done.outlets) {
    reporting::MediaReport m;
    m.campaign_id = r.campaign_id;
    m.unit_id = r.unit_id;
    m.activity_id = r.activity_id;
    m.outlet = o.outlet;
    m.level = o.level;
    m.title = r.title;
    m.published_on = o.published_on;
    m.url = o.url;
    m.created_at = now;
    m.channel = "media";
    store::AddOutlet(s, r.id, m, UserOf(p));
  }
  store::AddStep(s, r.id, done.unit_id, action, done.to_unit_id, comment, UserOf(p), now);
  if (done.notify_unit) {
    std::string body = done.summary + (comment.empty() ? "" : "。意见：" + comment);
    reporting::store::InsertNotification(
        s, {*done.notify_unit, r.campaign_id, "publicity_" + action, done.notice, body,
            "/publicity/items/" + std::to_string(r.id), UserOf(p), now});
  }
  audit::Record(s, p, {action, "publicity_item", r.id, r.unit_id, done.summary, nullptr});
  auto out = ItemJson(s, a, *store::LoadItem(s, r.id), true);
  tx.Commit();
  if (on_change) on_change();
  return json::value(std::move(out));
}

Status CheckComment(const std::string& comment, bool required) {
  if (required && comment.empty()) return Error::Invalid("comment", "请填写【意见】");
  if (Utf8Length(comment) > kMaxComment) {
    return Error::Invalid("comment", "【意见】不能超过" + std::to_string(kMaxComment) + "个字");
  }
  return Ok();
}

// The decider's checks of accept, return and recommend: the item waits at a
// unit `c`'s caller decides for.
Status RequireDecider(StepContext& c) {
  const auto& r = c.item;
  if (!r.at_unit_id || !c.authority.Decides(*r.at_unit_id)) {
    return Error::Forbidden("该素材不在本单位待审核");
  }
  return Ok();
}

}  // namespace

Result<ItemInput> ReadItemInput(const json::object& body, bool create) {
  FieldReader f(body);
  ItemInput in;
  if (create) {
    in.campaign_id = f.RequiredInt("campaign_id", "【活动周】", 1, INT64_MAX);
    in.unit_id = f.RequiredInt("unit_id", "【单位】", 1, INT64_MAX);
    in.kind = f.RequiredEnum("kind", "【类型】", {"article", "photos", "video", "case"});
  }
  in.title = f.RequiredString("title", "【标题】", kMaxTitle);
  in.body = f.MultilineString("body", "【正文】", kMaxBody);
  in.author = f.String("author", "【作者】", kMaxAuthor);
  in.theme_day_id = f.OptionalInt("theme_day_id", "【主题日】", 1, INT64_MAX);
  in.activity_id = f.OptionalInt("activity_id", "【关联活动】", 1, INT64_MAX);
  in.video_url = f.String("video_url", "【视频链接】", kMaxUrl);
  in.tags = f.StringList("tags", "【标签】", kMaxTags, kMaxTagChars);
  in.has_people = f.Bool("has_people", "【含人物肖像】", false);
  in.minors = f.Bool("minors", "【含未成年人】", false);
  in.portrait_consent = f.Bool("portrait_consent", "【已取得肖像使用同意】", false);
  VW_RETURN_IF_ERROR(f.status());
  if (!in.video_url.empty() && !IsHttpUrl(in.video_url)) {
    return Error::Invalid("video_url", "【视频链接】应以 http:// 或 https:// 开头");
  }
  auto files = body.find("files");
  if (files != body.end() && !files->value().is_null()) {
    if (!files->value().is_array()) return Error::Invalid("files", "【文件】应为列表");
    const auto& list = files->value().as_array();
    if (list.size() > kMaxFiles) {
      return Error::Invalid("files", "【文件】最多" + std::to_string(kMaxFiles) + "个");
    }
    std::set<Id> seen;
    for (const auto& v : list) {
      if (!v.is_object()) return Error::Invalid("files", "【文件】的每一项应为对象");
      FieldReader e(v.as_object());
      ItemFile file;
      file.blob_id = e.RequiredInt("blob_id", "【文件】", 1, INT64_MAX);
      file.caption = e.String("caption", "【图片说明】", kMaxCaption);
      if (!e.status()) {
        Error err = e.status().error();
        err.field = "files";
        return err;
      }
      if (!seen.insert(file.blob_id).second) {
        return Error::Invalid("files", "【文件】同一文件不能重复添加");
      }
      in.files.push_back(std::move(file));
    }
  }
  if (!create) {
    VW_TRY(version, RequiredVersion(body));
    in.version = version;
  }
  return in;
}

Result<std::vector<Outlet>> ReadOutlets(const json::object& body) {
  auto found = body.find("outlets");
  if (found == body.end() || !found->value().is_array() || found->value().as_array().empty()) {
    return Error::Invalid("outlets", "请填写【刊发媒体】（至少一家）");
  }
  const auto& list = found->value().as_array();
  if (list.size() > kMaxOutlets) {
    return Error::Invalid("outlets", "【刊发媒体】最多" + std::to_string(kMaxOutlets) + "家");
  }
  std::vector<Outlet> out;
  for (const auto& v : list) {
    if (!v.is_object()) return Error::Invalid("outlets", "【刊发媒体】的每一项应为对象");
    FieldReader f(v.as_object());
    Outlet o;
    o.outlet = f.RequiredString("outlet", "【媒体名称】", 100);
    o.level = f.RequiredEnum("level", "【媒体级别】", {"central", "provincial", "city", "county"});
    std::string date = f.RequiredString("published_on", "【刊发日期】", 10);
    o.url = f.String("url", "【链接】", kMaxUrl);
    VW_RETURN_IF_ERROR(f.status());
    VW_TRY(checked, timeutil::ParseDate(date, "published_on", "【刊发日期】"));
    o.published_on = checked;
    if (!o.url.empty() && !IsHttpUrl(o.url)) {
      return Error::Invalid("url", "【链接】应以 http:// 或 https:// 开头");
    }
    out.push_back(std::move(o));
  }
  return out;
}

PublicityService::PublicityService(db::Database& db, const org::Scope& scope)
    : db_(db), scope_(scope) {}

Result<json::value> PublicityService::Create(const Principal& p, const ItemInput& in) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, in.unit_id, kEditors));
  db::Transaction tx(s);
  if (!campaign::store::LoadCampaign(s, in.campaign_id)) return Error::NotFound("活动周不存在");
  store::ItemRow r;
  r.campaign_id = in.campaign_id;
  r.unit_id = in.unit_id;
  r.kind = in.kind;
  Apply(r, in);
  VW_RETURN_IF_ERROR(CheckContent(s, r, in));
  r.created_at = timeutil::NowUtc();
  Id id = store::InsertItem(s, r, UserOf(p));
  store::ReplaceFiles(s, id, FilesOf(in));
  audit::Record(s, p,
                {"create", "publicity_item", id, r.unit_id, "新建宣传素材" + Quoted(r), nullptr});
  Authority a(scope_, s, p);
  auto out = ItemJson(s, a, *store::LoadItem(s, id), true);
  tx.Commit();
  if (on_change_) on_change_();
  return json::value(std::move(out));
}

Result<json::value> PublicityService::Get(const Principal& p, Id item_id) {
  db::Session s(db_);
  Authority a(scope_, s, p);
  VW_TRY(found, LoadVisible(s, a, item_id, false));
  return json::value(ItemJson(s, a, found.item, true));
}

Result<json::value> PublicityService::Update(const Principal& p, Id item_id, const ItemInput& in) {
  db::Session s(db_);
  db::Transaction tx(s);
  Authority a(scope_, s, p);
  VW_TRY(found, LoadVisible(s, a, item_id, true));
  auto& r = found.item;
  if (!a.Edits(r.unit_id)) return Error::Forbidden("只有素材所属单位可以修改素材");
  if (!EditableState(r)) return Error::Conflict("只有草稿或已退回的素材可以修改");
  if (in.version != r.version) return Stale();
  bool was_public = r.published_at.has_value();
  Apply(r, in);
  VW_RETURN_IF_ERROR(CheckContent(s, r, in));
  if (was_public && RefusesPublic(r)) {  // consent withdrawn: off the public site
    r.published_at.reset();
    r.published_by.reset();
  }
  std::string now = timeutil::NowUtc();
  if (!store::SaveItem(s, r, in.version, now)) return Stale();
  store::ReplaceFiles(s, r.id, FilesOf(in));
  if (was_public && !r.published_at) {
    store::AddStep(s, r.id, r.unit_id, "unpublish", std::nullopt, "撤回肖像使用同意", UserOf(p),
                   now);
  }
  audit::Record(s, p,
                {"update", "publicity_item", r.id, r.unit_id, "修改宣传素材" + Quoted(r), nullptr});
  auto out = ItemJson(s, a, *store::LoadItem(s, r.id), true);
  tx.Commit();
  if (on_change_) on_change_();
  return json::value(std::move(out));
}

Status PublicityService::Delete(const Principal& p, Id item_id, int version) {
  db::Session s(db_);
  db::Transaction tx(s);
  Authority a(scope_, s, p);
  VW_TRY(found, LoadVisible(s, a, item_id, true));
  const auto& r = found.item;
  if (!a.Edits(r.unit_id)) return Error::Forbidden("只有素材所属单位可以删除素材");
  if (r.status != "draft") return Error::Conflict("只有草稿可以删除");
  if (version != r.version || !store::DeleteDraft(s, r.id, version)) return Stale();
  audit::Record(s, p,
                {"delete", "publicity_item", r.id, r.unit_id, "删除宣传素材" + Quoted(r), nullptr});
  tx.Commit();
  if (on_change_) on_change_();
  return Ok();
}

Result<json::value> PublicityService::List(const Principal& p, const ListQuery& q) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, q.unit_id));
  store::ListFilter f;
  f.campaign_id = q.campaign_id;
  f.unit_id = q.unit_id;
  f.scope = q.scope;
  f.kind = q.kind;
  f.status = q.status;
  f.q = q.q;
  f.theme_day_id = q.theme_day_id;
  f.limit = q.page_size;
  f.offset = static_cast<std::int64_t>(q.page - 1) * q.page_size;
  std::int64_t total = 0;
  auto rows = store::ListItems(s, f, total);
  Authority a(scope_, s, p);
  json::array items;
  for (const auto& r : rows) items.push_back(ItemJson(s, a, r, false));
  return json::value(json::object{{"items", std::move(items)}, {"total", total}});
}

Result<json::value> PublicityService::Submit(const Principal& p, Id item_id, int version) {
  return RunStep(db_, scope_, on_change_, p, item_id, version, "submit", "",
                 [](StepContext& c) -> Result<StepDone> {
                   auto& r = c.item;
                   if (!c.authority.Edits(r.unit_id)) {
                     return Error::Forbidden("只有素材所属单位可以提交素材");
                   }
                   if (!EditableState(r)) return Error::Conflict("该素材已提交");
                   auto parent = c.authority.Parent(r.unit_id);
                   if (!parent) return Error::Conflict("本单位没有上级单位");
                   if (!r.submitted_at) {
                     auto d = campaign::store::EffectiveDeadline(c.session, r.campaign_id,
                                                                 "materials", *parent, true);
                     r.submitted_at = c.now;
                     r.late = d && c.now > d->due_at;
                   }
                   r.status = "submitted";
                   r.at_unit_id = parent;
                   r.from_unit_id = r.unit_id;
                   StepDone done{r.unit_id,
                                 parent,
                                 {},
                                 {},
                                 "提交宣传素材" + Quoted(r) + "至" +
                                     store::UnitName(c.session, *parent) +
                                     (r.late ? "（逾期）" : "")};
                   done.notify_unit = parent;
                   done.notice = r.unit_name + "提交了宣传素材，待审核";
                   return done;
                 });
}

Result<json::value> PublicityService::Accept(const Principal& p, Id item_id, int version,
                                             const std::string& comment) {
  VW_RETURN_IF_ERROR(CheckComment(comment, false));
  return RunStep(db_, scope_, on_change_, p, item_id, version, "accept", comment,
                 [](StepContext& c) -> Result<StepDone> {
                   VW_RETURN_IF_ERROR(RequireDecider(c));
                   auto& r = c.item;
                   if (!Waiting(r)) return Error::Conflict("该素材不在待审核状态");
                   Id here = *r.at_unit_id;
                   r.status = "accepted";
                   return StepDone{
                       here, std::nullopt, {here}, {}, r.at_unit_name + "采用宣传素材" + Quoted(r)};
                 });
}

Result<json::value> PublicityService::Return(const Principal& p, Id item_id, int version,
                                             const std::string& comment) {
  VW_RETURN_IF_ERROR(CheckComment(comment, true));
  return RunStep(db_, scope_, on_change_, p, item_id, version, "return", comment,
                 [](StepContext& c) -> Result<StepDone> {
                   VW_RETURN_IF_ERROR(RequireDecider(c));
                   auto& r = c.item;
                   if (r.status != "submitted") return Error::Conflict("只有待审核的素材可以退回");
                   Id here = *r.at_unit_id;
                   std::string from = r.at_unit_name;
                   r.status = "returned";
                   r.at_unit_id = r.from_unit_id;
                   StepDone done{here, r.from_unit_id, {}, {}, from + "退回宣传素材" + Quoted(r)};
                   done.notify_unit = r.from_unit_id;
                   done.notice = from + "退回了宣传素材" + Quoted(r);
                   return done;
                 });
}

Result<json::value> PublicityService::Recommend(const Principal& p, Id item_id, int version,
                                                const std::string& comment) {
  VW_RETURN_IF_ERROR(CheckComment(comment, false));
  return RunStep(db_, scope_, on_change_, p, item_id, version, "recommend", comment,
                 [](StepContext& c) -> Result<StepDone> {
                   VW_RETURN_IF_ERROR(RequireDecider(c));
                   auto& r = c.item;
                   if (!Waiting(r) && r.status != "accepted") {
                     return Error::Conflict("只有待审核或已采用的素材可以推荐");
                   }
                   Id here = *r.at_unit_id;
                   auto parent = c.authority.Parent(here);
                   if (!parent) return Error::Conflict("本单位没有上级单位，请使用择优推送");
                   std::string from = r.at_unit_name;
                   r.status = "submitted";
                   r.from_unit_id = here;
                   r.at_unit_id = parent;
                   StepDone done{here,
                                 parent,
                                 {here},
                                 {},
                                 from + "推荐宣传素材" + Quoted(r) + "至" +
                                     store::UnitName(c.session, *parent)};
                   done.notify_unit = parent;
                   done.notice = from + "推荐了宣传素材，待审核";
                   return done;
                 });
}

Result<json::value> PublicityService::Push(const Principal& p, Id item_id, int version,
                                           const std::vector<Outlet>& outlets) {
  if (outlets.empty() || outlets.size() > kMaxOutlets) {
    return Error::Invalid("outlets", "【刊发媒体】应为1到" + std::to_string(kMaxOutlets) + "家");
  }
  std::string names;
  for (const auto& o : outlets) names += (names.empty() ? "" : "、") + o.outlet;
  return RunStep(db_, scope_, on_change_, p, item_id, version, "push", names,
                 [&](StepContext& c) -> Result<StepDone> {
                   VW_RETURN_IF_ERROR(RequireDecider(c));
                   auto& r = c.item;
                   Id here = *r.at_unit_id;
                   if (c.authority.Parent(here)) {
                     return Error::Forbidden("只有省级主管部门可以择优推送");
                   }
                   if (r.status != "submitted" && r.status != "accepted" && r.status != "pushed") {
                     return Error::Conflict("只有待审核或已采用的素材可以择优推送");
                   }
                   r.status = "pushed";
                   return StepDone{here,
                                   std::nullopt,
                                   {here},
                                   outlets,
                                   r.at_unit_name + "择优推送宣传素材" + Quoted(r) + "：" + names};
                 });
}

Result<json::value> PublicityService::Publish(const Principal& p, Id item_id, int version,
                                              bool published) {
  return RunStep(db_, scope_, on_change_, p, item_id, version, published ? "publish" : "unpublish",
                 "", [published](StepContext& c) -> Result<StepDone> {
                   auto& r = c.item;
                   auto unit = PublishingUnit(c.authority, r, c.takes);
                   if (!unit) return Error::Forbidden("只有素材所属单位或采用单位可以公开素材");
                   if (!PublishableState(r)) {
                     return Error::Conflict("草稿或已退回的素材不能公开");
                   }
                   if (published && RefusesPublic(r)) {
                     return Error::Invalid(
                         "portrait_consent",
                         "含人物肖像的图片未取得肖像使用同意（未成年人须监护人同意），不能公开");
                   }
                   if (published == r.published_at.has_value()) {
                     return Error::Conflict(published ? "该素材已公开" : "该素材未公开");
                   }
                   if (published) {
                     r.published_at = c.now;
                     r.published_by = *unit;
                   } else {
                     r.published_at.reset();
                     r.published_by.reset();
                   }
                   return StepDone{
                       *unit,
                       std::nullopt,
                       {},
                       {},
                       std::string(published ? "公开" : "取消公开") + "宣传素材" + Quoted(r)};
                 });
}

Result<json::value> PublicityService::Board(const Principal& p, Id campaign_id, Id unit_id) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id));
  json::array items;
  for (const auto& b : store::Board(s, campaign_id, unit_id)) {
    items.push_back(json::object{{"unit_id", b.unit_id},
                                 {"unit_name", b.unit_name},
                                 {"own", b.own},
                                 {"items", b.items},
                                 {"submitted", b.submitted},
                                 {"accepted", b.accepted},
                                 {"pushed", b.pushed},
                                 {"late", b.late},
                                 {"published", b.published}});
  }
  auto n = static_cast<std::int64_t>(items.size());
  return json::value(json::object{{"items", std::move(items)}, {"total", n}});
}

}  // namespace vw::publicity
