#include "campaign/notice_texts.h"

#include "audit/audit.h"
#include "core/json.h"
#include "core/time.h"

namespace vw::campaign {
namespace {

namespace json = boost::json;

constexpr const char* kSelect =
    "SELECT id, campaign_id, code, label, form, text, sort_order, version, updated_at "
    "FROM notice_texts ";

NoticeTextRow Read(const soci::row& r) {
  NoticeTextRow t;
  t.id = db::Int(r, 0);
  t.campaign_id = db::Int(r, 1);
  t.code = db::Str(r, 2);
  t.label = db::Str(r, 3);
  t.form = db::Str(r, 4);
  t.text = db::Str(r, 5);
  t.sort_order = static_cast<int>(db::Int(r, 6));
  t.version = static_cast<int>(db::Int(r, 7));
  t.updated_at = db::Str(r, 8);
  return t;
}

// The campaign's provincial deadline for `form` (the first in display order).
std::optional<std::string> ProvincialDueAt(db::Session& s, Id campaign_id,
                                           const std::string& form) {
  std::string due_at;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT due_at FROM deadlines WHERE campaign_id = :c AND form = :f AND "
             "collector_unit_id IS NULL ORDER BY sort_order, due_at, id LIMIT 1",
      soci::use(campaign_id), soci::use(form), soci::into(due_at, ind);
  if (!s.sql().got_data() || ind != soci::i_ok) return std::nullopt;
  return due_at;
}

void Render(db::Session& s, NoticeTextRow& t) {
  std::optional<std::string> due;
  if (t.text.find(kDeadlinePlaceholder) != std::string::npos) {
    due = ProvincialDueAt(s, t.campaign_id, t.form);
  }
  t.rendered = RenderNoticeText(t.text, due);
}

std::vector<NoticeTextRow> LoadAll(db::Session& s, Id campaign_id) {
  std::vector<NoticeTextRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << std::string(kSelect) + "WHERE campaign_id = :c ORDER BY sort_order, id",
       soci::use(campaign_id));
  for (const auto& r : rs) out.push_back(Read(r));
  for (auto& t : out) Render(s, t);
  return out;
}

std::optional<NoticeTextRow> LoadOne(db::Session& s, Id campaign_id, const std::string& code) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << std::string(kSelect) + "WHERE campaign_id = :c AND code = :code",
       soci::use(campaign_id), soci::use(code));
  for (const auto& r : rs) {
    NoticeTextRow t = Read(r);
    Render(s, t);
    return t;
  }
  return std::nullopt;
}

}  // namespace

json::object ToJson(const NoticeTextRow& t) {
  return {{"code", t.code},
          {"label", t.label},
          {"form", t.form},
          {"text", t.text},
          {"rendered", t.rendered},
          {"version", t.version},
          {"updated_at", timeutil::UtcToApi(t.updated_at)}};
}

std::string RenderNoticeText(std::string_view text, const std::optional<std::string>& due_at_utc) {
  std::string date = "（截止日期未设定）";
  if (due_at_utc) {
    if (auto unix = timeutil::ParseUtc(*due_at_utc)) {
      std::string ymd = timeutil::ShanghaiDate(*unix);  // YYYY-MM-DD
      date = std::to_string(std::stoi(ymd.substr(0, 4))) + " 年 " +
             std::to_string(std::stoi(ymd.substr(5, 2))) + " 月 " +
             std::to_string(std::stoi(ymd.substr(8, 2))) + " 日";
    }
  }
  std::string out;
  std::size_t pos = 0;
  while (true) {
    std::size_t hit = text.find(kDeadlinePlaceholder, pos);
    out.append(
        text.substr(pos, hit == std::string_view::npos ? std::string_view::npos : hit - pos));
    if (hit == std::string_view::npos) break;
    out.append(date);
    pos = hit + kDeadlinePlaceholder.size();
  }
  return out;
}

std::string NoticeText(db::Session& s, Id campaign_id, std::string_view code) {
  auto t = LoadOne(s, campaign_id, std::string(code));
  return t ? t->rendered : std::string();
}

Result<std::string> ParseNoticeText(const json::object& body) {
  FieldReader in(body);
  std::string text = in.RequiredMultilineString("text", "说明文字", kNoticeTextMaxChars);
  VW_RETURN_IF_ERROR(in.status());
  std::string rest = text;
  for (auto at = rest.find(kDeadlinePlaceholder); at != std::string::npos;
       at = rest.find(kDeadlinePlaceholder)) {
    rest.erase(at, kDeadlinePlaceholder.size());
  }
  if (rest.find_first_of("{}") != std::string::npos) {
    return Error::Invalid("text", "说明文字中只能使用占位符 {截止日期}");
  }
  return text;
}

void CopyNoticeTexts(db::Session& s, Id from_campaign_id, Id to_campaign_id) {
  std::string now = timeutil::NowUtc();
  s.sql() << "INSERT INTO notice_texts (campaign_id, code, label, form, text, sort_order, "
             "updated_at) SELECT :to, code, label, form, text, sort_order, :now FROM notice_texts "
             "WHERE campaign_id = :from",
      soci::use(to_campaign_id), soci::use(now), soci::use(from_campaign_id);
}

void InsertDefaultNoticeTexts(db::Session& s, Id campaign_id) {
  std::string now = timeutil::NowUtc();
  s.sql() << "INSERT INTO notice_texts (campaign_id, code, label, form, text, sort_order, "
             "updated_at) SELECT :c, code, label, form, text, sort_order, :now FROM "
             "notice_text_defaults",
      soci::use(campaign_id), soci::use(now);
}

Result<std::vector<NoticeTextRow>> NoticeTextService::List(Id campaign_id) {
  db::Session s(db_);
  if (!CampaignService::Load(s, campaign_id)) return Error::NotFound("活动周不存在");
  return LoadAll(s, campaign_id);
}

Result<NoticeTextRow> NoticeTextService::Update(const Principal& p, Id campaign_id,
                                                std::string_view code, int version,
                                                const std::string& text) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto c = CampaignService::Load(s, campaign_id);
  if (!c) return Error::NotFound("活动周不存在");
  VW_RETURN_IF_ERROR(campaigns_.RequireManager(s, p, *c));
  auto old = LoadOne(s, campaign_id, std::string(code));
  if (!old) return Error::NotFound("没有这项说明文字");
  std::string now = timeutil::NowUtc();
  soci::statement st =
      (s.sql().prepare << "UPDATE notice_texts SET text = :t, version = version + 1, "
                          "updated_at = :now WHERE id = :id AND version = :v",
       soci::use(text), soci::use(now), soci::use(old->id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) {
    return Error::Conflict("说明文字已被他人修改，请刷新后再保存", "version");
  }
  json::object changes;
  audit::Diff(changes, "text", json::value(old->text), json::value(text));
  audit::Record(s, p,
                {"update", "notice_text", old->id, c->organiser_unit_id,
                 "修改活动周“" + c->name + "”的" + old->label, changes});
  auto saved = LoadOne(s, campaign_id, old->code);
  tx.Commit();
  return *saved;
}

}  // namespace vw::campaign
