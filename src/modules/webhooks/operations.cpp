#include "modules/webhooks/operations.hpp"

#include "common/crypto.hpp"
#include "common/errors.hpp"
#include "common/time.hpp"
#include "modules/webhooks/repo.hpp"
#include "modules/webhooks/rules.hpp"
#include "platform/events.hpp"
#include "platform/policy.hpp"
#include "store/query.hpp"

namespace sp::webhooks {
namespace {
using platform::Caller;
using platform::Written;

json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::value opt(const std::optional<std::int64_t>& n) { return n ? json::value(*n) : json::value(nullptr); }

json::array types_json(const std::string& stored) {
  json::array out;
  for (const auto& t : store::split_codes(stored)) out.push_back(json::value(t));
  return out;
}

json::object hook_json(store::Tx& tx, const Hook& h) {
  auto n = counts_of(tx, h.id);
  return {{"id", h.id},
          {"name", h.name},
          {"url", h.url},
          {"events", types_json(h.events)},
          {"status", h.status},
          {"failures", h.failures},
          {"disabled_at", opt(h.disabled_at)},
          {"owner", json::object{{"id", h.user_id}, {"email", h.owner_email}, {"name", h.owner_name}}},
          {"deliveries", json::object{{"pending", n.pending}, {"delivered", n.delivered}, {"failed", n.failed}}},
          {"created_at", h.created_at},
          {"version", h.version}};
}

json::object delivery_json(const Delivery& d) {
  return {{"id", d.id},
          {"webhook_id", d.webhook_id},
          {"event_id", d.event_id},
          {"event_type", d.event_type},
          {"status", d.status},
          {"attempts", d.attempts},
          {"next_try_at", d.status == "pending" ? opt(d.next_try_at) : json::value(nullptr)},
          {"last_try_at", opt(d.last_try_at)},
          {"response_code", opt(d.response_code)},
          {"last_error", opt(d.last_error)},
          {"duration_ms", opt(d.duration_ms)},
          {"created_at", d.created_at},
          {"version", d.version}};
}

const platform::Kind<Hook>& hook_kind() {
  static const platform::Kind<Hook> k{"No such webhook", "The webhook was changed by someone else; reload it", find_hook,
                                      [](const Hook& h) { return h.version; },
                                      [](const Hook& h) { return platform::Subject{"webhook", h.id, h.name}; }, hook_json};
  return k;
}

const platform::Kind<Delivery>& delivery_kind() {
  static const platform::Kind<Delivery> k{"No such delivery", "The delivery moved on meanwhile; reload it", find_delivery,
                                          [](const Delivery& d) { return d.version; },
                                          [](const Delivery& d) {
                                            return platform::Subject{"webhook_delivery", d.id, d.event_type + " #" + std::to_string(d.event_id)};
                                          },
                                          [](store::Tx&, const Delivery& d) { return delivery_json(d); }};
  return k;
}

std::vector<std::string> all_types() {
  std::vector<std::string> out;
  for (auto t : platform::event_types()) out.emplace_back(t);
  return out;
}

// A secret: "whsec_" and 43 random base64url characters.
std::string new_secret() { return "whsec_" + random_token(); }

platform::Refusal<Hook> unless_keeper(const Caller& c) {
  return [&c](store::Tx&, const Hook& h) -> std::optional<Say> {
    if (!policy::may_keep_webhook(c.me, h.user_id)) return say("webhook_not_yours", "Only its owner or the administrator keeps a webhook");
    return std::nullopt;
  };
}

// The fields of a subscription given in a body (all required when `creating`).
void read_fields(Validator& v, Hook& h, bool creating) {
  const auto need = creating ? Need::Required : Need::Optional;
  if (auto name = v.text("name", need, 100)) h.name = *name;
  if (auto url = v.text("url", need, 2100)) {
    if (auto wrong = url_problem(*url)) v.add("url", wrong->code, wrong->text, wrong->params);
    h.url = *url;
  }
  if (auto types = v.string_list("events", need, all_types(), 50)) {
    if (types->empty()) v.add("events", "required", "Choose at least one event");
    h.events = store::join_codes(*types);
  }
}
}  // namespace

Written webhooks_list(App& app, const Caller& c) {
  auto tx = app.db->read();
  json::array items;
  for (const auto& h : hooks_of(tx, policy::is_administrator(c.me) ? std::nullopt : std::optional(c.me.user_id)))
    items.push_back(hook_json(tx, h));
  json::array types;
  for (auto t : platform::event_types()) types.push_back(json::value(t));
  return {json::object{{"items", std::move(items)}, {"event_types", std::move(types)}}};
}

Written webhook_get(App& app, const Caller& c, std::int64_t id) {
  auto tx = app.db->read();
  auto h = find_hook(tx, id);
  if (!h || !policy::may_keep_webhook(c.me, h->user_id)) throw NotFound(say("not_found", "No such webhook"));
  return {hook_json(tx, *h), h->version};
}

Written webhook_create(App& app, const Caller& c, const json::object& body) {
  Validator v(body);
  v.only({"name", "url", "events"});
  Hook h;
  read_fields(v, h, true);
  h.user_id = c.me.user_id;
  h.created_by = c.me.user_id;
  const auto secret = new_secret();
  h.secret = app.vault->seal(secret);
  auto w = platform::create<Hook>(*app.db, c, v, hook_kind(), {.action = "create", .check = {}, .insert = [&](store::Tx& tx) { return insert_hook(tx, h); }, .audited = {}});
  w.body["secret"] = secret;  // this once; the trail kept the answer without it
  return w;
}

Written webhook_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"name", "url", "events", "status"});
  Hook changed;
  return platform::change<Hook>(*app.db, c, id, version, v, hook_kind(),
                                {.action = "update",
                                 .refuse = unless_keeper(c),
                                 .check =
                                     [&](store::Tx&, const Hook& h, Validator& v) {
                                       changed = h;
                                       read_fields(v, changed, false);
                                       if (auto s = v.one_of("status", Need::Optional, {"active", "paused"})) {
                                         if (*s == "active" && h.status != "active") {
                                           changed.failures = 0;
                                           changed.disabled_at.reset();
                                         }
                                         changed.status = *s;
                                       }
                                     },
                                 .apply = [&](store::Tx& tx, const Hook& h) { return update_hook(tx, changed, h.version); },
                                 .before = [](store::Tx& tx, const Hook& h) -> json::value { return hook_json(tx, h); },
                                 .after = {}});
}

