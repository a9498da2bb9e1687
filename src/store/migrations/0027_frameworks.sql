-- Results frameworks (issue 15): per programme, and per project (a grant agreement's or a contract's)
-- linked to it — results by level (impact, outcome, output; at most ten per level) and their
-- indicators, each computed from a measure of the tallies or given as approved manual values.
CREATE TABLE framework_results (
  id {{ID}},
  programme_id BIGINT NOT NULL REFERENCES programmes(id),
  project_kind TEXT,                       -- agreement | contract; NULL: the programme's own framework
  project_id BIGINT,
  level TEXT NOT NULL,                     -- impact | outcome | output
  position INTEGER NOT NULL,               -- 1..10 within its level
  title_ro TEXT NOT NULL,
  title_ru TEXT NOT NULL,
  title_en TEXT NOT NULL,
  assumptions TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX framework_results_programme ON framework_results(programme_id);
CREATE TABLE indicators (
  id {{ID}},
  result_id BIGINT NOT NULL REFERENCES framework_results(id),
  code TEXT NOT NULL,                      -- "OC1.1"
  name_ro TEXT NOT NULL,
  name_ru TEXT NOT NULL,
  name_en TEXT NOT NULL,
  definition_ro TEXT NOT NULL DEFAULT '',
  definition_ru TEXT NOT NULL DEFAULT '',
  definition_en TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL,                      -- number | percentage | qualitative
  ascending INTEGER NOT NULL DEFAULT 1,
  measure TEXT,                            -- computed from this tallies' measure; NULL: manual values
  baseline TEXT,
  baseline_year INTEGER,
  targets TEXT NOT NULL DEFAULT '[]',      -- JSON: [{period, value}]
  sources TEXT NOT NULL DEFAULT '',
  reference TEXT,                          -- an SDG target, an EU results framework code
  contributes_to BIGINT REFERENCES indicators(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX indicators_result ON indicators(result_id);
