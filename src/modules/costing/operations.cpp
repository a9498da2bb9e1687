#include "modules/costing/operations.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "common/errors.hpp"
#include "common/exact.hpp"
#include "common/time.hpp"
#include "modules/costing/inputs.hpp"
#include "modules/costing/repo.hpp"
#include "modules/costing/rules.hpp"
#include "modules/grants/grants.hpp"
#include "modules/registry/registry.hpp"
#include "modules/services/services.hpp"
#include "platform/policy.hpp"

namespace sp::costing {
namespace {
constexpr std::int64_t kFlagPpm = 100'000;  // a variance above 10% is flagged

// ---- parameter sets

json::object to_json(const ParameterSet& s, bool frozen) {
  return {{"id", s.id},
          {"year", s.year},
          {"edition", s.edition},
          {"valid_from", s.valid_from},
          {"minimum_wage_minor", s.minimum_wage_minor},
          {"employer_rate_private", percent(s.employer_rate_private_ppm)},
          {"employer_rate_public", percent(s.employer_rate_public_ppm)},
          {"working_days", s.working_days},
          {"leave_days", s.leave_days},
          {"hours_per_day", plain(s.hours_per_day_ppm)},
          {"eur_rate", plain(s.eur_rate_ppm)},
          {"holidays", string_array(s.holidays)},
          {"note", nullable(s.note)},
          {"frozen", frozen},
          {"version", s.version},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at}};
}

platform::Kind<ParameterSet> set_kind() {
  return {.not_found = "No such parameter set",
          .stale = "The parameter set changed since you read it",
          .find = find_parameter_set,
          .version = [](const ParameterSet& s) { return s.version; },
          .subject = [](const ParameterSet& s) { return platform::Subject{"cost_parameter_set", s.id, std::to_string(s.year) + "/" + std::to_string(s.edition)}; },
          .show = [](store::Tx& tx, const ParameterSet& s) { return to_json(s, !models_freezing(tx, s.id).empty()); }};
}

// Every field of a set from a body over `s` (a new one, or the stored one being changed).
void read_set(Validator& v, ParameterSet& s, Need need) {
  v.only({"year", "valid_from", "minimum_wage_minor", "employer_rate_private", "employer_rate_public", "working_days", "leave_days",
          "hours_per_day", "eur_rate", "holidays", "note"});
  if (auto y = v.integer("year", need, 2000, 2100)) s.year = static_cast<int>(*y);
  if (auto d = v.date("valid_from", need)) s.valid_from = *d;
  if (auto w = v.integer("minimum_wage_minor", need, 1, kMaxMinor)) s.minimum_wage_minor = *w;
  if (auto r = percentage(v, "employer_rate_private", need)) s.employer_rate_private_ppm = *r;
  if (auto r = percentage(v, "employer_rate_public", need)) s.employer_rate_public_ppm = *r;
  if (auto d = v.integer("working_days", need, 1, 366)) s.working_days = static_cast<int>(*d);
  if (auto d = v.integer("leave_days", need, 0, 366)) s.leave_days = static_cast<int>(*d);
  if (auto h = v.decimal("hours_per_day", Need::Optional, 1, 24'000'000)) s.hours_per_day_ppm = *h;
  if (auto r = v.decimal("eur_rate", Need::Optional, 0, 1'000'000'000)) s.eur_rate_ppm = *r;
  if (auto h = v.string_list("holidays", Need::Optional, {}, 40)) {
    s.holidays.clear();
    for (const auto& d : *h) {
      if (!valid_date(d)) v.add("holidays", "invalid_date", "Each holiday is a date (YYYY-MM-DD)");
      else s.holidays.push_back(d);
    }
    std::sort(s.holidays.begin(), s.holidays.end());
  }
  if (v.has("note")) s.note = v.text("note", Need::Optional, 500);
  if (s.leave_days >= s.working_days && s.working_days > 0) v.add("leave_days", "out_of_range", "Fewer leave days than working days");
}

// ---- models

}  // namespace

std::string territory_of(store::Tx& tx, const auth::Principal& me) {
  if (!policy::is_authority_staff(me) || !me.authority_id) return "";
  auto a = registry::find_authority(tx, *me.authority_id);
  if (!a) return "";
  if (a->level == "central") return "national";
  if (a->level == "district") return a->district.value_or("");
  return "";  // a mayoralty keeps no district's standards
}

policy::CostOwner owner_of(const CostModel& m) {
  return {m.kind == "standard", {m.provider_organisation_id, m.provider_authority_id}, m.territory};
}

namespace {

// The model's stored inputs, read back (they were valid when saved).
}  // namespace

Model model_of(const CostModel& m) {
  auto doc = json::parse(m.inputs).as_object();
  Validator v(doc);
  auto model = read_model(v);
  model.public_employer = m.public_employer;
  return model;
}

CostModel readable_model(store::Tx& tx, const auth::Principal& me, std::int64_t id) {
  auto m = find_model(tx, id);
  if (!m) throw NotFound(say("not_found", "No such cost model"));
  if (!policy::may_read_cost_model(me, owner_of(*m), territory_of(tx, me), m->status == "approved"))
    throw Forbidden(say("cost_model_hidden", "This cost model is not shared with you"));
  return *m;
}

namespace {

json::object summary(const CostModel& m) {
  return {{"id", m.id},
          {"number", nullable(m.number)},
          {"kind", m.kind},
          {"name", m.name},
          {"service_id", nullable(m.service_id)},
          {"type_code", m.type_code},
          {"territory", m.territory},
          {"year", m.year},
          {"parameter_set_id", m.parameter_set_id},
          {"public_employer", m.public_employer},
          {"status", m.status},
          {"previous_id", nullable(m.previous_id)},
          {"scenario_of", nullable(m.scenario_of)},
          {"total_minor", m.total_minor},
          {"per_place_year_minor", nullable(m.per_place_year_minor)},
          {"per_beneficiary_month_minor", nullable(m.per_beneficiary_month_minor)},
          {"per_beneficiary_day_minor", nullable(m.per_beneficiary_day_minor)},
          {"per_contact_hour_minor", nullable(m.per_contact_hour_minor)},
          {"submitted_at", nullable(m.submitted_at)},
          {"approved_at", nullable(m.approved_at)},
          {"returned_reason", nullable(m.returned_reason)},
          {"version", m.version},
          {"created_at", m.created_at},
          {"updated_at", m.updated_at}};
}

json::object full(store::Tx& tx, const auth::Principal& me, const CostModel& m) {
  auto o = summary(m);
  o["inputs"] = json::parse(m.inputs);
  o["outputs"] = json::parse(m.outputs);
  o["scenario"] = m.scenario ? json::parse(*m.scenario) : json::value(nullptr);
  auto set = find_parameter_set(tx, m.parameter_set_id);
  o["parameters"] = set ? json::value(to_json(*set, !models_freezing(tx, set->id).empty())) : json::value(nullptr);
  auto mine = territory_of(tx, me);
  const bool draft = m.status == "draft";
  o["may"] = json::object{{"edit", draft && policy::may_keep_cost_model(me, owner_of(m), mine)},
                          {"submit", draft && !m.scenario_of && policy::may_keep_cost_model(me, owner_of(m), mine)},
                          {"approve", m.status == "submitted" && !policy::cost_approval_refusal(me, owner_of(m), mine, m.submitted_by)},
                          {"new_version", m.status == "approved" && policy::may_keep_cost_model(me, owner_of(m), mine)}};
  return o;
}

platform::Kind<CostModel> model_kind(const auth::Principal& me) {
  return {.not_found = "No such cost model",
          .stale = "The cost model changed since you read it",
          .find = find_model,
          .version = [](const CostModel& m) { return m.version; },
          .subject = [](const CostModel& m) { return platform::Subject{"cost_model", m.id, m.number.value_or(m.name)}; },
          .show = [&me](store::Tx& tx, const CostModel& m) { return full(tx, me, m); }};
}

platform::Refusal<CostModel> unless_keeper(const auth::Principal& me) {
  return [&me](store::Tx& tx, const CostModel& m) -> std::optional<Say> {
    if (policy::may_keep_cost_model(me, owner_of(m), territory_of(tx, me))) return std::nullopt;
    return m.kind == "standard" ? say("cost_standard_not_yours", "Only the authority of the standard's territory approves it")
                                : say("cost_model_not_yours", "Only the service's provider or the programme approves its cost model");
  };
}

// A copy of a model as a new draft of `by`: no number, no workflow behind it.
CostModel draft_copy(const CostModel& m, std::int64_t by) {
  auto copy = m;
  copy.number.reset();
  copy.status = "draft";
  copy.submitted_by.reset();
  copy.submitted_at.reset();
  copy.approved_by.reset();
  copy.approved_at.reset();
  copy.returned_reason.reset();
  copy.created_by = by;
  return copy;
}

// A decision on a submitted model (approve, return): the approvers' policy, then `apply`.
Written decide(App& app, const Caller& c, std::int64_t id, std::int64_t version, Validator& v, std::string_view action, bool maker_checker,
               std::function<bool(store::Tx&, const CostModel&)> apply) {
  return platform::change<CostModel>(
      *app.db, c, id, version, v, model_kind(c.me),
      {.action = action,
       .refuse =
           [&c, maker_checker](store::Tx& tx, const CostModel& m) {
             return policy::cost_approval_refusal(c.me, owner_of(m), territory_of(tx, c.me), maker_checker ? m.submitted_by : std::nullopt);
           },
       .check =
           [](store::Tx&, const CostModel& m, Validator&) {
             if (m.status != "submitted") throw Conflict(say("cost_model_not_submitted", "Only a submitted model is approved or returned"));
           },
       .apply = std::move(apply),
       .before = {},
       .after = [](store::Tx&, const CostModel& a) -> json::value { return summary(a); }});
}

void draft_only(const CostModel& m) {
  if (m.status == "approved" || m.status == "superseded")
    throw Conflict(say("cost_model_frozen", "An approved model does not change: make a new version of it"));
  if (m.status != "draft") throw Conflict(say("cost_model_submitted", "The model waits for approval: it changes once returned"));
}

}  // namespace

Parameters parameters_of(const ParameterSet& s) {
  return {s.year, s.minimum_wage_minor, s.employer_rate_private_ppm, s.employer_rate_public_ppm, s.working_days, s.leave_days, s.hours_per_day_ppm};
}

void compute_into(CostModel& cm, const Model& model, const Parameters& p) {
  auto m = model;
  m.public_employer = cm.public_employer;  // the model's record says which employer's rate applies
  auto o = compute(m, p);
  cm.inputs = json::serialize(to_json(m));
  cm.outputs = json::serialize(to_json(o));
  cm.total_minor = o.total_minor;
  cm.per_place_year_minor = o.per_place_year.value;
  cm.per_beneficiary_month_minor = o.per_beneficiary_month.value;
  cm.per_beneficiary_day_minor = o.per_beneficiary_day.value;
  cm.per_contact_hour_minor = o.per_contact_hour.value;
}

namespace {

// The parameter set a body names, or the year's latest.
std::optional<ParameterSet> set_for(store::Tx& tx, Validator& v, std::optional<std::int64_t> id, int year) {
  if (id) {
    auto s = find_parameter_set(tx, *id);
    if (!s) v.add("parameter_set_id", "not_found", "No such parameter set");
    return s;
  }
  auto s = current_parameter_set(tx, year);
  if (!s && year) v.add("year", "no_parameters", "There are no costing parameters for this year", {{"year", std::to_string(year)}});
  return s;
}

// The inputs object of a body, read with its errors named "inputs.…".
Model read_inputs(Validator& v) {
  const auto* in = v.object("inputs", Need::Required);
  if (!in) return {};
  Validator child(*in, "inputs");
  child.only({"overhead_rate", "places", "occupancy", "operating_days", "sick_training_days", "staff", "running", "assets", "activities",
              "packages"});
  auto m = read_model(child);
  absorb(v, child);
  return m;
}

// The rules' checks, named as the body names the inputs; a field already wrong in its form is not
// judged again on the value it could not give.
void check_inputs(const Model& m, const Parameters& p, Validator& v) {
  for (const auto& e : check(m, p))
    if (!v.failed("inputs." + e.field)) v.add("inputs." + e.field, e.code, e.text, e.params);
}

json::object difference(const json::object& base, const json::object& other) {
  json::object out;
  for (const char* k : {"total_minor", "staff_minor", "running_minor", "overhead_minor", "capital_minor", "per_place_year_minor",
                        "per_beneficiary_year_minor", "per_beneficiary_month_minor", "per_beneficiary_day_minor", "per_contact_hour_minor"}) {
    const auto& a = base.at(k);
    const auto& b = other.at(k);
    if (!a.is_int64() || !b.is_int64()) {
      out[k] = json::object{{"difference_minor", nullptr}, {"percent", nullptr}};
      continue;
    }
    auto pct = variance_ppm(b.as_int64(), a.as_int64());
    out[k] = json::object{{"difference_minor", b.as_int64() - a.as_int64()}, {"percent", pct ? json::value(percent(*pct)) : json::value(nullptr)}};
  }
  return out;
}
}  // namespace

// ---- parameter sets

Written parameter_sets_list(App& app) {
  auto tx = app.db->read();
  json::array items;
  for (const auto& s : list_parameter_sets(tx)) items.push_back(to_json(s, !models_freezing(tx, s.id).empty()));
  return {json::object{{"items", std::move(items)}}};
}

Written parameter_set_create(App& app, const Caller& c, const json::object& body) {
  if (!policy::keeps_cost_parameters(c.me)) throw Forbidden(say("cost_parameters_programme", "The programme's staff keep the costing parameters"));
  Validator v(body);
  ParameterSet s;
  read_set(v, s, Need::Required);
  return platform::create<ParameterSet>(*app.db, c, v, set_kind(),
                                        {.action = "create",
                                         .check = {},
                                         .insert =
                                             [&](store::Tx& tx) {
                                               s.edition = next_edition(tx, s.year);
                                               if (s.holidays.empty()) s.holidays = public_holidays(s.year);  // the calendar's, unless given
                                               return insert_parameter_set(tx, s);
                                             },
                                         .audited = {}});
}

Written parameter_set_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  ParameterSet s;
  return platform::change<ParameterSet>(
      *app.db, c, id, version, v, set_kind(),
      {.action = "update",
       .refuse = [&c](store::Tx&, const ParameterSet&) -> std::optional<Say> {
         if (policy::keeps_cost_parameters(c.me)) return std::nullopt;
         return say("cost_parameters_programme", "The programme's staff keep the costing parameters");
       },
       .check =
           [&](store::Tx& tx, const ParameterSet& before, Validator& v) {
             auto freezing = models_freezing(tx, before.id);
             if (!freezing.empty()) {
               std::string list;
               for (const auto& n : freezing) list += (list.empty() ? "" : ", ") + n;
               throw Conflict(say("cost_parameters_frozen", "Approved models use this set ({models}): make a new edition of it instead",
                                  {{"models", list}}));
             }
             s = before;
             read_set(v, s, Need::Optional);
             if (s.year != before.year) v.add("year", "not_allowed", "A set keeps its year");
           },
       .apply = [&](store::Tx& tx, const ParameterSet& before) { return update_parameter_set(tx, s, before.version); },
       .before = [](store::Tx& tx, const ParameterSet& b) -> json::value { return to_json(b, !models_freezing(tx, b.id).empty()); },
       .after = {}});
}

// ---- models

Written models_list(App& app, const auth::Principal& me, const ModelQuery& q) {
  auto tx = app.db->read();
  ModelFilter f;
  f.service_id = q.service_id;
  f.type_code = q.type_code;
  f.territory = q.territory;
  f.status = q.status;
  f.kind = q.kind;
  f.year = q.year;
  f.scenario_of = q.scenario_of;
  // What the policy lets the caller see, as facts for the query.
  f.everything = policy::reads_all(me);
  auto mine = territory_of(tx, me);
  auto party = policy::party_of(me);
  if (policy::is_cso_staff(me) && party.organisation_id) f.organisations.push_back(*party.organisation_id);
  if (policy::is_authority_staff(me) && party.authority_id) f.authorities.push_back(*party.authority_id);
  if (!mine.empty()) f.standard_territories.push_back(mine);
  if (policy::is_administrator(me)) f.everything = true;
  f.approved_standards = policy::may_read_cost_model(me, {true, {}, "-"}, "", true);
  auto rows = list_models(tx, f, q.limit + 1, q.before);
  json::array items;
  for (std::size_t i = 0; i < rows.size() && i < static_cast<std::size_t>(q.limit); ++i) items.push_back(summary(rows[i]));
  json::value next = rows.size() > static_cast<std::size_t>(q.limit) ? json::value(rows[static_cast<std::size_t>(q.limit) - 1].id) : json::value(nullptr);
  return {json::object{{"items", std::move(items)}, {"next_before", next}}};
}

Written model_get(App& app, const auth::Principal& me, std::int64_t id) {
  auto tx = app.db->read();
  auto m = readable_model(tx, me, id);
  return {full(tx, me, m), m.version};
}

Written model_create(App& app, const Caller& c, const json::object& body) {
  Validator v(body);
  v.only({"kind", "name", "service_id", "type_code", "territory", "year", "parameter_set_id", "public_employer", "inputs"});
  CostModel cm;
  cm.kind = v.one_of("kind", Need::Required, {"service", "standard"}).value_or("service");
  cm.name = v.text("name", Need::Required, 200).value_or("");
  cm.year = static_cast<int>(v.integer("year", Need::Required, 2000, 2100).value_or(0));
  auto set_id = v.integer("parameter_set_id", Need::Optional, 1, INT64_MAX);
  auto service_id = v.integer("service_id", cm.kind == "service" ? Need::Required : Need::Optional, 1, INT64_MAX);
  auto type = v.text("type_code", cm.kind == "standard" ? Need::Required : Need::Optional, 60);
  auto territory = v.text("territory", cm.kind == "standard" ? Need::Required : Need::Optional, 20);
  auto public_employer = v.boolean("public_employer", Need::Optional);
  auto m = read_inputs(v);
  cm.created_by = c.me.user_id;
  return platform::create<CostModel>(
      *app.db, c, v, model_kind(c.me),
      {.action = "create",
       .check =
           [&](store::Tx& tx, Validator& v) {
             if (cm.kind == "service") {
               if (type) v.add("type_code", "not_allowed", "A service's model takes the service's type");
               if (territory) v.add("territory", "not_allowed", "A service's model takes the service's district");
               if (service_id) {
                 auto s = services::find_service_unit(tx, *service_id);
                 if (!s) v.add("service_id", "not_found", "No such service");
                 else {
                   auto provider = services::provider_party(*s);
                   cm.service_id = s->id;
                   cm.type_code = s->type_code;
                   cm.territory = s->district;
                   cm.provider_organisation_id = provider.organisation_id;
                   cm.provider_authority_id = provider.authority_id;
                   // A public provider pays the public employer's contribution.
                   cm.public_employer = public_employer.value_or(!provider.organisation_id && provider.authority_id);
                 }
               }
             } else {
               if (service_id) v.add("service_id", "not_allowed", "A standard belongs to a type, not to a service");
               if (type && !services::service_type_known(tx, *type)) v.add("type_code", "not_found", "No such service type");
               if (territory && *territory != "national") {
                 auto u = registry::find_unit(tx, *territory);
                 if (!u || u->level != 2) v.add("territory", "not_found", "A district's code, or national");
               }
               cm.type_code = type.value_or("");
               cm.territory = territory.value_or("");
               cm.public_employer = public_employer.value_or(false);
             }
             // Whose it is decides first (403), once the service or the territory is known.
             const bool known = cm.kind == "service" ? cm.service_id.has_value() : !v.failed("territory") && !cm.territory.empty();
             if (known && !policy::may_keep_cost_model(c.me, owner_of(cm), territory_of(tx, c.me)))
               throw Forbidden(cm.kind == "standard" ? say("cost_standard_not_yours", "Only the authority of the standard's territory approves it")
                                                     : say("cost_model_not_yours", "Only the service's provider or the programme approves its cost model"));
             auto set = set_for(tx, v, set_id, cm.year);
             if (!set) return;
             cm.parameter_set_id = set->id;
             check_inputs(m, parameters_of(*set), v);
             if (v.ok()) compute_into(cm, m, parameters_of(*set));
           },
       .insert = [&](store::Tx& tx) { return insert_model(tx, cm); },
       .audited = [](store::Tx&, const CostModel& made) -> json::value { return summary(made); }});
}

Written model_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"name", "parameter_set_id", "public_employer", "inputs"});
  auto name = v.text("name", Need::Optional, 200);
  auto set_id = v.integer("parameter_set_id", Need::Optional, 1, INT64_MAX);
  auto public_employer = v.boolean("public_employer", Need::Optional);
  auto m = read_inputs(v);
  CostModel cm;
  return platform::change<CostModel>(
      *app.db, c, id, version, v, model_kind(c.me),
      {.action = "update",
       .refuse = unless_keeper(c.me),
       .check =
           [&](store::Tx& tx, const CostModel& before, Validator& v) {
             draft_only(before);
             cm = before;
             if (name) cm.name = *name;
             if (public_employer) cm.public_employer = *public_employer;
             auto set = set_for(tx, v, set_id ? set_id : std::optional<std::int64_t>(before.parameter_set_id), before.year);
             if (!set) return;
             cm.parameter_set_id = set->id;
             check_inputs(m, parameters_of(*set), v);
             if (v.ok()) compute_into(cm, m, parameters_of(*set));
             cm.returned_reason.reset();
           },
       .apply = [&](store::Tx& tx, const CostModel& before) { return update_model(tx, cm, before.version); },
       .before = [](store::Tx&, const CostModel& b) -> json::value { return json::object{{"inputs", json::parse(b.inputs)}, {"total_minor", b.total_minor}}; },
       .after = [](store::Tx&, const CostModel& a) -> json::value { return json::object{{"inputs", json::parse(a.inputs)}, {"total_minor", a.total_minor}}; }});
}

