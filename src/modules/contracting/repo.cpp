#include "modules/contracting/repo.hpp"

#include <boost/json.hpp>


#include "modules/contracting/rules.hpp"
#include "store/entity.hpp"
#include "store/json_list.hpp"
#include "store/query.hpp"

namespace sp::contracting {
namespace {
namespace bj = boost::json;
using store::col;

using store::json_list;

const store::Entity<Thresholds>& thresholds() {
  using T = Thresholds;
  static const store::Entity<T> e{
      "contracting_thresholds",
      {{store::key(&T::id), col("valid_from", &T::valid_from), col("low_value_max_minor", &T::low_value_max_minor),
        col("open_from_minor", &T::open_from_minor), col("standstill_days", &T::standstill_days), col("note", &T::note)},
       store::stamps(&T::version, &T::created_at, &T::updated_at)}};
  return e;
}

const store::Entity<Needs>& needs() {
  using N = Needs;
  static const store::Entity<N> e{
      "needs_assessments",
      {{store::key(&N::id), col("authority_id", &N::authority_id), col("year", &N::year), json_list("lines", &N::lines, need_lines_of),
        col("note", &N::note), col("created_by", &N::created_by)},
       store::stamps(&N::version, &N::created_at, &N::updated_at)}};
  return e;
}

const store::Entity<Plan>& plans() {
  using P = Plan;
  static const store::Entity<P> e{
      "purchase_plans",
      {{store::key(&P::id), col("authority_id", &P::authority_id), col("year", &P::year), col("budget_line", &P::budget_line),
        col("budget_minor", &P::budget_minor), json_list("items", &P::items, plan_items_of), col("created_by", &P::created_by)},
       store::stamps(&P::version, &P::created_at, &P::updated_at)}};
  return e;
}

const store::Entity<Purchase>& purchases() {
  using P = Purchase;
  static const store::Entity<P> e{
      "purchases",
      {{store::key(&P::id), col("number", &P::number), col("authority_id", &P::authority_id), col("year", &P::year), col("title", &P::title),
        col("description", &P::description), col("type_code", &P::type_code), col("unit", &P::unit), col("route", &P::route),
        col("procedure", &P::procedure), col("allowances_minor", &P::allowances_minor), col("copayment_minor", &P::copayment_minor),
        json_list("lots", &P::lots, lots_of), json_list("criteria", &P::criteria, criteria_of), col("price_weight", &P::price_weight),
        json_list("documents", &P::documents, documents_of), col("starts_on", &P::starts_on), col("ends_on", &P::ends_on),
        col("clarification_deadline", &P::clarification_deadline), col("offer_deadline", &P::offer_deadline),
        col("standstill_days", &P::standstill_days), col("standard_id", &P::standard_id), col("standard_number", &P::standard_number),
        col("standard_territory", &P::standard_territory), col("standard_unit_cost_minor", &P::standard_unit_cost_minor),
        col("ceiling_minor", &P::ceiling_minor), col("estimated_minor", &P::estimated_minor), col("status", &P::status),
        col("published_at", &P::published_at), col("cancel_reason", &P::cancel_reason), col("cancelled_at", &P::cancelled_at),
        col("amendments", &P::amendments), store::codes("committee", &P::committee), col("score_gap", &P::score_gap),
        col("ranking", &P::ranking), col("awarded_at", &P::awarded_at), col("announced_at", &P::announced_at),
        col("standstill_until", &P::standstill_until), col("created_by", &P::created_by)},
       store::stamps(&P::version, &P::created_at, &P::updated_at)}};
  return e;
}

const store::Entity<Amendment>& amendments() {
  using A = Amendment;
  static const store::Entity<A> e{
      "purchase_amendments",
      {{store::key(&A::id), col("purchase_id", &A::purchase_id), col("number", &A::number), col("summary", &A::summary),
        col("changes", &A::changes), col("offer_content", &A::offer_content), col("offer_deadline_before", &A::offer_deadline_before),
        col("offer_deadline_after", &A::offer_deadline_after), col("created_by", &A::created_by), col("created_at", &A::created_at)}}};
  return e;
}

const store::Entity<Clarification>& clarifications() {
  using C = Clarification;
  static const store::Entity<C> e{
      "clarifications",
      {{store::key(&C::id), col("purchase_id", &C::purchase_id), col("organisation_id", &C::organisation_id), col("asked_by", &C::asked_by),
        col("question", &C::question), col("answer", &C::answer), col("answered_by", &C::answered_by), col("asked_at", &C::asked_at),
        col("answered_at", &C::answered_at)},
       {store::version(&C::version)}}};
  return e;
}

const store::Entity<Offer>& offers() {
  using O = Offer;
  static const store::Entity<O> e{
      "offers",
      {{store::key(&O::id), col("purchase_id", &O::purchase_id), col("organisation_id", &O::organisation_id),
        json_list("lots", &O::lots, offer_lots_of), json_list("quality", &O::quality, proposals_of), col("staff", &O::staff),
        col("capacity", &O::capacity), col("justification", &O::justification),
        store::custom<O>(
            "justification_accepted",
            [](O& x, const store::Cursor& c, int i) {
              if (!c.is_null(i)) x.justification_accepted = c.i64(i) != 0;
            },
            [](const O& x) -> store::Param { return x.justification_accepted ? store::Param{std::int64_t{*x.justification_accepted}} : store::Param{}; }),
        col("justification_note", &O::justification_note), col("consensus_score", &O::consensus_score),
        col("consensus_reason", &O::consensus_reason), col("status", &O::status), col("submitted_at", &O::submitted_at),
        col("withdrawn_at", &O::withdrawn_at), col("created_by", &O::created_by)},
       store::stamps(&O::version, &O::created_at, &O::updated_at)}};
  return e;
}

const store::Entity<Complaint>& complaints() {
  using C = Complaint;
  static const store::Entity<C> e{
      "complaints",
      {{store::key(&C::id), col("purchase_id", &C::purchase_id), col("organisation_id", &C::organisation_id), col("text", &C::text),
        col("status", &C::status), col("decision", &C::decision), col("lodged_by", &C::lodged_by), col("lodged_at", &C::lodged_at),
        col("decided_by", &C::decided_by), col("decided_at", &C::decided_at)},
       {store::version(&C::version)}}};
  return e;
}

const store::Entity<Contract>& contracts() {
  using C = Contract;
  static const store::Entity<C> e{
      "contracts",
      {{store::key(&C::id), col("number", &C::number), col("purchase_id", &C::purchase_id), col("offer_id", &C::offer_id),
        col("authority_id", &C::authority_id), col("organisation_id", &C::organisation_id), col("lot", &C::lot), col("type_code", &C::type_code),
        col("unit", &C::unit), store::codes("services", &C::services), col("unit_price_minor", &C::unit_price_minor),
        col("min_volume", &C::min_volume), col("max_volume", &C::max_volume), col("starts_on", &C::starts_on), col("ends_on", &C::ends_on),
        col("indexation", &C::indexation), json_list("kpis", &C::kpis, kpis_of), col("sanctions", &C::sanctions), col("status", &C::status),
        col("signed_on", &C::signed_on), col("ended_on", &C::ended_on), col("end_reason", &C::end_reason), col("amendments", &C::amendments),
        col("created_by", &C::created_by)},
       store::stamps(&C::version, &C::created_at, &C::updated_at)}};
  return e;
}

const store::Entity<MonthlyReport>& reports() {
  using R = MonthlyReport;
  static const store::Entity<R> e{
      "contract_reports",
      {{store::key(&R::id), col("contract_id", &R::contract_id), col("month", &R::month), col("status", &R::status),
        json_list("lines", &R::lines, report_lines_of), col("units", &R::units), col("amount_minor", &R::amount_minor),
        col("invoice_number", &R::invoice_number), col("submitted_by", &R::submitted_by), col("submitted_at", &R::submitted_at),
        col("verified_by", &R::verified_by), col("approved_at", &R::approved_at), col("returned_reason", &R::returned_reason),
        col("paid_on", &R::paid_on), col("payment_ref", &R::payment_ref), col("paid_minor", &R::paid_minor), col("log_seen", &R::log_seen)},
       store::stamps(&R::version, &R::created_at, &R::updated_at)}};
  return e;
}

}  // namespace

std::vector<Thresholds> list_thresholds(store::Tx& tx) { return thresholds().all(tx, "ORDER BY valid_from DESC", {}); }
std::optional<Thresholds> find_thresholds(store::Tx& tx, std::int64_t id) { return thresholds().find(tx, id); }
std::optional<Thresholds> thresholds_on(store::Tx& tx, const std::string& date) {
  auto v = thresholds().all(tx, "WHERE valid_from <= $1 ORDER BY valid_from DESC LIMIT 1", {date});
  if (v.empty()) return std::nullopt;
  return v.front();
}
std::int64_t insert_thresholds(store::Tx& tx, const Thresholds& t) { return thresholds().insert(tx, t); }
bool update_thresholds(store::Tx& tx, const Thresholds& t, std::int64_t version) { return thresholds().update(tx, t.id, t, version); }

std::optional<Needs> find_needs(store::Tx& tx, std::int64_t id) { return needs().find(tx, id); }
std::optional<std::int64_t> needs_of(store::Tx& tx, std::int64_t authority_id, int year) {
  return tx.scalar("SELECT id FROM needs_assessments WHERE authority_id = $1 AND year = $2", {authority_id, year});
}
std::int64_t insert_needs(store::Tx& tx, const Needs& n) { return needs().insert(tx, n); }
bool update_needs(store::Tx& tx, const Needs& n, std::int64_t version) { return needs().update(tx, n.id, n, version); }
std::vector<Needs> list_needs(store::Tx& tx, std::int64_t authority_id) {
  return needs().all(tx, "WHERE (CAST($1 AS BIGINT) = 0 OR authority_id = CAST($1 AS BIGINT)) ORDER BY year DESC, id DESC LIMIT 200",
             {authority_id});
}

std::optional<Plan> find_plan(store::Tx& tx, std::int64_t id) { return plans().find(tx, id); }
std::optional<std::int64_t> plan_of(store::Tx& tx, std::int64_t authority_id, int year) {
  return tx.scalar("SELECT id FROM purchase_plans WHERE authority_id = $1 AND year = $2", {authority_id, year});
}
std::int64_t insert_plan(store::Tx& tx, const Plan& p) { return plans().insert(tx, p); }
bool update_plan(store::Tx& tx, const Plan& p, std::int64_t version) { return plans().update(tx, p.id, p, version); }
std::vector<Plan> list_plans(store::Tx& tx, std::int64_t authority_id) {
  return plans().all(tx, "WHERE (CAST($1 AS BIGINT) = 0 OR authority_id = CAST($1 AS BIGINT)) ORDER BY year DESC, id DESC LIMIT 200",
             {authority_id});
}

std::optional<Purchase> find_purchase(store::Tx& tx, std::int64_t id) { return purchases().find(tx, id); }
std::int64_t insert_purchase(store::Tx& tx, const Purchase& p) { return purchases().insert(tx, p); }
bool update_purchase(store::Tx& tx, const Purchase& p, std::int64_t version) { return purchases().update(tx, p.id, p, version); }

std::vector<Purchase> list_purchases(store::Tx& tx, const PurchaseFilter& f, int limit, std::int64_t before_id) {
  store::Where w;
  if (f.authority_id) w.add("authority_id = ?", {*f.authority_id});
  if (f.status) w.add("status = ?", {*f.status});
  if (f.type_code) w.add("type_code = ?", {*f.type_code});
  if (f.year) w.add("year = ?", {std::int64_t{*f.year}});
  if (f.published_only) w.add("status NOT IN ('draft', 'cost_approved')", {});
  if (f.authority_or_published) w.add("(authority_id = ? OR status NOT IN ('draft', 'cost_approved'))", {*f.authority_or_published});
  if (before_id) w.add("id < ?", {before_id});
  return purchases().all(tx, w.sql() + " ORDER BY id DESC LIMIT " + std::to_string(limit), w.params());
}

std::string next_purchase_number(store::Tx& tx, int year) {
  auto prefix = "SC-" + std::to_string(year) + "-";
  auto n = tx.scalar("SELECT COUNT(*) FROM purchases WHERE number LIKE $1", {prefix + "%"}).value_or(0);
  auto digits = std::to_string(n + 1);
  return prefix + std::string(digits.size() < 3 ? 3 - digits.size() : 0, '0') + digits;
}

std::vector<Amendment> amendments_of(store::Tx& tx, std::int64_t purchase_id) {
  return amendments().all(tx, "WHERE purchase_id = $1 ORDER BY number", {purchase_id});
}
void insert_amendment(store::Tx& tx, const Amendment& a) { amendments().insert(tx, a); }

std::optional<Clarification> find_clarification(store::Tx& tx, std::int64_t id) { return clarifications().find(tx, id); }
std::vector<Clarification> clarifications_of(store::Tx& tx, std::int64_t purchase_id) {
  return clarifications().all(tx, "WHERE purchase_id = $1 ORDER BY id", {purchase_id});
}
std::int64_t insert_clarification(store::Tx& tx, const Clarification& c) { return clarifications().insert(tx, c); }
bool answer_clarification(store::Tx& tx, const Clarification& c, std::int64_t version) { return clarifications().update(tx, c.id, c, version); }

std::optional<Offer> find_offer(store::Tx& tx, std::int64_t id) { return offers().find(tx, id); }
std::optional<Offer> offer_of(store::Tx& tx, std::int64_t purchase_id, std::int64_t organisation_id) {
  auto v = offers().all(tx, "WHERE purchase_id = $1 AND organisation_id = $2", {purchase_id, organisation_id});
  if (v.empty()) return std::nullopt;
  return v.front();
}
std::vector<Offer> offers_of(store::Tx& tx, std::int64_t purchase_id) {
  return offers().all(tx, "WHERE purchase_id = $1 ORDER BY id", {purchase_id});
}
std::int64_t insert_offer(store::Tx& tx, const Offer& o) { return offers().insert(tx, o); }
bool update_offer(store::Tx& tx, const Offer& o, std::int64_t version) { return offers().update(tx, o.id, o, version); }
std::vector<Offer> offers_by(store::Tx& tx, std::int64_t organisation_id) {
  return offers().all(tx, "WHERE organisation_id = $1 ORDER BY id DESC LIMIT 200", {organisation_id});
}

std::optional<Contract> find_contract(store::Tx& tx, std::int64_t id) { return contracts().find(tx, id); }
std::optional<Contract> contract_of_lot(store::Tx& tx, std::int64_t purchase_id, const std::string& lot) {
  auto v = contracts().all(tx, "WHERE purchase_id = $1 AND lot = $2", {purchase_id, lot});
  if (v.empty()) return std::nullopt;
  return v.front();
}
std::vector<Contract> contracts_of_purchase(store::Tx& tx, std::int64_t purchase_id) {
  return contracts().all(tx, "WHERE purchase_id = $1 ORDER BY lot", {purchase_id});
}
std::vector<Contract> list_contracts(store::Tx& tx, std::optional<std::int64_t> authority_id, std::optional<std::int64_t> organisation_id) {
  store::Where w;
  if (authority_id) w.add("authority_id = ?", {*authority_id});
  if (organisation_id) w.add("organisation_id = ?", {*organisation_id});
  return contracts().all(tx, w.sql() + " ORDER BY id DESC LIMIT 200", w.params());
}
std::int64_t insert_contract(store::Tx& tx, const Contract& c) { return contracts().insert(tx, c); }
bool update_contract(store::Tx& tx, const Contract& c, std::int64_t version) { return contracts().update(tx, c.id, c, version); }
std::string next_contract_number(store::Tx& tx, int year) {
  auto prefix = "CS-" + std::to_string(year) + "-";
  auto n = tx.scalar("SELECT COUNT(*) FROM contracts WHERE number LIKE $1", {prefix + "%"}).value_or(0);
  auto digits = std::to_string(n + 1);
  return prefix + std::string(digits.size() < 3 ? 3 - digits.size() : 0, '0') + digits;
}

std::optional<MonthlyReport> find_report(store::Tx& tx, std::int64_t id) { return reports().find(tx, id); }
std::vector<MonthlyReport> reports_of(store::Tx& tx, std::int64_t contract_id) {
  return reports().all(tx, "WHERE contract_id = $1 ORDER BY month", {contract_id});
}
std::vector<ReportSum> report_sums(store::Tx& tx, std::int64_t contract_id) {
  std::vector<ReportSum> out;
  auto c = tx.query("SELECT id, status, units, amount_minor, paid_minor, month, submitted_at, approved_at, log_seen FROM contract_reports "
                    "WHERE contract_id = $1 ORDER BY month",
                    {contract_id});
  while (c->next())
    out.push_back({c->i64(0), c->str(1), c->i64(2), c->i64(3), c->opt_i64(4), c->str(5), c->opt_str(6), c->opt_str(7), c->opt_str(8)});
  return out;
}
std::int64_t insert_report(store::Tx& tx, const MonthlyReport& r) { return reports().insert(tx, r); }
bool update_report(store::Tx& tx, const MonthlyReport& r, std::int64_t version) { return reports().update(tx, r.id, r, version); }

std::optional<Complaint> find_complaint(store::Tx& tx, std::int64_t id) { return complaints().find(tx, id); }
std::vector<Complaint> complaints_of(store::Tx& tx, std::int64_t purchase_id) {
  return complaints().all(tx, "WHERE purchase_id = $1 ORDER BY id", {purchase_id});
}
std::int64_t insert_complaint(store::Tx& tx, const Complaint& c) { return complaints().insert(tx, c); }
bool update_complaint(store::Tx& tx, const Complaint& c, std::int64_t version) { return complaints().update(tx, c.id, c, version); }
}  // namespace sp::contracting
