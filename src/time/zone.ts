import { DateTime, IANAZone } from 'luxon';

/**
 * The one place where wall time in Helsinki meets UTC instants. Everything
 * stored is either a UTC instant (ISO with Z) or a local date / wall time.
 */
export const ZONE = 'Europe/Helsinki';

export function localDate(iso: string): DateTime {
  const d = DateTime.fromISO(iso, { zone: ZONE });
  if (!d.isValid) throw new Error(`invalid date ${iso}`);
  return d.startOf('day');
}

/** The UTC instant of a local date and wall time (HH:MM) in Helsinki. */
export function wallToUtc(date: string, time: string): string {
  const d = DateTime.fromISO(`${date}T${time}`, { zone: ZONE });
  if (!d.isValid) throw new Error(`invalid wall time ${date} ${time}`);
  return toUtcIso(d);
}

export function toUtcIso(d: DateTime): string {
  return d.toUTC().toISO({ suppressMilliseconds: true }) as string;
}

export function utcToLocal(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(ZONE);
}

/** Today's local date in Helsinki for an instant. */
export function localToday(now: Date): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).toISODate() as string;
}

/** The Monday (ISO week start) of the week containing a local date. */
export function mondayOf(date: string): string {
  return localDate(date).startOf('week').toISODate() as string;
}

export function addDays(date: string, days: number): string {
  return localDate(date).plus({ days }).toISODate() as string;
}

/** Inclusive list of local dates from..to. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = localDate(from), end = localDate(to); d <= end; d = d.plus({ days: 1 })) out.push(d.toISODate() as string);
  return out;
}

/** ISO weekday 1..7 of a local date. */
export function weekdayOf(date: string): number {
  return localDate(date).weekday;
}

/** Days between two local dates (to − from). */
export function daysBetween(from: string, to: string): number {
  return Math.round(localDate(to).diff(localDate(from), 'days').days);
}

/** A local calendar day with the keys the rotation engine groups by. */
export interface CalendarDay {
  date: string;
  weekday: number;
  monday: string;
}

// Calendar arithmetic on plain dates needs no zone (a date has no instant), so
// these run on UTC midnights: a year of days costs microseconds, not luxon calls.
const DAY_MS = 86_400_000;
const dateMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const msDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Inclusive days from..to with ISO weekday and the Monday of their ISO week. */
export function calendarDays(from: string, to: string): CalendarDay[] {
  const out: CalendarDay[] = [];
  for (let ms = dateMs(from), end = dateMs(to); ms <= end; ms += DAY_MS) {
    const weekday = ((new Date(ms).getUTCDay() + 6) % 7) + 1;
    out.push({ date: msDate(ms), weekday, monday: msDate(ms - (weekday - 1) * DAY_MS) });
  }
  return out;
}

/** The date n days after a date (negative n: before), without a zone. */
export function shiftDate(date: string, days: number): string {
  return msDate(dateMs(date) + days * DAY_MS);
}

const helsinki = IANAZone.create(ZONE);
const dayOffsets = new Map<number, number | null>();

/** Helsinki's UTC offset in minutes at an instant; one lookup per UTC day unless the clocks change that day. */
function offsetAt(ts: number): number {
  const day = Math.floor(ts / DAY_MS);
  let known = dayOffsets.get(day);
  if (known === undefined) {
    const start = helsinki.offset(day * DAY_MS);
    known = start === helsinki.offset((day + 1) * DAY_MS - 1) ? start : null;
    dayOffsets.set(day, known);
  }
  return known ?? helsinki.offset(ts);
}

/**
 * The epoch ms of a local date and wall time in Helsinki. Same result as
 * wallToUtc, but through luxon's zone offsets directly instead of building a
 * DateTime: the engine converts thousands of turns per generation. The
 * correction steps are luxon's own (a wall time in the spring-forward gap
 * moves forward, an ambiguous autumn one takes the earlier, summer offset).
 */
export function wallToUtcMs(date: string, time: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const h = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m || !h) throw new Error(`invalid wall time ${date} ${time}`);
  const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(h[1]), Number(h[2]));
  const o = offsetAt(local);
  let guess = local - o * 60_000;
  const o2 = offsetAt(guess);
  if (o === o2) return guess;
  guess -= (o2 - o) * 60_000;
  const o3 = offsetAt(guess);
  if (o2 === o3) return guess;
  return local - Math.min(o2, o3) * 60_000;
}

/** A UTC ISO string with Z, without milliseconds, for epoch ms. */
export function msToUtcIso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
