-- Social contracting (issue 14, decision 0022), part 1: the thresholds of the procedures, needs
-- assessments, purchase plans, purchases with their amendments and clarifications.

-- Dated parameters: the procedure follows from the estimated value (without VAT). Seeded with the
-- values for social services under Law 131/2015 as the programme read them; configurable, to be
-- checked against the law in force.
CREATE TABLE contracting_thresholds (
  id {{ID}},
  valid_from TEXT NOT NULL UNIQUE,
  low_value_max_minor BIGINT NOT NULL,    -- up to it: low-value procurement
  open_from_minor BIGINT NOT NULL,        -- from it: open procedure; between: request for price quotations
  standstill_days INTEGER NOT NULL,
  note TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO contracting_thresholds (valid_from, low_value_max_minor, open_from_minor, standstill_days, note, created_at, updated_at)
VALUES ('2016-05-27', 40000000, 80000000, 6,
        'Legea 131/2015: servicii sociale — valoare mică până la 400 000 lei, cerere a ofertelor de prețuri peste, licitație deschisă de la 800 000 lei (fără TVA). De verificat cu legea în vigoare.',
        '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

-- An authority's needs of a year: per target group and locality, the eligible population and the
-- expected take-up (entered); who is served and waiting today is counted from the services' records
-- when it is read.
CREATE TABLE needs_assessments (
  id {{ID}},
  authority_id BIGINT NOT NULL REFERENCES authorities(id),
  year INTEGER NOT NULL,
  lines TEXT NOT NULL DEFAULT '[]',       -- JSON [{target_group, locality, eligible, take_up_pct, priority, note}]
  note TEXT,
  created_by BIGINT REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (authority_id, year)
);

-- The year's purchase plan (development programme): items valued at the approved standard's unit cost.
CREATE TABLE purchase_plans (
  id {{ID}},
  authority_id BIGINT NOT NULL REFERENCES authorities(id),
  year INTEGER NOT NULL,
  budget_line TEXT NOT NULL DEFAULT '',
  budget_minor BIGINT NOT NULL DEFAULT 0,
  items TEXT NOT NULL DEFAULT '[]',       -- JSON [{type_code, unit, volume, route, publish_on, start_on, note}]
  created_by BIGINT REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (authority_id, year)
);

CREATE TABLE purchases (
  id {{ID}},
  number TEXT UNIQUE,                     -- SC-<year>-NNN once published
  authority_id BIGINT NOT NULL REFERENCES authorities(id),
  year INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  type_code TEXT NOT NULL REFERENCES service_types(code),
  unit TEXT NOT NULL,
  route TEXT NOT NULL,
  procedure TEXT NOT NULL DEFAULT '',
  allowances_minor BIGINT NOT NULL DEFAULT 0,
  copayment_minor BIGINT NOT NULL DEFAULT 0,
  lots TEXT NOT NULL DEFAULT '[]',
  criteria TEXT NOT NULL DEFAULT '[]',
  price_weight INTEGER NOT NULL,
  documents TEXT NOT NULL DEFAULT '[]',
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  clarification_deadline TEXT,
  offer_deadline TEXT,
  standstill_days INTEGER NOT NULL,
  standard_id BIGINT REFERENCES cost_models(id),
  standard_number TEXT,
  standard_territory TEXT,
  standard_unit_cost_minor BIGINT,
  ceiling_minor BIGINT,
  estimated_minor BIGINT,
  status TEXT NOT NULL DEFAULT 'draft',
  published_at TEXT,
  cancel_reason TEXT,
  cancelled_at TEXT,
  amendments INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX purchases_authority ON purchases(authority_id, year);
CREATE INDEX purchases_status ON purchases(status, type_code);

CREATE TABLE purchase_amendments (
  id {{ID}},
  purchase_id BIGINT NOT NULL REFERENCES purchases(id),
  number INTEGER NOT NULL,
  summary TEXT NOT NULL,
  changes TEXT NOT NULL,                  -- JSON {field: {before, after}}
  offer_content INTEGER NOT NULL,         -- 1: it changed what an offer must contain
  offer_deadline_before TEXT,
  offer_deadline_after TEXT,
  created_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL,
  UNIQUE (purchase_id, number)
);

CREATE TABLE clarifications (
  id {{ID}},
  purchase_id BIGINT NOT NULL REFERENCES purchases(id),
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  asked_by BIGINT REFERENCES users(id),
  question TEXT NOT NULL,
  answer TEXT,
  answered_by BIGINT REFERENCES users(id),
  asked_at TEXT NOT NULL,
  answered_at TEXT,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX clarifications_purchase ON clarifications(purchase_id);
