import { DateTime } from 'luxon';

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
