#include "db/move_to_postgres.h"

#include <soci/postgresql/soci-postgresql.h>
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "db/backup.h"
#include "db/migrations.h"
#include "db/sqlite_file.h"

namespace vw::db {
namespace {

// What the copy and the checksums need to know of a table.
struct TableInfo {
  std::string name;
  std::vector<std::string> columns;  // by name: the canonical column order
  std::vector<bool> real;            // per column: SQLite REAL affinity
  std::vector<bool> text;            // per column: a text type (ordered byte-wise)
  std::vector<std::string> key;      // primary key in key order; all columns without one
  std::set<std::string> parents;     // tables its foreign keys refer to, itself excepted
};

// --- canonical text ---------------------------------------------------------

std::string FormatReal(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string Hex(const unsigned char* p, std::size_t n) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[p[i] >> 4]);
    out.push_back(kDigits[p[i] & 15]);
  }
  return out;
}

class Digest {
 public:
  Digest() { crypto_hash_sha256_init(&state_); }
  void Add(const std::string& s) {
    crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  }
  std::string Hex() {
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state_, out);
    return vw::db::Hex(out, sizeof out);
  }

 private:
  crypto_hash_sha256_state state_;
};

void AppendText(std::string& row, const char* p, std::size_t n) {
  row += 'T';
  row += std::to_string(n);
  row += ':';
  row.append(p, n);
}

// --- SQLite side ------------------------------------------------------------

bool RealAffinity(std::string type) {
  for (char& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (type.find("INT") != std::string::npos) return false;
  return type.find("REAL") != std::string::npos || type.find("FLOA") != std::string::npos ||
         type.find("DOUB") != std::string::npos;
}

bool TextAffinity(std::string type) {
  for (char& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (type.find("INT") != std::string::npos) return false;
  return type.find("CHAR") != std::string::npos || type.find("CLOB") != std::string::npos ||
         type.find("TEXT") != std::string::npos;
}

class Statement {
 public:
  Statement(SqliteFile& db, const std::string& sql) {
    if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) {
      throw std::runtime_error("SQLite: " + db.ErrorMessage() + " (" + sql + ")");
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() { return stmt_; }
  bool Step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(sqlite3_db_handle(stmt_)));
  }
  std::string Text(int i) {
    const unsigned char* t = sqlite3_column_text(stmt_, i);
    return t ? reinterpret_cast<const char*>(t) : "";
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

TableInfo SqliteTable(SqliteFile& db, const std::string& name) {
  TableInfo t;
  t.name = name;
  std::vector<std::pair<int, std::string>> key;
  {
    Statement st(db, "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY name");
    sqlite3_bind_text(st.get(), 1, name.c_str(), -1, SQLITE_TRANSIENT);
    while (st.Step()) {
      t.columns.push_back(st.Text(0));
      t.real.push_back(RealAffinity(st.Text(1)));
      t.text.push_back(TextAffinity(st.Text(1)));
      if (int pk = sqlite3_column_int(st.get(), 2); pk > 0) key.emplace_back(pk, st.Text(0));
    }
  }
  std::sort(key.begin(), key.end());
  for (auto& [_, column] : key) t.key.push_back(column);
  if (t.key.empty()) t.key = t.columns;
  Statement fk(db, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)");
  sqlite3_bind_text(fk.get(), 1, name.c_str(), -1, SQLITE_TRANSIENT);
  while (fk.Step()) {
    if (fk.Text(0) != name) t.parents.insert(fk.Text(0));
  }
  return t;
}

std::string SelectInKeyOrder(const TableInfo& t, bool postgres) {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    sql += (i ? ", " : "") + QuoteIdentifier(t.columns[i]);
  }
  sql += " FROM " + QuoteIdentifier(t.name) + " ORDER BY ";
  for (std::size_t i = 0; i < t.key.size(); ++i) {
    sql += (i ? ", " : "") + QuoteIdentifier(t.key[i]);
    auto col = std::find(t.columns.begin(), t.columns.end(), t.key[i]) - t.columns.begin();
    // Byte order on both sides: SQLite's BINARY collation is PostgreSQL's "C".
    if (postgres && t.text[col]) sql += " COLLATE \"C\"";
  }
  return sql;
}

void AppendSqliteValue(sqlite3_stmt* st, int i, bool real_column, std::string& row) {
  switch (sqlite3_column_type(st, i)) {
    case SQLITE_NULL:
      row += 'N';
      break;
    case SQLITE_INTEGER:
      if (real_column) {
        row += 'R' + FormatReal(static_cast<double>(sqlite3_column_int64(st, i)));
      } else {
        row += 'I' + std::to_string(sqlite3_column_int64(st, i));
      }
      break;
    case SQLITE_FLOAT:
      row += 'R' + FormatReal(sqlite3_column_double(st, i));
      break;
    case SQLITE_BLOB: {
      auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(st, i));
      row += 'B' + Hex(p, sqlite3_column_bytes(st, i));
      break;
    }
    default: {
      auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
      AppendText(row, p, sqlite3_column_bytes(st, i));
    }
  }
}

TableSum SqliteSum(SqliteFile& db, const TableInfo& t) {
  Statement st(db, SelectInKeyOrder(t, false));
  TableSum sum{t.name, 0, ""};
  Digest digest;
  std::string row;
  while (st.Step()) {
    row.clear();
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (i) row += '|';
      AppendSqliteValue(st.get(), static_cast<int>(i), t.real[i], row);
    }
    row += '\n';
    digest.Add(row);
    ++sum.rows;
  }
  sum.sha256 = digest.Hex();
  return sum;
}

