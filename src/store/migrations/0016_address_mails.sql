-- An e-mail to someone who has no account (issue 12): the answer to a declined account request. The
-- same sender as the notifications' sends it, in the language the person wrote in, where SMTP is
-- configured; the text is the UI's notif.<kind>.
CREATE TABLE address_mails (
  id {{ID}},
  email TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'ro',
  kind TEXT NOT NULL,
  params TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX address_mails_unsent ON address_mails(sent_at, created_at);
