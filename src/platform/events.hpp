#pragma once
// What happened, for systems outside (issue 16, decision 0032): every capability announces its events
// here, inside the transaction of the change (an outbox — a change rolled back announces nothing); the
// webhooks capability routes each event once to the subscriptions whose owner may see it and delivers
// it. An event's data is facts about records (ids, numbers, statuses, amounts), never a person's
// identity; an event about a person goes only to the parties that work with the person.
#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/policy.hpp"
#include "store/database.hpp"

namespace sp::platform {

struct Event {
  std::string_view type;  // one of event_types()
  std::string_view entity;
  std::int64_t entity_id = 0;
  policy::EventAudience audience = policy::EventAudience::Programme;
  std::vector<std::int64_t> organisations, authorities;  // whom it concerns
  boost::json::object data;
};
void emit(store::Tx& tx, const Event& e);

// Every type a subscription may ask for, in the order the pages list them.
const std::vector<std::string_view>& event_types();

struct StoredEvent {
  std::int64_t id = 0;
  std::string type, entity;
  std::int64_t entity_id = 0;
  policy::EventAudience audience = policy::EventAudience::Programme;
  std::vector<std::int64_t> organisations, authorities;
  std::string data, occurred_at;
};
// The oldest events not yet routed, at most `limit`.
std::vector<StoredEvent> unrouted_events(store::Tx& tx, int limit);
// Marks an event routed; false when another server did it first (then its deliveries are that server's).
bool claim_event(store::Tx& tx, std::int64_t id);
std::optional<StoredEvent> find_event(store::Tx& tx, std::int64_t id);
// An event for one subscription only, already routed (a test delivery: "ping").
std::int64_t emit_routed(store::Tx& tx, const Event& e);
}  // namespace sp::platform
