#include "http/problem.hpp"

#include <boost/json.hpp>

namespace sp::http {
namespace {
boost::json::object params_of(const Params& ps) {
  boost::json::object o;
  for (const auto& [k, v] : ps) o[k] = v;
  return o;
}
}  // namespace

Response problem(const HttpError& e, std::string_view instance) {
  boost::json::object o;
  o["type"] = "https://socialpact.md/problems/" + e.type();
  o["title"] = e.title();
  o["status"] = e.status();
  o["detail"] = e.what();
  o["code"] = e.code();
  if (!e.params().empty()) o["params"] = params_of(e.params());
  if (!instance.empty()) o["instance"] = instance;
  if (!e.errors().empty()) {
    boost::json::array errs;
    for (const auto& f : e.errors()) {
      boost::json::object x{{"field", f.field}, {"code", f.code}, {"message", f.message}};
      if (!f.params.empty()) x["params"] = params_of(f.params);
      errs.push_back(std::move(x));
    }
    o["errors"] = std::move(errs);
  }
  auto r = Response::json(o, e.status());
  r.content_type = "application/problem+json";
  return r;
}
}  // namespace sp::http