Written model_preview(App& app, const json::object& body) {
  Validator v(body);
  v.only({"year", "parameter_set_id", "public_employer", "inputs"});
  auto year = v.integer("year", Need::Optional, 2000, 2100);
  auto set_id = v.integer("parameter_set_id", Need::Optional, 1, INT64_MAX);
  if (!year && !set_id) v.add("year", "required", "Name the year or the parameter set");
  auto public_employer = v.boolean("public_employer", Need::Optional).value_or(false);
  auto m = read_inputs(v);
  m.public_employer = public_employer;
  std::optional<ParameterSet> set;
  if (year || set_id) {
    auto tx = app.db->read();
    set = set_for(tx, v, set_id, static_cast<int>(year.value_or(0)));
  }
  if (set) check_inputs(m, parameters_of(*set), v);
  v.finish();
  return {json::object{{"parameter_set_id", set->id}, {"outputs", to_json(compute(m, parameters_of(*set)))}}};
}

Written model_submit(App& app, const Caller& c, std::int64_t id, std::int64_t version) {
  Validator v(json::object{});
  return platform::change<CostModel>(*app.db, c, id, version, v, model_kind(c.me),
                                     {.action = "submit",
                                      .refuse = unless_keeper(c.me),
                                      .check =
                                          [&](store::Tx&, const CostModel& m, Validator&) {
                                            draft_only(m);
                                            if (m.scenario_of)
                                              throw Conflict(say("cost_scenario_not_submitted", "A scenario is compared, not approved: make it the model instead"));
                                          },
                                      .apply =
                                          [&](store::Tx& tx, const CostModel& before) {
                                            auto m = before;
                                            m.status = "submitted";
                                            m.submitted_by = c.me.user_id;
                                            m.submitted_at = now_iso();
                                            m.returned_reason.reset();
                                            return update_model(tx, m, before.version);
                                          },
                                      .before = {},
                                      .after = [](store::Tx&, const CostModel& a) -> json::value { return summary(a); }});
}

