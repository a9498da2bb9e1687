#include "modules/grants/access.hpp"
#include "platform/policy.hpp"

#include "common/errors.hpp"
#include "modules/grants/repo.hpp"

namespace sp::grants {
bool is_staff(const auth::Principal& p) { return policy::runs_programme(p); }
bool reads_all(const auth::Principal& p) { return policy::reads_all(p); }

Call load_call(store::Tx& tx, std::int64_t id, const auth::Principal& me) {
  auto c = find_call(tx, id);
  // A draft is the foundation's work in progress: to everyone else it does not exist yet.
  if (!c || (c->status == "draft" && !is_staff(me))) throw NotFound(say("not_found", "No such call"));
  return *c;
}

bool may_read_application(const auth::Principal& p, const Application& a) {
  if (reads_all(p)) return true;
  if (policy::is_cso_staff(p)) return p.organisation_id && *p.organisation_id == a.organisation_id;
  if (policy::is_authority_staff(p)) return p.authority_id && a.partner_authority_id && *p.authority_id == *a.partner_authority_id;
  return false;
}

bool may_edit_application(const auth::Principal& p, const Application& a) {
  return policy::is_cso_staff(p) && p.organisation_id && *p.organisation_id == a.organisation_id;
}

std::optional<Say> application_read_refusal(const auth::Principal& me, const Application& a) {
  if (policy::is_evaluator(me)) return say("evaluator_reads_through_evaluation", "Evaluators read applications through their evaluation (GET /api/v1/evaluations/{id})");
  if (!may_read_application(me, a)) return say("application_not_yours", "This application belongs to another organisation");
  return std::nullopt;
}

std::optional<Say> agreement_read_refusal(store::Tx& tx, const auth::Principal& me, const Agreement& g) {
  if (!may_read_agreement(tx, me, g)) return say("agreement_not_yours", "This grant agreement belongs to another organisation");
  return std::nullopt;
}

Application load_application(store::Tx& tx, std::int64_t id, const auth::Principal& me) {
  auto a = find_application(tx, id);
  if (!a) throw NotFound(say("not_found", "No such application"));
  if (auto why = application_read_refusal(me, *a)) throw Forbidden(*why);
  return *a;
}

bool may_read_agreement(store::Tx& tx, const auth::Principal& p, const Agreement& a) {
  if (policy::reads_portfolio(p)) return true;
  if (policy::is_cso_staff(p)) return p.organisation_id && *p.organisation_id == a.organisation_id;
  if (policy::is_authority_staff(p)) {
    auto app = find_application(tx, a.application_id);
    return app && may_read_application(p, *app);
  }
  return false;
}

ListScope list_scope(const auth::Principal& me, bool reads, const Say& refusal) {
  if (policy::is_cso_staff(me)) {
    if (!me.organisation_id) throw Forbidden(say("account_without_organisation", "Your account is not linked to an organisation"));
    return {me.organisation_id, std::nullopt};
  }
  if (policy::is_authority_staff(me)) {
    if (!me.authority_id) throw Forbidden(say("account_without_authority", "Your account is not linked to an authority"));
    return {std::nullopt, me.authority_id};
  }
  if (!reads) throw Forbidden(refusal);
  return {};
}

Agreement load_agreement(store::Tx& tx, std::int64_t id, const auth::Principal& me) {
  auto a = find_agreement(tx, id);
  if (!a) throw NotFound(say("not_found", "No such grant agreement"));
  if (auto why = agreement_read_refusal(tx, me, *a)) throw Forbidden(*why);
  return *a;
}
}  // namespace sp::grants
