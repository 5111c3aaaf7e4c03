// Check-in at the door: ticket scans, walk-ins, attendance, the export.
#include <algorithm>
#include <future>
#include <map>
#include <unordered_map>

#include "core/crypto.h"
#include "core/json.h"
#include "core/time.h"
#include "export/document.h"
#include "export/xlsx.h"
#include "registration/checkin_batch.h"
#include "registration/registration.h"
#include "registration/registration_store.h"
#include "registration/short_code.h"

namespace vw::registration {

namespace json = boost::json;

namespace {

const char* CategoryName(const std::string& code) {
  for (const auto& c : Categories()) {
    if (code == c.code) return c.name;
  }
  return "";
}

std::string MessageFor(const std::string& result) {
  static const auto* messages =
      new std::map<std::string, std::string>{{"ok", "签到成功"},
                                             {"already", "已签到过，请勿重复入场"},
                                             {"wrong_activity", "不是本活动的凭证"},
                                             {"cancelled", "该报名已取消"},
                                             {"waiting", "该报名仍在候补中，未获得名额"},
                                             {"unknown", "无效的凭证"},
                                             {"bad_code", "凭证码有误，请核对"},
                                             {"unknown_code", "本活动没有这个凭证码，请核对"}};
  auto it = messages->find(result);
  return it == messages->end() ? result : it->second;
}

// What a ticket scan admits, given the registration as it stands.
ScanResult Judge(const std::optional<Registration>& r, Id activity_id, int wanted) {
  ScanResult out;
  if (!r) {
    out.result = "unknown";
  } else {
    out.name = r->name;
    out.group = r->kind == "group" ? r->school + " " + r->class_name : "";
    out.head_count = r->head_count;
    out.checked_in = r->checked_in;
    if (r->activity_id != activity_id) {
      out.result = "wrong_activity";
    } else if (r->status == "cancelled") {
      out.result = "cancelled";
    } else if (r->status == "waiting") {
      out.result = "waiting";
    } else if (r->checked_in >= r->head_count) {
      out.result = "already";
    } else {
      int left = r->head_count - r->checked_in;
      out.result = "ok";
      out.people = wanted <= 0 ? left : std::min(wanted, left);
      out.checked_in += out.people;
    }
  }
  out.message = MessageFor(out.result);
  return out;
}

// The user row of a principal (command-line principals have none).
std::optional<Id> UserOf(const Principal& p) {
  return p.user_id > 0 ? std::optional<Id>(p.user_id) : std::nullopt;
}

// How a scan names its registration.
struct ScanKey {
  enum class Way { kToken, kCode, kBadCode, kRow } way = Way::kToken;
  std::string code;  // kCode: the stored form
};
ScanKey KeyOf(const Scan& scan) {
  if (scan.registration_id > 0) return {ScanKey::Way::kRow, ""};
  TypedShortCode typed = ReadShortCode(scan.token);
  switch (typed.kind) {
    case TypedShortCode::Kind::kValid:
      return {ScanKey::Way::kCode, std::move(typed.code)};
    case TypedShortCode::Kind::kWrong:
      return {ScanKey::Way::kBadCode, ""};
    case TypedShortCode::Kind::kNotACode:
      break;
  }
  return {ScanKey::Way::kToken, ""};
}

const char* MethodOf(ScanKey::Way way) {
  switch (way) {
    case ScanKey::Way::kCode:
    case ScanKey::Way::kBadCode:
      return "code";
    case ScanKey::Way::kRow:
      return "manual";
    case ScanKey::Way::kToken:
      break;
  }
  return "scan";
}

std::string CallerKey(const Principal& p) {
  return p.user_id > 0 ? "user:" + std::to_string(p.user_id) : "local";
}

}  // namespace

Result<store::BookingActivity> RegistrationService::LoadForStaff(db::Session& s, const Principal& p,
                                                                 Id activity_id) {
  auto activity = store::LoadActivityForBooking(s, activity_id);
  if (!activity) return Error::Forbidden();
  VW_RETURN_IF_ERROR(RequireStaff(s, p, activity->unit_id));
  return *activity;
}

json::object ToJson(const ScanResult& r) {
  return {{"scan_id", r.scan_id},       {"result", r.result},
          {"message", r.message},       {"name", r.name},
          {"group", r.group},           {"people", r.people},
          {"checked_in", r.checked_in}, {"head_count", r.head_count},
          {"replayed", r.replayed}};
}

json::object ToJson(const Attendance& a) {
  auto counts = [](const std::vector<std::pair<std::string, int>>& rows) {
    json::array out;
    for (const auto& [code, n] : rows) {
      out.push_back(json::object{{"category", code}, {"name", CategoryName(code)}, {"count", n}});
    }
    return out;
  };
  json::array by = counts(a.by_category);
  return {
      {"registered", a.registered},        {"waiting", a.waiting},
      {"checked_in", a.checked_in},        {"walkins", a.walkins},
      {"total", a.checked_in + a.walkins}, {"capacity", a.capacity},
      {"by_category", std::move(by)},      {"walkins_by_category", counts(a.walkins_by_category)}};
}

Result<store::BookingActivity> RegistrationService::StaffInBatch(CheckinBatch& batch,
                                                                 const Principal& p,
                                                                 Id activity_id) {
  // The rule of LoadForStaff, with what it reads kept for the transaction.
  const auto& target = batch.TargetOf(activity_id);
  if (!target || !org::Scope::Reaches(p, target->ancestors, kStaffRoles)) {
    return Error::Forbidden();
  }
  return target->activity;
}

Result<std::vector<ScanResult>> RegistrationService::CheckIn(const Principal& p, Id activity_id,
                                                             const std::vector<Scan>& scans) {
  std::promise<std::function<CheckInResult()>> answered;
  CheckInLater(p, activity_id, scans, [&answered](std::function<CheckInResult()> result) {
    answered.set_value(std::move(result));
  });
  return answered.get_future().get()();
}

namespace {

bool HasCodes(const std::vector<Scan>& scans) {
  return std::any_of(scans.begin(), scans.end(),
                     [](const Scan& scan) { return KeyOf(scan).way == ScanKey::Way::kCode; });
}

}  // namespace

void RegistrationService::CheckInLater(const Principal& p, Id activity_id, std::vector<Scan> scans,
                                       CheckInDone done) {
  // Short codes are few and typed by hand: a caller over the limit waits
  // before the batch records anything (the device keeps it for later).
  if (HasCodes(scans) && !CodeLookupsAllowed(CallerKey(p))) {
    done([]() -> CheckInResult {
      return Error{ErrorCode::kRateLimited, "输入凭证码过于频繁，请10分钟后再试，或扫描二维码",
                   "token"};
    });
    return;
  }
  auto upload = std::make_shared<Upload>();
  upload->principal = p;
  upload->scans = std::move(scans);
  SubmitUpload(std::move(upload), activity_id, std::move(done));
}

void RegistrationService::CheckInLater(SessionCheck check, Id activity_id, std::vector<Scan> scans,
                                       CheckInDone done) {
  if (HasCodes(scans)) {
    Result<Principal> p = [&] {
      db::Session s(db_);
      return check(s);
    }();
    if (!p) {
      done([error = p.error()]() -> CheckInResult { return error; });
      return;
    }
    CheckInLater(*p, activity_id, std::move(scans), std::move(done));
    return;
  }
  auto upload = std::make_shared<Upload>();
  upload->check = std::move(check);
  upload->scans = std::move(scans);
  SubmitUpload(std::move(upload), activity_id, std::move(done));
}

void RegistrationService::SubmitUpload(std::shared_ptr<Upload> upload, Id activity_id,
                                       CheckInDone done) {
  committer_->Submit(
      [this, activity_id, upload](CheckinBatch& batch) {
        upload->code_lookups = 0;  // the work may run twice (checkin_batch.h)
        if (upload->check) {
          // Read with the scans, on the committer's connection.
          auto checked = upload->check(batch.session());
          if (!checked) {
            upload->out = CheckInResult(checked.error());
            return;
          }
          upload->principal = std::move(*checked);
        }
        const Principal& principal = upload->principal;
        auto staff = StaffInBatch(batch, principal, activity_id);
        upload->out =
            staff ? RecordScans(batch, principal, activity_id, upload->scans, upload->code_lookups)
                  : CheckInResult(staff.error());
      },
      [this, upload, done = std::move(done)](std::exception_ptr error) {
        done([this, upload, error]() -> CheckInResult {
          if (error) std::rethrow_exception(error);
          // Counted after the transaction: on PostgreSQL the count is a
          // write of its own (db/shared_rate_limiter.h).
          if (upload->code_lookups > 0) {
            CountCodeLookups(CallerKey(upload->principal), upload->code_lookups);
          }
          return std::move(*upload->out);
        });
      });
}

std::size_t RegistrationService::CheckinsPending() const { return committer_->pending(); }

Result<ScanResult> RegistrationService::CheckInByHand(const Principal& p, Id activity_id,
                                                      Id registration_id,
                                                      const std::string& scan_id) {
  Scan scan;
  scan.scan_id = scan_id.empty() ? "manual-" + RandomToken(16) : scan_id;
  scan.registration_id = registration_id;
  std::optional<Result<ScanResult>> out;
  committer_->Run([&](CheckinBatch& batch) {
    out = [&]() -> Result<ScanResult> {
      auto activity = StaffInBatch(batch, p, activity_id);
      if (!activity) return activity.error();
      auto r = store::LoadRegistration(batch.session(), registration_id);
      if (!r || r->activity_id != activity_id) return Error::NotFound("报名记录不存在");
      CheckinBatch::StoredScan stored;
      if (!batch.FindScan(scan.scan_id, &stored)) {
        if (activity->status == "cancelled") return Error::Conflict("活动已取消，不能签到");
        if (r->status == "cancelled") return Error::Conflict("该报名已取消，不能签到");
        if (r->status == "waiting") {
          return Error::Conflict("该报名仍在候补中，未获得名额，不能签到");
        }
        // Already in: say so without writing another row.
        if (r->checked_in >= r->head_count) {
          ScanResult already = Judge(r, activity_id, 0);
          already.scan_id = scan.scan_id;
          return already;
        }
      }
      int code_lookups = 0;  // none: the scan names its registration
      auto results = RecordScans(batch, p, activity_id, {scan}, code_lookups);
      if (!results) return results.error();
      return results->front();
    }();
  });
  return std::move(*out);
}

Result<std::vector<ScanResult>> RegistrationService::RecordScans(CheckinBatch& batch,
                                                                 const Principal& p, Id activity_id,
                                                                 const std::vector<Scan>& scans,
                                                                 int& code_lookups) {
  // The statements are the transaction's, prepared once (checkin_batch.h);
  // each ticket is read once per upload and its count kept up to date here.
  db::Session& s = batch.session();
  CheckinBatch::NewScan row;
  row.activity_id = activity_id;
  row.received_at = timeutil::NowUtc();
  row.user_id = UserOf(p);
  // Every registration read is kept once, under its token, whichever way
  // it was found, so its count stays right across the upload.
  std::unordered_map<std::string, std::optional<Registration>> by_token;
  std::unordered_map<Id, std::string> token_of;
  std::unordered_map<std::string, std::string> token_of_code;  // "" = no such code
  auto keep = [&](std::optional<Registration> loaded) -> std::optional<Registration>& {
    if (auto t = token_of.find(loaded->id); t != token_of.end()) return by_token[t->second];
    token_of[loaded->id] = loaded->token;
    return by_token.emplace(loaded->token, std::move(loaded)).first->second;
  };
  auto ticket = [&](const std::string& token) -> std::optional<Registration>& {
    auto it = by_token.find(token);
    if (it == by_token.end()) {
      it = by_token.emplace(token, batch.FindByToken(token)).first;
      if (it->second) token_of[it->second->id] = token;
    }
    return it->second;
  };
  std::optional<Registration> none;  // what a lookup that found nothing answers
  auto by_id = [&](Id id) -> std::optional<Registration>& {
    if (auto t = token_of.find(id); t != token_of.end()) return ticket(t->second);
    auto loaded = store::LoadRegistration(s, id);
    if (loaded) return keep(std::move(loaded));
    none.reset();
    return none;
  };
  auto by_code = [&](const std::string& code) -> std::optional<Registration>& {
    auto it = token_of_code.find(code);
    if (it == token_of_code.end()) {
      ++code_lookups;
      auto loaded = batch.FindByCode(activity_id, code);
      it = token_of_code.emplace(code, loaded ? loaded->token : "").first;
      if (loaded) return keep(std::move(loaded));
    }
    if (it->second.empty()) {
      none.reset();
      return none;
    }
    return ticket(it->second);
  };

  std::vector<ScanResult> out;
  out.reserve(scans.size());
  CheckinBatch::StoredScan stored;
  for (const auto& scan : scans) {
    if (batch.FindScan(scan.scan_id, &stored)) {
      // A replay: answer what was decided the first time.
      none.reset();
      std::optional<Registration>* r = &none;
      if (stored.registration_id) r = &by_id(*stored.registration_id);
      ScanResult res = Judge(*r, activity_id, 0);
      res.result = stored.result;
      res.message = MessageFor(stored.result);
      res.people = stored.people;
      if (*r) res.checked_in = (*r)->checked_in;
      res.scan_id = scan.scan_id;
      res.replayed = true;
      out.push_back(std::move(res));
      continue;
    }
    ScanKey key = KeyOf(scan);
    none.reset();
    std::optional<Registration>& r = key.way == ScanKey::Way::kToken  ? ticket(scan.token)
                                     : key.way == ScanKey::Way::kCode ? by_code(key.code)
                                     : key.way == ScanKey::Way::kRow  ? by_id(scan.registration_id)
                                                                      : none;
    ScanResult res = Judge(r, activity_id, scan.people);
    if (key.way == ScanKey::Way::kBadCode) {
      res.result = "bad_code";
      res.message = MessageFor(res.result);
    } else if (key.way == ScanKey::Way::kCode && !r) {
      res.result = "unknown_code";
      res.message = MessageFor(res.result);
    }
    res.scan_id = scan.scan_id;
    row.scan_id = scan.scan_id;
    row.registration_id = r ? std::optional<Id>(r->id) : std::nullopt;
    row.category = r ? r->category : "";
    row.result = res.result;
    row.people = res.people;
    row.method = MethodOf(key.way);
    row.scanned_at = scan.scanned_at.empty() ? row.received_at : scan.scanned_at;
    batch.InsertScan(row);
    if (r && res.result == "ok") {
      batch.Admit(r->id, res.people);
      r->checked_in += res.people;
    }
    out.push_back(std::move(res));
  }
  return out;
}

Result<Attendance> RegistrationService::RecordWalkins(const Principal& p, Id activity_id,
                                                      const std::vector<WalkinEvent>& events) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto activity = LoadForStaff(s, p, activity_id);
  if (!activity) return activity.error();
  std::string now = timeutil::NowUtc();
  std::optional<Id> user = UserOf(p);
  for (const auto& e : events) {
    int seen = 0;
    s.sql() << "SELECT COUNT(*) FROM walkins WHERE scan_id = :s", soci::use(e.scan_id),
        soci::into(seen);
    if (seen > 0) continue;  // a replayed upload
    if (activity->status == "cancelled") {
      return Error::Conflict("活动已取消，不能再登记现场人数");
    }
    int current = 0;
    s.sql() << "SELECT COALESCE(SUM(delta), 0) FROM walkins WHERE activity_id = :a AND category = "
               ":c",
        soci::use(activity_id), soci::use(e.category), soci::into(current);
    int delta = std::max(e.delta, -current);  // never below zero
    if (delta == 0) continue;
    s.sql() << "INSERT INTO walkins (scan_id, activity_id, category, delta, recorded_at, user_id) "
               "VALUES (:s, :a, :c, :d, :now, :u)",
        soci::use(e.scan_id), soci::use(activity_id), soci::use(e.category), soci::use(delta),
        soci::use(now), soci::use(user);
  }
  Attendance a = CountAttendance(s, activity_id);
  a.capacity = activity->capacity;
  tx.Commit();
  return a;
}

