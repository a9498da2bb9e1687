#pragma once
// What other capabilities read of costing (social contracting, issue 14): the approved standard cost
// of a service type for a district — or, where the district has none, the national one — and a year.
// Everything else of costing (its models, writes and SQL) stays behind repo.hpp.
#include <cstdint>
#include <optional>
#include <string>

#include "store/database.hpp"

namespace sp::costing {
struct Standard {
  std::int64_t id = 0;
  std::string number, territory, type_code;
  int year = 0;
  std::optional<std::int64_t> per_place_year_minor, per_beneficiary_month_minor, per_beneficiary_day_minor, per_contact_hour_minor;
};
// The district's approved standard of the type and year, else the national one; none when neither.
std::optional<Standard> standard_for(store::Tx& tx, const std::string& type_code, const std::string& district, int year);
// An approved (or since superseded) standard by id: a purchase keeps the one its ceiling came from.
std::optional<Standard> find_standard(store::Tx& tx, std::int64_t id);
}  // namespace sp::costing
