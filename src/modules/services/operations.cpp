// The services capability's operations: service units and their staff, people (identity sealed
// before it reaches the repo, opened only in identity_get), enrolment, the month's delivery grid,
// deinstitutionalisation pathways, assessments and plans. Each write goes through the platform's
// write path (platform/write.hpp); each read of personal data leaves an audit row.
#include "modules/services/operations.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "common/errors.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "modules/registry/registry.hpp"
#include "modules/registry/rules.hpp"
#include "modules/services/people.hpp"
#include "platform/notifications.hpp"
#include "modules/services/repo.hpp"
#include "modules/services/rules.hpp"
#include "platform/policy.hpp"
#include "store/data_version.hpp"
#include "store/query.hpp"

namespace sp::services {
namespace {

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

const platform::Kind<ServiceUnit>& service_kind() {
  static const platform::Kind<ServiceUnit> k{
      "No such service", "The service was changed by someone else", find_service, [](const ServiceUnit& s) { return s.version; },
      [](const ServiceUnit& s) { return platform::Subject{"service", s.id, s.name}; },
      [](store::Tx& tx, const ServiceUnit& s) { return service_json(tx, s); }};
  return k;
}

// The policy's refusal of a change to a service by someone who does not run it.
auto unless_manager(const Caller& c) {
  return [&c](store::Tx&, const ServiceUnit& s) -> std::optional<Say> {
    if (policy::may_manage_service(c.me, provider_of(s))) return std::nullopt;
    return say("service_not_yours", "This service is run by someone else");
  };
}

ServiceUnit load_service(store::Tx& tx, std::int64_t id) {
  auto s = find_service(tx, id);
  if (!s) throw NotFound(say("not_found", "No such service"));
  return *s;
}

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

// Who may staff a service: the active case workers and CSO staff of its provider (policy::may_staff_service).
json::array staff_candidates(store::Tx& tx, const ServiceUnit& s, const std::vector<std::int64_t>& current) {
  json::array out;
  for (const auto& m : platform::colleagues_of(tx, provider_of(s)))
    out.push_back({{"id", m.id}, {"name", m.name}, {"email", m.email}, {"role", m.role},
                   {"assigned", std::find(current.begin(), current.end(), m.id) != current.end()}});
  return out;
}

json::value ids_json(const std::vector<std::int64_t>& ids) {
  json::array a;
  for (auto u : ids) a.push_back(u);
  return a;
}

// ------------------------------------------------------------------ people

std::string new_code(store::Tx& tx) {
  for (int i = 0; i < 20; ++i) {
    unsigned char rnd[6];
    randombytes_buf(rnd, sizeof rnd);
    auto code = person_code(rnd);
    if (!person_code_taken(tx, code)) return code;
  }
  throw std::runtime_error("no free person code");
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

// A service's month as the grid saves it: versioned on its own (delivery_months.version).
struct Month {
  ServiceUnit s;
  std::string month;
  std::int64_t version = 1;
};

platform::Kind<Month> month_kind(const std::string& month) {
  return {"No such service", "The month was saved by someone else meanwhile",
          [month](store::Tx& tx, std::int64_t id) -> std::optional<Month> {
            auto s = find_service(tx, id);
            if (!s) return std::nullopt;
            return Month{*s, month, month_version(tx, id, month)};
          },
          [](const Month& m) { return m.version; }, [](const Month& m) { return platform::Subject{"service", m.s.id, m.s.name}; },
          [](store::Tx& tx, const Month& m) {
            auto t = month_totals(tx, m.s.id, m.month);
            return json::object{{"month", m.month}, {"records", t.records}, {"units", t.units}, {"version", m.version}};
          }};
}

auto unless_staff(const Caller& c) {
  return [&c](store::Tx& tx, const Month& m) -> std::optional<Say> {
    if (staffs_service(tx, c.me, m.s)) return std::nullopt;
    return say("delivery_staff_only", "The delivery of a service is kept by its staff");
  };
}

// ------------------------------------------------------------------ pathways, assessments, plans

const std::vector<std::string>& outcomes() {
  static const std::vector<std::string> v = {"living_in_family", "community_with_support", "returned_to_institution", "other"};
  return v;
}

const std::vector<std::string>& need_domains() {
  static const std::vector<std::string> v = {"health", "daily_living", "mobility", "communication", "education",
                                             "employment", "housing", "family_relations", "social_inclusion", "finances", "safety"};
  return v;
}

// A part of a person's file versioned on its own (a follow-up, a plan), with the person it belongs to.
struct PartOf {
  std::int64_t id = 0, version = 0;
  Person person;
  std::int64_t months = 0;  // of a follow-up
};

platform::Kind<PartOf> part_kind(std::string_view not_found, std::string_view stale,
                                 std::optional<PartVersion> (*find_part)(store::Tx&, std::int64_t),
                                 json::object (*show)(store::Tx&, const PartOf&)) {
  return {not_found, stale,
          [find_part](store::Tx& tx, std::int64_t id) -> std::optional<PartOf> {
            auto part = find_part(tx, id);
            if (!part) return std::nullopt;
            auto p = find_person(tx, part->person_id);
            if (!p) return std::nullopt;
            return PartOf{id, part->version, *p, part->months};
          },
          [](const PartOf& x) { return x.version; },
          [](const PartOf& x) { return platform::Subject{"person", x.person.id, x.person.code}; }, show};
}

auto unless_reader_of_part(const Caller& c) {
  return [&c](store::Tx& tx, const PartOf& x) -> std::optional<Say> { return unless_reader(c)(tx, x.person); };
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
    if (responsible && !active_member(tx, *responsible)) g.add("responsible_id", "not_found", "No such user");
    if (goal && responsible)
      goals.push_back({{"goal", *goal}, {"responsible_id", *responsible}, {"target_on", nullable(target)}, {"progress", progress},
                       {"status", status}, {"notes", notes.value_or("")}});
  });
  if (goals.empty() && v.ok()) v.add("goals", "required", "A plan needs at least one goal");
  return goals;
}
}  // namespace

