#pragma once
// Pure rules of the registry: validation and scope. No I/O.
#include <boost/json/object.hpp>

#include "auth/principal.hpp"
#include "common/json.hpp"
#include "modules/registry/model.hpp"

namespace sp::registry {

// Validates a whole organisation (a create body, or an update merged over the stored record).
// Collects every error into v; references to units are checked by the caller (they need the DB).
Organisation read_organisation(const json::object& o, Validator& v);
Authority read_authority(const json::object& o, Validator& v);
Partnership read_partnership(const json::object& o, Validator& v);

// The stored record as JSON (the API's representation).
json::object to_json(const Organisation& o);
json::object to_json(const Authority& a);
json::object to_json(const Partnership& p);

// An update body laid over the stored record: fields present in patch replace, others stay.
json::object merge(json::object base, const json::object& patch);

// Scope: who may change what. Reading the registry is open to every role with registry.read.
bool may_create_organisation(const auth::Principal& p);
bool may_edit_organisation(const auth::Principal& p, std::int64_t org_id);
bool may_create_authority(const auth::Principal& p);
bool may_edit_authority(const auth::Principal& p, std::int64_t authority_id);
// A partnership may be created or changed by officers, or by a party's own staff.
bool may_edit_partnership(const auth::Principal& p, const std::vector<Party>& parties);

}  // namespace sp::registry
