#pragma once
// The contracting tables: thresholds, needs assessments, purchase plans, purchases, their amendments
// and clarifications. Each table's columns named once (store/entity.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/contracting/model.hpp"
#include "store/database.hpp"

namespace sp::contracting {
std::vector<Thresholds> list_thresholds(store::Tx& tx);
std::optional<Thresholds> find_thresholds(store::Tx& tx, std::int64_t id);
// The thresholds in force on a day (the latest valid_from not after it).
std::optional<Thresholds> thresholds_on(store::Tx& tx, const std::string& date);
std::int64_t insert_thresholds(store::Tx& tx, const Thresholds& t);
bool update_thresholds(store::Tx& tx, const Thresholds& t, std::int64_t version);

std::optional<Needs> find_needs(store::Tx& tx, std::int64_t id);
std::optional<std::int64_t> needs_of(store::Tx& tx, std::int64_t authority_id, int year);
std::int64_t insert_needs(store::Tx& tx, const Needs& n);
bool update_needs(store::Tx& tx, const Needs& n, std::int64_t version);
// Of one authority (0: every one), newest year first.
std::vector<Needs> list_needs(store::Tx& tx, std::int64_t authority_id);

std::optional<Plan> find_plan(store::Tx& tx, std::int64_t id);
std::optional<std::int64_t> plan_of(store::Tx& tx, std::int64_t authority_id, int year);
std::int64_t insert_plan(store::Tx& tx, const Plan& p);
bool update_plan(store::Tx& tx, const Plan& p, std::int64_t version);
std::vector<Plan> list_plans(store::Tx& tx, std::int64_t authority_id);

std::optional<Purchase> find_purchase(store::Tx& tx, std::int64_t id);
std::int64_t insert_purchase(store::Tx& tx, const Purchase& p);
bool update_purchase(store::Tx& tx, const Purchase& p, std::int64_t version);
struct PurchaseFilter {
  std::optional<std::int64_t> authority_id;
  std::optional<std::string> status, type_code;
  std::optional<int> year;
  bool published_only = false;  // what a provider sees: every state from published on
  std::optional<std::int64_t> authority_or_published;  // its authority's in any state, others once published
};
std::vector<Purchase> list_purchases(store::Tx& tx, const PurchaseFilter& f, int limit, std::int64_t before_id);
std::string next_purchase_number(store::Tx& tx, int year);

std::vector<Amendment> amendments_of(store::Tx& tx, std::int64_t purchase_id);
void insert_amendment(store::Tx& tx, const Amendment& a);

std::optional<Clarification> find_clarification(store::Tx& tx, std::int64_t id);
std::vector<Clarification> clarifications_of(store::Tx& tx, std::int64_t purchase_id);
std::int64_t insert_clarification(store::Tx& tx, const Clarification& c);
bool answer_clarification(store::Tx& tx, const Clarification& c, std::int64_t version);

std::optional<Offer> find_offer(store::Tx& tx, std::int64_t id);
// A provider's one offer to a purchase, if it made one.
std::optional<Offer> offer_of(store::Tx& tx, std::int64_t purchase_id, std::int64_t organisation_id);
std::vector<Offer> offers_of(store::Tx& tx, std::int64_t purchase_id);
std::vector<Offer> offers_by(store::Tx& tx, std::int64_t organisation_id);
std::int64_t insert_offer(store::Tx& tx, const Offer& o);
bool update_offer(store::Tx& tx, const Offer& o, std::int64_t version);

std::optional<Contract> find_contract(store::Tx& tx, std::int64_t id);
std::optional<Contract> contract_of_lot(store::Tx& tx, std::int64_t purchase_id, const std::string& lot);
std::vector<Contract> contracts_of_purchase(store::Tx& tx, std::int64_t purchase_id);
// An authority's, a provider's, or (neither given) every contract, newest first.
std::vector<Contract> list_contracts(store::Tx& tx, std::optional<std::int64_t> authority_id, std::optional<std::int64_t> organisation_id);
std::int64_t insert_contract(store::Tx& tx, const Contract& c);
bool update_contract(store::Tx& tx, const Contract& c, std::int64_t version);
std::string next_contract_number(store::Tx& tx, int year);

std::optional<MonthlyReport> find_report(store::Tx& tx, std::int64_t id);
std::vector<MonthlyReport> reports_of(store::Tx& tx, std::int64_t contract_id);
// A contract's reports' totals only (no lines), by month: what the volume and value used are counted
// from, what a home lists, and what the next month's generation learns which months changed from.
struct ReportSum {
  std::int64_t id = 0;
  std::string status;
  std::int64_t units = 0, amount_minor = 0;
  std::optional<std::int64_t> paid_minor;
  std::string month;
  std::optional<std::string> submitted_at, approved_at;
  std::optional<std::string> log_seen;  // the log's versions its lines were made from (JSON)
};
std::vector<ReportSum> report_sums(store::Tx& tx, std::int64_t contract_id);
std::int64_t insert_report(store::Tx& tx, const MonthlyReport& r);
bool update_report(store::Tx& tx, const MonthlyReport& r, std::int64_t version);

std::optional<Complaint> find_complaint(store::Tx& tx, std::int64_t id);
std::vector<Complaint> complaints_of(store::Tx& tx, std::int64_t purchase_id);
std::int64_t insert_complaint(store::Tx& tx, const Complaint& c);
bool update_complaint(store::Tx& tx, const Complaint& c, std::int64_t version);
}  // namespace sp::contracting
