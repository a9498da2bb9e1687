#pragma once
// Configuration: defaults, then an optional TOML file, then SOCIALPACT_* environment variables,
// then command-line flags (each later source wins). Every setting is one row of a table
// (config.cpp): a key of the file that is not a setting, a value of the wrong type or out of range,
// or an environment variable that does not parse stops the start with the key named (ConfigError).
#include <stdexcept>
#include <string>
#include <vector>

namespace sp {
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Config {
  std::string data_dir = "./data";
  std::string database_url;  // default: sqlite:<data_dir>/socialpact.db
  std::string host = "127.0.0.1";
  int port = 8080;
  int io_threads = 2;
  int workers = 2;
  std::string static_dir = "web/dist";
  bool secure_cookies = false;       // true behind TLS: __Host- cookie with Secure
  int session_idle_seconds = 30 * 60;        // [sessions] idle_minutes
  int session_absolute_seconds = 12 * 3600;  // [sessions] absolute_hours
  int login_max_failures = 5;        // then the account is locked for login_lock_minutes
  int login_lock_minutes = 15;
  int login_rate_per_minute = 10;    // sign-in attempts per client address
  int token_rate_per_minute = 600;   // [tokens] rate_per_minute: requests with one API token
  bool log_requests = true;
  std::string log_format = "text";  // [log] format: "text" or "json" (JSON lines)
  // [metrics] allow: client addresses that may read /metrics without signing in (a Prometheus
  // server); from elsewhere it takes an administrator or a token with the metrics.read permission.
  std::vector<std::string> metrics_allow;
  // [mail] SMTP for e-mailed notifications (off when smtp_url is empty), e.g. "smtp://mail.example.md:587".
  std::string smtp_url;
  std::string smtp_from = "socialpact <noreply@socialpact.md>";
  std::string smtp_user;
  std::string smtp_password;
  std::string public_url;  // the address users open, for links in e-mails, e.g. "https://socialpact.md"
  // The instant the server's clock starts at ("YYYY-MM-DDTHH:MM:SSZ"), for tests and demos; empty:
  // the system's time. See sp::set_clock.
  std::string clock;
  // Addresses of reverse proxies whose X-Forwarded-For names the client ([server] trusted_proxies,
  // SOCIALPACT_TRUSTED_PROXIES comma-separated). From any other peer the header is ignored.
  std::vector<std::string> trusted_proxies;
  // [open_contracting] The OCDS ocid prefix registered with the Open Contracting Partnership
  // (SOCIALPACT_OCID_PREFIX) and the publisher's name (SOCIALPACT_OCDS_PUBLISHER).
  std::string ocid_prefix = "ocds-spmd01";
  std::string ocds_publisher = "socialpact";
  // [open_data] Who publishes the programmes' IATI activities and 360Giving grants: the organisation's
  // identifier as org-id.guide writes it (SOCIALPACT_OPEN_DATA_REF; a Moldovan foundation's is
  // "MD-IDNO-" and its IDNO), its name (SOCIALPACT_OPEN_DATA_PUBLISHER), its IATI organisation type
  // (60: foundation) and the 360Giving identifier prefix registered for it (SOCIALPACT_360G_PREFIX).
  // The defaults are placeholders that a publisher replaces (decision 0025).
  std::string open_data_ref = "XI-IATI-SOCIALPACT";
  std::string open_data_publisher = "socialpact";
  std::string open_data_type = "60";
  std::string giving_prefix = "360G-socialpact";
  int jobs_interval_seconds = 600;   // [jobs] interval_minutes: reminders run at start and then this often
  // Webhooks (decision 0032): how often deliveries are looked for; a failed attempt's wait before the
  // next (doubled each time, at most a day); attempts of one delivery; failed attempts in a row after
  // which a subscription is disabled; a request's timeout; and whether endpoints on private, loopback
  // or link-local addresses are allowed (off: a subscription cannot reach the server's own network).
  int webhooks_interval_seconds = 5;
  int webhooks_backoff_seconds = 60;
  int webhooks_max_attempts = 8;
  int webhooks_disable_after = 20;
  int webhooks_timeout_seconds = 10;
  bool webhooks_allow_private = false;

  std::string effective_database_url() const;
  // SOCIALPACT_* variables of the environment that are no setting (a misspelling, or a variable of
  // the test harness): named in a warning at start, not refused — the environment is shared with
  // the shell and scripts, the file is socialpact's own.
  static std::vector<std::string> unknown_variables();
  // The address published data links to: public_url, else the address the server listens on.
  std::string public_base() const;
};

// Loads path (when given: a missing file is refused), then the environment.
Config load_config(const std::string& path);
}  // namespace sp
