// HTTP for the registry: parse and validate → check scope → rules/repo → serialise.
#include "modules/registry/routes.hpp"

#include <boost/json.hpp>
#include <sodium.h>

#include <filesystem>
#include <fstream>

#include "audit/audit.hpp"
#include "common/errors.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "modules/registry/documents.hpp"
#include "modules/registry/import.hpp"
#include "modules/registry/repo.hpp"
#include "modules/registry/rules.hpp"
#include "http/respond.hpp"
#include "reports/xlsx.hpp"

namespace sp::registry {
namespace {
namespace bj = boost::json;
using http::Request;
using http::Response;

constexpr std::size_t kMaxExportRows = 100000;
constexpr std::size_t kMaxImportRows = 10000;
using http::json_text;
using http::query_in;
using http::query_text;
using http::with_etag;


// ------------------------------------------------------------------ organisations

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

Response list_orgs(App& app, Request& r) {
  auto f = org_filter(r);
  auto tx = app.db->read();
  return json_text(list_organisations(tx, f));
}

Response export_orgs(App& app, Request& r) {
  auto f = org_filter(r);
  std::vector<Organisation> rows;
  {
    auto tx = app.db->read();
    rows = all_organisations(tx, f, kMaxExportRows);
  }
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : " | ") + x;
    return s;
  };
  using reports::Cell;
  std::vector<std::vector<Cell>> out;
  out.reserve(rows.size());
  for (const auto& o : rows)
    out.push_back({Cell::num(static_cast<double>(o.id)), Cell::of(o.name), Cell::of(o.short_name.value_or("")),
                   Cell::of(o.legal_form), Cell::of(o.idno), Cell::of(o.registered_on.value_or("")),
                   Cell::of(o.district), Cell::of(o.locality.value_or("")), Cell::of(o.address.value_or("")),
                   Cell::of(o.email.value_or("")), Cell::of(o.phone.value_or("")), Cell::of(join(o.fields)),
                   Cell::of(join(o.target_groups)), Cell::of(o.status)});
  return http::xlsx_file("organisations",
              reports::xlsx_table("Organizații",
                                  {"ID", "Denumire", "Denumire scurtă", "Forma juridică", "IDNO", "Data înregistrării",
                                   "Raion", "Localitate", "Adresa", "E-mail", "Telefon", "Domenii", "Grupuri țintă",
                                   "Statut"},
                                  out));
}

Response get_org(App& app, Request& r) {
  auto tx = app.db->read();
  auto o = find_organisation(tx, r.id());
  if (!o) throw NotFound("No such organisation");
  return with_etag(to_json(*o));
}

Response create_org(App& app, Request& r) {
  if (!may_create_organisation(r.me())) throw Forbidden("Only programme officers register organisations");
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"name", "short_name", "legal_form", "idno", "registered_on", "address", "district", "locality", "email",
          "phone", "website", "fields", "target_groups", "status", "description"});
  auto o = read_organisation(body, v);
  auto tx = app.db->write();
  check_place(tx, v, o.district, o.locality);
  if (!o.idno.empty() && idno_taken(tx, o.idno, 0)) v.add("idno", "taken", "An organisation with this IDNO is already registered");
  v.finish();
  o.id = insert_organisation(tx, o);
  auto saved = find_organisation(tx, o.id);
  auto after = to_json(*saved);
  audit::record(tx, audit::actor_of(r), "create", "organisation", o.id, nullptr, after, saved->name);
  tx.commit();
  auto res = with_etag(after);
  res.status = 201;
  res.header("Location", "/api/v1/organisations/" + std::to_string(o.id));
  return res;
}

Response update_org(App& app, Request& r) {
  auto id = r.id();
  if (!may_edit_organisation(r.me(), id)) throw Forbidden("You may only edit your own organisation");
  auto version = r.if_match();
  auto body = parse_object(r.body);
  Validator check(body);
  check.only({"name", "short_name", "legal_form", "idno", "registered_on", "address", "district", "locality", "email",
              "phone", "website", "fields", "target_groups", "status", "description"});
  if (body.contains("status") && r.me().scope() != auth::Scope::All)
    check.add("status", "scope", "Only programme officers change an organisation's status");
  check.finish();
  auto tx = app.db->write();
  auto before = find_organisation(tx, id);
  if (!before) throw NotFound("No such organisation");
  if (before->version != version)
    throw PreconditionFailed("The organisation was changed by someone else since version " + std::to_string(version));
  auto before_json = to_json(*before);
  auto merged = merge(before_json, body);
  Validator v(merged);
  auto o = read_organisation(merged, v);
  o.id = id;
  check_place(tx, v, o.district, o.locality);
  if (!o.idno.empty() && idno_taken(tx, o.idno, id)) v.add("idno", "taken", "An organisation with this IDNO is already registered");
  v.finish();
  if (!update_organisation(tx, o, version)) throw PreconditionFailed("The organisation was changed by someone else");
  auto after = to_json(*find_organisation(tx, id));
  audit::record(tx, audit::actor_of(r), "update", "organisation", id, before_json, after, o.name);
  tx.commit();
  return with_etag(after);
}

