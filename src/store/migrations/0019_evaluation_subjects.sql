-- One evaluation mechanism for grants and contracting (decision 0022): an evaluation is of a subject
-- (an application, an offer), no longer of an application only. The table is rebuilt (SQLite cannot
-- drop the foreign key to applications) keeping every id, so the audit trail and notifications that
-- name an evaluation still find it.
ALTER TABLE evaluations RENAME TO evaluations_0003;
CREATE TABLE evaluations (
  id {{ID}},
  subject TEXT NOT NULL,                      -- application | offer
  subject_id BIGINT NOT NULL,
  evaluator_id BIGINT NOT NULL REFERENCES users(id),
  status TEXT NOT NULL DEFAULT 'assigned',    -- assigned | declared | conflict | submitted
  coi_declared_at TEXT,
  coi_note TEXT,
  scores TEXT NOT NULL DEFAULT '[]',          -- JSON [{criterion, score, justification}]
  total INTEGER,                              -- sum of scores, when submitted
  submitted_at TEXT,
  assigned_by BIGINT REFERENCES users(id),
  assigned_at TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  UNIQUE (subject, subject_id, evaluator_id)
);
INSERT INTO evaluations (id, subject, subject_id, evaluator_id, status, coi_declared_at, coi_note, scores, total, submitted_at,
                         assigned_by, assigned_at, version)
  SELECT id, 'application', application_id, evaluator_id, status, coi_declared_at, coi_note, scores, total, submitted_at,
         assigned_by, assigned_at, version FROM evaluations_0003;
DROP TABLE evaluations_0003;
CREATE INDEX evaluations_evaluator ON evaluations(evaluator_id, status);
{{RESTART_ID:evaluations}}
