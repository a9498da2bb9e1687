#include "app/backup.hpp"

#include <boost/json.hpp>
#include <spawn.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "common/time.hpp"
#include "store/data_version.hpp"
#include "store/migrate.hpp"

extern char** environ;

namespace sp {
namespace fs = std::filesystem;
namespace {
constexpr const char* kFormat = "socialpact-backup";
constexpr int kFormatVersion = 1;

// Runs a program (no shell: each argument as given); its exit status, or throws naming it.
void run(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0) throw std::runtime_error(argv[0] + " could not be started: is it installed?");
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error(argv[0] + " failed (exit " + std::to_string(WEXITSTATUS(status)) + ")");
}

bool is_sqlite(const App& app) { return app.db->dialect() == store::Dialect::Sqlite; }
std::string sqlite_path(const App& app) { return app.cfg.effective_database_url().substr(7); }
fs::path files_of(const App& app) { return fs::path(app.cfg.data_dir) / "files"; }
fs::path key_of(const App& app) { return fs::path(app.cfg.data_dir) / "identity.key"; }

// A directory of our own for the work, removed when done.
struct Scratch {
  fs::path dir;
  explicit Scratch(const std::string& what) {
    dir = fs::temp_directory_path() / ("socialpact-" + what + "-" + std::to_string(::getpid()) + "-" + std::to_string(now_unix()));
    fs::create_directories(dir);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

bool empty_dir(const fs::path& p) { return !fs::exists(p) || fs::is_empty(p); }
}  // namespace

std::string backup(App& app, const std::string& out) {
  if (out.empty()) throw std::runtime_error("--out: the archive to write, e.g. /backup/socialpact-2026-12-04.tar.gz");
  Scratch work("backup");
  boost::json::object manifest{{"format", kFormat}, {"version", kFormatVersion}, {"created_at", now_iso()},
                               {"engine", is_sqlite(app) ? "sqlite" : "postgresql"}};
  {
    auto tx = app.db->read();
    manifest["data_version"] = store::data_version(tx);
    boost::json::object counts;
    for (const char* t : {"users", "organisations", "grant_agreements", "service_units", "people", "deliveries", "documents", "audit_log"})
      counts[t] = tx.scalar(std::string("SELECT COUNT(*) FROM ") + t).value_or(0);
    manifest["counts"] = std::move(counts);
  }
  int applied = 0;
  std::string last;
  for (const auto& m : store::migration_status(*app.db))
    if (m.applied) ++applied, last = std::to_string(m.version) + " " + m.name;
  manifest["migrations"] = boost::json::object{{"applied", applied}, {"last", last}};
  std::string database;
  if (is_sqlite(app)) {
    // A copy of the database as one read transaction sees it: writers go on meanwhile (WAL).
    database = "socialpact.db";
    app.db->snapshot_to((work.dir / database).string());
  } else {
    database = "database.dump";
    run({"pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file=" + (work.dir / database).string(), "--dbname=" + app.cfg.effective_database_url()});
  }
  manifest["database"] = database;
  std::size_t files = 0;
  if (fs::exists(files_of(app)))
    for (const auto& e : fs::directory_iterator(files_of(app)))
      if (e.is_regular_file()) ++files;
  manifest["files"] = files;
  manifest["identity_key"] = "not in the archive: keep " + key_of(app).string() + " (or SOCIALPACT_IDENTITY_KEY) apart, and give it to the restored server";
  std::ofstream(work.dir / "manifest.json") << boost::json::serialize(manifest) << "\n";
  fs::create_directories(work.dir / "files");
  std::vector<std::string> tar = {"tar", "-czf", out, "-C", work.dir.string(), "manifest.json", database};
  if (files) {
    tar.insert(tar.end(), {"-C", app.cfg.data_dir, "files"});
  } else {
    tar.insert(tar.end(), {"files"});  // the empty directory from the scratch
  }
  run(tar);
  return boost::json::serialize(manifest);
}

std::string restore(App& app, const std::string& from) {
  if (from.empty() || !fs::exists(from)) throw std::runtime_error("--from: no such archive: " + from);
  // Refused before anything is written: a restore never mixes with what is there.
  if (is_sqlite(app)) {
    auto tx = app.db->read();
    if (tx.scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").value_or(0) > 0)
      throw std::runtime_error("the database " + sqlite_path(app) + " is not empty: restore into an empty data directory");
  } else {
    auto tx = app.db->read();
    if (tx.scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()").value_or(0) > 0)
      throw std::runtime_error("the database is not empty: restore into an empty database (createdb)");
  }
  if (!empty_dir(files_of(app))) throw std::runtime_error(files_of(app).string() + " is not empty: restore into an empty data directory");
  Scratch work("restore");
  run({"tar", "-xzf", from, "-C", work.dir.string()});
  boost::json::object manifest;
  try {
    std::ifstream in(work.dir / "manifest.json");
    std::stringstream text;
    text << in.rdbuf();
    manifest = boost::json::parse(text.str()).as_object();
  } catch (const std::exception&) {
    throw std::runtime_error(from + " is not a socialpact backup (no manifest.json)");
  }
  if (manifest["format"] != kFormat || manifest["version"] != kFormatVersion) throw std::runtime_error(from + " is not a socialpact backup of version 1");
  const std::string engine(manifest["engine"].as_string());
  if (engine != (is_sqlite(app) ? "sqlite" : "postgresql"))
    throw std::runtime_error("the backup is of " + engine + " and the target is not: restore it into the same engine");
  const fs::path database = work.dir / std::string(manifest["database"].as_string());
  if (is_sqlite(app)) {
    app.db.reset();  // no connection of ours holds the (empty) file while it is replaced
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(sqlite_path(app) + suffix);
    fs::copy_file(database, sqlite_path(app));
  } else {
    run({"pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--dbname=" + app.cfg.effective_database_url(), database.string()});
  }
  fs::create_directories(files_of(app));
  std::size_t files = 0;
  if (fs::exists(work.dir / "files"))
    for (const auto& e : fs::directory_iterator(work.dir / "files")) {
      fs::copy_file(e.path(), files_of(app) / e.path().filename());
      ++files;
    }
  return "restored " + std::string(manifest["created_at"].as_string()) + " (" + engine + ", data version " +
         std::to_string(manifest["data_version"].to_number<std::int64_t>()) + ", " + std::to_string(files) + " files). The identity key is not in the archive: put the one this database was used with at " +
         key_of(app).string() + " (or SOCIALPACT_IDENTITY_KEY) before `serve` — without it no person's identity can be read.";
}
}  // namespace sp
