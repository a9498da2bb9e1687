#pragma once
// What is done in social contracting (issue 14): the thresholds of the procedures, an authority's
// needs assessment and purchase plan of a year, and its purchases — drafted, their cost approved
// against an approved standard (the ceiling), published, clarified, amended, cancelled.
#include <cstdint>
#include <optional>
#include <string>

#include "common/json.hpp"
#include "platform/context.hpp"
#include "platform/write.hpp"
#include "reports/xlsx.hpp"

namespace sp::contracting {
using platform::Caller;
using platform::Written;

Written thresholds_list(App& app);
// New thresholds from a day (the programme's staff): the law changed.
Written thresholds_create(App& app, const Caller& c, const json::object& body);

// Needs: the caller's authority's (an authority's staff), or one authority's, or all (the programme).
Written needs_list(App& app, const auth::Principal& me, std::optional<std::int64_t> authority_id);
Written needs_get(App& app, const auth::Principal& me, std::int64_t id);
Written needs_create(App& app, const Caller& c, const json::object& body);
Written needs_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);

Written plans_list(App& app, const auth::Principal& me, std::optional<std::int64_t> authority_id);
Written plan_get(App& app, const auth::Principal& me, std::int64_t id);
Written plan_create(App& app, const Caller& c, const json::object& body);
Written plan_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);

