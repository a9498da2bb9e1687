// HTTP for social services and the people they serve: parse and validate → check scope → rules/repo
// → serialise. A person's identity is sealed before it reaches repo and opened only in
// GET /people/{id}/identity, which is audited like every read of a person's file.
#include "modules/services/routes.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>

#include "audit/audit.hpp"
#include "common/errors.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "http/respond.hpp"
#include "modules/registry/repo.hpp"
#include "modules/registry/rules.hpp"
#include "modules/services/people.hpp"
#include "modules/services/repo.hpp"
#include "modules/services/rules.hpp"
#include "platform/kept_answers.hpp"
#include "store/data_version.hpp"
#include "reports/xlsx.hpp"
#include "store/query.hpp"

namespace sp::services {
namespace {
using http::Request;
using http::Response;
using http::with_etag;

// ------------------------------------------------------------------ services

void check_service(store::Tx& tx, Validator& v, const ServiceUnit& s, const auth::Principal& me) {
  if (!s.type_code.empty() && !service_type_exists(tx, s.type_code)) v.add("type_code", "not_found", "No such service type");
  registry::check_place(tx, v, s.district, s.locality);
  // Related records must exist: a 422 naming the field, not a constraint error.
  bool missing = false;
  if (s.provider_organisation_id && !registry::find_organisation(tx, *s.provider_organisation_id)) {
    v.add("provider_organisation_id", "not_found", "No such organisation");
    missing = true;
  }
  if (s.provider_authority_id && !registry::find_authority(tx, *s.provider_authority_id)) {
    v.add("provider_authority_id", "not_found", "No such public authority");
    missing = true;
  }
  if (s.partner_authority_id && !registry::find_authority(tx, *s.partner_authority_id))
    v.add("partner_authority_id", "not_found", "No such public authority");
  // A CSO runs its own organisation's services, an authority only those it provides itself.
  if (!missing && !policy::may_manage_service(me, provider_of(s)))
    v.add(s.provider_organisation_id || policy::is_cso_staff(me) ? "provider_organisation_id" : "provider_authority_id", "scope",
          policy::is_authority_staff(me) ? "You manage only the services your authority provides itself"
                                         : "You manage the services of your own organisation");
}

json::object service_json(const ServiceUnit& s, const ServiceLoad& load) {
  auto o = to_json(s);
  o["occupancy"] = load.active;
  o["waiting"] = load.waiting;
  o["accreditation_days_left"] = nullable(accreditation_days_left(s, today()));
  json::array staff;
  for (auto u : load.staff) staff.push_back(u);
  o["staff"] = std::move(staff);
  return o;
}

json::object service_json(store::Tx& tx, const ServiceUnit& s) { return service_json(s, service_loads(tx, s.id)[s.id]); }

bool may_manage(const auth::Principal& me, const ServiceUnit& s) { return policy::may_manage_service(me, provider_of(s)); }

// Responsibility follows consent: a new provider of a service sees everyone in it, so each of them
// must have consented to sharing with it (as a referral to it would need).
void check_provider_change(store::Tx& tx, Validator& v, const ServiceUnit& before, const ServiceUnit& after) {
  if (provider_of(before) == provider_of(after)) return;
  int refused = 0;
  for (const auto& p : people_of_service(tx, before.id))
    if (policy::hand_over_refusal(home_of(p), sharing_of(tx, p.id), provider_of(after))) ++refused;
  if (refused)
    v.add(after.provider_organisation_id ? "provider_organisation_id" : "provider_authority_id", "consent",
          std::to_string(refused) + " people in this service have not consented to sharing their data with the new provider");
}

Response list_types(App& app, Request&) {
  auto tx = app.db->read();
  return Response::json(json::object{{"items", service_types(tx)}});
}

Response list_services_route(App& app, Request& r) {
  ServiceFilter f;
  f.district = http::query_text(r, "district", 10);
  f.type = http::query_text(r, "type", 40);
  f.status = http::query_in(r, "status", service_statuses());
  if (auto p = query_int(r.q("provider_organisation_id"), "provider_organisation_id", 0, 0, INT64_MAX)) f.provider_organisation_id = p;
  auto tx = app.db->read();
  json::array items;
  auto loads = service_loads(tx, f);
  for (const auto& s : list_services(tx, f)) items.push_back(service_json(s, loads[s.id]));
  return Response::json(json::object{{"items", std::move(items)}});
}

ServiceUnit load_service(store::Tx& tx, std::int64_t id) {
  auto s = find_service(tx, id);
  if (!s) throw NotFound("No such service");
  return *s;
}

Response get_service(App& app, Request& r) {
  auto tx = app.db->read();
  return with_etag(service_json(tx, load_service(tx, r.id())));
}

Response create_service(App& app, Request& r) {
  auto body = parse_object(r.body);
  Validator v(body);
  auto s = read_service_unit(body, v);
  auto tx = app.db->write();
  check_service(tx, v, s, r.me());
  v.finish();
  s.id = insert_service(tx, s);
  auto after = service_json(tx, *find_service(tx, s.id));
  audit::record(tx, audit::actor_of(r), "create", "service", s.id, nullptr, after, s.name);
  tx.commit();
  return with_etag(after, 201);
}

Response update_service_route(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto patch = parse_object(r.body);
  // Only what may be changed: a read-only field (occupancy, staff, version…) or an unknown one is
  // named in a 422, never dropped silently.
  Validator writable(patch);
  writable.only({"type_code", "name", "provider_organisation_id", "provider_authority_id", "partner_authority_id", "district", "locality",
                 "capacity", "opened_on", "status", "accreditation_number", "accredited_on", "accreditation_expires_on", "staff_positions",
                 "funding"});
  writable.finish();
  auto tx = app.db->write();
  auto before = load_service(tx, id);
  if (!may_manage(r.me(), before)) throw Forbidden("This service is run by someone else");
  auto merged = registry::merge(to_json(before), patch);
  Validator v(merged);
  auto s = read_service_unit(merged, v);
  check_service(tx, v, s, r.me());
  check_provider_change(tx, v, before, s);
  v.finish();
  s.id = id;
  if (!update_service(tx, s, version)) throw PreconditionFailed("The service was changed by someone else");
  auto after = service_json(tx, *find_service(tx, id));
  audit::record(tx, audit::actor_of(r), "update", "service", id, to_json(before), after, s.name);
  tx.commit();
  return with_etag(after);
}

// Who may staff a service: the active case workers and CSO staff of its provider organisation, or —
// for a service an authority provides itself — that authority's (policy::may_staff_service).
json::array staff_candidates(store::Tx& tx, const ServiceUnit& s, const std::vector<std::int64_t>& current) {
  std::string who = s.provider_organisation_id ? "organisation_id = $1" : "authority_id = $1 AND organisation_id IS NULL";
  store::Param key = s.provider_organisation_id ? store::Param{*s.provider_organisation_id} : store::opt(s.provider_authority_id);
  json::array out;
  auto c = tx.query("SELECT id, name, email, role FROM users WHERE status = 'active' AND role IN ('case_worker', 'cso_staff') AND " + who +
                        " ORDER BY name",
                    {key});
  while (c->next())
    out.push_back({{"id", c->i64(0)}, {"name", c->str(1)}, {"email", c->str(2)}, {"role", c->str(3)},
                   {"assigned", std::find(current.begin(), current.end(), c->i64(0)) != current.end()}});
  return out;
}

// The service's case workers (they see the people enrolled in it) and who else may be assigned.
Response get_staff(App& app, Request& r) {
  auto tx = app.db->read();
  auto s = load_service(tx, r.id());
  if (!may_manage(r.me(), s)) throw Forbidden("This service is run by someone else");
  return with_etag(json::object{{"items", staff_candidates(tx, s, service_staff(tx, s.id))}, {"version", s.version}});
}

// The case workers of a service: they see the people enrolled in it. Saved against the service's
// version (If-Match), which the change bumps: a second person's stale save is refused, not merged.
Response put_staff(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"user_ids"});
  std::vector<std::int64_t> users;
  auto tx = app.db->write();
  auto s = load_service(tx, id);
  if (!may_manage(r.me(), s)) throw Forbidden("This service is run by someone else");
  if (const auto* a = v.array("user_ids", Need::Required, 100)) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      const auto& e = (*a)[i];
      auto field = "user_ids[" + std::to_string(i) + "]";
      if (!e.is_int64()) { v.add(field, "type", "A user id"); continue; }
      auto m = active_member(tx, e.get_int64());
      if (!m || !policy::works_in_services_role(m->role)) v.add(field, "not_found", "No such case worker");
      else if (!policy::may_staff_service(m->role, m->works_for, provider_of(s)))
        v.add(field, "scope", "Only the provider's own case workers and staff work in its service");
      else users.push_back(e.get_int64());
    }
  }
  v.finish();
  if (s.version != version || !touch_service(tx, id, version)) throw PreconditionFailed("The service was changed by someone else");
  auto before = service_staff(tx, id);
  set_service_staff(tx, id, users);
  json::array b, a;
  for (auto u : before) b.push_back(u);
  for (auto u : users) a.push_back(u);
  audit::record(tx, audit::actor_of(r), "set_staff", "service", id, b, a, s.name);
  auto out = service_json(tx, *find_service(tx, id));
  tx.commit();
  return with_etag(out);
}