Attendance RegistrationService::CountAttendance(db::Session& s, Id activity_id) {
  Attendance a;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT confirmed, waiting FROM activity_seats WHERE activity_id = :a",
      soci::use(activity_id), soci::into(a.registered, ind), soci::into(a.waiting);
  if (ind != soci::i_ok) a.registered = a.waiting = 0;
  std::map<std::string, int> by;
  soci::rowset<soci::row> checked =
      (s.sql().prepare << "SELECT category, COALESCE(SUM(people), 0) FROM checkins WHERE "
                          "activity_id = :a AND result = 'ok' GROUP BY category",
       soci::use(activity_id));
  for (const auto& r : checked) {
    int n = static_cast<int>(db::Int(r, 1));
    a.checked_in += n;
    by[db::Str(r, 0)] += n;
  }
  soci::rowset<soci::row> walkins =
      (s.sql().prepare << "SELECT category, COALESCE(SUM(delta), 0) FROM walkins WHERE "
                          "activity_id = :a GROUP BY category",
       soci::use(activity_id));
  std::map<std::string, int> walked;
  for (const auto& r : walkins) {
    int n = static_cast<int>(db::Int(r, 1));
    a.walkins += n;
    by[db::Str(r, 0)] += n;
    walked[db::Str(r, 0)] += n;
  }
  for (const auto& c : Categories()) {
    if (auto it = by.find(c.code); it != by.end() && it->second > 0) {
      a.by_category.emplace_back(c.code, it->second);
    }
    if (auto it = walked.find(c.code); it != walked.end() && it->second > 0) {
      a.walkins_by_category.emplace_back(c.code, it->second);
    }
  }
  return a;
}

