#include "common/json.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <algorithm>
#include <charconv>
#include <set>

#include "common/exact.hpp"
#include "common/money.hpp"
#include "common/text.hpp"
#include "common/time.hpp"

namespace sp {

json::object said(const Say& s) {
  json::object params;
  for (const auto& [k, v] : s.params) params[k] = v;
  return {{"code", s.code}, {"text", s.text}, {"params", std::move(params)}};
}

namespace {
// A validating pass that only looks for a key written twice in one object (which json::parse
// would silently resolve to the last one): the path of the first such key, or "" when none.
struct DuplicateKeys {
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);
  std::vector<std::set<std::string>> objects;
  std::vector<std::string> path;  // the key under which each open object or array sits
  std::string key, last_key, found;
  using ec_t = boost::system::error_code;
  bool open(ec_t&) {
    path.push_back(last_key);
    last_key.clear();
    return true;
  }
  bool close() {
    if (!path.empty()) path.pop_back();
    last_key.clear();
    return true;
  }
  bool on_document_begin(ec_t&) { return true; }
  bool on_document_end(ec_t&) { return true; }
  bool on_object_begin(ec_t& ec) { objects.emplace_back(); return open(ec); }
  bool on_object_end(std::size_t, ec_t&) { objects.pop_back(); return close(); }
  bool on_array_begin(ec_t& ec) { objects.emplace_back(); return open(ec); }  // arrays hold no keys: an empty set
  bool on_array_end(std::size_t, ec_t&) { objects.pop_back(); return close(); }
  bool on_key_part(json::string_view s, std::size_t, ec_t&) { key.append(s.data(), s.size()); return true; }
  bool on_key(json::string_view s, std::size_t, ec_t& ec) {
    key.append(s.data(), s.size());
    if (!objects.back().insert(key).second && found.empty()) {
      for (std::size_t i = 1; i < path.size(); ++i) found += path[i].empty() ? "" : path[i] + ".";
      found += key;
      ec = json::error::syntax;  // stop here: one is enough
      return false;
    }
    last_key = std::move(key);
    key.clear();
    return true;
  }
  bool value() { last_key.clear(); return true; }
  bool on_string_part(json::string_view, std::size_t, ec_t&) { return true; }
  bool on_string(json::string_view, std::size_t, ec_t&) { return value(); }
  bool on_number_part(json::string_view, ec_t&) { return true; }
  bool on_int64(std::int64_t, json::string_view, ec_t&) { return value(); }
  bool on_uint64(std::uint64_t, json::string_view, ec_t&) { return value(); }
  bool on_double(double, json::string_view, ec_t&) { return value(); }
  bool on_bool(bool, ec_t&) { return value(); }
  bool on_null(ec_t&) { return value(); }
  bool on_comment_part(json::string_view, ec_t&) { return true; }
  bool on_comment(json::string_view, ec_t&) { return true; }
};

// True when s shows nothing: made only of spaces and invisible characters (no-break and typographic
// spaces, zero-width characters, bidirectional marks, fillers, the byte-order mark). Such a "name"
// reads as blank, or as someone else's.
bool invisible_only(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = 0;
    std::size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
    if (i + n > s.size()) return false;
    cp = n == 1 ? b : b & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    bool invisible = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0xAD || cp == 0x34F || cp == 0x115F ||
                     cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5 || cp == 0x180E || (cp >= 0x2000 && cp <= 0x200F) ||
                     (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) || cp == 0x2800 || cp == 0x3000 ||
                     cp == 0x3164 || cp == 0xFEFF || cp == 0xFFA0;
    if (!invisible) return false;
  }
  return true;
}

std::string duplicate_key(std::string_view body, const json::parse_options& opt) {
  json::basic_parser<DuplicateKeys> p(opt);
  boost::system::error_code ec;
  p.write_some(false, body.data(), body.size(), ec);
  return p.handler().found;
}
}  // namespace

json::object parse_object(std::string_view body) {
  boost::system::error_code ec;
  json::parse_options opt;
  opt.max_depth = 32;
  json::value v = json::parse(body, ec, {}, opt);
  if (ec) throw BadRequest(say("malformed_json", "The request body is not valid JSON"), {{"", "malformed_json", "Body is not valid JSON"}});
  if (auto dup = duplicate_key(body, opt); !dup.empty())
    throw BadRequest(say("duplicate_key", "A key is written twice in the request body"), {{dup, "duplicate_key", "Written twice: say it once"}});
  if (!v.is_object())
    throw BadRequest(say("not_object", "The request body must be a JSON object"), {{"", "not_object", "Body must be a JSON object"}});
  return std::move(v.as_object());
}

std::string Validator::path(std::string_view field) const {
  return prefix_.empty() ? std::string(field) : prefix_ + "." + std::string(field);
}

void Validator::add(std::string_view field, std::string code, std::string message, Params params) {
  errors_.push_back({path(field), std::move(code), std::move(message), std::move(params)});
}

