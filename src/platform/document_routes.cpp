// HTTP for the routes every document shares, whatever its owner: download and archive. Each handler
// parses, calls one operation (documents.hpp) and serialises. A capability's upload route lives with
// its owner (an `add` under it).
#include "platform/document_routes.hpp"

#include "http/respond.hpp"
#include "platform/documents.hpp"

namespace sp::platform {
namespace {
http::Response download(App& app, http::Request& r) {
  auto f = document_get(app, caller_of(r), r.id());
  auto res = http::download(std::move(f.bytes), f.content_type, f.filename);
  res.header("Cache-Control", "private, no-store");
  return res;
}

http::Response archive(App& app, http::Request& r) {
  document_archive(app, caller_of(r), r.id());
  return http::Response::no_content();
}
}  // namespace

void register_document_routes(App& app, http::Router& r) {
  auto h = handler_of(app);
  r.add("GET", "/api/v1/documents/{id}", "registry.read", h(download));
  r.add("DELETE", "/api/v1/documents/{id}", "documents.write", h(archive));
}
}  // namespace sp::platform
