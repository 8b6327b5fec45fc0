import { DateTime } from 'luxon';
import type { Lang } from '../../i18n/index.js';
import { localToday, ZONE } from '../../time/zone.js';

const LOCALES: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export interface DayFrame {
  date: string;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  weekdayName: string;
  /** "maanantai 22.3." */
  label: string;
  /** The locale's short date, e.g. 22.3.2027. */
  shortDate: string;
}

export interface WeekFrame {
  monday: string;
  sunday: string;
  weekNumber: number;
  prev: string;
  next: string;
  month: string;
  days: DayFrame[];
}
export interface MonthFrame {
  month: string;
  title: string;
  first: string;
  last: string;
  prev: string;
  next: string;
  days: DayFrame[];
}

// Frames depend only on (language, week or month): they are computed once and
// reused, which keeps luxon out of the hot path of the load-tested pages.
const weeks = new Map<string, WeekFrame>();
const months = new Map<string, MonthFrame>();
const MAX_FRAMES = 5_000;

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= MAX_FRAMES) cache.clear();
    value = make();
    cache.set(key, value);
  }
  return value;
}

function day(d: DateTime): DayFrame {
  return {
    date: d.toISODate() as string,
    weekday: d.weekday,
    weekdayName: d.toFormat('cccc'),
    label: d.toFormat('cccc d.L.'),
    shortDate: d.toLocaleString(DateTime.DATE_SHORT),
  };
}

const parse = (date: string, lang: Lang) => DateTime.fromISO(date, { zone: ZONE }).setLocale(LOCALES[lang]).startOf('day');

/** The ISO week (Monday to Sunday) containing a local date. */
export function weekFrame(lang: Lang, anyDate: string): WeekFrame {
  return remember(weeks, `${lang}|${anyDate}`, () => {
    const monday = parse(anyDate, lang).startOf('week');
    const days = Array.from({ length: 7 }, (_, i) => day(monday.plus({ days: i })));
    return {
      monday: days[0]?.date ?? '',
      sunday: days[6]?.date ?? '',
      weekNumber: monday.weekNumber,
      prev: monday.minus({ weeks: 1 }).toISODate() as string,
      next: monday.plus({ weeks: 1 }).toISODate() as string,
      month: monday.toFormat('yyyy-LL'),
      days,
    };
  });
}

/** A calendar month, "YYYY-MM". */
export function monthFrame(lang: Lang, month: string): MonthFrame {
  return remember(months, `${lang}|${month}`, () => {
    const first = parse(`${month}-01`, lang);
    const count = first.daysInMonth ?? 31;
    const days = Array.from({ length: count }, (_, i) => day(first.plus({ days: i })));
    return {
      month,
      title: first.toFormat('LLLL yyyy'),
      first: days[0]?.date ?? '',
      last: days[count - 1]?.date ?? '',
      prev: first.minus({ months: 1 }).toFormat('yyyy-LL'),
      next: first.plus({ months: 1 }).toFormat('yyyy-LL'),
      days,
    };
  });
}

const dayLabels = new Map<string, DayFrame>();
/** Labels of any single local date (CSV rows, my turns). */
export function dayFrame(lang: Lang, date: string): DayFrame {
  return remember(dayLabels, `${lang}|${date}`, () => day(parse(date, lang)));
}

let todayCache = { minute: Number.NaN, date: '' };
/** Today's local date in Helsinki; recomputed once a minute at most (offsets change only on the hour). */
export function todayAt(now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== todayCache.minute) todayCache = { minute, date: localToday(now) };
  return todayCache.date;
}
