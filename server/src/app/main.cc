// vocweek command line: serve, migrate, seed-demo, create-admin, imports,
// purge-personal-data, backup, restore, move-to-postgres.
#include <spdlog/spdlog.h>

#include <malloc.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "app/app.h"
#include "app/seed.h"
#include "core/crypto.h"
#include "core/time.h"
#include "db/backup.h"
#include "db/migrations.h"
#include "db/move_to_postgres.h"
#include "export/table_reader.h"
#include "imports/imports.h"

namespace {

using vw::app::Config;

void EnsureParentDir(const std::string& db_url) {
  if (db_url.rfind("postgresql://", 0) == 0 || db_url.rfind("pg:", 0) == 0) return;
  std::string path = db_url.rfind("sqlite:", 0) == 0 ? db_url.substr(7) : db_url;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
}

void PrintAccounts(const std::vector<vw::seed::DemoAccount>& accounts) {
  std::cout << "演示账号（密码均为 " << accounts.front().password << "）：\n";
  for (const auto& a : accounts) std::cout << "  " << a.username << "\t" << a.description << "\n";
}

int RunImport(vw::app::App& app, const std::string& file, bool dry_run, bool users) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "无法读取文件：" << file << "\n";
    return 2;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  std::string bytes = buf.str();
  auto type = vw::tables::DetectFileType("", file, bytes);
  if (!type) {
    std::cerr << "无法识别的文件类型（支持 .xlsx 和 .csv）\n";
    return 2;
  }
  auto table = vw::tables::ReadTable(
      bytes, *type,
      vw::imports::ImportLimits(users ? vw::imports::kMaxUserRows : vw::imports::kMaxUnitRows));
  if (!table) {
    std::cerr << table.error().message << "\n";
    return 1;
  }
  auto cli = vw::Principal::System("cli");
  auto report = users ? app.imports().ImportUsers(cli, *table, dry_run)
                      : app.imports().ImportUnits(cli, *table, dry_run);
  if (!report) {
    std::cerr << report.error().message << "\n";
    return 1;
  }
  for (const auto& e : report->errors) {
    std::cerr << "第 " << e.row << " 行";
    if (!e.field.empty()) std::cerr << "【" << e.field << "】";
    std::cerr << "：" << e.message << "\n";
  }
  if (!report->valid) {
    std::cerr << "文件有 " << report->errors.size() << " 处错误，未写入任何数据。\n";
    return 1;
  }
  if (dry_run) {
    std::cout << "检查通过：共 " << report->rows << " 行，可以导入（试运行，未写入）。\n";
  } else {
    std::cout << "导入完成：新建 " << report->created << " 条。\n";
  }
  return 0;
}

std::string Megabytes(std::uintmax_t bytes) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / (1 << 20) << " MB";
  return out.str();
}

std::string Seconds(double s) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2) << s << " 秒";
  return out.str();
}

int RunBackup(const std::string& db_url, const std::string& to) {
  bool pg = vw::db::IsPostgresUrl(db_url);
  auto report = pg ? vw::db::BackupPostgres(db_url, to)
                   : vw::db::BackupSqlite(vw::db::SqlitePath(db_url), to);
  if (!report) {
    std::cerr << "备份失败：" << report.error().message << "\n";
    return 1;
  }
  std::cout << "备份完成：" << report->file << "\n";
  if (pg) {
    std::cout << "  pg_dump 自定义格式，" << report->tables
              << " 张表的数据，pg_restore --list 检查通过；数据库结构版本 "
              << report->schema_version << "；" << Megabytes(report->bytes) << "；用时 "
              << Seconds(report->seconds) << "\n";
  } else {
    std::cout << "  数据库结构版本 " << report->schema_version << "，" << report->tables
              << " 张表共 " << report->rows << " 行，" << Megabytes(report->bytes)
              << "；完整性检查通过；用时 " << Seconds(report->seconds) << "\n";
  }
  return 0;
}

