#pragma once
// Documents attached to records of any capability (a partnership's agreement, an application's
// statute, a report's receipts). Files are stored content-addressed under <data>/files/, checked by
// content and size; each owner type says who may read and change its documents.
#include <boost/json/object.hpp>

#include <functional>
#include <string>
#include <string_view>

#include "platform/context.hpp"
#include "platform/write.hpp"
#include "auth/principal.hpp"
#include "http/request.hpp"
#include "modules/registry/model.hpp"
#include "store/database.hpp"

namespace sp::registry {
inline constexpr std::size_t kMaxDocumentBytes = 10 << 20;

struct DocumentOwner {
  // Both called inside a transaction with the owner's id; deny when the owner does not exist.
  std::function<bool(const auth::Principal&, store::Tx&, std::int64_t)> may_read, may_edit;
  // Called after a document is added or removed (e.g. to bump the owner's version).
  std::function<void(store::Tx&, std::int64_t)> touch;
};
// REQUIRES: called while routes are registered, before the server starts.
void register_document_owner(const std::string& owner_type, DocumentOwner o);

// Checks the body (not empty, at most kMaxDocumentBytes, an accepted type by content) and writes
// the file before any row refers to it (a crash leaves an orphan file, never a row without a file).
// Throws Invalid naming "file". The caller inserts the row with insert_document.
Document store_document_file(const App& app, std::string_view body, std::string_view filename);

// Adds a stored file (from store_document_file, its kind set) to an owner's documents inside the
// caller's write — platform::add, which audits it as "attach" under the owner: the row and the
// owner type's touch hook. Returns the document as JSON.
boost::json::object attach_document(store::Tx& tx, std::int64_t user_id, const std::string& owner_type, std::int64_t owner_id, Document& d);
// The owner type's rules: who may read and change documents of `owner_type` (Forbidden when none
// is registered).
const DocumentOwner& owner_of(const std::string& owner_type);
}  // namespace sp::registry
