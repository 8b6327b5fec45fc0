-- vuoro initial schema. Instants are UTC ISO-8601 strings ending in Z;
-- dates (YYYY-MM-DD) and wall times (HH:MM) are local to Europe/Helsinki.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE cities (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z]*' AND length(code) <= 40),
  name_fi    TEXT NOT NULL CHECK (length(name_fi) BETWEEN 1 AND 100),
  name_sv    TEXT NOT NULL CHECK (length(name_sv) BETWEEN 1 AND 100),
  name_en    TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
  colour     TEXT NOT NULL DEFAULT '#005a9c' CHECK (colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version    INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE services (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z]*' AND length(code) <= 40),
  name_fi       TEXT NOT NULL CHECK (length(name_fi) BETWEEN 1 AND 100),
  name_sv       TEXT NOT NULL CHECK (length(name_sv) BETWEEN 1 AND 100),
  name_en       TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
  rotation_unit TEXT NOT NULL CHECK (rotation_unit IN ('turn', 'day', 'week')),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- The weekly pattern of a service: one row per turn of the week.
CREATE TABLE turn_templates (
  id                INTEGER PRIMARY KEY,
  service_id        INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  weekday           INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7), -- ISO: 1 = Monday
  start_time        TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  end_time          TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  headcount         INTEGER NOT NULL CHECK (headcount BETWEEN 1 AND 50),
  required_language TEXT CHECK (required_language IS NULL OR required_language GLOB '[a-z][a-z]'),
  CHECK (end_time > start_time)
) STRICT;
CREATE INDEX turn_templates_service ON turn_templates(service_id, weekday);

-- A city's share of a service from valid_from on; the newest row not after a
-- date is the share in force on that date, so earlier periods keep theirs.
CREATE TABLE shares (
  service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  city_id    INTEGER NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
  valid_from TEXT NOT NULL CHECK (date(valid_from) = valid_from),
  share      REAL NOT NULL CHECK (share >= 0 AND share <= 1),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (service_id, city_id, valid_from)
) STRICT;

CREATE TABLE advisers (
  id                 INTEGER PRIMARY KEY,
  city_id            INTEGER NOT NULL REFERENCES cities(id),
  name               TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email              TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  max_hours_per_week REAL NOT NULL CHECK (max_hours_per_week > 0 AND max_hours_per_week <= 60),
  active             INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  active_from        TEXT CHECK (active_from IS NULL OR date(active_from) = active_from),
  active_to          TEXT CHECK (active_to IS NULL OR date(active_to) = active_to),
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (active_from IS NULL OR active_to IS NULL OR active_from <= active_to)
) STRICT;
CREATE INDEX advisers_city ON advisers(city_id);

CREATE TABLE adviser_skills (
  adviser_id INTEGER NOT NULL REFERENCES advisers(id) ON DELETE CASCADE,
  service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  PRIMARY KEY (adviser_id, service_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE adviser_languages (
  adviser_id INTEGER NOT NULL REFERENCES advisers(id) ON DELETE CASCADE,
  language   TEXT NOT NULL CHECK (language GLOB '[a-z][a-z]'),
  PRIMARY KEY (adviser_id, language)
) STRICT, WITHOUT ROWID;

CREATE TABLE adviser_weekday_preferences (
  adviser_id INTEGER NOT NULL REFERENCES advisers(id) ON DELETE CASCADE,
  weekday    INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  preference TEXT NOT NULL CHECK (preference IN ('desired', 'undesired')),
  PRIMARY KEY (adviser_id, weekday)
) STRICT, WITHOUT ROWID;

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 1 AND 64),
  display_name  TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'adviser')),
  city_id       INTEGER REFERENCES cities(id),
  adviser_id    INTEGER UNIQUE REFERENCES advisers(id),
  language      TEXT CHECK (language IS NULL OR language IN ('fi', 'sv', 'en')),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (role <> 'supervisor' OR city_id IS NOT NULL),
  CHECK (role <> 'adviser' OR adviser_id IS NOT NULL)
) STRICT;

