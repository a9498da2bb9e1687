#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sp {
// True when s is well-formed UTF-8 without NUL or other C0 control characters except \t \n \r.
bool valid_text(std::string_view s);
// Number of Unicode code points (s must be valid UTF-8).
std::size_t utf8_length(std::string_view s);
// Trims ASCII whitespace at both ends.
std::string trim(std::string_view s);
// Search key: lower case, Romanian/Russian diacritics folded (ș→s, ă→a, Ș→s...), Cyrillic lowered,
// runs of whitespace collapsed. The same function builds stored keys and query terms, so both match.
std::string fold_for_search(std::string_view s);
// Escapes %, _ and \ for a LIKE pattern used with ESCAPE '\'.
std::string like_escape(std::string_view s);
// The parts separated by sep: join({"a", "b"}, ", ") == "a, b".
std::string join(const std::vector<std::string>& parts, std::string_view sep);
}  // namespace sp
