// The registry's operations (operations.hpp), on the platform's write path.
#include "modules/registry/operations.hpp"

#include <boost/json.hpp>


#include "audit/audit.hpp"
#include "common/errors.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "platform/documents.hpp"
#include "modules/registry/import.hpp"
#include "modules/registry/registry.hpp"
#include "modules/registry/rules.hpp"
#include "reports/xlsx.hpp"
#include "store/data_version.hpp"

namespace sp::registry {
namespace {
namespace bj = boost::json;
using reports::Cell;

constexpr std::size_t kMaxExportRows = 100000;
constexpr std::size_t kMaxImportRows = 10000;

template <class R>
platform::Kind<R> kind_of(std::string_view entity, std::string_view not_found, std::string_view stale,
                          std::optional<R> (*find)(store::Tx&, std::int64_t), std::string R::*label) {
  return {not_found, stale, find, [](const R& x) { return x.version; },
          [entity, label](const R& x) { return platform::Subject{entity, x.id, x.*label}; },
          [](store::Tx&, const R& x) { return to_json(x); }};
}

const platform::Kind<Organisation>& organisation_kind() {
  static const auto k = kind_of<Organisation>("organisation", "No such organisation", "The organisation was changed by someone else",
                                              find_organisation, &Organisation::name);
  return k;
}
const platform::Kind<Authority>& authority_kind() {
  static const auto k =
      kind_of<Authority>("authority", "No such authority", "The authority was changed by someone else", find_authority, &Authority::name);
  return k;
}
const platform::Kind<Partnership>& partnership_kind() {
  static const auto k = kind_of<Partnership>("partnership", "No such partnership", "The partnership was changed by someone else",
                                             find_partnership, &Partnership::title);
  return k;
}

// Before and after of every registry change: the record as its readers see it.
template <class R>
bj::value as_json(store::Tx&, const R& x) {
  return to_json(x);
}

void check_authority_unit(store::Tx& tx, Validator& v, const Authority& a) {
  if (!a.unit_code) return;
  auto u = find_unit(tx, *a.unit_code);
  if (!u) v.add("unit_code", "not_found", "No such administrative unit");
  else if (a.level == "local" && u->level != 1) v.add("unit_code", "not_allowed", "A mayoralty governs a locality (level 1)");
  else if (a.level == "district" && u->level != 2) v.add("unit_code", "not_allowed", "A council governs a district (level 2)");
}

void check_parties(store::Tx& tx, Validator& v, const Partnership& p) {
  for (const auto& f : missing_parties(tx, p.parties)) v.errors().push_back({f, "not_found", "No such organisation or authority"});
}

platform::Refusal<Partnership> unless_party(const Caller& c, Say why) {
  return [&c, why](store::Tx&, const Partnership& p) -> std::optional<Say> {
    if (may_edit_partnership(c.me, p.parties)) return std::nullopt;
    return why;
  };
}
}  // namespace

// ------------------------------------------------------------------ organisations

std::string organisations_list(App& app, const OrgFilter& f) {
  auto tx = app.db->read();
  return list_organisations(tx, f);
}

namespace {
// Places' names for the rows of a spreadsheet: each district and locality code they name.
template <class Rows, class Codes>
std::map<std::string, std::string> places_of(App& app, const Rows& rows, Codes codes) {
  std::vector<std::string> want;
  for (const auto& r : rows) codes(r, want);
  auto tx = app.db->read();
  return unit_names(tx, want);
}
}  // namespace

Spreadsheet organisations_xlsx(App& app, const Words& w, const OrgFilter& f) {
  std::vector<Organisation> rows;
  {
    auto tx = app.db->read();
    rows = all_organisations(tx, f, kMaxExportRows);
  }
  auto place = places_of(app, rows, [](const Organisation& o, std::vector<std::string>& v) {
    v.push_back(o.district);
    if (o.locality) v.push_back(*o.locality);
  });
  auto name_of = [&](const std::string& code) { return place.count(code) ? place.at(code) : code; };
  auto words = [&](const char* ns, const std::vector<std::string>& codes) {
    std::string s;
    for (const auto& x : codes) s += (s.empty() ? "" : "; ") + w.code(ns, x);
    return s;
  };
  std::vector<std::vector<Cell>> out;
  out.reserve(rows.size());
  for (const auto& o : rows)
    out.push_back({Cell::num(static_cast<double>(o.id)), Cell::of(o.name), Cell::of(o.short_name.value_or("")),
                   Cell::of(w.code("legal_form", o.legal_form)), Cell::of(o.idno), Cell::date(o.registered_on),
                   Cell::of(name_of(o.district)), Cell::of(o.locality ? name_of(*o.locality) : ""), Cell::of(o.address.value_or("")),
                   Cell::of(o.email.value_or("")), Cell::of(o.phone.value_or("")), Cell::of(words("field", o.fields)),
                   Cell::of(words("target_group", o.target_groups)), Cell::of(w.code("org_status", o.status))});
  return {"organisations", reports::xlsx_table(w, w.tr("sheet.organisations.title"),
                                               reports::headers(w, "sheet.organisations",
                                                                {"id", "name", "short_name", "legal_form", "idno", "registered_on",
                                                                 "district", "locality", "address", "email", "phone", "fields",
                                                                 "target_groups", "status"}),
                                               out)};
}

Written organisation_get(App& app, std::int64_t id) {
  auto tx = app.db->read();
  auto o = find_organisation(tx, id);
  if (!o) throw NotFound(say("not_found", "No such organisation"));
  return {to_json(*o), o->version};
}

Written organisation_create(App& app, const Caller& c, const json::object& body) {
  if (!may_create_organisation(c.me)) throw Forbidden(say("officers_register_organisations", "Only programme officers register organisations"));
  Validator v(body);
  v.only({"name", "short_name", "legal_form", "idno", "registered_on", "address", "district", "locality", "email", "phone", "website",
          "fields", "target_groups", "status", "description"});
  auto o = read_organisation(body, v);
  return platform::create<Organisation>(
      *app.db, c, v, organisation_kind(),
      {.action = "create",
       .check =
           [&](store::Tx& tx, Validator& v) {
             check_place(tx, v, o.district, o.locality);
             if (!o.idno.empty() && idno_taken(tx, o.idno, 0)) v.add("idno", "taken", "An organisation with this IDNO is already registered");
           },
       .insert = [&](store::Tx& tx) { return insert_organisation(tx, o); },
       .audited = {}});
}

Written organisation_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  if (!may_edit_organisation(c.me, id)) throw Forbidden(say("own_organisation_only", "You may only edit your own organisation"));
  Validator writable(body);
  writable.only({"name", "short_name", "legal_form", "idno", "registered_on", "address", "district", "locality", "email", "phone", "website",
                 "fields", "target_groups", "status", "description"});
  if (body.contains("status") && c.me.scope() != auth::Scope::All)
    writable.add("status", "scope", "Only programme officers change an organisation's status");
  writable.finish();
  Organisation o;
  return platform::change<Organisation>(
      *app.db, c, id, version, writable, organisation_kind(),
      {.action = "update",
       .refuse = {},
       .check =
           [&](store::Tx& tx, const Organisation& before, Validator&) {
             auto merged = merge(to_json(before), body);
             Validator v(merged);
             o = read_organisation(merged, v);
             o.id = id;
             check_place(tx, v, o.district, o.locality);
             if (!o.idno.empty() && idno_taken(tx, o.idno, id)) v.add("idno", "taken", "An organisation with this IDNO is already registered");
             v.finish();
           },
       .apply = [&](store::Tx& tx, const Organisation& before) { return update_organisation(tx, o, before.version); },
       .before = as_json<Organisation>,
       .after = {}});
}

