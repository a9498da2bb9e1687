-- Manual values of indicators (issue 15): entered by the responsible partner, submitted, approved by
-- the programme's staff (never by who submitted them) or returned with a comment; only approved values
-- count. Each keeps who entered, submitted and approved it; its evidence is a platform document.
CREATE TABLE indicator_values (
  id {{ID}},
  indicator_id BIGINT NOT NULL REFERENCES indicators(id),
  period TEXT NOT NULL,                    -- as a target's: 2026, 2026-Q1, 2026-03 or programme
  value TEXT NOT NULL,
  note TEXT,
  status TEXT NOT NULL DEFAULT 'draft',    -- draft | submitted | approved | returned
  returned_reason TEXT,
  entered_by BIGINT REFERENCES users(id),
  submitted_by BIGINT REFERENCES users(id),
  submitted_at TEXT,
  approved_by BIGINT REFERENCES users(id),
  approved_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX indicator_values_indicator ON indicator_values(indicator_id, period);
