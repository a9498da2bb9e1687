#include "platform/config.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace sp {
namespace {
void env_str(const char* name, std::string& out) {
  if (const char* v = std::getenv(name); v && *v) out = v;
}
void env_int(const char* name, int& out) {
  if (const char* v = std::getenv(name); v && *v) out = std::stoi(v);
}
void env_bool(const char* name, bool& out) {
  if (const char* v = std::getenv(name); v && *v) out = std::string(v) == "1" || std::string(v) == "true";
}
}  // namespace

std::string Config::effective_database_url() const {
  return database_url.empty() ? "sqlite:" + data_dir + "/socialpact.db" : database_url;
}

std::string Config::public_base() const {
  return public_url.empty() ? "http://" + host + ":" + std::to_string(port) : public_url;
}

Config load_config(const std::string& path) {
  Config c;
  if (!path.empty() && std::filesystem::exists(path)) {
    toml::table t;
    try {
      t = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      throw std::runtime_error("config " + path + ": " + std::string(e.description()));
    }
    c.data_dir = t["data_dir"].value_or(c.data_dir);
    c.database_url = t["database_url"].value_or(c.database_url);
    c.host = t["server"]["host"].value_or(c.host);
    c.port = t["server"]["port"].value_or(c.port);
    c.io_threads = t["server"]["io_threads"].value_or(c.io_threads);
    c.workers = t["server"]["workers"].value_or(c.workers);
    c.static_dir = t["server"]["static_dir"].value_or(c.static_dir);
    c.secure_cookies = t["server"]["secure_cookies"].value_or(c.secure_cookies);
    c.session_idle_seconds = t["sessions"]["idle_minutes"].value_or(c.session_idle_seconds / 60) * 60;
    c.session_absolute_seconds = t["sessions"]["absolute_hours"].value_or(c.session_absolute_seconds / 3600) * 3600;
    c.login_max_failures = t["sessions"]["login_max_failures"].value_or(c.login_max_failures);
    c.login_lock_minutes = t["sessions"]["login_lock_minutes"].value_or(c.login_lock_minutes);
    c.login_rate_per_minute = t["sessions"]["login_rate_per_minute"].value_or(c.login_rate_per_minute);
    c.smtp_url = t["mail"]["smtp_url"].value_or(c.smtp_url);
    c.smtp_from = t["mail"]["from"].value_or(c.smtp_from);
    c.smtp_user = t["mail"]["user"].value_or(c.smtp_user);
    c.smtp_password = t["mail"]["password"].value_or(c.smtp_password);
    c.public_url = t["server"]["public_url"].value_or(c.public_url);
    c.clock = t["clock"].value_or(c.clock);
    if (const auto* a = t["server"]["trusted_proxies"].as_array())
      for (const auto& e : *a)
        if (auto v = e.value<std::string>()) c.trusted_proxies.push_back(*v);
    c.ocid_prefix = t["open_contracting"]["ocid_prefix"].value_or(c.ocid_prefix);
    c.ocds_publisher = t["open_contracting"]["publisher"].value_or(c.ocds_publisher);
    c.open_data_ref = t["open_data"]["ref"].value_or(c.open_data_ref);
    c.open_data_publisher = t["open_data"]["publisher"].value_or(c.open_data_publisher);
    c.open_data_type = t["open_data"]["type"].value_or(c.open_data_type);
    c.giving_prefix = t["open_data"]["giving_prefix"].value_or(c.giving_prefix);
    c.jobs_interval_seconds = t["jobs"]["interval_minutes"].value_or(c.jobs_interval_seconds / 60) * 60;
  }
  env_str("SOCIALPACT_DATA_DIR", c.data_dir);
  env_str("SOCIALPACT_DATABASE_URL", c.database_url);
  env_str("SOCIALPACT_HOST", c.host);
  env_int("SOCIALPACT_PORT", c.port);
  env_int("SOCIALPACT_IO_THREADS", c.io_threads);
  env_str("SOCIALPACT_STATIC_DIR", c.static_dir);
  env_bool("SOCIALPACT_SECURE_COOKIES", c.secure_cookies);
  env_int("SOCIALPACT_LOGIN_RATE", c.login_rate_per_minute);
  env_int("SOCIALPACT_LOGIN_MAX_FAILURES", c.login_max_failures);
  env_bool("SOCIALPACT_LOG_REQUESTS", c.log_requests);
  env_int("SOCIALPACT_SESSION_IDLE_SECONDS", c.session_idle_seconds);
  env_int("SOCIALPACT_SESSION_ABSOLUTE_SECONDS", c.session_absolute_seconds);
  env_int("SOCIALPACT_JOBS_INTERVAL_SECONDS", c.jobs_interval_seconds);
  env_str("SOCIALPACT_SMTP_URL", c.smtp_url);
  env_str("SOCIALPACT_SMTP_FROM", c.smtp_from);
  env_str("SOCIALPACT_SMTP_USER", c.smtp_user);
  env_str("SOCIALPACT_SMTP_PASSWORD", c.smtp_password);
  env_str("SOCIALPACT_PUBLIC_URL", c.public_url);
  env_str("SOCIALPACT_CLOCK", c.clock);
  env_str("SOCIALPACT_OCID_PREFIX", c.ocid_prefix);
  env_str("SOCIALPACT_OCDS_PUBLISHER", c.ocds_publisher);
  env_str("SOCIALPACT_OPEN_DATA_REF", c.open_data_ref);
  env_str("SOCIALPACT_OPEN_DATA_PUBLISHER", c.open_data_publisher);
  env_str("SOCIALPACT_360G_PREFIX", c.giving_prefix);
  if (const char* v = std::getenv("SOCIALPACT_TRUSTED_PROXIES"); v && *v) {
    c.trusted_proxies.clear();
    std::string s = v;
    for (std::size_t at = 0; at <= s.size();) {
      auto comma = s.find(',', at);
      if (comma == std::string::npos) comma = s.size();
      auto one = s.substr(at, comma - at);
      while (!one.empty() && one.front() == ' ') one.erase(0, 1);
      while (!one.empty() && one.back() == ' ') one.pop_back();
      if (!one.empty()) c.trusted_proxies.push_back(one);
      at = comma + 1;
    }
  }
  while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
  return c;
}
}  // namespace sp
