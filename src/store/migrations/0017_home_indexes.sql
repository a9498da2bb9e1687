-- What each home and the people lists look up by (issue 12, measured by make bench at national
-- scale): the services a case worker is on the staff of, those an authority provides, a pathway's
-- follow-ups.
CREATE INDEX service_staff_user ON service_staff(user_id);
CREATE INDEX service_units_provider_authority ON service_units(provider_authority_id);
CREATE INDEX pathway_followups_pathway ON pathway_followups(pathway_id, done_on);
