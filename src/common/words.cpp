#include "common/words.hpp"

#include <boost/json/parse.hpp>

#include <map>
#include <mutex>

#include "common/embedded.hpp"
#include "common/time.hpp"

namespace sp {
namespace bj = boost::json;

namespace {
const bj::object& texts(std::string_view lang) {
  static std::once_flag once;
  static std::map<std::string, bj::object, std::less<>> by_lang;
  std::call_once(once, [] {
    for (const char* l : {"ro", "ru", "en"})
      by_lang[l] = bj::parse(embedded(std::string("web/src/i18n/") + l + ".json")).as_object();
  });
  auto it = by_lang.find(lang);
  return it == by_lang.end() ? by_lang.at("ro") : it->second;
}

// The string at a dotted key, or null.
const bj::string* at(const bj::object& root, std::string_view key) {
  const bj::object* o = &root;
  while (true) {
    auto dot = key.find('.');
    const auto* v = o->if_contains(key.substr(0, dot));
    if (!v) return nullptr;
    if (dot == std::string_view::npos) return v->if_string();
    o = v->if_object();
    if (!o) return nullptr;
    key.remove_prefix(dot + 1);
  }
}
}  // namespace

std::string fill_template(std::string_view tpl, const bj::object& params) {
  std::string out;
  std::size_t i = 0;
  while (i < tpl.size()) {
    auto open = tpl.find("{{", i);
    if (open == std::string_view::npos) break;
    auto close = tpl.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(tpl.substr(i, open - i));
    auto name = tpl.substr(open + 2, close - open - 2);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (const auto* v = params.if_contains(name)) {
      if (v->is_string()) out.append(v->as_string());
      else if (v->is_int64()) out += std::to_string(v->as_int64());
      else if (v->is_uint64()) out += std::to_string(v->as_uint64());
      else if (v->is_bool()) out += v->as_bool() ? "✓" : "✗";
    }
    i = close + 2;
  }
  out.append(tpl.substr(i));
  return out;
}

Words::Words(std::string_view lang) : lang_(lang == "ru" || lang == "en" ? std::string(lang) : "ro") {}

std::string Words::tr(std::string_view key, const bj::object& params) const {
  for (const auto* t : {&texts(lang_), &texts("ro")})
    if (const auto* s = at(*t, key)) return fill_template(*s, params);
  return std::string(key);
}

bool Words::has(std::string_view key) const { return at(texts(lang_), key) || at(texts("ro"), key); }

std::string Words::code(std::string_view ns, std::string_view value) const {
  if (value.empty()) return "";
  std::string key(ns);
  key.append(".").append(value);
  return has(key) ? tr(key) : std::string(value);
}

std::string Words::date(std::string_view iso) const {
  if (iso.size() < 10) return std::string(iso);
  std::string day = iso.size() > 10 && iso.back() == 'Z' ? utc_to_chisinau(iso).substr(0, 10) : std::string(iso.substr(0, 10));
  char sep = lang_ == "en" ? '/' : '.';
  return day.substr(8, 2) + sep + day.substr(5, 2) + sep + day.substr(0, 4);
}

std::string Words::date_format() const { return lang_ == "en" ? "dd/mm/yyyy" : "dd.mm.yyyy"; }
}  // namespace sp
