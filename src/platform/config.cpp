#include "platform/config.hpp"

#include <toml++/toml.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <set>
#include <stdexcept>
#include <variant>

extern char** environ;

namespace sp {
namespace {
// One setting: where the file keeps it (dotted path), the environment variable that overrides it
// (none: file only), the field it sets, and for numbers the file's unit in the field's (minutes read
// into seconds) and the range of values it may take.
using Field = std::variant<std::string Config::*, int Config::*, bool Config::*, std::vector<std::string> Config::*>;
struct Setting {
  std::string_view key, env;
  Field field;
  int file_scale = 1;
  int min = 0, max = 1 << 30;
};

const std::vector<Setting>& settings() {
  static const std::vector<Setting> all = {
      {"data_dir", "SOCIALPACT_DATA_DIR", &Config::data_dir},
      {"database_url", "SOCIALPACT_DATABASE_URL", &Config::database_url},
      {"clock", "SOCIALPACT_CLOCK", &Config::clock},
      {"server.host", "SOCIALPACT_HOST", &Config::host},
      {"server.port", "SOCIALPACT_PORT", &Config::port, 1, 0, 65535},
      {"server.io_threads", "SOCIALPACT_IO_THREADS", &Config::io_threads, 1, 1, 256},
      {"server.workers", "SOCIALPACT_WORKERS", &Config::workers, 1, 1, 256},
      {"server.static_dir", "SOCIALPACT_STATIC_DIR", &Config::static_dir},
      {"server.secure_cookies", "SOCIALPACT_SECURE_COOKIES", &Config::secure_cookies},
      {"server.public_url", "SOCIALPACT_PUBLIC_URL", &Config::public_url},
      {"server.trusted_proxies", "SOCIALPACT_TRUSTED_PROXIES", &Config::trusted_proxies},
      {"server.log_requests", "SOCIALPACT_LOG_REQUESTS", &Config::log_requests},
      {"log.format", "SOCIALPACT_LOG_FORMAT", &Config::log_format},
      {"metrics.allow", "SOCIALPACT_METRICS_ALLOW", &Config::metrics_allow},
      {"sessions.idle_minutes", "", &Config::session_idle_seconds, 60, 60, 7 * 24 * 3600},
      {"", "SOCIALPACT_SESSION_IDLE_SECONDS", &Config::session_idle_seconds, 1, 1, 7 * 24 * 3600},
      {"sessions.absolute_hours", "", &Config::session_absolute_seconds, 3600, 3600, 30 * 24 * 3600},
      {"", "SOCIALPACT_SESSION_ABSOLUTE_SECONDS", &Config::session_absolute_seconds, 1, 1, 30 * 24 * 3600},
      {"sessions.login_max_failures", "SOCIALPACT_LOGIN_MAX_FAILURES", &Config::login_max_failures, 1, 1, 1000},
      {"sessions.login_lock_minutes", "SOCIALPACT_LOGIN_LOCK_MINUTES", &Config::login_lock_minutes, 1, 1, 24 * 60},
      {"sessions.login_rate_per_minute", "SOCIALPACT_LOGIN_RATE", &Config::login_rate_per_minute, 1, 1, 100000},
      {"tokens.rate_per_minute", "SOCIALPACT_TOKEN_RATE", &Config::token_rate_per_minute, 1, 1, 1000000},
      {"mail.smtp_url", "SOCIALPACT_SMTP_URL", &Config::smtp_url},
      {"mail.from", "SOCIALPACT_SMTP_FROM", &Config::smtp_from},
      {"mail.user", "SOCIALPACT_SMTP_USER", &Config::smtp_user},
      {"mail.password", "SOCIALPACT_SMTP_PASSWORD", &Config::smtp_password},
      {"jobs.interval_minutes", "", &Config::jobs_interval_seconds, 60, 60, 24 * 3600},
      {"", "SOCIALPACT_JOBS_INTERVAL_SECONDS", &Config::jobs_interval_seconds, 1, 1, 24 * 3600},
      {"webhooks.interval_seconds", "SOCIALPACT_WEBHOOKS_INTERVAL", &Config::webhooks_interval_seconds, 1, 1, 3600},
      {"webhooks.backoff_seconds", "SOCIALPACT_WEBHOOKS_BACKOFF", &Config::webhooks_backoff_seconds, 1, 1, 86400},
      {"webhooks.max_attempts", "SOCIALPACT_WEBHOOKS_MAX_ATTEMPTS", &Config::webhooks_max_attempts, 1, 1, 50},
      {"webhooks.disable_after", "SOCIALPACT_WEBHOOKS_DISABLE_AFTER", &Config::webhooks_disable_after, 1, 1, 1000},
      {"webhooks.timeout_seconds", "SOCIALPACT_WEBHOOKS_TIMEOUT", &Config::webhooks_timeout_seconds, 1, 1, 120},
      {"webhooks.allow_private", "SOCIALPACT_WEBHOOKS_ALLOW_PRIVATE", &Config::webhooks_allow_private},
      {"open_contracting.ocid_prefix", "SOCIALPACT_OCID_PREFIX", &Config::ocid_prefix},
      {"open_contracting.publisher", "SOCIALPACT_OCDS_PUBLISHER", &Config::ocds_publisher},
      {"open_data.ref", "SOCIALPACT_OPEN_DATA_REF", &Config::open_data_ref},
      {"open_data.publisher", "SOCIALPACT_OPEN_DATA_PUBLISHER", &Config::open_data_publisher},
      {"open_data.type", "SOCIALPACT_OPEN_DATA_TYPE", &Config::open_data_type},
      {"open_data.giving_prefix", "SOCIALPACT_360G_PREFIX", &Config::giving_prefix},
  };
  return all;
}

// The environment variables socialpact reads outside the configuration (they are not settings of a
// running server): a password for `user add`, the identity key.
const std::set<std::string_view> kOtherVariables = {"SOCIALPACT_PASSWORD", "SOCIALPACT_IDENTITY_KEY"};

[[noreturn]] void refuse(const std::string& where, const std::string& what) { throw ConfigError(where + ": " + what); }

std::string kind_of(const Field& f) {
  return std::visit(
      [](auto m) -> std::string {
        using T = std::remove_reference_t<decltype(std::declval<Config>().*m)>;
        if constexpr (std::is_same_v<T, int>) return "an integer";
        else if constexpr (std::is_same_v<T, bool>) return "true or false";
        else if constexpr (std::is_same_v<T, std::string>) return "a text";
        else return "a list of texts";
      },
      f);
}

void check_range(const std::string& where, const Setting& s, long long v) {
  if (v < s.min || v > s.max)
    refuse(where, "must be between " + std::to_string(s.min / s.file_scale) + " and " + std::to_string(s.max / s.file_scale) + " (got " +
                      std::to_string(v / s.file_scale) + ")");
}

void set_from_file(Config& c, const Setting& s, const toml::node& n, const std::string& where) {
  std::visit(
      [&](auto m) {
        using T = std::remove_reference_t<decltype(c.*m)>;
        if constexpr (std::is_same_v<T, int>) {
          auto v = n.value_exact<std::int64_t>();
          if (!v) refuse(where, "must be " + kind_of(s.field));
          const long long scaled = *v * s.file_scale;
          check_range(where, s, scaled);
          c.*m = static_cast<int>(scaled);
        } else if constexpr (std::is_same_v<T, bool>) {
          auto v = n.value_exact<bool>();
          if (!v) refuse(where, "must be " + kind_of(s.field));
          c.*m = *v;
        } else if constexpr (std::is_same_v<T, std::string>) {
          auto v = n.value_exact<std::string>();
          if (!v) refuse(where, "must be " + kind_of(s.field));
          c.*m = *v;
        } else {
          const auto* a = n.as_array();
          if (!a) refuse(where, "must be " + kind_of(s.field));
          (c.*m).clear();
          for (const auto& e : *a) {
            auto v = e.value_exact<std::string>();
            if (!v) refuse(where, "must be " + kind_of(s.field));
            (c.*m).push_back(*v);
          }
        }
      },
      s.field);
}

void set_from_env(Config& c, const Setting& s, const std::string& text) {
  const std::string where = "environment variable " + std::string(s.env);
  std::visit(
      [&](auto m) {
        using T = std::remove_reference_t<decltype(c.*m)>;
        if constexpr (std::is_same_v<T, int>) {
          long long v = 0;
          auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
          if (ec != std::errc() || end != text.data() + text.size()) refuse(where, "must be " + kind_of(s.field) + " (got \"" + text + "\")");
          check_range(where, s, v);
          c.*m = static_cast<int>(v);
        } else if constexpr (std::is_same_v<T, bool>) {
          if (text == "1" || text == "true") c.*m = true;
          else if (text == "0" || text == "false") c.*m = false;
          else refuse(where, "must be 1, 0, true or false (got \"" + text + "\")");
        } else if constexpr (std::is_same_v<T, std::string>) {
          c.*m = text;
        } else {  // comma-separated
          (c.*m).clear();
          for (std::size_t at = 0; at <= text.size();) {
            auto comma = text.find(',', at);
            if (comma == std::string::npos) comma = text.size();
            auto one = text.substr(at, comma - at);
            while (!one.empty() && one.front() == ' ') one.erase(0, 1);
            while (!one.empty() && one.back() == ' ') one.pop_back();
            if (!one.empty()) (c.*m).push_back(one);
            at = comma + 1;
          }
        }
      },
      s.field);
}

// Every value of the file at a known key; anything else (a misspelt key, a table where a value
// belongs) is named and refused.
void read_table(Config& c, const toml::table& t, const std::string& prefix, const std::string& file) {
  for (const auto& [k, node] : t) {
    const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    const std::string where = "config " + file + ": " + key;
    auto it = std::find_if(settings().begin(), settings().end(), [&](const Setting& s) { return s.key == key; });
    if (it != settings().end()) {
      set_from_file(c, *it, node, where);
      continue;
    }
    const bool is_section = std::any_of(settings().begin(), settings().end(),
                                        [&](const Setting& s) { return s.key.size() > key.size() && s.key.substr(0, key.size() + 1) == key + "."; });
    if (is_section && node.is_table()) read_table(c, *node.as_table(), key, file);
    else refuse(where, is_section ? "must be a table [" + key + "]" : "is not a setting of socialpact (docs/deployment.md lists them)");
  }
}

void check_whole(const Config& c) {
  if (c.log_format != "text" && c.log_format != "json") refuse("log.format", "must be \"text\" or \"json\" (got \"" + c.log_format + "\")");
  if (!c.public_url.empty() && c.public_url.rfind("http://", 0) != 0 && c.public_url.rfind("https://", 0) != 0)
    refuse("server.public_url", "must begin with http:// or https:// (got " + c.public_url + ")");
  if (!c.database_url.empty() && c.database_url.rfind("sqlite:", 0) != 0 && c.database_url.rfind("postgres", 0) != 0 &&
      c.database_url.find("dbname=") == std::string::npos)
    refuse("database_url", "must be sqlite:PATH, postgresql://… or a PostgreSQL connection string with dbname=");
}
}  // namespace

std::string Config::effective_database_url() const {
  return database_url.empty() ? "sqlite:" + data_dir + "/socialpact.db" : database_url;
}

std::string Config::public_base() const {
  return public_url.empty() ? "http://" + host + ":" + std::to_string(port) : public_url;
}

std::vector<std::string> Config::unknown_variables() {
  std::vector<std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    if (kv.rfind("SOCIALPACT_", 0) != 0) continue;
    auto name = kv.substr(0, kv.find('='));
    if (kOtherVariables.count(name)) continue;
    if (std::none_of(settings().begin(), settings().end(), [&](const Setting& s) { return s.env == name; })) out.emplace_back(name);
  }
  return out;
}

Config load_config(const std::string& path) {
  Config c;
  if (!path.empty()) {
    if (!std::filesystem::exists(path)) refuse("config " + path, "no such file");
    toml::table t;
    try {
      t = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      refuse("config " + path, std::string(e.description()) + " (line " + std::to_string(e.source().begin.line) + ")");
    }
    read_table(c, t, "", path);
  }
  for (const auto& s : settings())
    if (!s.env.empty())
      if (const char* v = std::getenv(std::string(s.env).c_str()); v && *v) set_from_env(c, s, v);
  while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
  check_whole(c);
  return c;
}
}  // namespace sp
