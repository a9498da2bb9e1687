#include "modules/grants/rules.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace sp::grants {
namespace {
namespace bj = boost::json;

std::vector<std::string> fields(const std::vector<FieldError>& e) {
  std::vector<std::string> f;
  for (const auto& x : e) f.push_back(x.field + ":" + x.code);
  return f;
}

bj::object call_body() {
  return bj::parse(R"({
    "code": "2021-SS", "title": {"ro": "Servicii sociale comunitare"}, "description": {"ro": "Apel pentru ONG-uri"},
    "kind": "service_grant", "currency": "EUR", "envelope_minor": 10000000, "min_grant_minor": 1000000,
    "max_grant_minor": 3000000, "min_applicant_share_bp": 500, "min_authority_share_bp": 1000,
    "opens_at": "2021-03-01T09:00", "closes_at": "2021-04-15T17:00", "period_months": 6,
    "required_documents": [{"code": "statute", "name": {"ro": "Statutul"}}],
    "lots": [{"code": "create", "name": {"ro": "Creare"}, "envelope_minor": 6000000}, {"code": "develop", "name": {"ro": "Dezvoltare"}}],
    "criteria": [{"code": "relevance", "name": {"ro": "Relevanța"}, "max_score": 30, "threshold": 15},
                 {"code": "budget", "name": {"ro": "Bugetul"}, "max_score": 20}]
  })").as_object();
}

Call good_call() {
  auto o = call_body();
  Validator v(o);
  auto c = read_call(o, v);
  EXPECT_TRUE(v.ok()) << (v.errors().empty() ? "" : v.errors()[0].field);
  c.status = "published";
  return c;
}

Application good_application(const Call& c) {
  Application a;
  a.title = "Centru de zi";
  a.summary = "Un centru de zi pentru copii";
  a.lot = "create";
  a.district = "MD-CA";
  a.starts_on = "2021-06-01";
  a.duration_months = 12;
  a.partner_authority_id = 7;
  a.target_groups = {{"children_at_risk", 40}};
  a.workplan = {{1, "Amenajare", ""}, {2, "Servicii", ""}};
  a.budget = {{"staff", "Asistenți sociali", 1, 1500000, 1200000, 100000, 200000},
              {"equipment", "Mobilier", 2, 500000, 300000, 50000, 150000}};
  recompute_totals(a);
  a.confirmed_authority_minor = a.authority_minor;
  (void)c;
  return a;
}

Applicant good_applicant() { return {"public_association", "active", "MD-CA", {"statute"}, true}; }
}  // namespace

TEST(GrantCalls, ReadsAValidCallAndConvertsChisinauTimeToUtc) {
  auto c = good_call();
  EXPECT_EQ(c.closes_at, "2021-04-15T14:00:00Z");  // EEST, UTC+3
  EXPECT_EQ(c.opens_at, "2021-03-01T07:00:00Z");   // EET, UTC+2
  EXPECT_EQ(c.max_total_score(), 50);
  EXPECT_EQ(effective_status(c, "2021-04-15T13:59:59Z"), "published");
  EXPECT_EQ(effective_status(c, "2021-04-15T14:00:00Z"), "closed");
}

TEST(GrantCalls, ReportsEveryWrongFieldAtOnce) {
  auto o = call_body();
  o["code"] = "2021 ss";
  o["max_grant_minor"] = 500;  // below the minimum
  o["closes_at"] = "2021-02-01T10:00";
  o["min_applicant_share_bp"] = 9500;
  o["criteria"].as_array()[0].as_object()["threshold"] = 40;
  o["lots"].as_array()[0].as_object()["envelope_minor"] = 20000000;
  o["title"] = bj::object{{"ru", "x"}};
  Validator v(o);
  read_call(o, v);
  auto f = fields(v.errors());
  for (const char* want : {"code:invalid_code", "max_grant_minor:below_min", "closes_at:date_order",
                           "min_authority_share_bp:too_large", "criteria[0].threshold:above_max", "lots:above_envelope",
                           "title.ro:required"})
    EXPECT_NE(std::find(f.begin(), f.end(), want), f.end()) << want;
}

TEST(GrantCalls, LifecycleTransitions) {
  auto c = good_call();
  c.status = "draft";
  EXPECT_FALSE(transition_error(c, "published", "2021-03-01T00:00:00Z"));
  EXPECT_TRUE(transition_error(c, "published", "2021-05-01T00:00:00Z"));  // deadline passed
  c.status = "published";
  EXPECT_TRUE(transition_error(c, "under_evaluation", "2021-04-01T00:00:00Z"));
  EXPECT_FALSE(transition_error(c, "under_evaluation", "2021-04-16T00:00:00Z"));
  EXPECT_TRUE(transition_error(c, "decided", "2021-04-16T00:00:00Z"));
  c.status = "draft";
  c.criteria.clear();
  EXPECT_TRUE(transition_error(c, "published", "2021-03-01T00:00:00Z"));
}

