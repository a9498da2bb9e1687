#pragma once
// The costing tables: parameter sets, cost models (inputs as one JSON document, results in columns
// for the lists and the benchmark) and other funding's expenditure.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace sp::costing {
struct ParameterSet {
  std::int64_t id = 0;
  int year = 0, edition = 1;
  std::string valid_from;
  std::int64_t minimum_wage_minor = 0, employer_rate_private_ppm = 0, employer_rate_public_ppm = 0;
  int working_days = 0, leave_days = 0;
  std::int64_t hours_per_day_ppm = 8'000'000;
  std::int64_t eur_rate_ppm = 0;  // lei for one euro (the year's planning rate)
  std::vector<std::string> holidays;
  std::optional<std::string> note;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};

struct CostModel {
  std::int64_t id = 0;
  std::optional<std::string> number;
  std::string kind = "service";  // service | standard
  std::string name;
  std::optional<std::int64_t> service_id, provider_organisation_id, provider_authority_id;
  std::string type_code, territory;
  int year = 0;
  std::int64_t parameter_set_id = 0;
  bool public_employer = false;
  std::string inputs = "{}", outputs = "{}";  // JSON
  std::int64_t total_minor = 0;
  std::optional<std::int64_t> per_place_year_minor, per_beneficiary_month_minor, per_beneficiary_day_minor, per_contact_hour_minor;
  std::string status = "draft";  // draft | submitted | approved | superseded
  std::optional<std::int64_t> previous_id, scenario_of;
  std::optional<std::string> scenario;  // JSON of the changes
  std::optional<std::int64_t> created_by, submitted_by, approved_by;
  std::optional<std::string> submitted_at, approved_at, returned_reason;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};

std::vector<ParameterSet> list_parameter_sets(store::Tx& tx);
std::optional<ParameterSet> find_parameter_set(store::Tx& tx, std::int64_t id);
// The latest edition of a year's set, if any.
std::optional<ParameterSet> current_parameter_set(store::Tx& tx, int year);
std::int64_t insert_parameter_set(store::Tx& tx, const ParameterSet& p);
bool update_parameter_set(store::Tx& tx, const ParameterSet& p, std::int64_t version);
int next_edition(store::Tx& tx, int year);
// The approved (or superseded) models that used the set: it is frozen while any does.
std::vector<std::string> models_freezing(store::Tx& tx, std::int64_t parameter_set_id);

std::optional<CostModel> find_model(store::Tx& tx, std::int64_t id);
std::int64_t insert_model(store::Tx& tx, const CostModel& m);
bool update_model(store::Tx& tx, const CostModel& m, std::int64_t version);
// The next CM-<year>-NNNN.
std::string next_model_number(store::Tx& tx, int year);

struct ModelFilter {
  std::optional<std::int64_t> service_id;
  std::optional<std::string> type_code, territory, status, kind;
  std::optional<int> year;
  bool scenarios = false;  // only models that are not scenarios unless asked
  std::optional<std::int64_t> scenario_of;
  // What the caller may see, decided by the policy and passed as facts: the services of these
  // providers, the standards of these territories, or everything.
  bool everything = false;
  std::vector<std::int64_t> organisations, authorities;  // providers whose service models are visible
  std::vector<std::string> standard_territories;         // standards visible in any state
  bool approved_standards = false;                       // every approved standard visible
};
std::vector<CostModel> list_models(store::Tx& tx, const ModelFilter& f, int limit, std::int64_t before_id = 0);
// Approved models of a type and year, not scenarios (the benchmark): their unit costs only.
struct UnitCosts {
  std::int64_t id = 0;
  std::string kind, territory;
  std::int64_t total_minor = 0;
  std::optional<std::int64_t> per_place_year_minor, per_beneficiary_month_minor, per_beneficiary_day_minor, per_contact_hour_minor;
};
std::vector<UnitCosts> approved_of_type(store::Tx& tx, const std::string& type_code, int year);
struct Expenditure {
  std::int64_t id = 0, service_id = 0;
  int year = 0;
  std::string category;
  std::int64_t amount_minor = 0;
  std::string source;
  std::optional<std::string> note;
  std::optional<std::int64_t> created_by;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};
std::optional<Expenditure> find_expenditure(store::Tx& tx, std::int64_t id);
std::int64_t insert_expenditure(store::Tx& tx, const Expenditure& e);
bool update_expenditure(store::Tx& tx, const Expenditure& e, std::int64_t version);
std::vector<Expenditure> expenditures_of(store::Tx& tx, std::int64_t service_id, int year);
// The approved model of a service or the standard of a type for a territory, of a year (not scenarios).
std::optional<CostModel> approved_service_model(store::Tx& tx, std::int64_t service_id, int year);
std::optional<CostModel> approved_standard(store::Tx& tx, const std::string& type_code, const std::string& territory, int year);
// Other approved models the approval of `m` replaces: the same service's or standard's of its year.
std::vector<std::int64_t> approved_rivals(store::Tx& tx, const CostModel& m);
// A draft that is already a new version of this model.
std::optional<std::int64_t> draft_version_of(store::Tx& tx, std::int64_t id);

// Submitted models waiting for someone's approval (the home's inbox is filtered by the policy).
std::vector<CostModel> submitted_models(store::Tx& tx);
// The model this one replaced is superseded once the new one is approved.
void supersede(store::Tx& tx, std::int64_t id);
}  // namespace sp::costing
