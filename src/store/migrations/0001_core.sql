-- Accounts, sessions and the audit trail.
CREATE TABLE users (
  id {{ID}},
  email TEXT NOT NULL UNIQUE,            -- stored lower-case
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  organisation_id BIGINT,                -- scope for CSO staff and case workers
  authority_id BIGINT,                   -- scope for local authority staff
  district TEXT,                         -- ISO 3166-2:MD code, for district scope
  language TEXT NOT NULL DEFAULT 'ro',
  password_hash TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active', -- active | disabled
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0, -- unix seconds; login refused before then
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,           -- BLAKE2b of the cookie token; the token itself is never stored
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,            -- absolute timeout
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
  id {{ID}},
  at TEXT NOT NULL,
  user_id BIGINT,
  user_email TEXT,
  action TEXT NOT NULL,                  -- create | update | archive | login | read_identity | import | ...
  entity TEXT NOT NULL,                  -- organisation | authority | partnership | user | ...
  entity_id BIGINT,
  summary TEXT,
  before_json TEXT,
  after_json TEXT,
  request_id TEXT,
  ip TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id, id);
CREATE INDEX audit_user ON audit_log(user_id, id);
