#include "common/idno.hpp"

namespace sp {
int idno_check_digit(std::string_view first12) {
  static constexpr int kWeights[3] = {7, 3, 1};
  int sum = 0;
  for (int i = 0; i < 12; ++i) sum += (first12[i] - '0') * kWeights[i % 3];
  return sum % 10;
}

bool valid_idno(std::string_view code) {
  if (code.size() != 13) return false;
  for (char c : code)
    if (c < '0' || c > '9') return false;
  return idno_check_digit(code) == code[12] - '0';
}
}  // namespace sp
