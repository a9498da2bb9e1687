-- Failed sign-ins are counted per account and client address together: repeated failures lock that
-- pair only, so nobody can lock someone else out from another address, and an e-mail that has no
-- account is counted and locked the same way (the answers never tell whether an account exists).
-- users.locked_until keeps the latest such lock of an account, for the administrator to see and lift.
CREATE TABLE sign_in_failures (
  email TEXT NOT NULL,                    -- lower-case, as typed: an account's or not
  address TEXT NOT NULL,                  -- the client's address (behind a trusted proxy: X-Forwarded-For)
  failures INTEGER NOT NULL,
  locked_until BIGINT NOT NULL DEFAULT 0, -- unix seconds
  last_at BIGINT NOT NULL,                -- unix seconds of the last failure
  PRIMARY KEY (email, address)
);
CREATE INDEX sign_in_failures_last ON sign_in_failures(last_at);
