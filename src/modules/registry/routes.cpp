// HTTP for the registry: each handler parses the request, calls one operation (operations.hpp) and
// serialises its answer. No SQL, transactions or rules here.
#include "modules/registry/routes.hpp"

#include "common/json.hpp"
#include "http/respond.hpp"
#include "modules/registry/operations.hpp"
#include "modules/registry/rules.hpp"
#include "platform/documents.hpp"

namespace sp::registry {
namespace {
using http::json_text;
using http::query_in;
using http::query_text;
using http::Request;
using http::Response;
using platform::answer;
using platform::caller_of;

json::object body_of(const Request& r) { return parse_object(r.body); }


// A new record answers 201 with where it lives.
Response created(const Written& w, const std::string& path) {
  auto res = answer(w);
  res.header("Location", path + std::to_string(w.body.at("id").as_int64()));
  return res;
}

OrgFilter org_filter(const Request& r) {
  OrgFilter f;
  f.q = query_text(r, "q");
  f.district = query_text(r, "district", 10);
  f.target_group = query_in(r, "target_group", target_groups());
  f.status = query_in(r, "status", org_statuses());
  f.legal_form = query_in(r, "legal_form", legal_forms());
  f.sort = query_in(r, "sort", {"name", "-name", "registered_on", "-registered_on", "updated_at", "-updated_at"});
  if (f.sort.empty()) f.sort = "name";
  f.limit = query_int(r.q("limit"), "limit", 50, 1, 200);
  f.cursor = store::decode_cursor(r.q("cursor"));
  return f;
}

AuthorityFilter auth_filter(const Request& r) {
  AuthorityFilter f;
  f.q = query_text(r, "q");
  f.district = query_text(r, "district", 10);
  f.level = query_in(r, "level", {"local", "district", "central"});
  f.kind = query_in(r, "kind", authority_kinds());
  f.status = query_in(r, "status", authority_statuses());
  f.limit = query_int(r.q("limit"), "limit", 50, 1, 200);
  f.cursor = store::decode_cursor(r.q("cursor"));
  return f;
}

PartnershipFilter pship_filter(const Request& r) {
  PartnershipFilter f;
  f.q = query_text(r, "q");
  f.district = query_text(r, "district", 10);
  f.status = query_in(r, "status", partnership_statuses());
  f.organisation_id = query_int(r.q("organisation_id"), "organisation_id", 0, 0, INT64_MAX);
  f.authority_id = query_int(r.q("authority_id"), "authority_id", 0, 0, INT64_MAX);
  f.limit = query_int(r.q("limit"), "limit", 50, 1, 200);
  f.cursor = store::decode_cursor(r.q("cursor"));
  return f;
}

Response list_orgs(App& app, Request& r) { return json_text(organisations_list(app, org_filter(r))); }
Response export_orgs(App& app, Request& r) { return http::xlsx_file(organisations_xlsx(app, http::words_of(r), org_filter(r))); }
Response get_org(App& app, Request& r) { return answer(organisation_get(app, r.id())); }
Response create_org(App& app, Request& r) { return created(organisation_create(app, caller_of(r), body_of(r)), "/api/v1/organisations/"); }
Response update_org(App& app, Request& r) {
  auto version = r.if_match();
  return answer(organisation_update(app, caller_of(r), r.id(), version, body_of(r)));
}
Response archive_org(App& app, Request& r) {
  auto version = r.if_match();
  return answer(organisation_archive(app, caller_of(r), r.id(), version));
}
Response import_orgs(App& app, Request& r) {
  auto dry = r.q("dry_run").value_or("");
  return answer(organisations_import(app, caller_of(r), r.body, dry == "1" || dry == "true"));
}

Response list_auths(App& app, Request& r) { return json_text(authorities_list(app, auth_filter(r))); }
Response export_auths(App& app, Request& r) { return http::xlsx_file(authorities_xlsx(app, http::words_of(r), auth_filter(r))); }
Response get_auth(App& app, Request& r) { return answer(authority_get(app, r.id())); }
Response create_auth(App& app, Request& r) { return answer(authority_create(app, caller_of(r), body_of(r))); }
Response update_auth(App& app, Request& r) {
  auto version = r.if_match();
  return answer(authority_update(app, caller_of(r), r.id(), version, body_of(r)));
}
Response archive_auth(App& app, Request& r) {
  auto version = r.if_match();
  return answer(authority_archive(app, caller_of(r), r.id(), version));
}

Response list_pships(App& app, Request& r) { return json_text(partnerships_list(app, pship_filter(r))); }
Response export_pships(App& app, Request& r) { return http::xlsx_file(partnerships_xlsx(app, http::words_of(r), pship_filter(r))); }
Response get_pship(App& app, Request& r) { return answer(partnership_get(app, r.id())); }
Response create_pship(App& app, Request& r) { return answer(partnership_create(app, caller_of(r), body_of(r))); }
Response update_pship(App& app, Request& r) {
  auto version = r.if_match();
  return answer(partnership_update(app, caller_of(r), r.id(), version, body_of(r)));
}
Response archive_pship(App& app, Request& r) {
  auto version = r.if_match();
  return answer(partnership_archive(app, caller_of(r), r.id(), version));
}

Response upload_doc(App& app, Request& r) {
  return answer(partnership_document_add(app, caller_of(r), r.id(), r.body, query_text(r, "filename", 300)));
}

Response units(App& app, Request& r) {
  std::optional<int> level;
  if (auto l = query_int(r.q("level"), "level", 0, 0, 2)) level = static_cast<int>(l);
  auto res = answer(units_list(app, level, r.q("parent")));
  res.header("Cache-Control", "private, max-age=300");
  return res;
}
Response districts(App& app, Request&) { return answer(districts_list(app)); }
}  // namespace

void register_routes(App& app, http::Router& r) {
  auto h = handler_of(app);
  register_partnership_documents();
  r.add("GET", "/api/v1/units", http::kPublic, h(units));
  r.add("GET", "/api/v1/registry/districts", "registry.read", h(districts));

  r.add("GET", "/api/v1/organisations", "registry.read", h(list_orgs));
  r.add("GET", "/api/v1/organisations.xlsx", "registry.read", h(export_orgs));
  r.add("POST", "/api/v1/organisations", "organisations.write", h(create_org));
  r.add("POST", "/api/v1/organisations/import", "organisations.import", h(import_orgs));
  r.set_max_body(5 << 20);
  r.add("GET", "/api/v1/organisations/{id}", "registry.read", h(get_org));
  r.add("PATCH", "/api/v1/organisations/{id}", "organisations.write", h(update_org));
  r.add("DELETE", "/api/v1/organisations/{id}", "organisations.write", h(archive_org));

  r.add("GET", "/api/v1/authorities", "registry.read", h(list_auths));
  r.add("GET", "/api/v1/authorities.xlsx", "registry.read", h(export_auths));
  r.add("POST", "/api/v1/authorities", "authorities.write", h(create_auth));
  r.add("GET", "/api/v1/authorities/{id}", "registry.read", h(get_auth));
  r.add("PATCH", "/api/v1/authorities/{id}", "authorities.write", h(update_auth));
  r.add("DELETE", "/api/v1/authorities/{id}", "authorities.write", h(archive_auth));

  r.add("GET", "/api/v1/partnerships", "registry.read", h(list_pships));
  r.add("GET", "/api/v1/partnerships.xlsx", "registry.read", h(export_pships));
  r.add("POST", "/api/v1/partnerships", "partnerships.write", h(create_pship));
  r.add("GET", "/api/v1/partnerships/{id}", "registry.read", h(get_pship));
  r.add("PATCH", "/api/v1/partnerships/{id}", "partnerships.write", h(update_pship));
  r.add("DELETE", "/api/v1/partnerships/{id}", "partnerships.write", h(archive_pship));
  r.add("POST", "/api/v1/partnerships/{id}/documents", "documents.write", h(upload_doc));
  r.set_max_body(platform::kMaxDocumentBytes);
}
}  // namespace sp::registry
