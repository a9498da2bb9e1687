#include "common/text.hpp"

#include <cstdint>

namespace sp {
namespace {
// Decodes one code point at s[i]; returns bytes consumed or 0 when malformed.
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
  auto b = static_cast<unsigned char>(s[i]);
  std::size_t n;
  if (b < 0x80) { cp = b; return 1; }
  if ((b & 0xE0) == 0xC0) { n = 2; cp = b & 0x1F; }
  else if ((b & 0xF0) == 0xE0) { n = 3; cp = b & 0x0F; }
  else if ((b & 0xF8) == 0xF0) { n = 4; cp = b & 0x07; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  // Reject overlong forms, surrogates and out-of-range values.
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) return 0;
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}
void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) out += static_cast<char>(cp);
  else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}
char32_t fold(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  switch (c) {
    case U'ă': case U'Ă': case U'â': case U'Â': case U'á': case U'à': case U'ä': case U'Á': return 'a';
    case U'î': case U'Î': case U'í': case U'ì': case U'Í': return 'i';
    case U'ș': case U'Ș': case U'ş': case U'Ş': return 's';
    case U'ț': case U'Ț': case U'ţ': case U'Ţ': return 't';
    case U'é': case U'è': case U'ê': case U'É': return 'e';
    case U'ó': case U'ö': case U'ô': case U'Ó': return 'o';
    case U'ú': case U'ü': case U'Ú': return 'u';
    case U'ç': case U'Ç': return 'c';
    case U'Ё': case U'ё': return U'е';
    default: break;
  }
  if (c >= 0x0410 && c <= 0x042F) return c + 0x20;  // Cyrillic А..Я → а..я
  return c;
}
}  // namespace

bool valid_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    auto n = decode(s, i, cp);
    if (n == 0) return false;
    if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') return false;
    if (cp == 0x7F) return false;
    i += n;
  }
  return true;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string trim(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::size_t b = 0, e = s.size();
  while (b < e && ws(s[b])) ++b;
  while (e > b && ws(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

std::string fold_for_search(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    auto n = decode(s, i, cp);
    if (n == 0) { ++i; continue; }
    i += n;
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') { space = !out.empty(); continue; }
    if (space) { out += ' '; space = false; }
    encode(fold(cp), out);
  }
  return out;
}

std::string like_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}
std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out.append(sep);
    out += p;
  }
  return out;
}
}  // namespace sp
