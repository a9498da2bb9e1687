#pragma once
// The UI's own texts (web/src/i18n/{ro,ru,en}.json, compiled into the binary), read where the server
// writes for a person outside the pages: e-mails, spreadsheets and documents. One set of words for the
// pages and for what the server writes, in the person's language; Romanian where a language lacks a
// text. scripts/check-messages checks that every key the sources name with tr("…") is in all three.
#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace sp {
// "{{name}}" in a text replaced by params' value (a string, an integer; a bool as ✓/✗); an unknown
// name by nothing; a text without its closing braces kept as written.
std::string fill_template(std::string_view tpl, const boost::json::object& params);

class Words {
 public:
  // An unknown language reads Romanian.
  explicit Words(std::string_view lang);
  const std::string& lang() const { return lang_; }
  // Of a text kept in the three languages, this language's — Romanian where that one is empty.
  const std::string& pick(const std::string& ro, const std::string& ru, const std::string& en) const {
    const std::string& t = lang_ == "ru" ? ru : lang_ == "en" ? en : ro;
    return t.empty() ? ro : t;
  }
  // The text at a dotted key ("sheet.organisations.name"), parameters filled; Romanian where this
  // language lacks it; the key itself where neither has it.
  std::string tr(std::string_view key, const boost::json::object& params = {}) const;
  // True when the language (or Romanian) has a text at the key.
  bool has(std::string_view key) const;
  // A code shown as a word: code("org_status", "active") → "Activă"; the code itself when unknown,
  // "" for "".
  std::string code(std::string_view ns, std::string_view value) const;
  // A calendar day "YYYY-MM-DD" or an instant "…Z" (by Chisinau's day) as the language writes it:
  // 02.12.2026 (ro, ru), 02/12/2026 (en); "" for "".
  std::string date(std::string_view iso) const;
  // The spreadsheet's number format for days in this language ("dd.mm.yyyy", "dd/mm/yyyy").
  std::string date_format() const;

 private:
  std::string lang_;
};
}  // namespace sp
