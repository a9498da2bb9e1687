#pragma once
// Account requests: a CSO asks for an account for its organisation, signed out; a programme officer
// approves it (the account linked to the registry's organisation with the same IDNO, its first
// password set from a welcome e-mail) or declines it with a reason.
#include "platform/module.hpp"

namespace sp::onboarding {
platform::Module module();
}  // namespace sp::onboarding