// ------------------------------------------------------------------ a person's file as answered

const platform::Kind<Person>& person_kind() {
  static const platform::Kind<Person> k{
      "No such person", "The person's file was changed since you read it: reload it", find_person,
      [](const Person& p) { return p.version; }, [](const Person& p) { return platform::Subject{"person", p.id, p.code}; },
      [](store::Tx& tx, const Person& p) { return person_json(tx, p); }};
  return k;
}

// The policy's refusal of a person's file to whom it is not assigned (need to know).
platform::Refusal<Person> unless_reader(const Caller& c) {
  return [&c](store::Tx& tx, const Person& p) -> std::optional<Say> {
    if (may_read_person(tx, c.me, p)) return std::nullopt;
    return say("person_not_yours", "This person is not assigned to you or to your services");
  };
}


Person load_person(store::Tx& tx, std::int64_t id, const auth::Principal& me) {
  auto p = find_person(tx, id);
  if (!p) throw NotFound(say("not_found", "No such person"));
  if (!may_read_person(tx, me, *p)) throw Forbidden(say("person_not_yours", "This person is not assigned to you or to your services"));
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

// ------------------------------------------------------------------ service operations

Written service_types_list(App& app) {
  auto tx = app.db->read();
  return {json::object{{"items", service_types(tx)}}};
}

Written services_list(App& app, const auth::Principal& me, const ServiceQuery& q) {
  ServiceFilter f{q.district, q.type, q.status, q.provider_organisation_id, {}};
  if (q.mine) {
    if (policy::is_cso_staff(me)) f.provider_organisation_id = me.organisation_id.value_or(-1);
    else if (policy::is_authority_staff(me)) f.provider_authority_id = me.authority_id.value_or(-1);
    else if (policy::is_case_worker(me)) f.staffed_by = me.user_id;
  }
  auto tx = app.db->read();
  json::array items;
  auto loads = service_loads(tx, f);
  auto list = list_services(tx, f);
  std::vector<std::int64_t> orgs, auths;
  for (const auto& s : list) {
    if (s.provider_organisation_id) orgs.push_back(*s.provider_organisation_id);
    if (s.provider_authority_id) auths.push_back(*s.provider_authority_id);
  }
  auto org_names = registry::organisation_names(tx, orgs);
  auto auth_names = registry::authority_names(tx, auths);
  for (const auto& s : list) {
    auto o = service_json(s, loads[s.id]);
    o["provider_name"] = s.provider_organisation_id ? org_names[*s.provider_organisation_id]
                         : s.provider_authority_id  ? auth_names[*s.provider_authority_id]
                                                    : std::string();
    items.push_back(std::move(o));
  }
  return {json::object{{"items", std::move(items)}}};
}

Written service_get(App& app, std::int64_t id) {
  auto tx = app.db->read();
  auto s = load_service(tx, id);
  return {service_json(tx, s), s.version};
}

Written service_create(App& app, const Caller& c, const json::object& body) {
  Validator v(body);
  auto s = read_service_unit(body, v);
  return platform::create<ServiceUnit>(*app.db, c, v, service_kind(),
                                       {.action = "create",
                                        .check = [&](store::Tx& tx, Validator& v) { check_service(tx, v, s, c.me); },
                                        .insert = [&](store::Tx& tx) { return insert_service(tx, s); },
                                        .audited = {}});
}

Written service_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& patch) {
  // Only what may be changed: a read-only field (occupancy, staff, version…) or an unknown one is
  // named in a 422, never dropped silently.
  Validator writable(patch);
  writable.only({"type_code", "name", "provider_organisation_id", "provider_authority_id", "partner_authority_id", "district", "locality",
                 "capacity", "opened_on", "status", "accreditation_number", "accredited_on", "accreditation_expires_on", "staff_positions",
                 "funding"});
  writable.finish();
  ServiceUnit s;
  return platform::change<ServiceUnit>(
      *app.db, c, id, version, writable, service_kind(),
      {.action = "update",
       .refuse = unless_manager(c),
       .check =
           [&](store::Tx& tx, const ServiceUnit& before, Validator&) {
             auto merged = registry::merge(to_json(before), patch);
             Validator v(merged);
             s = read_service_unit(merged, v);
             check_service(tx, v, s, c.me);
             check_provider_change(tx, v, before, s);
             v.finish();
             s.id = id;
           },
       .apply = [&](store::Tx& tx, const ServiceUnit& before) { return update_service(tx, s, before.version); },
       .before = [](store::Tx&, const ServiceUnit& x) { return json::value(to_json(x)); },
       .after = [](store::Tx&, const ServiceUnit& x) { return json::value(to_json(x)); }});
}

