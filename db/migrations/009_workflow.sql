-- Planning together: what was published (to show what a publication changes),
-- turns moving between cities, and swaps between advisers.

-- The advisers of each published turn as they were last published or changed
-- while published. A publication diffs the drafts against it, per adviser.
CREATE TABLE published_assignments (
  turn_id    INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
  adviser_id INTEGER NOT NULL,
  PRIMARY KEY (turn_id, adviser_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX published_assignments_adviser ON published_assignments(adviser_id, turn_id);

INSERT INTO published_assignments (turn_id, adviser_id)
  SELECT a.turn_id, a.adviser_id FROM assignments a JOIN turns t ON t.id = a.turn_id WHERE t.status = 'published';

-- A turn moves to another city only when that city's supervisor accepts.
-- turn_version is the version the request was made from: a turn changed
-- since then cannot be moved by accepting it.
CREATE TABLE city_move_requests (
  id           INTEGER PRIMARY KEY,
  turn_id      INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
  from_city_id INTEGER REFERENCES cities(id),
  to_city_id   INTEGER NOT NULL REFERENCES cities(id),
  turn_version INTEGER NOT NULL,
  reason       TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  requested_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  requested_at TEXT NOT NULL,
  decided_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  decided_at   TEXT,
  version      INTEGER NOT NULL DEFAULT 1,
  CHECK (from_city_id IS NULL OR from_city_id <> to_city_id)
) STRICT;
CREATE INDEX city_move_requests_status ON city_move_requests(status, to_city_id);
CREATE INDEX city_move_requests_turn ON city_move_requests(turn_id);

-- An adviser gives a turn to a colleague or swaps it for one of theirs; the
-- colleague answers, then the supervisors of the cities concerned approve.
-- Expiry is not stored: a request still open when its first turn starts is
-- expired, computed on read.
CREATE TABLE swap_requests (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('give', 'swap')),
  turn_id       INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
  requester_id  INTEGER NOT NULL REFERENCES advisers(id),
  target_id     INTEGER NOT NULL REFERENCES advisers(id),
  other_turn_id INTEGER REFERENCES turns(id) ON DELETE CASCADE,
  message       TEXT NOT NULL DEFAULT '' CHECK (length(message) <= 500),
  status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'refused', 'approved', 'declined', 'cancelled')),
  expires_at    TEXT NOT NULL,
  requested_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at    TEXT NOT NULL,
  responded_at  TEXT,
  decided_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  decided_at    TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  CHECK ((kind = 'swap') = (other_turn_id IS NOT NULL)),
  CHECK (requester_id <> target_id)
) STRICT;
CREATE INDEX swap_requests_requester ON swap_requests(requester_id, status);
CREATE INDEX swap_requests_target ON swap_requests(target_id, status);
CREATE INDEX swap_requests_status ON swap_requests(status, expires_at);

-- One row per city whose supervisor has approved a swap.
CREATE TABLE swap_approvals (
  swap_id     INTEGER NOT NULL REFERENCES swap_requests(id) ON DELETE CASCADE,
  city_id     INTEGER NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
  user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  approved_at TEXT NOT NULL,
  PRIMARY KEY (swap_id, city_id)
) STRICT, WITHOUT ROWID;