// ------------------------------------------------------------------ people

std::string new_code(store::Tx& tx) {
  for (int i = 0; i < 20; ++i) {
    unsigned char rnd[6];
    randombytes_buf(rnd, sizeof rnd);
    auto code = person_code(rnd);
    if (tx.scalar("SELECT COUNT(*) FROM people WHERE code = $1", {code}).value_or(0) == 0) return code;
  }
  throw std::runtime_error("no free person code");
}

}  // namespace

Person load_person(store::Tx& tx, std::int64_t id, const auth::Principal& me) {
  auto p = find_person(tx, id);
  if (!p) throw NotFound("No such person");
  if (!may_read_person(tx, me, *p)) throw Forbidden("This person is not assigned to you or to your services");
  return *p;
}

json::object person_json(store::Tx& tx, const Person& p) {
  auto o = to_json(p, today());
  o["consents"] = consents_of(tx, p.id);
  json::array enrolments;
  for (const auto& e : enrolments_of(tx, p.id)) {
    auto j = to_json(e);
    if (auto s = find_service(tx, e.service_id)) j["service_name"] = s->name;
    enrolments.push_back(std::move(j));
  }
  o["enrolments"] = std::move(enrolments);
  o["pathway"] = pathway_json(tx, p.id);
  o["assessments"] = assessments_of(tx, p.id);
  o["plans"] = plans_of(tx, p.id);
  return o;
}

namespace {
Response create_person(App& app, Request& r) {
  const auto& me = r.me();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"identity", "sex", "district", "locality", "disability_type", "disability_degree", "target_groups",
          "case_worker_id", "consent"});
  auto in = read_person(body, v);
  auto consent = read_consent(body, v, "consent");
  if (!consent.purposes.empty() && std::find(consent.purposes.begin(), consent.purposes.end(), "data_processing") == consent.purposes.end())
    v.add("consent.purposes", "required", "A person's file needs consent to process their data");
  auto tx = app.db->write();
  registry::check_place(tx, v, in.district, in.locality);
  policy::Party home{me.organisation_id, std::nullopt};
  if (in.case_worker_id) {
    // Responsibility follows consent: another organisation's case worker only where the consent
    // given here allows sharing with that organisation.
    auto m = active_member(tx, *in.case_worker_id);
    policy::Sharing given{std::find(consent.purposes.begin(), consent.purposes.end(), "sharing") != consent.purposes.end(),
                          {consent.shared_with.begin(), consent.shared_with.end()}};
    if (!m || !policy::is_case_worker_role(m->role)) v.add("case_worker_id", "not_found", "No such case worker");
    else if (auto refused = policy::hand_over_refusal(home, given, m->works_for)) v.add("case_worker_id", "consent", *refused);
  }
  v.finish();
  // The duplicate check: same IDNP, or same name and birth date. Who may not read the other record
  // learns only that it exists (to ask its case worker), never its code or data.
  auto idnp_hash = in.identity.idnp ? app.vault->lookup_hash(*in.identity.idnp) : std::string();
  auto name_hash = app.vault->lookup_hash(name_dob_key(in.identity));
  auto dups = possible_duplicates(tx, idnp_hash, name_hash);
  if (!dups.empty()) {
    json::array visible;
    for (auto id : dups)
      if (auto p = find_person(tx, id); p && may_read_person(tx, me, *p)) visible.push_back({{"id", p->id}, {"code", p->code}});
    throw Conflict("A person with the same IDNP, or the same name and birth date, is already registered",
                   {{"identity", "duplicate", visible.empty() ? "Registered by another service: ask the programme to connect you"
                                                              : "Already registered: " + std::string(visible[0].at("code").as_string())}});
  }
  Person p;
  p.code = new_code(tx);
  p.sealed_identity = app.vault->seal(json::serialize(to_json(in.identity)));
  p.sex = in.sex;
  p.birth_year = std::stoi(in.identity.birth_date.substr(0, 4));
  p.district = in.district;
  p.locality = in.locality;
  p.disability_type = in.disability_type;
  p.disability_degree = in.disability_degree;
  p.target_groups = in.target_groups;
  p.organisation_id = me.organisation_id;
  p.case_worker_id = in.case_worker_id ? in.case_worker_id : (policy::is_case_worker(me) ? std::optional<std::int64_t>(me.user_id) : std::nullopt);
  p.id = insert_person(tx, p, idnp_hash, name_hash);
  insert_consent(tx, p.id, consent, me.user_id);
  auto stored = *find_person(tx, p.id);
  auto out = person_json(tx, stored);
  // The audit trail keeps who registered whom by code: never the identity itself.
  audit::record(tx, audit::actor_of(r), "create", "person", p.id, nullptr, to_json(stored, today()), p.code);
  tx.commit();
  return with_etag(out, 201);
}