// The service's case workers (they see the people enrolled in it) and who else may be assigned.
Written service_staff_get(App& app, const Caller& c, std::int64_t id) {
  auto tx = app.db->read();
  auto s = load_service(tx, id);
  if (auto why = unless_manager(c)(tx, s)) throw Forbidden(*why);
  return {json::object{{"items", staff_candidates(tx, s, service_staff(tx, s.id))}, {"version", s.version}}, s.version};
}

// The case workers of a service: they see the people enrolled in it. Saved against the service's
// version (If-Match), which the change bumps: a second person's stale save is refused, not merged.
Written service_staff_put(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"user_ids"});
  std::vector<std::int64_t> users;
  return platform::change<ServiceUnit>(
      *app.db, c, id, version, v, service_kind(),
      {.action = "set_staff",
       .refuse = unless_manager(c),
       .check =
           [&](store::Tx& tx, const ServiceUnit& s, Validator& v) {
             const auto* a = v.array("user_ids", Need::Required, 100);
             for (std::size_t i = 0; a && i < a->size(); ++i) {
               const auto& e = (*a)[i];
               auto field = "user_ids[" + std::to_string(i) + "]";
               if (!e.is_int64()) {
                 v.add(field, "type", "A user id");
                 continue;
               }
               auto m = active_member(tx, e.get_int64());
               if (!m || !policy::works_in_services_role(m->role)) v.add(field, "not_found", "No such case worker");
               else if (!policy::may_staff_service(m->role, m->works_for, provider_of(s)))
                 v.add(field, "scope", "Only the provider's own case workers and staff work in its service");
               else users.push_back(e.get_int64());
             }
           },
       .apply =
           [&](store::Tx& tx, const ServiceUnit& s) {
             if (!touch_service(tx, s.id, s.version)) return false;
             set_service_staff(tx, s.id, users);
             return true;
           },
       .before = [](store::Tx& tx, const ServiceUnit& s) { return ids_json(service_staff(tx, s.id)); },
       .after = [](store::Tx& tx, const ServiceUnit& s) { return ids_json(service_staff(tx, s.id)); }});
}

