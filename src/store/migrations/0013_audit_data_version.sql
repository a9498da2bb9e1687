-- The data's version each change produced, on its audit row (audit.cpp): the audit trail is then
-- the log of what changed between two versions, in commit order on every engine (the version is
-- taken under the data_versions row's lock), so that a kept aggregate can recompute only the parts
-- a change touched (services' overview, platform/kept_states.hpp). Audited reads keep NULL.
ALTER TABLE audit_log ADD COLUMN data_version BIGINT;
CREATE INDEX audit_data_version ON audit_log(data_version);