Response archive_org(App& app, Request& r) {
  auto id = r.id();
  if (!may_create_organisation(r.me())) throw Forbidden("Only programme officers archive organisations");
  auto version = r.if_match();
  auto tx = app.db->write();
  auto before = find_organisation(tx, id);
  if (!before) throw NotFound("No such organisation");
  if (before->version != version) throw PreconditionFailed("The organisation was changed by someone else");
  auto o = *before;
  o.status = "archived";
  if (!update_organisation(tx, o, version)) throw PreconditionFailed("The organisation was changed by someone else");
  auto after = to_json(*find_organisation(tx, id));
  audit::record(tx, audit::actor_of(r), "archive", "organisation", id, to_json(*before), after, o.name);
  tx.commit();
  return with_etag(after);
}

Response import_orgs(App& app, Request& r) {
  bool dry = r.q("dry_run").value_or("") == "1" || r.q("dry_run").value_or("") == "true";
  if (r.body.empty()) throw Invalid({{"file", "required", "Send the CSV file as the request body"}});
  auto tx = app.db->write();
  auto plan = plan_import(tx, r.body, kMaxImportRows);
  if (dry) return Response::json(to_json(plan, true));
  if (!plan.errors.empty()) {
    std::vector<FieldError> errs;
    for (const auto& e : plan.errors) errs.push_back({"line " + std::to_string(e.line) + "." + e.field, e.code, e.message});
    throw Invalid(errs, "Nothing was imported: " + std::to_string(plan.errors.size()) + " problem(s) in the file");
  }
  auto who = audit::actor_of(r);
  for (auto& o : plan.valid) {
    o.id = insert_organisation(tx, o);
    audit::record(tx, who, "create", "organisation", o.id, nullptr, to_json(*find_organisation(tx, o.id)), "imported from CSV");
  }
  audit::record(tx, who, "import", "organisation", std::nullopt, nullptr, bj::object{{"rows", plan.valid.size()}},
                "CSV import of " + std::to_string(plan.valid.size()) + " organisation(s)");
  tx.commit();
  auto out = to_json(plan, false);
  out["imported"] = plan.valid.size();
  return Response::json(std::move(out), 201);
}

// ------------------------------------------------------------------ authorities

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

void check_authority_unit(store::Tx& tx, Validator& v, const Authority& a) {
  if (!a.unit_code) return;
  auto u = find_unit(tx, *a.unit_code);
  if (!u) v.add("unit_code", "not_found", "No such administrative unit");
  else if (a.level == "local" && u->level != 1) v.add("unit_code", "not_allowed", "A mayoralty governs a locality (level 1)");
  else if (a.level == "district" && u->level != 2) v.add("unit_code", "not_allowed", "A council governs a district (level 2)");
}

Response list_auths(App& app, Request& r) {
  auto f = auth_filter(r);
  auto tx = app.db->read();
  return json_text(list_authorities(tx, f));
}

Response export_auths(App& app, Request& r) {
  auto f = auth_filter(r);
  std::vector<Authority> rows;
  {
    auto tx = app.db->read();
    rows = all_authorities(tx, f, kMaxExportRows);
  }
  using reports::Cell;
  std::vector<std::vector<Cell>> out;
  for (const auto& a : rows)
    out.push_back({Cell::num(static_cast<double>(a.id)), Cell::of(a.name), Cell::of(a.kind), Cell::of(a.level),
                   Cell::of(a.unit_code.value_or("")), Cell::of(a.district.value_or("")), Cell::of(a.idno.value_or("")),
                   Cell::of(a.head_name.value_or("")), Cell::of(a.email.value_or("")), Cell::of(a.phone.value_or("")),
                   Cell::of(a.status)});
  return http::xlsx_file("authorities", reports::xlsx_table("Autorități", {"ID", "Denumire", "Tip", "Nivel", "Unitate", "Raion", "IDNO",
                                                                 "Conducător", "E-mail", "Telefon", "Statut"},
                                                 out));
}

Response get_auth(App& app, Request& r) {
  auto tx = app.db->read();
  auto a = find_authority(tx, r.id());
  if (!a) throw NotFound("No such authority");
  return with_etag(to_json(*a));
}

