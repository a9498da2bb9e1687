#pragma once
// Pure rules of results: reading and checking a programme; its lists as JSON. No SQL, no HTTP.
#include <boost/json.hpp>

#include <string>
#include <vector>

#include "common/json.hpp"
#include "modules/results/model.hpp"

namespace sp::results {
const std::vector<std::string>& partner_roles();  // implementing co_implementing monitoring
const std::vector<std::string>& currencies();     // EUR MDL USD

// A programme as the body gives it (every field; `v` names each wrong one).
Programme read_programme(Validator& v);
// The calendar years a programme spans, its first to its last ("2021" … "2024").
std::vector<std::string> years_of(const Programme& p);

boost::json::array to_json(const std::vector<Party>& p);
boost::json::array to_json(const std::vector<Contribution>& c);
std::vector<Party> parties_of(const boost::json::value& v);
std::vector<Contribution> contributions_of(const boost::json::value& v);
}  // namespace sp::results