Written model_approve(App& app, const Caller& c, std::int64_t id, std::int64_t version) {
  Validator v(json::object{});
  return decide(app, c, id, version, v, "approve", true, [&](store::Tx& tx, const CostModel& before) {
    auto m = before;
    m.status = "approved";
    m.approved_by = c.me.user_id;
    m.approved_at = now_iso();
    m.number = next_model_number(tx, m.year);
    if (!update_model(tx, m, before.version)) return false;
    for (auto other : approved_rivals(tx, m)) supersede(tx, other);
    if (m.previous_id) supersede(tx, *m.previous_id);
    return true;
  });
}

// The reviewer may return what anyone submitted, their own included (to withdraw it).
Written model_return(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"reason"});
  auto reason = v.text("reason", Need::Required, 2000, true);
  return decide(app, c, id, version, v, "return", false, [&](store::Tx& tx, const CostModel& before) {
    auto m = before;
    m.status = "draft";
    m.returned_reason = reason;
    return update_model(tx, m, before.version);
  });
}

Written model_new_version(App& app, const Caller& c, std::int64_t id) {
  Validator v(json::object{});
  CostModel copy;
  return platform::create<CostModel>(*app.db, c, v, model_kind(c.me),
                                     {.action = "new_version",
                                      .check =
                                          [&](store::Tx& tx, Validator&) {
                                            auto m = find_model(tx, id);
                                            if (!m) throw NotFound(say("not_found", "No such cost model"));
                                            if (auto why = unless_keeper(c.me)(tx, *m)) throw Forbidden(*why);
                                            if (m->status != "approved") throw Conflict(say("cost_model_not_approved", "Only an approved model gets a new version"));
                                            if (draft_version_of(tx, id))
                                              throw Conflict(say("cost_version_exists", "A new version of this model is already being prepared"));
                                            copy = draft_copy(*m, c.me.user_id);
                                            copy.previous_id = m->id;
                                            // The year's latest parameters: the reason for a new version is often a new edition.
                                            if (auto set = current_parameter_set(tx, copy.year)) {
                                              copy.parameter_set_id = set->id;
                                              auto model = model_of(*m);
                                              if (check(model, parameters_of(*set)).empty()) compute_into(copy, model, parameters_of(*set));
                                            }
                                          },
                                      .insert = [&](store::Tx& tx) { return insert_model(tx, copy); },
                                      .audited = [](store::Tx&, const CostModel& made) -> json::value { return summary(made); }});
}

