-- Social services and the people they serve. A person's identity (name, IDNP, birth date, address,
-- representative) is one encrypted blob (XChaCha20-Poly1305, key outside the database); duplicate
-- checks use keyed hashes of the IDNP and of name + birth date, never the clear values. What the
-- aggregates count (sex, birth year, disability, target groups, district) stays in clear.

CREATE TABLE service_types (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,                    -- JSON {"ro","ru","en"}
  level TEXT NOT NULL,                   -- primary | specialised | highly_specialised
  unit TEXT NOT NULL,                    -- day | hour | visit | place_month
  target_groups TEXT NOT NULL DEFAULT '',-- ",code," list
  position INTEGER NOT NULL
);

INSERT INTO service_types (code, name, level, unit, target_groups, position) VALUES
('personal_assistance', '{"ro":"Asistență personală","ru":"Личная ассистенция","en":"Personal assistance"}', 'specialised', 'hour', ',intellectual_disability,psychosocial_disability,physical_disability,sensory_disability,', 1),
('protected_housing', '{"ro":"Locuință protejată","ru":"Защищённое жильё","en":"Protected housing"}', 'specialised', 'place_month', ',intellectual_disability,psychosocial_disability,deinstitutionalised,', 2),
('community_home', '{"ro":"Casă comunitară","ru":"Общинный дом","en":"Community home"}', 'specialised', 'place_month', ',intellectual_disability,psychosocial_disability,deinstitutionalised,', 3),
('mobile_team', '{"ro":"Echipă mobilă","ru":"Мобильная бригада","en":"Mobile team"}', 'specialised', 'visit', ',intellectual_disability,psychosocial_disability,physical_disability,sensory_disability,', 4),
('day_centre_children', '{"ro":"Centru de zi pentru copii în situație de risc","ru":"Дневной центр для детей группы риска","en":"Day centre for children at risk"}', 'specialised', 'day', ',children_at_risk,families_with_children,', 5),
('day_centre_disability', '{"ro":"Centru de zi pentru persoane cu dizabilități","ru":"Дневной центр для людей с инвалидностью","en":"Day centre for people with disabilities"}', 'specialised', 'day', ',intellectual_disability,psychosocial_disability,physical_disability,sensory_disability,', 6),
('respite', '{"ro":"Respiro","ru":"Респиро (временный отдых)","en":"Respite care"}', 'specialised', 'day', ',intellectual_disability,psychosocial_disability,physical_disability,families_with_children,', 7),
('parental_assistance', '{"ro":"Asistență parentală profesionistă","ru":"Профессиональная родительская забота","en":"Professional parental assistance"}', 'highly_specialised', 'place_month', ',children_without_parental_care,children_at_risk,', 8),
('family_type_home', '{"ro":"Casă de copii de tip familial","ru":"Детский дом семейного типа","en":"Family-type children''s home"}', 'highly_specialised', 'place_month', ',children_without_parental_care,', 9),
('family_support', '{"ro":"Sprijin pentru familiile cu copii","ru":"Поддержка семей с детьми","en":"Support for families with children"}', 'primary', 'visit', ',families_with_children,children_at_risk,', 10),
('home_care', '{"ro":"Îngrijire socială la domiciliu","ru":"Социальный уход на дому","en":"Home care"}', 'primary', 'hour', ',elderly,physical_disability,sensory_disability,', 11),
('temporary_placement', '{"ro":"Plasament temporar","ru":"Временное размещение","en":"Temporary placement"}', 'highly_specialised', 'place_month', ',children_without_parental_care,children_at_risk,domestic_violence,homeless,', 12);

CREATE TABLE service_units (
  id {{ID}},
  type_code TEXT NOT NULL REFERENCES service_types(code),
  name TEXT NOT NULL,
  name_search TEXT NOT NULL,
  provider_organisation_id BIGINT REFERENCES organisations(id),
  provider_authority_id BIGINT REFERENCES authorities(id),
  partner_authority_id BIGINT REFERENCES authorities(id),
  district TEXT NOT NULL,
  locality TEXT,
  capacity INTEGER NOT NULL,
  opened_on TEXT,
  status TEXT NOT NULL DEFAULT 'planned',      -- planned | active | suspended | closed
  accreditation_number TEXT,
  accredited_on TEXT,
  accreditation_expires_on TEXT,
  staff_positions TEXT NOT NULL DEFAULT '[]',  -- JSON [{title, fte_hundredths}]
  funding TEXT NOT NULL DEFAULT '[]',          -- JSON [{source, agreement_id, note}]
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX service_units_district ON service_units(district);
CREATE INDEX service_units_provider ON service_units(provider_organisation_id);

-- The case workers of a service (they see the people enrolled in it).
CREATE TABLE service_staff (
  service_id BIGINT NOT NULL REFERENCES service_units(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (service_id, user_id)
);

CREATE TABLE people (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,                   -- pseudonymous code shown by default ("P-7K3M9Q")
  identity TEXT NOT NULL,                      -- base64(nonce || XChaCha20-Poly1305(JSON identity))
  idnp_hash TEXT,                              -- keyed BLAKE2b of the IDNP (duplicate check)
  name_dob_hash TEXT NOT NULL,                 -- keyed BLAKE2b of folded name + birth date
  sex TEXT NOT NULL,                           -- female | male
  birth_year INTEGER NOT NULL,
  disability_type TEXT,                        -- intellectual | psychosocial | physical | sensory | multiple
  disability_degree TEXT,                      -- severe | accentuated | medium
  target_groups TEXT NOT NULL DEFAULT '',      -- ",code," list
  district TEXT NOT NULL,
  locality TEXT,
  organisation_id BIGINT REFERENCES organisations(id),   -- the organisation that registered the person
  case_worker_id BIGINT REFERENCES users(id),
  status TEXT NOT NULL DEFAULT 'active',       -- active | anonymised
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX people_idnp ON people(idnp_hash);
CREATE INDEX people_name_dob ON people(name_dob_hash);
CREATE INDEX people_case_worker ON people(case_worker_id);
CREATE INDEX people_district ON people(district);

CREATE TABLE consents (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  purposes TEXT NOT NULL,                      -- ",code," list: services, data_processing, sharing, photos
  shared_with TEXT NOT NULL DEFAULT '',        -- ",organisation id," list the data may go to
  given_on TEXT NOT NULL,
  given_by TEXT NOT NULL,                      -- person | legal_representative
  withdrawn_on TEXT,
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX consents_person ON consents(person_id);

CREATE TABLE enrolments (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  service_id BIGINT NOT NULL REFERENCES service_units(id),
  status TEXT NOT NULL,                        -- waiting | active | exited
  requested_on TEXT NOT NULL,
  started_on TEXT,
  ended_on TEXT,
  exit_reason TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX enrolments_service ON enrolments(service_id, status);
CREATE INDEX enrolments_person ON enrolments(person_id);