// ------------------------------------------------------------------ the delivery grid

// The month of a service as a grid: its people (codes only) × days, with the units recorded, and
// the month's version (ETag) to save against. The people it names make it a read of personal data:
// audited like a person's file.
Written grid_get(App& app, const Caller& c, std::int64_t service_id, const std::string& month) {
  json::object q{{"month", month}};
  Validator v(q);
  auto [first, last] = month_bounds(v, month);
  v.finish();
  return platform::read_audited(*app.db, c, [&](store::Tx& tx) {
    auto s = load_service(tx, service_id);
    auto m = Month{s, month, month_version(tx, s.id, month)};
    if (auto why = unless_staff(c)(tx, m)) throw Forbidden(*why);
    std::map<std::int64_t, json::array> cells;
    for (const auto& d : deliveries_in(tx, s.id, first, last))
      cells[d.person_id].push_back({{"day", std::stoi(d.on_date.substr(8, 2))}, {"units", d.units}, {"mode", d.mode},
                                    {"activity", nullable(d.activity)}, {"staff_id", nullable(d.staff_id)}});
    json::array rows;
    for (const auto& g : grid_rows(tx, s.id, first, last))
      rows.push_back({{"person_id", g.person_id}, {"code", g.code}, {"from_day", std::stoi(g.from.substr(8, 2))},
                      {"to_day", std::stoi(g.to.substr(8, 2))}, {"cells", std::move(cells[g.person_id])}});
    json::object out{{"service_id", s.id}, {"month", month}, {"days", std::stoi(last.substr(8, 2))},
                     {"unit", unit_of_type(tx, s.type_code)}, {"version", m.version}, {"rows", std::move(rows)}};
    return platform::Audited{{std::move(out), m.version}, "read_month", "service", s.id, s.name + " " + month};
  });
}

