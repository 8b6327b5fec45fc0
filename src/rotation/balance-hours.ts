import { shiftDate } from '../time/zone.js';
import { adviserLedger } from './adviser-ledger.js';
import { speaks } from './hard-rules.js';
import { quarterOf } from './improve.js';
import type { Staffing } from './staffing.js';
import type { AbsenceSpec, AdviserSpec, RosterTurn } from './types.js';

const MAX_MOVES_PER_GROUP = 4_000;
const TOP = 3;
const BOTTOM = 5;
const EPS = 1e-9;

/**
 * Level 2, fairest load in hours: per city, service and quarter, each
 * adviser's ledger is carried hours (first quarter of the range only) +
 * hours worked − target by capacity (adviser-ledger.ts). Local search moves
 * a turn from one of the most-ahead advisers to one of the most-behind when
 * the hard rules allow it and the larger |ledger| of the two shrinks, so the
 * largest deviation and the sum of squares fall with every move (it ends).
 * It never creates an undesired day, and a consecutive day only while the
 * pair is more than one turn away from its target.
 * Deterministic: fixed orders and a move limit, no clock.
 */
export function balanceHours(staffing: Staffing, roster: readonly RosterTurn[], absences: readonly AbsenceSpec[], carried: ReadonlyMap<string, number>): void {
  const groups = new Map<string, RosterTurn[]>();
  for (const t of roster) {
    if (t.cityId === null) continue;
    const key = `${t.cityId}|${t.serviceId}|${quarterOf(t.date)}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const firstQuarter = new Map<string, string>();
  for (const key of [...groups.keys()].sort()) {
    const [cityId, serviceId, quarter] = key.split('|') as [string, string, string];
    if (!firstQuarter.has(`${cityId}|${serviceId}`)) firstQuarter.set(`${cityId}|${serviceId}`, quarter);
  }
  for (const key of [...groups.keys()].sort()) {
    const [cityId, serviceId, quarter] = key.split('|') as [string, string, string];
    const pool = staffing.pool(Number(cityId), Number(serviceId));
    if (pool.length < 2) continue;
    const useCarry = firstQuarter.get(`${cityId}|${serviceId}`) === quarter;
    balanceGroup(staffing, pool, Number(serviceId), groups.get(key) ?? [], absences, useCarry ? carried : new Map());
  }
}

function balanceGroup(
  staffing: Staffing,
  pool: readonly AdviserSpec[],
  serviceId: number,
  turns: readonly RosterTurn[],
  absences: readonly AbsenceSpec[],
  carried: ReadonlyMap<string, number>,
): void {
  const rows = adviserLedger(serviceId, turns, pool, absences);
  const ledger = new Map(
    pool.map((a) => [a.id, (carried.get(`${serviceId}|${a.id}`) ?? 0) + (rows.get(a.id)?.hours ?? 0) - (rows.get(a.id)?.targetHours ?? 0)]),
  );
  const held = new Map<number, RosterTurn[]>();
  for (const t of turns) {
    if (t.status !== 'draft') continue;
    for (const s of t.assignments) if (!s.pinned) held.set(s.adviserId, [...(held.get(s.adviserId) ?? []), t]);
  }
  for (let moves = 0; moves < MAX_MOVES_PER_GROUP; moves++) {
    const ranked = [...pool].sort((x, y) => (ledger.get(y.id) ?? 0) - (ledger.get(x.id) ?? 0) || x.id - y.id);
    let moved = false;
    for (const from of ranked.slice(0, TOP)) {
      for (const to of ranked.slice(-BOTTOM).reverse()) {
        const lf = ledger.get(from.id) ?? 0;
        const lt = ledger.get(to.id) ?? 0;
        if (lf <= lt) continue;
        const list = held.get(from.id) ?? [];
        for (let k = list.length - 1; k >= 0; k--) {
          const t = list[k] as RosterTurn;
          if (Math.max(Math.abs(lf - t.hours), Math.abs(lt + t.hours)) >= Math.max(Math.abs(lf), Math.abs(lt)) - EPS) continue;
          // Consecutive days are avoided unless the pair is more than a turn apart from zero: load in hours comes first then.
          if (!tryMove(staffing, t, from, to, Math.max(Math.abs(lf), Math.abs(lt)) > t.hours + EPS)) continue;
          list.splice(k, 1);
          held.set(to.id, [...(held.get(to.id) ?? []), t]);
          ledger.set(from.id, lf - t.hours);
          ledger.set(to.id, lt + t.hours);
          moved = true;
          break;
        }
        if (moved) break;
      }
      if (moved) break;
    }
    if (!moved) return;
  }
}

function tryMove(staffing: Staffing, t: RosterTurn, from: AdviserSpec, to: AdviserSpec, consecutiveOk: boolean): boolean {
  if (t.assignments.some((a) => a.adviserId === to.id)) return false;
  if (to.undesired.has(t.weekday)) return false;
  if (!consecutiveOk && staffing.worksAround(to.id, t.serviceId, t.date, shiftDate(t.date, -1), shiftDate(t.date, 1))) return false;
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