int RunRestore(const std::string& from, const std::string& db_url, bool force) {
  if (vw::db::IsPostgresUrl(db_url)) {
    std::cerr << "PostgreSQL 的备份由 pg_restore 恢复到一个新建的空数据库（见 docs/deploy.md）：\n"
                 "  createdb -O vocweek vocweek_restored\n"
                 "  pg_restore --no-owner --role=vocweek --dbname=vocweek_restored 备份文件\n"
                 "  vocweek migrate --db postgresql://…/vocweek_restored\n";
    return 2;
  }
  std::string path = vw::db::SqlitePath(db_url);
  auto report = vw::db::RestoreSqlite(from, path, force);
  if (!report) {
    std::cerr << "恢复失败：" << report.error().message << "\n";
    return 1;
  }
  std::cout << "已恢复：" << path << "（备份的数据库结构版本 " << report->backup_version << "，共 "
            << report->rows << " 行）\n";
  if (!report->applied.empty()) {
    std::cout << "  已应用 " << report->applied.size() << " 个新的数据库迁移，结构版本现为 "
              << report->schema_version << "\n";
  }
  if (!report->kept_as.empty()) {
    std::cout << "  原数据库保留为 " << report->kept_as << "，确认无误后可删除\n";
  }
  if (report->replaced_in_use) {
    std::cout << "  "
                 "警告：运行中的服务仍在使用旧数据库（即上面保留的文件），它此后写入的数据不在恢复"
                 "后的数据库中。"
                 "请立即重新启动服务。\n";
  }
  std::cout << "  用时 " << Seconds(report->seconds) << "\n";
  return 0;
}

int RunMove(const std::string& from, const std::string& to, bool force) {
  vw::db::MoveOptions options;
  options.from = from;
  options.to.url = to;
  options.install_tables = vw::seed::TablesFilledAtInstall();
  options.force = force;
  auto report = vw::db::MoveToPostgres(options);
  if (!report) {
    std::cerr << "迁移失败：" << report.error().message << "\n";
    return 1;
  }
  std::cout << "已把 " << from << " 的全部数据迁移到 PostgreSQL：\n";
  for (const auto& t : report->tables) {
    std::cout << "  " << std::left << std::setw(26) << t.table << std::right << std::setw(9)
              << t.rows << " 行  sha256 " << t.sha256.substr(0, 16) << "…\n";
  }
  std::cout << "共 " << report->tables.size() << " 张表 " << report->rows
            << " 行；两边逐表的行数和校验和一致；" << report->sequences
            << " 个自增序列已设到最大编号之后；数据库结构版本 " << report->schema_version
            << "；用时 " << Seconds(report->seconds) << "\n"
            << "之后请用 VOCWEEK_DB="
            << "postgresql://… 启动服务。\n";
  return 0;
}

