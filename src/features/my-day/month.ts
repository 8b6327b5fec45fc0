import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../http/types.js';
import type { Lang } from '../../i18n/index.js';
import { addDays } from '../../time/zone.js';
import { closuresBetween } from '../closures/rules.js';
import { monthFrame, todayAt, weekFrame, type DayFrame } from '../roster-views/calendar.js';
import { toLookups, withAdvisers, type RosterTurn } from '../roster-views/model.js';

export interface MyMonthTurn extends RosterTurn {
  coAdvisers: string[];
}
export interface MyMonthDay extends DayFrame {
  inMonth: boolean;
  isToday: boolean;
  closure: string | null;
  absent: boolean;
  turns: MyMonthTurn[];
}
export interface MyMonthPage {
  linked: boolean;
  month: string;
  title: string;
  prev: string;
  next: string;
  /** Monday-first weeks covering the month, days of the neighbouring months included (inMonth false). */
  weeks: MyMonthDay[][];
  /** The month's own days with something on them: the list a phone shows. */
  listDays: MyMonthDay[];
  turnCount: number;
}

/** The signed-in adviser's published turns of one month as a calendar, with closures, absences and today. */
export function myMonth(ctx: AppContext, user: CurrentUser, lang: Lang, month: string | undefined): MyMonthPage {
  const today = todayAt(ctx.clock.now());
  const frame = monthFrame(lang, month ?? today.slice(0, 7));
  const gridFrom = weekFrame(lang, frame.first).monday;
  const gridTo = weekFrame(lang, frame.last).sunday;
  const repo = ctx.repos.rosterViews;
  const adviserId = user.adviserId;
  const turns: MyMonthTurn[] =
    adviserId === null
      ? []
      : withAdvisers(repo, repo.publishedOfAdviser(adviserId, gridFrom, gridTo), toLookups(repo.lookups(), lang), lang).map((t) => ({
          ...t,
          coAdvisers: t.advisers.filter((a) => a.id !== adviserId).map((a) => a.name),
        }));
  const closures = new Map(closuresBetween(ctx, gridFrom, gridTo).map((c) => [c.date, c.name[lang]]));
  const absentDays = new Set<string>();
  if (adviserId !== null) {
    for (const a of repo.absencesBetween(gridFrom, gridTo)) {
      if (a.adviser_id !== adviserId) continue;
      for (let d = a.from_date < gridFrom ? gridFrom : a.from_date; d <= a.to_date && d <= gridTo; d = addDays(d, 1)) absentDays.add(d);
    }
  }
  const byDate = new Map<string, MyMonthTurn[]>();
  for (const t of turns) byDate.set(t.date, [...(byDate.get(t.date) ?? []), t]);
  const weeks: MyMonthDay[][] = [];
  for (let monday = gridFrom; monday <= gridTo; monday = addDays(monday, 7)) {
    weeks.push(
      weekFrame(lang, monday).days.map((d) => ({
        ...d,
        inMonth: d.date >= frame.first && d.date <= frame.last,
        isToday: d.date === today,
        closure: closures.get(d.date) ?? null,
        absent: absentDays.has(d.date),
        turns: byDate.get(d.date) ?? [],
      })),
    );
  }
  const listDays = weeks.flat().filter((d) => d.inMonth && (d.turns.length > 0 || d.closure !== null || d.absent || d.isToday));
  return {
    linked: adviserId !== null,
    month: frame.month,
    title: frame.title,
    prev: frame.prev,
    next: frame.next,
    weeks,
    listDays,
    turnCount: turns.filter((t) => t.date >= frame.first && t.date <= frame.last).length,
  };
}
