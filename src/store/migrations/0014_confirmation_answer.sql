-- The partner authority's answer kept whole (issue 12): the note it wrote with a confirmation or a
-- decline, and when it declined, so that its home no longer lists an application it answered and the
-- applicant reads the note.
ALTER TABLE applications ADD COLUMN confirmation_note TEXT;
ALTER TABLE applications ADD COLUMN declined_at TEXT;
