#pragma once
// Exact fractions, for figures that must not round between steps (the costing of services, issue 13;
// decision 0021): a numerator and a positive denominator in 128 bits, reduced after every step. An
// operation that would overflow throws std::overflow_error rather than lose a bani. Rounding happens
// once, where a figure is shown or stored: half up, away from zero.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sp {
class Exact {
 public:
  __extension__ using wide = __int128;
  Exact() = default;
  Exact(std::int64_t n) : num_(n) {}  // NOLINT(google-explicit-constructor): an integer is exact
  // n / d; d must not be 0.
  static Exact ratio(std::int64_t n, std::int64_t d);
  // A fixed-point decimal in parts per million (240'000 → 0.24).
  static Exact ppm(std::int64_t parts) { return ratio(parts, 1'000'000); }

  Exact operator+(const Exact& o) const;
  Exact operator-(const Exact& o) const;
  Exact operator*(const Exact& o) const;
  // REQUIRES: o is not zero.
  Exact operator/(const Exact& o) const;
  Exact& operator+=(const Exact& o) { return *this = *this + o; }
  bool operator==(const Exact& o) const { return num_ == o.num_ && den_ == o.den_; }
  bool operator<(const Exact& o) const;
  bool operator>(const Exact& o) const { return o < *this; }
  bool is_zero() const { return num_ == 0; }

  // Rounded to a whole number, half up (away from zero): 2.5 → 3, -2.5 → -3.
  std::int64_t round() const;
  // Rounded to parts per million (a rate or a share to show), half up.
  std::int64_t round_ppm() const { return (*this * Exact(1'000'000)).round(); }
  // "12.5" with up to `decimals` digits (trailing zeros dropped), rounded half up at the last one.
  std::string decimal(int decimals) const;

 private:
  static Exact make(wide n, wide d);
  wide num_ = 0, den_ = 1;
};

// A decimal written by a person ("0.5", "24", "-1.25", "85,5") in parts per million; nullopt when it
// is not a number or has more than six decimals.
std::optional<std::int64_t> parse_ppm(std::string_view text);
}  // namespace sp
