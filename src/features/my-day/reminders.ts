import { DateTime } from 'luxon';
import type { AppContext } from '../../context.js';
import { formatDate, formatTimeRange } from '../../i18n/format.js';
import type { Lang } from '../../i18n/index.js';
import { ZONE } from '../../time/zone.js';
import { closedDates } from '../closures/rules.js';
import { notifyAdvisers, type MailResult } from '../notifications/rules.js';
import { turnParams } from '../workflow/turn-label.js';
import type { NoticeStateRow } from './repository.js';

/** The earliest reminder is 7 days ahead; a day more covers the working day before a long weekend. */
const LOOKAHEAD_DAYS = 11;
const REMINDER_HOUR = 15;

/**
 * When a reminder of a turn is due, in UTC: the working day before (not a
 * weekend, holiday or closure) at 15:00 Helsinki time, or N whole days
 * before its start (Helsinki wall time, so a clock change keeps the hour).
 */
export function reminderDue(startAt: string, setting: string, closed: ReadonlySet<string>): string | null {
  const start = DateTime.fromISO(startAt, { zone: ZONE });
  if (setting === 'off') return null;
  if (setting === '1' || setting === '2' || setting === '7')
    return start
      .minus({ days: Number(setting) })
      .toUTC()
      .toISO({ suppressMilliseconds: true });
  let day = start.startOf('day').minus({ days: 1 });
  while (day.weekday > 5 || closed.has(day.toISODate() as string)) day = day.minus({ days: 1 });
  return day.set({ hour: REMINDER_HOUR }).toUTC().toISO({ suppressMilliseconds: true });
}

export interface TickResult {
  reminders: number;
  moved: number;
  gone: number;
  mailed: Promise<MailResult[]>;
}

/**
 * One run of the scheduler (every minute in the server; tests call it with
 * their own clock). Sends each due reminder once: the row in turn_reminders
 * is written in the same transaction as the inbox message, so a restart never
 * repeats one, a turn that is gone has no candidate row, and nothing is sent
 * before it is due. Then compares each adviser's published turns with what
 * they were last told, and tells them of turns that moved or went away.
 */
export function tick(ctx: AppContext): TickResult {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const mails: Promise<MailResult[]>[] = [];
  let reminders = 0;
  let moved = 0;
  let gone = 0;
  ctx.db
    .transaction(() => {
      const until = new Date(now.getTime() + LOOKAHEAD_DAYS * 86_400_000).toISOString();
      const candidates = ctx.repos.myDay.reminderCandidates(nowIso, until);
      if (candidates.length > 0) {
        const dates = candidates.map((c) => c.date).sort();
        const closed = closedDates(
          ctx,
          DateTime.fromISO(dates[0] as string)
            .minus({ days: 7 })
            .toISODate() as string,
          dates[dates.length - 1] as string,
        );
        for (const c of candidates) {
          const due = reminderDue(c.start_at, c.reminder, closed);
          if (due === null || Date.parse(due) > now.getTime()) continue;
          if (!ctx.repos.myDay.recordReminder(c.turn_id, c.adviser_id, c.start_at, due, nowIso)) continue;
          const turn = { service_id: c.service_id, city_id: c.city_id, date: c.date, start_at: c.start_at, end_at: c.end_at };
          mails.push(
            notifyAdvisers(ctx, [c.adviser_id], {
              subjectKey: 'myDay.reminderSubject',
              bodyKey: 'myDay.reminderBody',
              params: (l: Lang) => turnParams(ctx, turn, l),
            }).mailed,
          );
          reminders++;
        }
      }

      const repo = ctx.repos.myDay;
      const current = repo.currentPublished(nowIso);
      const key = (r: Pick<NoticeStateRow, 'turn_id' | 'adviser_id'>) => `${r.turn_id}|${r.adviser_id}`;
      // The first run only learns what everyone has: nobody was told anything yet.
      const first = repo.noticeCount() === 0;
      const told = new Map(repo.noticeState(nowIso).map((r) => [key(r), r]));
      for (const row of current) {
        const before = told.get(key(row));
        told.delete(key(row));
        if (before && !first && (before.start_at !== row.start_at || before.end_at !== row.end_at || before.city_id !== row.city_id)) {
          const turn = { service_id: row.service_id, city_id: row.city_id, date: row.start_at.slice(0, 10), start_at: row.start_at, end_at: row.end_at };
          mails.push(
            notifyAdvisers(ctx, [row.adviser_id], {
              subjectKey: 'myDay.movedSubject',
              bodyKey: 'myDay.movedBody',
              params: (l: Lang) => ({
                ...turnParams(ctx, { ...turn, date: localDate(row.start_at) }, l),
                was: `${formatDate(l, before.start_at)} ${formatTimeRange(l, before.start_at, before.end_at)}`,
              }),
            }).mailed,
          );
          moved++;
        }
        if (
          !before ||
          before.start_at !== row.start_at ||
          before.end_at !== row.end_at ||
          before.city_id !== row.city_id ||
          before.service_id !== row.service_id
        )
          repo.upsertNotice(row);
      }
      // What is left was told but is no longer theirs. A turn still published
      // lost this adviser by a hand change, which told them already.
      for (const before of told.values()) {
        repo.deleteNotice(before.turn_id, before.adviser_id);
        const turn = ctx.repos.rosters.turnById(before.turn_id);
        if (turn && turn.status === 'published') continue;
        if (Date.parse(before.start_at) <= now.getTime()) continue;
        mails.push(
          notifyAdvisers(ctx, [before.adviser_id], {
            subjectKey: 'myDay.goneSubject',
            bodyKey: 'myDay.goneBody',
            params: (l: Lang) =>
              turnParams(
                ctx,
                { service_id: before.service_id, city_id: before.city_id, date: localDate(before.start_at), start_at: before.start_at, end_at: before.end_at },
                l,
              ),
          }).mailed,
        );
        gone++;
      }
      repo.pruneNotice(nowIso);
    })
    .immediate();
  return { reminders, moved, gone, mailed: Promise.all(mails).then((lists) => lists.flat()) };
}

const localDate = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toISODate() as string;
