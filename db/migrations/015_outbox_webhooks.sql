-- The outbox, signed webhooks and calendar invitations (issue 12).

-- Registered webhook endpoints. The secret is kept as it was given out: it
-- signs every delivery, so it must be recoverable (unlike login tokens, whose
-- hash is enough). It is shown once, at creation. Deleting keeps the row
-- (deleted_at) so the delivery log still names the endpoint.
CREATE TABLE webhooks (
  id                   INTEGER PRIMARY KEY,
  url                  TEXT NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
  events               TEXT NOT NULL CHECK (json_valid(events)),
  format               TEXT NOT NULL CHECK (format IN ('json', 'teams')),
  -- The language of Teams cards (JSON deliveries carry codes, not words).
  language             TEXT NOT NULL DEFAULT 'fi' CHECK (language IN ('fi', 'sv', 'en')),
  secret               TEXT NOT NULL,
  active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  disabled_at          TEXT,
  created_by           INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at           TEXT NOT NULL,
  deleted_at           TEXT,
  version              INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Every email and webhook delivery, written in the transaction of the change
-- that causes it and delivered afterwards by the worker. A claim pushes
-- next_attempt_at past a lease instead of marking the row busy, so a process
-- killed mid-delivery leaves a row that becomes due again by itself.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('mail', 'webhook')),
  idempotency_key TEXT NOT NULL UNIQUE,
  recipient       TEXT NOT NULL,
  label           TEXT NOT NULL,
  payload         TEXT NOT NULL,
  notification_id INTEGER REFERENCES notifications(id) ON DELETE SET NULL,
  webhook_id      INTEGER REFERENCES webhooks(id) ON DELETE CASCADE,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_attempt_at TEXT,
  last_error      TEXT,
  last_status     INTEGER,
  created_at      TEXT NOT NULL,
  sent_at         TEXT,
  CHECK ((kind = 'webhook') = (webhook_id IS NOT NULL))
) STRICT;
CREATE INDEX outbox_due ON outbox(next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX outbox_recent ON outbox(created_at, id);
CREATE INDEX outbox_webhook ON outbox(webhook_id, id) WHERE webhook_id IS NOT NULL;

-- Small facts the worker keeps between runs (e.g. up to when turn starts were announced).
CREATE TABLE worker_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- A user's own choice about calendar invitations; no row: the deployment's default (CALENDAR_INVITES).
CREATE TABLE calendar_invite_settings (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1))
) STRICT;
