#pragma once
// Results (issue 15): the programmes the calls, grants and results belong to. No SQL, no HTTP.
#include <cstdint>
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
  std::optional<std::int64_t> created_by;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};
}  // namespace sp::results
