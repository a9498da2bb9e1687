#pragma once
// Small helpers every module's routes share: query parameters with limits, JSON and XLSX answers,
// the ETag of a versioned record.
#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "common/words.hpp"
#include "http/request.hpp"
#include "reports/xlsx.hpp"

namespace sp::http {
// A query parameter ("" when absent); Invalid (422) naming it when longer than max.
std::string query_text(const Request& r, std::string_view name, std::size_t max = 200);
// A query parameter that must be one of allowed (or absent → "").
std::string query_in(const Request& r, std::string_view name, const std::vector<std::string>& allowed);
// An already serialised JSON body.
Response json_text(std::string body);
// The record as JSON with ETag: "<version>" (the value If-Match must send back).
Response with_etag(const boost::json::object& o, int status = 200);
// A download: the body as `content_type`, saved as `filename`.
Response download(std::string body, std::string content_type, const std::string& filename);
// A PDF shown in the browser (inline), named as given.
Response pdf_file(reports::Spreadsheet p);
// An XLSX download named "<name>-<today>.xlsx".
Response xlsx_file(reports::Spreadsheet s);
// The words a download is written in: `?lang=` (ro, ru, en; the UI sends the page's language), else
// the signed-in user's language, else Romanian.
Words words_of(const Request& r);
}  // namespace sp::http
