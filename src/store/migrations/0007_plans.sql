-- A person's needs assessment (domains scored 1-4) and individual plan (goals with who is
-- responsible, target dates, progress; review dates).
CREATE TABLE assessments (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  assessed_on TEXT NOT NULL,
  domains TEXT NOT NULL,                 -- JSON [{domain, level 1-4, notes}]
  summary TEXT NOT NULL,
  assessed_by BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX assessments_person ON assessments(person_id);

CREATE TABLE plans (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  starts_on TEXT NOT NULL,
  review_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active', -- active | closed
  goals TEXT NOT NULL,                   -- JSON [{goal, responsible_id, target_on, progress 0-100, status, notes}]
  version BIGINT NOT NULL DEFAULT 1,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX plans_person ON plans(person_id);
