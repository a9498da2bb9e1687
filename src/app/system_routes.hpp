#pragma once
#include "app/app.hpp"

namespace sp {
void register_system_routes(App& app, http::Router& r);
}  // namespace sp
