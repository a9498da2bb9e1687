#pragma once
// What a capability adds to the product, declared once in its own folder (`<name>/module.cpp`) and
// listed once by src/app (app/modules.cpp): its routes, its scheduled work and its demo data.
// Permissions stay in the one table of roles (auth/roles.cpp) and record-level rules in the one policy
// (platform/policy.hpp): no capability names a role (decision 0013).
#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/vault.hpp"
#include "http/router.hpp"
#include "platform/context.hpp"
#include "platform/home.hpp"
#include "store/database.hpp"

namespace sp::platform {

// What the demo loaders share, in the order the capabilities are listed: the registry's demo makes the
// sample organisation, authority and district; src/app then makes the demo accounts (one per role,
// five evaluators) in them; the later capabilities build on both.
struct DemoContext {
  store::Tx& tx;
  const Vault& vault;
  bool national = false;  // the benchmark's national scale instead of the programme's
  std::int64_t sample_organisation = 0, sample_authority = 0, sample_council = 0;
  std::string sample_district;
  // Another district whose council contracts social services (the registry's choice).
  std::int64_t second_council = 0;
  std::string second_district;
  std::map<std::string, std::vector<std::int64_t>, std::less<>> accounts;  // by role
  // Makes a further demo account (the demo password) for an organisation a capability's demo chose,
  // e.g. the provider its contract went to; its id.
  std::function<std::int64_t(const std::string& email, const std::string& name, const std::string& role, std::int64_t organisation_id)>
      add_account;
  std::int64_t account(std::string_view role) const {
    auto it = accounts.find(role);
    return it == accounts.end() || it->second.empty() ? 0 : it->second.front();
  }
};

struct Module {
  std::string_view name;
  std::function<void(App&, http::Router&)> routes;
  // Scheduled work (src/app's jobs thread and `socialpact remind`): how many reminders it wrote.
  std::function<int(App&)> jobs;
  // Its demo data in the shared transaction; a line for the log and the trail ("12 calls, …").
  std::function<boost::json::object(DemoContext&)> demo;
  // Loaded before the demo accounts are made (the registry: the accounts belong to its samples).
  bool demo_before_accounts = false;
  // What of it waits for each user on their home page (platform/home.hpp), in the order shown.
  std::vector<Waiting> home = {};
  // Work that should not wait for the jobs' interval (the webhooks' deliveries): src/app runs it on a
  // thread of its own every [webhooks] interval_seconds, and at once when App::deliveries rings.
  std::function<int(App&)> frequent = {};
};

// Scheduled work that writes reminders in one transaction, given Moldova's today: a Module's `jobs`.
std::function<int(App&)> reminders(std::function<int(store::Tx&, const std::string& today)> write);
}  // namespace sp::platform