Written scenario_create(App& app, const Caller& c, std::int64_t id, const json::object& body) {
  Validator v(body);
  v.only({"name", "occupancy", "pay_rise", "parameter_set_id", "public_employer"});
  auto name = v.text("name", Need::Required, 200);
  Scenario sc;
  sc.occupancy_ppm = percentage(v, "occupancy", Need::Optional);
  if (auto rise = v.decimal("pay_rise", Need::Optional, -100'000'000, 1'000'000'000)) sc.pay_rise_ppm = *rise / 100;
  sc.public_employer = v.boolean("public_employer", Need::Optional);
  auto set_id = v.integer("parameter_set_id", Need::Optional, 1, INT64_MAX);
  CostModel s;
  return platform::create<CostModel>(
      *app.db, c, v, model_kind(c.me),
      {.action = "create_scenario",
       .check =
           [&](store::Tx& tx, Validator& v) {
             auto base = find_model(tx, id);
             if (!base) throw NotFound(say("not_found", "No such cost model"));
             if (auto why = unless_keeper(c.me)(tx, *base)) throw Forbidden(*why);
             if (base->scenario_of) throw Conflict(say("cost_scenario_of_scenario", "Make scenarios of the model itself"));
             auto set = set_for(tx, v, set_id ? set_id : std::optional<std::int64_t>(base->parameter_set_id), base->year);
             v.finish();
             s = draft_copy(*base, c.me.user_id);
             s.name = name.value_or("");
             s.scenario_of = base->id;
             s.previous_id.reset();
             s.parameter_set_id = set->id;
             auto changed = apply(model_of(*base), sc);
             s.public_employer = changed.public_employer;
             json::object what{{"occupancy", sc.occupancy_ppm ? json::value(percent(*sc.occupancy_ppm)) : json::value(nullptr)},
                               {"pay_rise", sc.pay_rise_ppm ? json::value(percent(*sc.pay_rise_ppm)) : json::value(nullptr)},
                               {"parameter_set_id", set->id != base->parameter_set_id ? json::value(set->id) : json::value(nullptr)},
                               {"public_employer", sc.public_employer ? json::value(*sc.public_employer) : json::value(nullptr)}};
             s.scenario = json::serialize(what);
             for (const auto& e : check(changed, parameters_of(*set)))
               v.add(e.field == "occupancy" ? "occupancy" : "pay_rise", e.code, e.text, e.params);
             if (v.ok()) compute_into(s, changed, parameters_of(*set));
           },
       .insert = [&](store::Tx& tx) { return insert_model(tx, s); },
       .audited = [](store::Tx&, const CostModel& made) -> json::value { return summary(made); }});
}

Written model_comparison(App& app, const auth::Principal& me, std::int64_t id) {
  auto tx = app.db->read();
  auto m = readable_model(tx, me, id);
  ModelFilter f;
  f.everything = true;  // the scenarios of a model the caller reads
  f.scenario_of = id;
  auto base = json::parse(m.outputs).as_object();
  json::array scenarios;
  for (const auto& s : list_models(tx, f, 20)) {
    auto out = json::parse(s.outputs).as_object();
    scenarios.push_back({{"id", s.id},
                         {"name", s.name},
                         {"scenario", s.scenario ? json::parse(*s.scenario) : json::value(nullptr)},
                         {"parameter_set_id", s.parameter_set_id},
                         {"outputs", out},
                         {"differences", difference(base, out)}});
  }
  std::reverse(scenarios.begin(), scenarios.end());  // oldest first, as they were made
  return {json::object{{"base", json::object{{"id", m.id}, {"name", m.name}, {"outputs", base}}}, {"scenarios", std::move(scenarios)}}};
}

Written benchmark(App& app, const std::string& type_code, int year) {
  auto tx = app.db->read();
  if (!services::service_type_known(tx, type_code)) throw Invalid({{"type_code", "not_found", "No such service type"}});
  auto rows = approved_of_type(tx, type_code, year);
  auto figures = [](const std::vector<const UnitCosts*>& of) {
    json::object out;
    auto one = [&](const char* name, std::optional<std::int64_t> UnitCosts::*f) {
      std::vector<std::int64_t> v;
      for (const auto* r : of)
        if (r->*f) v.push_back(*(r->*f));
      auto s = spread(v);
      out[name] = s ? json::value(json::object{{"count", s->count}, {"min", s->min}, {"q1", s->q1}, {"median", s->median}, {"q3", s->q3}, {"max", s->max}})
                    : json::value(nullptr);
    };
    one("per_place_year_minor", &UnitCosts::per_place_year_minor);
    one("per_beneficiary_month_minor", &UnitCosts::per_beneficiary_month_minor);
    one("per_beneficiary_day_minor", &UnitCosts::per_beneficiary_day_minor);
    one("per_contact_hour_minor", &UnitCosts::per_contact_hour_minor);
    return out;
  };
  std::vector<const UnitCosts*> services;
  std::map<std::string, std::vector<const UnitCosts*>> by_district;
  json::array standards;
  for (const auto& r : rows) {
    if (r.kind == "standard") {
      standards.push_back({{"id", r.id},
                           {"territory", r.territory},
                           {"per_place_year_minor", nullable(r.per_place_year_minor)},
                           {"per_beneficiary_month_minor", nullable(r.per_beneficiary_month_minor)},
                           {"per_beneficiary_day_minor", nullable(r.per_beneficiary_day_minor)},
                           {"per_contact_hour_minor", nullable(r.per_contact_hour_minor)}});
      continue;
    }
    services.push_back(&r);
    by_district[r.territory].push_back(&r);
  }
  json::array districts;
  for (const auto& [d, of] : by_district) districts.push_back({{"district", d}, {"count", static_cast<std::int64_t>(of.size())}, {"figures", figures(of)}});
  return {json::object{{"type_code", type_code},
                       {"year", year},
                       {"unit", services::service_type_unit(tx, type_code)},
                       {"count", static_cast<std::int64_t>(services.size())},
                       {"figures", figures(services)},
                       {"districts", std::move(districts)},
                       {"standards", std::move(standards)}}};
}

Written service_actual(App& app, const auth::Principal& me, std::int64_t service_id, int year) {
  auto tx = app.db->read();
  auto s = services::find_service_unit(tx, service_id);
  if (!s) throw NotFound(say("not_found", "No such service"));
  auto provider = services::provider_party(*s);
  if (!policy::may_read_cost_model(me, {false, provider, s->district}, territory_of(tx, me), false))
    throw Forbidden(say("cost_model_hidden", "This cost model is not shared with you"));
  // What was spent: the approved grant reports of the agreements the service names as its funding
  // (the agreement's whole spending: a grant funds one service in this programme), and what other
  // funding paid, as entered.
  json::array grants;
  std::int64_t total = 0;
  std::map<std::string, std::int64_t> categories;
  // Grants in euros count in lei at the year's rate of its parameter set.
  auto set = current_parameter_set(tx, year);
  for (const auto& f : s->funding) {
    if (!f.agreement_id) continue;
    auto spent = grants::approved_spending_in_year(tx, *f.agreement_id, year);
    if (spent.reports == 0) continue;
    std::optional<Exact> rate;
    if (spent.currency == "MDL") rate = Exact(1);
    else if (spent.currency == "EUR" && set && set->eur_rate_ppm > 0) rate = Exact::ppm(set->eur_rate_ppm);
    json::object by;
    for (const auto& [k, v] : spent.by_category) {
      auto lei = rate ? (Exact(v) * *rate).round() : 0;
      by[k] = lei;
      total += lei;
      categories["grant_" + k] += lei;
    }
    grants.push_back({{"agreement_id", *f.agreement_id},
                      {"number", spent.number},
                      {"reports", spent.reports},
                      {"currency", spent.currency},
                      {"rate", rate ? json::value(plain(rate->round_ppm())) : json::value(nullptr)},
                      {"by_category", std::move(by)}});
  }
  json::array other;
  for (const auto& e : expenditures_of(tx, service_id, year)) {
    total += e.amount_minor;
    categories[e.category] += e.amount_minor;
    other.push_back({{"id", e.id}, {"category", e.category}, {"amount_minor", e.amount_minor}, {"source", e.source}, {"note", nullable(e.note)},
                     {"version", e.version}});
  }
  auto d = services::delivered_in_year(tx, service_id, year);
  auto unit = services::service_type_unit(tx, s->type_code);
  auto per = [&](std::int64_t n) -> std::optional<std::int64_t> {
    if (n <= 0 || total == 0) return std::nullopt;
    return Exact::ratio(total, n).round();
  };
  // A place-month type counts its stays by the day: its unit is the beneficiary-month.
  auto actual_unit = unit == "place_month" ? per(d.beneficiary_months) : per(d.units), actual_month = per(d.beneficiary_months), actual_place = per(s->capacity);
  // The standard of its type: its district's, else the national one.
  auto standard = approved_standard(tx, s->type_code, s->district, year);
  if (!standard) standard = approved_standard(tx, s->type_code, "national", year);
  auto own = approved_service_model(tx, service_id, year);
  // The standard's figure for one unit of the type's delivery.
  std::optional<std::int64_t> standard_unit;
  if (standard) {
    if (unit == "day") standard_unit = standard->per_beneficiary_day_minor;
    else if (unit == "hour") standard_unit = standard->per_contact_hour_minor;
    else if (unit == "place_month") standard_unit = standard->per_beneficiary_month_minor;
  }
  auto compare = [&](std::optional<std::int64_t> actual, std::optional<std::int64_t> norm) -> json::value {
    if (!actual || !norm) return nullptr;
    auto v = variance_ppm(*actual, *norm);
    return json::object{{"actual_minor", *actual},
                        {"standard_minor", *norm},
                        {"difference_minor", *actual - *norm},
                        {"percent", v ? json::value(percent(*v)) : json::value(nullptr)},
                        {"flagged", v && (*v > kFlagPpm || *v < -kFlagPpm)}};
  };
  json::object cats;
  for (const auto& [k, v] : categories) cats[k] = v;
  return {json::object{
      {"service_id", service_id},
      {"name", s->name},
      {"type_code", s->type_code},
      {"district", s->district},
      {"year", year},
      {"unit", unit},
      {"places", s->capacity},
      {"spent_minor", total},
      {"by_category", std::move(cats)},
      {"grants", std::move(grants)},
      {"other", std::move(other)},
      {"delivered", json::object{{"units", d.units}, {"beneficiary_months", d.beneficiary_months}, {"beneficiary_days", d.beneficiary_days}, {"people", d.people}}},
      {"actual", json::object{{"per_unit_minor", nullable(actual_unit)}, {"per_beneficiary_month_minor", nullable(actual_month)}, {"per_place_year_minor", nullable(actual_place)}}},
      {"standard", standard ? json::value(summary(*standard)) : json::value(nullptr)},
      {"model", own ? json::value(summary(*own)) : json::value(nullptr)},
      {"comparison", json::object{{"per_unit", compare(actual_unit, standard_unit)},
                                  {"per_beneficiary_month", compare(actual_month, standard ? standard->per_beneficiary_month_minor : std::nullopt)},
                                  {"per_place_year", compare(actual_place, standard ? standard->per_place_year_minor : std::nullopt)}}}}};
}

namespace {
const std::vector<std::string>& expenditure_categories() {
  static const std::vector<std::string> v = [] {
    auto c = running_categories();
    c.insert(c.begin(), "staff");
    return c;
  }();
  return v;
}

platform::Kind<Expenditure> expenditure_kind() {
  return {.not_found = "No such expenditure",
          .stale = "The expenditure changed since you read it",
          .find = find_expenditure,
          .version = [](const Expenditure& x) { return x.version; },
          .subject = [](const Expenditure& x) { return platform::Subject{"cost_expenditure", x.id, std::to_string(x.year) + " " + x.category}; },
          .show = [](store::Tx&, const Expenditure& x) {
            return json::object{{"id", x.id},         {"service_id", x.service_id}, {"year", x.year},         {"category", x.category},
                                {"amount_minor", x.amount_minor}, {"source", x.source}, {"note", nullable(x.note)}, {"version", x.version},
                                {"created_at", x.created_at}};
          }};
}

// Who records a service's other funding: who manages the service.
std::optional<Say> expenditure_refusal(store::Tx& tx, const auth::Principal& me, std::int64_t service_id) {
  auto s = services::find_service_unit(tx, service_id);
  if (!s) throw NotFound(say("not_found", "No such service"));
  if (!policy::may_manage_service(me, services::provider_party(*s))) return say("service_not_yours", "This service is provided by someone else");
  return std::nullopt;
}
}  // namespace

Written expenditure_create(App& app, const Caller& c, std::int64_t service_id, const json::object& body) {
  Validator v(body);
  v.only({"year", "category", "amount_minor", "source", "note"});
  Expenditure e;
  e.service_id = service_id;
  e.year = static_cast<int>(v.integer("year", Need::Required, 2000, 2100).value_or(0));
  e.category = v.one_of("category", Need::Required, expenditure_categories()).value_or("");
  e.amount_minor = v.integer("amount_minor", Need::Required, 1, kMaxMinor).value_or(0);
  e.source = v.one_of("source", Need::Required, {"public_contract", "local_budget", "other"}).value_or("");
  e.note = v.text("note", Need::Optional, 500);
  e.created_by = c.me.user_id;
  return platform::create<Expenditure>(*app.db, c, v, expenditure_kind(),
                                       {.action = "create",
                                        .check =
                                            [&](store::Tx& tx, Validator&) {
                                              if (auto why = expenditure_refusal(tx, c.me, service_id)) throw Forbidden(*why);
                                            },
                                        .insert = [&](store::Tx& tx) { return insert_expenditure(tx, e); },
                                        .audited = {}});
}

Written expenditure_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"category", "amount_minor", "source", "note"});
  auto category = v.one_of("category", Need::Optional, expenditure_categories());
  auto amount = v.integer("amount_minor", Need::Optional, 0, kMaxMinor);  // 0 withdraws what was entered by mistake
  auto source = v.one_of("source", Need::Optional, {"public_contract", "local_budget", "other"});
  auto note = v.text("note", Need::Optional, 500);
  const bool has_note = v.has("note");
  return platform::change<Expenditure>(*app.db, c, id, version, v, expenditure_kind(),
                                       {.action = "update",
                                        .refuse = [&c](store::Tx& tx, const Expenditure& e) { return expenditure_refusal(tx, c.me, e.service_id); },
                                        .check = {},
                                        .apply =
                                            [&](store::Tx& tx, const Expenditure& before) {
                                              auto e = before;
                                              if (category) e.category = *category;
                                              if (amount) e.amount_minor = *amount;
                                              if (source) e.source = *source;
                                              if (has_note) e.note = note;
                                              return update_expenditure(tx, e, before.version);
                                            },
                                        .before = [](store::Tx& tx, const Expenditure& b) -> json::value { return expenditure_kind().show(tx, b); },
                                        .after = {}});
}
}  // namespace sp::costing
