#pragma once
#include "common/errors.hpp"
#include "http/request.hpp"

namespace sp::http {
// RFC 9457 problem+json for an error that ended a request.
Response problem(const HttpError& e, std::string_view instance = {});
}  // namespace sp::http
