import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../http/types.js';
import { recordChange } from '../audit/rules.js';
import { isLang, translate, type Lang } from '../../i18n/index.js';
import { formatters } from '../../time/format.js';
import { addressOf } from '../notifications/mailer.js';
import { enqueueMail } from '../outbox/rules.js';
import { toEvent } from './feed.js';
import { serializeInvitation, type ItipMethod } from './itip.js';

/** Whether a user gets invitations: their own choice, else the deployment's default. */
export function invitesEnabled(ctx: AppContext, userId: number): boolean {
  return ctx.repos.invites.setting(userId) ?? ctx.config.calendarInvites;
}

/** A user's own choice, recorded in the change log. */
export function setInvitesEnabled(ctx: AppContext, user: Pick<CurrentUser, 'id' | 'adviserId'>, enabled: boolean): void {
  ctx.db
    .transaction(() => {
      const before = invitesEnabled(ctx, user.id);
      ctx.repos.invites.setSetting(user.id, enabled);
      recordChange(ctx, {
        userId: user.id,
        kind: 'user.calendar_invites',
        entity: 'user',
        entityId: user.id,
        adviserId: user.adviserId,
        before: { calendarInvites: before },
        after: { calendarInvites: enabled },
      });
    })
    .immediate();
}

/** The display name in MAIL_FROM ("vuoro <noreply@city.fi>" → vuoro). */
function organizerName(from: string): string {
  const name = from
    .replace(/<[^>]*>/, '')
    .replace(/"/g, '')
    .trim();
  return name || 'vuoro';
}

/**
 * Queues one invitation (REQUEST) or cancellation (CANCEL) of a turn for one
 * adviser, if they take invitations and have an address. Call inside the
 * transaction that changed the turn, after its version was bumped: the
 * message carries the turn's version as SEQUENCE, as the feed does.
 */
export function queueInvitation(ctx: AppContext, turnId: number, adviserId: number, method: ItipMethod): number | null {
  const who = ctx.repos.invites.invitee(adviserId);
  if (!who?.email) return null;
  const enabled = who.enabled === null ? ctx.config.calendarInvites : who.enabled === 1;
  if (!enabled) return null;
  const row = ctx.repos.invites.turn(turnId);
  if (!row) return null;
  const lang: Lang = isLang(who.language) ? who.language : 'fi';
  const event = toEvent(row, { scope: 'adviser', id: adviserId }, lang);
  const content = serializeInvitation({
    method,
    event,
    stamp: ctx.clock.now().toISOString(),
    organizer: { name: organizerName(ctx.config.mailFrom), email: addressOf(ctx.config.mailFrom) },
    attendee: { name: who.name, email: who.email },
  });
  const params = { turn: `${event.summary}, ${when(row.start_at, row.end_at, lang)}` };
  const cancel = method === 'CANCEL';
  return enqueueMail(ctx, {
    to: who.email,
    language: lang,
    subject: translate(lang, cancel ? 'integrations.inviteCancelSubject' : 'integrations.inviteSubject', params),
    text: `${translate(lang, cancel ? 'integrations.inviteCancelBody' : 'integrations.inviteBody', params)}\n\n${event.description}\n\n-- \n${translate(lang, 'integrations.inviteFooter', { url: `${ctx.config.baseUrl}/profile` })}\n`,
    calendar: { method, content },
    // One message per version of the turn and method: queuing it twice sends it once.
    key: `invite-${turnId}-${adviserId}-${event.sequence}-${method.toLowerCase()}`,
  });
}

function when(start: string, end: string, lang: Lang): string {
  const f = formatters(lang);
  return `${f.date(start)} ${f.time(start)}–${f.time(end)}`;
}

/** Invitations for the advisers who joined a turn, cancellations for those who left it. */
export function inviteTurnChange(ctx: AppContext, turnId: number, added: readonly number[], removed: readonly number[]): void {
  for (const id of added) queueInvitation(ctx, turnId, id, 'REQUEST');
  for (const id of removed) queueInvitation(ctx, turnId, id, 'CANCEL');
}