Response create_auth(App& app, Request& r) {
  if (!may_create_authority(r.me())) throw Forbidden("Only programme officers register authorities");
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"name", "kind", "unit_code", "idno", "address", "email", "phone", "head_name", "status"});
  auto a = read_authority(body, v);
  auto tx = app.db->write();
  check_authority_unit(tx, v, a);
  v.finish();
  a.id = insert_authority(tx, a);
  auto after = to_json(*find_authority(tx, a.id));
  audit::record(tx, audit::actor_of(r), "create", "authority", a.id, nullptr, after, a.name);
  tx.commit();
  auto res = with_etag(after);
  res.status = 201;
  return res;
}

Response update_auth(App& app, Request& r) {
  auto id = r.id();
  if (!may_edit_authority(r.me(), id)) throw Forbidden("You may only edit your own authority");
  auto version = r.if_match();
  auto body = parse_object(r.body);
  Validator check(body);
  check.only({"name", "kind", "unit_code", "idno", "address", "email", "phone", "head_name", "status"});
  if ((body.contains("status") || body.contains("kind") || body.contains("unit_code")) && r.me().scope() != auth::Scope::All)
    check.add(body.contains("status") ? "status" : body.contains("kind") ? "kind" : "unit_code", "scope",
              "Only programme officers change an authority's type, unit or status");
  check.finish();
  auto tx = app.db->write();
  auto before = find_authority(tx, id);
  if (!before) throw NotFound("No such authority");
  if (before->version != version) throw PreconditionFailed("The authority was changed by someone else");
  auto before_json = to_json(*before);
  auto merged = merge(before_json, body);
  Validator v(merged);
  auto a = read_authority(merged, v);
  a.id = id;
  check_authority_unit(tx, v, a);
  v.finish();
  if (!update_authority(tx, a, version)) throw PreconditionFailed("The authority was changed by someone else");
  auto after = to_json(*find_authority(tx, id));
  audit::record(tx, audit::actor_of(r), "update", "authority", id, before_json, after, a.name);
  tx.commit();
  return with_etag(after);
}

Response archive_auth(App& app, Request& r) {
  auto id = r.id();
  if (!may_create_authority(r.me())) throw Forbidden("Only programme officers archive authorities");
  auto version = r.if_match();
  auto tx = app.db->write();
  auto before = find_authority(tx, id);
  if (!before) throw NotFound("No such authority");
  auto a = *before;
  a.status = "archived";
  if (before->version != version || !update_authority(tx, a, version))
    throw PreconditionFailed("The authority was changed by someone else");
  auto after = to_json(*find_authority(tx, id));
  audit::record(tx, audit::actor_of(r), "archive", "authority", id, to_json(*before), after, a.name);
  tx.commit();
  return with_etag(after);
}

// ------------------------------------------------------------------ partnerships

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

Response list_pships(App& app, Request& r) {
  auto f = pship_filter(r);
  auto tx = app.db->read();
  return json_text(list_partnerships(tx, f));
}

Response export_pships(App& app, Request& r) {
  auto f = pship_filter(r);
  std::vector<Partnership> rows;
  {
    auto tx = app.db->read();
    rows = all_partnerships(tx, f, kMaxExportRows);
  }
  using reports::Cell;
  std::vector<std::vector<Cell>> out;
  auto names = [](const Partnership& p, bool orgs) {
    std::string s;
    for (const auto& x : p.parties)
      if (x.organisation_id.has_value() == orgs) s += (s.empty() ? "" : "; ") + x.name;
    return s;
  };
  for (const auto& p : rows) {
    std::int64_t mdl = 0, eur = 0;
    for (const auto& x : p.parties) (x.contribution.currency == "EUR" ? eur : mdl) += x.contribution.minor;
    out.push_back({Cell::num(static_cast<double>(p.id)), Cell::of(p.title), Cell::of(p.status), Cell::of(p.starts_on),
                   Cell::of(p.ends_on.value_or("")), Cell::of(names(p, true)), Cell::of(names(p, false)),
                   Cell::num(static_cast<double>(mdl) / 100.0), Cell::num(static_cast<double>(eur) / 100.0)});
  }
  return http::xlsx_file("partnerships",
              reports::xlsx_table("Parteneriate", {"ID", "Titlu", "Statut", "Început", "Sfârșit", "Organizații",
                                                   "Autorități", "Cofinanțare MDL", "Cofinanțare EUR"},
                                  out));
}

Response get_pship(App& app, Request& r) {
  auto tx = app.db->read();
  auto p = find_partnership(tx, r.id());
  if (!p) throw NotFound("No such partnership");
  return with_etag(to_json(*p));
}

