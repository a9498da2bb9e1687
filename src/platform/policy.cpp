#include "platform/policy.hpp"

#include <algorithm>

namespace sp::policy {
namespace {
bool role_is(const Principal& me, std::string_view role) { return me.role == role; }
}  // namespace

bool is_administrator(const Principal& me) { return role_is(me, "admin"); }

std::optional<Say> token_creation_refusal(const Principal& me, std::int64_t owner_id, bool owner_is_service) {
  if (me.token_id) return say("token_by_token", "Tokens are made by a person signed in, not with another token");
  if (owner_id == me.user_id) return std::nullopt;
  if (!is_administrator(me)) return say("token_not_yours", "Only the administrator makes tokens for another account");
  if (!owner_is_service) return say("token_for_person", "A person makes their own tokens; the administrator makes them for service accounts");
  return std::nullopt;
}

bool may_receive_event(std::string_view role, const Party& works_for, EventAudience audience, const std::vector<std::int64_t>& organisations,
                       const std::vector<std::int64_t>& authorities) {
  if (audience == EventAudience::Public) return true;
  if (audience == EventAudience::Programme && (role == "admin" || role == "officer" || role == "auditor" || role == "monitor")) return true;
  auto among = [](const std::optional<std::int64_t>& id, const std::vector<std::int64_t>& list) {
    return id && std::find(list.begin(), list.end(), *id) != list.end();
  };
  if (role == "cso_staff") return among(works_for.organisation_id, organisations);
  if (role == "lpa_staff") return among(works_for.authority_id, authorities);
  return false;
}
bool may_keep_webhook(const Principal& me, std::int64_t owner_id) { return owner_id == me.user_id || is_administrator(me); }
bool may_keep_token(const Principal& me, std::int64_t owner_id) { return owner_id == me.user_id || is_administrator(me); }
bool runs_programme(const Principal& me) { return role_is(me, "admin") || role_is(me, "officer"); }
bool reads_all(const Principal& me) { return runs_programme(me) || role_is(me, "auditor"); }
bool reads_portfolio(const Principal& me) { return reads_all(me) || role_is(me, "monitor"); }
bool is_evaluator(const Principal& me) { return role_is(me, "evaluator"); }
bool is_monitor(const Principal& me) { return role_is(me, "monitor"); }
bool is_auditor(const Principal& me) { return role_is(me, "auditor"); }
bool is_cso_staff(const Principal& me) { return role_is(me, "cso_staff"); }
bool is_authority_staff(const Principal& me) { return role_is(me, "lpa_staff"); }
bool is_case_worker(const Principal& me) { return role_is(me, "case_worker"); }
bool is_case_worker_role(std::string_view role) { return role == "case_worker"; }
bool works_in_services_role(std::string_view role) { return role == "case_worker" || role == "cso_staff"; }
bool works_with_people(const Principal& me) { return is_case_worker(me) || (is_cso_staff(me) && me.organisation_id); }

std::string role_of(Audience who) {
  switch (who) {
    case Audience::ProgrammeOfficers: return "officer";
    case Audience::CsoStaff: return "cso_staff";
    case Audience::Evaluators: return "evaluator";
    case Audience::AuthorityStaff: return "lpa_staff";
  }
  return {};
}

Party party_of(std::string_view role, std::optional<std::int64_t> organisation_id, std::optional<std::int64_t> authority_id) {
  if (role == "cso_staff") return {organisation_id, std::nullopt};
  if (role == "lpa_staff") return {std::nullopt, authority_id};
  if (role == "case_worker") return organisation_id ? Party{organisation_id, std::nullopt} : Party{std::nullopt, authority_id};
  return {};
}
Party party_of(const Principal& me) { return party_of(me.role, me.organisation_id, me.authority_id); }

bool may_manage_service(const Principal& me, const Party& provider) {
  if (runs_programme(me)) return true;
  if (is_cso_staff(me)) return me.organisation_id && provider.organisation_id == me.organisation_id;
  if (is_authority_staff(me)) return me.authority_id && !provider.organisation_id && provider.authority_id == me.authority_id;
  return false;
}

bool may_keep_cost_model(const Principal& me, const CostOwner& owner, std::string_view my_territory) {
  if (!owner.standard) return may_manage_service(me, owner.provider);
  if (is_administrator(me)) return true;
  return is_authority_staff(me) && !my_territory.empty() && my_territory == owner.territory;
}

std::optional<Say> cost_approval_refusal(const Principal& me, const CostOwner& owner, std::string_view my_territory,
                                         std::optional<std::int64_t> submitted_by) {
  if (!may_keep_cost_model(me, owner, my_territory))
    return owner.standard ? say("cost_standard_not_yours", "Only the authority of the standard's territory approves it")
                          : say("cost_model_not_yours", "Only the service's provider or the programme approves its cost model");
  if (submitted_by && *submitted_by == me.user_id)
    return say("maker_checker", "Someone other than who submitted it must approve it");
  return std::nullopt;
}

bool may_read_cost_model(const Principal& me, const CostOwner& owner, std::string_view my_territory, bool approved) {
  if (reads_all(me) || may_keep_cost_model(me, owner, my_territory)) return true;
  return owner.standard && approved && (is_cso_staff(me) || is_authority_staff(me) || is_monitor(me));
}

bool keeps_cost_parameters(const Principal& me) { return runs_programme(me); }

bool may_keep_contracting(const Principal& me, std::int64_t authority_id) {
  return is_authority_staff(me) && me.authority_id && *me.authority_id == authority_id && !me.organisation_id;
}

bool may_read_contracting_plans(const Principal& me, std::int64_t authority_id) {
  return may_keep_contracting(me, authority_id) || reads_portfolio(me);
}

bool may_read_purchase(const Principal& me, std::int64_t authority_id, bool published) {
  if (may_read_contracting_plans(me, authority_id)) return true;
  return published && (is_cso_staff(me) || is_authority_staff(me));
}

bool may_offer(const Principal& me) { return is_cso_staff(me) && me.organisation_id.has_value(); }

std::optional<Say> offer_read_refusal(const Principal& me, std::int64_t provider_organisation_id, std::int64_t authority_id,
                                      bool deadline_passed) {
  if (is_cso_staff(me) && me.organisation_id && *me.organisation_id == provider_organisation_id) return std::nullopt;
  if (may_keep_contracting(me, authority_id) || reads_all(me)) {
    if (deadline_passed) return std::nullopt;
    return say("offer_sealed", "Offers are sealed until the offer deadline");
  }
  return say("offer_not_yours", "Only the provider that made it and, after the deadline, the purchasing authority read an offer");
}

bool may_enter_indicator_values(const Principal& me) { return runs_programme(me) || is_cso_staff(me) || is_monitor(me); }

std::optional<Say> indicator_value_approval_refusal(const Principal& me, std::optional<std::int64_t> submitted_by) {
  if (!runs_programme(me)) return say("values_approved_by_programme", "The programme's staff approve indicator values");
  if (submitted_by && *submitted_by == me.user_id) return say("maker_checker", "Someone other than who submitted it must approve it");
  return std::nullopt;
}

std::optional<Say> agreement_visit_refusal(const Principal& me) {
  if (runs_programme(me) || is_monitor(me)) return std::nullopt;
  return say("visits_by_monitors", "Visits are recorded by the programme's staff and its monitors");
}

std::optional<Say> contract_visit_refusal(const Principal& me, std::int64_t authority_id) {
  if (may_keep_contracting(me, authority_id) || runs_programme(me) || is_monitor(me)) return std::nullopt;
  return say("contract_visits_by_authority", "Visits to a contract are recorded by the authority, the programme's staff and its monitors");
}

bool may_staff_service(std::string_view role, const Party& works_for, const Party& provider) {
  if (!works_in_services_role(role)) return false;
  if (provider.organisation_id) return works_for.organisation_id == provider.organisation_id;
  if (provider.authority_id) return !works_for.organisation_id && works_for.authority_id == provider.authority_id;
  return false;
}

bool may_share(const Sharing& consent, const Party& to) {
  if (!consent.allowed) return false;
  if (consent.organisations.empty()) return true;
  return to.organisation_id && consent.organisations.count(*to.organisation_id);
}

std::optional<Say> hand_over_refusal(const Party& home, const Sharing& consent, const Party& to) {
  if (to == Party{} || (to.organisation_id && to.organisation_id == home.organisation_id) ||
      (!to.organisation_id && to.authority_id && to.authority_id == home.authority_id))
    return std::nullopt;
  if (may_share(consent, to)) return std::nullopt;
  if (!consent.allowed) return say("no_sharing_consent", "The person has not consented to sharing their data with another organisation: refer them only with that consent");
  return say("consent_not_this_organisation", "The person's consent to sharing does not name this organisation");
}

bool may_read_person_audit_body(const Principal& me, bool may_see_person) { return is_administrator(me) || may_see_person; }
}  // namespace sp::policy
