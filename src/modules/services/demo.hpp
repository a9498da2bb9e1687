#pragma once
// Demo social services and the people they serve: a service for each demo grant agreement (in its
// grantee's district, funded by it), three services of the demo CSO staffed by the demo case worker,
// about 1,000 people with consents, assessments, plans, enrolments, waiting lists and three years of
// deliveries, about 100 of them deinstitutionalised with their follow-ups, and a few referrals.
// Every name, IDNP and story is fictitious. The national scale is the benchmark's: 3,000 services,
// 200,000 people and about 20 million delivery records.
#include <cstdint>

#include "common/vault.hpp"
#include "platform/module.hpp"
#include "store/database.hpp"

namespace sp::services {
struct DemoAccounts {
  std::int64_t sample_organisation = 0;  // the demo CSO: its services are staffed by the case worker
  std::int64_t sample_authority = 0;
  std::int64_t case_worker = 0;
  std::int64_t cso_staff = 0;
};
struct DemoScale {
  int services = 0;            // at least this many services (more come from the grant agreements)
  int people = 1000;           // about this many people served over three years
  int deinstitutionalised = 100;
  bool details = true;         // assessments, plans and activities for everyone (off at national scale)
  int max_stay_months = 18;    // of those who have left their service
  static DemoScale programme() { return {}; }
  static DemoScale national() { return {3000, 200000, 20000, false, 7}; }
};
struct ServicesDemoResult {
  std::int64_t services = 0, people = 0, pathways = 0, deliveries = 0, referrals = 0;
};
// REQUIRES: the registry and grant demo loaded; no services or people yet. Deterministic per seed
// (except the random nonces of sealed identities).
ServicesDemoResult load_demo(store::Tx& tx, const Vault& vault, const DemoAccounts& who, const DemoScale& scale,
                             std::uint32_t seed = 2019);
// The demo as the product loads it (platform/module.hpp): the case worker and CSO staff from the demo
// accounts, the sample organisation and authority from the registry's demo.
boost::json::object load_demo(platform::DemoContext& d);
}  // namespace sp::services
