#include "db/backup.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "db/database.h"
#include "db/migrations.h"
#include "db/sqlite_file.h"

extern char** environ;

namespace vw::db {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int LatestVersion() {
  auto all = AllMigrations();
  return all.empty() ? 0 : all.back().version;
}

std::string UtcStamp() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &utc);
  return buf;
}

// `to` itself, or a timestamped file in it when it names a directory.
std::string ResolveTarget(const std::string& to, const char* extension) {
  if (!to.empty() && (to.back() == '/' || fs::is_directory(to))) {
    fs::create_directories(to);
    return (fs::path(to) / ("vocweek-" + UtcStamp() + extension)).string();
  }
  fs::path parent = fs::path(to).parent_path();
  if (!parent.empty()) fs::create_directories(parent);
  return to;
}

// A name beside `path` that no other call in this process uses.
std::string TempBeside(const std::string& path) {
  static std::atomic<int> counter{0};
  return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
}

// Removes a temporary file (and SQLite's journal beside it) unless kept.
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  ~TempFile() {
    if (keep_) return;
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path_ + suffix, ec);
  }
  const std::string& path() const { return path_; }
  void Keep() { keep_ = true; }

 private:
  std::string path_;
  bool keep_ = false;
};

// fsync of a file, then rename over `to` and fsync of the directory, so the
// name points at complete contents even after a power cut.
Result<void> SyncAndRename(const std::string& from, const std::string& to) {
  int fd = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    return Error::Internal("无法写入 " + from);
  }
  ::close(fd);
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) return Error::Internal("无法把 " + from + " 改名为 " + to + "：" + ec.message());
  fs::path dir = fs::path(to).parent_path();
  int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

// Gives `file` the permission bits of `like` (a backup is as private as the
// database it copies) and, when running as root, its owner (a restore run as
// root must leave a database the service's user can still write).
void CopyAccess(const std::string& like, const std::string& file) {
  struct stat st {};
  if (::stat(like.c_str(), &st) != 0) return;
  ::chmod(file.c_str(), st.st_mode & 0666);
  if (::geteuid() == 0 && ::chown(file.c_str(), st.st_uid, st.st_gid) != 0) {
    // Left to root: the operator sees it in the listing.
  }
}

struct Checked {
  int version = 0;
  std::size_t tables = 0;
  std::int64_t rows = 0;
};

// Checks a copy: SQLite's integrity check (or the quicker one, which skips
// comparing indexes with their tables), a vocweek schema version, and counts
// the rows of every table.
Result<Checked> Check(SqliteFile& db, const std::string& what, bool quick = false) {
  std::string error;
  auto verdict = db.QueryText(quick ? "PRAGMA quick_check" : "PRAGMA integrity_check", &error);
  if (!verdict) return Error::Invalid("", what + "不是可读的 SQLite 数据库：" + error);
  if (*verdict != "ok") return Error::Invalid("", what + "未通过完整性检查：" + *verdict);
  auto version = db.QueryText("SELECT MAX(version) FROM schema_migrations", &error);
  if (!version || version->empty()) {
    return Error::Invalid("", what + "不是 vocweek 数据库（没有数据库结构版本）");
  }
  Checked out;
  out.version = std::atoi(version->c_str());
  for (const auto& table : SqliteTables(db)) {
    auto n = db.QueryText("SELECT COUNT(*) FROM " + QuoteIdentifier(table));
    out.rows += n ? std::atoll(n->c_str()) : 0;
    ++out.tables;
  }
  return out;
}

