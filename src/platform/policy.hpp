#pragma once
// The one access policy: every record-level decision of every capability, as named functions of the
// principal and plain facts about the record. Capabilities call these; no capability compares role
// names. The router has already checked the route's permission (auth/roles.cpp); these decide
// which records that permission reaches.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "common/errors.hpp"

namespace sp::policy {
using auth::Principal;

// An organisation or a public authority: whom a record belongs to, or whom a person works for.
// At most one of the two is set for a provider; an empty Party is nobody.
struct Party {
  std::optional<std::int64_t> organisation_id, authority_id;
  bool operator==(const Party&) const = default;
};

// ---- what a principal is, in the policy's words (the only place role names are read)

// Runs the programme: may correct any record (every correction audited).
bool runs_programme(const Principal& me);
// Reads every record of the programme's money and decisions (the programme's staff and auditors).
bool reads_all(const Principal& me);
// Reads the grant portfolio and schedules: reads_all, and monitors of social accountability.
bool reads_portfolio(const Principal& me);
bool is_evaluator(const Principal& me);
bool is_monitor(const Principal& me);
// Reads everything and changes nothing: the programme's auditors.
bool is_auditor(const Principal& me);
bool is_cso_staff(const Principal& me);
bool is_authority_staff(const Principal& me);
bool is_case_worker(const Principal& me);
// The same questions about an account by its role name (a user picked as staff or case worker).
bool is_case_worker_role(std::string_view role);
// Case workers and CSO staff: those who may work in a service (keep its grid, be on its staff).
bool works_in_services_role(std::string_view role);
// Opens people's files at all (on a need to know: see services::may_read_person).
bool works_with_people(const Principal& me);
// The organisation or authority the principal works for (empty for the programme's own roles).
Party party_of(const Principal& me);
// The same for any account, by its role and its links.
Party party_of(std::string_view role, std::optional<std::int64_t> organisation_id, std::optional<std::int64_t> authority_id);

// Whom a notification goes to, by what they do: the role name their accounts carry (for a lookup
// of the accounts, e.g. grants::users_with_role).
enum class Audience { ProgrammeOfficers, CsoStaff, Evaluators, AuthorityStaff };
std::string role_of(Audience who);

// ---- events for systems outside (platform/events.hpp, webhooks)

// Who may receive an event: anyone (a published purchase), the programme's readers of the portfolio
// and the parties it concerns, or only those parties (an event about a person: a referral, an
// enrolment — the programme's staff do not follow people).
enum class EventAudience { Public, Programme, Parties };
bool may_receive_event(std::string_view role, const Party& works_for, EventAudience audience, const std::vector<std::int64_t>& organisations,
                       const std::vector<std::int64_t>& authorities);
// May `me` see and change the subscription of `owner_id`? Its owner, and the administrator.
bool may_keep_webhook(const Principal& me, std::int64_t owner_id);

// ---- social services

// May `me` create or change a service provided by `provider`? A CSO changes its own services, an
// authority only the services it provides itself (never a CSO's, even as partner), the programme's
// staff correct any (audited).
bool may_manage_service(const Principal& me, const Party& provider);
// May an account of `role` working for `works_for` be on the staff of a service of `provider`?
// Only the provider's own case workers and staff (for an authority's service, that authority's).
bool may_staff_service(std::string_view role, const Party& works_for, const Party& provider);

// ---- costing of services (issue 13)

// Whose a cost model is: a service unit's (its provider's, `provider`) or a standard of a service type
// for a territory (a district's code, or "national").
struct CostOwner {
  bool standard = false;
  Party provider;
  std::string territory;
};
// The territory whose standards an authority's staff keep: its district, or "national" for a central
// body; empty for everyone else. The caller finds the authority; the policy only reads the answer.
// May `me` make, change and submit the model? A service's: who manages the service. A standard: the
// staff of the authority of its territory, or the administrator.
bool may_keep_cost_model(const Principal& me, const CostOwner& owner, std::string_view my_territory);
// May `me` approve it? The same people, never the one who submitted it (maker-checker), and for a
// service's model also the programme's officers.
std::optional<Say> cost_approval_refusal(const Principal& me, const CostOwner& owner, std::string_view my_territory,
                                         std::optional<std::int64_t> submitted_by);
// May `me` read it? Its keepers, the programme's staff and auditors; an approved standard, everyone
// who works in services (a CSO compares its actual cost with it). The public reads no model yet.
bool may_read_cost_model(const Principal& me, const CostOwner& owner, std::string_view my_territory, bool approved);
// Keeps the yearly parameter sets (minimum wage, contribution rates): the programme's staff.
bool keeps_cost_parameters(const Principal& me);

// ---- social contracting (issue 14)

// Makes and changes the needs assessments, plans and purchases of an authority, answers its
// clarifications and decides on its offers: that authority's own staff.
bool may_keep_contracting(const Principal& me, std::int64_t authority_id);
// Reads an authority's needs assessments and plans: its staff, the programme's staff, auditors and
// monitors.
bool may_read_contracting_plans(const Principal& me, std::int64_t authority_id);
// Reads a purchase: the same people in any state; once published, everyone who works in services.
bool may_read_purchase(const Principal& me, std::int64_t authority_id, bool published);
// Asks clarifications and offers: the staff of a CSO (for their organisation).
bool may_offer(const Principal& me);
// Offers are sealed: the provider's own staff read theirs at any time; the purchase's authority, the
// programme's staff and auditors only once the offer deadline passed; nobody else.
std::optional<Say> offer_read_refusal(const Principal& me, std::int64_t provider_organisation_id, std::int64_t authority_id,
                                      bool deadline_passed);

// ---- results (issue 15)

// Enters a manual indicator value (and its evidence) and submits it: the programme's staff and its
// partners' people — a CSO's staff, the monitors of the alliances.
bool may_enter_indicator_values(const Principal& me);
// Approves or returns a submitted value: the programme's staff, never the one who submitted it.
std::optional<Say> indicator_value_approval_refusal(const Principal& me, std::optional<std::int64_t> submitted_by);

// ---- monitoring visits (platform/visits.hpp)

// Records a visit to a signed grant agreement and follows up its actions: the programme's staff and its
// monitors (who may read the agreement is the grants' own rule, asked first).
std::optional<Say> agreement_visit_refusal(const Principal& me);
// Records a visit to a contract in force: the authority that bought the service (its contract manager
// checks delivery on the ground), the programme's staff and its monitors.
std::optional<Say> contract_visit_refusal(const Principal& me, std::int64_t authority_id);

// ---- personal data: responsibility follows consent

// What a person's consents in force allow about sharing: whether any allows it, and the
// organisations they name (none named: any organisation of the programme).
struct Sharing {
  bool allowed = false;
  std::set<std::int64_t> organisations;
};
// May the person's data go to `to` (a referral)? Authorities' services count as unnamed parties.
bool may_share(const Sharing& consent, const Party& to);
// May a change make `to` responsible for a person — enrol them in its service, make its case worker
// theirs, staff a service they are in, provide such a service? Only where a referral to `to` would
// be allowed: `to` is the person's own organisation (`home`), or their consent allows sharing with it.
// Returns the reason when not, nullopt when allowed.
std::optional<Say> hand_over_refusal(const Party& home, const Sharing& consent, const Party& to);

// ---- audit trail

// May `me` read the before/after of an audit row about a person? Only those who may see the person
// (decided by the caller: `may_see_person`) and the administrator; everyone else reads who, when, what.
bool may_read_person_audit_body(const Principal& me, bool may_see_person);
// The administrator (accounts, the whole audit trail).
bool is_administrator(const Principal& me);

// API tokens (decision 0030). Why `me` may not make a token for the account `owner_id` (a service
// account when `owner_is_service`): tokens are made by a person signed in — never with a token —, for
// themselves or, by the administrator, for a service account.
std::optional<Say> token_creation_refusal(const Principal& me, std::int64_t owner_id, bool owner_is_service);
// Whether `me` may see or revoke a token of `owner_id`: its owner (signed in or with that very token)
// and the administrator.
bool may_keep_token(const Principal& me, std::int64_t owner_id);
}  // namespace sp::policy
