#pragma once
// The registry: administrative units, organisations (CSOs), public authorities, and the
// partnerships between them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/money.hpp"
#include "platform/document.hpp"

namespace sp::registry {

// Codes are stored; the UI translates them. Lists are the allowed values, in display order.
const std::vector<std::string>& legal_forms();
const std::vector<std::string>& org_statuses();           // active, suspended, archived
const std::vector<std::string>& target_groups();
const std::vector<std::string>& fields_of_activity();
const std::vector<std::string>& authority_kinds();
const std::vector<std::string>& authority_statuses();     // active, archived
const std::vector<std::string>& partnership_statuses();   // draft, active, ended, archived
const std::vector<std::string>& party_roles();
// "local" (level 1: mayoralties), "district" (level 2: district and municipal councils), "central".
std::string authority_level(std::string_view kind);

struct Unit {
  std::string code;  // ISO 3166-2:MD for level 2 ("MD-CA"); "<district>-NNN" for level 1
  std::string name, kind, region, svg_id;
  int level = 2;
  std::optional<std::string> parent_code;
};

struct Organisation {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::string> short_name;
  std::string legal_form;
  std::string idno;
  std::optional<std::string> registered_on;
  std::optional<std::string> address;
  std::string district;
  std::optional<std::string> locality;
  std::optional<std::string> email, phone, website;
  std::vector<std::string> fields, target_groups;
  std::string status = "active";
  std::optional<std::string> description;
  std::int64_t version = 0;
  std::string created_at, updated_at;
};

struct Authority {
  std::int64_t id = 0;
  std::string name;
  std::string kind;
  std::string level;                     // derived from kind
  std::optional<std::string> unit_code;  // the locality or district it governs; none for central bodies
  std::optional<std::string> district;   // derived: the level-2 unit
  std::optional<std::string> idno;
  std::optional<std::string> address, email, phone, head_name;
  std::string status = "active";
  std::int64_t version = 0;
  std::string created_at, updated_at;
};

struct Party {
  std::optional<std::int64_t> organisation_id, authority_id;
  std::string name;  // filled on read
  std::string role;
  Money contribution;                    // co-financing committed by this party
  std::string contribution_kind = "cash";  // cash | in_kind
};


struct Partnership {
  std::int64_t id = 0;
  std::string title;
  std::optional<std::string> purpose;
  std::string starts_on;
  std::optional<std::string> ends_on;
  std::string status = "draft";
  std::vector<Party> parties;
  std::vector<platform::Document> documents;
  std::int64_t version = 0;
  std::string created_at, updated_at;
};
}  // namespace sp::registry