CREATE TABLE absences (
  id         INTEGER PRIMARY KEY,
  adviser_id INTEGER NOT NULL REFERENCES advisers(id) ON DELETE CASCADE,
  from_date  TEXT NOT NULL CHECK (date(from_date) = from_date),
  to_date    TEXT NOT NULL CHECK (date(to_date) = to_date),
  reason     TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 200),
  version    INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (from_date <= to_date)
) STRICT;
CREATE INDEX absences_adviser ON absences(adviser_id, from_date);
CREATE INDEX absences_dates ON absences(to_date, from_date);

-- Closures an admin adds; public holidays and the default closures
-- (Midsummer Eve, Christmas Eve) are computed, not stored.
CREATE TABLE closures (
  id         INTEGER PRIMARY KEY,
  date       TEXT NOT NULL UNIQUE CHECK (date(date) = date),
  name_fi    TEXT NOT NULL CHECK (length(name_fi) BETWEEN 1 AND 100),
  name_sv    TEXT NOT NULL CHECK (length(name_sv) BETWEEN 1 AND 100),
  name_en    TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- Server-side sessions. Only an HMAC of the session id is stored, so a copy
-- of the database cannot be replayed as cookies.
CREATE TABLE sessions (
  id_hash      TEXT PRIMARY KEY,
  user_id      INTEGER REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  language     TEXT CHECK (language IS NULL OR language IN ('fi', 'sv', 'en')),
  flash        TEXT,
  created_at   INTEGER NOT NULL, -- epoch ms
  last_seen_at INTEGER NOT NULL  -- epoch ms
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_last_seen ON sessions(last_seen_at);

CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  label        TEXT NOT NULL DEFAULT '' CHECK (length(label) <= 100),
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  last_used_at TEXT,
  revoked_at   TEXT
) STRICT;

CREATE TABLE calendar_tokens (
  id         INTEGER PRIMARY KEY,
  scope      TEXT NOT NULL CHECK (scope IN ('adviser', 'city', 'service')),
  target_id  INTEGER NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revoked_at TEXT
) STRICT;
CREATE INDEX calendar_tokens_target ON calendar_tokens(scope, target_id);

-- One instance of a service's pattern. city_id is the city holding the turn
-- (level 1); assignments are the advisers on it (level 2).
CREATE TABLE turns (
  id                INTEGER PRIMARY KEY,
  service_id        INTEGER NOT NULL REFERENCES services(id),
  template_id       INTEGER REFERENCES turn_templates(id) ON DELETE SET NULL,
  date              TEXT NOT NULL CHECK (date(date) = date),
  start_at          TEXT NOT NULL,
  end_at            TEXT NOT NULL,
  headcount         INTEGER NOT NULL CHECK (headcount BETWEEN 1 AND 50),
  required_language TEXT,
  city_id           INTEGER REFERENCES cities(id),
  city_pinned       INTEGER NOT NULL DEFAULT 0 CHECK (city_pinned IN (0, 1)),
  status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  version           INTEGER NOT NULL DEFAULT 1,
  published_at      TEXT,
  updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_by        INTEGER REFERENCES users(id) ON DELETE SET NULL,
  CHECK (end_at > start_at),
  UNIQUE (service_id, start_at)
) STRICT;
CREATE INDEX turns_start ON turns(start_at);
CREATE INDEX turns_date ON turns(date, service_id);
CREATE INDEX turns_city ON turns(city_id, service_id, start_at);

CREATE TABLE assignments (
  id         INTEGER PRIMARY KEY,
  turn_id    INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
  adviser_id INTEGER NOT NULL REFERENCES advisers(id),
  pinned     INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (turn_id, adviser_id)
) STRICT;
CREATE INDEX assignments_adviser ON assignments(adviser_id, turn_id);

CREATE TABLE publications (
  id              INTEGER PRIMARY KEY,
  from_date       TEXT NOT NULL,
  to_date         TEXT NOT NULL,
  turns_count     INTEGER NOT NULL,
  published_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  published_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  override_reason TEXT
) STRICT;

-- Who changed what, when: before and after as JSON.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  kind       TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  INTEGER,
  city_id    INTEGER,
  adviser_id INTEGER,
  before     TEXT,
  after      TEXT
) STRICT;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_adviser ON audit_log(adviser_id, at);
