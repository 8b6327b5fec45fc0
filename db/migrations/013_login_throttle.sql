-- Failed sign-ins, counted in the database rather than per process, so the
-- limits hold across restarts and several server processes. Counters are
-- fixed windows starting at the first attempt: per user name and address
-- pair (tight), per user name (a slower ceiling) and per address (spraying).
CREATE TABLE login_throttle (
  scope TEXT NOT NULL CHECK (scope IN ('pair', 'user', 'address')),
  key TEXT NOT NULL,
  window_start INTEGER NOT NULL, -- ms since the epoch
  attempts INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE INDEX login_throttle_window ON login_throttle (window_start);

-- Addresses a user has signed in from: they stay open to that user when the
-- per-user ceiling is reached, so guessing from elsewhere cannot lock them out.
CREATE TABLE login_known_addresses (
  username TEXT NOT NULL,
  address TEXT NOT NULL,
  last_success_at INTEGER NOT NULL, -- ms since the epoch
  PRIMARY KEY (username, address)
) WITHOUT ROWID;
CREATE INDEX login_known_addresses_age ON login_known_addresses (last_success_at);
