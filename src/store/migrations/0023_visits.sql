-- Monitoring visits as a platform mechanism (issue 14): a visit is to a record of any capability that
-- is monitored on the ground (a grant agreement, a social services contract), no longer to an
-- agreement only. The table is rebuilt (SQLite cannot drop the foreign key to grant_agreements)
-- keeping every id, so the audit trail and notifications that name a visit still find it.
ALTER TABLE monitoring_visits RENAME TO monitoring_visits_0003;
CREATE TABLE visits (
  id {{ID}},
  owner_type TEXT NOT NULL,                   -- agreement | contract
  owner_id BIGINT NOT NULL,
  visited_on TEXT NOT NULL,
  findings TEXT NOT NULL,
  actions TEXT NOT NULL DEFAULT '[]',         -- JSON [{action, due_on, done}]
  by_user BIGINT REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
INSERT INTO visits (id, owner_type, owner_id, visited_on, findings, actions, by_user, version, created_at)
  SELECT id, 'agreement', agreement_id, visited_on, findings, actions, by_user, version, created_at FROM monitoring_visits_0003;
DROP TABLE monitoring_visits_0003;
CREATE INDEX visits_owner ON visits(owner_type, owner_id, visited_on);
{{RESTART_ID:visits}}