std::vector<TableSum> SqliteSums(SqliteFile& db, const std::vector<TableInfo>& tables) {
  std::vector<TableSum> out;
  for (const auto& t : tables) out.push_back(SqliteSum(db, t));
  std::sort(out.begin(), out.end(),
            [](const TableSum& a, const TableSum& b) { return a.table < b.table; });
  return out;
}

// --- PostgreSQL side (libpq under SOCI's connection) ------------------------

class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r) {}
  ~PgResult() { PQclear(r_); }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  PGresult* get() const { return r_; }
  int rows() const { return PQntuples(r_); }
  std::string Value(int row, int col) const { return PQgetvalue(r_, row, col); }
  bool Null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }

 private:
  PGresult* r_;
};

PgResult PgExec(PGconn* conn, const std::string& sql, const std::vector<std::string>& params = {}) {
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p.c_str());
  PGresult* r = PQexecParams(conn, sql.c_str(), static_cast<int>(values.size()), nullptr,
                             values.data(), nullptr, nullptr, 0);
  auto status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    std::string message = PQresultErrorMessage(r);
    PQclear(r);
    throw std::runtime_error("PostgreSQL: " + message);
  }
  return PgResult(r);
}

PGconn* NativeConnection(Session& s) {
  // SOCI's library does not export the backend's type information, so no
  // dynamic_cast: the Database knows its backend.
  if (s.backend() != Backend::kPostgres || !s.sql().get_backend()) {
    throw std::runtime_error("not a PostgreSQL connection");
  }
  return static_cast<soci::postgresql_session_backend*>(s.sql().get_backend())->conn_;
}

std::vector<std::string> PgTables(PGconn* conn) {
  auto r = PgExec(conn,
                  "SELECT table_name FROM information_schema.tables "
                  "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
                  "ORDER BY table_name");
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.Value(i, 0));
  return out;
}

TableInfo PgTable(PGconn* conn, const std::string& name) {
  TableInfo t;
  t.name = name;
  auto cols = PgExec(conn,
                     "SELECT column_name, data_type FROM information_schema.columns "
                     "WHERE table_schema = current_schema() AND table_name = $1 "
                     "ORDER BY column_name COLLATE \"C\"",
                     {name});
  for (int i = 0; i < cols.rows(); ++i) {
    t.columns.push_back(cols.Value(i, 0));
    std::string type = cols.Value(i, 1);
    t.real.push_back(type == "double precision" || type == "real");
    t.text.push_back(type == "text" || type == "character varying" || type == "character");
  }
  auto key = PgExec(conn,
                    "SELECT a.attname FROM pg_index i JOIN pg_attribute a "
                    "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
                    "WHERE i.indrelid = to_regclass(quote_ident($1)) AND i.indisprimary "
                    "ORDER BY array_position(i.indkey::int2[], a.attnum)",
                    {name});
  for (int i = 0; i < key.rows(); ++i) t.key.push_back(key.Value(i, 0));
  if (t.key.empty()) t.key = t.columns;
  return t;
}