TEST(GrantApplications, AGoodApplicationPassesEveryCheck) {
  auto c = good_call();
  auto a = good_application(c);
  EXPECT_EQ(fields(check_application(c, a, good_applicant(), "2021-04-01T00:00:00Z")), std::vector<std::string>{});
}

TEST(GrantApplications, EachBrokenRuleIsNamed) {
  auto c = good_call();
  auto a = good_application(c);
  a.budget[1].total_minor += 1;  // does not add up
  a.budget.push_back({"travel", "Deplasări", 3, 0, 0, 0, 0});  // period 3 of a 2-period project
  a.lot.reset();
  recompute_totals(a);
  auto who = good_applicant();
  who.document_kinds.clear();
  who.legal_form = "foundation";
  c.eligible_legal_forms = {"public_association"};
  auto f = fields(check_application(c, a, who, "2021-04-01T00:00:00Z"));
  for (const char* want : {"budget[1].total_minor:does_not_add_up", "budget[2].period:no_such_period", "lot:required",
                           "documents.statute:missing", "organisation:not_eligible_legal_form"})
    EXPECT_NE(std::find(f.begin(), f.end(), want), f.end()) << want;
}

TEST(GrantApplications, GrantLimitsCoFinancingConfirmationAndDeadline) {
  auto c = good_call();
  auto a = good_application(c);
  a.budget[0].grant_minor = 5000000;
  a.budget[0].total_minor = 5000000 + 100000 + 200000;
  recompute_totals(a);  // authority total unchanged, so the confirmation still holds
  auto f = fields(check_application(c, a, good_applicant(), "2021-04-01T00:00:00Z"));
  EXPECT_NE(std::find(f.begin(), f.end(), "grant_minor:above_max"), f.end());
  EXPECT_NE(std::find(f.begin(), f.end(), "applicant_minor:cofinancing_below_rule"), f.end());
  EXPECT_NE(std::find(f.begin(), f.end(), "authority_minor:cofinancing_below_rule"), f.end());

  a = good_application(c);
  a.budget[0].authority_minor += 1000;
  a.budget[0].total_minor += 1000;
  recompute_totals(a);
  f = fields(check_application(c, a, good_applicant(), "2021-04-01T00:00:00Z"));
  EXPECT_EQ(f, std::vector<std::string>{"confirmation:confirmation_outdated"});

  a = good_application(c);
  f = fields(check_application(c, a, good_applicant(), "2021-04-15T14:00:00Z"));
  EXPECT_EQ(f, std::vector<std::string>{"call:deadline_passed"});
}

// The mechanism is the platform's (tests/unit/platform/evaluation_test.cpp); grants give it the
// call's criteria, thresholds and score gap.
TEST(GrantEvaluation, TheCallsCriteriaAndGapScoreItsApplications) {
  auto c = good_call();
  c.score_gap = 10;
  auto k = scoring(c);
  ASSERT_EQ(k.size(), 2u);
  EXPECT_EQ(k[0].code, "relevance");
  EXPECT_EQ(k[0].max_score, 30);
  EXPECT_EQ(k[0].threshold, 15);
  Evaluation e1, e2;
  e1.scores = {{"relevance", 14, ""}, {"budget", 20, ""}};
  e2.scores = {{"relevance", 30, ""}, {"budget", 20, ""}};
  e1.total = 34;
  e2.total = 50;
  auto g = aggregate(c, {e1, e2}, std::nullopt);
  EXPECT_TRUE(g.needs_consensus);  // 16 points apart, the call's gap 10
  EXPECT_EQ(g.criterion_avg["relevance"], 2200);
}

TEST(GrantAwards, EnvelopeOfCallAndLot) {
  auto c = good_call();
  EXPECT_FALSE(envelope_error(c, "develop", 3000000, 7000000, 0));
  EXPECT_TRUE(envelope_error(c, "develop", 3000001, 7000000, 0));
  EXPECT_TRUE(envelope_error(c, "create", 2000000, 4000000, 4500000));  // lot "create" has 6,000,000
}

TEST(GrantAgreements, TranchesAddUpToTheGrantExactly) {
  auto o = bj::parse(R"({"tranches": [{"share_bp": 3333}, {"share_bp": 3333}, {"share_bp": 3334}]})").as_object();
  Validator v(o);
  auto t = read_tranches(o, v, 1000001);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(t[0].condition, "signature");
  EXPECT_EQ(t[1].condition, "report_approved");
  EXPECT_EQ(t[0].amount_minor + t[1].amount_minor + t[2].amount_minor, 1000001);
  auto bad = bj::parse(R"({"tranches": [{"share_bp": 5000, "condition": "report_approved"}, {"share_bp": 4000}]})").as_object();
  Validator v2(bad);
  read_tranches(bad, v2, 100);
  EXPECT_EQ(fields(v2.errors()), std::vector<std::string>{"tranches[0].condition:first_on_signature"});
  auto d = default_tranches(1000000, 3);
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].share_bp + d[1].share_bp + d[2].share_bp, 10000);
  EXPECT_EQ(d[0].amount_minor + d[1].amount_minor + d[2].amount_minor, 1000000);
}

