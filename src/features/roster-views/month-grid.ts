import type { AppContext } from '../../context.js';
import type { Lang, Translate } from '../../i18n/index.js';
import { closuresBetween } from '../closures/rules.js';
import { dayFrame, weekFrame, type DayFrame } from './calendar.js';
import type { Lookups, RosterTurn } from './model.js';
import type { Filters } from './schemas.js';

export interface CalendarDay extends DayFrame {
  isToday: boolean;
  closed: string | null;
  turns: RosterTurn[];
}
export interface CalendarWeek {
  weekNumber: number;
  days: Array<CalendarDay | null>;
}
/** The month as weeks × weekdays, Monday first; weekend columns only when a weekend day has turns. */
export interface MonthCalendar {
  weekdays: Array<{ weekday: number; name: string }>;
  weeks: CalendarWeek[];
}

/** Public holidays and closures of a range by date, named in the viewer's language. */
export function closedNames(ctx: AppContext, lang: Lang, from: string, to: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const c of closuresBetween(ctx, from, to)) {
    const prior = names.get(c.date);
    names.set(c.date, prior ? `${prior}, ${c.name[lang]}` : c.name[lang]);
  }
  return names;
}

export function monthCalendar(
  lang: Lang,
  days: readonly DayFrame[],
  turns: readonly RosterTurn[],
  closed: ReadonlyMap<string, string>,
  today: string,
): MonthCalendar {
  const byDate = new Map<string, RosterTurn[]>();
  for (const turn of turns) {
    const list = byDate.get(turn.date);
    if (list) list.push(turn);
    else byDate.set(turn.date, [turn]);
  }
  // Turns come ordered by date and start, so each day's list is already in time order.
  const weekendUsed = turns.some((t) => dayFrame(lang, t.date).weekday > 5);
  const columns = weekendUsed ? [1, 2, 3, 4, 5, 6, 7] : [1, 2, 3, 4, 5];
  const weeks: CalendarWeek[] = [];
  let current: CalendarWeek | null = null;
  for (const d of days) {
    if (!current || d.weekday === 1) {
      current = { weekNumber: weekFrame(lang, d.date).weekNumber, days: columns.map(() => null) };
      weeks.push(current);
    }
    const column = columns.indexOf(d.weekday);
    if (column < 0) continue;
    current.days[column] = { ...d, isToday: d.date === today, closed: closed.get(d.date) ?? null, turns: byDate.get(d.date) ?? [] };
  }
  const first = days[0];
  const monday = first ? weekFrame(lang, first.date).days : [];
  return { weekdays: columns.map((w) => ({ weekday: w, name: monday[w - 1]?.weekdayName ?? '' })), weeks: weeks.filter((w) => w.days.some(Boolean)) };
}

/** "Shown: March 2027 · city: Espoo · service: all": what a printout was filtered by. */
export function filterSummary(t: Translate, period: string, filters: Filters, lookups: Lookups): string {
  const all = t('rosterMarks.all');
  const city = filters.cityId === null ? all : (lookups.cities.find((c) => c.id === filters.cityId)?.name ?? all);
  const service = filters.serviceId === null ? all : (lookups.services.find((s) => s.id === filters.serviceId)?.name ?? all);
  if (filters.adviserId === null) return t('rosterMarks.showing', { period, city, service });
  return t('rosterMarks.showingAdviser', { period, city, service, adviser: lookups.adviserById.get(filters.adviserId)?.name ?? '' });
}
