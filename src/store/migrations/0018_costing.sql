-- The costing of social services (issue 13, decision 0021).
-- A year's parameters: a new edition instead of an edit once an approved model uses one.
CREATE TABLE cost_parameter_sets (
  id {{ID}},
  year INTEGER NOT NULL,
  edition INTEGER NOT NULL,
  valid_from TEXT NOT NULL,
  minimum_wage_minor BIGINT NOT NULL,
  employer_rate_private_ppm BIGINT NOT NULL,
  employer_rate_public_ppm BIGINT NOT NULL,
  working_days INTEGER NOT NULL,
  leave_days INTEGER NOT NULL,
  hours_per_day_ppm BIGINT NOT NULL,
  eur_rate_ppm BIGINT NOT NULL DEFAULT 0, -- lei for one euro: grant spending in euros counted in lei
  holidays TEXT NOT NULL DEFAULT '',     -- ",yyyy-mm-dd," list
  note TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (year, edition)
);

-- A cost model: a service unit's (its provider's actual or planned budget) or a standard of a service
-- type for a territory (a district's code, or "national") and a year. Its inputs are one JSON
-- document, edited as a whole and frozen as a whole on approval; its results are recomputed on every
-- save, the unit costs kept in columns for the lists and the benchmark.
CREATE TABLE cost_models (
  id {{ID}},
  number TEXT UNIQUE,                    -- CM-YYYY-NNNN once approved
  kind TEXT NOT NULL,                    -- service | standard
  name TEXT NOT NULL,
  service_id BIGINT REFERENCES service_units(id),
  provider_organisation_id BIGINT REFERENCES organisations(id),  -- the service's provider, kept with the model
  provider_authority_id BIGINT REFERENCES authorities(id),
  type_code TEXT NOT NULL REFERENCES service_types(code),
  territory TEXT NOT NULL,               -- a district's code (a service's own), or national
  year INTEGER NOT NULL,
  parameter_set_id BIGINT NOT NULL REFERENCES cost_parameter_sets(id),
  public_employer INTEGER NOT NULL DEFAULT 0,
  inputs TEXT NOT NULL,
  outputs TEXT NOT NULL,
  total_minor BIGINT NOT NULL,
  per_place_year_minor BIGINT,
  per_beneficiary_month_minor BIGINT,
  per_beneficiary_day_minor BIGINT,
  per_contact_hour_minor BIGINT,
  status TEXT NOT NULL DEFAULT 'draft',  -- draft | submitted | approved | superseded
  previous_id BIGINT REFERENCES cost_models(id),
  scenario_of BIGINT REFERENCES cost_models(id),
  scenario TEXT,                         -- the changes a scenario made (JSON)
  created_by BIGINT REFERENCES users(id),
  submitted_by BIGINT REFERENCES users(id),
  submitted_at TEXT,
  approved_by BIGINT REFERENCES users(id),
  approved_at TEXT,
  returned_reason TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX cost_models_service ON cost_models(service_id, year);
CREATE INDEX cost_models_organisation ON cost_models(provider_organisation_id);
CREATE INDEX cost_models_authority ON cost_models(provider_authority_id);
CREATE INDEX cost_models_type ON cost_models(type_code, year, status);
CREATE INDEX cost_models_status ON cost_models(status, territory);
CREATE INDEX cost_models_scenario ON cost_models(scenario_of);
CREATE INDEX cost_models_parameters ON cost_models(parameter_set_id, status);

-- What a service spent in a year from funding other than the programme's grants (the grants' part
-- comes from their approved financial reports), by running-cost or staff category.
CREATE TABLE cost_expenditures (
  id {{ID}},
  service_id BIGINT NOT NULL REFERENCES service_units(id),
  year INTEGER NOT NULL,
  category TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  source TEXT NOT NULL,                  -- public_contract | local_budget | other
  note TEXT,
  created_by BIGINT REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX cost_expenditures_service ON cost_expenditures(service_id, year);