TEST(GrantReports, VarianceAndReallocation) {
  EXPECT_FALSE(variance_needs_justification(1000, 1100));
  EXPECT_TRUE(variance_needs_justification(1000, 1101));
  EXPECT_TRUE(variance_needs_justification(1000, 899));
  EXPECT_TRUE(variance_needs_justification(0, 1));
  EXPECT_FALSE(variance_needs_justification(0, 0));
  EXPECT_EQ(reallocation_share_bp({5000, 5000}, {4500, 5500}), 500);
  EXPECT_EQ(reallocation_share_bp({5000, 5000}, {3000, 7000}), 2000);
}

TEST(GrantAgreements, BudgetScaledToASmallerAwardToTheCent) {
  Application a;
  a.budget = {{"staff", "Asistenți", 1, 0, 1200000, 0, 0}, {"equipment", "Mobilier", 2, 0, 300001, 10, 5}};
  recompute_totals(a);
  auto lines = agreement_lines(a, 1000000);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].grant_minor + lines[1].grant_minor, 1000000);
  EXPECT_EQ(lines[1].cofinancing_minor, 15);
  EXPECT_EQ(lines[0].position, 1);
  // The full award keeps every line as asked.
  auto full = agreement_lines(a, a.grant_minor);
  EXPECT_EQ(full[0].grant_minor, 1200000);
  EXPECT_EQ(full[1].grant_minor, 300001);
}

TEST(GrantAgreements, OneReportPerPeriodDueThirtyDaysAfter) {
  auto r = report_schedule("2027-01-01", 12, 6);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].period_to, "2027-06-30");
  EXPECT_EQ(r[0].due_on, "2027-07-30");
  EXPECT_FALSE(r[0].final);
  EXPECT_EQ(r[1].period_from, "2027-07-01");
  EXPECT_EQ(r[1].due_on, "2028-01-30");
  EXPECT_TRUE(r[1].final);
  // A shorter last period ends with the project.
  auto s = report_schedule("2027-03-15", 8, 6);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].period_to, "2027-11-14");
  EXPECT_TRUE(report_schedule("nope", 8, 6).empty());
}

TEST(GrantAgreements, TrancheOnlyWhenItsConditionIsMet) {
  Agreement g;
  Tranche first{1, 1, 1, 4000, 400, "signature", {}, {}, {}, {}};
  Tranche second{2, 1, 2, 6000, 600, "report_approved", {}, {}, {}, {}};
  EXPECT_TRUE(tranche_error(g, first, std::nullopt));  // not signed
  g.status = "signed";
  EXPECT_FALSE(tranche_error(g, first, std::nullopt));
  EXPECT_TRUE(tranche_error(g, second, std::string("submitted")));
  EXPECT_TRUE(tranche_error(g, second, std::nullopt));
  EXPECT_FALSE(tranche_error(g, second, std::string("approved")));
  first.paid_on = "2027-01-05";
  EXPECT_TRUE(tranche_error(g, first, std::nullopt));  // never twice
}

TEST(GrantReports, SubmissionWantsEveryLineAndJustifiedVariance) {
  std::vector<AgreementLine> lines = {{11, 1, "staff", "Asistenți", 1, 1000, 0}, {12, 2, "travel", "Deplasări", 1, 500, 0},
                                      {13, 3, "equipment", "Mobilier", 2, 900, 0}};
  Report r;
  r.number = 1;
  auto covered = lines_of_report(lines, r);
  ASSERT_EQ(covered.size(), 2u);
  r.final = true;
  EXPECT_EQ(lines_of_report(lines, r).size(), 3u);  // the final report takes the later periods too
  r.final = false;
  auto o = bj::parse(R"({"lines": [{"line_id": 11, "spent_minor": 1200}, {"line_id": 13, "spent_minor": 1}]})").as_object();
  Validator v(o);
  read_report(v, r, covered, true);
  EXPECT_EQ(fields(v.errors()), (std::vector<std::string>{"narrative.activities:required", "lines[1].line_id:not_in_period"}));
  auto ok = bj::parse(R"({"narrative": {"activities": "Servicii zilnice pentru 25 de copii."},
                          "lines": [{"line_id": 11, "spent_minor": 1200}, {"line_id": 12, "spent_minor": 500}]})").as_object();
  Validator v2(ok);
  Report r2;
  read_report(v2, r2, covered, true);
  EXPECT_EQ(fields(v2.errors()), std::vector<std::string>{"lines[0].justification:variance_unjustified"});
  EXPECT_EQ(r2.spent_minor, 1700);
  auto partial = bj::parse(R"({"lines": [{"line_id": 12, "spent_minor": 500}]})").as_object();
  Validator v3(partial);
  Report r3;
  r3.activities = "Saved earlier";
  read_report(v3, r3, covered, true);
  EXPECT_EQ(fields(v3.errors()), std::vector<std::string>{"lines:missing_line"});
}
}  // namespace sp::grants
