#pragma once
#include <cstdint>
#include <string>
#include <optional>
#include <string_view>

namespace sp {
// The server's one clock. Every "now" and "today" of the product reads it; it runs at real time,
// from a starting instant a test or a demo may set (SOCIALPACT_CLOCK, config `clock`), so that tests
// can reach midnight in Moldova, month ends and DST changes. Thread-safe.
// Sets the clock to read `unix_seconds` now and run on from there.
void set_clock(std::int64_t unix_seconds);
// Parses "YYYY-MM-DDTHH:MM:SSZ" (an instant in UTC); nullopt when malformed.
std::optional<std::int64_t> parse_iso_utc(std::string_view s);
// Current UTC time as "YYYY-MM-DDTHH:MM:SSZ" (sortable as text, portable across SQLite/PostgreSQL).
std::string now_iso();
// Seconds since the epoch.
std::int64_t now_unix();
std::string iso_from_unix(std::int64_t t);
// True for a real calendar date written "YYYY-MM-DD" (years 1900-2100).
bool valid_date(std::string_view s);
// Today's date in Moldova (Europe/Chisinau) as "YYYY-MM-DD": "today" is Moldova's today everywhere.
std::string today();

// Deadlines are set and shown in Moldova's time (Europe/Chisinau, EET/EEST, from the system's tz
// database). A local date-time "YYYY-MM-DDTHH:MM[:SS]" → the UTC instant "YYYY-MM-DDTHH:MM:SSZ";
// nullopt when malformed. A time skipped by the spring change moves forward; an ambiguous autumn
// time takes the earlier instant.
std::optional<std::string> chisinau_to_utc(std::string_view local);
// A UTC instant "YYYY-MM-DDTHH:MM:SSZ" → local "YYYY-MM-DDTHH:MM:SS" in Chisinau.
std::string utc_to_chisinau(std::string_view utc);
// "YYYY-MM-DD" plus a number of months (day clamped to the month's end), and plus days.
std::string add_months(std::string_view date, int months);
std::string add_days(std::string_view date, int days);
// Days from one "YYYY-MM-DD" to another (negative when `to` is earlier).
int days_between(std::string_view from, std::string_view to);
}  // namespace sp
