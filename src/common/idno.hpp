#pragma once
// Moldovan 13-digit identifiers: IDNO (legal entities) and IDNP (persons). The 13th digit is a
// check digit: (sum of the first 12 digits times weights 7,3,1,7,3,1,...) mod 10.
#include <string_view>

namespace sp {
bool valid_idno(std::string_view code);
// The check digit for the first 12 digits of code (which must be at least 12 digits).
int idno_check_digit(std::string_view first12);
}  // namespace sp
