-- Referrals of a person between services and organisations. A referral carries a snapshot of what
-- the person's consent allows to share (never the identity); the receiving side accepts it (which
-- enrols the person, or puts them on the waiting list) or declines it with a reason.
CREATE TABLE referrals (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  from_organisation_id BIGINT REFERENCES organisations(id),
  from_user_id BIGINT NOT NULL REFERENCES users(id),
  to_service_id BIGINT NOT NULL REFERENCES service_units(id),
  reason TEXT NOT NULL,
  shared TEXT NOT NULL,                        -- JSON: what the consent allowed to send
  status TEXT NOT NULL DEFAULT 'pending',      -- pending | accepted | declined | cancelled
  decided_by BIGINT REFERENCES users(id),
  decided_on TEXT,
  decline_reason TEXT,
  enrolment_id BIGINT REFERENCES enrolments(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX referrals_person ON referrals(person_id);
CREATE INDEX referrals_to_service ON referrals(to_service_id, status);
CREATE INDEX referrals_from_org ON referrals(from_organisation_id, status);

-- Units delivered per service and month, kept by the month grid's save (which replaces a month
-- whole): the overview sums months instead of millions of delivery rows.
CREATE TABLE delivery_months (
  service_id BIGINT NOT NULL REFERENCES service_units(id),
  month TEXT NOT NULL,                         -- YYYY-MM
  records INTEGER NOT NULL,
  units BIGINT NOT NULL,
  people INTEGER NOT NULL,
  PRIMARY KEY (service_id, month)
);

-- The people an organisation registered (the first set of the need-to-know rule).
CREATE INDEX people_organisation ON people(organisation_id);
