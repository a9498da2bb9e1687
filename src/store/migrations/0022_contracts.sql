-- Social contracting (issue 14), part 3: the contract of an awarded lot and its monthly reports,
-- generated from the delivery records, verified, frozen once approved, invoiced and paid.
CREATE TABLE contracts (
  id {{ID}},
  number TEXT UNIQUE,                     -- CS-<year>-NNN once signed
  purchase_id BIGINT NOT NULL REFERENCES purchases(id),
  offer_id BIGINT NOT NULL REFERENCES offers(id),
  authority_id BIGINT NOT NULL REFERENCES authorities(id),
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  lot TEXT NOT NULL,
  type_code TEXT NOT NULL,
  unit TEXT NOT NULL,
  services TEXT NOT NULL DEFAULT '',      -- ",service unit id," list
  unit_price_minor BIGINT NOT NULL,
  min_volume BIGINT NOT NULL,
  max_volume BIGINT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  indexation TEXT NOT NULL DEFAULT '',
  kpis TEXT NOT NULL DEFAULT '[]',        -- JSON [{code, target}]
  sanctions TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft',   -- draft | signed | terminated | expired
  signed_on TEXT,
  ended_on TEXT,
  end_reason TEXT,
  amendments TEXT NOT NULL DEFAULT '[]',  -- JSON [{number, summary, changes, created_at}], numbered
  created_by BIGINT REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (purchase_id, lot)
);
CREATE INDEX contracts_organisation ON contracts(organisation_id);
CREATE INDEX contracts_authority ON contracts(authority_id);

CREATE TABLE contract_reports (
  id {{ID}},
  contract_id BIGINT NOT NULL REFERENCES contracts(id),
  month TEXT NOT NULL,                    -- YYYY-MM
  status TEXT NOT NULL DEFAULT 'draft',   -- draft | submitted | returned | approved | paid
  lines TEXT NOT NULL DEFAULT '[]',       -- JSON: frozen once approved
  units BIGINT NOT NULL DEFAULT 0,
  amount_minor BIGINT NOT NULL DEFAULT 0,
  invoice_number TEXT,
  submitted_by BIGINT REFERENCES users(id),
  submitted_at TEXT,
  verified_by BIGINT REFERENCES users(id),
  approved_at TEXT,
  returned_reason TEXT,
  paid_on TEXT,
  payment_ref TEXT,
  paid_minor BIGINT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (contract_id, month)
);
