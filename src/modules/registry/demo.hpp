#pragma once
// Fictitious but realistic registry data: the 37 real second-level units, generated localities and
// their mayoralties, district councils, central bodies, CSOs and partnerships.
#include <cstdint>
#include <vector>

#include "store/database.hpp"

namespace sp::registry {
struct DemoScale {
  int localities_per_district = 8;
  int organisations = 60;
  int partnerships = 40;
  static DemoScale programme() { return {}; }
  static DemoScale national() { return {24, 10000, 20000}; }
};
struct DemoResult {
  std::int64_t sample_organisation = 0;  // for the CSO staff demo account
  std::int64_t sample_authority = 0;     // a mayoralty partnering with it, for the authority demo account
  std::string sample_district;
  std::int64_t sample_council = 0;  // the sample district's council, for the council's demo accounts (costing standards)
  std::string second_district;      // another district (Ungheni where it is loaded) whose council buys services too
  std::int64_t second_council = 0;
  std::int64_t organisations = 0, authorities = 0, partnerships = 0;
};
// REQUIRES: the registry tables are empty. Deterministic for a given seed.
DemoResult load_demo(store::Tx& tx, const DemoScale& scale, std::uint32_t seed = 2018);
}  // namespace sp::registry
