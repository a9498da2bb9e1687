#pragma once
// What is done with account requests: asked for (signed out), listed, approved or declined by the
// programme's officers.
#include <cstdint>
#include <optional>
#include <string>

#include "auth/throttle.hpp"
#include "common/json.hpp"
#include "platform/context.hpp"
#include "platform/write.hpp"

namespace sp::onboarding {
// Signed out: the organisation, its IDNO (checked) and district, who asks and their e-mail. A second
// request while one for the same IDNO or e-mail waits is refused (409); the officers are told.
platform::Written request_create(App& app, auth::Throttle& throttle, const json::object& body, const audit::Actor& from);
// Newest first, each with the registry's organisation of the same IDNO and whether the e-mail is
// already an account's.
platform::Written requests_list(App& app, const std::optional<std::string>& status);
// The account: CSO staff of the registry's organisation with the request's IDNO (`organisation_id`),
// its first password set from a welcome e-mail (a week).
platform::Written request_approve(App& app, const platform::Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
platform::Written request_decline(App& app, const platform::Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
}  // namespace sp::onboarding