Written webhook_renew_secret(App& app, const Caller& c, std::int64_t id, std::int64_t version) {
  json::object none;
  Validator v(none);
  const auto secret = new_secret();
  auto w = platform::change<Hook>(*app.db, c, id, version, v, hook_kind(),
                                  {.action = "renew_secret",
                                   .refuse = unless_keeper(c),
                                   .check = {},
                                   .apply =
                                       [&](store::Tx& tx, const Hook& h) {
                                         auto changed = h;
                                         changed.secret = app.vault->seal(secret);
                                         return update_hook(tx, changed, h.version);
                                       },
                                   .before = {},
                                   .after = {}});
  w.body["secret"] = secret;
  return w;
}

Written webhook_ping(App& app, const Caller& c, std::int64_t id) {
  json::object none;
  Validator v(none);
  auto w = platform::add<Hook>(*app.db, c, id, v, hook_kind(),
                               {.action = "ping",
                                .refuse = unless_keeper(c),
                                .check =
                                    [](store::Tx&, const Hook& h, Validator&) {
                                      if (h.status != "active") throw Conflict(say("webhook_not_active", "The webhook is not active: make it active first"));
                                    },
                                .insert = [&](store::Tx& tx, const Hook& h) {
                                  auto event = platform::emit_routed(tx, {.type = "ping",
                                                                          .entity = "webhook",
                                                                          .entity_id = h.id,
                                                                          .audience = policy::EventAudience::Parties,
                                                                          .organisations = {},
                                                                          .authorities = {},
                                                                          .data = {{"webhook_id", h.id}, {"name", h.name}}});
                                  auto d = *find_delivery(tx, insert_delivery(tx, h.id, event));
                                  return platform::Added{{delivery_json(d), d.version, 202}, json::object{{"delivery", d.id}}};
                                }});
  app.deliveries->ring();  // it leaves now
  return w;
}

Written deliveries_list(App& app, const Caller& c, std::int64_t webhook_id, const std::string& status, int limit, std::int64_t before) {
  auto tx = app.db->read();
  auto h = find_hook(tx, webhook_id);
  if (!h || !policy::may_keep_webhook(c.me, h->user_id)) throw NotFound(say("not_found", "No such webhook"));
  json::array items;
  auto found = deliveries_of(tx, webhook_id, status, limit + 1, before);
  const bool more = static_cast<int>(found.size()) > limit;
  if (more) found.pop_back();
  for (const auto& d : found) items.push_back(delivery_json(d));
  return {json::object{{"items", std::move(items)},
                       {"next_cursor", more ? json::value(std::to_string(found.back().id)) : json::value(nullptr)}}};
}

Written delivery_retry(App& app, const Caller& c, std::int64_t id, std::int64_t version) {
  json::object none;
  Validator v(none);
  auto w = platform::change<Delivery>(
      *app.db, c, id, version, v, delivery_kind(),
      {.action = "retry",
       .refuse = [&](store::Tx& tx, const Delivery& d) -> std::optional<Say> {
         auto h = find_hook(tx, d.webhook_id);
         if (!h || !policy::may_keep_webhook(c.me, h->user_id)) return say("webhook_not_yours", "Only its owner or the administrator keeps a webhook");
         return std::nullopt;
       },
       .check =
           [](store::Tx& tx, const Delivery& d, Validator&) {
             if (d.status == "sending") throw Conflict(say("delivery_sending", "The delivery is being sent now"));
             if (find_hook(tx, d.webhook_id)->status != "active")
               throw Conflict(say("webhook_not_active", "The webhook is not active: make it active first"));
           },
       .apply =
           [](store::Tx& tx, const Delivery& d) {
             return tx.exec("UPDATE webhook_deliveries SET status = 'pending', next_try_at = $1, updated_at = $1, version = version + 1 "
                            "WHERE id = $2 AND version = $3",
                            {now_iso(), d.id, d.version}) == 1;
           },
       .before = {},
       .after = {}});
  app.deliveries->ring();
  return w;
}
}  // namespace sp::webhooks
