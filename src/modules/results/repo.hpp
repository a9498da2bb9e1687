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
}  // namespace sp::results
