#pragma once
// Results (issue 15): the programmes the calls, grants and results belong to. No SQL, no HTTP.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sp::results {

// A donor or an implementing partner: named, and an organisation of the registry where it is one.
struct Party {
  std::string name;
  std::optional<std::int64_t> organisation_id;
  std::string role;  // a partner's: implementing | co_implementing | monitoring ('' for a donor)
};

// What one party puts into the programme, in its currency (minor units).
struct Contribution {
  std::string by;
  std::int64_t amount_minor = 0;
  std::string currency = "EUR";
};

struct Programme {
  std::int64_t id = 0;
  std::string code;
  std::string name_ro, name_ru, name_en;
  std::vector<Party> donors, partners;
  std::string starts_on, ends_on;  // YYYY-MM-DD
  std::vector<Contribution> contributions;
  std::vector<std::string> calls;  // ids of the grant calls placed in it
  std::string status = "active";   // active | closed
  std::optional<std::int64_t> mdl_per_eur_ppm;  // its reporting exchange rate: MDL for one EUR, in millionths
  std::optional<std::int64_t> created_by;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};
// A result of a framework: the programme's own (no project) or a project's linked to the programme.
struct FrameworkResult {
  std::int64_t id = 0, programme_id = 0;
  std::optional<std::string> project_kind;  // agreement | contract
  std::optional<std::int64_t> project_id;
  std::string level;  // impact | outcome | output
  int position = 1;   // 1..10 within its level
  std::string title_ro, title_ru, title_en;
  std::optional<std::string> assumptions;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};

// A category of a disaggregation: its code and name in each language.
struct CategoryItem {
  std::string code, name_ro, name_ru, name_en;
};
// A shared, versioned set of categories (decision 0027): a version that holds values is never edited;
// the next maps each of its predecessor's codes onto one of its own.
struct CategorySet {
  std::int64_t id = 0;
  std::string code;  // sex, age_group, disability, target_group, urban_rural, funding_source, …
  int set_version = 1;
  std::string name_ro, name_ru, name_en;
  std::vector<CategoryItem> items;
  std::optional<std::int64_t> mapped_from;
  std::map<std::string, std::string> mapping;  // the predecessor's code → this version's
  std::optional<std::int64_t> created_by;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};
// A part of a value or a target: its category in a set's version, and its value.
struct Part {
  std::int64_t set_id = 0;
  std::string code, value;
};

// A target of an indicator for a period ("2026", "2026-Q1", "2026-03", or "programme": its whole
// period), as text (a number, a share, or words for a qualitative indicator), with its parts if the
// target is disaggregated.
struct Target {
  std::string period, value;
  std::vector<Part> parts = {};
};

struct Indicator {
  std::int64_t id = 0, result_id = 0;
  std::string code;
  std::string name_ro, name_ru, name_en, definition_ro, definition_ru, definition_en;
  std::string unit = "number";  // number | percentage | qualitative
  bool ascending = true;
  std::optional<std::string> measure;  // computed from the tallies' measure; none: manual values
  std::optional<std::string> baseline;
  std::optional<int> baseline_year;
  std::vector<Target> targets;
  std::string sources;
  std::optional<std::string> reference;
  std::optional<std::int64_t> contributes_to;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};
// A manual indicator's value for a period: entered, submitted, approved (only then it counts) or
// returned with a comment.
struct IndicatorValue {
  std::int64_t id = 0, indicator_id = 0;
  std::string period, value;
  std::string place = "MD";  // a district's code, or the country
  std::vector<Part> parts;   // its disaggregation, by category (may differ from the total: flagged, not refused)
  std::optional<std::string> note;
  std::string status = "draft";  // draft | submitted | approved | returned
  std::optional<std::string> returned_reason;
  std::optional<std::int64_t> entered_by, submitted_by, approved_by;
  std::optional<std::string> submitted_at, approved_at;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};
}  // namespace sp::results
