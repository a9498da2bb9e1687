#include "app/cli.hpp"

#include <boost/json.hpp>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>

#include "app/app.hpp"
#include "app/backup.hpp"
#include "app/demo.hpp"
#include "app/jobs.hpp"
#include "audit/audit.hpp"
#include "auth/roles.hpp"
#include "auth/routes.hpp"
#include "auth/tokens.hpp"
#include "auth/users.hpp"
#include "common/crypto.hpp"
#include "common/log.hpp"
#include "common/time.hpp"
#include "http/server.hpp"
#include "platform/tallies.hpp"
#include "store/migrate.hpp"

namespace sp {
namespace {

// `with_key`: load the identity key, made at the first start when there is none. A restore opens no
// key: it must not leave a new one beside a database sealed with another.
App open_app(const std::string& config_path, const CliOverrides& over, bool with_key = true) {
  init_crypto();
  App app;
  app.cfg = load_config(config_path);
  if (!over.data_dir.empty()) app.cfg.data_dir = over.data_dir;
  if (!over.database_url.empty()) app.cfg.database_url = over.database_url;
  if (!over.host.empty()) app.cfg.host = over.host;
  if (over.port >= 0) app.cfg.port = over.port;
  if (!over.static_dir.empty()) app.cfg.static_dir = over.static_dir;
  if (!app.cfg.clock.empty()) {
    auto start = parse_iso_utc(app.cfg.clock);
    if (!start) throw std::runtime_error("clock must be an instant in UTC, YYYY-MM-DDTHH:MM:SSZ (got " + app.cfg.clock + ")");
    set_clock(*start);
  }
  std::filesystem::create_directories(app.cfg.data_dir);
  app.db = store::Database::open(app.cfg.effective_database_url(), app.cfg.io_threads + app.cfg.workers + 2);
  if (with_key) app.vault = std::make_unique<Vault>(Vault::load((std::filesystem::path(app.cfg.data_dir) / "identity.key").string()));
  return app;
}

// The identity key must open this database's sealed identities (migration 0011): checked at every
// start after the migrations, recorded the first time (after checking a stored identity, if any).
void check_identity_key(App& app) {
  const std::string probe = "socialpact identity key check";
  auto refuse = [&] {
    throw std::runtime_error(
        "the identity key (" + (std::filesystem::path(app.cfg.data_dir) / "identity.key").string() +
        " or SOCIALPACT_IDENTITY_KEY) does not open the identities in this database. Restore the key this database "
        "was used with (docs/deployment.md, \"The identity key\"); with another key every person's identity would be unreadable");
  };
  auto tx = app.db->write();
  if (auto sealed = tx.scalar_text("SELECT sealed FROM identity_key_check WHERE id = 1")) {
    try {
      if (app.vault->open(*sealed) != probe) refuse();
    } catch (const std::runtime_error&) {
      refuse();
    }
    return;
  }
  if (auto any = tx.scalar_text("SELECT identity FROM people WHERE identity IS NOT NULL AND identity <> '' ORDER BY id LIMIT 1")) {
    try {
      app.vault->open(*any);
    } catch (const std::runtime_error&) {
      refuse();
    }
  }
  tx.exec("INSERT INTO identity_key_check (id, sealed, created_at) VALUES (1, $1, $2)", {app.vault->seal(probe), now_iso()});
  tx.commit();
}

bool database_empty(App& app) {
  auto tx = app.db->read();
  return tx.scalar("SELECT COUNT(*) FROM users").value_or(0) == 0;
}

int serve(const std::string& config_path, const CliOverrides& over, bool demo) {
  auto app = open_app(config_path, over);
  // One line per request: buffered and flushed every second (and at once for warnings), not a
  // write() per line; text or JSON lines.
  log::setup(app.cfg.log_format == "json" ? log::Format::Json : log::Format::Text, app.cfg.log_requests);
  if (auto unknown = Config::unknown_variables(); !unknown.empty()) {
    std::string names;
    for (const auto& n : unknown) names += (names.empty() ? "" : ", ") + n;
    spdlog::warn("environment variables that are no setting of socialpact (misspelt?): {}", names);
  }
  int applied = store::migrate(*app.db);
  if (applied) spdlog::info("applied {} migration(s)", applied);
  check_identity_key(app);
  if (demo && database_empty(app)) {
    spdlog::info("empty database: loading demo data");
    load_demo(app);
  }
  http::Router router;
  register_all_routes(app, router);
  http::ServerOptions o;
  o.host = app.cfg.host;
  o.port = static_cast<unsigned short>(app.cfg.port);
  o.io_threads = app.cfg.io_threads;
  o.workers = app.cfg.workers;
  o.static_dir = app.cfg.static_dir;
  o.trusted_proxies = app.cfg.trusted_proxies;
  http::Server server(router, o, auth::middleware(app));
  auto port = server.bind();
  // Tests read this line to learn the port when started with --port 0.
  std::cout << "listening on http://" << o.host << ":" << port << std::endl;
  {
    Jobs jobs(app);
    server.run();
  }
  spdlog::default_logger()->flush();
  return 0;
}

std::string read_password(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("SOCIALPACT_PASSWORD"); env && *env) return env;
  std::string line;
  std::cerr << "password: ";
  std::getline(std::cin, line);
  return line;
}
}  // namespace