// Saves a service's month from the grid in one request: every cell is checked (a person of the
// service, enrolled that day, units within the day's limit, a known mode, a member of the
// provider's staff) and the month is replaced whole — or, with one bad cell, nothing is saved and
// each bad cell is named.
Written grid_put(App& app, const Caller& c, std::int64_t service_id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"month", "cells"});
  auto month = v.text("month", Need::Required, 7).value_or("");
  auto [first, last] = month_bounds(v, month);
  std::vector<Delivery> cells;
  std::int64_t replaced = 0;
  auto kind = month_kind(month);
  const auto today_ = today();  // Moldova's today: a day after it has had no delivery yet
  auto w = platform::change<Month>(
      *app.db, c, service_id, version, v, kind,
      {.action = "save_month",
       .refuse = unless_staff(c),
       .check =
           [&](store::Tx& tx, const Month& m, Validator& v) {
             auto unit = unit_of_type(tx, m.s.type_code);
             int max_units = unit == "hour" ? 24 : unit == "visit" ? 10 : 1;  // per person and day
             std::map<std::int64_t, GridRow> rows;
             if (!first.empty())
               for (auto& g : grid_rows(tx, m.s.id, first, last)) rows.emplace(g.person_id, g);
             std::set<std::pair<std::int64_t, std::string>> seen;
             std::map<std::int64_t, bool> staff_ok;  // user id → may be named on this service's delivery
             v.each_object("cells", Need::Required, 100000, [&](Validator& cv, std::size_t) {
               cv.only({"person_id", "day", "units", "mode", "activity", "staff_id"});
               auto person = cv.integer("person_id", Need::Required, 1, INT64_MAX);
               auto day = cv.integer("day", Need::Required, 1, 31);
               auto units = cv.integer("units", Need::Required, 0, max_units);
               auto mode = cv.one_of("mode", Need::Optional, {"in_person", "remote"}).value_or("in_person");
               auto activity = cv.text("activity", Need::Optional, 200);
               auto staff = cv.integer("staff_id", Need::Optional, 1, INT64_MAX).value_or(c.me.user_id);
               auto known = staff_ok.find(staff);
               if (known == staff_ok.end()) {
                 auto mem = active_member(tx, staff);
                 known = staff_ok.emplace(staff, mem && policy::may_staff_service(mem->role, mem->works_for, provider_of(m.s))).first;
               }
               if (!known->second) cv.add("staff_id", "not_found", "No such member of staff");
               if (!person || !day || !units || first.empty()) return;
               char date[11];
               std::snprintf(date, sizeof date, "%s-%02d", month.c_str(), static_cast<int>(*day));
               auto it = rows.find(*person);
               if (!valid_date(date) || std::string(date) > last) cv.add("day", "out_of_range", "No such day in " + month);
               else if (it == rows.end()) cv.add("person_id", "not_enrolled", "Not a person of this service in " + month);
               else if (date < it->second.from || date > it->second.to) cv.add("day", "not_enrolled", "Not enrolled on that day");
               else if (!seen.insert({*person, date}).second) cv.add("day", "duplicate", "The same person and day twice");
               else if (*units > 0 && std::string_view(date) > today_)
                 cv.add("day", "in_future", "A delivery is recorded once it took place", {{"date", date}});
               else if (*units > 0) cells.push_back({*person, date, *units, mode, activity, staff});
             });
           },
       .apply =
           [&](store::Tx& tx, const Month& m) {
             auto saved = replace_month(tx, m.s.id, m.month, first, last, m.version, cells, c.me.user_id);
             replaced = saved.value_or(0);
             return saved.has_value();
           },
       .before = {},
       .after =
           [&](store::Tx& tx, const Month& m) {
             auto t = month_totals(tx, m.s.id, m.month);
             return json::value(
                 json::object{{"month", m.month}, {"records", t.records}, {"units", t.units}, {"replaced", replaced}, {"version", m.version}});
           }});
  w.body["replaced"] = replaced;
  return w;
}

// ------------------------------------------------------------------ people

Written people_list(App& app, const Caller& c, const PeopleFilter& f, int limit, std::int64_t cursor) {
  // The list carries people's profiles (by code): a read of personal data, audited like a file.
  return platform::read_audited(*app.db, c, [&](store::Tx& tx) {
    auto found = list_people(tx, c.me, f, limit + 1, cursor);
    auto total = count_people(tx, c.me, f);
    bool more = static_cast<int>(found.size()) > limit;
    if (more) found.pop_back();
    json::array items;
    std::string codes;
    for (const auto& p : found) {
      items.push_back(to_json(p, today()));
      codes += (codes.empty() ? "" : " ") + p.code;
    }
    auto label = "list of " + std::to_string(items.size()) + (codes.empty() ? "" : ": " + codes.substr(0, 900));
    json::object out{{"items", std::move(items)}, {"total", total},
                     {"next_cursor", more ? json::value(std::to_string(found.back().id)) : json::value(nullptr)}};
    return platform::Audited{{std::move(out)}, "read", "person", std::nullopt, label};
  });
}

