// Documents attached to records of any capability (documents.hpp): the file store, the owners, and
// the SQL of the documents table.
#include "platform/documents.hpp"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>

#include "audit/audit.hpp"
#include "common/errors.hpp"
#include "common/text.hpp"
#include "common/time.hpp"

namespace sp::platform {
namespace {
std::string sha256_hex(std::string_view bytes) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

std::map<std::string, DocumentOwner>& owners() {
  static std::map<std::string, DocumentOwner> m;
  return m;
}

std::filesystem::path files_dir(const App& app) { return std::filesystem::path(app.cfg.data_dir) / "files"; }

struct Stored {
  Document doc;
  std::string owner_type;
  std::int64_t owner_id = 0;
};

constexpr const char* kColumns = "id, filename, content_type, size, sha256, uploaded_at, COALESCE(kind, '')";
Document read_document(store::Cursor& c) { return {c.i64(0), c.str(1), c.str(2), c.str(4), c.str(5), c.i64(3), c.str(6)}; }

std::optional<Stored> find_document(store::Tx& tx, std::int64_t id) {
  auto c = tx.query(std::string("SELECT ") + kColumns + ", owner_type, owner_id FROM documents WHERE id = $1 AND archived = 0", {id});
  if (!c->next()) return std::nullopt;
  return Stored{read_document(*c), c->str(7), c->i64(8)};
}

// The UTF-8 length of an invisible formatting character at s[i] that can make a file name read as
// another ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf"), or 0: C1 controls, bidirectional
// marks, embeddings, overrides and isolates, zero-width characters and the byte-order mark.
std::size_t invisible_at(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  if (b(0) == 0xC2 && b(1) >= 0x80 && b(1) <= 0x9F) return 2;                       // U+0080–U+009F
  if (b(0) == 0xD8 && b(1) == 0x9C) return 2;                                        // U+061C
  if (b(0) == 0xE2 && b(1) == 0x80 && ((b(2) >= 0x8B && b(2) <= 0x8F) || (b(2) >= 0xAA && b(2) <= 0xAE))) return 3;  // U+200B–F, U+202A–E
  if (b(0) == 0xE2 && b(1) == 0x81 && (b(2) == 0xA0 || (b(2) >= 0xA6 && b(2) <= 0xA9))) return 3;  // U+2060, U+2066–9
  if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return 3;                        // U+FEFF
  return 0;
}
}  // namespace

boost::json::object document_json(const Document& d) {
  return {{"id", d.id},         {"filename", d.filename}, {"content_type", d.content_type},
          {"size", d.size},     {"sha256", d.sha256},     {"uploaded_at", d.uploaded_at},
          {"kind", d.kind}};
}

const DocumentOwner& owner_of(const std::string& type) {
  auto it = owners().find(type);
  if (it == owners().end()) throw Forbidden(say("documents_not_here", "Documents of this kind cannot be read here"));
  return it->second;
}

void register_document_owner(const std::string& owner_type, DocumentOwner o) { owners()[owner_type] = std::move(o); }

std::int64_t insert_document(store::Tx& tx, std::string_view owner_type, std::int64_t owner_id, const Document& d, std::int64_t user_id) {
  return *tx.scalar("INSERT INTO documents (owner_type, owner_id, filename, content_type, size, sha256, uploaded_by, "
                    "uploaded_at, kind) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id",
                    {std::string(owner_type), owner_id, d.filename, d.content_type, d.size, d.sha256, user_id,
                     d.uploaded_at.empty() ? now_iso() : d.uploaded_at, d.kind.empty() ? store::Param{} : store::Param{d.kind}});
}

std::vector<Document> documents_of(store::Tx& tx, std::string_view owner_type, std::int64_t owner_id) {
  std::vector<Document> out;
  auto c = tx.query(std::string("SELECT ") + kColumns + " FROM documents WHERE owner_type = $1 AND owner_id = $2 AND archived = 0 ORDER BY id",
                    {std::string(owner_type), owner_id});
  while (c->next()) out.push_back(read_document(*c));
  return out;
}

boost::json::object attach_document(store::Tx& tx, std::int64_t user_id, const std::string& owner_type, std::int64_t owner_id, Document& d) {
  d.id = insert_document(tx, owner_type, owner_id, d, user_id);
  owner_of(owner_type).touch(tx, owner_id);
  return document_json(d);
}

Document store_document_file(const App& app, std::string_view body, std::string_view filename) {
  if (body.empty()) throw Invalid({{"file", "required", "Send the file as the request body"}});
  if (body.size() > kMaxDocumentBytes) throw Invalid({{"file", "too_large", "At most 10 MiB"}});
  auto type = sniff_document_type(body);
  if (type.empty()) throw Invalid({{"file", "not_allowed", "Only PDF, DOCX, XLSX, PNG and JPEG files are accepted"}});
  Document d;
  d.filename = safe_filename(filename);
  d.content_type = type;
  d.size = static_cast<std::int64_t>(body.size());
  d.sha256 = sha256_hex(body);
  d.uploaded_at = now_iso();
  auto dir = files_dir(app);
  std::filesystem::create_directories(dir);
  auto final_path = dir / d.sha256;
  if (!std::filesystem::exists(final_path)) {
    auto tmp = dir / (d.sha256 + ".tmp");
    {
      std::ofstream out(tmp, std::ios::binary);
      out.write(body.data(), static_cast<std::streamsize>(body.size()));
      if (!out) throw std::runtime_error("cannot write " + tmp.string());
    }
    std::filesystem::rename(tmp, final_path);
  }
  return d;
}

DocumentFile document_get(App& app, const Caller& c, std::int64_t id) {
  std::optional<Stored> s;
  {
    auto tx = app.db->read();
    s = find_document(tx, id);
    if (!s) throw NotFound(say("not_found", "No such document"));
    if (!owner_of(s->owner_type).may_read(c.me, tx, s->owner_id)) throw Forbidden(say("document_not_yours", "You may not read this document"));
  }
  std::ifstream in(files_dir(app) / s->doc.sha256, std::ios::binary);
  if (!in) throw NotFound(say("document_file_missing", "The document's file is missing"));
  return {std::string(std::istreambuf_iterator<char>(in), {}), s->doc.content_type, s->doc.filename};
}

// A document has no version of its own (its owner's is bumped by the touch hook): archiving it is
// the platform's one hand-written write, with its policy, change and audit row in one transaction.
void document_archive(App& app, const Caller& c, std::int64_t id) {
  auto tx = app.db->write();
  auto s = find_document(tx, id);
  if (!s) throw NotFound(say("not_found", "No such document"));
  const auto& owner = owner_of(s->owner_type);
  if (!owner.may_edit(c.me, tx, s->owner_id)) throw Forbidden(say("document_remove_refused", "You may not remove this document"));
  tx.exec("UPDATE documents SET archived = 1 WHERE id = $1", {id});
  owner.touch(tx, s->owner_id);
  audit::record(tx, c.actor, "archive", "document", id, boost::json::object{{"filename", s->doc.filename}}, nullptr, s->doc.filename);
  tx.commit();
}

std::string sniff_document_type(std::string_view b) {
  if (b.substr(0, 5) == "%PDF-") return "application/pdf";
  if (b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return "image/png";
  if (b.substr(0, 3) == "\xFF\xD8\xFF") return "image/jpeg";
  if (b.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    // Office Open XML: the zip's entry names say which kind it is.
    if (b.find("word/") != std::string_view::npos)
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (b.find("xl/") != std::string_view::npos)
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  return "";
}

std::string safe_filename(std::string_view name) {
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (auto n = invisible_at(name, i)) {
      i += n - 1;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F && c != ';') out += static_cast<char>(c);
  }
  if (!valid_text(out)) out = "document";
  while (!out.empty() && out.front() == '.') out.erase(out.begin());
  if (out.empty()) out = "document";
  if (out.size() > 200) out = out.substr(out.size() - 200);
  return valid_text(out) ? out : "document";
}
}  // namespace sp::platform
