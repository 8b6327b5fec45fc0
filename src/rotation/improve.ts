import { shiftDate } from '../time/zone.js';
import { speaks } from './hard-rules.js';
import type { Staffing } from './staffing.js';
import type { AdviserSpec, RosterTurn } from './types.js';

const MAX_MOVES_PER_GROUP = 5000;

/**
 * Local search after the greedy construction: within each city and service,
 * moves a turn from the most loaded adviser to a less loaded one whenever the
 * hard rules allow it and the pair ends up closer together, so the max − min
 * of capacity-normalised load shrinks. Moves never create a consecutive day or
 * an undesired day, so the soft goals the greedy met stay met.
 */
export function improveBalance(staffing: Staffing, roster: readonly RosterTurn[]): void {
  const groups = new Map<string, RosterTurn[]>();
  for (const t of roster) {
    if (t.status !== 'draft' || t.cityId === null) continue;
    // Balanced per quarter: the goal is max − min ≤ 1 turn in every quarter, not just over the year.
    const key = `${t.cityId}|${t.serviceId}|${quarterOf(t.date)}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  for (const key of [...groups.keys()].sort()) {
    const [cityId, serviceId] = key.split('|').map(Number) as [number, number];
    const pool = staffing.pool(cityId, serviceId);
    if (pool.length < 2) continue;
    balanceGroup(staffing, pool, serviceId, groups.get(key) ?? []);
  }
}

export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * Load is measured as turns minus the adviser's fair share of the group's
 * turns (proportional to capacity), among the advisers available on every
 * date of the group; an absence is a reason for less, not an imbalance. With
 * that measure a spread of at most one turn is attainable for any mix of
 * capacities (a divisor-method rounding of the quotas), which a plain
 * turns ÷ capacity ratio is not.
 */
function balanceGroup(staffing: Staffing, pool: readonly AdviserSpec[], serviceId: number, turns: readonly RosterTurn[]): void {
  const dates = [...new Set(turns.map((t) => t.date))];
  const team = pool.filter((a) => dates.every((d) => staffing.availableOn(a, d)));
  if (team.length < 2) return;
  const movable = new Map<number, RosterTurn[]>();
  const count = new Map<number, number>();
  for (const t of turns) {
    for (const a of t.assignments) {
      count.set(a.adviserId, (count.get(a.adviserId) ?? 0) + 1);
      if (!a.pinned) movable.set(a.adviserId, [...(movable.get(a.adviserId) ?? []), t]);
    }
  }
  const total = team.reduce((s, a) => s + (count.get(a.id) ?? 0), 0);
  const weights = team.reduce((s, a) => s + staffing.weightOf(a, serviceId), 0);
  for (let moves = 0; moves < MAX_MOVES_PER_GROUP; moves++) {
    const ranked = team
      .map((a) => ({ a, load: (count.get(a.id) ?? 0) - (total * staffing.weightOf(a, serviceId)) / weights }))
      .sort((x, y) => y.load - x.load || x.a.id - y.a.id);
    const moved = moveOne(staffing, ranked, movable);
    if (!moved) return;
    count.set(moved.from, (count.get(moved.from) ?? 0) - 1);
    count.set(moved.to, (count.get(moved.to) ?? 0) + 1);
  }
}

type Ranked = { a: AdviserSpec; load: number };

/** One move that narrows max − min: from a most loaded adviser, or to a least loaded one. */
function moveOne(staffing: Staffing, ranked: readonly Ranked[], movable: Map<number, RosterTurn[]>): { from: number; to: number } | null {
  const top = ranked[0];
  const bottom = ranked[ranked.length - 1];
  if (!top || !bottom || top.load - bottom.load <= 1 + 1e-9) return null;
  const pairs: Array<[Ranked, Ranked]> = [];
  for (const from of ranked) {
    if (from.load < top.load - 1e-9) break;
    for (let j = ranked.length - 1; j >= 0 && (ranked[j] as Ranked).load + 1 < from.load - 1e-9; j--) pairs.push([from, ranked[j] as Ranked]);
  }
  for (let j = ranked.length - 1; j >= 0 && (ranked[j] as Ranked).load <= bottom.load + 1e-9; j--) {
    const to = ranked[j] as Ranked;
    for (const from of ranked) {
      if (from.load <= to.load + 1 + 1e-9) break;
      if (from.load < top.load - 1e-9) pairs.push([from, to]);
    }
  }
  for (const [from, to] of pairs) {
    const list = movable.get(from.a.id) ?? [];
    for (let k = list.length - 1; k >= 0; k--) {
      const t = list[k] as RosterTurn;
      if (tryMove(staffing, t, from.a, to.a)) {
        list.splice(k, 1);
        movable.set(to.a.id, [...(movable.get(to.a.id) ?? []), t]);
        return { from: from.a.id, to: to.a.id };
      }
    }
  }
  return null;
}

function tryMove(staffing: Staffing, t: RosterTurn, from: AdviserSpec, to: AdviserSpec): boolean {
  if (t.assignments.some((a) => a.adviserId === to.id)) return false;
  if (to.undesired.has(t.weekday)) return false;
  if (staffing.worksAround(to.id, t.serviceId, t.date, shiftDate(t.date, -1), shiftDate(t.date, 1))) return false;
  if (t.language !== null && speaks(from, t.language) && !speaks(to, t.language)) {
    const others = t.assignments.filter((a) => a.adviserId !== from.id);
    if (!others.some((a) => speaks(staffing.byId.get(a.adviserId) as AdviserSpec, t.language))) return false;
  }
  staffing.unplace(from.id, t, true);
  if (!staffing.canTake(to, t)) {
    staffing.place(from.id, t, true);
    return false;
  }
  staffing.place(to.id, t, true);
  const slot = t.assignments.find((a) => a.adviserId === from.id);
  if (slot) slot.adviserId = to.id;
  return true;
}
