#pragma once
// A document attached to a record of any capability, as its owner's readers see it (documents.hpp
// has the file store, the owner types and the routes).
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>

namespace sp::platform {
struct Document {
  std::int64_t id = 0;
  std::string filename, content_type, sha256, uploaded_at;
  std::int64_t size = 0;
  std::string kind;  // what it is for its owner: a call's required-document code, "signed_agreement", ...
};
boost::json::object document_json(const Document& d);
}  // namespace sp::platform