Written organisation_archive(App& app, const Caller& c, std::int64_t id, std::int64_t version) {
  if (!may_create_organisation(c.me)) throw Forbidden(say("officers_archive_organisations", "Only programme officers archive organisations"));
  json::object none;
  Validator v(none);
  return platform::change<Organisation>(*app.db, c, id, version, v, organisation_kind(),
                                        {.action = "archive",
                                         .refuse = {},
                                         .check = {},
                                         .apply =
                                             [](store::Tx& tx, const Organisation& before) {
                                               auto o = before;
                                               o.status = "archived";
                                               return update_organisation(tx, o, before.version);
                                             },
                                         .before = as_json<Organisation>,
                                         .after = {}});
}

Written organisations_import(App& app, const Caller& c, std::string_view csv, bool dry_run) {
  if (csv.empty()) throw Invalid({{"file", "required", "Send the CSV file as the request body"}});
  auto tx = app.db->write();
  auto plan = plan_import(tx, csv, kMaxImportRows);
  if (dry_run) return {to_json(plan, true)};
  if (!plan.errors.empty()) {
    std::vector<FieldError> errs;
    for (const auto& e : plan.errors) errs.push_back({"line " + std::to_string(e.line) + "." + e.field, e.code, e.message});
    throw Invalid(errs, say("import_refused", "Nothing was imported: {count} problem(s) in the file",
                            {{"count", std::to_string(plan.errors.size())}}));
  }
  // Many records in one transaction: each audited as its own creation, then the import itself.
  for (auto& o : plan.valid) {
    o.id = insert_organisation(tx, o);
    audit::record(tx, c.actor, "create", "organisation", o.id, nullptr, to_json(*find_organisation(tx, o.id)), "imported from CSV");
  }
  audit::record(tx, c.actor, "import", "organisation", std::nullopt, nullptr, bj::object{{"rows", plan.valid.size()}},
                "CSV import of " + std::to_string(plan.valid.size()) + " organisation(s)");
  tx.commit();
  auto out = to_json(plan, false);
  out["imported"] = plan.valid.size();
  return {std::move(out), 0, 201};
}