Response list_people_route(App& app, Request& r) {
  auto code = http::query_text(r, "code", 12);
  auto limit = static_cast<int>(query_int(r.q("limit"), "limit", 50, 1, 200));
  // The list carries people's profiles (by code): a read of personal data, audited like a file.
  auto tx = app.db->write();
  json::array items;
  std::string codes;
  for (const auto& p : list_people(tx, r.me(), code, limit)) {
    items.push_back(to_json(p, today()));
    codes += (codes.empty() ? "" : " ") + p.code;
  }
  audit::record(tx, audit::actor_of(r), "read", "person", std::nullopt, nullptr, nullptr,
                "list of " + std::to_string(items.size()) + (codes.empty() ? "" : ": " + codes.substr(0, 900)));
  tx.commit();
  return Response::json(json::object{{"items", std::move(items)}});
}

// Every read of a person's file is in the audit trail: the read runs in a write transaction.
Response get_person(App& app, Request& r) {
  auto tx = app.db->write();
  auto p = load_person(tx, r.id(), r.me());
  auto out = person_json(tx, p);
  audit::record(tx, audit::actor_of(r), "read", "person", p.id, nullptr, nullptr, p.code);
  tx.commit();
  return with_etag(out);
}

Response get_identity(App& app, Request& r) {
  auto tx = app.db->write();
  auto p = load_person(tx, r.id(), r.me());
  auto identity = json::parse(app.vault->open(p.sealed_identity)).as_object();
  audit::record(tx, audit::actor_of(r), "view_identity", "person", p.id, nullptr, nullptr, p.code);
  tx.commit();
  identity["person_id"] = p.id;
  identity["code"] = p.code;
  return Response::json(identity);
}

// Enrolment: a free place starts it at once; a full service puts the person on its waiting list.
Response enrol(App& app, Request& r) {
  auto id = r.id();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"service_id", "requested_on"});
  auto service_id = v.integer("service_id", Need::Required, 1, INT64_MAX);
  auto requested = v.date("requested_on", Need::Optional).value_or(today());
  auto tx = app.db->write();
  auto p = load_person(tx, id, r.me());
  std::optional<ServiceUnit> s;
  if (service_id) {
    s = find_service(tx, *service_id);
    if (!s) v.add("service_id", "not_found", "No such service");
    else if (s->status != "active") v.add("service_id", "not_active", "The service is not active");
    else if (policy::is_cso_staff(r.me()) && s->provider_organisation_id != r.me().organisation_id &&
             p.organisation_id != r.me().organisation_id)
      v.add("service_id", "scope", "Refer the person to another organisation's service instead");
    // Responsibility follows consent: enrolling hands the person to the service's provider.
    else if (auto refused = policy::hand_over_refusal(home_of(p), sharing_of(tx, p.id), provider_of(*s)))
      v.add("service_id", "consent", *refused);
  }
  v.finish();
  for (const auto& e : enrolments_of(tx, p.id))
    if (e.service_id == s->id && e.status != "exited") throw Conflict("The person is already enrolled or waiting in this service");
  auto e = open_enrolment(tx, p.id, *s, requested);
  auto out = to_json(e);
  out["service_name"] = s->name;
  audit::record(tx, audit::actor_of(r), e.status == "active" ? "enrol" : "wait_list", "person", p.id, nullptr, out, p.code);
  tx.commit();
  return with_etag(out, 201);
}

// ------------------------------------------------------------------ overview

// Counts per key (one group: they add up to the people counted beside them), suppressed on the way
// out so that no hidden count can be recovered from the others (suppress_group).
json::object counts_json(const std::map<std::string, std::int64_t>& m) {
  std::vector<std::int64_t> counts;
  for (const auto& [k, n] : m) counts.push_back(n);
  auto how = suppress_group(counts);
  json::object o;
  std::size_t i = 0;
  for (const auto& [k, n] : m) o[k] = shown(n, how[i++]);
  return o;
}

// The rows of a table (districts, services) add up to its total row: each measure of people is one
// group across the rows, suppressed as one (suppress_group).
void suppress_rows(json::array& rows, const char* measure, const std::vector<std::int64_t>& counts) {
  auto how = suppress_group(counts);
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].as_object()[measure] = shown(counts[i], how[i]);
}

struct Tally {
  std::int64_t services = 0, capacity = 0, occupancy = 0, waiting = 0, people = 0, deinstitutionalised = 0, units = 0;
  std::map<std::string, std::int64_t> sex, age, disability, group;
  json::object to_json() const {
    return {{"services", services},          {"capacity", capacity},
            {"occupancy", suppressed(occupancy)}, {"waiting", suppressed(waiting)},
            {"people_served", suppressed(people)}, {"deinstitutionalised", suppressed(deinstitutionalised)},
            {"units", units},
            {"by_sex", counts_json(sex)},
            {"by_age_group", counts_json(age)},   {"by_disability", counts_json(disability)},
            {"by_target_group", counts_json(group)}};
  }
};

