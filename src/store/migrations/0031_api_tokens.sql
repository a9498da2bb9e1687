-- Machine clients (issue 16, decision 0030): service accounts (users that sign in with tokens only)
-- and API tokens — personal access tokens and service accounts' tokens —, each with the permissions
-- it carries (never more than its user's role), an expiry, its last use and its revocation. Only a
-- hash of the token is kept; the token is shown once.
ALTER TABLE users ADD COLUMN kind TEXT NOT NULL DEFAULT 'person';  -- person | service

CREATE TABLE api_tokens (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,               -- the token's first characters, to tell it in a list
  token_hash TEXT NOT NULL UNIQUE,    -- BLAKE2b of the token
  permissions TEXT NOT NULL,          -- ",a,b,": what it may do (each among its user's role's)
  expires_on TEXT NOT NULL,           -- YYYY-MM-DD: the last day it works (Chișinău)
  last_used_at TEXT,
  last_used_ip TEXT,
  revoked_at TEXT,
  revoked_by BIGINT REFERENCES users(id),
  created_by BIGINT NOT NULL REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- The token a change was made with, beside its user.
ALTER TABLE audit_log ADD COLUMN via_token TEXT;
