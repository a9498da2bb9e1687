-- Service delivered: units per person and day (activity, mode, staff). A service's month is saved
-- whole from the delivery grid (people × days), all or nothing.
CREATE TABLE deliveries (
  id {{ID}},
  service_id BIGINT NOT NULL REFERENCES service_units(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  on_date TEXT NOT NULL,                       -- YYYY-MM-DD
  units INTEGER NOT NULL,                      -- in the service type's unit (days, hours, visits…)
  mode TEXT NOT NULL DEFAULT 'in_person',      -- in_person | remote
  activity TEXT,
  staff_id BIGINT REFERENCES users(id),
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX deliveries_service_date ON deliveries(service_id, on_date);
CREATE INDEX deliveries_person ON deliveries(person_id, on_date);
