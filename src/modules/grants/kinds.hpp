#pragma once
// The grant programme's records as the platform's write path knows them (platform::Kind): found,
// versioned, named in the audit trail and answered the same way by every operation.
#include <boost/json/object.hpp>

#include <string>

#include "modules/grants/model.hpp"
#include "platform/write.hpp"

namespace sp::grants {
boost::json::object call_json(store::Tx& tx, const Call& c, const std::string& now);
// A call; a draft exists only for the programme's staff (`me`, who must outlive the kind).
platform::Kind<Call> call_kind(const auth::Principal& me);

boost::json::object application_json(store::Tx& tx, const Application& a, const Call& c, const std::string& now);
platform::Kind<Application> application_kind();
// Who may not read an application (evaluators read it through their evaluation only).
platform::Refusal<Application> application_refusal(const platform::Caller& c);
}  // namespace sp::grants
