#include "http/problem.hpp"

#include <boost/json.hpp>

namespace sp::http {
Response problem(const HttpError& e, std::string_view instance) {
  boost::json::object o;
  o["type"] = "https://socialpact.md/problems/" + e.type();
  o["title"] = e.title();
  o["status"] = e.status();
  o["detail"] = e.what();
  if (!instance.empty()) o["instance"] = instance;
  if (!e.errors().empty()) {
    boost::json::array errs;
    for (const auto& f : e.errors()) errs.push_back({{"field", f.field}, {"code", f.code}, {"message", f.message}});
    o["errors"] = std::move(errs);
  }
  auto r = Response::json(o, e.status());
  r.content_type = "application/problem+json";
  return r;
}
}  // namespace sp::http
