// socialpact: the command line. serve, migrate, demo, user, routes.
#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>

#include "app/app.hpp"
#include "app/cli.hpp"
#include "common/crypto.hpp"
#include "store/migrate.hpp"

int main(int argc, char** argv) {
  CLI::App cli{"socialpact: community social services, grants, costing, contracting and results"};
  cli.require_subcommand(1);
  std::string config_path;
  cli.add_option("--config", config_path, "TOML configuration file");
  sp::CliOverrides over;
  cli.add_option("--data", over.data_dir, "data directory (SQLite database, files)");
  cli.add_option("--database", over.database_url, "database URL: sqlite:PATH or postgresql://...");
  sp::register_cli(cli, config_path, over);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  } catch (const std::exception& e) {
    // e.g. the port is taken, the database cannot be opened: say so and exit, no core dump.
    std::cerr << "socialpact: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
