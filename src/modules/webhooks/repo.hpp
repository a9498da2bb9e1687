#pragma once
// The webhooks' tables: subscriptions and their deliveries (the events are the platform's).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace sp::webhooks {
struct Hook {
  std::int64_t id = 0, user_id = 0, created_by = 0, version = 0, failures = 0;
  std::string name, url, events, secret, status, created_at, updated_at;
  std::optional<std::string> disabled_at;
  std::string owner_email, owner_name;
};
std::optional<Hook> find_hook(store::Tx& tx, std::int64_t id);
// Every subscription (of one owner when given), newest first.
std::vector<Hook> hooks_of(store::Tx& tx, std::optional<std::int64_t> owner);
// The active subscriptions to an event type.
std::vector<Hook> hooks_for(store::Tx& tx, const std::string& type);
std::int64_t insert_hook(store::Tx& tx, const Hook& h);
// Name, address, events, status, failures, disabled_at and secret, against the version read.
bool update_hook(store::Tx& tx, const Hook& h, std::int64_t version);

struct Delivery {
  std::int64_t id = 0, webhook_id = 0, event_id = 0, attempts = 0, version = 0;
  std::string status, created_at, updated_at;
  std::optional<std::string> next_try_at, last_try_at, last_error;
  std::optional<std::int64_t> response_code, duration_ms;
  std::string event_type;  // of its event
};
std::optional<Delivery> find_delivery(store::Tx& tx, std::int64_t id);
// A page of a subscription's deliveries, newest first, before the id `before` (0: from the newest).
std::vector<Delivery> deliveries_of(store::Tx& tx, std::int64_t webhook_id, const std::string& status, int limit, std::int64_t before);
std::int64_t insert_delivery(store::Tx& tx, std::int64_t webhook_id, std::int64_t event_id);
// Counts of a subscription's deliveries by status.
struct Counts {
  std::int64_t pending = 0, delivered = 0, failed = 0;
};
Counts counts_of(store::Tx& tx, std::int64_t webhook_id);
// The deliveries due now of active subscriptions, oldest first.
std::vector<Delivery> due_deliveries(store::Tx& tx, const std::string& now, int limit);
// Claimed for sending (pending → sending); false when another server claimed it first.
bool claim_delivery(store::Tx& tx, std::int64_t id, const std::string& now);
// Deliveries left "sending" by a server that stopped mid-way, pending again.
void release_stale(store::Tx& tx, const std::string& before);
// The outcome of an attempt.
void record_attempt(store::Tx& tx, const Delivery& d);
}  // namespace sp::webhooks
