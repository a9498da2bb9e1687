-- A monthly report keeps the version of each delivery-log month it was generated from (its own month and
-- every approved month whose corrections it weighed), so that the next month reads again only the
-- months whose log changed since an approval saw them.
ALTER TABLE contract_reports ADD COLUMN log_seen TEXT;
