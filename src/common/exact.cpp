#include "common/exact.hpp"

#include <stdexcept>

namespace sp {
namespace {
using wide = Exact::wide;

wide abs_of(wide v) { return v < 0 ? -v : v; }
wide gcd_of(wide a, wide b) {
  a = abs_of(a);
  b = abs_of(b);
  while (b != 0) {
    wide t = a % b;
    a = b;
    b = t;
  }
  return a;
}
wide mul(wide a, wide b) {
  wide r;
  if (__builtin_mul_overflow(a, b, &r)) throw std::overflow_error("figure too large to compute exactly");
  return r;
}
wide add(wide a, wide b) {
  wide r;
  if (__builtin_add_overflow(a, b, &r)) throw std::overflow_error("figure too large to compute exactly");
  return r;
}
}  // namespace

Exact Exact::make(wide n, wide d) {
  if (d == 0) throw std::domain_error("division by zero");
  if (d < 0) {
    n = -n;
    d = -d;
  }
  wide g = gcd_of(n, d);
  Exact e;
  if (g > 1) {
    n /= g;
    d /= g;
  }
  e.num_ = n;
  e.den_ = d;
  return e;
}

Exact Exact::ratio(std::int64_t n, std::int64_t d) { return make(n, d); }

Exact Exact::operator+(const Exact& o) const {
  wide g = gcd_of(den_, o.den_);
  return make(add(mul(num_, o.den_ / g), mul(o.num_, den_ / g)), mul(den_ / g, o.den_));
}
Exact Exact::operator-(const Exact& o) const { return *this + make(-o.num_, o.den_); }
Exact Exact::operator*(const Exact& o) const {
  // Cross-reduce first so the products stay small.
  wide g1 = gcd_of(num_, o.den_), g2 = gcd_of(o.num_, den_);
  if (g1 == 0) g1 = 1;
  if (g2 == 0) g2 = 1;
  return make(mul(num_ / g1, o.num_ / g2), mul(den_ / g2, o.den_ / g1));
}
Exact Exact::operator/(const Exact& o) const {
  if (o.num_ == 0) throw std::domain_error("division by zero");
  return *this * make(o.den_, o.num_);
}
bool Exact::operator<(const Exact& o) const { return mul(num_, o.den_) < mul(o.num_, den_); }

std::int64_t Exact::round() const {
  wide q = abs_of(num_) / den_, r = abs_of(num_) % den_;
  if (mul(r, 2) >= den_) ++q;
  if (q > INT64_MAX) throw std::overflow_error("figure too large");
  auto v = static_cast<std::int64_t>(q);
  return num_ < 0 ? -v : v;
}

std::string Exact::decimal(int decimals) const {
  wide scale = 1;
  for (int i = 0; i < decimals; ++i) scale = mul(scale, 10);
  auto scaled = (*this * make(scale, 1)).round();
  bool negative = scaled < 0;
  auto digits = std::to_string(negative ? -scaled : scaled);
  if (decimals > 0) {
    if (static_cast<int>(digits.size()) <= decimals) digits.insert(0, static_cast<std::size_t>(decimals) + 1 - digits.size(), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(decimals), ".");
    while (digits.back() == '0') digits.pop_back();
    if (digits.back() == '.') digits.pop_back();
  }
  return (negative ? "-" : "") + digits;
}

std::optional<std::int64_t> parse_ppm(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = text.front() == '-';
  if (negative) text.remove_prefix(1);
  std::int64_t whole = 0, frac = 0;
  int frac_digits = 0;
  bool point = false, any = false;
  for (char c : text) {
    if (c == '.' || c == ',') {
      if (point) return std::nullopt;
      point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    any = true;
    if (point) {
      if (++frac_digits > 6) return std::nullopt;
      frac = frac * 10 + (c - '0');
    } else {
      if (whole > 1'000'000'000'000) return std::nullopt;
      whole = whole * 10 + (c - '0');
    }
  }
  if (!any) return std::nullopt;
  for (int i = frac_digits; i < 6; ++i) frac *= 10;
  auto v = whole * 1'000'000 + frac;
  return negative ? -v : v;
}
}  // namespace sp
