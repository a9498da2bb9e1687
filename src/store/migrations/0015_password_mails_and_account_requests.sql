-- Signed-out ways in (issue 12). A password e-mail (a forgotten password, or the welcome of an
-- approved account request) is a single-use token: only its hash is kept to check it, and the token
-- itself waits sealed with the vault key until the e-mail is sent, then is erased.
CREATE TABLE password_mails (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  purpose TEXT NOT NULL,                   -- reset | welcome
  token_hash TEXT NOT NULL UNIQUE,
  token_sealed TEXT,                       -- NULL once sent
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  sent_at TEXT,
  used_at TEXT
);
CREATE INDEX password_mails_unsent ON password_mails(sent_at);

-- A CSO asks for an account for its organisation; a programme officer approves it (linking the
-- account to the registry's organisation with the same IDNO) or declines it with a reason.
CREATE TABLE account_requests (
  id {{ID}},
  organisation_name TEXT NOT NULL,
  idno TEXT NOT NULL,
  district TEXT NOT NULL REFERENCES admin_units(code),
  contact_name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT,
  message TEXT,
  language TEXT NOT NULL DEFAULT 'ro',
  status TEXT NOT NULL DEFAULT 'pending',  -- pending | approved | declined
  organisation_id BIGINT REFERENCES organisations(id),
  user_id BIGINT REFERENCES users(id),
  decided_by BIGINT REFERENCES users(id),
  decided_at TEXT,
  decline_reason TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX account_requests_status ON account_requests(status, created_at);
CREATE INDEX account_requests_idno ON account_requests(idno);
