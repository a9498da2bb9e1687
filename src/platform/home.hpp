#pragma once
// Each user's home: what waits for them (issue 12). One mechanism beneath the capabilities: a
// capability declares the kinds of work it knows about (`Waiting`, in its module's `home`), each
// with whom it is for and how its items are found in the records; the home asks every capability and
// answers one list of sections, each item opening its record. A later capability adds its own kinds
// the same way (docs/architecture.md, "A role's home").
#include <boost/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.hpp"
#include "platform/context.hpp"
#include "store/database.hpp"

namespace sp::platform {

// One thing waiting: the record it opens (entity and id), a label the reader recognises (a number, a
// title, a person's code — never an identity), when it is due (empty when it has no date) and what
// else its line says (`detail`, e.g. "3 of 5").
struct WaitingItem {
  std::int64_t id = 0;
  std::string label;
  std::string due_on;
  std::string detail;
};

// A kind of work: its code (the heading, home.kind.<kind> in the UI, and its order), the record its
// items open, whom it is for, and its items for that principal on Moldova's `today`, the most urgent
// first. `soon` is how many days ahead a due date counts as "due soon" rather than just listed.
struct Waiting {
  std::string_view kind;
  std::string_view entity;
  std::function<bool(const auth::Principal&)> for_whom;
  std::function<std::vector<WaitingItem>(store::Tx&, const auth::Principal&, const std::string& today)> items;
  // The items' dates are when something happened (a payment, a submission), not when it falls due:
  // nothing is overdue.
  bool happened = false;
  // A list to open (a caseload), not work waiting: shown, but not counted as waiting.
  bool reference = false;
};

// Items from a query whose columns are id, label, due_on (or NULL) and, optionally, a detail.
std::vector<WaitingItem> waiting_rows(store::Tx& tx, std::string_view sql, const store::Params& params);

// The home of `me`: {today, sections: [{kind, entity, count, overdue, due_soon, items: [...]}]}, the
// sections in the order given, each item {id, label, due_on, detail, overdue}; at most `per_kind`
// items a section (its count is all of them).
boost::json::object home_of(store::Tx& tx, const auth::Principal& me, const std::vector<const Waiting*>& kinds,
                            const std::string& today, std::size_t per_kind = 50);
// The same, read in one transaction on Moldova's today.
boost::json::object home(App& app, const auth::Principal& me, const std::vector<const Waiting*>& kinds);
}  // namespace sp::platform
