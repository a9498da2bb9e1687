#pragma once
// Money is integer minor units (bani, euro cents) with its currency. Never floating point.
#include <cstdint>
#include <string>
#include <string_view>

namespace sp {
struct Money {
  std::int64_t minor = 0;
  std::string currency;  // ISO 4217: "MDL", "EUR"
};
// Currencies this product records amounts in.
bool supported_currency(std::string_view code);
// "1 234 567,89 MDL": as amounts are written in Moldova (narrow no-break space between thousands,
// decimal comma), for documents such as the grant agreement.
std::string format_money(std::int64_t minor, std::string_view currency);
// "3885.02", "507220", "72.5", "-0.05": the amount as a plain decimal with a point and no trailing
// zeros, as open-data standards (OCDS, IATI, 360Giving) write it.
std::string decimal_text(std::int64_t minor);
// Largest amount accepted anywhere (10^15 minor units): far above any programme, far below overflow.
inline constexpr std::int64_t kMaxMinor = 1'000'000'000'000'000;
}  // namespace sp
