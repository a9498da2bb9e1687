#pragma once
// Small helpers every module's routes share: query parameters with limits, JSON and XLSX answers,
// the ETag of a versioned record.
#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"

namespace sp::http {
// A query parameter ("" when absent); Invalid (422) naming it when longer than max.
std::string query_text(const Request& r, std::string_view name, std::size_t max = 200);
// A query parameter that must be one of allowed (or absent → "").
std::string query_in(const Request& r, std::string_view name, const std::vector<std::string>& allowed);
// An already serialised JSON body.
Response json_text(std::string body);
// The record as JSON with ETag: "<version>" (the value If-Match must send back).
Response with_etag(const boost::json::object& o, int status = 200);
// An XLSX download named "<name>-<today>.xlsx".
Response xlsx_file(const std::string& name, std::string bytes);
}  // namespace sp::http
