#pragma once
// HTTP for webhook subscriptions and their delivery logs (permission webhooks.manage).
#include "platform/context.hpp"

namespace sp::webhooks {
void register_routes(App& app, http::Router& r);
}  // namespace sp::webhooks