// Copies `src` into `dst` with the online backup API. `snapshot`: the
// caller holds a read transaction on `src`, so no step can see a write.
Result<void> CopyPages(SqliteFile& src, SqliteFile& dst, bool snapshot,
                       const BackupOptions& options) {
  sqlite3_backup* backup = sqlite3_backup_init(dst.get(), "main", src.get(), "main");
  if (!backup) return Error::Internal("无法开始备份：" + dst.ErrorMessage());
  int rc = SQLITE_OK;
  int restarts = 0;
  int last_remaining = -1;
  do {
    rc = sqlite3_backup_step(backup, options.pages_per_step > 0 ? options.pages_per_step : -1);
    int remaining = sqlite3_backup_remaining(backup);
    if (options.progress) options.progress(remaining, sqlite3_backup_pagecount(backup));
    // Without a snapshot a write between steps starts the copy over.
    if (last_remaining >= 0 && remaining > last_remaining && ++restarts > 100) break;
    last_remaining = remaining;
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      sqlite3_sleep(50);
    } else if (rc == SQLITE_OK && !snapshot) {
      sqlite3_sleep(5);  // let writers commit between the short read locks
    }
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    if (restarts > 100) {
      return Error::Conflict(
          "数据库一直在被写入，备份无法完成：请把它设为 WAL 模式（服务启动时会设置）");
    }
    return Error::Internal(std::string("备份失败：") + sqlite3_errstr(rc));
  }
  return {};
}

bool LooksLikePgDump(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[5] = {};
  in.read(magic, sizeof magic);
  return in && std::string(magic, 5) == "PGDMP";
}

// --- PostgreSQL -------------------------------------------------------------

std::string FindOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    std::string candidate = dir + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

struct ProcessResult {
  int status = -1;  // exit code; 128 + signal; -1 when it could not start
  std::string out;  // stdout when captured
};

