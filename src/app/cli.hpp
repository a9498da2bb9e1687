#pragma once
#include <CLI/CLI.hpp>

#include <string>

namespace sp {
struct CliOverrides {
  std::string data_dir;
  std::string database_url;
  std::string host;
  int port = -1;
  std::string static_dir;
};
// Adds the subcommands (serve, migrate, demo, user, routes) with their actions.
void register_cli(CLI::App& cli, const std::string& config_path, CliOverrides& over);
}  // namespace sp