// ------------------------------------------------------------------ authorities

std::string authorities_list(App& app, const AuthorityFilter& f) {
  auto tx = app.db->read();
  return list_authorities(tx, f);
}

Spreadsheet authorities_xlsx(App& app, const Words& w, const AuthorityFilter& f) {
  std::vector<Authority> rows;
  {
    auto tx = app.db->read();
    rows = all_authorities(tx, f, kMaxExportRows);
  }
  auto place = places_of(app, rows, [](const Authority& a, std::vector<std::string>& v) {
    if (a.unit_code) v.push_back(*a.unit_code);
    if (a.district) v.push_back(*a.district);
  });
  auto name_of = [&](const std::optional<std::string>& code) { return !code ? "" : place.count(*code) ? place.at(*code) : *code; };
  std::vector<std::vector<Cell>> out;
  for (const auto& a : rows)
    out.push_back({Cell::num(static_cast<double>(a.id)), Cell::of(a.name), Cell::of(w.code("authority_kind", a.kind)),
                   Cell::of(w.code("authority_level", a.level)), Cell::of(name_of(a.unit_code)), Cell::of(name_of(a.district)),
                   Cell::of(a.idno.value_or("")), Cell::of(a.head_name.value_or("")), Cell::of(a.email.value_or("")),
                   Cell::of(a.phone.value_or("")), Cell::of(w.code("authority_status", a.status))});
  return {"authorities", reports::xlsx_table(w, w.tr("sheet.authorities.title"),
                                             reports::headers(w, "sheet.authorities",
                                                              {"id", "name", "kind", "level", "unit", "district", "idno", "head",
                                                               "email", "phone", "status"}),
                                             out)};
}

Written authority_get(App& app, std::int64_t id) {
  auto tx = app.db->read();
  auto a = find_authority(tx, id);
  if (!a) throw NotFound(say("not_found", "No such authority"));
  return {to_json(*a), a->version};
}

