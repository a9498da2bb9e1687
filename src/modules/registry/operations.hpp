#pragma once
// What the registry does: organisations, public authorities and partnerships (lists, exports,
// create, update, archive), the CSV import, a partnership's documents, the units of the map. Each
// write goes through the platform's write path; the route file only parses, calls and serialises.
#include <optional>
#include <string>

#include "reports/xlsx.hpp"
#include "modules/registry/repo.hpp"
#include "platform/context.hpp"
#include "platform/write.hpp"

namespace sp::registry {
using platform::Caller;
using platform::Written;

using reports::Spreadsheet;

std::string organisations_list(App& app, const OrgFilter& f);
Spreadsheet organisations_xlsx(App& app, const Words& w, const OrgFilter& f);
Written organisation_get(App& app, std::int64_t id);
Written organisation_create(App& app, const Caller& c, const json::object& body);
Written organisation_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written organisation_archive(App& app, const Caller& c, std::int64_t id, std::int64_t version);
// A dry run answers the plan; otherwise all rows are imported or none.
Written organisations_import(App& app, const Caller& c, std::string_view csv, bool dry_run);

std::string authorities_list(App& app, const AuthorityFilter& f);
Spreadsheet authorities_xlsx(App& app, const Words& w, const AuthorityFilter& f);
Written authority_get(App& app, std::int64_t id);
Written authority_create(App& app, const Caller& c, const json::object& body);
Written authority_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written authority_archive(App& app, const Caller& c, std::int64_t id, std::int64_t version);

std::string partnerships_list(App& app, const PartnershipFilter& f);
Spreadsheet partnerships_xlsx(App& app, const Words& w, const PartnershipFilter& f);
Written partnership_get(App& app, std::int64_t id);
Written partnership_create(App& app, const Caller& c, const json::object& body);
Written partnership_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written partnership_archive(App& app, const Caller& c, std::int64_t id, std::int64_t version);
Written partnership_document_add(App& app, const Caller& c, std::int64_t id, std::string_view body, std::string_view filename);
// The partnership owner type of documents (who reads and changes a partnership's documents).
void register_partnership_documents();

Written units_list(App& app, std::optional<int> level, const std::optional<std::string>& parent);
Written districts_list(App& app);
}  // namespace sp::registry
