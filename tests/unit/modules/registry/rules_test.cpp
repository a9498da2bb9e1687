#include "modules/registry/rules.hpp"

#include <gtest/gtest.h>

using namespace sp;
using namespace sp::registry;

namespace {
std::vector<std::string> fields_of(Validator& v) {
  std::vector<std::string> out;
  for (const auto& e : v.errors()) out.push_back(e.field);
  return out;
}
auth::Principal who(std::string role, std::optional<std::int64_t> org = {}, std::optional<std::int64_t> authority = {}) {
  auth::Principal p;
  p.role = std::move(role);
  p.organisation_id = org;
  p.authority_id = authority;
  return p;
}
}  // namespace

TEST(Organisation, ValidBodyReadsEveryField) {
  auto o = parse_object(R"({"name":" Asociația „Speranța” ","legal_form":"foundation","idno":"1008600038413",
    "district":"MD-CA","fields":["social_services","social_services"],"target_groups":["roma"],"phone":"+373 22 123456"})");
  Validator v(o);
  auto org = read_organisation(o, v);
  EXPECT_TRUE(v.ok()) << (v.errors().empty() ? "" : v.errors()[0].field);
  EXPECT_EQ(org.name, "Asociația „Speranța”");
  EXPECT_EQ(org.fields, std::vector<std::string>{"social_services"});  // duplicates collapse
  EXPECT_EQ(org.status, "active");
}

TEST(Organisation, EveryBadFieldIsReported) {
  auto o = parse_object(R"J({"legal_form":"llc","idno":"1008600038412","email":"a@b","website":"javascript:alert(1)",
    "phone":"12","registered_on":"2019-02-29","target_groups":["x"]})J");
  Validator v(o);
  read_organisation(o, v);
  EXPECT_EQ(fields_of(v), (std::vector<std::string>{"name", "legal_form", "idno", "registered_on", "district", "email",
                                                   "phone", "website", "target_groups"}));
}

TEST(Authority, CentralBodiesHaveNoUnitAndLocalOnesNeedOne) {
  auto a = parse_object(R"({"name":"Ministerul X","kind":"ministry","unit_code":"MD-CA"})");
  Validator v(a);
  EXPECT_EQ(read_authority(a, v).level, "central");
  EXPECT_EQ(fields_of(v), std::vector<std::string>{"unit_code"});
  auto b = parse_object(R"({"name":"Primăria","kind":"village_mayoralty"})");
  Validator w(b);
  EXPECT_EQ(read_authority(b, w).level, "local");
  EXPECT_EQ(fields_of(w), std::vector<std::string>{"unit_code"});
}

TEST(Partnership, NeedsACsoAndAnAuthorityWithoutDuplicates) {
  auto p = parse_object(R"({"title":"T","starts_on":"2024-01-01","ends_on":"2023-12-31",
    "parties":[{"organisation_id":1,"role":"lead"},{"organisation_id":1,"role":"partner"}]})");
  Validator v(p);
  read_partnership(p, v);
  EXPECT_EQ(fields_of(v), (std::vector<std::string>{"ends_on", "parties[1].organisation_id", "parties"}));
}

TEST(Partnership, MoneyIsWholeMinorUnitsInMdlOrEur) {
  auto p = parse_object(R"({"title":"T","starts_on":"2024-01-01","parties":[
    {"organisation_id":1,"role":"lead","contribution":{"amount_minor":12.5,"currency":"MDL"}},
    {"authority_id":2,"role":"co_financer","contribution":{"amount_minor":100,"currency":"USD"}},
    {"authority_id":3,"organisation_id":4,"role":"partner"}]})");
  Validator v(p);
  auto r = read_partnership(p, v);
  EXPECT_EQ(fields_of(v), (std::vector<std::string>{"parties[0].contribution.amount_minor", "parties[1].contribution.currency",
                                                   "parties[2].organisation_id"}));
}

TEST(Partnership, TotalsPerCurrency) {
  Partnership p;
  p.parties.push_back({1, std::nullopt, "", "lead", {150, "MDL"}, "cash"});
  p.parties.push_back({std::nullopt, 2, "", "co_financer", {250, "MDL"}, "cash"});
  p.parties.push_back({std::nullopt, 3, "", "co_financer", {7, "EUR"}, "cash"});
  auto j = to_json(p);
  const auto& t = j["co_financing_total"].as_array();
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].at("currency"), "EUR");
  EXPECT_EQ(t[0].at("amount_minor"), 7);
  EXPECT_EQ(t[1].at("amount_minor"), 400);
}

TEST(Scope, CsoStaffEditOnlyTheirOwnOrganisation) {
  EXPECT_TRUE(may_edit_organisation(who("officer"), 5));
  EXPECT_TRUE(may_edit_organisation(who("cso_staff", 5), 5));
  EXPECT_FALSE(may_edit_organisation(who("cso_staff", 5), 6));
  EXPECT_FALSE(may_edit_organisation(who("lpa_staff", std::nullopt, 5), 5));
  EXPECT_FALSE(may_create_organisation(who("cso_staff", 5)));
  EXPECT_TRUE(may_edit_authority(who("lpa_staff", std::nullopt, 9), 9));
  EXPECT_FALSE(may_edit_authority(who("lpa_staff", std::nullopt, 9), 8));
}

TEST(Scope, PartnershipsAreEditedByTheirParties) {
  std::vector<Party> parties = {{5, std::nullopt, "", "lead", {}, "cash"}, {std::nullopt, 9, "", "partner", {}, "cash"}};
  EXPECT_TRUE(may_edit_partnership(who("cso_staff", 5), parties));
  EXPECT_TRUE(may_edit_partnership(who("lpa_staff", std::nullopt, 9), parties));
  EXPECT_FALSE(may_edit_partnership(who("cso_staff", 6), parties));
  EXPECT_FALSE(may_edit_partnership(who("lpa_staff", 5, 8), parties));
  EXPECT_TRUE(may_edit_partnership(who("admin"), parties));
}

TEST(Merge, PatchReplacesOnlyTheFieldsGiven) {
  auto base = parse_object(R"({"a":1,"b":"x","c":[1]})");
  auto m = merge(base, parse_object(R"({"b":"y","d":null})"));
  EXPECT_EQ(m.at("a"), 1);
  EXPECT_EQ(m.at("b"), "y");
  EXPECT_TRUE(m.at("d").is_null());
}
