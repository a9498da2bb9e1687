// Open contracting's pure builder: the CPV of a type, the
// releases of a process in time (sealed offers, the award once announced, contracts and payments)
// and the compiled release's statuses.
#include "modules/contracting/ocds.hpp"

#include <gtest/gtest.h>

namespace sp::contracting::ocds {
namespace {
namespace bj = boost::json;

TEST(Ocds, EachTypeHasASocialWorkCpv) {
  EXPECT_EQ(cpv_of("personal_assistance").first, "85312400-3");
  EXPECT_EQ(cpv_of("day_centre_children").first, "85312110-3");
  EXPECT_EQ(cpv_of("something_new").first, "85310000-5");
}

Process process(std::string now) {
  Process x;
  x.now = std::move(now);
  auto& p = x.purchase;
  p.id = 7;
  p.number = "SC-2026-002";
  p.title = "Echipă mobilă";
  p.type_code = "mobile_team";
  p.unit = "beneficiary_month";
  p.procedure = "price_quotations";
  p.lots = {{"L1", "Lotul unic", {}, {}, 100, 240}};
  p.criteria = {{"metodologie", "Metodologia", 60}};
  p.price_weight = 40;
  p.starts_on = "2026-05-01";
  p.ends_on = "2026-12-31";
  p.ceiling_minor = 388'502;
  p.estimated_minor = 388'502 * 240;
  p.published_at = "2026-03-01T09:00:00Z";
  p.clarification_deadline = "2026-03-10T13:00:00Z";
  p.offer_deadline = "2026-04-17T13:00:00Z";
  p.status = "published";
  x.buyer = {3, "Consiliul Raional Cahul", "1007601000017", "Cahul", std::nullopt};
  x.type_name = "Echipă mobilă";
  x.unit_name = "beneficiar-lună";
  x.procedure_name = "Cererea ofertelor de prețuri";
  return x;
}
Publication pub() { return {"ocds-spmd01", "https://socialpact.md", "socialpact", "2026-12-03T10:00:00Z"}; }

std::vector<std::string> tags(const bj::array& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs) out.emplace_back(r.as_object().at("tag").as_array()[0].as_string());
  return out;
}

TEST(Ocds, BeforeTheDeadlineOnlyTheTender) {
  auto x = process("2026-04-01T10:00:00Z");
  auto rs = releases(x, pub());
  EXPECT_EQ(tags(rs), std::vector<std::string>{"planning"});
  const auto& r = rs[0].as_object();
  EXPECT_EQ(r.at("ocid").as_string(), "ocds-spmd01-SC-2026-002");
  EXPECT_EQ(r.at("buyer").as_object().at("id").as_string(), "MD-IDNO-1007601000017");
  EXPECT_FALSE(r.at("tender").as_object().contains("tenderers"));
  EXPECT_EQ(r.at("parties").as_array().size(), 1u);
}

TEST(Ocds, TheCycleInTimeAndTheCompiledRelease) {
  auto x = process("2026-12-03T10:00:00Z");
  auto& p = x.purchase;
  p.status = "signed";
  p.awarded_at = "2026-04-20T10:00:00Z";
  p.announced_at = "2026-04-20T11:00:00Z";
  p.standstill_until = "2026-04-26T21:00:00Z";
  for (std::int64_t org : {11, 12}) {
    x.providers[org] = {org, "AO " + std::to_string(org), "10036000000" + std::to_string(org), "Cahul", std::nullopt};
    x.tenderers.push_back(org);
  }
  x.awarded.push_back({"L1", 101, 12, 350'000, 5'500, 4'000, 9'500, 1});
  Contract c;
  c.id = 5;
  c.number = "CS-2026-001";
  c.lot = "L1";
  c.organisation_id = 12;
  c.unit_price_minor = 350'000;
  c.max_volume = 240;
  c.starts_on = "2026-05-01";
  c.ends_on = "2026-12-31";
  c.status = "signed";
  c.signed_on = "2026-04-28";
  c.amendments = R"([{"number":1,"summary":"Volum mărit","changes":{},"created_at":"2026-09-01T08:00:00Z"}])";
  x.contracts.push_back(c);
  MonthlyReport m;
  m.id = 9;
  m.contract_id = 5;
  m.month = "2026-05";
  m.status = "paid";
  m.amount_minor = 7'000'000;
  m.paid_on = "2026-06-10";
  x.paid[5] = {m};

  auto rs = releases(x, pub());
  EXPECT_EQ(tags(rs), (std::vector<std::string>{"planning", "tenderUpdate", "award", "contract", "implementation", "contractAmendment"}));
  auto compiled = compiled_release(x, pub());
  EXPECT_EQ(compiled.at("tender").as_object().at("status").as_string(), "complete");
  EXPECT_EQ(compiled.at("tender").as_object().at("numberOfTenderers").as_int64(), 2);
  EXPECT_EQ(compiled.at("awards").as_array()[0].as_object().at("status").as_string(), "active");
  const auto& k = compiled.at("contracts").as_array()[0].as_object();
  EXPECT_EQ(k.at("status").as_string(), "active");
  EXPECT_EQ(k.at("implementation").as_object().at("transactions").as_array().size(), 1u);
  EXPECT_EQ(compiled.at("date").as_string(), "2026-09-01T08:00:00Z");
  auto out = serialize_exact(record_package({x}, pub(), "https://socialpact.md/api/v1/open-contracting/7/record", std::nullopt));
  EXPECT_NE(out.find(R"("value":{"amount":70000,"currency":"MDL"})"), std::string::npos);
  EXPECT_NE(out.find(R"("roles":["payee","supplier","tenderer"])"), std::string::npos);
  EXPECT_EQ(out.find("\\u0001"), std::string::npos);

  // During the standstill the award is pending.
  auto during = process("2026-04-22T10:00:00Z");
  during.purchase.status = "standstill";
  during.purchase.announced_at = p.announced_at;
  during.purchase.standstill_until = p.standstill_until;
  during.providers = x.providers;
  during.awarded = x.awarded;
  EXPECT_EQ(compiled_release(during, pub()).at("awards").as_array()[0].as_object().at("status").as_string(), "pending");
}
}  // namespace
}  // namespace sp::contracting::ocds
