#pragma once
// Files compiled into the binary (migrations, OpenAPI description, reference data).
#include <string_view>
#include <vector>

namespace sp {
struct EmbeddedFile {
  std::string_view path;  // relative to the source root, e.g. "src/store/migrations/0001_core.sql"
  std::string_view content;
};
const std::vector<EmbeddedFile>& embedded_files();
// The content of one embedded file; throws std::out_of_range when absent.
std::string_view embedded(std::string_view path);
}  // namespace sp
