#pragma once
#include <string>

#include "app/app.hpp"

namespace sp {
// Demo accounts (one per role, password "socialpact-demo") and each capability's demo data.
// scale: "programme" (the real programme's size) or "national" (for benchmarks).
// REQUIRES: an empty, migrated database.
void load_demo(App& app, const std::string& scale = "programme");
inline constexpr const char* kDemoPassword = "socialpact-demo";
}  // namespace sp
