/**
 * Planning data for the workflow flows and the workflow accessibility sweep:
 * staff enough for a generated week to be fully staffed, and published turns
 * at Helsinki wall times. Dates are computed from the real clock (the harness
 * app has no fixed clock), always in weeks to come, so turns have not started.
 */
import { localToday, mondayOf, shiftDate, wallToUtc } from '../../src/time/zone.js';
import { apiToken } from '../helpers/app.js';
import { makeAdviser, makeTurn } from '../helpers/factories.js';
import type { Harness } from './harness.js';

export type CityName = 'helsinki' | 'espoo' | 'vantaa';

const FIRST_NAMES = ['Aino', 'Eero', 'Helmi', 'Ilmari', 'Kaisa', 'Leo', 'Maija', 'Onni'];

/** The Monday `weeks` weeks after this week's, as YYYY-MM-DD in Helsinki. */
export function mondayIn(weeks: number): string {
  return shiftDate(mondayOf(localToday(new Date())), 7 * weeks);
}

/** A week as the from/to of the generate and publish forms. */
export function weekOf(monday: string): { from: string; to: string } {
  return { from: monday, to: shiftDate(monday, 6) };
}

/**
 * Advisers in every city who can do every service, half of them speaking
 * Swedish (the phone turns need it), with room for 30 hours a week: the
 * generator then staffs a week fully and publishing is not refused.
 */
export function seedStaff(h: Harness, perCity = 6): Record<CityName, number[]> {
  const skills = Object.values(h.region.services);
  const staff: Record<CityName, number[]> = { helsinki: [], espoo: [], vantaa: [] };
  for (const city of Object.keys(staff) as CityName[]) {
    const town = city.charAt(0).toUpperCase() + city.slice(1);
    staff[city] = Array.from({ length: perCity }, (_, i) =>
      makeAdviser(h.t.db, h.region.cities[city], {
        name: `${FIRST_NAMES[i % FIRST_NAMES.length] ?? 'Neuvoja'} ${town}`,
        skills,
        languages: i % 2 === 0 ? ['fi', 'sv'] : ['fi'],
        maxHoursPerWeek: 30,
      }),
    );
  }
  return staff;
}

/** A published turn at Helsinki wall times (default 08:00–16:00, like the email service) with its advisers. */
export function publishedTurn(
  h: Harness,
  o: { date: string; adviserIds: number[]; cityId?: number; serviceId?: number; start?: string; end?: string; status?: 'draft' | 'published' },
): number {
  return makeTurn(h.t.db, {
    serviceId: o.serviceId ?? h.region.services.email,
    cityId: o.cityId ?? h.region.cities.helsinki,
    date: o.date,
    startAt: wallToUtc(o.date, o.start ?? '08:00'),
    endAt: wallToUtc(o.date, o.end ?? '16:00'),
    status: o.status ?? 'published',
    adviserIds: o.adviserIds,
  });
}

/** Rows of a query on the test database, typed by the caller. */
export function rows<T>(h: Harness, sql: string, ...params: unknown[]): T[] {
  return h.t.db.prepare(sql).all(...params) as T[];
}

/**
 * The supervisors of the given cities (made here) accept their cities' parts
 * of from..to through the API, as each city must before a supervisor publishes.
 */
export async function acceptCities(h: Harness, from: string, to: string, cities: readonly CityName[]): Promise<void> {
  for (const city of cities) {
    const supervisor = await h.makeUser('supervisor', { cityId: h.region.cities[city] });
    const token = apiToken(h.t, supervisor.id);
    const res = await fetch(h.url('/api/v1/rosters/accept'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ from, to, city }),
    });
    if (res.status !== 200) throw new Error(`accepting ${city} failed: ${res.status} ${await res.text()}`);
  }
}
