-- Disaggregation categories (issue 15): shared sets of categories — sex, age group, disability type,
-- target group, urban/rural, funding source, … — each versioned: a set that holds values (an indicator
-- value's or a target's parts) is never edited in place; a new version is added with the mapping of
-- the previous version's categories onto its own, and parts given in an older version are read through
-- the mappings in the newest.
CREATE TABLE category_sets (
  id {{ID}},
  code TEXT NOT NULL,                      -- sex | age_group | disability | target_group | urban_rural | funding_source | …
  set_version INTEGER NOT NULL,            -- 1, 2, …
  name_ro TEXT NOT NULL,
  name_ru TEXT NOT NULL,
  name_en TEXT NOT NULL,
  items TEXT NOT NULL DEFAULT '[]',        -- JSON [{code, name_ro, name_ru, name_en}]
  mapped_from BIGINT REFERENCES category_sets(id),
  mapping TEXT NOT NULL DEFAULT '{}',      -- JSON {the previous version's code: this version's code}
  created_by BIGINT REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (code, set_version)
);
-- A manual value's place (a district's code, or MD for the country) and its parts
-- (JSON [{set_id, code, value}]); a target's parts are in the indicator's targets JSON.
ALTER TABLE indicator_values ADD COLUMN place TEXT NOT NULL DEFAULT 'MD';
ALTER TABLE indicator_values ADD COLUMN parts TEXT NOT NULL DEFAULT '[]';
