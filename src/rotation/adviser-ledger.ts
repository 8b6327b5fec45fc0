import { absenceIndex, activeOn } from './hard-rules.js';
import type { AbsenceSpec, AdviserSpec, RosterTurn } from './types.js';

export interface AdviserLedgerRow {
  adviserId: number;
  cityId: number;
  turns: number;
  hours: number;
  targetHours: number;
}

/**
 * The adviser ledger of one service, in hours. Every staffed seat of a turn
 * held by a city is owed, in hours, by that city's advisers who have the
 * service's skill and are available on the date (active, not absent), in
 * proportion to their weekly maximum: target = Σ seat-hours × max_a / Σ max
 * of the available pool. So an adviser on leave is owed nothing for those
 * days and a 30 h adviser is owed 1.5 times a 20 h one. The targets of a
 * turn add up to the hours worked on it, so a city's deviations sum to zero
 * (apart from advisers who worked without being in the pool).
 */
export function adviserLedger(
  serviceId: number,
  turns: readonly RosterTurn[],
  advisers: readonly AdviserSpec[],
  absences: readonly AbsenceSpec[],
): Map<number, AdviserLedgerRow> {
  const own = turns.filter((t) => t.serviceId === serviceId);
  const rows = new Map<number, AdviserLedgerRow>();
  const row = (a: { id: number; cityId: number }): AdviserLedgerRow => {
    let r = rows.get(a.id);
    if (!r) rows.set(a.id, (r = { adviserId: a.id, cityId: a.cityId, turns: 0, hours: 0, targetHours: 0 }));
    return r;
  };
  for (const a of advisers) if (a.skills.has(serviceId)) row(a);
  if (own.length === 0) return rows;
  const dates = own.map((t) => t.date).sort();
  const absent = absenceIndex(absences, { from: dates[0] as string, to: dates[dates.length - 1] as string });
  const byId = new Map(advisers.map((a) => [a.id, a]));
  const pools = new Map<number, AdviserSpec[]>();
  for (const a of [...advisers].sort((x, y) => x.id - y.id)) {
    if (!a.skills.has(serviceId)) continue;
    pools.set(a.cityId, [...(pools.get(a.cityId) ?? []), a]);
  }
  for (const t of own) {
    for (const s of t.assignments) {
      const a = byId.get(s.adviserId);
      const r = row({ id: s.adviserId, cityId: a?.cityId ?? t.cityId ?? 0 });
      r.turns += 1;
      r.hours += t.hours;
    }
    if (t.cityId === null || t.assignments.length === 0) continue;
    const seatHours = t.assignments.length * t.hours;
    const pool = (pools.get(t.cityId) ?? []).filter((a) => activeOn(a, t.date) && !absent.get(a.id)?.has(t.date));
    const owers = pool.length > 0 ? pool : t.assignments.map((s) => byId.get(s.adviserId)).filter((a): a is AdviserSpec => a !== undefined);
    const capacity = owers.reduce((s, a) => s + a.maxHoursPerWeek, 0);
    if (capacity <= 0) continue;
    for (const a of owers) row(a).targetHours += (seatHours * a.maxHoursPerWeek) / capacity;
  }
  return rows;
}