// Per district and per service (and for the whole selection): capacity, occupancy, waiting list,
// units delivered and the people served in a period, disaggregated by sex, age group, disability and
// target group. Aggregates only: no person's code or identity, every count of people below 5 shown
// as "<5". Units delivered are counted by whole months (the grid's unit of saving).
json::object compute_overview(store::Tx& tx, Request& r) {
  auto from = http::query_text(r, "from", 10);
  auto to = http::query_text(r, "to", 10);
  if (to.empty()) to = today();
  if (from.empty()) from = to.substr(0, 4) + "-01-01";
  if (!valid_date(from) || !valid_date(to) || from > to)
    throw Invalid({{"from", "invalid_date", "A period from YYYY-MM-DD to YYYY-MM-DD"}});
  // Those who see aggregates only get whole months: two periods a day apart would otherwise tell,
  // by their difference, who started or left on that day.
  if (!policy::works_with_people(r.me())) {
    from = from.substr(0, 8) + "01";
    to = add_days(add_months(to.substr(0, 8) + "01", 1), -1);
  }
  auto district = http::query_text(r, "district", 10);
  auto type = http::query_text(r, "type", 40);
  ServiceFilter selection;
  selection.district = district;
  selection.type = type;
  auto w = service_where(selection);
  std::map<std::string, Tally> by;
  Tally all;
  struct PerService {
    std::string name, district, type;
    std::int64_t capacity = 0, occupancy = 0, waiting = 0, people = 0, units = 0;
  };
  std::map<std::int64_t, PerService> services;
  {
    auto loads = service_loads(tx, selection);
    for (const auto& s : list_services(tx, selection)) {
      const auto& l = loads[s.id];
      services[s.id] = {s.name, s.district, s.type_code, s.capacity, l.active, l.waiting};
      for (auto* t : {&by[s.district], &all}) {
        ++t->services;
        t->capacity += s.capacity;
        t->occupancy += l.active;
        t->waiting += l.waiting;
      }
    }
  }
  {
    auto p = w.params();
    p.push_back(from.substr(0, 7));
    p.push_back(to.substr(0, 7));
    std::string cond = w.sql().empty() ? " WHERE " : w.sql() + " AND ";
    auto c = tx.query("SELECT s.id, SUM(m.units) FROM delivery_months m JOIN service_units s ON s.id = m.service_id" + cond +
                          "m.month BETWEEN $" + std::to_string(p.size() - 1) + " AND $" + std::to_string(p.size()) + " GROUP BY s.id",
                      p);
    while (c->next()) {
      auto it = services.find(c->i64(0));
      if (it == services.end()) continue;
      it->second.units = c->i64(1);
      by[it->second.district].units += c->i64(1);
      all.units += c->i64(1);
    }
  }
  // People served in the period: enrolled at some time in it, counted once per district, once per
  // service and once overall.
  auto p = w.params();
  p.push_back(to);
  p.push_back(from);
  std::string cond = w.sql().empty() ? " WHERE " : w.sql() + " AND ";
  auto c = tx.query(
      "SELECT s.district, p.id, p.sex, p.birth_year, p.disability_type, p.target_groups, s.id FROM enrolments e "
      "JOIN service_units s ON s.id = e.service_id JOIN people p ON p.id = e.person_id" + cond +
      "e.status <> 'waiting' AND e.started_on <= $" + std::to_string(p.size() - 1) + " AND (e.ended_on IS NULL OR e.ended_on >= $" +
      std::to_string(p.size()) + ") ORDER BY p.id",
      p);
  std::set<std::int64_t> seen;
  std::set<std::pair<std::string, std::int64_t>> seen_in_district;
  std::set<std::pair<std::int64_t, std::int64_t>> seen_in_service;
  int year = std::stoi(to.substr(0, 4));
  while (c->next()) {
    auto add = [&](Tally& t) {
      ++t.people;
      ++t.sex[c->str(2)];
      ++t.age[age_group(year - static_cast<int>(c->i64(3)))];
      ++t.disability[c->is_null(4) ? "none" : c->str(4)];
      for (const auto& g : store::split_codes(c->text(5))) ++t.group[g];
    };
    auto person = c->i64(1);
    if (seen_in_district.insert({c->str(0), person}).second) add(by[c->str(0)]);
    if (seen.insert(person).second) add(all);
    if (seen_in_service.insert({c->i64(6), person}).second) ++services[c->i64(6)].people;
  }
  c.reset();
  // People who left a residential institution in the period (a programme target), by the district they live in.
  {
    store::Params dp{from, to};
    if (!district.empty()) dp.push_back(district);
    auto d = tx.query(std::string("SELECT p.district, COUNT(*) FROM pathways pw JOIN people p ON p.id = pw.person_id "
                                  "WHERE pw.left_on BETWEEN $1 AND $2") +
                          (district.empty() ? "" : " AND p.district = $3") + " GROUP BY p.district",
                      dp);
    while (d->next()) {
      by[d->str(0)].deinstitutionalised = d->i64(1);
      all.deinstitutionalised += d->i64(1);
    }
  }
  // Each measure of people is one group across the rows of its table (suppress_rows).
  using Measures = std::map<std::string, std::vector<std::int64_t>>;
  using Row = std::initializer_list<std::pair<const char*, std::int64_t>>;
  auto suppress_table = [](json::array& rows, const Measures& measures) {
    for (const auto& [measure, counts] : measures) suppress_rows(rows, measure.c_str(), counts);
  };
  // The types of service each district has (the map's coverage): what the country's answer carries
  // instead of a row per service.
  std::map<std::string, std::set<std::string>> types_in;
  for (const auto& [id, sv] : services) types_in[sv.district].insert(sv.type);
  json::array districts;
  Measures by_district;
  for (const auto& [code, t] : by) {
    auto o = t.to_json();
    o["district"] = code;
    auto u = registry::find_unit(tx, code);
    o["name"] = u ? u->name : code;
    json::array types;
    for (const auto& x : types_in[code]) types.push_back(json::value(x));
    o["service_types"] = std::move(types);
    districts.push_back(std::move(o));
    for (auto [m, n] : Row{{"occupancy", t.occupancy}, {"waiting", t.waiting}, {"people_served", t.people}, {"deinstitutionalised", t.deinstitutionalised}})
      by_district[m].push_back(n);
  }
  suppress_table(districts, by_district);
  // A row per service for one district's answer only: the country's would be 3,000 rows (615 KB at
  // national scale) that no page needs.
  json::array per_service;
  Measures by_service;
  for (const auto& [id, sv] : services) {
    if (district.empty()) break;
    per_service.push_back({{"id", id}, {"name", sv.name}, {"district", sv.district}, {"type_code", sv.type}, {"capacity", sv.capacity},
                           {"units", sv.units}});
    for (auto [m, n] : Row{{"occupancy", sv.occupancy}, {"waiting", sv.waiting}, {"people_served", sv.people}}) by_service[m].push_back(n);
  }
  suppress_table(per_service, by_service);
  return {{"from", from}, {"to", to}, {"totals", all.to_json()}, {"by_district", std::move(districts)},
          {"by_service", std::move(per_service)}};
}

