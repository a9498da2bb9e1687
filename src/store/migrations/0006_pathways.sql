-- Deinstitutionalisation: a person leaving a residential institution for life in the community, the
-- transition, who receives them, follow-ups at 3, 6 and 12 months, and the outcome.
CREATE TABLE pathways (
  id {{ID}},
  person_id BIGINT NOT NULL UNIQUE REFERENCES people(id),
  institution TEXT NOT NULL,
  left_on TEXT NOT NULL,
  transition_plan TEXT NOT NULL,
  receiving_service_id BIGINT REFERENCES service_units(id),
  receiving_family TEXT,                         -- biological | extended | foster | adoptive | guardian
  outcome TEXT,                                  -- living_in_family | community_with_support | returned_to_institution | other
  outcome_on TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX pathways_left_on ON pathways(left_on);

CREATE TABLE pathway_followups (
  id {{ID}},
  pathway_id BIGINT NOT NULL REFERENCES pathways(id),
  months INTEGER NOT NULL,                       -- 3 | 6 | 12 after leaving
  due_on TEXT NOT NULL,
  done_on TEXT,
  situation TEXT,                                -- as the outcome values
  notes TEXT,
  recorded_by BIGINT REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX pathway_followups_due ON pathway_followups(due_on);
