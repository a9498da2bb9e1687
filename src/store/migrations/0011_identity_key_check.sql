-- A value sealed with the identity key when the database first met it (decision 0010): a server
-- started with another key finds that it does not open, and refuses to start instead of answering
-- every read of an identity with an error.
CREATE TABLE identity_key_check (
  id INTEGER PRIMARY KEY,
  sealed TEXT NOT NULL,
  created_at TEXT NOT NULL
);
