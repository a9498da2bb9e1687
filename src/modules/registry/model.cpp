#include "modules/registry/model.hpp"

namespace sp::registry {
const std::vector<std::string>& legal_forms() {
  static const std::vector<std::string> v = {"public_association", "foundation", "private_institution",
                                             "union_of_legal_entities", "other"};
  return v;
}
const std::vector<std::string>& org_statuses() {
  static const std::vector<std::string> v = {"active", "suspended", "archived"};
  return v;
}
const std::vector<std::string>& target_groups() {
  static const std::vector<std::string> v = {
      "children_at_risk",   "children_without_parental_care", "families_with_children", "roma",
      "domestic_violence",  "homeless",                        "intellectual_disability", "psychosocial_disability",
      "physical_disability", "sensory_disability",             "deinstitutionalised",     "elderly",
      "youth"};
  return v;
}
const std::vector<std::string>& fields_of_activity() {
  static const std::vector<std::string> v = {"social_services", "child_protection", "disability_rights",
                                             "health",          "education",        "community_development",
                                             "human_rights",    "advocacy",         "media",
                                             "other"};
  return v;
}
const std::vector<std::string>& authority_kinds() {
  static const std::vector<std::string> v = {"village_mayoralty", "commune_mayoralty", "town_mayoralty",
                                             "municipal_mayoralty", "district_council", "municipal_council",
                                             "atu_executive", "ministry", "national_agency"};
  return v;
}
const std::vector<std::string>& authority_statuses() {
  static const std::vector<std::string> v = {"active", "archived"};
  return v;
}
const std::vector<std::string>& partnership_statuses() {
  static const std::vector<std::string> v = {"draft", "active", "ended", "archived"};
  return v;
}
const std::vector<std::string>& party_roles() {
  static const std::vector<std::string> v = {"lead", "partner", "co_financer", "service_provider",
                                             "contracting_authority"};
  return v;
}
std::string authority_level(std::string_view kind) {
  if (kind == "ministry" || kind == "national_agency") return "central";
  if (kind == "district_council" || kind == "municipal_council" || kind == "atu_executive") return "district";
  return "local";
}
}  // namespace sp::registry
