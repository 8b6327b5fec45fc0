import type { AppContext } from '../../context.js';
import { notFound } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import { translate, type Lang } from '../../i18n/index.js';
import { findTarget } from '../calendar/access.js';
import { toEvent } from '../calendar/feed.js';
import { serializeCalendar, utcStamp } from '../calendar/ics.js';
import type { RosterTurn } from '../roster-views/model.js';

/**
 * One of my published turns as a calendar file: a single VEVENT with the
 * same UID and SEQUENCE as in my adviser feed, so a client that has both
 * keeps one event and takes later versions as updates.
 */
export function oneTurnIcs(ctx: AppContext, user: CurrentUser, turnId: number, lang: Lang): { body: string; filename: string } {
  if (user.adviserId === null) throw notFound();
  const turn = ctx.repos.rosters.turnById(turnId);
  const target = findTarget(ctx.repos.calendar, 'adviser', user.adviserId);
  if (!turn || turn.status !== 'published' || !target) throw notFound();
  const row = ctx.repos.calendar.turnsOfAdviser({ id: user.adviserId, from: turn.start_at, to: turn.end_at }).find((r) => r.id === turnId);
  if (!row) throw notFound();
  const event = toEvent(row, target, lang);
  return { body: serializeCalendar({ name: event.summary, events: [event] }), filename: `vuoro-turn-${turnId}.ics` };
}

/** "Add to Google Calendar": Google's event template link with the turn's times in UTC. */
export function googleCalendarUrl(turn: Pick<RosterTurn, 'serviceName' | 'city' | 'startAt' | 'endAt' | 'advisers'>, lang: Lang): string {
  const text = turn.city ? translate(lang, 'calendar.eventSummary', { service: turn.serviceName, city: turn.city.name }) : turn.serviceName;
  const names = turn.advisers.map((a) => a.name).join(', ');
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text,
    dates: `${utcStamp(turn.startAt)}/${utcStamp(turn.endAt)}`,
    details: names ? translate(lang, 'calendar.eventOn', { names }) : '',
    ctz: 'Europe/Helsinki',
  });
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}
