-- One explicit version of the data that every change bumps (audit.cpp, in the change's own
-- transaction; reads that are audited do not): kept answers (platform/kept_answers.hpp) are valid for
-- the version they were computed at. An UPDATE of one row orders the versions by commit on every
-- engine, which the newest audit id did not on PostgreSQL (ids are handed out before commit).
CREATE TABLE data_versions (
  scope TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO data_versions (scope, version) VALUES ('all', 1);
