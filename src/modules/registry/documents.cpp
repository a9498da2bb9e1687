// Documents attached to records of any capability (documents.hpp): the file store and the owners.
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "common/errors.hpp"
#include "common/time.hpp"
#include "modules/registry/documents.hpp"
#include "modules/registry/repo.hpp"
#include "modules/registry/rules.hpp"

namespace sp::registry {
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
}  // namespace

const DocumentOwner& owner_of(const std::string& type) {
  auto it = owners().find(type);
  if (it == owners().end()) throw Forbidden("Documents of this kind cannot be read here");
  return it->second;
}

void register_document_owner(const std::string& owner_type, DocumentOwner o) { owners()[owner_type] = std::move(o); }

boost::json::object attach_document(store::Tx& tx, std::int64_t user_id, const std::string& owner_type, std::int64_t owner_id, Document& d) {
  d.id = insert_document(tx, owner_type, owner_id, d, user_id);
  owner_of(owner_type).touch(tx, owner_id);
  return to_json(d);
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
  auto dir = std::filesystem::path(app.cfg.data_dir) / "files";
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
}  // namespace sp::registry
