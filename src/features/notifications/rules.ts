import type { AppContext } from '../../context.js';
import { isLang, translate, type Lang, type MessageKey, type Params } from '../../i18n/index.js';
import { maskAddress } from './mailer.js';
import type { NotificationRow } from './repository.js';

/** Params for the message keys; a function gets the recipient's language (for dates, names of services…). */
export type NotificationParams = Params | ((lang: Lang) => Params);

/** What to tell: message keys translated per recipient, or ready texts in every language. */
export type NotificationMessage =
  | { subjectKey: MessageKey; bodyKey: MessageKey; params?: NotificationParams }
  | { text: Record<Lang, { subject: string; body: string }> };

export interface MailResult { notificationId: number; status: 'sent' | 'logged' | 'failed' | 'skipped' }

export interface NotifyResult {
  /** The inbox rows written, one per adviser found. */
  notificationIds: number[];
  /** Settles (never rejects) once every email has been tried; await it in tests, ignore it in requests. */
  mailed: Promise<MailResult[]>;
}

const SUBJECT_MAX = 300;
const BODY_MAX = 10_000;

function render(message: NotificationMessage, lang: Lang): { subject: string; body: string } {
  if ('text' in message) return message.text[lang];
  const params = typeof message.params === 'function' ? message.params(lang) : message.params;
  return { subject: translate(lang, message.subjectKey, params), body: translate(lang, message.bodyKey, params) };
}

// Over-long text must not break the CHECK and with it the caller's transaction.
function fit(lang: Lang, text: { subject: string; body: string }) {
  const subject = text.subject.replace(/\s+/g, ' ').trim().slice(0, SUBJECT_MAX) || translate(lang, 'notifications.title');
  return { subject, body: text.body.slice(0, BODY_MAX) };
}

/**
 * Tells advisers something: one inbox row per adviser (for their user account,
 * in the user's language, Finnish by default) and an email to the adviser's
 * address.
 *
 * Opens no transaction: call it inside the transaction that makes the change,
 * so the rows commit or roll back with it. Emails go out only afterwards (on
 * the next turn of the event loop, when the synchronous transaction has ended)
 * and only for rows that were committed; failures are logged and recorded on
 * the row, never thrown.
 */
export function notifyAdvisers(ctx: AppContext, adviserIds: readonly number[], message: NotificationMessage): NotifyResult {
  const now = ctx.clock.now().toISOString();
  const ids: number[] = [];
  for (const adviserId of new Set(adviserIds)) {
    const r = ctx.repos.notifications.recipient(adviserId);
    if (!r) continue;
    const language: Lang = isLang(r.language) ? r.language : 'fi';
    const text = fit(language, render(message, language));
    ids.push(ctx.repos.notifications.insert({
      userId: r.user_id, adviserId, email: r.email, language, ...text, mailStatus: 'pending', createdAt: now,
    }));
  }
  const mailed = ids.length === 0
    ? Promise.resolve([])
    : new Promise<MailResult[]>((resolve) => setImmediate(() => void deliverNotifications(ctx, ids).then(resolve)));
  return { notificationIds: ids, mailed };
}

function emailText(ctx: AppContext, row: NotificationRow): string {
  const lang: Lang = isLang(row.language) ? row.language : 'fi';
  // "-- " is the conventional signature separator; clients fold it away.
  return `${row.body}\n\n-- \n${translate(lang, 'notifications.emailFooter', { url: `${ctx.config.baseUrl}/inbox` })}\n`;
}

async function deliverOne(ctx: AppContext, id: number): Promise<MailResult> {
  // A row that is gone was rolled back with its transaction; one not pending was already claimed.
  const row = ctx.repos.notifications.claim(id);
  if (!row?.email) return { notificationId: id, status: 'skipped' };
  try {
    await ctx.mailer.send({ to: row.email, subject: row.subject, text: emailText(ctx, row), language: row.language });
    const sent = ctx.mailer.kind === 'smtp';
    ctx.repos.notifications.setStatus(id, sent ? 'sent' : 'none');
    return { notificationId: id, status: sent ? 'sent' : 'logged' };
  } catch (err) {
    ctx.repos.notifications.setStatus(id, 'failed');
    const e = err as { code?: unknown; message?: unknown };
    // Only the code and message: the error object may carry the transport's options.
    ctx.log.error(`mail to ${maskAddress(row.email)} failed (notification ${id}): ${String(e?.code ?? '')} ${String(e?.message ?? err)}`.trim());
    return { notificationId: id, status: 'failed' };
  }
}

/** Sends the emails of the given committed inbox rows, one after another. Never rejects. */
export async function deliverNotifications(ctx: AppContext, ids: readonly number[]): Promise<MailResult[]> {
  const results: MailResult[] = [];
  for (const id of ids) {
    try {
      results.push(await deliverOne(ctx, id));
    } catch (err) {
      // Even a database error here must not become an unhandled rejection that stops the server.
      ctx.log.error(`mail delivery of notification ${id} failed`, err);
      results.push({ notificationId: id, status: 'failed' });
    }
  }
  return results;
}

/** Emails left pending by a stop between commit and sending; for the server to call at start. */
export function deliverPendingNotifications(ctx: AppContext): Promise<MailResult[]> {
  return deliverNotifications(ctx, ctx.repos.notifications.pendingIds());
}

export const INBOX_PAGE_SIZE = 50;

export interface InboxPage { rows: NotificationRow[]; total: number; page: number; pages: number; unread: number }

/** One page of a user's inbox, newest first. */
export function inboxPage(ctx: AppContext, userId: number, page = 1): InboxPage {
  const total = ctx.repos.notifications.countForUser(userId);
  const pages = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const p = Math.min(Math.max(1, page), pages);
  const rows = ctx.repos.notifications.forUser(userId, INBOX_PAGE_SIZE, (p - 1) * INBOX_PAGE_SIZE);
  return { rows, total, page: p, pages, unread: ctx.repos.notifications.unreadCount(userId) };
}

/** How many of the user's notifications are unread: for the header and home page. */
export function unreadCount(ctx: AppContext, userId: number): number {
  return ctx.repos.notifications.unreadCount(userId);
}

/** Marks every notification of the user read; returns how many were unread. */
export function markAllRead(ctx: AppContext, userId: number): number {
  return ctx.db.transaction(() => ctx.repos.notifications.markAllRead(userId, ctx.clock.now().toISOString())).immediate();
}
