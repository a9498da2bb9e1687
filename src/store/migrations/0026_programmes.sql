-- Programmes (issue 15): what the calls, grants and results belong to — a donor-funded programme with
-- its period, its donors and partners, each contribution in its currency, and the calls placed in it.
CREATE TABLE programmes (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,              -- short, e.g. "SSP-1"
  name_ro TEXT NOT NULL,
  name_ru TEXT NOT NULL,
  name_en TEXT NOT NULL,
  donors TEXT NOT NULL DEFAULT '[]',       -- JSON: [{name, organisation_id?}]
  partners TEXT NOT NULL DEFAULT '[]',     -- JSON: [{name, organisation_id?, role}]
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  contributions TEXT NOT NULL DEFAULT '[]',-- JSON: [{by, amount_minor, currency}]
  calls TEXT NOT NULL DEFAULT '',          -- ",id," the grant calls placed in it
  status TEXT NOT NULL DEFAULT 'active',   -- active | closed
  created_by BIGINT REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
