#pragma once
// The results' tables. Only operations.cpp and demo.cpp call these.
#include <optional>
#include <vector>

#include "modules/results/model.hpp"
#include "store/database.hpp"

namespace sp::results {
std::optional<Programme> find_programme(store::Tx& tx, std::int64_t id);
std::vector<Programme> list_programmes(store::Tx& tx);  // newest first
std::int64_t insert_programme(store::Tx& tx, const Programme& p);
bool update_programme(store::Tx& tx, const Programme& p, std::int64_t version);
bool programme_code_taken(store::Tx& tx, const std::string& code, std::int64_t except_id);

std::optional<FrameworkResult> find_result(store::Tx& tx, std::int64_t id);
// A programme's results, its own and its projects', by project, level and position.
std::vector<FrameworkResult> results_of(store::Tx& tx, std::int64_t programme_id);
std::int64_t insert_result(store::Tx& tx, const FrameworkResult& r);
bool update_result(store::Tx& tx, const FrameworkResult& r, std::int64_t version);
std::optional<Indicator> find_indicator(store::Tx& tx, std::int64_t id);
// The programme whose framework holds the indicator (its result's).
std::optional<Programme> programme_of(store::Tx& tx, const Indicator& x);
std::vector<Indicator> indicators_of(store::Tx& tx, std::int64_t result_id);
std::int64_t insert_indicator(store::Tx& tx, const Indicator& x);
bool update_indicator(store::Tx& tx, const Indicator& x, std::int64_t version);
std::optional<IndicatorValue> find_value(store::Tx& tx, std::int64_t id);
std::vector<IndicatorValue> values_of(store::Tx& tx, std::int64_t indicator_id);  // by period, newest first
std::int64_t insert_value(store::Tx& tx, const IndicatorValue& v);
bool update_value(store::Tx& tx, const IndicatorValue& v, std::int64_t version);
// The values waiting for approval, oldest first, each with its indicator's code and its programme.
struct WaitingValue {
  IndicatorValue v;
  std::string code;
  std::int64_t programme_id = 0;
  std::string programme_code;
};
std::vector<WaitingValue> submitted_values(store::Tx& tx);

// Disaggregation categories (decision 0027): every set's every version, by code then version.
std::optional<CategorySet> find_category_set(store::Tx& tx, std::int64_t id);
std::vector<CategorySet> list_category_sets(store::Tx& tx);
std::int64_t insert_category_set(store::Tx& tx, const CategorySet& c);
bool update_category_set(store::Tx& tx, const CategorySet& c, std::int64_t version);
std::optional<std::int64_t> newest_set_version(store::Tx& tx, const std::string& code);
// Whether a set's version holds values: a value's or a target's parts name it.
bool category_set_in_use(store::Tx& tx, std::int64_t id);
}  // namespace sp::results