bool Validator::has(std::string_view field) const {
  auto v = get(field);
  return v && !v->is_null();
}

bool Validator::failed(std::string_view field) const {
  auto name = path(field);
  return std::any_of(errors_.begin(), errors_.end(), [&](const FieldError& e) { return e.field == name; });
}

const json::value* Validator::get(std::string_view field) const {
  auto it = o_.find(field);
  return it == o_.end() ? nullptr : &it->value();
}

void Validator::finish() {
  if (!errors_.empty()) throw Invalid(std::move(errors_));
}

json::value nullable(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::value nullable(const std::optional<std::int64_t>& n) { return n ? json::value(*n) : json::value(nullptr); }
json::value nullable(const std::optional<int>& n) { return n ? json::value(static_cast<std::int64_t>(*n)) : json::value(nullptr); }
json::array string_array(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

void absorb(Validator& parent, Validator& child) {
  for (auto& e : child.errors()) parent.errors().push_back(std::move(e));
  child.errors().clear();
}

std::string Validator::reason(std::string_view field, std::size_t min_len, std::size_t max_len) {
  auto s = text(field, Need::Required, max_len, true);
  if (s && utf8_length(*s) < min_len) {
    add(field, "too_short", "Write at least " + std::to_string(min_len) + " characters", {{"min", std::to_string(min_len)}});
    return "";
  }
  return s.value_or("");
}

std::optional<std::string> Validator::text(std::string_view field, Need need, std::size_t max_len, bool multiline) {
  auto v = get(field);
  if (!v || v->is_null() || (v->is_string() && trim(v->get_string()).empty())) {
    if (need == Need::Required) add(field, "required", "This field is required");
    return std::nullopt;
  }
  if (v->is_string() && invisible_only(v->get_string())) {
    add(field, "blank", "Shows nothing: write it with visible characters");
    return std::nullopt;
  }
  if (!v->is_string()) {
    add(field, "type", "Must be text");
    return std::nullopt;
  }
  std::string s = trim(v->get_string());
  if (!valid_text(s) || (!multiline && s.find_first_of("\n\r\t") != std::string::npos)) {
    add(field, "invalid_characters", "Contains characters that are not allowed");
    return std::nullopt;
  }
  if (utf8_length(s) > max_len) {
    add(field, "too_long", "At most " + std::to_string(max_len) + " characters", {{"max", std::to_string(max_len)}});
    return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> Validator::integer(std::string_view field, Need need, std::int64_t min, std::int64_t max) {
  auto v = get(field);
  if (!v || v->is_null()) {
    if (need == Need::Required) add(field, "required", "This field is required");
    return std::nullopt;
  }
  std::int64_t n;
  if (v->is_int64()) n = v->get_int64();
  else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) n = static_cast<std::int64_t>(v->get_uint64());
  else {
    add(field, "type", "Must be a whole number");
    return std::nullopt;
  }
  if (n < min || n > max) {
    add(field, "out_of_range", "Must be between " + std::to_string(min) + " and " + std::to_string(max),
        {{"min", std::to_string(min)}, {"max", std::to_string(max)}});
    return std::nullopt;
  }
  return n;
}

std::optional<std::int64_t> Validator::decimal(std::string_view field, Need need, std::int64_t min_ppm, std::int64_t max_ppm) {
  auto v = get(field);
  if (!v || v->is_null() || (v->is_string() && v->get_string().empty())) {
    if (need == Need::Required) add(field, "required", "This field is required");
    return std::nullopt;
  }
  std::optional<std::int64_t> n;
  constexpr std::int64_t kLimit = INT64_MAX / 1'000'000;
  if (v->is_int64() && v->get_int64() <= kLimit && v->get_int64() >= -kLimit) n = v->get_int64() * 1'000'000;
  else if (v->is_string()) n = parse_ppm(v->get_string());
  if (!n) {
    add(field, "decimal", "Must be a number such as 12.5");
    return std::nullopt;
  }
  if (*n < min_ppm || *n > max_ppm) {
    auto min = Exact::ppm(min_ppm).decimal(6), max = Exact::ppm(max_ppm).decimal(6);
    add(field, "out_of_range", "Must be between " + min + " and " + max, {{"min", min}, {"max", max}});
    return std::nullopt;
  }
  return n;
}

std::optional<bool> Validator::boolean(std::string_view field, Need need) {
  auto v = get(field);
  if (!v || v->is_null()) {
    if (need == Need::Required) add(field, "required", "This field is required");
    return std::nullopt;
  }
  if (!v->is_bool()) {
    add(field, "type", "Must be true or false");
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<std::string> Validator::date(std::string_view field, Need need) {
  auto s = text(field, need, 10);
  if (s && !valid_date(*s)) {
    add(field, "invalid_date", "Must be a date written YYYY-MM-DD");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> Validator::one_of(std::string_view field, Need need,
                                             std::initializer_list<std::string_view> allowed) {
  return one_of(field, need, std::vector<std::string>(allowed.begin(), allowed.end()));
}

std::optional<std::string> Validator::one_of(std::string_view field, Need need, const std::vector<std::string>& allowed) {
  auto s = text(field, need, 100);
  if (s && std::find(allowed.begin(), allowed.end(), *s) == allowed.end()) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    add(field, "not_allowed", "Must be one of: " + list);
    return std::nullopt;
  }
  return s;
}

std::optional<std::vector<std::string>> Validator::string_list(std::string_view field, Need need,
                                                               const std::vector<std::string>& allowed,
                                                               std::size_t max_items) {
  auto v = get(field);
  if (!v || v->is_null()) {
    if (need == Need::Required) add(field, "required", "This field is required");
    return std::nullopt;
  }
  if (!v->is_array()) {
    add(field, "type", "Must be a list");
    return std::nullopt;
  }
  const auto& arr = v->get_array();
  if (arr.size() > max_items) {
    add(field, "too_many", "At most " + std::to_string(max_items) + " items", {{"max", std::to_string(max_items)}});
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool bad = false;
  for (const auto& item : arr) {
    if (!item.is_string() || !valid_text(item.get_string()) || item.get_string().empty() ||
        item.get_string().size() > 100) {
      bad = true;
      continue;
    }
    std::string s(item.get_string());
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
      bad = true;
      continue;
    }
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  if (bad) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    add(field, "not_allowed", allowed.empty() ? "Each item must be short text" : "Each item must be one of: " + list);
    return std::nullopt;
  }
  if (need == Need::Required && out.empty()) {
    add(field, "required", "Choose at least one");
    return std::nullopt;
  }
  return out;
}

std::optional<std::string> Validator::email(std::string_view field, Need need) {
  auto s = text(field, need, 200);
  if (!s) return s;
  auto at = s->find('@');
  bool ok = at != std::string::npos && at > 0 && s->find('.', at) != std::string::npos && s->back() != '.' &&
            s->find(' ') == std::string::npos && s->find('@', at + 1) == std::string::npos;
  if (!ok) {
    add(field, "invalid_email", "Must be an e-mail address");
    return std::nullopt;
  }
  return s;
}

const json::array* Validator::array(std::string_view field, Need need, std::size_t max_items) {
  auto v = get(field);
  if (!v || v->is_null()) {
    if (need == Need::Required) add(field, "required", "This field is required");
    return nullptr;
  }
  if (!v->is_array()) {
    add(field, "type", "Must be a list");
    return nullptr;
  }
  if (v->get_array().size() > max_items) {
    add(field, "too_many", "At most " + std::to_string(max_items) + " items", {{"max", std::to_string(max_items)}});
    return nullptr;
  }
  return &v->get_array();
}

const json::object* Validator::object(std::string_view field, Need need) {
  auto v = get(field);
  if (!v || v->is_null()) {
    if (need == Need::Required) add(field, "required", "This field is required");
    return nullptr;
  }
  if (!v->is_object()) {
    add(field, "type", "Must be an object");
    return nullptr;
  }
  return &v->get_object();
}

void Validator::only(std::initializer_list<std::string_view> known) {
  for (const auto& kv : o_) {
    if (std::find(known.begin(), known.end(), kv.key()) == known.end()) {
      std::string_view key = kv.key();
      add(valid_text(key) && key.size() <= 64 ? key : std::string_view("?"), "unknown", "Unknown field");
    }
  }
}

std::int64_t query_int(const std::optional<std::string>& raw, std::string_view name, std::int64_t dflt,
                       std::int64_t min, std::int64_t max) {
  if (!raw || raw->empty()) return dflt;
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), n);
  if (ec != std::errc() || p != raw->data() + raw->size() || n < min || n > max)
    throw Invalid({{std::string(name), "out_of_range",
                    "Must be a whole number between " + std::to_string(min) + " and " + std::to_string(max)}});
  return n;
}
namespace {
constexpr const char* kExactMarker = "\x01#";  // an amount's decimal text follows
}

json::value exact_number(std::int64_t minor) { return json::string(kExactMarker + decimal_text(minor)); }

std::string serialize_exact(const json::value& v) {
  auto text = json::serialize(v);
  // The marker as Boost.JSON escapes it, inside a string: "\u0001#123.45" → 123.45.
  static const std::string open = "\"\\u0001#";
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  // Only a decimal is unquoted: a text that happened to start with the marker stays a string.
  for (auto hit = text.find(open); hit != std::string::npos; hit = text.find(open, hit + 1)) {
    auto close = text.find('"', hit + open.size());
    auto digits = std::string_view(text).substr(hit + open.size(), close - hit - open.size());
    if (digits.empty() || digits.find_first_not_of("-0123456789.") != std::string_view::npos) continue;
    out.append(text, at, hit - at);
    out.append(digits);
    at = close + 1;
  }
  out.append(text, at, std::string::npos);
  return out;
}
}  // namespace sp
