import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Lang } from '../../i18n/index.js';
import { recordChange } from '../audit/rules.js';
import { maskAddress, type OutgoingMail } from '../notifications/mailer.js';
import { deliverWebhook } from '../webhooks/deliver.js';
import type { Outcome, OutboxRow, OutboxStatus } from './repository.js';

/** One email to queue. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  language: Lang;
  /** An iTIP invitation or cancellation to attach as text/calendar. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
  /** The inbox row this email repeats, kept in step with the delivery. */
  notificationId?: number | null;
  /** A stable key makes queuing the same message twice a no-op; default: a new random one. */
  key?: string;
}

/** What one delivery attempt came to. 'logged': no SMTP_URL, written to the log only. */
export type AttemptStatus = 'sent' | 'logged' | 'failed' | 'skipped';

/** While one worker holds a message nobody else takes it; after a crash it is due again. */
const LEASE_MS = 2 * 60_000;
const MAX_DELAY_MS = 60 * 60_000;
const BATCH = 20;

type MailPayload = Omit<OutgoingMail, 'idempotencyKey'>;

/**
 * Queues an email. Opens no transaction: call it inside the transaction that
 * makes the change, so the message commits or rolls back with it. The worker
 * (or a caller's immediate attempt) sends it afterwards, retrying until it goes.
 */
export function enqueueMail(ctx: AppContext, m: MailMessage): number {
  const payload: MailPayload = { to: m.to, subject: m.subject, text: m.text, language: m.language, ...(m.calendar ? { calendar: m.calendar } : {}) };
  return ctx.repos.outbox.insert({
    kind: 'mail',
    key: m.key ?? `mail-${randomUUID()}`,
    recipient: m.to,
    label: m.subject.slice(0, 300),
    payload: JSON.stringify(payload),
    notificationId: m.notificationId ?? null,
    webhookId: null,
    at: ctx.clock.now().toISOString(),
  });
}

/** The wait before the next attempt after `attempts` failed ones: base, 2×base, 4×base… up to an hour. */
export function backoffMs(base: number, attempts: number): number {
  return Math.min(MAX_DELAY_MS, base * 2 ** Math.max(0, attempts - 1));
}

function errorText(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  // Only the code and message: the error object may carry the transport's options.
  return `${String(e?.code ?? '')} ${String(e?.message ?? err)}`.trim().slice(0, 500);
}

/** The outcome of one attempt, for the row: done, or failed with an error (and maybe an HTTP status). */

async function sendMail(ctx: AppContext, row: OutboxRow): Promise<Outcome> {
  const mail = JSON.parse(row.payload) as MailPayload;
  try {
    await ctx.mailer.send({ ...mail, idempotencyKey: row.idempotency_key });
    return { ok: true, logged: ctx.mailer.kind !== 'smtp' };
  } catch (err) {
    const error = errorText(err);
    ctx.log.error(`mail to ${maskAddress(mail.to)} failed (outbox ${row.id}, attempt ${row.attempts}): ${error}`);
    return { ok: false, error };
  }
}

/** Records an attempt's outcome on the row (and its inbox row); a message out of attempts is given up. */
function settle(ctx: AppContext, row: OutboxRow, outcome: Outcome): AttemptStatus {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return ctx.db
    .transaction((): AttemptStatus => {
      if (outcome.ok) {
        ctx.repos.outbox.markSent(row.id, at, outcome.httpStatus ?? null);
        if (row.notification_id !== null) ctx.repos.notifications.setStatus(row.notification_id, outcome.logged ? 'none' : 'sent');
        return outcome.logged ? 'logged' : 'sent';
      }
      const { retryBaseMs, maxAttempts } = ctx.config.outbox;
      const next = new Date(now.getTime() + backoffMs(retryBaseMs, row.attempts)).toISOString();
      ctx.repos.outbox.markFailed(row.id, next, outcome.error, outcome.httpStatus ?? null, row.attempts >= maxAttempts);
      if (row.notification_id !== null) ctx.repos.notifications.setStatus(row.notification_id, 'failed');
      return 'failed';
    })
    .immediate();
}

/** One attempt at one claimed row. Never rejects. */
async function attempt(ctx: AppContext, row: OutboxRow): Promise<AttemptStatus> {
  try {
    const outcome = row.kind === 'mail' ? await sendMail(ctx, row) : await deliverWebhook(ctx, row);
    if (outcome === null) return 'skipped';
    return settle(ctx, row, outcome);
  } catch (err) {
    // Even a database error here must not become an unhandled rejection that stops the server.
    ctx.log.error(`outbox delivery ${row.id} failed`, err);
    return 'failed';
  }
}

function leaseFrom(now: Date): string {
  return new Date(now.getTime() + LEASE_MS).toISOString();
}

/** Tries the given messages now, one after another, if they are still due; for a caller that just queued them. */
export async function deliverIds(ctx: AppContext, ids: readonly number[]): Promise<AttemptStatus[]> {
  const out: AttemptStatus[] = [];
  for (const id of ids) {
    let row: OutboxRow | undefined;
    try {
      const now = ctx.clock.now();
      row = ctx.db.transaction(() => ctx.repos.outbox.claimOne(id, now.toISOString(), leaseFrom(now))).immediate();
    } catch (err) {
      ctx.log.error(`outbox claim ${id} failed`, err);
    }
    out.push(row ? await attempt(ctx, row) : 'skipped');
  }
  return out;
}

/** Delivers every message that is due, in batches; returns how many attempts were made. */
export async function deliverDue(ctx: AppContext, limit = 500): Promise<number> {
  let done = 0;
  while (done < limit) {
    const now = ctx.clock.now();
    const rows = ctx.db.transaction(() => ctx.repos.outbox.claimDue(now.toISOString(), leaseFrom(now), BATCH)).immediate();
    if (rows.length === 0) break;
    for (const row of rows) await attempt(ctx, row);
    done += rows.length;
  }
  return done;
}

/** An admin puts a failed or cancelled message back in the queue, due now. */
export function retryMessage(ctx: AppContext, id: number, userId: number): boolean {
  return ctx.db
    .transaction(() => {
      const row = ctx.repos.outbox.byId(id);
      if (!row || !ctx.repos.outbox.retry(id, ctx.clock.now().toISOString())) return false;
      if (row.notification_id !== null) ctx.repos.notifications.setStatus(row.notification_id, 'pending');
      recordChange(ctx, { userId, kind: 'outbox.retry', entity: 'outbox', entityId: id, after: { kind: row.kind, label: row.label, attempts: row.attempts } });
      return true;
    })
    .immediate();
}

export const OUTBOX_PAGE_SIZE = 100;

export function outboxPage(ctx: AppContext, status: OutboxStatus | null, page: number) {
  const p = Math.max(1, page);
  return {
    rows: ctx.repos.outbox.list(status, OUTBOX_PAGE_SIZE, (p - 1) * OUTBOX_PAGE_SIZE),
    counts: ctx.repos.outbox.counts(),
    page: p,
  };
}
