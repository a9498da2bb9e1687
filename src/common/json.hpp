#pragma once
// JSON request parsing and field validation. Validation collects every wrong field and throws one
// Invalid (422) at finish(); a body that is not a JSON object is a 400.
#include <boost/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/errors.hpp"

namespace sp {
namespace json = boost::json;

// Parses a request body that must be one JSON object. Throws BadRequest otherwise.
json::object parse_object(std::string_view body);

enum class Need { Optional, Required };

class Validator {
 public:
  explicit Validator(const json::object& o, std::string prefix = "") : o_(o), prefix_(std::move(prefix)) {}

  // Text: trimmed, valid UTF-8 without control characters (newlines allowed when multiline),
  // length in code points within [min_len, max_len]. Absent, null or "" → nullopt (error if Required).
  std::optional<std::string> text(std::string_view field, Need need, std::size_t max_len, bool multiline = false);
  // Written reasons (a justification, a note a rule asks for): required multiline text of at least
  // min_len code points ("" when missing or short, the error named).
  std::string reason(std::string_view field, std::size_t min_len, std::size_t max_len = 4000);
  std::optional<std::int64_t> integer(std::string_view field, Need need, std::int64_t min, std::int64_t max);
  std::optional<bool> boolean(std::string_view field, Need need);
  // An exact decimal ("0.5", "12,75" or a whole JSON number; never a binary fraction) in parts per
  // million, within [min_ppm, max_ppm]; a JSON number with a fraction is refused (it may have lost
  // digits on the way).
  std::optional<std::int64_t> decimal(std::string_view field, Need need, std::int64_t min_ppm, std::int64_t max_ppm);
  // "YYYY-MM-DD"
  std::optional<std::string> date(std::string_view field, Need need);
  std::optional<std::string> one_of(std::string_view field, Need need, std::initializer_list<std::string_view> allowed);
  std::optional<std::string> one_of(std::string_view field, Need need, const std::vector<std::string>& allowed);
  // An array of distinct strings, each from allowed (or any short text when allowed is empty).
  std::optional<std::vector<std::string>> string_list(std::string_view field, Need need,
                                                      const std::vector<std::string>& allowed, std::size_t max_items);
  std::optional<std::string> email(std::string_view field, Need need);
  // An array of objects: returns them for the caller to validate each with a nested Validator.
  const json::array* array(std::string_view field, Need need, std::size_t max_items);
  const json::object* object(std::string_view field, Need need);
  // Each element of an array of objects, validated by f(child, index) with its own Validator whose
  // errors are named "field[i].x" and merged into this one. Returns the number of elements (0 if absent).
  template <class F>
  std::size_t each_object(std::string_view field, Need need, std::size_t max_items, F&& f) {
    const json::array* a = array(field, need, max_items);
    if (!a) return 0;
    for (std::size_t i = 0; i < a->size(); ++i) {
      std::string prefix = path(field) + "[" + std::to_string(i) + "]";
      if (!(*a)[i].is_object()) {
        errors_.push_back({prefix, "type", "Must be an object"});
        continue;
      }
      Validator child((*a)[i].get_object(), prefix);
      f(child, i);
      for (auto& e : child.errors_) errors_.push_back(std::move(e));
    }
    return a->size();
  }
  // Every key not in known is an error ("unknown"): a typo must not be silently ignored.
  void only(std::initializer_list<std::string_view> known);

  void add(std::string_view field, std::string code, std::string message, Params params = {});
  bool has(std::string_view field) const;  // the body has the field (not null)
  bool failed(std::string_view field) const;  // an error is already named for the field
  bool ok() const { return errors_.empty(); }
  std::vector<FieldError>& errors() { return errors_; }
  std::string path(std::string_view field) const;
  // Throws Invalid with every collected error, if any.
  void finish();

 private:
  const json::value* get(std::string_view field) const;
  const json::object& o_;
  std::string prefix_;
  std::vector<FieldError> errors_;
};

// What the server says, as a reader's UI translates it: {"code", "text", "params"}.
json::object said(const Say& s);

// JSON null for an empty optional, and a list of strings: the shapes every module's to_json writes.
json::value nullable(const std::optional<std::string>& s);
json::value nullable(const std::optional<std::int64_t>& n);
json::value nullable(const std::optional<int>& n);
json::array string_array(const std::vector<std::string>& v);

// An amount (minor units) that serialize_exact writes as the JSON number it is ("3885.02"), where
// Boost.JSON would write a double as 3.88502E3: for open data read by machines (OCDS, 360Giving).
json::value exact_number(std::int64_t minor);
std::string serialize_exact(const json::value& v);

// Merges a nested validator's errors into the parent.
void absorb(Validator& parent, Validator& child);

// Reads a non-negative integer query parameter; throws Invalid naming the parameter.
std::int64_t query_int(const std::optional<std::string>& raw, std::string_view name, std::int64_t dflt,
                       std::int64_t min, std::int64_t max);
}  // namespace sp
