#pragma once
// Documents attached to records of any capability (a partnership's agreement, an application's
// statute, a report's receipts), owned by the platform: the file store, the owner types and their
// rules, and the two routes every document shares (download, archive). Files are stored
// content-addressed under <data>/files/, checked by content and size; each owner type says who may
// read and change its documents (register_document_owner). A capability's own upload route is an
// `add` under its owner (platform/write.hpp) that calls store_document_file in its check — after the
// policy, so a refused upload never reaches the disk — and attach_document in its insert.
#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.hpp"
#include "platform/document.hpp"
#include "platform/context.hpp"
#include "platform/write.hpp"
#include "store/database.hpp"

namespace sp::platform {
inline constexpr std::size_t kMaxDocumentBytes = 10 << 20;


struct DocumentOwner {
  // Both called inside a transaction with the owner's id; deny when the owner does not exist.
  std::function<bool(const auth::Principal&, store::Tx&, std::int64_t)> may_read, may_edit;
  // Called after a document is added or removed (e.g. to bump the owner's version).
  std::function<void(store::Tx&, std::int64_t)> touch;
};
// REQUIRES: called while routes are registered, before the server starts.
void register_document_owner(const std::string& owner_type, DocumentOwner o);
// The owner type's rules (Forbidden when none is registered).
const DocumentOwner& owner_of(const std::string& owner_type);

// Checks the body (not empty, at most kMaxDocumentBytes, an accepted type by content) and writes
// the file before any row refers to it (a crash leaves an orphan file, never a row without a file).
// Throws Invalid naming "file".
Document store_document_file(const App& app, std::string_view body, std::string_view filename);
// Adds a stored file (its kind set) to an owner's documents inside the caller's write: the row and
// the owner type's touch hook. Returns the document as JSON.
boost::json::object attach_document(store::Tx& tx, std::int64_t user_id, const std::string& owner_type, std::int64_t owner_id, Document& d);
// The row of a stored file among an owner's documents, without the owner's touch hook: for a change
// that records both itself (a signed agreement).
std::int64_t insert_document(store::Tx& tx, std::string_view owner_type, std::int64_t owner_id, const Document& d, std::int64_t user_id);
// An owner's documents in force, oldest first.
std::vector<Document> documents_of(store::Tx& tx, std::string_view owner_type, std::int64_t owner_id);

// A capability's upload route, written once: an `add` under the owner (of kind `k`) audited as
// "attach" — the policy (`refuse`), then `state`, the owner's own rules (it may throw; it answers the
// document's kind), and only then the file stored (a refused upload never reaches the disk), attached
// to `owner_type` and answered as the document (201).
template <class R>
Written upload_document(App& app, const Caller& c, std::string_view owner_type, std::int64_t id, const Kind<R>& k, Refusal<R> refuse,
                        std::function<std::string(store::Tx&, const R&)> state, std::string_view file, std::string_view filename) {
  boost::json::object none;
  Validator v(none);
  Document d;
  return add<R>(*app.db, c, id, v, k,
                {.action = "attach",
                 .refuse = std::move(refuse),
                 .check =
                     [&](store::Tx& tx, const R& r, Validator&) {
                       auto kind = state(tx, r);
                       d = store_document_file(app, file, filename);
                       d.kind = std::move(kind);
                     },
                 .insert =
                     [&](store::Tx& tx, const R&) {
                       auto doc = attach_document(tx, c.me.user_id, std::string(owner_type), id, d);
                       boost::json::value kept = doc;
                       return Added{{std::move(doc), 0, 201}, std::move(kept)};
                     }});
}

// A document's file for a reader its owner type allows.
struct DocumentFile {
  std::string bytes, content_type, filename;
};
DocumentFile document_get(App& app, const Caller& c, std::int64_t id);
// Archives a document (it leaves its owner's list; the file stays for the trail) for an editor its
// owner type allows, audited as "archive".
void document_archive(App& app, const Caller& c, std::int64_t id);

// Detects a document's type from its first bytes; "" when not an accepted type.
// Accepted: PDF, DOCX, XLSX (zip with word/ or xl/ parts), PNG, JPEG.
std::string sniff_document_type(std::string_view bytes);
// A safe file name for Content-Disposition: path parts dropped, control, quote and invisible
// formatting characters (bidirectional overrides, zero-width) removed.
std::string safe_filename(std::string_view name);
}  // namespace sp::platform
