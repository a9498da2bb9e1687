-- Grant programme: calls, applications, evaluation, awards, agreements, tranches, reports,
-- amendments, monitoring visits, notifications. Sub-documents that are read and written whole
-- (an application's budget and work plan, a call's criteria texts) are JSON text; what the
-- portfolio sums over (agreement budget lines, tranches, report lines) is relational.

CREATE TABLE grant_calls (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,             -- "2021-SS": prefix of application numbers
  title TEXT NOT NULL,                   -- JSON {"ro","ru","en"}
  title_search TEXT NOT NULL,
  description TEXT NOT NULL,             -- JSON {"ro","ru","en"}
  kind TEXT NOT NULL,                    -- service_grant | service_contract | other
  currency TEXT NOT NULL,
  envelope_minor BIGINT NOT NULL,
  min_grant_minor BIGINT NOT NULL,
  max_grant_minor BIGINT NOT NULL,
  min_applicant_share_bp INTEGER NOT NULL DEFAULT 0,   -- of the project total, in basis points
  min_authority_share_bp INTEGER NOT NULL DEFAULT 0,
  eligible_legal_forms TEXT NOT NULL DEFAULT '',       -- ",code," lists; empty = any
  eligible_districts TEXT NOT NULL DEFAULT '',
  eligible_target_groups TEXT NOT NULL DEFAULT '',
  requires_authority_partner INTEGER NOT NULL DEFAULT 1,
  opens_at TEXT NOT NULL,                -- UTC instants "YYYY-MM-DDTHH:MM:SSZ" (entered in Europe/Chisinau)
  closes_at TEXT NOT NULL,
  max_duration_months INTEGER NOT NULL DEFAULT 24,
  period_months INTEGER NOT NULL DEFAULT 6,            -- budget and reporting period
  blind INTEGER NOT NULL DEFAULT 0,
  score_gap INTEGER NOT NULL DEFAULT 20,               -- evaluators further apart need a consensus
  reallocation_free_bp INTEGER NOT NULL DEFAULT 1000,  -- budget moves up to this share need no approval
  required_documents TEXT NOT NULL DEFAULT '[]',       -- JSON [{code, name}]
  lots TEXT NOT NULL DEFAULT '[]',                     -- JSON [{code, name, envelope_minor}]
  criteria TEXT NOT NULL DEFAULT '[]',                 -- JSON [{code, name, description, max_score, threshold}]
  status TEXT NOT NULL DEFAULT 'draft',
  published_at TEXT,
  decided_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX grant_calls_status ON grant_calls(status, closes_at);

CREATE TABLE call_amendments (
  id {{ID}},
  call_id BIGINT NOT NULL REFERENCES grant_calls(id),
  number INTEGER NOT NULL,
  reason TEXT NOT NULL,
  changes TEXT NOT NULL,                 -- JSON {field: {before, after}}
  made_by BIGINT REFERENCES users(id),
  made_at TEXT NOT NULL,
  UNIQUE (call_id, number)
);

CREATE TABLE applications (
  id {{ID}},
  call_id BIGINT NOT NULL REFERENCES grant_calls(id),
  lot TEXT,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  number TEXT UNIQUE,                    -- given at first submission: "<call code>-NNN"
  title TEXT NOT NULL,
  title_search TEXT NOT NULL,
  summary TEXT,
  district TEXT REFERENCES admin_units(code),
  locality TEXT REFERENCES admin_units(code),
  starts_on TEXT,
  duration_months INTEGER,
  partner_authority_id BIGINT REFERENCES authorities(id),
  target_groups TEXT NOT NULL DEFAULT '[]',   -- JSON [{group, people}]
  workplan TEXT NOT NULL DEFAULT '[]',        -- JSON [{period, activity, description}]
  budget TEXT NOT NULL DEFAULT '[]',          -- JSON [{category, description, period, total_minor, grant_minor, applicant_minor, authority_minor}]
  grant_minor BIGINT NOT NULL DEFAULT 0,      -- sums of the budget, kept for lists and checks
  applicant_minor BIGINT NOT NULL DEFAULT 0,
  authority_minor BIGINT NOT NULL DEFAULT 0,
  total_minor BIGINT NOT NULL DEFAULT 0,
  confirmed_authority_minor BIGINT,           -- what the authority confirmed; must equal authority_minor
  confirmed_by BIGINT REFERENCES users(id),
  confirmed_at TEXT,
  status TEXT NOT NULL DEFAULT 'draft',       -- draft | submitted | withdrawn
  submitted_at TEXT,
  snapshots INTEGER NOT NULL DEFAULT 0,
  -- evaluation and decision
  consensus_score INTEGER,                    -- hundredths of a point
  consensus_reason TEXT,
  decision TEXT,                              -- award | reserve | reject
  decision_reason TEXT,
  awarded_minor BIGINT,
  decided_by BIGINT REFERENCES users(id),
  decided_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX applications_call ON applications(call_id, status, id);
CREATE INDEX applications_org ON applications(organisation_id, id);
CREATE INDEX applications_authority ON applications(partner_authority_id);

CREATE TABLE application_snapshots (
  id {{ID}},
  application_id BIGINT NOT NULL REFERENCES applications(id),
  number INTEGER NOT NULL,
  body TEXT NOT NULL,                         -- the application as submitted (JSON)
  submitted_by BIGINT REFERENCES users(id),
  submitted_at TEXT NOT NULL,
  UNIQUE (application_id, number)
);

CREATE TABLE evaluations (
  id {{ID}},
  application_id BIGINT NOT NULL REFERENCES applications(id),
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
  UNIQUE (application_id, evaluator_id)
);
CREATE INDEX evaluations_evaluator ON evaluations(evaluator_id, status);

CREATE TABLE grant_agreements (
  id {{ID}},
  application_id BIGINT NOT NULL UNIQUE REFERENCES applications(id),
  call_id BIGINT NOT NULL REFERENCES grant_calls(id),
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  number TEXT NOT NULL UNIQUE,
  amount_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft',       -- draft | signed | completed | terminated
  signed_on TEXT,
  signed_document_id BIGINT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX agreements_call ON grant_agreements(call_id, status);
CREATE INDEX agreements_org ON grant_agreements(organisation_id);

CREATE TABLE agreement_lines (
  id {{ID}},
  agreement_id BIGINT NOT NULL REFERENCES grant_agreements(id),
  position INTEGER NOT NULL,
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  period INTEGER NOT NULL,
  grant_minor BIGINT NOT NULL,
  cofinancing_minor BIGINT NOT NULL
);
CREATE INDEX agreement_lines_agreement ON agreement_lines(agreement_id, position);

CREATE TABLE tranches (
  id {{ID}},
  agreement_id BIGINT NOT NULL REFERENCES grant_agreements(id),
  number INTEGER NOT NULL,
  share_bp INTEGER NOT NULL,
  amount_minor BIGINT NOT NULL,
  condition TEXT NOT NULL,                    -- signature | report_approved
  planned_on TEXT,
  paid_on TEXT,
  paid_minor BIGINT,
  payment_ref TEXT,
  paid_by BIGINT REFERENCES users(id),
  UNIQUE (agreement_id, number)
);

CREATE TABLE grant_reports (
  id {{ID}},
  agreement_id BIGINT NOT NULL REFERENCES grant_agreements(id),
  number INTEGER NOT NULL,                    -- the reporting period
  final INTEGER NOT NULL DEFAULT 0,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'due',         -- due | submitted | returned | approved
  narrative TEXT NOT NULL DEFAULT '{}',       -- JSON {activities, people_served, problems}
  lines TEXT NOT NULL DEFAULT '[]',           -- JSON [{line_id, spent_minor, justification}]
  spent_minor BIGINT NOT NULL DEFAULT 0,
  submitted_at TEXT,
  approved_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  UNIQUE (agreement_id, number)
);
CREATE INDEX grant_reports_due ON grant_reports(status, due_on);

CREATE TABLE report_reviews (
  id {{ID}},
  report_id BIGINT NOT NULL REFERENCES grant_reports(id),
  action TEXT NOT NULL,                       -- submitted | returned | approved
  comments TEXT,
  by_user BIGINT REFERENCES users(id),
  at TEXT NOT NULL
);
CREATE INDEX report_reviews_report ON report_reviews(report_id, id);

CREATE TABLE agreement_amendments (
  id {{ID}},
  agreement_id BIGINT NOT NULL REFERENCES grant_agreements(id),
  number INTEGER NOT NULL,
  kind TEXT NOT NULL,                         -- period | budget
  reason TEXT NOT NULL,
  changes TEXT NOT NULL,                      -- JSON
  share_bp INTEGER NOT NULL DEFAULT 0,        -- budget moved, of the grant
  status TEXT NOT NULL,                       -- applied | pending | approved | rejected
  requested_by BIGINT REFERENCES users(id),
  requested_at TEXT NOT NULL,
  decided_by BIGINT REFERENCES users(id),
  decided_at TEXT,
  UNIQUE (agreement_id, number)
);

CREATE TABLE monitoring_visits (
  id {{ID}},
  agreement_id BIGINT NOT NULL REFERENCES grant_agreements(id),
  visited_on TEXT NOT NULL,
  findings TEXT NOT NULL,
  actions TEXT NOT NULL DEFAULT '[]',         -- JSON [{action, due_on, done}]
  by_user BIGINT REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX visits_agreement ON monitoring_visits(agreement_id, visited_on);

CREATE TABLE notifications (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,                         -- call_published | application_submitted | ...
  entity TEXT NOT NULL,
  entity_id BIGINT,
  params TEXT NOT NULL DEFAULT '{}',          -- JSON for the UI's translated message
  created_at TEXT NOT NULL,
  read_at TEXT,
  emailed_at TEXT
);
CREATE INDEX notifications_user ON notifications(user_id, id);

ALTER TABLE documents ADD COLUMN kind TEXT;   -- a call's required-document code, "signed_agreement", ...
