#pragma once
// The webhooks' scheduled work (decision 0032), run every [webhooks] interval_seconds and when rung:
// each event routed once to the subscriptions whose owner may see it, then each delivery due sent,
// signed, and its outcome kept (retried after a backoff, failed when its attempts are spent, its
// subscription disabled after repeated failure and its owner told). Every step is claimed in a
// transaction of its own, so that two servers on one database route and send each once.
#include "platform/context.hpp"

namespace sp::webhooks {
// Routes the events waiting; how many deliveries it made.
int route_events(App& app);
// Sends the deliveries due; how many were sent (delivered or not).
int send_due(App& app);
}  // namespace sp::webhooks
