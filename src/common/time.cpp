#include "common/time.hpp"

#include <date/tz.h>

#include <atomic>
#include <chrono>
#include <cstdio>

namespace sp {
namespace {
std::atomic<std::int64_t> clock_offset{0};  // seconds added to the system clock
std::int64_t system_unix() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}
}  // namespace

void set_clock(std::int64_t unix_seconds) { clock_offset = unix_seconds - system_unix(); }

std::int64_t now_unix() { return system_unix() + clock_offset.load(std::memory_order_relaxed); }

std::optional<std::int64_t> parse_iso_utc(std::string_view s) {
  if (s.size() != 20 || s[10] != 'T' || s[19] != 'Z' || !valid_date(s.substr(0, 10)) || s[13] != ':' || s[16] != ':') return std::nullopt;
  auto num = [&](std::size_t at) { return (s[at] >= '0' && s[at] <= '9' && s[at + 1] >= '0' && s[at + 1] <= '9') ? (s[at] - '0') * 10 + (s[at + 1] - '0') : -1; };
  int h = num(11), m = num(14), sec = num(17);
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) return std::nullopt;
  using namespace std::chrono;
  auto y = std::stoi(std::string(s.substr(0, 4)));
  auto mo = static_cast<unsigned>(std::stoi(std::string(s.substr(5, 2))));
  auto d = static_cast<unsigned>(std::stoi(std::string(s.substr(8, 2))));
  sys_days day{year_month_day{year{y}, month{mo}, std::chrono::day{d}}};
  return day.time_since_epoch().count() * 86400LL + h * 3600 + m * 60 + sec;
}

std::string iso_from_unix(std::int64_t t) {
  using namespace std::chrono;
  sys_seconds tp{seconds{t}};
  auto day = floor<days>(tp);
  year_month_day ymd{day};
  hh_mm_ss hms{tp - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()));
  return buf;
}

std::string now_iso() { return iso_from_unix(now_unix()); }

std::string today() { return utc_to_chisinau(now_iso()).substr(0, 10); }

bool valid_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  unsigned m = (s[5] - '0') * 10 + (s[6] - '0');
  unsigned d = (s[8] - '0') * 10 + (s[9] - '0');
  if (y < 1900 || y > 2100) return false;
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}.ok();
}

namespace {
// Parses "YYYY-MM-DD" into a day count; the caller has checked valid_date.
std::chrono::sys_days parse_day(std::string_view s) {
  int y = std::stoi(std::string(s.substr(0, 4)));
  unsigned m = static_cast<unsigned>(std::stoi(std::string(s.substr(5, 2))));
  unsigned d = static_cast<unsigned>(std::stoi(std::string(s.substr(8, 2))));
  return std::chrono::sys_days{std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}};
}
std::string format_day(std::chrono::sys_days d) {
  std::chrono::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}
bool two_digits(std::string_view s, std::size_t at, int max) {
  if (s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') return false;
  return (s[at] - '0') * 10 + (s[at + 1] - '0') <= max;
}
const date::time_zone* chisinau() {
  static const date::time_zone* z = date::locate_zone("Europe/Chisinau");
  return z;
}
}  // namespace

std::optional<std::string> chisinau_to_utc(std::string_view s) {
  if (s.size() != 16 && s.size() != 19) return std::nullopt;
  if (!valid_date(s.substr(0, 10)) || s[10] != 'T' || s[13] != ':') return std::nullopt;
  if (!two_digits(s, 11, 23) || !two_digits(s, 14, 59)) return std::nullopt;
  int sec = 0;
  if (s.size() == 19) {
    if (s[16] != ':' || !two_digits(s, 17, 59)) return std::nullopt;
    sec = std::stoi(std::string(s.substr(17, 2)));
  }
  auto day = parse_day(s.substr(0, 10));
  auto local = date::local_seconds{day.time_since_epoch()} + std::chrono::hours{std::stoi(std::string(s.substr(11, 2)))} +
               std::chrono::minutes{std::stoi(std::string(s.substr(14, 2)))} + std::chrono::seconds{sec};
  auto info = chisinau()->get_info(local);
  // In the spring gap, the offset before it maps the time to the same distance after the change;
  // in the autumn overlap, `first` is the earlier instant.
  std::chrono::sys_seconds utc = date::sys_seconds{local.time_since_epoch()} - info.first.offset;
  return iso_from_unix(utc.time_since_epoch().count());
}

std::string utc_to_chisinau(std::string_view utc) {
  if (utc.size() < 19 || !valid_date(utc.substr(0, 10))) return std::string(utc);
  auto day = parse_day(utc.substr(0, 10));
  std::chrono::sys_seconds t = day + std::chrono::hours{std::stoi(std::string(utc.substr(11, 2)))} +
                               std::chrono::minutes{std::stoi(std::string(utc.substr(14, 2)))} +
                               std::chrono::seconds{std::stoi(std::string(utc.substr(17, 2)))};
  auto local = chisinau()->to_local(t);
  auto ld = std::chrono::floor<std::chrono::days>(local.time_since_epoch());
  std::chrono::hh_mm_ss hms{local.time_since_epoch() - ld};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02ld:%02ld:%02ld", format_day(std::chrono::sys_days{ld}).c_str(),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()));
  return buf;
}

std::string add_months(std::string_view d, int months) {
  std::chrono::year_month_day ymd{parse_day(d)};
  auto ym = std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
  auto last = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}}.day();
  auto day = ymd.day() > last ? last : ymd.day();
  return format_day(std::chrono::sys_days{std::chrono::year_month_day{ym.year(), ym.month(), day}});
}

std::string add_days(std::string_view d, int days) { return format_day(parse_day(d) + std::chrono::days{days}); }
}  // namespace sp

namespace sp {
int days_between(std::string_view from, std::string_view to) {
  return static_cast<int>((parse_day(to) - parse_day(from)).count());
}
}  // namespace sp