// The overview is read far more often than the data changes, and costs milliseconds per district at
// national scale: answers are kept per query until the next change (the data's version, which every
// change bumps in its own transaction), and right after a change one request computes the new
// answer while the others asking the same wait for it (single flight).
platform::KeptAnswers& kept_overviews() {
  static platform::KeptAnswers kept;
  return kept;
}

Response overview(App& app, Request& r) {
  auto tx = app.db->read();
  auto version = store::data_version(tx);
  // Whole months for some roles (compute_overview): the kind of reader is part of the query.
  std::string key = policy::works_with_people(r.me()) ? "people|" : "aggregates|";
  for (const char* k : {"from", "to", "district", "type"}) key += http::query_text(r, k, 40) + "|";
  key += today();
  Response res;
  res.body = kept_overviews().get(key, version, [&] { return json::serialize(compute_overview(tx, r)); });
  return res;
}

// The overview's aggregates as a spreadsheet: one row per district, then the total.
Response overview_xlsx(App& app, Request& r) {
  auto tx = app.db->read();
  auto o = compute_overview(tx, r);
  using reports::Cell;
  auto cell = [](const json::value& v) { return v.is_int64() ? Cell::num(static_cast<double>(v.get_int64())) : Cell::of(std::string(v.as_string())); };
  auto count = [&](const json::object& t, const char* group, const char* key) {
    const auto& g = t.at(group).as_object();
    return g.contains(key) ? cell(g.at(key)) : Cell::num(0);
  };
  std::vector<std::string> headers = {"District", "Services", "Capacity", "Occupancy", "Waiting", "Units delivered", "People served",
                                      "Women and girls", "Men and boys", "0-6", "7-17", "18-34", "35-64", "65+", "With disabilities",
                                      "Deinstitutionalised"};
  std::vector<std::vector<Cell>> rows;
  auto row = [&](const std::string& name, const json::object& t) {
    std::int64_t disabled = 0;
    bool small = false;
    for (const auto& [k, n] : t.at("by_disability").as_object()) {
      if (k == "none") continue;
      if (n.is_int64()) disabled += n.get_int64();
      else small = true;
    }
    rows.push_back({Cell::of(name), cell(t.at("services")), cell(t.at("capacity")), cell(t.at("occupancy")), cell(t.at("waiting")),
                    cell(t.at("units")), cell(t.at("people_served")), count(t, "by_sex", "female"), count(t, "by_sex", "male"),
                    count(t, "by_age_group", "0-6"), count(t, "by_age_group", "7-17"), count(t, "by_age_group", "18-34"),
                    count(t, "by_age_group", "35-64"), count(t, "by_age_group", "65+"),
                    small && disabled < 5 ? Cell::of("<5") : Cell::num(static_cast<double>(disabled)), cell(t.at("deinstitutionalised"))});
  };
  for (const auto& d : o.at("by_district").as_array()) row(std::string(d.at("name").as_string()), d.as_object());
  row("Total", o.at("totals").as_object());
  return http::xlsx_file("services-overview-" + std::string(o.at("from").as_string()) + "-" + std::string(o.at("to").as_string()),
                         reports::xlsx_table("Overview", headers, rows));
}

// ------------------------------------------------------------------ delivery grid

// "YYYY-MM" → its first and last day.
std::pair<std::string, std::string> month_bounds(Validator& v, const std::string& month) {
  if (month.size() != 7 || !valid_date(month + "-01")) {
    v.add("month", "invalid_date", "A month YYYY-MM");
    return {"", ""};
  }
  auto first = month + "-01";
  return {first, add_days(add_months(first, 1), -1)};
}

// People enrolled in the service at some time in [first, last], with the days they were enrolled.
struct GridRow {
  std::int64_t person_id;
  std::string code, from, to;  // enrolled from..to within the month
};
std::vector<GridRow> grid_rows(store::Tx& tx, std::int64_t service_id, const std::string& first, const std::string& last) {
  std::vector<GridRow> out;
  auto c = tx.query(
      "SELECT p.id, p.code, e.started_on, e.ended_on FROM enrolments e JOIN people p ON p.id = e.person_id "
      "WHERE e.service_id = $1 AND e.status <> 'waiting' AND e.started_on <= $2 AND (e.ended_on IS NULL OR e.ended_on >= $3) "
      "ORDER BY p.code",
      {service_id, last, first});
  while (c->next()) {
    auto from = std::max(c->str(2), first);
    auto to = c->is_null(3) ? last : std::min(c->str(3), last);
    out.push_back({c->i64(0), c->str(1), from, to});
  }
  return out;
}


// The version of a service's month: 1 until it is first saved, then one more with every save.
std::int64_t month_version(store::Tx& tx, std::int64_t service_id, const std::string& month) {
  return tx.scalar("SELECT version FROM delivery_months WHERE service_id = $1 AND month = $2", {service_id, month}).value_or(1);
}

// The month of a service as a grid: its people (codes only) × days, with the units recorded, and
// the month's version (ETag) to save against. The people it names make it a read of personal data:
// audited like a person's file.
Response get_grid(App& app, Request& r) {
  auto month = http::query_text(r, "month", 7);
  json::object q{{"month", month}};
  Validator v(q);
  auto [first, last] = month_bounds(v, month);
  v.finish();
  auto tx = app.db->write();
  auto s = load_service(tx, r.id());
  if (!staffs_service(tx, r.me(), s)) throw Forbidden("The delivery of a service is kept by its staff");
  json::array rows;
  std::map<std::int64_t, json::array> cells;
  auto c = tx.query("SELECT person_id, on_date, units, mode, activity, staff_id FROM deliveries WHERE service_id = $1 AND on_date BETWEEN $2 AND $3 "
                    "ORDER BY person_id, on_date",
                    {s.id, first, last});
  while (c->next())
    cells[c->i64(0)].push_back({{"day", std::stoi(c->str(1).substr(8, 2))}, {"units", c->i64(2)}, {"mode", c->str(3)},
                                {"activity", nullable(c->opt_str(4))}, {"staff_id", nullable(c->opt_i64(5))}});
  c.reset();
  for (const auto& g : grid_rows(tx, s.id, first, last))
    rows.push_back({{"person_id", g.person_id}, {"code", g.code}, {"from_day", std::stoi(g.from.substr(8, 2))},
                    {"to_day", std::stoi(g.to.substr(8, 2))}, {"cells", std::move(cells[g.person_id])}});
  json::object out{{"service_id", s.id}, {"month", month}, {"days", std::stoi(last.substr(8, 2))},
                   {"unit", unit_of_type(tx, s.type_code)}, {"version", month_version(tx, s.id, month)}, {"rows", std::move(rows)}};
  audit::record(tx, audit::actor_of(r), "read_month", "service", s.id, nullptr, nullptr, s.name + " " + month);
  tx.commit();
  return with_etag(out);
}

