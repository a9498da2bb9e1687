#include "http/respond.hpp"

#include <cctype>

#include "reports/pdf.hpp"

#include <algorithm>

#include "common/errors.hpp"
#include "common/time.hpp"
#include "reports/xlsx.hpp"

namespace sp::http {
std::string query_text(const Request& r, std::string_view name, std::size_t max) {
  auto v = r.q(name).value_or("");
  if (v.size() > max) throw Invalid({{std::string(name), "too_long", "Too long"}});
  return v;
}

std::string query_in(const Request& r, std::string_view name, const std::vector<std::string>& allowed) {
  auto v = query_text(r, name);
  if (!v.empty() && std::find(allowed.begin(), allowed.end(), v) == allowed.end())
    throw Invalid({{std::string(name), "not_allowed", "Not one of the allowed values"}});
  return v;
}

Response json_text(std::string body) {
  Response r;
  r.body = std::move(body);
  return r;
}

Response with_etag(const boost::json::object& o, int status) {
  auto it = o.find("version");
  auto r = Response::json(o, status);
  if (it != o.end() && it->value().is_int64()) r.header("ETag", "\"" + std::to_string(it->value().as_int64()) + "\"");
  return r;
}

namespace {
// A file's name in Content-Disposition: an ASCII fallback in `filename` (anything else, quotes and
// backslashes as "_") and the name itself, UTF-8 percent-encoded, in `filename*` (RFC 6266), so that
// "Raport-Ștefan-Vodă.pdf" keeps its diacritics and no name can break out of the header.
std::string disposition(std::string_view kind, const std::string& filename) {
  std::string ascii, encoded;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char ch : filename) {
    if ((ch & 0xC0) != 0x80) ascii += (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') ? static_cast<char>(ch) : '_';  // one per character
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
      encoded += static_cast<char>(ch);
    } else {
      encoded += '%';
      encoded += hex[ch >> 4];
      encoded += hex[ch & 15];
    }
  }
  return std::string(kind) + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}
}  // namespace

Response download(std::string body, std::string content_type, const std::string& filename) {
  Response r;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  r.header("Content-Disposition", disposition("attachment", filename));
  return r;
}

Response pdf_file(reports::Spreadsheet p) {
  Response r;
  r.content_type = reports::kPdfType;
  r.body = std::move(p.bytes);
  r.header("Content-Disposition", disposition("inline", p.name));
  return r;
}

Response xlsx_file(reports::Spreadsheet s) {
  return download(std::move(s.bytes), reports::kXlsxType, s.name + "-" + today() + ".xlsx");
}

Words words_of(const Request& r) {
  auto lang = query_in(r, "lang", {"ro", "ru", "en"});
  if (!lang.empty()) return Words(lang);
  return Words(r.user ? r.user->language : "ro");
}
}  // namespace sp::http
