#include "common/money.hpp"

namespace sp {
bool supported_currency(std::string_view code) { return code == "MDL" || code == "EUR"; }
}  // namespace sp
