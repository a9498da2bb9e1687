#pragma once
// What is done with costing: the yearly parameter sets, cost models (made, changed, previewed,
// submitted, approved or returned, versioned), their scenarios side by side, the benchmark of a type,
// and a service's actual cost against the standard of its type and territory.
#include <cstdint>
#include <optional>
#include <string>

#include "common/json.hpp"
#include "modules/costing/repo.hpp"
#include "modules/costing/rules.hpp"
#include "platform/context.hpp"
#include "platform/policy.hpp"
#include "platform/write.hpp"

namespace sp::costing {
// The facts the policy decides on: whose a model is, and the territory whose standards `me` keeps
// (its authority's district, "national" for a central body, "" for everyone else).
policy::CostOwner owner_of(const CostModel& m);
std::string territory_of(store::Tx& tx, const auth::Principal& me);
Parameters parameters_of(const ParameterSet& s);
// A stored model's inputs, read back (they were valid when saved), at its record's employer rate.
Model model_of(const CostModel& m);
// The model `me` may read: 404 when there is none, 403 when the policy keeps it from them.
CostModel readable_model(store::Tx& tx, const auth::Principal& me, std::int64_t id);
// The model's inputs and results into its stored columns (inputs as written back, outputs, unit costs), at
// the employer rate the record names (cm.public_employer).
void compute_into(CostModel& cm, const Model& m, const Parameters& p);

using platform::Caller;
using platform::Written;

Written parameter_sets_list(App& app);
// A new set, or a new edition of a year's set (the year's latest edition is the one new models use).
Written parameter_set_create(App& app, const Caller& c, const json::object& body);
// Refused (409, naming the models) once an approved model used the set: make a new edition instead.
Written parameter_set_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);

struct ModelQuery {
  std::optional<std::int64_t> service_id, scenario_of;
  std::optional<std::string> type_code, territory, status, kind;
  std::optional<int> year;
  std::int64_t before = 0;
  int limit = 50;
};
Written models_list(App& app, const auth::Principal& me, const ModelQuery& q);
Written model_get(App& app, const auth::Principal& me, std::int64_t id);
Written model_create(App& app, const Caller& c, const json::object& body);
// The whole model replaced (name, parameter set, employer, inputs): only a draft (409 otherwise).
Written model_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
// The results of inputs without saving them (the calculator, as one types).
Written model_preview(App& app, const json::object& body);
Written model_submit(App& app, const Caller& c, std::int64_t id, std::int64_t version);
// Maker-checker: not by who submitted it. Numbered CM-<year>-NNNN; the model it replaces, and any
// other approved model of the same service or standard and year, become superseded.
Written model_approve(App& app, const Caller& c, std::int64_t id, std::int64_t version);
Written model_return(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
// A draft copy of an approved model that will replace it once approved.
Written model_new_version(App& app, const Caller& c, std::int64_t id);
// A copy with changed inputs: occupancy, a pay rise, another parameter set, the other employer type.
Written scenario_create(App& app, const Caller& c, std::int64_t id, const json::object& body);
// The model and its scenarios side by side: every figure, the difference and the percentage.
Written model_comparison(App& app, const auth::Principal& me, std::int64_t id);
// The unit costs of every approved model of a type and year: min, quartiles, median, max, by district.
Written benchmark(App& app, const std::string& type_code, int year);
// A service's actual cost of a year (approved grant reports, other funding's expenditure) per unit
// delivered, beneficiary-month and place-year, against the standard of its type and territory.
Written service_actual(App& app, const auth::Principal& me, std::int64_t service_id, int year);
Written expenditure_create(App& app, const Caller& c, std::int64_t service_id, const json::object& body);
// A correction of what was entered (0 withdraws it), against its version.
Written expenditure_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
}  // namespace sp::costing