void register_cli(CLI::App& cli, const std::string& config_path, CliOverrides& over) {
  static bool no_demo = false;
  auto* serve_cmd = cli.add_subcommand("serve", "migrate, load demo data into an empty database, and serve");
  serve_cmd->add_option("--host", over.host, "address to listen on");
  serve_cmd->add_option("--port", over.port, "port (0: any free port)");
  serve_cmd->add_option("--static", over.static_dir, "directory of the built UI");
  serve_cmd->add_flag("--no-demo", no_demo, "do not load demo data into an empty database");
  serve_cmd->callback([&] { std::exit(serve(config_path, over, !no_demo)); });

  static bool status = false;
  auto* mig = cli.add_subcommand("migrate", "apply pending database migrations");
  mig->add_flag("--status", status, "list migrations and whether each is applied");
  mig->callback([&] {
    auto app = open_app(config_path, over);
    if (status) {
      for (const auto& m : store::migration_status(*app.db))
        std::cout << m.version << " " << m.name << (m.applied ? " applied" : " pending") << "\n";
      return;
    }
    std::cout << "applied " << store::migrate(*app.db) << " migration(s)\n";
  });

  static std::string archive;
  auto* bk = cli.add_subcommand("backup", "write one archive of the live database and the uploaded files (never the identity key)");
  bk->add_option("--out", archive, "the archive to write (.tar.gz)")->required();
  bk->callback([&] {
    auto app = open_app(config_path, over);
    try {
      std::cout << backup(app, archive) << "\n";
      std::cerr << "backup written to " << archive << ". The identity key is not in it: keep "
                << (std::filesystem::path(app.cfg.data_dir) / "identity.key").string() << " apart, safely.\n";
    } catch (const std::exception& e) {
      std::cerr << "socialpact: backup failed: " << e.what() << "\n";
      std::exit(1);
    }
  });
  auto* rs = cli.add_subcommand("restore", "restore an archive of `socialpact backup` into an empty data directory or database");
  rs->add_option("--from", archive, "the archive")->required();
  rs->callback([&] {
    auto app = open_app(config_path, over, false);
    try {
      std::cout << restore(app, archive) << "\n";
    } catch (const std::exception& e) {
      std::cerr << "socialpact: restore refused: " << e.what() << "\n";
      std::exit(1);
    }
  });

  auto* remind = cli.add_subcommand("remind", "write the reminders that are due (the server does this every interval)");
  remind->callback([&] {
    auto app = open_app(config_path, over);
    std::cout << run_jobs(app) << " reminder(s) written\n";
  });

  static std::string scale = "programme";
  auto* demo = cli.add_subcommand("demo", "load demo data into an empty database");
  demo->add_option("--scale", scale, "programme (60 CSOs) or national (10,000 CSOs, for benchmarks)")
      ->check(CLI::IsMember({"programme", "national"}));
  demo->callback([&] {
    auto app = open_app(config_path, over);
    store::migrate(*app.db);
    check_identity_key(app);
    if (!database_empty(app)) {
      std::cerr << "the database is not empty: demo data is only loaded into an empty one\n";
      std::exit(1);
    }
    load_demo(app, scale);
    std::cout << "demo data loaded\n";
  });

  auto* tallies = cli.add_subcommand("tallies", "the aggregates kept beside the records (decision 0024)");
  tallies->require_subcommand(1);
  tallies->add_subcommand("rebuild", "count every tally afresh from the records")->callback([&] {
    auto app = open_app(config_path, over);
    (void)modules();  // the capabilities register how they count
    auto tx = app.db->write();
    platform::tallies::rebuild_all(tx);
    tx.commit();
    std::cout << "tallies counted afresh\n";
  });
  tallies->add_subcommand("check", "compare the tallies with a fresh count and with direct counts (changes nothing)")->callback([&] {
    auto app = open_app(config_path, over);
    (void)modules();
    auto tx = app.db->write();
    auto differences = platform::tallies::check_all(tx);  // rolled back: the tallies stay as kept
    for (const auto& d : differences) std::cout << d << "\n";
    if (!differences.empty()) std::exit(1);
    std::cout << "tallies agree with the records\n";
  });

  auto* routes = cli.add_subcommand("routes", "print every HTTP route with its permission, as JSON");
  routes->callback([&] {
    App app;  // routes need no database to be listed
    http::Router router;
    register_all_routes(app, router);
    boost::json::array out;
    for (const auto& r : router.routes())
      out.push_back({{"method", r.method}, {"path", r.pattern}, {"permission", r.permission}});
    std::cout << boost::json::serialize(out) << "\n";
  });

  auto* token = cli.add_subcommand("token", "API tokens (decision 0030)");
  token->require_subcommand(1);
  static std::string token_email, token_name, token_permissions, token_expires;
  auto* tmake = token->add_subcommand("create", "make a token for an account and print it (shown this once)");
  tmake->add_option("--email", token_email, "the account (a person's or a service account's)")->required();
  tmake->add_option("--name", token_name, "what the token is for")->required();
  tmake->add_option("--permissions", token_permissions, "comma-separated, each among the account's role's; \"all\": every one")->required();
  tmake->add_option("--expires", token_expires, "its last day, YYYY-MM-DD (at most a year away; default: 90 days)");
  tmake->callback([&] {
    auto app = open_app(config_path, over);
    std::vector<std::string> permissions;
    if (token_permissions == "all") {
      auto tx = app.db->read();
      auto u = auth::find_user_by_email(tx, auth::normalise_email(token_email));
      if (u) permissions = auth::role_permissions(u->role);
    } else {
      for (std::size_t at = 0; at <= token_permissions.size();) {
        auto comma = std::min(token_permissions.find(',', at), token_permissions.size());
        if (comma > at) permissions.push_back(token_permissions.substr(at, comma - at));
        at = comma + 1;
      }
    }
    try {
      auto made = auth::token_create_for(app, audit::system_actor("cli"), token_email, token_name, permissions,
                                         token_expires.empty() ? add_days(today(), 90) : token_expires);
      std::cout << made.token << "\n";
      std::cerr << "token " << made.id << " made: keep it now, it is not shown again\n";
    } catch (const HttpError& e) {
      std::cerr << e.what() << "\n";
      for (const auto& f : e.errors()) std::cerr << "  " << f.field << ": " << f.message << "\n";
      std::exit(1);
    }
  });
  auto* tlist = token->add_subcommand("list", "list tokens (of one account with --email), as JSON lines");
  tlist->add_option("--email", token_email, "only this account's");
  tlist->callback([&] {
    auto app = open_app(config_path, over);
    for (const auto& t : auth::tokens_of(app, token_email)) std::cout << boost::json::serialize(t) << "\n";
  });
  static std::int64_t token_id = 0;
  auto* trevoke = token->add_subcommand("revoke", "revoke a token by its id");
  trevoke->add_option("id", token_id)->required();
  trevoke->callback([&] {
    auto app = open_app(config_path, over);
    if (!auth::token_revoke_by(app, audit::system_actor("cli"), token_id)) {
      std::cerr << "no such token, or it is already revoked\n";
      std::exit(1);
    }
    std::cout << "token " << token_id << " revoked\n";
  });

  auto* user = cli.add_subcommand("user", "manage accounts");
  user->require_subcommand(1);
  static auth::NewUser nu;
  static std::string password;
  auto* add = user->add_subcommand("add", "create an account");
  add->add_option("--email", nu.email)->required();
  add->add_option("--name", nu.name)->required();
  add->add_option("--role", nu.role)->required()->check(CLI::IsMember(auth::all_roles()));
  add->add_option("--organisation", nu.organisation_id, "organisation id (CSO staff)");
  add->add_option("--authority", nu.authority_id, "authority id (authority staff)");
  add->add_option("--district", nu.district, "district code, e.g. MD-CA");
  add->add_option("--password", password, "password (or SOCIALPACT_PASSWORD, or asked)");
  static bool service = false;
  add->add_flag("--service", service, "a service account: no password, it signs in with API tokens (socialpact token create)");
  add->callback([&] {
    auto app = open_app(config_path, over);
    store::migrate(*app.db);
    boost::json::object body{{"email", nu.email}, {"name", nu.name}, {"role", nu.role}};
    if (service) body["service_account"] = true;
    else body["password"] = read_password(password);
    if (nu.organisation_id) body["organisation_id"] = *nu.organisation_id;
    if (nu.authority_id) body["authority_id"] = *nu.authority_id;
    if (nu.district) body["district"] = *nu.district;
    try {
      auto u = auth::parse_new_user(body);
      auto tx = app.db->write();
      auto id = auth::insert_user(tx, u, u.kind == "service" ? std::string("!") : password_hash(u.password));
      audit::record(tx, audit::system_actor("cli"), "create", "user", id, nullptr, auth::to_json(*auth::find_user(tx, id)),
                    "account created from the command line");
      tx.commit();
      std::cout << "created user " << id << " " << u.email << "\n";
    } catch (const HttpError& e) {
      std::cerr << e.what() << "\n";
      for (const auto& f : e.errors()) std::cerr << "  " << f.field << ": " << f.message << "\n";
      std::exit(1);
    }
  });
  auto* ls = user->add_subcommand("list", "list accounts");
  ls->callback([&] {
    auto app = open_app(config_path, over);
    auto tx = app.db->read();
    for (const auto& u : auth::list_users(tx))
      std::cout << u.id << "\t" << u.email << "\t" << u.role << "\t" << u.status
                << (u.locked_until > now_unix() ? "\tlocked" : "") << "\t" << u.name << "\n";
  });
  static std::string email;
  auto* dis = user->add_subcommand("disable", "disable an account and end its sessions");
  dis->add_option("email", email)->required();
  dis->callback([&] {
    auto app = open_app(config_path, over);
    auto tx = app.db->write();
    auto u = auth::find_user_by_email(tx, email);
    if (!u) {
      std::cerr << "no such user\n";
      std::exit(1);
    }
    tx.exec("UPDATE users SET status = 'disabled', version = version + 1, updated_at = $1 WHERE id = $2", {now_iso(), u->id});
    auth::delete_user_sessions(tx, u->id);
    audit::record(tx, audit::system_actor("cli"), "update", "user", u->id, auth::to_json(*u),
                  auth::to_json(*auth::find_user(tx, u->id)), "disabled from the command line");
    tx.commit();
    std::cout << "disabled " << email << "\n";
  });
  auto* reset = user->add_subcommand("reset-password", "set a new password, unlock, end sessions");
  reset->add_option("email", email)->required();
  reset->add_option("--password", password);
  reset->callback([&] {
    auto app = open_app(config_path, over);
    auto pw = read_password(password);
    Validator v(boost::json::object{});
    auth::check_password_policy(v, "password", pw);
    if (!v.ok()) {
      std::cerr << "password: " << v.errors()[0].message << "\n";
      std::exit(1);
    }
    auto hash = password_hash(pw);
    auto tx = app.db->write();
    auto u = auth::find_user_by_email(tx, email);
    if (!u) {
      std::cerr << "no such user\n";
      std::exit(1);
    }
    tx.exec("UPDATE users SET password_hash = $1, version = version + 1, updated_at = $2 WHERE id = $3", {hash, now_iso(), u->id});
    auth::clear_sign_in_failures(tx, u->email);
    auth::delete_user_sessions(tx, u->id);
    audit::record(tx, audit::system_actor("cli"), "password_reset", "user", u->id, nullptr, nullptr,
                  "password reset from the command line");
    tx.commit();
    std::cout << "password reset for " << email << "\n";
  });
}
}  // namespace sp
