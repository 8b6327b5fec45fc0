-- The supervisors' planning period: a date range planned together, each
-- city's acceptance of its part, and a change log that can name its object.

-- A range being planned. Generating a range creates it (or refreshes it when
-- the same range is generated again); publishing it sets published_at.
CREATE TABLE planning_periods (
  id           INTEGER PRIMARY KEY,
  from_date    TEXT NOT NULL CHECK (date(from_date) = from_date),
  to_date      TEXT NOT NULL CHECK (date(to_date) = to_date),
  created_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at   TEXT NOT NULL,
  generated_at TEXT NOT NULL,
  published_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  published_at TEXT,
  version      INTEGER NOT NULL DEFAULT 1,
  CHECK (to_date >= from_date),
  UNIQUE (from_date, to_date)
) STRICT;
CREATE INDEX planning_periods_open ON planning_periods(published_at, from_date);

-- A city's supervisor (or an admin) accepted the city's part of a range as it
-- was then: fingerprint identifies that part (its turns, their versions and
-- advisers). Any later change to the part makes the fingerprint differ and
-- the acceptance is withdrawn (status 'withdrawn', with when and why).
CREATE TABLE city_acceptances (
  id             INTEGER PRIMARY KEY,
  from_date      TEXT NOT NULL CHECK (date(from_date) = from_date),
  to_date        TEXT NOT NULL CHECK (date(to_date) = to_date),
  city_id        INTEGER NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
  fingerprint    TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'accepted' CHECK (status IN ('accepted', 'withdrawn', 'published')),
  accepted_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  accepted_at    TEXT NOT NULL,
  withdrawn_at   TEXT,
  withdrawn_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  CHECK (to_date >= from_date)
) STRICT;
CREATE INDEX city_acceptances_range ON city_acceptances(city_id, status, from_date, to_date);

-- The change log names its object: object_type/object_ref hold structured
-- data (ids, dates, codes as JSON) from which the reader's language renders a
-- label such as "Phone Mon 7.12.2026 9–12, Espoo" at read time; summary_key
-- names the sentence. Older rows keep NULL and are shown from kind/entity.
ALTER TABLE audit_log ADD COLUMN object_type TEXT;
ALTER TABLE audit_log ADD COLUMN object_ref TEXT;
ALTER TABLE audit_log ADD COLUMN override_reason TEXT;
CREATE INDEX audit_log_user ON audit_log(user_id, at);
