import type { Db } from '../../db/connection.js';

/** What one delivery attempt of an outbox row came to (mail or webhook). */
export type Outcome = { ok: true; httpStatus?: number; logged?: boolean } | { ok: false; error: string; httpStatus?: number };

export type OutboxKind = 'mail' | 'webhook';
export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'cancelled';

export interface OutboxRow {
  id: number;
  kind: OutboxKind;
  idempotency_key: string;
  recipient: string;
  label: string;
  payload: string;
  notification_id: number | null;
  webhook_id: number | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_attempt_at: string | null;
  last_error: string | null;
  last_status: number | null;
  created_at: string;
  sent_at: string | null;
}

export interface NewOutboxRow {
  kind: OutboxKind;
  key: string;
  recipient: string;
  label: string;
  payload: string;
  notificationId: number | null;
  webhookId: number | null;
  at: string;
}

export interface OutboxCounts {
  pending: number;
  failed: number;
  sent: number;
  cancelled: number;
}

export function createOutboxRepository(db: Db) {
  // OR IGNORE: the same key twice (two processes announcing one turn start) is one message.
  const insert = db.prepare(
    `INSERT OR IGNORE INTO outbox (kind, idempotency_key, recipient, label, payload, notification_id, webhook_id, status, next_attempt_at, created_at)
     VALUES (@kind, @key, @recipient, @label, @payload, @notificationId, @webhookId, 'pending', @at, @at)`,
  );
  const byId = db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?');
  // A claim is an attempt: it counts and pushes the row past a lease, so no
  // other worker takes it meanwhile and a crash leaves it due again later.
  const claimDue = db.prepare<{ now: string; lease: string; limit: number }, OutboxRow>(
    `UPDATE outbox SET attempts = attempts + 1, last_attempt_at = @now, next_attempt_at = @lease
     WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit)
     RETURNING *`,
  );
  const claimOne = db.prepare<{ id: number; now: string; lease: string }, OutboxRow>(
    `UPDATE outbox SET attempts = attempts + 1, last_attempt_at = @now, next_attempt_at = @lease
     WHERE id = @id AND status = 'pending' AND next_attempt_at <= @now RETURNING *`,
  );
  const markSent = db.prepare<{ id: number; at: string; httpStatus: number | null }>(
    "UPDATE outbox SET status = 'sent', sent_at = @at, last_error = NULL, last_status = @httpStatus WHERE id = @id AND status = 'pending'",
  );
  const markFailed = db.prepare<{ id: number; next: string; error: string; httpStatus: number | null; give_up: number }>(
    `UPDATE outbox SET status = CASE WHEN @give_up = 1 THEN 'failed' ELSE status END,
            next_attempt_at = @next, last_error = @error, last_status = @httpStatus
     WHERE id = @id AND status = 'pending'`,
  );
  const cancel = db.prepare<{ id: number; reason: string }>(
    "UPDATE outbox SET status = 'cancelled', last_error = @reason WHERE id = @id AND status = 'pending'",
  );
  const cancelForWebhook = db.prepare<{ webhookId: number; reason: string }>(
    "UPDATE outbox SET status = 'cancelled', last_error = @reason WHERE webhook_id = @webhookId AND status = 'pending'",
  );
  const retry = db.prepare<{ id: number; at: string }>(
    "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = @at WHERE id = @id AND status IN ('failed', 'cancelled')",
  );
  const list = db.prepare<{ status: string | null; limit: number; offset: number }, OutboxRow>(
    `SELECT * FROM outbox WHERE (@status IS NULL OR status = @status) ORDER BY id DESC LIMIT @limit OFFSET @offset`,
  );
  const forWebhook = db.prepare<[number, number], OutboxRow>('SELECT * FROM outbox WHERE webhook_id = ? ORDER BY id DESC LIMIT ?');
  const counts = db.prepare<[], { status: OutboxStatus; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status');
  // Sent and cancelled messages are kept a while for the log, then dropped; failed ones stay until retried.
  const purge = db.prepare<[string]>("DELETE FROM outbox WHERE status IN ('sent', 'cancelled') AND created_at < ?");
  const idByKey = db.prepare<[string], { id: number }>('SELECT id FROM outbox WHERE idempotency_key = ?');
  const getState = db.prepare<[string], { value: string }>('SELECT value FROM worker_state WHERE key = ?');
  const setState = db.prepare<[string, string]>('INSERT INTO worker_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  // Advancing only forwards: of two workers ticking at once, the later mark wins.
  const advanceState = db.prepare<[string, string, string]>(
    'INSERT INTO worker_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value < ?',
  );

  return {
    /** The new row's id, or the existing one's when the key was already queued. */
    insert: (r: NewOutboxRow): number => {
      const info = insert.run(r);
      return info.changes === 1 ? Number(info.lastInsertRowid) : (idByKey.get(r.key)?.id ?? 0);
    },
    byId: (id: number) => byId.get(id),
    claimDue: (now: string, lease: string, limit: number) => claimDue.all({ now, lease, limit }),
    claimOne: (id: number, now: string, lease: string) => claimOne.get({ id, now, lease }),
    markSent: (id: number, at: string, httpStatus: number | null) => markSent.run({ id, at, httpStatus }).changes === 1,
    markFailed: (id: number, next: string, error: string, httpStatus: number | null, giveUp: boolean) =>
      markFailed.run({ id, next, error, httpStatus, give_up: giveUp ? 1 : 0 }).changes === 1,
    cancel: (id: number, reason: string) => cancel.run({ id, reason }).changes === 1,
    cancelForWebhook: (webhookId: number, reason: string) => cancelForWebhook.run({ webhookId, reason }).changes,
    retry: (id: number, at: string) => retry.run({ id, at }).changes === 1,
    list: (status: OutboxStatus | null, limit: number, offset: number) => list.all({ status, limit, offset }),
    forWebhook: (webhookId: number, limit: number) => forWebhook.all(webhookId, limit),
    purgeBefore: (at: string) => purge.run(at).changes,
    state: (key: string) => getState.get(key)?.value ?? null,
    setState: (key: string, value: string) => setState.run(key, value),
    advanceState: (key: string, value: string) => advanceState.run(key, value, value),
    counts: (): OutboxCounts => {
      const out: OutboxCounts = { pending: 0, failed: 0, sent: 0, cancelled: 0 };
      for (const r of counts.all()) out[r.status] = r.n;
      return out;
    },
  };
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
