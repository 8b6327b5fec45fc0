-- The adviser's day (issue 13): reminders of turns, notices of changes,
-- open cover requests, and per service whether swaps and cover need a
-- supervisor's approval.

-- When to remind a user of their turns: 'working_day' (the working day before
-- at 15:00 Helsinki time, the default), 'off', or whole days before the start.
ALTER TABLE users ADD COLUMN reminder TEXT NOT NULL DEFAULT 'working_day'
  CHECK (reminder IN ('off', 'working_day', '1', '2', '7'));

-- Whether a colleague's yes to a swap, give or cover still waits for a
-- supervisor's approval (1, as before) or applies at once (0).
ALTER TABLE services ADD COLUMN swaps_need_approval INTEGER NOT NULL DEFAULT 1
  CHECK (swaps_need_approval IN (0, 1));

-- One row per reminder sent: the key (turn, adviser, start) makes a second
-- send impossible, also after a restart; a moved turn (new start) is a new
-- reminder.
CREATE TABLE turn_reminders (
  turn_id    INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
  adviser_id INTEGER NOT NULL REFERENCES advisers(id) ON DELETE CASCADE,
  start_at   TEXT NOT NULL,
  due_at     TEXT NOT NULL,
  sent_at    TEXT NOT NULL,
  PRIMARY KEY (turn_id, adviser_id, start_at)
) STRICT;

-- What each adviser was last told of their published turns: the scheduler
-- compares it with the roster and sends a notice when a turn moves or goes.
CREATE TABLE turn_notice_state (
  turn_id    INTEGER NOT NULL,
  adviser_id INTEGER NOT NULL REFERENCES advisers(id) ON DELETE CASCADE,
  start_at   TEXT NOT NULL,
  end_at     TEXT NOT NULL,
  service_id INTEGER NOT NULL,
  city_id    INTEGER,
  PRIMARY KEY (turn_id, adviser_id)
) STRICT;

-- "Offer my turn to anyone": open to every eligible colleague, taken by the
-- first to accept (a conditional UPDATE on status and version), then approved
-- by a supervisor of the turn's city unless the service needs no approval.
CREATE TABLE cover_requests (
  id           INTEGER PRIMARY KEY,
  turn_id      INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
  requester_id INTEGER NOT NULL REFERENCES advisers(id),
  taker_id     INTEGER REFERENCES advisers(id),
  message      TEXT NOT NULL DEFAULT '' CHECK (length(message) <= 500),
  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'taken', 'approved', 'declined', 'cancelled')),
  expires_at   TEXT NOT NULL,
  requested_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at   TEXT NOT NULL,
  taken_at     TEXT,
  decided_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  decided_at   TEXT,
  version      INTEGER NOT NULL DEFAULT 1,
  CHECK (taker_id IS NULL OR taker_id <> requester_id),
  CHECK ((status IN ('open', 'cancelled')) OR taker_id IS NOT NULL)
) STRICT;
CREATE INDEX cover_requests_open ON cover_requests(status, expires_at);
CREATE INDEX cover_requests_turn ON cover_requests(turn_id, status);
