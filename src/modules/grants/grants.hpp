#pragma once
// What other capabilities read of grants (the actual cost of a service, issue 13): what an
// agreement's approved financial reports spent, by budget category, in a calendar year. Everything
// else of grants (its lists, writes and SQL) stays behind repo.hpp.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace sp::grants {
struct YearSpending {
  std::string number, currency;  // the agreement's
  std::map<std::string, std::int64_t> by_category;  // staff operating equipment travel training other
  int reports = 0;                                  // approved reports with days in the year
};
// Each approved report's spending spread evenly over the days of its period (the agreement's
// reporting schedule), the part that falls in `year` counted, rounded half up once per category.
// Empty (no reports) for an agreement that does not exist.
YearSpending approved_spending_in_year(store::Tx& tx, std::int64_t agreement_id, int year);

// A call as the results framework names it (issue 15): its code, title in three languages, state and
// envelope. Empty for a call that does not exist.
struct CallInfo {
  std::int64_t id = 0;
  std::string code, title_ro, title_ru, title_en, status, currency;
  std::int64_t envelope_minor = 0;
};
std::optional<CallInfo> call_info(store::Tx& tx, std::int64_t id);
std::vector<CallInfo> call_infos(store::Tx& tx);  // every call, drafts too

// A grant awarded, as open data publishes it (issue 15: IATI and 360Giving): an agreement signed,
// completed or terminated, with its project's title and place, its money committed, paid in tranches
// and spent by approved reports. Nothing about a person, no budget line.
struct Award {
  struct Flow {
    std::string on;  // YYYY-MM-DD
    std::int64_t minor = 0;
  };
  std::int64_t agreement_id = 0, call_id = 0, organisation_id = 0;
  std::string number, title, currency, starts_on, ends_on, status, updated_at;
  std::optional<std::string> summary, district, signed_on;
  std::int64_t amount_minor = 0;
  std::optional<std::int64_t> partner_authority_id;
  std::int64_t authority_minor = 0;  // the partner authority's confirmed co-financing
  std::vector<Flow> paid, spent;     // tranches paid; approved reports' spending, on approval
};
// The awards of the given calls, by call and agreement number.
std::vector<Award> awards_in_calls(store::Tx& tx, const std::vector<std::int64_t>& call_ids);
}  // namespace sp::grants
