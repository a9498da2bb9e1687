#pragma once
// What the HTTP handlers of a person's file share across files: loading a person with the access
// check, and the file as answered (consents, enrolments, pathway, assessments, plans).
#include <optional>

#include "auth/principal.hpp"
#include "modules/services/repo.hpp"

namespace sp::services {
// The person, or NotFound / Forbidden when `me` may not open their file.
Person load_person(store::Tx& tx, std::int64_t id, const auth::Principal& me);
json::object person_json(store::Tx& tx, const Person& p);
json::value pathway_json(store::Tx& tx, std::int64_t person_id);
json::array assessments_of(store::Tx& tx, std::int64_t person_id);
json::array plans_of(store::Tx& tx, std::int64_t person_id, std::optional<std::int64_t> plan_id = {});
}  // namespace sp::services
