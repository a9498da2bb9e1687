#pragma once
// Who may see and do what in the grant programme, shared by the calls/evaluation routes and the
// award/agreement routes. Each loader throws NotFound/Forbidden as the API answers them.
#include "auth/principal.hpp"
#include "common/errors.hpp"
#include "modules/grants/model.hpp"
#include "store/database.hpp"

namespace sp::grants {
// The foundation's staff (admin, officer): they run the programme.
bool is_staff(const auth::Principal& p);
// Staff and auditors read everything (auditors write nothing).
bool reads_all(const auth::Principal& p);
// A call; a draft exists only for staff.
Call load_call(store::Tx& tx, std::int64_t id, const auth::Principal& me);
bool may_read_application(const auth::Principal& p, const Application& a);
bool may_edit_application(const auth::Principal& p, const Application& a);
// Why `me` may not read an application or an agreement (the 403's sentence), or nothing: the one
// check behind the loaders below and the write path's refusals (kinds.hpp).
std::optional<Say> application_read_refusal(const auth::Principal& me, const Application& a);
std::optional<Say> agreement_read_refusal(store::Tx& tx, const auth::Principal& me, const Agreement& g);
// An application the caller may read (evaluators read through their evaluation only).
Application load_application(store::Tx& tx, std::int64_t id, const auth::Principal& me);
// An agreement the caller may read: staff, auditors and monitors all; the grantee's staff and the
// partner authority their own.
Agreement load_agreement(store::Tx& tx, std::int64_t id, const auth::Principal& me);
bool may_read_agreement(store::Tx& tx, const auth::Principal& p, const Agreement& a);
// Whose grant records `me` lists: a CSO's staff their organisation's, an authority's staff those it
// is partner to, a reader (`reads`: the programme's staff, auditors…) everyone's (both empty);
// anyone else is refused with `refusal`.
struct ListScope {
  std::optional<std::int64_t> organisation_id, authority_id;
};
ListScope list_scope(const auth::Principal& me, bool reads, const Say& refusal);
}  // namespace sp::grants