void AppendPgValue(const PgResult& r, int row_index, int col, std::string& row) {
  if (r.Null(row_index, col)) {
    row += 'N';
    return;
  }
  const char* v = PQgetvalue(r.get(), row_index, col);
  int n = PQgetlength(r.get(), row_index, col);
  switch (PQftype(r.get(), col)) {
    case 16:  // boolean
      row += v[0] == 't' ? "I1" : "I0";
      break;
    case 20:  // bigint
    case 21:  // smallint
    case 23:  // integer
    case 26:  // oid
      row += 'I';
      row.append(v, n);
      break;
    case 700:  // real
    case 701:  // double precision
      row += 'R' + FormatReal(std::strtod(v, nullptr));
      break;
    case 1700:  // numeric
      if (std::string_view(v, n).find_first_of(".eE") == std::string_view::npos) {
        row += 'I';
        row.append(v, n);
      } else {
        row += 'R' + FormatReal(std::strtod(v, nullptr));
      }
      break;
    case 17:  // bytea, as \x<hex>
      row += 'B';
      row.append(v + 2, n - 2);
      break;
    default:
      AppendText(row, v, n);
  }
}

// Needs an open transaction (the cursor lives in it).
TableSum PgSum(PGconn* conn, const TableInfo& t) {
  PgExec(conn, "DECLARE vw_rows NO SCROLL CURSOR FOR " + SelectInKeyOrder(t, true));
  TableSum sum{t.name, 0, ""};
  Digest digest;
  std::string row;
  for (;;) {
    auto r = PgExec(conn, "FETCH FORWARD 10000 FROM vw_rows");
    if (r.rows() == 0) break;
    int columns = PQnfields(r.get());
    for (int i = 0; i < r.rows(); ++i) {
      row.clear();
      for (int c = 0; c < columns; ++c) {
        if (c) row += '|';
        AppendPgValue(r, i, c, row);
      }
      row += '\n';
      digest.Add(row);
      ++sum.rows;
    }
  }
  PgExec(conn, "CLOSE vw_rows");
  sum.sha256 = digest.Hex();
  return sum;
}

std::vector<TableSum> PgSums(PGconn* conn) {
  std::vector<TableSum> out;
  for (const auto& name : PgTables(conn)) out.push_back(PgSum(conn, PgTable(conn, name)));
  return out;
}

// --- the move ---------------------------------------------------------------

// Parents before children; ties by name so every run copies in one order.
std::vector<const TableInfo*> ParentsFirst(const std::vector<TableInfo>& tables) {
  std::vector<const TableInfo*> out;
  std::set<std::string> done;
  while (out.size() < tables.size()) {
    bool progressed = false;
    for (const auto& t : tables) {
      if (done.count(t.name)) continue;
      bool ready = std::all_of(t.parents.begin(), t.parents.end(), [&](const std::string& p) {
        return done.count(p) || std::none_of(tables.begin(), tables.end(),
                                             [&](const TableInfo& x) { return x.name == p; });
      });
      if (!ready) continue;
      out.push_back(&t);
      done.insert(t.name);
      progressed = true;
    }
    if (!progressed) {  // a cycle: copy the rest by name and let the database judge
      for (const auto& t : tables) {
        if (!done.count(t.name)) out.push_back(&t);
      }
      break;
    }
  }
  return out;
}

void AppendCopyText(std::string& out, const char* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    switch (p[i]) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += p[i];
    }
  }
}

void PutCopyData(PGconn* conn, std::string& buffer) {
  if (PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size())) != 1) {
    throw std::runtime_error(std::string("PostgreSQL COPY: ") + PQerrorMessage(conn));
  }
  buffer.clear();
}

std::int64_t CopyTable(SqliteFile& src, PGconn* conn, const TableInfo& t) {
  std::string columns;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    columns += (i ? ", " : "") + QuoteIdentifier(t.columns[i]);
  }
  {
    PGresult* r =
        PQexec(conn, ("COPY " + QuoteIdentifier(t.name) + " (" + columns + ") FROM STDIN").c_str());
    bool ready = PQresultStatus(r) == PGRES_COPY_IN;
    std::string message = PQresultErrorMessage(r);
    PQclear(r);
    if (!ready) throw std::runtime_error("PostgreSQL: " + message);
  }
  Statement st(src, SelectInKeyOrder(t, false));
  std::string buffer;
  std::int64_t rows = 0;
  while (st.Step()) {
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (i) buffer += '\t';
      int c = static_cast<int>(i);
      switch (sqlite3_column_type(st.get(), c)) {
        case SQLITE_NULL:
          buffer += "\\N";
          break;
        case SQLITE_INTEGER:
          buffer += std::to_string(sqlite3_column_int64(st.get(), c));
          break;
        case SQLITE_FLOAT:
          buffer += FormatReal(sqlite3_column_double(st.get(), c));
          break;
        case SQLITE_BLOB: {
          auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(st.get(), c));
          buffer += "\\\\x" + Hex(p, sqlite3_column_bytes(st.get(), c));
          break;
        }
        default:
          AppendCopyText(buffer, reinterpret_cast<const char*>(sqlite3_column_text(st.get(), c)),
                         sqlite3_column_bytes(st.get(), c));
      }
    }
    buffer += '\n';
    ++rows;
    if (buffer.size() > (1 << 20)) PutCopyData(conn, buffer);
  }
  if (!buffer.empty()) PutCopyData(conn, buffer);
  if (PQputCopyEnd(conn, nullptr) != 1) {
    throw std::runtime_error(std::string("PostgreSQL COPY: ") + PQerrorMessage(conn));
  }
  std::string error;
  while (PGresult* r = PQgetResult(conn)) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK && error.empty()) {
      error = PQresultErrorMessage(r);
    }
    PQclear(r);
  }
  if (!error.empty()) throw std::runtime_error("PostgreSQL, table " + t.name + ": " + error);
  return rows;
}

