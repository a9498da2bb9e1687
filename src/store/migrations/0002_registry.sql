-- The registry: administrative units, organisations, authorities, partnerships and their documents.
CREATE TABLE admin_units (
  code TEXT PRIMARY KEY,                 -- ISO 3166-2:MD (level 2) or "<district>-NNN" (level 1)
  name TEXT NOT NULL,
  name_search TEXT NOT NULL,
  level INTEGER NOT NULL,                -- 2: district, municipality, ATU; 1: town, commune, village
  kind TEXT NOT NULL,
  parent_code TEXT REFERENCES admin_units(code),
  region TEXT,
  svg_id TEXT,
  valid_from TEXT NOT NULL,              -- units merge (amalgamation): versioned, never deleted
  valid_to TEXT,
  successor_code TEXT REFERENCES admin_units(code)
);
CREATE INDEX admin_units_parent ON admin_units(parent_code, name_search);

CREATE TABLE organisations (
  id {{ID}},
  name TEXT NOT NULL,
  name_search TEXT NOT NULL,             -- fold_for_search(name + short name)
  short_name TEXT,
  legal_form TEXT NOT NULL,
  idno TEXT NOT NULL UNIQUE,
  registered_on TEXT,
  address TEXT,
  district TEXT NOT NULL REFERENCES admin_units(code),
  locality TEXT REFERENCES admin_units(code),
  email TEXT,
  phone TEXT,
  website TEXT,
  fields TEXT NOT NULL DEFAULT '',        -- ",code,code," so LIKE '%,code,%' finds one
  target_groups TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active',
  description TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX organisations_district_name ON organisations(district, name_search, id);
CREATE INDEX organisations_name ON organisations(name_search, id);
CREATE INDEX organisations_status_name ON organisations(status, name_search, id);

CREATE TABLE authorities (
  id {{ID}},
  name TEXT NOT NULL,
  name_search TEXT NOT NULL,
  kind TEXT NOT NULL,
  level TEXT NOT NULL,                   -- local | district | central
  unit_code TEXT REFERENCES admin_units(code),
  district TEXT REFERENCES admin_units(code),
  idno TEXT UNIQUE,
  address TEXT,
  email TEXT,
  phone TEXT,
  head_name TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX authorities_district_name ON authorities(district, name_search, id);
CREATE INDEX authorities_name ON authorities(name_search, id);

CREATE TABLE partnerships (
  id {{ID}},
  title TEXT NOT NULL,
  title_search TEXT NOT NULL,
  purpose TEXT,
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  status TEXT NOT NULL DEFAULT 'draft',
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX partnerships_title ON partnerships(title_search, id);

CREATE TABLE partnership_parties (
  id {{ID}},
  partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
  position INTEGER NOT NULL,
  organisation_id BIGINT REFERENCES organisations(id),
  authority_id BIGINT REFERENCES authorities(id),
  role TEXT NOT NULL,
  contribution_minor BIGINT NOT NULL DEFAULT 0,
  currency TEXT NOT NULL DEFAULT 'MDL',
  contribution_kind TEXT NOT NULL DEFAULT 'cash',
  CHECK ((organisation_id IS NULL) <> (authority_id IS NULL)),
  CHECK (contribution_minor >= 0)
);
CREATE INDEX parties_partnership ON partnership_parties(partnership_id, position);
CREATE INDEX parties_organisation ON partnership_parties(organisation_id);
CREATE INDEX parties_authority ON partnership_parties(authority_id);

CREATE TABLE documents (
  id {{ID}},
  owner_type TEXT NOT NULL,              -- partnership | ...
  owner_id BIGINT NOT NULL,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,                  -- also the stored file's name under data/files/
  uploaded_by BIGINT REFERENCES users(id),
  uploaded_at TEXT NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX documents_owner ON documents(owner_type, owner_id);
