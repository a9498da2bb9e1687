#include "modules/registry/rules.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "common/idno.hpp"
#include "common/money.hpp"
#include "common/text.hpp"
#include "platform/document.hpp"

namespace sp::registry {
namespace {
namespace bj = boost::json;


std::optional<std::string> phone(Validator& v, std::string_view field) {
  auto s = v.text(field, Need::Optional, 40);
  if (s) {
    int digits = 0;
    bool ok = true;
    for (char c : *s) {
      if (c >= '0' && c <= '9') ++digits;
      else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')') ok = false;
    }
    if (!ok || digits < 6 || digits > 15) {
      v.add(field, "invalid_phone", "Must be a phone number");
      return std::nullopt;
    }
  }
  return s;
}

std::optional<std::string> idno_field(Validator& v, std::string_view field, Need need) {
  auto s = v.text(field, need, 20);
  if (s && !valid_idno(*s)) {
    v.add(field, "invalid_idno", "Must be 13 digits with a valid check digit");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> website(Validator& v, std::string_view field) {
  auto s = v.text(field, Need::Optional, 300);
  if (s && s->rfind("https://", 0) != 0 && s->rfind("http://", 0) != 0) {
    v.add(field, "invalid_url", "Must start with https:// or http://");
    return std::nullopt;
  }
  return s;
}

void date_order(Validator& v, const std::optional<std::string>& from, const std::optional<std::string>& to,
                 std::string_view to_field) {
  if (from && to && *to < *from) v.add(to_field, "date_order", "Must not be before the start date");
}
}  // namespace

Organisation read_organisation(const json::object& o, Validator& v) {
  Organisation r;
  r.name = v.text("name", Need::Required, 300).value_or("");
  r.short_name = v.text("short_name", Need::Optional, 100);
  r.legal_form = v.one_of("legal_form", Need::Required, legal_forms()).value_or("");
  r.idno = idno_field(v, "idno", Need::Required).value_or("");
  r.registered_on = v.date("registered_on", Need::Optional);
  r.address = v.text("address", Need::Optional, 300);
  r.district = v.text("district", Need::Required, 10).value_or("");
  r.locality = v.text("locality", Need::Optional, 20);
  r.email = v.email("email", Need::Optional);
  r.phone = phone(v, "phone");
  r.website = website(v, "website");
  r.fields = v.string_list("fields", Need::Optional, fields_of_activity(), 20).value_or(std::vector<std::string>{});
  r.target_groups = v.string_list("target_groups", Need::Optional, target_groups(), 20).value_or(std::vector<std::string>{});
  r.status = v.one_of("status", Need::Optional, org_statuses()).value_or("active");
  r.description = v.text("description", Need::Optional, 4000, true);
  if (r.registered_on && *r.registered_on > "2100") v.add("registered_on", "out_of_range", "Not a plausible date");
  (void)o;
  return r;
}

Authority read_authority(const json::object& o, Validator& v) {
  Authority a;
  a.name = v.text("name", Need::Required, 300).value_or("");
  a.kind = v.one_of("kind", Need::Required, authority_kinds()).value_or("");
  a.level = a.kind.empty() ? "" : authority_level(a.kind);
  a.unit_code = v.text("unit_code", Need::Optional, 20);
  a.idno = idno_field(v, "idno", Need::Optional);
  a.address = v.text("address", Need::Optional, 300);
  a.email = v.email("email", Need::Optional);
  a.phone = phone(v, "phone");
  a.head_name = v.text("head_name", Need::Optional, 200);
  a.status = v.one_of("status", Need::Optional, authority_statuses()).value_or("active");
  if (!a.kind.empty() && a.level != "central" && !a.unit_code)
    v.add("unit_code", "required", "A local or district authority governs an administrative unit");
  if (a.level == "central" && a.unit_code) v.add("unit_code", "not_allowed", "Central bodies have no administrative unit");
  (void)o;
  return a;
}

Partnership read_partnership(const json::object& o, Validator& v) {
  Partnership p;
  p.title = v.text("title", Need::Required, 300).value_or("");
  p.purpose = v.text("purpose", Need::Optional, 4000, true);
  auto starts = v.date("starts_on", Need::Required);
  p.starts_on = starts.value_or("");
  p.ends_on = v.date("ends_on", Need::Optional);
  date_order(v, starts, p.ends_on, "ends_on");
  p.status = v.one_of("status", Need::Optional, partnership_statuses()).value_or("draft");
  const json::array* parties = v.array("parties", Need::Required, 50);
  if (parties) {
    std::set<std::pair<std::string, std::int64_t>> seen;
    int orgs = 0, auths = 0;
    for (std::size_t i = 0; i < parties->size(); ++i) {
      std::string prefix = v.path("parties") + "[" + std::to_string(i) + "]";
      const auto& item = (*parties)[i];
      if (!item.is_object()) {
        v.errors().push_back({prefix, "type", "Must be an object"});
        continue;
      }
      Validator pv(item.get_object(), prefix);
      pv.only({"organisation_id", "authority_id", "role", "contribution", "contribution_kind", "name"});
      Party party;
      party.organisation_id = pv.integer("organisation_id", Need::Optional, 1, INT64_MAX);
      party.authority_id = pv.integer("authority_id", Need::Optional, 1, INT64_MAX);
      party.role = pv.one_of("role", Need::Required, party_roles()).value_or("");
      party.contribution_kind = pv.one_of("contribution_kind", Need::Optional, {"cash", "in_kind"}).value_or("cash");
      if (party.organisation_id.has_value() == party.authority_id.has_value() && pv.ok())
        pv.add("organisation_id", "one_party", "Give either organisation_id or authority_id");
      auto c = item.get_object().find("contribution");
      if (c != item.get_object().end() && !c->value().is_null()) {
        if (!c->value().is_object()) pv.add("contribution", "type", "Must be {amount_minor, currency}");
        else {
          Validator mv(c->value().get_object(), pv.path("contribution"));
          mv.only({"amount_minor", "currency"});
          party.contribution.minor = mv.integer("amount_minor", Need::Required, 0, kMaxMinor).value_or(0);
          auto cur = mv.text("currency", Need::Required, 3);
          if (cur && !supported_currency(*cur)) mv.add("currency", "invalid_currency", "Must be MDL or EUR");
          party.contribution.currency = cur.value_or("MDL");
          absorb(pv, mv);
        }
      } else {
        party.contribution.currency = "MDL";
      }
      if (party.organisation_id) ++orgs;
      if (party.authority_id) ++auths;
      auto key = party.organisation_id ? std::make_pair(std::string("o"), *party.organisation_id)
                                       : std::make_pair(std::string("a"), party.authority_id.value_or(0));
      if (key.second && !seen.insert(key).second) pv.add(party.organisation_id ? "organisation_id" : "authority_id", "duplicate", "This party is listed twice");
      absorb(v, pv);
      p.parties.push_back(std::move(party));
    }
    if (orgs == 0 || auths == 0)
      v.add("parties", "missing_party", "A partnership needs at least one CSO and one public authority");
  }
  (void)o;
  return p;
}

json::object to_json(const Organisation& o) {
  return {{"id", o.id},
          {"name", o.name},
          {"short_name", nullable(o.short_name)},
          {"legal_form", o.legal_form},
          {"idno", o.idno},
          {"registered_on", nullable(o.registered_on)},
          {"address", nullable(o.address)},
          {"district", o.district},
          {"locality", nullable(o.locality)},
          {"email", nullable(o.email)},
          {"phone", nullable(o.phone)},
          {"website", nullable(o.website)},
          {"fields", string_array(o.fields)},
          {"target_groups", string_array(o.target_groups)},
          {"status", o.status},
          {"description", nullable(o.description)},
          {"version", o.version},
          {"created_at", o.created_at},
          {"updated_at", o.updated_at}};
}

json::object to_json(const Authority& a) {
  return {{"id", a.id},
          {"name", a.name},
          {"kind", a.kind},
          {"level", a.level},
          {"unit_code", nullable(a.unit_code)},
          {"district", nullable(a.district)},
          {"idno", nullable(a.idno)},
          {"address", nullable(a.address)},
          {"email", nullable(a.email)},
          {"phone", nullable(a.phone)},
          {"head_name", nullable(a.head_name)},
          {"status", a.status},
          {"version", a.version},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at}};
}

json::object to_json(const Partnership& p) {
  bj::array parties;
  for (const auto& x : p.parties)
    parties.push_back({{"organisation_id", nullable(x.organisation_id)},
                       {"authority_id", nullable(x.authority_id)},
                       {"name", x.name},
                       {"role", x.role},
                       {"contribution", {{"amount_minor", x.contribution.minor}, {"currency", x.contribution.currency}}},
                       {"contribution_kind", x.contribution_kind}});
  bj::array docs;
  for (const auto& d : p.documents) docs.push_back(platform::document_json(d));
  // Totals per currency: what the parties committed together.
  std::map<std::string, std::int64_t> totals;
  for (const auto& x : p.parties) totals[x.contribution.currency] += x.contribution.minor;
  bj::array tot;
  for (const auto& [cur, minor] : totals) tot.push_back({{"amount_minor", minor}, {"currency", cur}});
  return {{"id", p.id},         {"title", p.title},         {"purpose", nullable(p.purpose)}, {"starts_on", p.starts_on},
          {"ends_on", nullable(p.ends_on)}, {"status", p.status},  {"parties", std::move(parties)},
          {"co_financing_total", std::move(tot)}, {"documents", std::move(docs)}, {"version", p.version},
          {"created_at", p.created_at}, {"updated_at", p.updated_at}};
}

json::object merge(json::object base, const json::object& patch) {
  for (const auto& kv : patch) base[kv.key()] = kv.value();
  return base;
}

bool may_create_organisation(const auth::Principal& p) { return p.scope() == auth::Scope::All; }
bool may_edit_organisation(const auth::Principal& p, std::int64_t org_id) {
  return p.scope() == auth::Scope::All || (p.scope() == auth::Scope::OwnOrganisation && p.organisation_id == org_id);
}
bool may_create_authority(const auth::Principal& p) { return p.scope() == auth::Scope::All; }
bool may_edit_authority(const auth::Principal& p, std::int64_t authority_id) {
  return p.scope() == auth::Scope::All || (p.scope() == auth::Scope::OwnAuthority && p.authority_id == authority_id);
}
bool may_edit_partnership(const auth::Principal& p, const std::vector<Party>& parties) {
  if (p.scope() == auth::Scope::All) return true;
  for (const auto& x : parties) {
    if (p.scope() == auth::Scope::OwnOrganisation && x.organisation_id && x.organisation_id == p.organisation_id) return true;
    if (p.scope() == auth::Scope::OwnAuthority && x.authority_id && x.authority_id == p.authority_id) return true;
  }
  return false;
}

}  // namespace sp::registry
