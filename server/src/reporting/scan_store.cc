// SQL of the form files (scan_store.h).
#include "reporting/scan_store.h"

#include "core/crypto.h"

namespace vw::reporting::store {

std::optional<ScanTarget> LockScanTarget(db::Session& s, Id submission_id) {
  ScanTarget t;
  soci::indicator ind = soci::i_null;
  s.sql() << std::string("SELECT unit_id, form, status FROM submissions WHERE id = :id") +
                 s.ForUpdate(),
      soci::use(submission_id), soci::into(t.unit_id, ind), soci::into(t.form),
      soci::into(t.status);
  if (ind != soci::i_ok) return std::nullopt;
  return t;
}

std::optional<Id> ParentUnit(db::Session& s, Id unit_id) {
  Id parent = 0;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT parent_id FROM units WHERE id = :u", soci::use(unit_id),
      soci::into(parent, ind);
  if (ind != soci::i_ok) return std::nullopt;
  return parent;
}

std::int64_t CountScans(db::Session& s, Id submission_id) {
  std::int64_t count = 0;
  s.sql() << "SELECT COUNT(*) FROM submission_scans WHERE submission_id = :s",
      soci::use(submission_id), soci::into(count);
  return count;
}

Id InsertScan(db::Session& s, const NewScan& scan, std::string_view bytes) {
  auto size = static_cast<std::int64_t>(bytes.size());
  Id id = 0;
  s.sql() << "INSERT INTO submission_scans (submission_id, file_name, content_type, size_bytes, "
             "sha256, uploaded_by, uploaded_at) VALUES (:s, :n, :t, :z, :h, :by, :now) RETURNING "
             "id",
      soci::use(scan.submission_id), soci::use(scan.file_name), soci::use(scan.content_type),
      soci::use(size), soci::use(scan.sha256), soci::use(scan.uploaded_by),
      soci::use(scan.uploaded_at), soci::into(id);
  s.WriteBytes("UPDATE submission_scans SET data = :bytes WHERE id = :id", bytes, id);
  return id;
}

std::string UserDisplayName(db::Session& s, Id user_id) {
  std::string name;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT display_name FROM users WHERE id = :u", soci::use(user_id),
      soci::into(name, ind);
  return ind == soci::i_ok ? name : std::string();
}

std::optional<StoredScan> LoadScan(db::Session& s, Id scan_id) {
  StoredScan f;
  std::string hex;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT sb.unit_id, sc.file_name, sc.content_type, " + s.HexOf("sc.data") +
                 " FROM submission_scans sc JOIN submissions sb ON sb.id = sc.submission_id WHERE "
                 "sc.id = :id",
      soci::use(scan_id), soci::into(f.unit_id, ind), soci::into(f.file_name),
      soci::into(f.content_type), soci::into(hex);
  if (ind != soci::i_ok) return std::nullopt;
  f.bytes = FromHex(hex);
  return f;
}

UnitContact ContactOf(db::Session& s, Id unit_id) {
  UnitContact c;
  soci::indicator person = soci::i_null;
  soci::indicator phone = soci::i_null;
  s.sql() << "SELECT contact_person, contact_phone FROM units WHERE id = :u", soci::use(unit_id),
      soci::into(c.person, person), soci::into(c.phone, phone);
  if (person != soci::i_ok) c.person.clear();
  if (phone != soci::i_ok) c.phone.clear();
  return c;
}

}  // namespace vw::reporting::store
