import type { AppContext } from '../../context.js';
import type { Lang } from '../../i18n/index.js';
import { addDays, localToday } from '../../time/zone.js';
import { dayFrame, type DayFrame } from './calendar.js';
import { toLookups, withAdvisers, type RosterTurn, type TurnAdviser } from './model.js';

export interface MyTurn extends RosterTurn {
  day: DayFrame;
  coAdvisers: TurnAdviser[];
}
export interface MyTurns {
  linked: boolean;
  upcoming: MyTurn[];
  recent: MyTurn[];
}

const RECENT_DAYS = 28;
const UPCOMING_DAYS = 7 * 12;

/** An adviser's published turns: the coming twelve weeks and the last four, each with the co-advisers. */
export function myTurns(ctx: AppContext, lang: Lang, adviserId: number | null, limit = Number.POSITIVE_INFINITY): MyTurns {
  if (adviserId === null) return { linked: false, upcoming: [], recent: [] };
  const now = ctx.clock.now();
  const today = localToday(now);
  const repo = ctx.repos.rosterViews;
  const rows = repo.publishedOfAdviser(adviserId, addDays(today, -RECENT_DAYS), addDays(today, UPCOMING_DAYS));
  const turns = withAdvisers(repo, rows, toLookups(repo.lookups(), lang), lang).map((t): MyTurn => ({
    ...t,
    day: dayFrame(lang, t.date),
    coAdvisers: t.advisers.filter((a) => a.id !== adviserId),
  }));
  const nowMs = now.getTime();
  const upcoming = turns.filter((t) => Date.parse(t.endAt) > nowMs).slice(0, limit);
  const recent = turns.filter((t) => Date.parse(t.endAt) <= nowMs).reverse();
  return { linked: true, upcoming, recent };
}
