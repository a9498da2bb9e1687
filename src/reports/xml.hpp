#pragma once
// An XML document written element by element (libxml2's text writer: escaping, UTF-8, indentation),
// for open data read by machines (IATI). Elements are closed in the order they were opened.
#include <memory>
#include <string>
#include <string_view>

namespace sp::reports {
class Xml {
 public:
  Xml();
  ~Xml();
  Xml(const Xml&) = delete;
  Xml& operator=(const Xml&) = delete;

  Xml& open(std::string_view name);
  // An attribute of the element just opened (before any child or text).
  Xml& attr(std::string_view name, std::string_view value);
  Xml& text(std::string_view s);
  Xml& close();
  // <name attr…>text</name> in one call, the common case.
  Xml& leaf(std::string_view name, std::string_view text);
  // The document, every element closed.
  std::string finish();

 private:
  struct State;
  std::unique_ptr<State> s_;
};
}  // namespace sp::reports
