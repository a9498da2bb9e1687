// Social contracting's pure rules: the unit a standard prices, the ceiling, the procedure by the
// thresholds at their edges, the states in time, which amendments touch an offer, the price score
// and the abnormally low price, and a purchase's weights.
#include "modules/contracting/rules.hpp"

#include <gtest/gtest.h>

namespace sp::contracting {
namespace {
namespace bj = boost::json;

TEST(ContractingRules, AStandardPricesEachUnitButTheVisit) {
  StandardFigures s{1'200'000, 250'000, 12'000, 9'000};
  EXPECT_EQ(unit_cost(s, "beneficiary_month"), 250'000);
  EXPECT_EQ(unit_cost(s, "day"), 12'000);
  EXPECT_EQ(unit_cost(s, "hour"), 9'000);
  EXPECT_EQ(unit_cost(s, "place_month"), 100'000);
  EXPECT_EQ(unit_cost({1'000'006, {}, {}, {}}, "place_month"), 83'334);  // 83,333.83 rounded half up
  EXPECT_FALSE(unit_cost(s, "visit"));
  EXPECT_FALSE(unit_cost({}, "hour"));
  EXPECT_EQ(ceiling(9'000, 500, 1'000), 7'500);
  EXPECT_EQ(ceiling(9'000, 9'500, 0), 0);
}

TEST(ContractingRules, TheProcedureFollowsTheThresholdsAtTheirEdges) {
  Thresholds t;
  t.low_value_max_minor = 40'000'000;
  t.open_from_minor = 80'000'000;
  EXPECT_EQ(procedure_for(40'000'000, t), "low_value");
  EXPECT_EQ(procedure_for(40'000'001, t), "price_quotations");
  EXPECT_EQ(procedure_for(79'999'999, t), "price_quotations");
  EXPECT_EQ(procedure_for(80'000'000, t), "open");
}

TEST(ContractingRules, APublishedPurchaseMovesThroughItsStatesInTime) {
  Purchase p;
  p.status = "published";
  p.clarification_deadline = "2026-12-10T10:00:00Z";
  p.offer_deadline = "2026-12-20T10:00:00Z";
  EXPECT_EQ(effective_status(p, "2026-12-09T10:00:00Z"), "published");
  EXPECT_EQ(effective_status(p, "2026-12-10T10:00:00Z"), "clarifications");
  EXPECT_EQ(effective_status(p, "2026-12-20T10:00:00Z"), "evaluation");
  p.status = "cancelled";
  EXPECT_EQ(effective_status(p, "2026-12-21T10:00:00Z"), "cancelled");
}

TEST(ContractingRules, OnlyChangesOfWhatAnOfferContainsExtendTheDeadline) {
  Purchase a;
  a.unit = "hour";
  a.lots = {{"nord", "Nord", std::nullopt, std::nullopt, 10, 20}};
  a.criteria = {{"m", "Metodologie", 60}};
  auto b = a;
  b.title = "Alt titlu";
  b.description = "Altă descriere";
  EXPECT_FALSE(changes_offer_content(a, b));
  b.lots[0].max_volume = 30;
  EXPECT_TRUE(changes_offer_content(a, b));
  b = a;
  b.criteria[0].weight = 50;
  EXPECT_TRUE(changes_offer_content(a, b));
  b = a;
  b.documents.push_back({"cv", "CV"});
  EXPECT_TRUE(changes_offer_content(a, b));
}

TEST(ContractingRules, ThePriceScoreAndTheAbnormallyLowPrice) {
  EXPECT_EQ(price_score(40, 8'000, 8'000), 4'000);   // the lowest gets the whole weight
  EXPECT_EQ(price_score(40, 8'000, 10'000), 3'200);  // 40 × 8 ÷ 10
  EXPECT_EQ(price_score(40, 8'000, 9'000), 3'556);   // 35.555… rounded half up
  EXPECT_EQ(price_score(40, 8'000, 0), 0);
  EXPECT_FALSE(abnormally_low(8'500, 10'000));  // exactly 15% below: not more than 15%
  EXPECT_TRUE(abnormally_low(8'499, 10'000));
}

TEST(ContractingRules, AQualityCriterionAndThePriceWeighOneHundredTogether) {
  auto o = bj::parse(R"({"title": "Asistență personală", "year": 2026, "type_code": "personal_assistance", "unit": "hour",
    "lots": [{"code": "nord", "name": "Nord", "min_volume": 30, "max_volume": 20}, {"code": "nord", "name": "Alt", "min_volume": 1, "max_volume": 2}],
    "criteria": [{"code": "m", "name": "Metodologie", "weight": 50}], "price_weight": 40,
    "starts_on": "2027-01-01", "ends_on": "2026-12-31", "offer_deadline": "ieri"})").as_object();
  Validator v(o);
  Purchase p;
  read_purchase(v, p, Need::Required);
  std::vector<std::string> got;
  for (const auto& e : v.errors()) got.push_back(e.field + ":" + e.code);
  EXPECT_EQ(got, (std::vector<std::string>{"ends_on:date_order", "offer_deadline:invalid_datetime", "lots[0].min_volume:above_max",
                                           "lots[1].code:duplicate", "criteria:weights_not_100"}));
  EXPECT_EQ(p.max_volume(), 22);
  auto e = publish_errors(p, "2026-11-20T10:00:00Z");
  EXPECT_FALSE(e.empty());
}
TEST(ContractingRules, AnOfferAboveTheCeilingOrUnjustifiedlyLowIsNotSubmitted) {
  Purchase p;
  p.ceiling_minor = 10'000;
  p.criteria = {{"m", "Metodologie", 60}};
  p.lots = {{"nord", "Nord", std::nullopt, std::nullopt, 1, 10}};
  Offer o;
  o.lots = {{"nord", 10'001, false}};
  o.staff = "Doi asistenți";
  o.quality = {{"m", "Plan individual"}};
  std::vector<std::string> got;
  for (const auto& e : offer_errors(o, p)) got.push_back(e.field + ":" + e.code);
  EXPECT_EQ(got, std::vector<std::string>{"lots[0].unit_price_minor:above_ceiling"});
  o.lots[0].unit_price_minor = 8'000;
  mark_abnormally_low(o, 10'000);
  EXPECT_TRUE(o.lots[0].abnormally_low);
  got.clear();
  for (const auto& e : offer_errors(o, p)) got.push_back(e.field + ":" + e.code);
  EXPECT_EQ(got, std::vector<std::string>{"justification:abnormally_low"});
  o.justification = "Voluntari instruiți acoperă o parte din ore.";
  EXPECT_TRUE(offer_errors(o, p).empty());
}

TEST(ContractingRules, OffersRankPerLotByQualityAndPrice) {
  // Lot nord: A (quality 52, dearer) against B (quality 30, the lowest price); C is out; D has no score yet.
  std::vector<OfferStanding> s = {{1, 11, "2026-12-01T10:00:00Z", 5200, 2700, false, {{"nord", 10'000, false}, {"sud", 9'000, false}}},
                                  {2, 12, "2026-12-01T09:00:00Z", 3000, 1500, false, {{"nord", 8'000, true}}},
                                  {3, 13, "2026-12-01T08:00:00Z", 6000, 3000, true, {{"nord", 5'000, true}}},
                                  {4, 14, "2026-12-01T07:00:00Z", std::nullopt, 0, false, {{"nord", 7'000, false}}}};
  auto r = rank_offers(s, 40);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].lot, "nord");
  EXPECT_EQ(r[0].offer_id, 1);
  EXPECT_EQ(r[0].price, 3'200);  // 40 × 8,000 ÷ 10,000
  EXPECT_EQ(r[0].total, 8'400);
  EXPECT_EQ(r[1].offer_id, 2);
  EXPECT_EQ(r[1].total, 7'000);
  EXPECT_EQ(r[1].rank, 2);
  EXPECT_EQ(r[2].lot, "sud");
  EXPECT_EQ(r[2].price, 4'000);  // alone in its lot: the lowest
  EXPECT_EQ(r[2].rank, 1);
}
TEST(ContractingRules, AMonthsUnitsInTheContractsUnit) {
  EXPECT_EQ(contract_units("hour", "hour", 37, 9), 37);                   // the type's own unit
  EXPECT_EQ(contract_units("beneficiary_month", "visit", 6, 4), 1);       // any delivery: one month
  EXPECT_EQ(contract_units("beneficiary_month", "visit", 0, 0), 0);
  EXPECT_EQ(contract_units("day", "visit", 6, 4), 4);                     // days with a delivery
  EXPECT_EQ(volume_level(79, 100), "ok");
  EXPECT_EQ(volume_level(80, 100), "warning");
  EXPECT_EQ(volume_level(100, 100), "full");
}

TEST(ContractingRules, ClaimsAreCheckedAgainstTheLog) {
  std::vector<Recorded> log = {{1, "P-AAAAAA", 3, 3, 0}, {2, "P-BBBBBB", 0, 0, 5}};
  std::vector<ReportLine> claims(3);
  claims[0].person_code = "P-AAAAAA";
  claims[0].units = 4;
  claims[1].person_code = "P-BBBBBB";
  claims[1].units = 1;
  claims[2].person_code = "P-CCCCCC";
  claims[2].units = 1;
  std::vector<std::string> got;
  for (const auto& e : claim_errors(claims, log)) got.push_back(e.field + ":" + e.code);
  EXPECT_EQ(got, (std::vector<std::string>{"lines[0].units:above_records", "lines[1].person_code:no_delivery_record",
                                           "lines[2].person_code:no_delivery_record"}));
}

TEST(ContractingRules, AnApprovedMonthIsCorrectedByWhatTheLogHoldsNow) {
  // Approved: A 1 (paid), B 1 (refused), C 1 (paid); a correction since: C -1.
  auto line = [](const char* code, std::int64_t units, bool refused, std::optional<std::string> corrects = std::nullopt) {
    ReportLine l;
    l.person_code = code;
    l.units = units;
    l.recorded = corrects ? 0 : units;
    l.refused = refused;
    l.corrects = corrects;
    return l;
  };
  std::vector<ReportLine> approved = {line("P-A", 1, false), line("P-B", 1, true), line("P-C", 1, false), line("P-C", -1, false, "2026-10")};
  // Now: A gone from the log, B gone too (refused: nothing to take back), C still gone, D recorded late.
  std::vector<Recorded> now = {{4, "P-D", 1, 1, 0}};
  auto c = corrections_for("2026-10", approved, now, 5'000);
  std::vector<std::string> got;
  for (const auto& l : c) got.push_back(l.person_code + ":" + std::to_string(l.units) + ":" + std::to_string(l.amount_minor) + ":" + l.corrects.value_or(""));
  EXPECT_EQ(got, (std::vector<std::string>{"P-A:-1:-5000:2026-10", "P-D:1:5000:2026-10"}));
}
TEST(ContractingRules, OnlyTheMonthsWhoseLogChangedSinceTheirLastApprovalAreReadAgain) {
  using Versions = std::map<std::string, std::map<std::int64_t, std::int64_t>>;
  auto seen = [](std::vector<std::int64_t> services, Versions months) { return LogSeen{std::move(services), std::move(months)}; };
  std::vector<Approval> approvals = {
      {"2026-08-07T10:00:00Z", 1, seen({7, 8}, {{"2026-07", {{7, 1}, {8, 1}}}})},
      {"2026-09-07T10:00:00Z", 2, seen({7, 8}, {{"2026-07", {{7, 1}, {8, 1}}}, {"2026-08", {{7, 2}}}})},
      // September's report saw August at an older version, but was approved last: it decides.
      {"2026-10-09T10:00:00Z", 3, seen({7, 8}, {{"2026-08", {{7, 1}}}, {"2026-09", {{7, 1}}}})},
      {"2026-11-07T10:00:00Z", 4, seen({8, 7}, {{"2026-10", {}}})},
  };
  const std::vector<std::string> months = {"2026-06", "2026-07", "2026-08", "2026-09", "2026-10"};
  Versions now = {{"2026-07", {{7, 1}, {8, 1}}}, {"2026-08", {{7, 2}}}, {"2026-09", {{7, 1}}}};
  // June: no approval kept what it saw; August: the last approval saw version 1, now 2.
  EXPECT_EQ(months_to_reread(months, approvals, {8, 7}, now), (std::set<std::string>{"2026-06", "2026-08"}));
  // A month saved since (October, never saved when approved) and a service added to the contract.
  now["2026-10"][8] = 1;
  EXPECT_EQ(months_to_reread(months, approvals, {7, 8}, now), (std::set<std::string>{"2026-06", "2026-08", "2026-10"}));
  EXPECT_EQ(months_to_reread(months, approvals, {7, 8, 9}, now).size(), 5U);
  // What a report saw reads back as written.
  auto back = log_seen_of(to_json(approvals[1].seen));
  EXPECT_EQ(back.services, approvals[1].seen.services);
  EXPECT_EQ(back.months, approvals[1].seen.months);
}
}  // namespace
}  // namespace sp::contracting
