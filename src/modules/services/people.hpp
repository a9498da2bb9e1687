#pragma once
// What the operations on a person's file share across files: loading a person with the access
// check, and the file as answered (consents, enrolments, pathway, assessments, plans).
#include <optional>

#include "auth/principal.hpp"
#include "modules/services/repo.hpp"
#include "platform/write.hpp"

namespace sp::services {
// The person, or NotFound / Forbidden when `me` may not open their file.
Person load_person(store::Tx& tx, std::int64_t id, const auth::Principal& me);
json::object person_json(store::Tx& tx, const Person& p);
// A person's file as the write path knows it (404, 412, the trail's subject, the answer).
const platform::Kind<Person>& person_kind();
// The policy's refusal of a person's file to whom it is not assigned (need to know).
platform::Refusal<Person> unless_reader(const platform::Caller& c);
}  // namespace sp::services