Written person_create(App& app, const Caller& c, const json::object& body) {
  const auto& me = c.me;
  Validator v(body);
  v.only({"identity", "sex", "district", "locality", "disability_type", "disability_degree", "target_groups", "case_worker_id", "consent"});
  auto in = read_person(body, v);
  auto consent = read_consent(body, v, "consent");
  if (!consent.purposes.empty() && std::find(consent.purposes.begin(), consent.purposes.end(), "data_processing") == consent.purposes.end())
    v.add("consent.purposes", "required", "A person's file needs consent to process their data");
  std::string idnp_hash, name_hash;
  return platform::create<Person>(
      *app.db, c, v, person_kind(),
      {.action = "create",
       .check =
           [&](store::Tx& tx, Validator& v) {
             registry::check_place(tx, v, in.district, in.locality);
             policy::Party home{me.organisation_id, std::nullopt};
             if (in.case_worker_id) {
               // Responsibility follows consent: another organisation's case worker only where the
               // consent given here allows sharing with that organisation.
               auto m = active_member(tx, *in.case_worker_id);
               policy::Sharing given{std::find(consent.purposes.begin(), consent.purposes.end(), "sharing") != consent.purposes.end(),
                                     {consent.shared_with.begin(), consent.shared_with.end()}};
               if (!m || !policy::is_case_worker_role(m->role)) v.add("case_worker_id", "not_found", "No such case worker");
               else if (auto refused = policy::hand_over_refusal(home, given, m->works_for)) v.add("case_worker_id", "consent", refused->text);
             }
             v.finish();
             // The duplicate check: same IDNP, or same name and birth date. Who may not read the other
             // record learns only that it exists (to ask its case worker), never its code or data.
             idnp_hash = in.identity.idnp ? app.vault->lookup_hash(*in.identity.idnp) : std::string();
             name_hash = app.vault->lookup_hash(name_dob_key(in.identity));
             auto dups = possible_duplicates(tx, idnp_hash, name_hash);
             if (dups.empty()) return;
             json::array visible;
             for (auto id : dups)
               if (auto p = find_person(tx, id); p && may_read_person(tx, me, *p)) visible.push_back({{"id", p->id}, {"code", p->code}});
             throw Conflict(say("person_registered", "A person with the same IDNP, or the same name and birth date, is already registered"),
                            {visible.empty() ? FieldError{"identity", "registered_elsewhere",
                                                          "Registered by another service: ask the programme to connect you"}
                                             : FieldError{"identity", "registered_as",
                                                          "Already registered: " + std::string(visible[0].at("code").as_string()),
                                                          {{"code", std::string(visible[0].at("code").as_string())}}}});
           },
       .insert =
           [&](store::Tx& tx) {
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
             p.case_worker_id =
                 in.case_worker_id ? in.case_worker_id : (policy::is_case_worker(me) ? std::optional<std::int64_t>(me.user_id) : std::nullopt);
             p.idnp_hash = idnp_hash;
             p.name_dob_hash = name_hash;
             p.id = insert_person(tx, p);
             insert_consent(tx, p.id, consent, me.user_id);
             return p.id;
           },
       // The audit trail keeps who registered whom by code: never the identity itself.
       .audited = [](store::Tx&, const Person& p) { return json::value(to_json(p, today())); }});
}

// Every read of a person's file is in the audit trail.
Written person_get(App& app, const Caller& c, std::int64_t id) {
  return platform::read_audited(*app.db, c, [&](store::Tx& tx) {
    auto p = load_person(tx, id, c.me);
    return platform::Audited{{person_json(tx, p), p.version}, "read", "person", p.id, p.code};
  });
}

Written identity_get(App& app, const Caller& c, std::int64_t id) {
  return platform::read_audited(*app.db, c, [&](store::Tx& tx) {
    auto p = load_person(tx, id, c.me);
    auto identity = json::parse(app.vault->open(p.sealed_identity)).as_object();
    identity["person_id"] = p.id;
    identity["code"] = p.code;
    return platform::Audited{{std::move(identity)}, "view_identity", "person", p.id, p.code};
  });
}

