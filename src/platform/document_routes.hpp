#pragma once
// The routes every document shares (documents.hpp): GET and DELETE /api/v1/documents/{id}.
#include "http/router.hpp"
#include "platform/context.hpp"

namespace sp::platform {
void register_document_routes(App& app, http::Router& r);
}  // namespace sp::platform
