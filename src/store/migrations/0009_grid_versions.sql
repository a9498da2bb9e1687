-- The month grid is saved against its version (If-Match), like every versioned record: a month
-- that was saved keeps its row (also when emptied), and its version goes up with every save.
ALTER TABLE delivery_months ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