// Large answers (a province's 12,000-row form is 3 MB of JSON) would
// otherwise be mmap'ed and handed back to the kernel on every request, and
// each request paid for faulting in fresh pages: keeping blocks up to 32 MB
// in the heap, and trimming it only beyond 64 MB free, took the province
// roll-up from 0.080 s to 0.064 s (bench/rollup.sh, see ARCHITECTURE.md).
void KeepLargeBlocks() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"vocweek — 职业教育活动周管理平台"};
  cli.require_subcommand(1);
  Config config;
  try {
    config = vw::app::ConfigFromEnvironment();
  } catch (const std::exception& e) {
    std::cerr << "配置错误：" << e.what() << "\n";
    return 2;
  }
  auto add_db = [&config](CLI::App* cmd) {
    cmd->add_option("--db", config.db_url,
                    "SQLite file, sqlite:PATH, or postgresql://... (env VOCWEEK_DB)")
        ->capture_default_str();
  };

  auto* serve = cli.add_subcommand("serve", "Apply migrations and serve HTTP");
  add_db(serve);
  serve->add_option("--port", config.port, "Port (env PORT; 0 picks a free one)")
      ->capture_default_str();
  serve->add_option("--host", config.host, "Address to bind (env VOCWEEK_HOST)")
      ->capture_default_str();
  serve->add_option("--web-root", config.web_root, "Built web app (env VOCWEEK_WEB_ROOT)")
      ->capture_default_str();
  serve->add_option("--threads", config.threads, "Server threads, 0 = one per core")
      ->capture_default_str();
  serve->add_option("--public-url", config.public_url,
                    "Base of absolute links, http(s)://host[:port] (env VOCWEEK_PUBLIC_URL; "
                    "default http://HOST:PORT)");
  serve->add_option("--trusted-proxies", config.trusted_proxies,
                    "Proxies whose X-Forwarded-For is believed: addresses and CIDRs, "
                    "comma-separated (env VOCWEEK_TRUSTED_PROXIES)");
  serve
      ->add_option("--max-connections", config.max_connections,
                   "Open connections at most, 0 = from the descriptor limit "
                   "(env VOCWEEK_MAX_CONNECTIONS)")
      ->capture_default_str();
  serve
      ->add_option("--workers", config.workers,
                   "Threads for exports, imports and password hashing (env VOCWEEK_WORKERS)")
      ->capture_default_str();

  // Messages (docs/messages.md); passwords and keys from the environment only.
  serve->add_option("--smtp-host", config.messages.smtp_host,
                    "SMTP server; empty: no e-mail (env VOCWEEK_SMTP_HOST)");
  serve->add_option("--smtp-port", config.messages.smtp_port, "SMTP port (env VOCWEEK_SMTP_PORT)")
      ->capture_default_str();
  serve->add_option("--smtp-from", config.messages.smtp_from,
                    "Sender address of e-mails (env VOCWEEK_SMTP_FROM)");
  serve
      ->add_option("--smtp-tls", config.messages.smtp_tls,
                   "auto, starttls, tls or off (env VOCWEEK_SMTP_TLS)")
      ->capture_default_str();
  serve->add_option("--sms-url", config.messages.sms_url,
                    "SMS provider's URL; empty: no SMS (env VOCWEEK_SMS_URL)");
  serve
      ->add_option("--webhook-hosts", config.messages.webhook_hosts,
                   "Hosts a unit's group robot URL may name, comma-separated "
                   "(env VOCWEEK_WEBHOOK_HOSTS)")
      ->capture_default_str();

  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations");
  add_db(migrate);

  auto* seed = cli.add_subcommand(
      "seed-demo", "Create the database if needed and write the 2025 demo campaign into it");
  add_db(seed);
  std::string week = "played";
  seed->add_option("--week", week,
                   "played: the week as it happened up to now (VOCWEEK_CLOCK, else the real "
                   "time): registrations, check-ins, walk-ins, media reports, forms; empty: the "
                   "published programme only")
      ->check(CLI::IsMember({"played", "empty"}))
      ->capture_default_str();

  std::string username, display_name = "系统管理员", password;
  auto* admin = cli.add_subcommand("create-admin", "Create or reset a system administrator");
  add_db(admin);
  admin->add_option("--username", username, "Login name")->required();
  admin->add_option("--name", display_name, "Display name")->capture_default_str();
  admin->add_option("--password", password,
                    "Password (or env VOCWEEK_ADMIN_PASSWORD); 8+ chars, letters and digits");

  std::string file;
  bool dry_run = false;
  auto* import_units =
      cli.add_subcommand("import-units", "Import units from .xlsx or .csv (all or nothing)");
  add_db(import_units);
  import_units->add_option("FILE", file, "Spreadsheet with a header row")->required();
  import_units->add_flag("--dry-run", dry_run, "Check every row and report, write nothing");
  auto* import_users =
      cli.add_subcommand("import-users", "Import users from .xlsx or .csv (all or nothing)");
  add_db(import_users);
  import_users->add_option("FILE", file, "Spreadsheet with a header row")->required();
  import_users->add_flag("--dry-run", dry_run, "Check every row and report, write nothing");

  int retention_days = -1;
  auto* purge = cli.add_subcommand(
      "purge-personal-data",
      "Remove registrants' personal data of campaigns that ended long enough ago (counts stay)");
  add_db(purge);
  purge->add_option("--days", retention_days,
                    "Days after the campaign's week (default env VOCWEEK_RETENTION_DAYS or 90)");

  std::string backup_to;
  auto* backup = cli.add_subcommand(
      "backup", "Write a verified copy of the database while the server keeps serving");
  add_db(backup);
  backup->add_option("--to", backup_to, "Backup file, or a directory for a timestamped one")
      ->required();

  std::string restore_from;
  bool force = false;
  auto* restore = cli.add_subcommand(
      "restore", "Put a SQLite backup in place of the database, then apply pending migrations");
  add_db(restore);
  restore->add_option("--from", restore_from, "A file written by vocweek backup")->required();
  restore->add_flag("--force", force, "Replace the database even though a server has it open");

  std::string move_from, move_to;
  auto* move = cli.add_subcommand(
      "move-to-postgres",
      "Copy every row of a SQLite database into an empty PostgreSQL database, verified");
  move->add_option("--from", move_from, "SQLite file (stop the server first)")->required();
  move->add_option("--to", move_to, "postgresql://user:pw@host:port/db, empty")->required();
  move->add_flag("--force", force, "Copy even though a server has the SQLite file open");

  CLI11_PARSE(cli, argc, argv);

  try {
    vw::app::CheckConfig(config);  // flags too
  } catch (const std::exception& e) {
    std::cerr << "配置错误：" << e.what() << "\n";
    return 2;
  }
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  vw::InitCrypto();
  if (!config.clock.empty()) {
    auto at = vw::timeutil::ParseInstant(config.clock, "VOCWEEK_CLOCK", "VOCWEEK_CLOCK");
    if (!at) {
      std::cerr << "VOCWEEK_CLOCK: " << at.error().message << "\n";
      return 2;
    }
    vw::timeutil::SetClockForTesting(*at);
    spdlog::warn("the clock stands still at {} (VOCWEEK_CLOCK): for browser tests and demos only",
                 vw::timeutil::FormatShanghaiIso(*at));
  }
  try {
    // These never create or migrate the database they are pointed at.
    if (*backup) return RunBackup(config.db_url, backup_to);
    if (*restore) return RunRestore(restore_from, config.db_url, force);
    if (*move) return RunMove(move_from, move_to, force);
    EnsureParentDir(config.db_url);
    vw::app::App::Options options{config, ""};
    if (*migrate) {
      vw::db::Database db({config.db_url, 1, ""});
      auto applied = vw::db::Migrate(db);
      std::cout << "migrations applied: " << applied.size()
                << ", schema version: " << vw::db::CurrentVersion(db) << "\n";
      return 0;
    }
    vw::app::App app(options);
    if (*serve) {
      KeepLargeBlocks();
      return vw::app::Serve(app, config);
    }
    if (*seed) {
      auto accounts = vw::seed::SeedDemo(app.db());
      if (!accounts) {
        std::cout << accounts.error().message << "\n";
        PrintAccounts(vw::seed::DemoAccounts());
        return 0;
      }
      std::cout << "已写入2025年演示数据。\n";
      if (week == "played") {
        const std::int64_t now = vw::timeutil::NowUnix();  // VOCWEEK_CLOCK or real
        auto played = vw::seed::PlayDemoWeek(app.db(), now, app.media());
        if (!played) {
          std::cerr << "演示活动周未能写入：" << played.error().message << "\n";
          return 1;
        }
        std::cout << "演示活动周的记录截至 " << vw::timeutil::FormatShanghaiMinute(now) << "："
                  << played->activities << " 项活动，" << played->registrations << " 条报名，"
                  << played->checked_in << " 人凭票签到，" << played->walkins << " 人现场登记，"
                  << played->media_reports << " 篇媒体报道，" << played->publicity_items
                  << " 件宣传材料（" << played->pictures << " 张图片，择优推送刊发 "
                  << played->pushed_outlets << " 次），" << played->forms_submitted
                  << " 次报表提交（信息采集表、情况统计表）。\n";
      }
      PrintAccounts(*accounts);
      return 0;
    }
    if (*admin) {
      if (password.empty()) {
        if (const char* env = std::getenv("VOCWEEK_ADMIN_PASSWORD")) password = env;
      }
      auto done = app.accounts().CreateAdmin(username, display_name, password);
      if (!done) {
        std::cerr << done.error().message << "\n";
        return 1;
      }
      std::cout << "系统管理员 " << username << " 已设置。\n";
      return 0;
    }
    if (*purge) {
      int days = retention_days >= 0 ? retention_days : config.retention_days;
      int n = app.registrations().PurgePersonalData(
          days, vw::timeutil::ShanghaiDate(vw::timeutil::NowUnix()));
      std::cout << "已删除 " << n << " 条报名记录中的个人信息（统计人数保留）。\n";
      return 0;
    }
    if (*import_units) return RunImport(app, file, dry_run, false);
    if (*import_users) return RunImport(app, file, dry_run, true);
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }
  return 0;
}
