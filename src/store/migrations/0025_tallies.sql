-- Aggregates kept in the same transaction as the records they count (decision 0024): sums and counts
-- per measure × period × place × combination of categories, and, for distinct counts, each member's
-- weight (how many records make it present) so that the count moves only when a weight crosses zero.
CREATE TABLE tally_values (
  measure TEXT NOT NULL,
  period TEXT NOT NULL,        -- 2026-03 | 2026-Q1 | 2026 | a programme's own period
  place TEXT NOT NULL,         -- a district's code, or MD for the whole country
  dims TEXT NOT NULL,          -- the categories, as a canonical key ('' for none)
  value BIGINT NOT NULL,
  PRIMARY KEY (measure, period, place, dims)
);
CREATE TABLE tally_members (
  measure TEXT NOT NULL,
  period TEXT NOT NULL,
  place TEXT NOT NULL,
  member BIGINT NOT NULL,
  dims TEXT NOT NULL,
  weight BIGINT NOT NULL,
  PRIMARY KEY (measure, period, place, member)
);
CREATE INDEX tally_members_member ON tally_members(measure, member);
