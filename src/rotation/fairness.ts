import { adviserLedger } from './adviser-ledger.js';
import { ledgerOf, ledgersFromHistory, ShareBook } from './ledger.js';
import { planLevel1, type Level1Item } from './level1.js';
import type { AbsenceSpec, AdviserSpec, CitySpec, LedgerHistoryRow, RosterTurn, ShareRow } from './types.js';

export interface CityFairness {
  cityId: number;
  share: number;
  targetHours: number;
  actualHours: number;
  deviationHours: number;
  maxPrefixDeviationTurns: number;
  /** Largest |carried + actual − quota| in hours after any rotation unit of the range. */
  maxPrefixDeviationHours: number;
  /** The smallest largest deviation (over all cities) any sequence of the range's units could reach from the same carried ledger. */
  optimumPrefixDeviationHours: number;
  /** The city's ledger (hours held − quota) over the published turns before the range. */
  carriedHours: number;
}

export interface AdviserFairness {
  adviserId: number;
  cityId: number;
  turns: number;
  hours: number;
  normalisedLoad: number;
  /** Hours owed by capacity: the city's staffed seat-hours shared by availability × weekly maximum. */
  targetHours: number;
  /** carriedHours + hours − targetHours: what the adviser is ahead (+) or behind (−) at the end of the range. */
  deviationHours: number;
  /** The adviser's ledger (hours − target) over the published turns before the range. */
  carriedHours: number;
}

/** What came before the range: the city ledger's published hours and the published turns for the adviser ledger. */
export interface FairnessContext {
  history?: readonly LedgerHistoryRow[];
  earlier?: readonly RosterTurn[];
  absences?: readonly AbsenceSpec[];
}

export interface FairnessReport {
  cities: CityFairness[];
  advisers: AdviserFairness[];
  /** The optimum of level 1 for the range and whether it is proven (false only when the exact search hit its state limit). */
  optimum: { boundHours: number; exact: boolean };
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
  serviceId: number,
  unit: 'turn' | 'day' | 'week',
  turns: readonly RosterTurn[],
  cities: readonly CitySpec[],
  shares: readonly ShareRow[],
  advisers: readonly AdviserSpec[],
  before: FairnessContext = {},
): FairnessReport {
  const book = new ShareBook(shares, cities);
  const carriedLedger = ledgerOf(
    ledgersFromHistory(
      (before.history ?? []).filter((h) => h.serviceId === serviceId),
      book,
    ),
    serviceId,
  );
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
  const worstHours = new Map<number, number>();
  const carried = new Map([...ids].map((id) => [id, -carriedLedger.deficit(id)]));
  const items: Level1Item[] = [];
  const timeline: FairnessReport['timeline'] = [];
  for (const list of units.values()) {
    const quotas = new Map<number, number>();
    for (const t of list) {
      for (const [cityId, share] of book.on(serviceId, t.date)) {
        target.set(cityId, (target.get(cityId) ?? 0) + share * t.hours);
        quotas.set(cityId, (quotas.get(cityId) ?? 0) + share * t.hours);
      }
      if (t.cityId !== null) actual.set(t.cityId, (actual.get(t.cityId) ?? 0) + t.hours);
    }
    items.push({ hours: list.reduce((s, t) => s + t.hours, 0), quotas, eligible: [...quotas].filter(([, q]) => q > 0).map(([id]) => id) });
    const deviation: Record<number, number> = {};
    for (const id of ids) {
      const d = ((actual.get(id) ?? 0) - (target.get(id) ?? 0)) / unitHours;
      worst.set(id, Math.max(worst.get(id) ?? 0, Math.abs(d)));
      worstHours.set(id, Math.max(worstHours.get(id) ?? 0, Math.abs((carried.get(id) ?? 0) + (actual.get(id) ?? 0) - (target.get(id) ?? 0))));
      deviation[id] = round(d);
    }
    const week = (list[0] as RosterTurn).week;
    if (timeline.at(-1)?.week === week) (timeline.at(-1) as { deviation: Record<number, number> }).deviation = deviation;
    else timeline.push({ week, deviation });
  }
  const firstDate = own[0]?.date;
  const plan = planLevel1(items, carried);
  const cityRows = [...ids]
    .sort((a, b) => a - b)
    .map((cityId): CityFairness => {
      const t = target.get(cityId) ?? 0;
      const a = actual.get(cityId) ?? 0;
      return {
        cityId,
        share: round(totalHours > 0 ? t / totalHours : firstDate ? (book.on(serviceId, firstDate).get(cityId) ?? 0) : 0, 4),
        targetHours: round(t),
        actualHours: round(a),
        deviationHours: round(a - t),
        maxPrefixDeviationTurns: round(worst.get(cityId) ?? 0),
        maxPrefixDeviationHours: round(worstHours.get(cityId) ?? 0, 4),
        optimumPrefixDeviationHours: round(plan.boundHours, 4),
        carriedHours: round(carried.get(cityId) ?? 0),
      };
    });
  return {
    cities: cityRows,
    advisers: adviserLoads(serviceId, own, advisers, before),
    timeline,
    optimum: { boundHours: round(plan.boundHours, 4), exact: plan.exact },
  };
}

/** Turns and hours per adviser, and turns relative to capacity within the city's pool for the service. */
function adviserLoads(serviceId: number, turns: readonly RosterTurn[], advisers: readonly AdviserSpec[], before: FairnessContext): AdviserFairness[] {
  const absences = before.absences ?? [];
  const now = adviserLedger(serviceId, turns, advisers, absences);
  const then = adviserLedger(
    serviceId,
    (before.earlier ?? []).filter((t) => t.status === 'published'),
    advisers,
    absences,
  );
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
    .map((a) => {
      const carried = then.has(a.id) ? (then.get(a.id)?.hours ?? 0) - (then.get(a.id)?.targetHours ?? 0) : 0;
      const targetHours = now.get(a.id)?.targetHours ?? 0;
      return {
        adviserId: a.id,
        cityId: a.cityId,
        turns: turnsOf.get(a.id) ?? 0,
        hours: round(hoursOf.get(a.id) ?? 0),
        normalisedLoad: round(((turnsOf.get(a.id) ?? 0) * (meanCapacity.get(a.cityId) ?? a.maxHoursPerWeek)) / a.maxHoursPerWeek),
        targetHours: round(targetHours),
        deviationHours: round(carried + (hoursOf.get(a.id) ?? 0) - targetHours),
        carriedHours: round(carried),
      };
    })
    .sort((x, y) => x.cityId - y.cityId || x.adviserId - y.adviserId);
}
