#pragma once
// What the services capability does, one operation per thing a user does: each takes the caller and
// what the request said (a parsed body, ids, the version read) and gives the answer. Transactions,
// the policy, validation and the audit trail happen in here, on the platform's write path
// (platform/write.hpp); the route files only parse HTTP, call one of these and serialise.
#include <optional>
#include <string>

#include "reports/xlsx.hpp"
#include "platform/context.hpp"
#include "platform/write.hpp"
#include "modules/services/rules.hpp"

namespace sp::services {
using platform::Caller;
using platform::Written;

// ---- service units
Written service_types_list(App& app);
struct ServiceQuery {
  std::string district, type, status;
  std::optional<std::int64_t> provider_organisation_id;
  bool mine = false;  // the services the user works in: their organisation's, their authority's, those they staff
};
// Each with its provider's name.
Written services_list(App& app, const auth::Principal& me, const ServiceQuery& q);
Written service_get(App& app, std::int64_t id);
Written service_create(App& app, const Caller& c, const json::object& body);
Written service_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& patch);
Written service_staff_get(App& app, const Caller& c, std::int64_t id);
Written service_staff_put(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);

// ---- the aggregate overview (no person in it) and its spreadsheet
struct OverviewQuery {
  std::string from, to, district, type;
};
// The answer as JSON text, kept until the data changes.
std::string overview_text(App& app, const Caller& c, const OverviewQuery& q);
using reports::Spreadsheet;
Spreadsheet overview_xlsx(App& app, const Caller& c, const Words& w, const OverviewQuery& q);

// ---- the month's delivery grid
Written grid_get(App& app, const Caller& c, std::int64_t service_id, const std::string& month);
Written grid_put(App& app, const Caller& c, std::int64_t service_id, std::int64_t version, const json::object& body);

// ---- people (identity sealed; every read audited)
// A page of people, newest first: `cursor` is the last id seen (0: from the newest); the answer's
// next_cursor continues it.
Written people_list(App& app, const Caller& c, const PeopleFilter& f, int limit, std::int64_t cursor);
Written person_create(App& app, const Caller& c, const json::object& body);
Written person_get(App& app, const Caller& c, std::int64_t id);
Written identity_get(App& app, const Caller& c, std::int64_t id);
Written enrol(App& app, const Caller& c, std::int64_t person_id, const json::object& body);
Written pathway_create(App& app, const Caller& c, std::int64_t person_id, const json::object& body);
Written followup_record(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written assessment_create(App& app, const Caller& c, std::int64_t person_id, const json::object& body);
Written plan_create(App& app, const Caller& c, std::int64_t person_id, const json::object& body);
Written plan_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);

// ---- around a person's file (care_operations.cpp)
Written consent_add(App& app, const Caller& c, std::int64_t person_id, const json::object& body);
Written consent_withdraw(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written enrolment_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written referral_create(App& app, const Caller& c, std::int64_t person_id, const json::object& body);
Written referrals_list(App& app, const Caller& c, const std::string& direction, const std::string& status, int limit, std::int64_t cursor);
Written referral_get(App& app, const Caller& c, std::int64_t id);
Written referral_decide(App& app, const Caller& c, std::int64_t id, std::int64_t version, bool accept, const json::object& body);
// Everything held about a person (the subject-access answer), and its file name.
struct Export {
  json::object body;
  std::string filename;
};
Export person_export(App& app, const Caller& c, std::int64_t id);
Written person_anonymise(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
}  // namespace sp::services
