import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Role } from '../../http/types.js';
import type { Lang, Translate } from '../../i18n/index.js';
import { absentOnTurns, type AbsentMark } from './absent.js';
import { monthFrame, todayAt, weekFrame, type DayFrame } from './calendar.js';
import { loadTurns, toLookups, type Lookups, type RosterTurn, type ServiceRef } from './model.js';
import { closedNames, filterSummary, monthCalendar, type MonthCalendar } from './month-grid.js';
import { hrefWith, resolveFilters, type FilterQuery, type Filters, type MonthQuery, type WeekQuery } from './schemas.js';

/** Who is looking, in which language: what the pages need from the request. */
export interface Viewer {
  role: Role;
  lang: Lang;
  t: Translate;
}

/** Advisers plan from what is published; supervisors and admins also see drafts. */
export const seesDrafts = (role: Role): boolean => role !== 'adviser';

export interface PageDay extends DayFrame {
  isToday: boolean;
  isWeekend: boolean;
}
export interface ServiceRow {
  service: ServiceRef;
  cells: RosterTurn[][];
}

interface Common {
  filters: Filters;
  options: Pick<Lookups, 'cities' | 'services' | 'advisers'>;
  showDrafts: boolean;
  rows: ServiceRow[];
  turnCount: number;
  /** Supervisors and admins only: advisers on published turns who are absent that day, by turn id. */
  absent: Map<number, AbsentMark[]>;
  /** Public holidays and closures by date, named. */
  closed: Map<string, string>;
  /** The period and filters in words, for the screen and the printout. */
  summary: string;
}
export interface WeekPage extends Common {
  kind: 'week';
  week: ReturnType<typeof weekFrame>;
  days: PageDay[];
  links: { prev: string; next: string; thisWeek: string; month: string; csv: string; xlsx: string };
}
export interface MonthPage extends Common {
  kind: 'month';
  month: ReturnType<typeof monthFrame>;
  calendar: MonthCalendar;
  days: PageDay[];
  links: { prev: string; next: string; thisMonth: string; week: string; csv: string; xlsx: string };
}

/** Rows per service, one cell per day; services without turns appear only if active and not filtered out. */
function grid(turns: readonly RosterTurn[], days: readonly PageDay[], lookups: Lookups, filters: Filters): ServiceRow[] {
  const column = new Map(days.map((d, i) => [d.date, i]));
  const rows = new Map<number, ServiceRow>();
  for (const s of lookups.services) {
    if (s.active && (filters.serviceId === null || filters.serviceId === s.id)) rows.set(s.id, { service: s, cells: days.map(() => []) });
  }
  for (const turn of turns) {
    const i = column.get(turn.date);
    if (i === undefined) continue;
    let row = rows.get(turn.serviceId);
    if (!row) {
      const service = lookups.services.find((s) => s.id === turn.serviceId);
      if (!service) continue;
      row = { service, cells: days.map(() => []) };
      rows.set(service.id, row);
    }
    row.cells[i]?.push(turn);
  }
  return [...rows.values()].sort((a, b) => a.service.id - b.service.id);
}

/** Weekend days are shown only when they have turns; weekdays always. */
function pageDays(frames: readonly DayFrame[], turns: readonly RosterTurn[], today: string): PageDay[] {
  const busy = new Set(turns.map((t) => t.date));
  return frames.filter((d) => d.weekday <= 5 || busy.has(d.date)).map((d) => ({ ...d, isToday: d.date === today, isWeekend: d.weekday > 5 }));
}

function load(ctx: AppContext, viewer: Viewer, q: z.output<typeof FilterQuery>, from: string, to: string) {
  const lookups = toLookups(ctx.repos.rosterViews.lookups(), viewer.lang);
  // Filters are resolved before turns are read, so an unknown code is a 400 and costs no turn query.
  const filters = resolveFilters(q, lookups, viewer.t);
  const turns = loadTurns(
    ctx.repos.rosterViews,
    {
      from,
      to,
      includeDrafts: seesDrafts(viewer.role),
      cityId: filters.cityId,
      serviceId: filters.serviceId,
      adviserId: filters.adviserId,
    },
    lookups,
    viewer.lang,
  );
  const options = { cities: lookups.cities, services: lookups.services, advisers: lookups.advisers.filter((a) => a.active || a.id === filters.adviserId) };
  // Advisers do not see colleagues' absences (the absences list hides them too).
  const absent = seesDrafts(viewer.role) ? absentOnTurns(ctx.repos.rosterViews, turns, from, to) : new Map<number, AbsentMark[]>();
  return { filters, lookups, turns, options, absent, closed: closedNames(ctx, viewer.lang, from, to) };
}

export function weekPage(ctx: AppContext, viewer: Viewer, q: z.output<typeof WeekQuery>): WeekPage {
  const today = todayAt(ctx.clock.now());
  const week = weekFrame(viewer.lang, q.week ?? today);
  const { filters, lookups, turns, options, absent, closed } = load(ctx, viewer, q, week.monday, week.sunday);
  const days = pageDays(week.days, turns, today);
  const period = `${viewer.t('rosterMarks.weekLabel', { week: week.weekNumber })} (${week.days[0]?.shortDate ?? ''}–${week.days[6]?.shortDate ?? ''})`;
  return {
    kind: 'week',
    week,
    days,
    filters,
    options,
    showDrafts: seesDrafts(viewer.role),
    absent,
    closed,
    summary: filterSummary(viewer.t, period, filters, lookups),
    rows: grid(turns, days, lookups, filters),
    turnCount: turns.length,
    links: {
      prev: hrefWith('/roster', filters, { week: week.prev }),
      next: hrefWith('/roster', filters, { week: week.next }),
      thisWeek: hrefWith('/roster', filters, {}),
      month: hrefWith('/roster/month', filters, { month: week.month }),
      csv: hrefWith('/roster.csv', filters, { from: week.monday, to: week.sunday }),
      xlsx: hrefWith('/roster.xlsx', filters, { from: week.monday, to: week.sunday }),
    },
  };
}

export function monthPage(ctx: AppContext, viewer: Viewer, q: z.output<typeof MonthQuery>): MonthPage {
  const today = todayAt(ctx.clock.now());
  const month = monthFrame(viewer.lang, q.month ?? today.slice(0, 7));
  const { filters, lookups, turns, options, absent, closed } = load(ctx, viewer, q, month.first, month.last);
  const days = pageDays(month.days, turns, today);
  return {
    kind: 'month',
    month,
    days,
    filters,
    options,
    showDrafts: seesDrafts(viewer.role),
    absent,
    closed,
    calendar: monthCalendar(viewer.lang, month.days, turns, closed, today),
    summary: filterSummary(viewer.t, month.title, filters, lookups),
    rows: grid(turns, days, lookups, filters),
    turnCount: turns.length,
    links: {
      prev: hrefWith('/roster/month', filters, { month: month.prev }),
      next: hrefWith('/roster/month', filters, { month: month.next }),
      thisMonth: hrefWith('/roster/month', filters, {}),
      week: hrefWith('/roster', filters, { week: today.startsWith(month.month) ? today : month.first }),
      csv: hrefWith('/roster.csv', filters, { from: month.first, to: month.last }),
      xlsx: hrefWith('/roster.xlsx', filters, { from: month.first, to: month.last }),
    },
  };
}