// Saves a service's month from the grid in one request: every cell is checked (a person of the
// service, enrolled that day, units within the day's limit, a known mode) and the month is replaced
// whole — or, with one bad cell, nothing is saved and each bad cell is named.
Response put_grid(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"month", "cells"});
  auto month = v.text("month", Need::Required, 7).value_or("");
  auto [first, last] = month_bounds(v, month);
  auto tx = app.db->write();
  auto s = load_service(tx, id);
  if (!staffs_service(tx, r.me(), s)) throw Forbidden("The delivery of a service is kept by its staff");
  auto unit = unit_of_type(tx, s.type_code);
  int max_units = unit == "hour" ? 24 : unit == "visit" ? 10 : 1;  // per person and day
  std::map<std::int64_t, GridRow> rows;
  if (!first.empty())
    for (auto& g : grid_rows(tx, id, first, last)) rows.emplace(g.person_id, g);
  struct Cell {
    std::int64_t person;
    std::string date, mode;
    int units;
    std::optional<std::string> activity;
    std::int64_t staff;
  };
  std::vector<Cell> cells;
  std::set<std::pair<std::int64_t, std::string>> seen;
  std::map<std::int64_t, bool> staff_ok;  // user id → an active case worker or CSO staff
  v.each_object("cells", Need::Required, 100000, [&](Validator& c, std::size_t) {
    c.only({"person_id", "day", "units", "mode", "activity", "staff_id"});
    auto person = c.integer("person_id", Need::Required, 1, INT64_MAX);
    auto day = c.integer("day", Need::Required, 1, 31);
    auto units = c.integer("units", Need::Required, 0, max_units);
    auto mode = c.one_of("mode", Need::Optional, {"in_person", "remote"}).value_or("in_person");
    auto activity = c.text("activity", Need::Optional, 200);
    auto staff = c.integer("staff_id", Need::Optional, 1, INT64_MAX).value_or(r.me().user_id);
    auto known = staff_ok.find(staff);
    if (known == staff_ok.end()) {
      auto m = active_member(tx, staff);
      known = staff_ok.emplace(staff, m && policy::may_staff_service(m->role, m->works_for, provider_of(s))).first;
    }
    if (!known->second) c.add("staff_id", "not_found", "No such member of staff");
    if (!person || !day || !units || first.empty()) return;
    char date[11];
    std::snprintf(date, sizeof date, "%s-%02d", month.c_str(), static_cast<int>(*day));
    auto it = rows.find(*person);
    if (!valid_date(date) || std::string(date) > last) c.add("day", "out_of_range", "No such day in " + month);
    else if (it == rows.end()) c.add("person_id", "not_enrolled", "Not a person of this service in " + month);
    else if (date < it->second.from || date > it->second.to) c.add("day", "not_enrolled", "Not enrolled on that day");
    else if (!seen.insert({*person, date}).second) c.add("day", "duplicate", "The same person and day twice");
    else if (*units > 0) cells.push_back({*person, date, mode, static_cast<int>(*units), activity, staff});
  });
  v.finish();
  if (month_version(tx, id, month) != version) throw PreconditionFailed("The month was saved by someone else meanwhile");
  auto removed = tx.exec("DELETE FROM deliveries WHERE service_id = $1 AND on_date BETWEEN $2 AND $3", {id, first, last});
  auto now = now_iso();
  {
    store::BulkInsert ins(tx, "deliveries", {"service_id", "person_id", "on_date", "units", "mode", "activity", "staff_id", "recorded_by", "created_at"});
    for (const auto& c : cells)
      ins.add({id, c.person, c.date, static_cast<std::int64_t>(c.units), c.mode, store::opt(c.activity), c.staff, r.me().user_id, now});
  }
  std::int64_t total = 0;
  std::set<std::int64_t> people;
  for (const auto& c : cells) {
    total += c.units;
    people.insert(c.person);
  }
  // The month's row carries its version: updated against the version read, or inserted at the first save.
  store::Params totals{static_cast<std::int64_t>(cells.size()), total, static_cast<std::int64_t>(people.size()), id, month, version};
  if (tx.exec("UPDATE delivery_months SET records = $1, units = $2, people = $3, version = version + 1 "
              "WHERE service_id = $4 AND month = $5 AND version = $6",
              totals) != 1)
    tx.exec("INSERT INTO delivery_months (service_id, month, records, units, people, version) VALUES ($4,$5,$1,$2,$3,$6 + 1)", totals);
  json::object summary{{"month", month}, {"records", cells.size()}, {"units", total}, {"replaced", removed}, {"version", version + 1}};
  audit::record(tx, audit::actor_of(r), "save_month", "service", id, nullptr, summary, s.name);
  tx.commit();
  return Response::json(summary);
}

// ------------------------------------------------------------------ deinstitutionalisation

const std::vector<std::string>& outcomes() {
  static const std::vector<std::string> v = {"living_in_family", "community_with_support", "returned_to_institution", "other"};
  return v;
}

}  // namespace

json::value pathway_json(store::Tx& tx, std::int64_t person_id) {
  auto c = tx.query("SELECT id, institution, left_on, transition_plan, receiving_service_id, receiving_family, outcome, outcome_on, "
                    "version FROM pathways WHERE person_id = $1",
                    {person_id});
  if (!c->next()) return nullptr;
  json::object o{{"id", c->i64(0)},          {"institution", c->str(1)},        {"left_on", c->str(2)},
                 {"transition_plan", c->str(3)}, {"receiving_service_id", nullable(c->opt_i64(4))},
                 {"receiving_family", nullable(c->opt_str(5))}, {"outcome", nullable(c->opt_str(6))},
                 {"outcome_on", nullable(c->opt_str(7))}, {"version", c->i64(8)}};
  auto id = c->i64(0);
  c.reset();
  json::array f;
  auto today_ = today();
  auto d = tx.query("SELECT id, months, due_on, done_on, situation, notes, version FROM pathway_followups WHERE pathway_id = $1 ORDER BY months",
                    {id});
  while (d->next())
    f.push_back({{"id", d->i64(0)}, {"months", d->i64(1)}, {"due_on", d->str(2)}, {"done_on", nullable(d->opt_str(3))},
                 {"situation", nullable(d->opt_str(4))}, {"notes", nullable(d->opt_str(5))}, {"version", d->i64(6)},
                 {"overdue", d->is_null(3) && d->str(2) < today_}});
  o["followups"] = std::move(f);
  return o;
}

