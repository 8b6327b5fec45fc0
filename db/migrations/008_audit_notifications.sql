-- The change log's reader side and the in-app inbox.

-- Every adviser a change touches (a turn moving from Anna to Bertil touches
-- both), so "my changes" finds them without searching the JSON. No foreign
-- key: the log outlives the advisers it mentions.
CREATE TABLE audit_log_advisers (
  audit_id   INTEGER NOT NULL REFERENCES audit_log(id) ON DELETE CASCADE,
  adviser_id INTEGER NOT NULL,
  PRIMARY KEY (audit_id, adviser_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX audit_log_advisers_adviser ON audit_log_advisers(adviser_id, audit_id);
CREATE INDEX audit_log_kind ON audit_log(kind, at);
CREATE INDEX audit_log_city ON audit_log(city_id, at);

-- When a user last opened "my changes": later rows are shown as new.
CREATE TABLE change_views (
  user_id      INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  last_seen_at TEXT NOT NULL
) STRICT;

-- The inbox. Subject and body are stored already translated into the
-- recipient's language, as they were sent. An adviser without a user account
-- still gets the email, so user_id may be null; mail_status lets the sender
-- claim a row once, after the writing transaction has committed.
CREATE TABLE notifications (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER REFERENCES users(id) ON DELETE CASCADE,
  adviser_id  INTEGER REFERENCES advisers(id) ON DELETE SET NULL,
  email       TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
  language    TEXT NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
  subject     TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
  body        TEXT NOT NULL CHECK (length(body) <= 10000),
  mail_status TEXT NOT NULL CHECK (mail_status IN ('none', 'pending', 'sending', 'sent', 'failed')),
  created_at  TEXT NOT NULL,
  read_at     TEXT,
  CHECK (user_id IS NOT NULL OR email IS NOT NULL)
) STRICT;
CREATE INDEX notifications_user ON notifications(user_id, created_at);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_pending ON notifications(mail_status) WHERE mail_status IN ('pending', 'sending');