void check_parties(store::Tx& tx, Validator& v, const Partnership& p) {
  for (const auto& f : missing_parties(tx, p.parties)) v.errors().push_back({f, "not_found", "No such organisation or authority"});
}

Response create_pship(App& app, Request& r) {
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"title", "purpose", "starts_on", "ends_on", "status", "parties"});
  auto p = read_partnership(body, v);
  if (v.ok() && !may_edit_partnership(r.me(), p.parties))
    throw Forbidden("Your own organisation or authority must be one of the parties");
  auto tx = app.db->write();
  check_parties(tx, v, p);
  v.finish();
  p.id = insert_partnership(tx, p);
  auto after = to_json(*find_partnership(tx, p.id));
  audit::record(tx, audit::actor_of(r), "create", "partnership", p.id, nullptr, after, p.title);
  tx.commit();
  auto res = with_etag(after);
  res.status = 201;
  return res;
}

Response update_pship(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto body = parse_object(r.body);
  Validator check(body);
  check.only({"title", "purpose", "starts_on", "ends_on", "status", "parties"});
  check.finish();
  auto tx = app.db->write();
  auto before = find_partnership(tx, id);
  if (!before) throw NotFound("No such partnership");
  if (!may_edit_partnership(r.me(), before->parties)) throw Forbidden("Only the parties and programme officers edit a partnership");
  if (before->version != version) throw PreconditionFailed("The partnership was changed by someone else");
  auto before_json = to_json(*before);
  auto merged = merge(before_json, body);
  Validator v(merged);
  auto p = read_partnership(merged, v);
  p.id = id;
  if (v.ok() && !may_edit_partnership(r.me(), p.parties))
    v.add("parties", "scope", "Your own organisation or authority must stay one of the parties");
  check_parties(tx, v, p);
  v.finish();
  if (!update_partnership(tx, p, version)) throw PreconditionFailed("The partnership was changed by someone else");
  auto after = to_json(*find_partnership(tx, id));
  audit::record(tx, audit::actor_of(r), "update", "partnership", id, before_json, after, p.title);
  tx.commit();
  return with_etag(after);
}

Response archive_pship(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto tx = app.db->write();
  auto before = find_partnership(tx, id);
  if (!before) throw NotFound("No such partnership");
  if (!may_edit_partnership(r.me(), before->parties)) throw Forbidden("Only the parties and programme officers archive a partnership");
  auto p = *before;
  p.status = "archived";
  if (before->version != version || !update_partnership(tx, p, version))
    throw PreconditionFailed("The partnership was changed by someone else");
  auto after = to_json(*find_partnership(tx, id));
  audit::record(tx, audit::actor_of(r), "archive", "partnership", id, to_json(*before), after, p.title);
  tx.commit();
  return with_etag(after);
}

// ------------------------------------------------------------------ documents

std::string sha256_hex(std::string_view bytes) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

std::filesystem::path files_dir(const App& app) { return std::filesystem::path(app.cfg.data_dir) / "files"; }

std::map<std::string, DocumentOwner>& owners() {
  static std::map<std::string, DocumentOwner> m;
  return m;
}
const DocumentOwner& owner_of(const std::string& type) {
  auto it = owners().find(type);
  if (it == owners().end()) throw Forbidden("Documents of this kind cannot be read here");
  return it->second;
}

Response upload_doc(App& app, Request& r) {
  auto id = r.id();
  auto tx = app.db->write();
  auto p = find_partnership(tx, id);
  if (!p) throw NotFound("No such partnership");
  if (!may_edit_partnership(r.me(), p->parties)) throw Forbidden("Only the parties and programme officers attach documents");
  // Stored only once the upload is allowed: a refused one never reaches the disk.
  auto d = store_document_file(app, r.body, query_text(r, "filename", 300));
  auto doc = attach_document(tx, r, "partnership", id, d);
  tx.commit();
  return Response::json(doc, 201);
}

Response download_doc(App& app, Request& r) {
  std::optional<StoredDocument> s;
  {
    auto tx = app.db->read();
    s = find_document(tx, r.id());
    if (!s) throw NotFound("No such document");
    if (!owner_of(s->owner_type).may_read(r.me(), tx, s->owner_id)) throw Forbidden("You may not read this document");
  }
  std::ifstream in(files_dir(app) / s->doc.sha256, std::ios::binary);
  if (!in) throw NotFound("The document's file is missing");
  Response res;
  res.body.assign(std::istreambuf_iterator<char>(in), {});
  res.content_type = s->doc.content_type;
  res.header("Content-Disposition", "attachment; filename=\"" + s->doc.filename + "\"");
  res.header("Cache-Control", "private, no-store");
  return res;
}