Result<Attendance> RegistrationService::AttendanceOf(const Principal& p, Id activity_id) {
  db::Session s(db_);
  auto activity = store::LoadActivityForBooking(s, activity_id);
  if (!activity) return Error::Forbidden();
  VW_RETURN_IF_ERROR(scope_.Require(s, p, activity->unit_id));
  Attendance a = CountAttendance(s, activity_id);
  a.capacity = activity->capacity;
  return a;
}

Result<std::string> RegistrationService::ExportXlsx(const Principal& p, Id activity_id) {
  auto rows = List(p, activity_id, /*unmasked=*/false);
  if (!rows) return rows.error();
  db::Session s(db_);
  json::object activity = store::PublicActivity(s, activity_id);
  doc::TableDocument d;
  d.sheet_name = "报名名单";
  d.title = std::string(activity.at("title").as_string()) + " 报名名单";
  d.title_size = 14;
  d.title_height = 0;
  d.cell_size = 11;
  d.freeze_rows = 2;
  d.repeat_header = false;
  doc::Row head;
  for (const char* h : {"序号", "报名方式", "姓名/带队教师", "手机号（已隐藏）", "身份类别", "学校",
                        "班级", "人数", "状态", "已签到人数", "报名时间"}) {
    doc::Cell c{h};
    c.fill = 0xD9E1F2;
    head.cells.push_back(std::move(c));
  }
  d.header = {head};
  d.sheet_widths.assign(head.cells.size(), 14);
  d.sheet_widths.front() = 6;
  auto text = [](std::string t) { return doc::Cell{std::move(t), 1, 1, false, doc::Align::kLeft}; };
  auto number = [&](std::int64_t n) {
    doc::Cell c = text(std::to_string(n));
    c.number = static_cast<double>(n);
    return c;
  };
  for (const auto& r : rows->items) {
    const char* status = r.status == "confirmed" ? "报名成功"
                         : r.status == "waiting" ? "候补"
                                                 : "已取消";
    doc::Row row;
    row.cells = {number(static_cast<std::int64_t>(d.body.size()) + 1),
                 text(r.kind == "group" ? "团体" : "个人"),
                 text(r.name),
                 text(r.mobile),
                 text(CategoryName(r.category)),
                 text(r.school),
                 text(r.class_name),
                 number(r.head_count),
                 text(status),
                 number(r.checked_in),
                 text(timeutil::UtcToApi(r.created_at).substr(0, 16))};
    d.body.push_back(std::move(row));
  }
  return xlsx::RenderTable(d);
}

}  // namespace vw::registration
