-- Feedback sent through the accessibility statement's form (law 306/2019
-- requires a feedback channel; the answer is due within 14 days, so the
-- time it arrived and when it was handled are kept).
CREATE TABLE accessibility_feedback (
  id         INTEGER PRIMARY KEY,
  message    TEXT NOT NULL CHECK (length(message) BETWEEN 1 AND 4000),
  email      TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
  page       TEXT CHECK (page IS NULL OR length(page) <= 500),
  language   TEXT NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
  user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  handled_at TEXT
) STRICT;
CREATE INDEX accessibility_feedback_created ON accessibility_feedback(created_at);