// Enrolment: a free place starts it at once; a full service puts the person on its waiting list.
Written enrol(App& app, const Caller& c, std::int64_t person_id, const json::object& body) {
  Validator v(body);
  v.only({"service_id", "requested_on"});
  auto service_id = v.integer("service_id", Need::Required, 1, INT64_MAX);
  auto requested = v.date("requested_on", Need::Optional).value_or(today());
  std::optional<ServiceUnit> s;
  return platform::add<Person>(
      *app.db, c, person_id, v, person_kind(),
      {.action = "enrol",
       .refuse = unless_reader(c),
       .check =
           [&](store::Tx& tx, const Person& p, Validator& v) {
             if (service_id) {
               s = find_service(tx, *service_id);
               if (!s) v.add("service_id", "not_found", "No such service");
               else if (s->status != "active") v.add("service_id", "not_active", "The service is not active");
               else if (policy::is_cso_staff(c.me) && s->provider_organisation_id != c.me.organisation_id &&
                        p.organisation_id != c.me.organisation_id)
                 v.add("service_id", "scope", "Refer the person to another organisation's service instead");
               // Responsibility follows consent: enrolling hands the person to the service's provider.
               else if (auto refused = policy::hand_over_refusal(home_of(p), sharing_of(tx, p.id), provider_of(*s)))
                 v.add("service_id", "consent", refused->text);
             }
             v.finish();
             for (const auto& e : enrolments_of(tx, p.id))
               if (e.service_id == s->id && e.status != "exited") throw Conflict(say("already_enrolled", "The person is already enrolled or waiting in this service"));
           },
       .insert =
           [&](store::Tx& tx, const Person& p) {
             auto e = open_enrolment(tx, p.id, *s, requested);
             announce_enrolment(tx, *s, e.id, e.status, e.started_on.value_or(e.requested_on));
             auto out = to_json(e);
             out["service_name"] = s->name;
             json::value kept = out;
             return platform::Added{{std::move(out), e.version, 201}, std::move(kept), e.status == "active" ? "enrol" : "wait_list"};
           }});
}

// ------------------------------------------------------------------ deinstitutionalisation

// The pathway of a person leaving a residential institution; its follow-ups are set 3, 6 and 12
// months after the day they left.
Written pathway_create(App& app, const Caller& c, std::int64_t person_id, const json::object& body) {
  Validator v(body);
  v.only({"institution", "left_on", "transition_plan", "receiving_service_id", "receiving_family"});
  auto institution = v.text("institution", Need::Required, 200);
  auto left_on = v.date("left_on", Need::Required);
  if (left_on && *left_on > today()) v.add("left_on", "in_future", "The day of leaving is in the future");
  auto plan = v.text("transition_plan", Need::Required, 8000, true);
  auto service = v.integer("receiving_service_id", Need::Optional, 1, INT64_MAX);
  auto family = v.one_of("receiving_family", Need::Optional, {"biological", "extended", "foster", "adoptive", "guardian"});
  if (!service && !family && v.ok()) v.add("receiving_service_id", "required", "Say which service or family receives the person");
  return platform::add<Person>(
      *app.db, c, person_id, v, person_kind(),
      {.action = "create_pathway",
       .refuse = unless_reader(c),
       .check =
           [&](store::Tx& tx, const Person& p, Validator& v) {
             if (service && !find_service(tx, *service)) v.add("receiving_service_id", "not_found", "No such service");
             v.finish();
             if (has_pathway(tx, p.id)) throw Conflict(say("pathway_exists", "This person already has a deinstitutionalisation pathway"));
           },
       .insert =
           [&](store::Tx& tx, const Person& p) {
             insert_pathway(tx, p, {*institution, *left_on, *plan, service, family}, c.me.user_id);
             auto out = pathway_json(tx, p.id);
             json::value kept = out;
             return platform::Added{{out.as_object(), 0, 201}, std::move(kept)};
           }});
}

