#include "reports/xml.hpp"

#include <libxml/xmlwriter.h>

#include <stdexcept>

namespace sp::reports {
namespace {
const xmlChar* x(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }
void check(int rc, const char* what) {
  if (rc < 0) throw std::runtime_error(std::string("XML writer: ") + what);
}
}  // namespace

struct Xml::State {
  xmlBufferPtr buffer = nullptr;
  xmlTextWriterPtr writer = nullptr;
  ~State() {
    if (writer) xmlFreeTextWriter(writer);
    if (buffer) xmlBufferFree(buffer);
  }
};

Xml::Xml() : s_(std::make_unique<State>()) {
  s_->buffer = xmlBufferCreate();
  if (!s_->buffer) throw std::runtime_error("XML writer: no buffer");
  s_->writer = xmlNewTextWriterMemory(s_->buffer, 0);
  if (!s_->writer) throw std::runtime_error("XML writer: no writer");
  xmlTextWriterSetIndent(s_->writer, 1);
  xmlTextWriterSetIndentString(s_->writer, reinterpret_cast<const xmlChar*>(" "));
  check(xmlTextWriterStartDocument(s_->writer, "1.0", "UTF-8", nullptr), "start");
}

Xml::~Xml() = default;

Xml& Xml::open(std::string_view name) {
  check(xmlTextWriterStartElement(s_->writer, x(std::string(name))), "element");
  return *this;
}
Xml& Xml::attr(std::string_view name, std::string_view value) {
  check(xmlTextWriterWriteAttribute(s_->writer, x(std::string(name)), x(std::string(value))), "attribute");
  return *this;
}
Xml& Xml::text(std::string_view s) {
  check(xmlTextWriterWriteString(s_->writer, x(std::string(s))), "text");
  return *this;
}
Xml& Xml::close() {
  check(xmlTextWriterEndElement(s_->writer), "end");
  return *this;
}
Xml& Xml::leaf(std::string_view name, std::string_view t) { return open(name).text(t).close(); }

std::string Xml::finish() {
  check(xmlTextWriterEndDocument(s_->writer), "end of document");
  xmlFreeTextWriter(s_->writer);  // flushes into the buffer
  s_->writer = nullptr;
  return {reinterpret_cast<const char*>(xmlBufferContent(s_->buffer)), static_cast<std::size_t>(xmlBufferLength(s_->buffer))};
}
}  // namespace sp::reports
