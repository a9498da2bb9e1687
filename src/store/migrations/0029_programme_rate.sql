-- A programme's reporting exchange rate (issue 15): MDL for one EUR, in millionths, as the programme
-- reports at (e.g. the donor's rate for the period). Converts the grants paid in EUR when public money's
-- share of service funding is read; none: those grants are left out of the share, and it says so.
ALTER TABLE programmes ADD COLUMN mdl_per_eur_ppm BIGINT;