Written authority_create(App& app, const Caller& c, const json::object& body) {
  if (!may_create_authority(c.me)) throw Forbidden(say("officers_register_authorities", "Only programme officers register authorities"));
  Validator v(body);
  v.only({"name", "kind", "unit_code", "idno", "address", "email", "phone", "head_name", "status"});
  auto a = read_authority(body, v);
  return platform::create<Authority>(*app.db, c, v, authority_kind(),
                                     {.action = "create",
                                      .check = [&](store::Tx& tx, Validator& v) { check_authority_unit(tx, v, a); },
                                      .insert = [&](store::Tx& tx) { return insert_authority(tx, a); },
                                      .audited = {}});
}

Written authority_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  if (!may_edit_authority(c.me, id)) throw Forbidden(say("own_authority_only", "You may only edit your own authority"));
  Validator writable(body);
  writable.only({"name", "kind", "unit_code", "idno", "address", "email", "phone", "head_name", "status"});
  if ((body.contains("status") || body.contains("kind") || body.contains("unit_code")) && c.me.scope() != auth::Scope::All)
    writable.add(body.contains("status") ? "status" : body.contains("kind") ? "kind" : "unit_code", "scope",
                 "Only programme officers change an authority's type, unit or status");
  writable.finish();
  Authority a;
  return platform::change<Authority>(
      *app.db, c, id, version, writable, authority_kind(),
      {.action = "update",
       .refuse = {},
       .check =
           [&](store::Tx& tx, const Authority& before, Validator&) {
             auto merged = merge(to_json(before), body);
             Validator v(merged);
             a = read_authority(merged, v);
             a.id = id;
             check_authority_unit(tx, v, a);
             v.finish();
           },
       .apply = [&](store::Tx& tx, const Authority& before) { return update_authority(tx, a, before.version); },
       .before = as_json<Authority>,
       .after = {}});
}

Written authority_archive(App& app, const Caller& c, std::int64_t id, std::int64_t version) {
  if (!may_create_authority(c.me)) throw Forbidden(say("officers_archive_authorities", "Only programme officers archive authorities"));
  json::object none;
  Validator v(none);
  return platform::change<Authority>(*app.db, c, id, version, v, authority_kind(),
                                     {.action = "archive",
                                      .refuse = {},
                                      .check = {},
                                      .apply =
                                          [](store::Tx& tx, const Authority& before) {
                                            auto a = before;
                                            a.status = "archived";
                                            return update_authority(tx, a, before.version);
                                          },
                                      .before = as_json<Authority>,
                                      .after = {}});
}

// ------------------------------------------------------------------ partnerships

std::string partnerships_list(App& app, const PartnershipFilter& f) {
  auto tx = app.db->read();
  return list_partnerships(tx, f);
}

Spreadsheet partnerships_xlsx(App& app, const Words& w, const PartnershipFilter& f) {
  std::vector<Partnership> rows;
  {
    auto tx = app.db->read();
    rows = all_partnerships(tx, f, kMaxExportRows);
  }
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
    out.push_back({Cell::num(static_cast<double>(p.id)), Cell::of(p.title), Cell::of(w.code("partnership_status", p.status)),
                   Cell::date(p.starts_on), Cell::date(p.ends_on), Cell::of(names(p, true)), Cell::of(names(p, false)),
                   Cell::money(mdl), Cell::money(eur)});
  }
  return {"partnerships", reports::xlsx_table(w, w.tr("sheet.partnerships.title"),
                                              reports::headers(w, "sheet.partnerships",
                                                               {"id", "title_col", "status", "starts_on", "ends_on", "organisations",
                                                                "authorities", "cofinancing_mdl", "cofinancing_eur"}),
                                              out)};
}

