#pragma once
// Demo grant programme: calls that mirror the real ones (a 2018 call with about 30 awarded grants
// for community services, a 2021 call with four lots and a media/visibility call), the current
// phase with agreements in progress, a call under evaluation and an open one. Every applicant,
// score and amount is fictitious.
#include <cstdint>
#include <vector>

#include "platform/module.hpp"
#include "store/database.hpp"

namespace sp::grants {
struct DemoPeople {
  std::int64_t officer = 0;
  std::int64_t monitor = 0;    // records the monitoring visits
  std::int64_t cso_staff = 0;  // the sample organisation's account: submits its reports
  std::vector<std::int64_t> evaluators;  // at least three
  std::int64_t sample_organisation = 0;  // the CSO demo account's organisation: it gets a running grant
  std::int64_t sample_authority = 0;     // its partner authority
};
struct GrantsDemoResult {
  int calls = 0, applications = 0, evaluations = 0, agreements = 0;
};
// factor 1: the programme's real size (about 110 applications, 60 agreements); 5.5: the benchmark's
// ten-times programme (about 600 applications, 1,800 evaluations, 300 agreements).
GrantsDemoResult load_demo(store::Tx& tx, const DemoPeople& people, double factor = 1.0, std::uint32_t seed = 2021);
// The demo as the product loads it (platform/module.hpp): the officer and evaluators from the demo
// accounts, the sample organisation and authority from the registry's demo.
boost::json::object load_demo(platform::DemoContext& d);
}  // namespace sp::grants
