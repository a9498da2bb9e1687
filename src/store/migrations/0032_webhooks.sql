-- Webhooks (issue 16, decision 0032). Every capability writes what happened into `events`, in the
-- transaction of the change (an outbox: nothing is announced for a change rolled back); the webhooks'
-- job routes each event once to the subscriptions whose owner may see it, and delivers each delivery
-- with retries. An event's data never holds a person's identity.
CREATE TABLE events (
  id {{ID}},
  type TEXT NOT NULL,                 -- application.submitted, referral.received, …
  entity TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  audience TEXT NOT NULL,             -- public | programme | parties: who may receive it (policy::may_receive_event)
  organisations TEXT NOT NULL,        -- ",1,2,": the organisations it concerns
  authorities TEXT NOT NULL,          -- ",3,": the authorities it concerns
  data TEXT NOT NULL,                 -- JSON, without identities
  occurred_at TEXT NOT NULL,
  routed_at TEXT                      -- when the job gave it to the subscriptions (once, across servers)
);
CREATE INDEX events_unrouted ON events(id) WHERE routed_at IS NULL;

CREATE TABLE webhooks (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),   -- its owner: what they may see bounds what it receives
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  events TEXT NOT NULL,               -- ",type,type,"
  secret TEXT NOT NULL,               -- sealed with the vault's key; signs each payload (HMAC-SHA256)
  status TEXT NOT NULL DEFAULT 'active',  -- active | paused | disabled (by repeated failure)
  failures BIGINT NOT NULL DEFAULT 0, -- failed attempts in a row; a success sets it to 0
  disabled_at TEXT,
  created_by BIGINT NOT NULL REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX webhooks_user ON webhooks(user_id);

CREATE TABLE webhook_deliveries (
  id {{ID}},
  webhook_id BIGINT NOT NULL REFERENCES webhooks(id),
  event_id BIGINT NOT NULL REFERENCES events(id),
  status TEXT NOT NULL DEFAULT 'pending', -- pending | sending | delivered | failed (attempts spent)
  attempts BIGINT NOT NULL DEFAULT 0,
  next_try_at TEXT,                   -- when pending: not before
  last_try_at TEXT,
  response_code BIGINT,               -- the endpoint's HTTP status of the last attempt
  last_error TEXT,
  duration_ms BIGINT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_try_at);
CREATE INDEX webhook_deliveries_hook ON webhook_deliveries(webhook_id, id);
