-- Social contracting (issue 14), part 2: offers (sealed until the offer deadline), the committee and
-- the award kept on the purchase, complaints during the standstill. The committee's evaluations are
-- the platform's (evaluations, subject 'offer').
ALTER TABLE purchases ADD COLUMN committee TEXT NOT NULL DEFAULT '';   -- ",user id," list
ALTER TABLE purchases ADD COLUMN score_gap INTEGER NOT NULL DEFAULT 15;
ALTER TABLE purchases ADD COLUMN ranking TEXT;                         -- JSON, frozen at the award
ALTER TABLE purchases ADD COLUMN awarded_at TEXT;
ALTER TABLE purchases ADD COLUMN announced_at TEXT;
ALTER TABLE purchases ADD COLUMN standstill_until TEXT;                -- the last day of the standstill

CREATE TABLE offers (
  id {{ID}},
  purchase_id BIGINT NOT NULL REFERENCES purchases(id),
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  lots TEXT NOT NULL DEFAULT '[]',        -- JSON [{lot, unit_price_minor, abnormally_low}]
  quality TEXT NOT NULL DEFAULT '[]',     -- JSON [{criterion, text}]
  staff TEXT NOT NULL DEFAULT '',
  capacity BIGINT NOT NULL DEFAULT 0,
  justification TEXT,
  justification_accepted INTEGER,
  justification_note TEXT,
  consensus_score INTEGER,
  consensus_reason TEXT,
  status TEXT NOT NULL DEFAULT 'draft',   -- draft | submitted | withdrawn
  submitted_at TEXT,
  withdrawn_at TEXT,
  created_by BIGINT REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (purchase_id, organisation_id)
);

CREATE TABLE complaints (
  id {{ID}},
  purchase_id BIGINT NOT NULL REFERENCES purchases(id),
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  text TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',    -- open | upheld | rejected
  decision TEXT,
  lodged_by BIGINT REFERENCES users(id),
  lodged_at TEXT NOT NULL,
  decided_by BIGINT REFERENCES users(id),
  decided_at TEXT,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX complaints_purchase ON complaints(purchase_id);