// Sets every identity sequence past the largest id of its table, or of
// SQLite's sqlite_sequence when larger (ids of deleted rows are not reused).
std::size_t SetSequences(PGconn* conn, const std::vector<TableInfo>& tables,
                         const std::map<std::string, std::int64_t>& sqlite_sequence) {
  std::size_t n = 0;
  for (const auto& t : tables) {
    if (t.key.size() != 1) continue;
    auto seq =
        PgExec(conn, "SELECT pg_get_serial_sequence($1, $2)", {QuoteIdentifier(t.name), t.key[0]});
    if (seq.Null(0, 0)) continue;
    auto max = PgExec(conn, "SELECT COALESCE(MAX(" + QuoteIdentifier(t.key[0]) + "), 0) FROM " +
                                QuoteIdentifier(t.name));
    std::int64_t value = std::stoll(max.Value(0, 0));
    if (auto it = sqlite_sequence.find(t.name); it != sqlite_sequence.end()) {
      value = std::max(value, it->second);
    }
    if (value > 0) {
      PgExec(conn, "SELECT setval($1, $2, true)", {seq.Value(0, 0), std::to_string(value)});
    } else {
      PgExec(conn, "SELECT setval($1, 1, false)", {seq.Value(0, 0)});
    }
    ++n;
  }
  return n;
}

std::string Describe(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : "、") + n;
  return out;
}

}  // namespace

Result<std::vector<TableSum>> SqliteChecksums(const std::string& path) {
  auto db = SqliteFile::Open(path, SQLITE_OPEN_READONLY);
  if (!db) return db.error();
  try {
    std::string error;
    if (!db->Exec("BEGIN", &error)) return Error::Internal("SQLite: " + error);
    std::vector<TableInfo> tables;
    for (const auto& name : SqliteTables(*db)) tables.push_back(SqliteTable(*db, name));
    auto sums = SqliteSums(*db, tables);
    db->Exec("COMMIT");
    return sums;
  } catch (const std::exception& e) {
    return Error::Internal(e.what());
  }
}

Result<std::vector<TableSum>> PostgresChecksums(Database& db) {
  try {
    Session s(db);
    PGconn* conn = NativeConnection(s);
    PgExec(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      auto sums = PgSums(conn);
      PgExec(conn, "COMMIT");
      return sums;
    } catch (...) {
      PQclear(PQexec(conn, "ROLLBACK"));
      throw;
    }
  } catch (const std::exception& e) {
    return Error::Internal(e.what());
  }
}