namespace {

// The pathway of a person leaving a residential institution; its follow-ups are set 3, 6 and 12
// months after the day they left.
Response create_pathway(App& app, Request& r) {
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"institution", "left_on", "transition_plan", "receiving_service_id", "receiving_family"});
  auto institution = v.text("institution", Need::Required, 200);
  auto left_on = v.date("left_on", Need::Required);
  if (left_on && *left_on > today()) v.add("left_on", "out_of_range", "The day of leaving is in the future");
  auto plan = v.text("transition_plan", Need::Required, 8000, true);
  auto service = v.integer("receiving_service_id", Need::Optional, 1, INT64_MAX);
  auto family = v.one_of("receiving_family", Need::Optional, {"biological", "extended", "foster", "adoptive", "guardian"});
  if (!service && !family && v.ok()) v.add("receiving_service_id", "required", "Say which service or family receives the person");
  auto tx = app.db->write();
  auto p = load_person(tx, r.id(), r.me());
  if (service && !find_service(tx, *service)) v.add("receiving_service_id", "not_found", "No such service");
  v.finish();
  if (tx.scalar("SELECT COUNT(*) FROM pathways WHERE person_id = $1", {p.id}).value_or(0) > 0)
    throw Conflict("This person already has a deinstitutionalisation pathway");
  auto now = now_iso();
  auto id = *tx.scalar(
      "INSERT INTO pathways (person_id, institution, left_on, transition_plan, receiving_service_id, receiving_family, created_by, "
      "created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id",
      {p.id, *institution, *left_on, *plan, store::opt(service), store::opt(family), r.me().user_id, now, now});
  for (int months : {3, 6, 12})
    tx.exec("INSERT INTO pathway_followups (pathway_id, months, due_on) VALUES ($1, $2, $3)",
            {id, static_cast<std::int64_t>(months), add_months(*left_on, months)});
  if (std::find(p.target_groups.begin(), p.target_groups.end(), "deinstitutionalised") == p.target_groups.end()) {
    p.target_groups.push_back("deinstitutionalised");
    tx.exec("UPDATE people SET target_groups = $1, version = version + 1, updated_at = $2 WHERE id = $3",
            {store::join_codes(p.target_groups), now, p.id});
  }
  auto out = pathway_json(tx, p.id);
  audit::record(tx, audit::actor_of(r), "create_pathway", "person", p.id, nullptr, out, p.code);
  tx.commit();
  return Response::json(out, 201);
}

// A follow-up is recorded once it is done: the person's situation, notes; the 12-month one may set
// the pathway's outcome.
Response record_followup(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"done_on", "situation", "notes"});
  auto done = v.date("done_on", Need::Required);
  if (done && *done > today()) v.add("done_on", "out_of_range", "The follow-up is in the future");
  auto situation = v.one_of("situation", Need::Required, outcomes());
  auto notes = v.text("notes", Need::Optional, 8000, true);
  v.finish();
  auto tx = app.db->write();
  auto person_id = tx.scalar("SELECT pw.person_id FROM pathway_followups f JOIN pathways pw ON pw.id = f.pathway_id WHERE f.id = $1", {id});
  if (!person_id) throw NotFound("No such follow-up");
  auto p = load_person(tx, *person_id, r.me());
  if (tx.exec("UPDATE pathway_followups SET done_on = $1, situation = $2, notes = $3, recorded_by = $4, version = version + 1 "
              "WHERE id = $5 AND version = $6",
              {*done, *situation, store::opt(notes), r.me().user_id, id, version}) != 1)
    throw PreconditionFailed("The follow-up was changed by someone else");
  if (tx.scalar("SELECT months FROM pathway_followups WHERE id = $1", {id}).value_or(0) == 12)
    tx.exec("UPDATE pathways SET outcome = $1, outcome_on = $2, version = version + 1, updated_at = $3 WHERE person_id = $4",
            {*situation, *done, now_iso(), p.id});
  auto out = pathway_json(tx, p.id);
  audit::record(tx, audit::actor_of(r), "record_followup", "person", p.id, nullptr, json::object{{"followup", id}, {"situation", *situation}}, p.code);
  tx.commit();
  return Response::json(out);
}

// ------------------------------------------------------------------ assessments and plans

const std::vector<std::string>& need_domains() {
  static const std::vector<std::string> v = {"health", "daily_living", "mobility", "communication", "education",
                                             "employment", "housing", "family_relations", "social_inclusion", "finances", "safety"};
  return v;
}

}  // namespace

json::array assessments_of(store::Tx& tx, std::int64_t person_id) {
  json::array out;
  auto c = tx.query("SELECT id, assessed_on, domains, summary, assessed_by FROM assessments WHERE person_id = $1 ORDER BY assessed_on, id",
                    {person_id});
  while (c->next())
    out.push_back({{"id", c->i64(0)}, {"assessed_on", c->str(1)}, {"domains", json::parse(c->text(2))}, {"summary", c->str(3)},
                   {"assessed_by", c->i64(4)}});
  return out;
}

namespace {

// A person's plans, or the one plan `plan_id`.
}  // namespace

json::array plans_of(store::Tx& tx, std::int64_t person_id, std::optional<std::int64_t> plan_id) {
  json::array out;
  auto today_ = today();
  auto c = tx.query("SELECT id, starts_on, review_on, status, goals, version, updated_at FROM plans WHERE person_id = $1 "
                    "AND ($2 = 0 OR id = $2) ORDER BY id",
                    {person_id, plan_id.value_or(0)});
  while (c->next())
    out.push_back({{"id", c->i64(0)}, {"starts_on", c->str(1)}, {"review_on", c->str(2)}, {"status", c->str(3)},
                   {"goals", json::parse(c->text(4))}, {"version", c->i64(5)}, {"updated_at", c->str(6)},
                   {"review_due", c->str(3) == "active" && c->str(2) <= today_}});
  return out;
}

