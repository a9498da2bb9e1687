#include "common/embedded.hpp"

#include <stdexcept>
#include <string>

namespace sp {
std::string_view embedded(std::string_view path) {
  for (const auto& f : embedded_files())
    if (f.path == path) return f.content;
  throw std::out_of_range("no embedded file " + std::string(path));
}
}  // namespace sp