Written partnership_get(App& app, std::int64_t id) {
  auto tx = app.db->read();
  auto p = find_partnership(tx, id);
  if (!p) throw NotFound(say("not_found", "No such partnership"));
  return {to_json(*p), p->version};
}

Written partnership_create(App& app, const Caller& c, const json::object& body) {
  Validator v(body);
  v.only({"title", "purpose", "starts_on", "ends_on", "status", "parties"});
  auto p = read_partnership(body, v);
  if (v.ok() && !may_edit_partnership(c.me, p.parties)) throw Forbidden(say("own_party_required", "Your own organisation or authority must be one of the parties"));
  return platform::create<Partnership>(*app.db, c, v, partnership_kind(),
                                       {.action = "create",
                                        .check = [&](store::Tx& tx, Validator& v) { check_parties(tx, v, p); },
                                        .insert = [&](store::Tx& tx) { return insert_partnership(tx, p); },
                                        .audited = {}});
}

Written partnership_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator writable(body);
  writable.only({"title", "purpose", "starts_on", "ends_on", "status", "parties"});
  writable.finish();
  Partnership p;
  return platform::change<Partnership>(
      *app.db, c, id, version, writable, partnership_kind(),
      {.action = "update",
       .refuse = unless_party(c, say("partnership_parties_edit", "Only the parties and programme officers edit a partnership")),
       .check =
           [&](store::Tx& tx, const Partnership& before, Validator&) {
             auto merged = merge(to_json(before), body);
             Validator v(merged);
             p = read_partnership(merged, v);
             p.id = id;
             if (v.ok() && !may_edit_partnership(c.me, p.parties))
               v.add("parties", "scope", "Your own organisation or authority must stay one of the parties");
             check_parties(tx, v, p);
             v.finish();
           },
       .apply = [&](store::Tx& tx, const Partnership& before) { return update_partnership(tx, p, before.version); },
       .before = as_json<Partnership>,
       .after = {}});
}

Written partnership_archive(App& app, const Caller& c, std::int64_t id, std::int64_t version) {
  json::object none;
  Validator v(none);
  return platform::change<Partnership>(*app.db, c, id, version, v, partnership_kind(),
                                       {.action = "archive",
                                        .refuse = unless_party(c, say("partnership_parties_archive", "Only the parties and programme officers archive a partnership")),
                                        .check = {},
                                        .apply =
                                            [](store::Tx& tx, const Partnership& before) {
                                              auto p = before;
                                              p.status = "archived";
                                              return update_partnership(tx, p, before.version);
                                            },
                                        .before = as_json<Partnership>,
                                        .after = {}});
}

// ------------------------------------------------------------------ documents

Written partnership_document_add(App& app, const Caller& c, std::int64_t id, std::string_view body, std::string_view filename) {
  return platform::upload_document<Partnership>(app, c, "partnership", id, partnership_kind(),
                                                unless_party(c, say("partnership_parties_attach", "Only the parties and programme officers attach documents")),
                                                [](store::Tx&, const Partnership&) { return std::string(); }, body, filename);
}

void register_partnership_documents() {
  // A partnership's documents are as public inside the product as the partnership itself.
  platform::register_document_owner("partnership",
                          {[](const auth::Principal&, store::Tx& tx, std::int64_t id) { return find_partnership(tx, id).has_value(); },
                           [](const auth::Principal& p, store::Tx& tx, std::int64_t id) {
                             auto x = find_partnership(tx, id);
                             return x && may_edit_partnership(p, x->parties);
                           },
                           [](store::Tx& tx, std::int64_t id) { store::bump_version(tx, "partnerships", id); }});
}

// ------------------------------------------------------------------ units and map

Written units_list(App& app, std::optional<int> level, const std::optional<std::string>& parent) {
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
  return {bj::object{{"items", std::move(items)}}};
}

Written districts_list(App& app) {
  auto tx = app.db->read();
  return {bj::object{{"items", district_counts(tx)}}};
}
}  // namespace sp::registry
