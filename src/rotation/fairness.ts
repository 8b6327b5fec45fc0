import { ShareBook } from './ledger.js';
import type { AdviserSpec, CitySpec, RosterTurn, ShareRow } from './types.js';

export interface CityFairness {
  cityId: number;
  share: number;
  targetHours: number;
  actualHours: number;
  deviationHours: number;
  maxPrefixDeviationTurns: number;
}

export interface AdviserFairness { adviserId: number; cityId: number; turns: number; hours: number; normalisedLoad: number }

export interface FairnessReport {
  cities: CityFairness[];
  advisers: AdviserFairness[];
  /** Deviation in turns per city at the end of each ISO week (Monday date). */
  timeline: Array<{ week: string; deviation: Record<number, number> }>;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * How one service's turns of a range were divided, measured from the start
 * of the range. Deviation in turns is hours divided by the mean hours of a
 * rotation unit (a turn, a day or a week), taken after each unit: the same
 * measure as the 0.75-turn bound of the ledger.
 */
export function fairnessOf(
  serviceId: number, unit: 'turn' | 'day' | 'week', turns: readonly RosterTurn[], cities: readonly CitySpec[],
  shares: readonly ShareRow[], advisers: readonly AdviserSpec[],
): FairnessReport {
  const book = new ShareBook(shares, cities);
  const own = turns.filter((t) => t.serviceId === serviceId).sort((a, b) => a.startMs - b.startMs);
  const keyOf = (t: RosterTurn) => (unit === 'week' ? t.week : unit === 'day' ? t.date : t.startAt);
  const units = new Map<string, RosterTurn[]>();
  for (const t of own) units.set(keyOf(t), [...(units.get(keyOf(t)) ?? []), t]);
  const totalHours = own.reduce((s, t) => s + t.hours, 0);
  const unitHours = units.size > 0 ? totalHours / units.size : 1;
  const ids = new Set<number>([...cities.filter((c) => c.active).map((c) => c.id), ...own.flatMap((t) => (t.cityId === null ? [] : [t.cityId]))]);
  const target = new Map<number, number>();
  const actual = new Map<number, number>();
  const worst = new Map<number, number>();
  const timeline: FairnessReport['timeline'] = [];
  for (const list of units.values()) {
    for (const t of list) {
      for (const [cityId, share] of book.on(serviceId, t.date)) target.set(cityId, (target.get(cityId) ?? 0) + share * t.hours);
      if (t.cityId !== null) actual.set(t.cityId, (actual.get(t.cityId) ?? 0) + t.hours);
    }
    const deviation: Record<number, number> = {};
    for (const id of ids) {
      const d = ((actual.get(id) ?? 0) - (target.get(id) ?? 0)) / unitHours;
      worst.set(id, Math.max(worst.get(id) ?? 0, Math.abs(d)));
      deviation[id] = round(d);
    }
    const week = (list[0] as RosterTurn).week;
    if (timeline.at(-1)?.week === week) (timeline.at(-1) as { deviation: Record<number, number> }).deviation = deviation;
    else timeline.push({ week, deviation });
  }
  const firstDate = own[0]?.date;
  const cityRows = [...ids].sort((a, b) => a - b).map((cityId): CityFairness => {
    const t = target.get(cityId) ?? 0;
    const a = actual.get(cityId) ?? 0;
    return {
      cityId,
      share: round(totalHours > 0 ? t / totalHours : (firstDate ? (book.on(serviceId, firstDate).get(cityId) ?? 0) : 0), 4),
      targetHours: round(t), actualHours: round(a), deviationHours: round(a - t),
      maxPrefixDeviationTurns: round(worst.get(cityId) ?? 0),
    };
  });
  return { cities: cityRows, advisers: adviserLoads(serviceId, own, advisers), timeline };
}

/** Turns and hours per adviser, and turns relative to capacity within the city's pool for the service. */
function adviserLoads(serviceId: number, turns: readonly RosterTurn[], advisers: readonly AdviserSpec[]): AdviserFairness[] {
  const turnsOf = new Map<number, number>();
  const hoursOf = new Map<number, number>();
  for (const t of turns) {
    for (const a of t.assignments) {
      turnsOf.set(a.adviserId, (turnsOf.get(a.adviserId) ?? 0) + 1);
      hoursOf.set(a.adviserId, (hoursOf.get(a.adviserId) ?? 0) + t.hours);
    }
  }
  const relevant = advisers.filter((a) => a.skills.has(serviceId) || turnsOf.has(a.id));
  const meanCapacity = new Map<number, number>();
  for (const cityId of new Set(relevant.map((a) => a.cityId))) {
    const pool = relevant.filter((a) => a.cityId === cityId);
    meanCapacity.set(cityId, pool.reduce((s, a) => s + a.maxHoursPerWeek, 0) / pool.length);
  }
  return relevant
    .map((a) => ({
      adviserId: a.id, cityId: a.cityId, turns: turnsOf.get(a.id) ?? 0, hours: round(hoursOf.get(a.id) ?? 0),
      normalisedLoad: round(((turnsOf.get(a.id) ?? 0) * (meanCapacity.get(a.cityId) ?? a.maxHoursPerWeek)) / a.maxHoursPerWeek),
    }))
    .sort((x, y) => x.cityId - y.cityId || x.adviserId - y.adviserId);
}