Result<MoveReport> MoveToPostgres(const MoveOptions& options) {
  auto started = std::chrono::steady_clock::now();
  std::string path = SqlitePath(options.from);
  if (!std::filesystem::exists(path)) return Error::NotFound("SQLite 数据库不存在：" + path);
  if (!IsPostgresUrl(options.to.url)) {
    return Error::Invalid("to", "目标应是 postgresql://… 形式的 PostgreSQL 地址");
  }
  if (SqliteInUse(path) && !options.force) {
    return Error::Conflict("SQLite 数据库 " + path +
                           " 正在被使用（服务是否还在运行？）：迁移之后写入的数据会丢失。请先停止服"
                           "务；确需继续请加 --force");
  }
  auto src = SqliteFile::Open(path, SQLITE_OPEN_READONLY);
  if (!src) return src.error();
  MoveReport report;
  try {
    sqlite3_busy_timeout(src->get(), 10000);
    std::string error;
    if (!src->Exec("BEGIN", &error)) return Error::Internal("SQLite: " + error);
    int latest = AllMigrations().back().version;
    int source_version = std::atoi(
        src->QueryText("SELECT MAX(version) FROM schema_migrations").value_or("0").c_str());
    if (source_version != latest) {
      return Error::Conflict("SQLite 数据库的结构版本是 " + std::to_string(source_version) +
                             "，本程序是 " + std::to_string(latest) +
                             "：请先用本程序运行 vocweek migrate --db " + path);
    }
    report.schema_version = source_version;
    std::vector<TableInfo> tables;
    for (const auto& name : SqliteTables(*src)) tables.push_back(SqliteTable(*src, name));
    std::map<std::string, std::int64_t> sqlite_sequence;
    {
      Statement st(*src, "SELECT name, seq FROM sqlite_sequence");
      while (st.Step()) sqlite_sequence[st.Text(0)] = sqlite3_column_int64(st.get(), 1);
    }

    Options to = options.to;
    to.pool_size = 1;
    Database target(to);
    {
      // Only a database without tables is migrated here: a wrong URL must
      // not get vocweek's tables put into another application's database.
      Session s(target);
      auto existing = PgTables(NativeConnection(s));
      bool ours =
          std::find(existing.begin(), existing.end(), "schema_migrations") != existing.end();
      if (!existing.empty() && !ours) {
        return Error::Conflict("目标数据库里已有别的表（" + Describe(existing) +
                               "），不是 vocweek 的数据库：请换一个新建的空数据库");
      }
    }
    if (CurrentVersion(target) == 0) Migrate(target);
    if (int v = CurrentVersion(target); v != source_version) {
      return Error::Conflict("PostgreSQL 数据库的结构版本是 " + std::to_string(v) + "，SQLite 是 " +
                             std::to_string(source_version) + "：目标应是新建的空数据库");
    }

    Session s(target);
    PGconn* conn = NativeConnection(s);
    auto target_tables = PgTables(conn);
    std::vector<std::string> source_names;
    for (const auto& t : tables) source_names.push_back(t.name);
    if (source_names != target_tables) {
      return Error::Conflict("两边的表不同：SQLite 有 " + Describe(source_names) +
                             "；PostgreSQL 有 " + Describe(target_tables));
    }
    for (const auto& t : tables) {
      if (PgTable(conn, t.name).columns != t.columns) {
        return Error::Conflict("表 " + t.name + " 的列两边不同");
      }
    }

    PgExec(conn, "BEGIN");
    try {
      std::vector<std::string> not_empty;
      for (const auto& t : tables) {
        if (options.install_tables.count(t.name)) continue;
        auto r = PgExec(conn, "SELECT EXISTS (SELECT 1 FROM " + QuoteIdentifier(t.name) + ")");
        if (r.Value(0, 0) == "t") not_empty.push_back(t.name);
      }
      if (!not_empty.empty()) {
        PQclear(PQexec(conn, "ROLLBACK"));
        return Error::Conflict("目标数据库不是空的（" + Describe(not_empty) +
                               " 中已有数据），未写入任何数据：请换一个新建的空数据库");
      }
      auto order = ParentsFirst(tables);
      for (auto it = order.rbegin(); it != order.rend(); ++it) {
        if (options.install_tables.count((*it)->name)) {
          PgExec(conn, "DELETE FROM " + QuoteIdentifier((*it)->name));
        }
      }
      for (const TableInfo* t : order) report.rows += CopyTable(*src, conn, *t);
      report.sequences = SetSequences(conn, tables, sqlite_sequence);

      auto source_sums = SqliteSums(*src, tables);
      auto target_sums = PgSums(conn);
      std::vector<std::string> differing;
      for (std::size_t i = 0; i < source_sums.size(); ++i) {
        if (i >= target_sums.size() || !(source_sums[i] == target_sums[i])) {
          differing.push_back(source_sums[i].table);
        }
      }
      if (!differing.empty() || source_sums.size() != target_sums.size()) {
        PQclear(PQexec(conn, "ROLLBACK"));
        return Error::Internal("复制后两边的行数或校验和不一致（" + Describe(differing) +
                               "），已撤销，目标数据库未改变");
      }
      PgExec(conn, "COMMIT");
      report.tables = std::move(source_sums);
    } catch (...) {
      PQclear(PQexec(conn, "ROLLBACK"));
      throw;
    }
    src->Exec("COMMIT");
  } catch (const std::exception& e) {
    return Error::Internal(std::string("迁移失败，目标数据库未改变：") + e.what());
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace vw::db
