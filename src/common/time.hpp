#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace sp {
// Current UTC time as "YYYY-MM-DDTHH:MM:SSZ" (sortable as text, portable across SQLite/PostgreSQL).
std::string now_iso();
// Seconds since the epoch.
std::int64_t now_unix();
std::string iso_from_unix(std::int64_t t);
// True for a real calendar date written "YYYY-MM-DD" (years 1900-2100).
bool valid_date(std::string_view s);
// Today's date (UTC) as "YYYY-MM-DD".
std::string today();
}  // namespace sp