struct PurchaseQuery {
  std::optional<std::int64_t> authority_id;
  std::optional<std::string> status, type_code;
  std::optional<int> year;
  std::int64_t before = 0;
  int limit = 50;
};
Written purchases_list(App& app, const auth::Principal& me, const PurchaseQuery& q);
Written purchase_get(App& app, const auth::Principal& me, std::int64_t id);
Written purchase_create(App& app, const Caller& c, const json::object& body);
// A draft's fields; a change of what the ceiling rests on (type, unit, year, allowances, co-payment)
// returns a purchase whose cost was approved to a draft.
Written purchase_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
// The approved standard of the type for the authority's district (else the country) and year fixes
// the unit cost, the ceiling and the estimated value, hence the procedure. Refused without one.
Written purchase_approve_cost(App& app, const Caller& c, std::int64_t id, std::int64_t version);
Written purchase_publish(App& app, const Caller& c, std::int64_t id, std::int64_t version);
Written purchase_cancel(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
// A numbered amendment of a published purchase before its offer deadline; one that changes what an
// offer must contain moves the offer deadline to at least five days after it.
Written purchase_amend(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);

Written clarifications_list(App& app, const auth::Principal& me, std::int64_t purchase_id);
Written clarification_ask(App& app, const Caller& c, std::int64_t purchase_id, const json::object& body);
Written clarification_answer(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);

// ---- offers (offer_operations.cpp)
// A provider's own offers (their purchases' numbers and states).
Written my_offers(App& app, const auth::Principal& me);
// A purchase's offers: a provider its own; the authority only after the offer deadline (sealed
// before it: 403), each opening audited.
Written offers_list(App& app, const Caller& c, std::int64_t purchase_id);
Written offer_get(App& app, const Caller& c, std::int64_t id);
// A provider accredited for the type on the offer deadline starts its one offer (a draft).
Written offer_create(App& app, const Caller& c, std::int64_t purchase_id, const json::object& body);
Written offer_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
// Submitted: no price above the ceiling; an abnormally low price justified. Until the deadline.
Written offer_submit(App& app, const Caller& c, std::int64_t id, std::int64_t version);
Written offer_withdraw(App& app, const Caller& c, std::int64_t id, std::int64_t version);

// ---- evaluation and award
// The committee: two or more of the authority's staff, before the evaluation starts.
Written purchase_committee_get(App& app, const auth::Principal& me, std::int64_t id);
Written purchase_committee(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
// After the offer deadline: every member evaluates every submitted offer (the platform's evaluation).
Written purchase_open(App& app, const Caller& c, std::int64_t id, std::int64_t version);
Written offer_evaluations_list(App& app, const auth::Principal& me, std::int64_t purchase_id);
Written offer_evaluation_get(App& app, const auth::Principal& me, std::int64_t id);
Written offer_evaluation_declare(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written offer_evaluation_score(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
// The committee accepts or refuses the justification of an abnormally low price (refused: out).
Written offer_justification(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
// Where the members differ by more than the purchase's gap, the committee's agreed quality score.
Written offer_consensus(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
// Per lot: quality + price, ranked with the stated tie-break; what still stands in the way of an award.
Written purchase_ranking(App& app, const auth::Principal& me, std::int64_t id);
// The first of each lot awarded; the ranking frozen.
Written purchase_award(App& app, const Caller& c, std::int64_t id, std::int64_t version);
// Each provider told its result; the standstill runs its days.
Written purchase_announce(App& app, const Caller& c, std::int64_t id, std::int64_t version);
// A provider that offered complains during the standstill: the award is suspended until decided.
Written complaint_lodge(App& app, const Caller& c, std::int64_t purchase_id, const json::object& body);
// Upheld: the award is annulled and the evaluation resumes; rejected: the award stands.
Written complaint_decide(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);

// ---- contracts and the monthly cycle (contract_operations.cpp)
Written contracts_list(App& app, const auth::Principal& me);
Written contract_get(App& app, const auth::Principal& me, std::int64_t id);
// The contract of an awarded lot, after the standstill and with no complaint open; its services are
// the awarded provider's of the type.
Written contract_create(App& app, const Caller& c, std::int64_t purchase_id, const json::object& body);
// The contract for signing, as a PDF in Romanian.
reports::Spreadsheet contract_pdf(App& app, const auth::Principal& me, std::int64_t id);
// The signed copy attached to a signed contract by the authority (a document of owner "contract").
Written contract_document_add(App& app, const Caller& c, std::int64_t id, std::string_view file, std::string_view filename);
// The contract's documents' rules (who reads and archives them), registered with the routes.
void register_contract_documents();
// A document the purchase asks for, attached to an offer by its provider until the deadline (sealed with it).
Written offer_document_add(App& app, const Caller& c, std::int64_t id, const std::string& kind, std::string_view file, std::string_view filename);
void register_offer_documents();
// Monitoring visits to a contract (the platform's, platform/visits.hpp).
Written contract_visit_add(App& app, const Caller& c, std::int64_t id, const json::object& body);
void register_contract_visits();
Written contract_sign(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
// A numbered amendment of a signed contract: volumes, unit price, end date (never below what is reported).
Written contract_amend(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
// A renewal after a written review of the contract's performance (its KPIs kept beside the review).
Written contract_renew(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written contract_end(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
// A month's report generated from the delivery records, with the corrections of approved months.
Written report_create(App& app, const Caller& c, std::int64_t contract_id, const json::object& body);
// What the month's report would be now, generated from the log and not kept (either party).
Written report_preview(App& app, const auth::Principal& me, std::int64_t contract_id, const std::string& month);
Written report_get(App& app, const auth::Principal& me, std::int64_t id);
Written report_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
// Refused beyond the maximum volume, with what is left; warns the authority at 80% and 100%.
Written report_submit(App& app, const Caller& c, std::int64_t id, std::int64_t version);
Written report_approve(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written report_return(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
// Only an approved report is paid.
Written report_pay(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);

// ---- open contracting (ocds_operations.cpp): public, published processes only, as OCDS 1.1.5 JSON
// A process's releases (a release package); 404 for a purchase never published.
std::string open_contracting_releases(App& app, std::int64_t purchase_id);
// Its record: the releases and the compiled release (a record package).
std::string open_contracting_record(App& app, std::int64_t purchase_id);
// Every published process, newest first, as a record package with the next page's link.
std::string open_contracting_feed(App& app, std::int64_t before, int limit);
}  // namespace sp::contracting