Response archive_doc(App& app, Request& r) {
  auto id = r.id();
  auto tx = app.db->write();
  auto s = find_document(tx, id);
  if (!s) throw NotFound("No such document");
  const auto& owner = owner_of(s->owner_type);
  if (!owner.may_edit(r.me(), tx, s->owner_id)) throw Forbidden("You may not remove this document");
  archive_document(tx, id);
  owner.touch(tx, s->owner_id);
  audit::record(tx, audit::actor_of(r), "archive", "document", id, bj::object{{"filename", s->doc.filename}}, nullptr,
                s->doc.filename);
  tx.commit();
  return Response::no_content();
}

// ------------------------------------------------------------------ units and map

Response units(App& app, Request& r) {
  std::optional<int> level;
  auto l = query_int(r.q("level"), "level", 0, 0, 2);
  if (l) level = static_cast<int>(l);
  auto parent = r.q("parent");
  auto tx = app.db->read();
  bj::array items;
  for (const auto& u : list_units(tx, level, parent)) {
    bj::object o{{"code", u.code}, {"name", u.name}, {"kind", u.kind}, {"level", u.level}};
    if (u.level == 2) {
      o["region"] = u.region;
      o["svg_id"] = u.svg_id;
    } else o["parent_code"] = u.parent_code ? bj::value(*u.parent_code) : nullptr;
    items.push_back(std::move(o));
  }
  auto res = Response::json(bj::object{{"items", std::move(items)}});
  res.header("Cache-Control", "private, max-age=300");
  return res;
}

Response districts(App& app, Request&) {
  auto tx = app.db->read();
  return Response::json(bj::object{{"items", district_counts(tx)}});
}
}  // namespace

void register_document_owner(const std::string& owner_type, DocumentOwner o) { owners()[owner_type] = std::move(o); }

bj::object attach_document(store::Tx& tx, const Request& r, const std::string& owner_type, std::int64_t owner_id, Document& d) {
  d.id = insert_document(tx, owner_type, owner_id, d, r.me().user_id);
  owner_of(owner_type).touch(tx, owner_id);
  auto doc = to_json(d);
  audit::record(tx, audit::actor_of(r), "attach", owner_type, owner_id, nullptr, doc, d.filename);
  return doc;
}

Document store_document_file(const App& app, std::string_view body, std::string_view filename) {
  if (body.empty()) throw Invalid({{"file", "required", "Send the file as the request body"}});
  if (body.size() > kMaxDocumentBytes) throw Invalid({{"file", "too_large", "At most 10 MiB"}});
  auto type = sniff_document_type(body);
  if (type.empty()) throw Invalid({{"file", "not_allowed", "Only PDF, DOCX, XLSX, PNG and JPEG files are accepted"}});
  Document d;
  d.filename = safe_filename(filename);
  d.content_type = type;
  d.size = static_cast<std::int64_t>(body.size());
  d.sha256 = sha256_hex(body);
  d.uploaded_at = now_iso();
  auto dir = files_dir(app);
  std::filesystem::create_directories(dir);
  auto final_path = dir / d.sha256;
  if (!std::filesystem::exists(final_path)) {
    auto tmp = dir / (d.sha256 + ".tmp");
    {
      std::ofstream out(tmp, std::ios::binary);
      out.write(body.data(), static_cast<std::streamsize>(body.size()));
      if (!out) throw std::runtime_error("cannot write " + tmp.string());
    }
    std::filesystem::rename(tmp, final_path);
  }
  return d;
}

void register_routes(App& app, http::Router& r) {
  auto h = handler_of(app);
  // A partnership's documents are as public inside the product as the partnership itself.
  register_document_owner("partnership",
                          {[](const auth::Principal&, store::Tx& tx, std::int64_t id) { return find_partnership(tx, id).has_value(); },
                           [](const auth::Principal& p, store::Tx& tx, std::int64_t id) {
                             auto x = find_partnership(tx, id);
                             return x && may_edit_partnership(p, x->parties);
                           },
                           [](store::Tx& tx, std::int64_t id) {
                             tx.exec("UPDATE partnerships SET version = version + 1, updated_at = $1 WHERE id = $2", {now_iso(), id});
                           }});
  r.add("GET", "/api/v1/units", "registry.read", h(units));
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
  r.set_max_body(kMaxDocumentBytes);
  r.add("GET", "/api/v1/documents/{id}", "registry.read", h(download_doc));
  r.add("DELETE", "/api/v1/documents/{id}", "documents.write", h(archive_doc));
}
}  // namespace sp::registry
