#include "platform/policy.hpp"

#include <gtest/gtest.h>

namespace sp::policy {
namespace {

Principal as(std::string role, std::optional<std::int64_t> org = {}, std::optional<std::int64_t> authority = {}) {
  Principal p;
  p.role = std::move(role);
  p.organisation_id = org;
  p.authority_id = authority;
  return p;
}

TEST(Policy, ACsoManagesOnlyItsOwnServicesAnAuthorityOnlyThoseItProvidesItself) {
  Party cso_a{1, std::nullopt}, cso_b{2, std::nullopt}, lpa{std::nullopt, 7};
  EXPECT_TRUE(may_manage_service(as("cso_staff", 1), cso_a));
  EXPECT_FALSE(may_manage_service(as("cso_staff", 1), cso_b));
  EXPECT_TRUE(may_manage_service(as("lpa_staff", {}, 7), lpa));
  EXPECT_FALSE(may_manage_service(as("lpa_staff", {}, 7), cso_a));  // not a CSO's, even as its partner
  EXPECT_FALSE(may_manage_service(as("lpa_staff", {}, 8), lpa));
  EXPECT_TRUE(may_manage_service(as("officer"), cso_b));  // a correction, audited
  EXPECT_FALSE(may_manage_service(as("monitor"), cso_a));
  EXPECT_FALSE(may_manage_service(as("case_worker", 1), cso_a));
}

TEST(Policy, AServiceIsStaffedOnlyByItsProvidersPeople) {
  Party cso_a{1, std::nullopt}, lpa{std::nullopt, 7};
  EXPECT_TRUE(may_staff_service("case_worker", {1, std::nullopt}, cso_a));
  EXPECT_TRUE(may_staff_service("cso_staff", {1, std::nullopt}, cso_a));
  EXPECT_FALSE(may_staff_service("case_worker", {2, std::nullopt}, cso_a));
  EXPECT_FALSE(may_staff_service("officer", {}, cso_a));
  EXPECT_TRUE(may_staff_service("case_worker", {std::nullopt, 7}, lpa));
  EXPECT_FALSE(may_staff_service("case_worker", {1, std::nullopt}, lpa));  // a CSO's case worker in an authority's service
}

TEST(Policy, ResponsibilityFollowsConsent) {
  Party home{1, std::nullopt}, other{2, std::nullopt}, third{3, std::nullopt}, lpa{std::nullopt, 7};
  Sharing none, any{true, {}}, only_other{true, {2}};
  EXPECT_FALSE(hand_over_refusal(home, none, home));  // the own organisation needs no sharing consent
  EXPECT_TRUE(hand_over_refusal(home, none, other));
  EXPECT_TRUE(hand_over_refusal(home, none, lpa));
  EXPECT_FALSE(hand_over_refusal(home, any, other));
  EXPECT_FALSE(hand_over_refusal(home, any, lpa));
  EXPECT_FALSE(hand_over_refusal(home, only_other, other));
  EXPECT_TRUE(hand_over_refusal(home, only_other, third));
  EXPECT_TRUE(hand_over_refusal(home, only_other, lpa));  // a consent that names organisations names no authority
}

TEST(Policy, VisitsAreRecordedByThoseWhoMonitorTheRecord) {
  EXPECT_FALSE(agreement_visit_refusal(as("officer")));
  EXPECT_FALSE(agreement_visit_refusal(as("monitor")));
  EXPECT_EQ(agreement_visit_refusal(as("lpa_staff", {}, 7))->code, "visits_by_monitors");
  EXPECT_TRUE(agreement_visit_refusal(as("cso_staff", 1)));
  EXPECT_TRUE(agreement_visit_refusal(as("auditor")));  // reads everything, records nothing
  // A contract: the authority that bought the service too, not another authority, not the provider.
  EXPECT_FALSE(contract_visit_refusal(as("lpa_staff", {}, 7), 7));
  EXPECT_EQ(contract_visit_refusal(as("lpa_staff", {}, 8), 7)->code, "contract_visits_by_authority");
  EXPECT_TRUE(contract_visit_refusal(as("cso_staff", 1), 7));
  EXPECT_FALSE(contract_visit_refusal(as("monitor"), 7));
  EXPECT_FALSE(contract_visit_refusal(as("admin"), 7));
}

TEST(Policy, IndicatorValuesAreEnteredByPartnersAndApprovedByAnotherOfTheProgrammesStaff) {
  EXPECT_TRUE(may_enter_indicator_values(as("cso_staff", 1)));
  EXPECT_TRUE(may_enter_indicator_values(as("monitor")));
  EXPECT_FALSE(may_enter_indicator_values(as("auditor")));
  EXPECT_FALSE(may_enter_indicator_values(as("case_worker", 1)));
  auto officer = as("officer");
  officer.user_id = 7;
  EXPECT_FALSE(indicator_value_approval_refusal(officer, 8));
  EXPECT_EQ(indicator_value_approval_refusal(officer, 7)->code, "maker_checker");
  EXPECT_EQ(indicator_value_approval_refusal(as("monitor"), 8)->code, "values_approved_by_programme");
}

TEST(Policy, RolesAreNamedHereOnly) {
  EXPECT_TRUE(runs_programme(as("admin")));
  EXPECT_TRUE(runs_programme(as("officer")));
  EXPECT_FALSE(runs_programme(as("auditor")));
  EXPECT_TRUE(reads_all(as("auditor")));
  EXPECT_FALSE(reads_all(as("monitor")));
  EXPECT_TRUE(reads_portfolio(as("monitor")));
  EXPECT_TRUE(works_with_people(as("case_worker")));
  EXPECT_TRUE(works_with_people(as("cso_staff", 1)));
  EXPECT_FALSE(works_with_people(as("officer")));
  EXPECT_EQ(party_of(as("lpa_staff", 1, 7)), (Party{std::nullopt, 7}));
  EXPECT_EQ(party_of(as("case_worker", std::nullopt, 7)), (Party{std::nullopt, 7}));
  EXPECT_EQ(party_of(as("officer", 1, 7)), Party{});
}
}  // namespace
}  // namespace sp::policy
