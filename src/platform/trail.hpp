#pragma once
// The audit trail as its readers see it: a page of rows, newest first, after the cursor. A person's
// before/after goes only to those who may see the person (the policy); for everyone else a person's
// rows say who, when and what, nothing more — and the bodies that are shown are themselves a read of
// personal data, audited as "read_audit". (The trail's core, audit/audit.hpp, depends on the store alone.)
#include "audit/audit.hpp"
#include "platform/context.hpp"
#include "platform/write.hpp"

namespace sp::platform {
Written trail_page(App& app, const Caller& c, const audit::Filter& f);
}  // namespace sp::platform