// Runs `argv` (argv[0] a full path) with `extra_env` added to this process's
// environment. stdout is captured when asked, else shared; stderr is shared,
// so the tool's own messages reach the operator.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::vector<std::string>& extra_env, bool capture) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) env.emplace_back(*e);
  env.insert(env.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> envp, args;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_copy = argv;
  for (auto& a : argv_copy) args.push_back(a.data());
  args.push_back(nullptr);

  ProcessResult result;
  int pipefd[2] = {-1, -1};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (capture) {
    if (::pipe2(pipefd, O_CLOEXEC) != 0) return result;
    posix_spawn_file_actions_adddup2(&actions, pipefd[1], STDOUT_FILENO);
  }
  pid_t pid = 0;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (capture) {
    ::close(pipefd[1]);
    if (rc == 0) {
      char buf[8192];
      ssize_t n;
      while ((n = ::read(pipefd[0], buf, sizeof buf)) > 0) result.out.append(buf, n);
    }
    ::close(pipefd[0]);
  }
  if (rc != 0) return result;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

std::string PercentDecode(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size()) {
      out.push_back(static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

// Splits the password out of a postgresql:// URL so that it does not show
// on pg_dump's command line (visible to every user of the machine).
std::string UrlWithoutPassword(const std::string& url, std::string* password) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  size_t start = scheme + 3;
  size_t end = url.find_first_of("/?", start);
  std::string authority = url.substr(start, end == std::string::npos ? end : end - start);
  auto at = authority.rfind('@');
  if (at == std::string::npos) return url;
  auto colon = authority.find(':');
  if (colon == std::string::npos || colon > at) return url;
  *password = PercentDecode(authority.substr(colon + 1, at - colon - 1));
  return url.substr(0, start) + authority.substr(0, colon) + authority.substr(at) +
         (end == std::string::npos ? "" : url.substr(end));
}

}  // namespace

bool IsPostgresUrl(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0 ||
         url.rfind("pg:", 0) == 0;
}

std::string SqlitePath(const std::string& url) {
  return url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
}

bool SqliteInUse(const std::string& path) {
  if (!fs::exists(path)) return false;
  auto db = SqliteFile::Open(path, SQLITE_OPEN_READWRITE);
  if (!db) return false;
  // Every connection to a WAL database holds a shared lock on the file for
  // as long as it is open; an exclusive lock is only granted to the last one.
  sqlite3_busy_timeout(db->get(), 0);
  if (!db->Exec("PRAGMA locking_mode=EXCLUSIVE")) return true;
  if (!db->Exec("BEGIN EXCLUSIVE")) return true;
  db->Exec("COMMIT");
  return false;
}

Result<BackupReport> BackupSqlite(const std::string& path, const std::string& to_arg,
                                  const BackupOptions& options) {
  auto started = Clock::now();
  if (!fs::exists(path)) return Error::NotFound("数据库文件不存在：" + path);
  std::string to = ResolveTarget(to_arg, ".db");
  std::error_code ec;
  if (fs::exists(to) && fs::equivalent(path, to, ec)) {
    return Error::Invalid("to", "备份文件不能是数据库本身：" + to);
  }
  TempFile tmp(TempBeside(to));

  auto src = SqliteFile::Open(path, SQLITE_OPEN_READWRITE);
  if (!src) return src.error();
  sqlite3_busy_timeout(src->get(), 10000);
  bool snapshot = src->QueryText("PRAGMA journal_mode").value_or("") == "wal";
  if (snapshot) {
    std::string error;
    if (!src->Exec("BEGIN", &error) ||
        !src->QueryText("SELECT COUNT(*) FROM sqlite_master", &error)) {
      return Error::Internal("无法读取数据库 " + path + "：" + error);
    }
  }
  auto dst = SqliteFile::Open(tmp.path(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!dst) return dst.error();
  if (auto copied = CopyPages(*src, *dst, snapshot, options); !copied) return copied.error();
  if (snapshot) src->Exec("COMMIT");
  src->Close();  // the server's WAL may be checkpointed again

  // One self-contained file: no -wal beside it to forget when copying it.
  dst->Exec("PRAGMA journal_mode=DELETE");
  auto checked = Check(*dst, "备份副本");
  if (!checked) return checked.error();
  dst->Close();

  CopyAccess(path, tmp.path());
  if (auto renamed = SyncAndRename(tmp.path(), to); !renamed) return renamed.error();
  tmp.Keep();
  BackupReport report;
  report.file = to;
  report.schema_version = checked->version;
  report.bytes = fs::file_size(to);
  report.tables = checked->tables;
  report.rows = checked->rows;
  report.seconds = SecondsSince(started);
  return report;
}

Result<RestoreReport> RestoreSqlite(const std::string& from, const std::string& path, bool force) {
  auto started = Clock::now();
  if (!fs::exists(from)) return Error::NotFound("备份文件不存在：" + from);
  std::error_code ec;
  if (fs::exists(path) && fs::equivalent(from, path, ec)) {
    return Error::Invalid("from", "备份文件就是要恢复的数据库本身：" + from);
  }
  if (LooksLikePgDump(from)) {
    return Error::Invalid(
        "from", "这是 PostgreSQL 的 pg_dump 备份，请用 pg_restore 恢复（见 docs/deploy.md）");
  }

  // The backup is checked before anything at `path` is touched.
  auto src = SqliteFile::Open(from, SQLITE_OPEN_READONLY);
  if (!src) return src.error();
  auto checked = Check(*src, "备份文件 " + from + " ");
  if (!checked) return checked.error();
  int latest = LatestVersion();
  if (checked->version > latest) {
    return Error::Conflict("备份的数据库结构版本 " + std::to_string(checked->version) +
                           " 比本程序的 " + std::to_string(latest) +
                           " 新：请用写出它的那个（或更新的）vocweek 版本恢复");
  }

  RestoreReport report;
  report.backup_version = checked->version;
  report.rows = checked->rows;
  report.replaced_in_use = SqliteInUse(path);
  if (report.replaced_in_use && !force) {
    return Error::Conflict(
        "数据库 " + path +
        " 正在被使用（服务是否还在运行？）：请先停止服务再恢复；确需覆盖请加 --force");
  }
  fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent);

  TempFile tmp(TempBeside(path));
  {
    auto dst = SqliteFile::Open(tmp.path(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!dst) return dst.error();
    if (auto copied = CopyPages(*src, *dst, false, BackupOptions{-1, {}}); !copied) {
      return copied.error();
    }
    auto copy_checked = Check(*dst, "恢复副本", /*quick=*/true);
    if (!copy_checked) return copy_checked.error();
  }
  src->Close();

  // The replaced database stays beside it until the operator removes it: a
  // hard link, so the rename below still replaces `path` atomically. Its WAL
  // goes with it: replayed onto the restored file it would corrupt it. The
  // WAL only exists while a server has the database open (--force); that
  // server keeps writing into the moved files through its open descriptors,
  // and SQLite does not checkpoint or delete the WAL of a database file that
  // was moved while open, so its later writes end up in the kept copy.
  if (fs::exists(path)) {
    std::string kept = path + ".replaced-" + UtcStamp();
    for (int i = 2; fs::exists(kept); ++i) {
      kept = path + ".replaced-" + UtcStamp() + "-" + std::to_string(i);
    }
    fs::create_hard_link(path, kept, ec);
    if (ec) return Error::Internal("无法保留原数据库为 " + kept + "：" + ec.message());
    report.kept_as = kept;
    for (const char* suffix : {"-wal", "-shm"}) {
      if (fs::exists(path + suffix)) fs::rename(path + suffix, kept + suffix, ec);
      if (ec) return Error::Internal("无法移走 " + path + suffix + "：" + ec.message());
    }
  }
  CopyAccess(fs::exists(path) ? path : from, tmp.path());
  if (auto renamed = SyncAndRename(tmp.path(), path); !renamed) return renamed.error();
  tmp.Keep();

  try {
    Database db({path, 1, ""});
    report.applied = Migrate(db);
    report.schema_version = CurrentVersion(db);
  } catch (const std::exception& e) {
    return Error::Internal("备份已恢复到 " + path + "，但应用数据库迁移失败：" + e.what());
  }
  report.seconds = SecondsSince(started);
  return report;
}

Result<BackupReport> BackupPostgres(const std::string& url, const std::string& to_arg,
                                    const std::string& schema) {
  auto started = Clock::now();
  std::string pg_dump = FindOnPath("pg_dump");
  std::string pg_restore = FindOnPath("pg_restore");
  if (pg_dump.empty() || pg_restore.empty()) {
    return Error::NotFound(
        "没有找到 pg_dump / pg_restore（Debian：apt-get install "
        "postgresql-client）。也可以手工备份："
        "pg_dump --format=custom --file=备份文件 数据库URL，再用 pg_restore --list 备份文件 检查");
  }
  BackupReport report;
  try {
    Database db({url, 1, schema});
    Session s(db);
    soci::indicator ind = soci::i_null;
    s.sql() << "SELECT MAX(version) FROM schema_migrations", soci::into(report.schema_version, ind);
  } catch (const std::exception& e) {
    return Error::Invalid(
        "db", std::string("无法读取数据库结构版本（不是 vocweek 数据库？）：") + e.what());
  }

  std::string to = ResolveTarget(to_arg, ".dump");
  TempFile tmp(TempBeside(to));
  std::string password;
  std::string target =
      url.rfind("pg:", 0) == 0 ? url.substr(3) : UrlWithoutPassword(url, &password);
  std::vector<std::string> args = {pg_dump, "--format=custom", "--file=" + tmp.path()};
  if (!schema.empty()) args.push_back("--schema=" + schema);
  args.push_back("--dbname=" + target);
  std::vector<std::string> env;
  if (!password.empty()) env.push_back("PGPASSWORD=" + password);
  auto dumped = RunProcess(args, env, false);
  if (dumped.status != 0) {
    return Error::Internal("pg_dump 失败（退出码 " + std::to_string(dumped.status) +
                           "），原因见上面的输出");
  }
  auto listed = RunProcess({pg_restore, "--list", tmp.path()}, {}, true);
  if (listed.status != 0) {
    return Error::Internal("pg_restore --list 读不了刚写出的备份（退出码 " +
                           std::to_string(listed.status) + "）");
  }
  bool has_versions = false;
  std::stringstream lines(listed.out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find(" TABLE DATA ") == std::string::npos) continue;
    ++report.tables;
    if (line.find(" schema_migrations ") != std::string::npos) has_versions = true;
  }
  if (!has_versions) {
    return Error::Internal("备份里没有 schema_migrations 表的数据：pg_dump 没有导出 vocweek 的表");
  }
  ::chmod(tmp.path().c_str(), 0600);  // the whole database, personal data included
  if (auto renamed = SyncAndRename(tmp.path(), to); !renamed) return renamed.error();
  tmp.Keep();
  report.file = to;
  report.bytes = fs::file_size(to);
  report.seconds = SecondsSince(started);
  return report;
}

}  // namespace vw::db