namespace {

Response create_assessment(App& app, Request& r) {
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"assessed_on", "domains", "summary"});
  auto on = v.date("assessed_on", Need::Required);
  if (on && *on > today()) v.add("assessed_on", "out_of_range", "The assessment is in the future");
  json::array domains;
  std::set<std::string> seen;
  v.each_object("domains", Need::Required, 20, [&](Validator& d, std::size_t) {
    d.only({"domain", "level", "notes"});
    auto domain = d.one_of("domain", Need::Required, need_domains());
    auto level = d.integer("level", Need::Required, 1, 4);
    auto notes = d.text("notes", Need::Optional, 2000, true);
    if (domain && !seen.insert(*domain).second) d.add("domain", "duplicate", "Assessed twice");
    if (domain && level) domains.push_back({{"domain", *domain}, {"level", *level}, {"notes", notes.value_or("")}});
  });
  if (domains.empty() && v.ok()) v.add("domains", "required", "Assess at least one domain");
  auto summary = v.text("summary", Need::Required, 8000, true);
  auto tx = app.db->write();
  auto p = load_person(tx, r.id(), r.me());
  v.finish();
  auto id = *tx.scalar("INSERT INTO assessments (person_id, assessed_on, domains, summary, assessed_by, created_at) "
                       "VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
                       {p.id, *on, json::serialize(domains), *summary, r.me().user_id, now_iso()});
  audit::record(tx, audit::actor_of(r), "assess", "person", p.id, nullptr, json::object{{"assessment", id}}, p.code);
  auto out = assessments_of(tx, p.id);
  tx.commit();
  return Response::json(out.back().as_object(), 201);
}

// Goals as the plan keeps them; the responsible person must be an active user.
json::array read_goals(store::Tx& tx, Validator& v) {
  json::array goals;
  v.each_object("goals", Need::Required, 50, [&](Validator& g, std::size_t) {
    g.only({"goal", "responsible_id", "target_on", "progress", "status", "notes"});
    auto goal = g.text("goal", Need::Required, 500);
    auto responsible = g.integer("responsible_id", Need::Required, 1, INT64_MAX);
    auto target = g.date("target_on", Need::Optional);
    auto progress = g.integer("progress", Need::Optional, 0, 100).value_or(0);
    auto status = g.one_of("status", Need::Optional, {"open", "achieved", "dropped"}).value_or("open");
    auto notes = g.text("notes", Need::Optional, 2000, true);
    if (responsible && !active_member(tx, *responsible))
      g.add("responsible_id", "not_found", "No such user");
    if (goal && responsible)
      goals.push_back({{"goal", *goal}, {"responsible_id", *responsible}, {"target_on", nullable(target)}, {"progress", progress},
                       {"status", status}, {"notes", notes.value_or("")}});
  });
  if (goals.empty() && v.ok()) v.add("goals", "required", "A plan needs at least one goal");
  return goals;
}

Response create_plan(App& app, Request& r) {
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"starts_on", "review_on", "goals"});
  auto starts = v.date("starts_on", Need::Required);
  auto review = v.date("review_on", Need::Required);
  if (starts && review && *review <= *starts) v.add("review_on", "date_order", "The review comes after the start");
  auto tx = app.db->write();
  auto p = load_person(tx, r.id(), r.me());
  auto goals = read_goals(tx, v);
  v.finish();
  auto now = now_iso();
  auto id = *tx.scalar("INSERT INTO plans (person_id, starts_on, review_on, goals, created_by, created_at, updated_at) "
                       "VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id",
                       {p.id, *starts, *review, json::serialize(goals), r.me().user_id, now, now});
  audit::record(tx, audit::actor_of(r), "create_plan", "person", p.id, nullptr, json::object{{"plan", id}, {"goals", goals}}, p.code);
  auto out = plans_of(tx, p.id, id).at(0).as_object();
  tx.commit();
  return with_etag(out, 201);
}

// A review: progress and status of goals, the next review date, or closing the plan.
Response update_plan(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"review_on", "status", "goals"});
  auto review = v.date("review_on", Need::Optional);
  auto status = v.one_of("status", Need::Optional, {"active", "closed"});
  auto tx = app.db->write();
  auto person_id = tx.scalar("SELECT person_id FROM plans WHERE id = $1", {id});
  if (!person_id) throw NotFound("No such plan");
  auto p = load_person(tx, *person_id, r.me());
  std::optional<json::array> goals;
  if (body.contains("goals")) goals = read_goals(tx, v);
  v.finish();
  if (tx.exec("UPDATE plans SET review_on = COALESCE($1, review_on), status = COALESCE($2, status), goals = COALESCE($3, goals), "
              "version = version + 1, updated_at = $4 WHERE id = $5 AND version = $6",
              {store::opt(review), store::opt(status), goals ? store::Param{json::serialize(*goals)} : store::Param{}, now_iso(), id,
               version}) != 1)
    throw PreconditionFailed("The plan was changed by someone else");
  auto out = plans_of(tx, p.id, id).at(0).as_object();
  audit::record(tx, audit::actor_of(r), "review_plan", "person", p.id, nullptr, out, p.code);
  tx.commit();
  return with_etag(out);
}
}  // namespace

void register_routes(App& app, http::Router& r) {
  auto h = handler_of(app);
  r.add("GET", "/api/v1/service-types", "services.read", h(list_types));
  r.add("GET", "/api/v1/services", "services.read", h(list_services_route));
  r.add("POST", "/api/v1/services", "services.write", h(create_service));
  r.add("GET", "/api/v1/services/overview", "services.read", h(overview));
  r.add("GET", "/api/v1/services/overview.xlsx", "services.read", h(overview_xlsx));
  r.add("GET", "/api/v1/services/{id}", "services.read", h(get_service));
  r.add("PATCH", "/api/v1/services/{id}", "services.write", h(update_service_route));
  r.add("GET", "/api/v1/services/{id}/staff", "services.write", h(get_staff));
  r.add("PUT", "/api/v1/services/{id}/staff", "services.write", h(put_staff));
  r.add("GET", "/api/v1/services/{id}/deliveries", "people.read", h(get_grid));
  r.add("PUT", "/api/v1/services/{id}/deliveries", "people.write", h(put_grid));
  r.add("GET", "/api/v1/people", "people.read", h(list_people_route));
  r.add("POST", "/api/v1/people", "people.write", h(create_person));
  r.add("GET", "/api/v1/people/{id}", "people.read", h(get_person));
  r.add("GET", "/api/v1/people/{id}/identity", "people.read", h(get_identity));
  r.add("POST", "/api/v1/people/{id}/enrolments", "people.write", h(enrol));
  r.add("POST", "/api/v1/people/{id}/pathway", "people.write", h(create_pathway));
  r.add("POST", "/api/v1/people/{id}/assessments", "people.write", h(create_assessment));
  r.add("POST", "/api/v1/people/{id}/plans", "people.write", h(create_plan));
  r.add("PATCH", "/api/v1/plans/{id}", "people.write", h(update_plan));
  r.add("PUT", "/api/v1/pathway-followups/{id}", "people.write", h(record_followup));
}
}  // namespace sp::services
