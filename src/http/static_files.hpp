#pragma once
#include <optional>
#include <string>

#include "http/request.hpp"

namespace sp::http {
// Serves the built UI from root: hashed assets cached for a year, index.html never cached, and any
// other path without a file extension answered with index.html (client-side routes). Paths that
// leave root (.., encoded or not) are refused.
std::optional<Response> serve_static(const std::string& root, const Request& req);
}  // namespace sp::http