// A follow-up is recorded once it is done: the person's situation, notes; the 12-month one sets the
// pathway's outcome.
Written followup_record(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"done_on", "situation", "notes"});
  auto done = v.date("done_on", Need::Required);
  if (done && *done > today()) v.add("done_on", "in_future", "The follow-up is in the future");
  auto situation = v.one_of("situation", Need::Required, outcomes());
  auto notes = v.text("notes", Need::Optional, 8000, true);
  v.finish();
  auto kind = part_kind("No such follow-up", "The follow-up was changed by someone else", find_followup,
                        [](store::Tx& tx, const PartOf& x) { return pathway_json(tx, x.person.id).as_object(); });
  return platform::change<PartOf>(
      *app.db, c, id, version, v, kind,
      {.action = "record_followup",
       .refuse = unless_reader_of_part(c),
       .check = {},
       .apply =
           [&](store::Tx& tx, const PartOf& x) {
             if (!record_followup_done(tx, x.id, x.version, x.person.id, x.months == 12, *done, *situation, notes, c.me.user_id)) return false;
             platform::clear(tx, "followup", x.id, {"followup_due"});
             return true;
           },
       .before = {},
       .after = [&](store::Tx&, const PartOf&) { return json::value(json::object{{"followup", id}, {"situation", *situation}}); }});
}

// ------------------------------------------------------------------ assessments and plans

Written assessment_create(App& app, const Caller& c, std::int64_t person_id, const json::object& body) {
  Validator v(body);
  v.only({"assessed_on", "domains", "summary"});
  auto on = v.date("assessed_on", Need::Required);
  if (on && *on > today()) v.add("assessed_on", "in_future", "The assessment is in the future");
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
  return platform::add<Person>(*app.db, c, person_id, v, person_kind(),
                               {.action = "assess",
                                .refuse = unless_reader(c),
                                .check = {},
                                .insert = [&](store::Tx& tx, const Person& p) {
                                  auto id = insert_assessment(tx, p.id, *on, domains, *summary, c.me.user_id);
                                  auto out = assessments_of(tx, p.id);
                                  return platform::Added{{out.back().as_object(), 0, 201}, json::object{{"assessment", id}}};
                                }});
}

Written plan_create(App& app, const Caller& c, std::int64_t person_id, const json::object& body) {
  Validator v(body);
  v.only({"starts_on", "review_on", "goals"});
  auto starts = v.date("starts_on", Need::Required);
  auto review = v.date("review_on", Need::Required);
  if (starts && review && *review <= *starts) v.add("review_on", "date_order", "The review comes after the start");
  json::array goals;
  return platform::add<Person>(*app.db, c, person_id, v, person_kind(),
                               {.action = "create_plan",
                                .refuse = unless_reader(c),
                                .check = [&](store::Tx& tx, const Person&, Validator& v) { goals = read_goals(tx, v); },
                                .insert = [&](store::Tx& tx, const Person& p) {
                                  auto id = insert_plan(tx, p.id, *starts, *review, goals, c.me.user_id);
                                  auto out = plans_of(tx, p.id, id).at(0).as_object();
                                  auto version = out.at("version").as_int64();
                                  return platform::Added{{std::move(out), version, 201}, json::object{{"plan", id}, {"goals", goals}}};
                                }});
}

// A review: progress and status of goals, the next review date, or closing the plan.
Written plan_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"review_on", "status", "goals"});
  auto review = v.date("review_on", Need::Optional);
  auto status = v.one_of("status", Need::Optional, {"active", "closed"});
  std::optional<json::array> goals;
  auto kind = part_kind("No such plan", "The plan was changed by someone else", find_plan_part,
                        [](store::Tx& tx, const PartOf& x) { return plans_of(tx, x.person.id, x.id).at(0).as_object(); });
  return platform::change<PartOf>(*app.db, c, id, version, v, kind,
                                  {.action = "review_plan",
                                   .refuse = unless_reader_of_part(c),
                                   .check =
                                       [&](store::Tx& tx, const PartOf&, Validator& v) {
                                         if (body.contains("goals")) goals = read_goals(tx, v);
                                       },
                                   .apply =
                                       [&](store::Tx& tx, const PartOf& x) { return update_plan(tx, x.id, x.version, review, status, goals); },
                                   .before = {},
                                   .after = {}});
}
}  // namespace sp::services
