#pragma once
#include "app/app.hpp"

namespace sp::grants {
void register_routes(App& app, http::Router& r);
}  // namespace sp::grants
