#pragma once
#include "app/app.hpp"

namespace sp {
// Demo accounts (one per role, password "socialpact-demo") and each capability's demo data.
// REQUIRES: an empty, migrated database.
void load_demo(App& app);
inline constexpr const char* kDemoPassword = "socialpact-demo";
}  // namespace sp
