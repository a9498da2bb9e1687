#include "common/money.hpp"

namespace sp {
bool supported_currency(std::string_view code) { return code == "MDL" || code == "EUR"; }

std::string format_money(std::int64_t minor, std::string_view currency) {
  bool negative = minor < 0;
  auto v = static_cast<unsigned long long>(negative ? -(minor + 1) : minor) + (negative ? 1ULL : 0ULL);
  auto units = std::to_string(v / 100);
  std::string grouped;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (i > 0 && (units.size() - i) % 3 == 0) grouped += "\u202F";
    grouped += units[i];
  }
  auto cents = v % 100;
  std::string out = negative ? "-" : "";
  out += grouped + "," + (cents < 10 ? "0" : "") + std::to_string(cents);
  if (!currency.empty()) out.append(" ").append(currency);
  return out;
}
std::string decimal_text(std::int64_t minor) {
  std::string sign = minor < 0 ? "-" : "";
  auto m = minor < 0 ? -minor : minor;
  auto whole = std::to_string(m / 100);
  auto cents = m % 100;
  if (cents == 0) return sign + whole;
  std::string frac = (cents < 10 ? "0" : "") + std::to_string(cents);
  if (frac.back() == '0') frac.pop_back();
  return sign + whole + "." + frac;
}
}  // namespace sp
