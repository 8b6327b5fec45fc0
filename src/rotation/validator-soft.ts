import { shiftDate } from '../time/zone.js';
import { activeOn, overlaps } from './hard-rules.js';
import type { AdviserSpec, RosterTurn } from './types.js';
import { violation, type Violation } from './violations.js';

/** The most a city's advisers of one service may differ in normalised load within a quarter. */
export const MAX_LOAD_SPREAD_TURNS = 1;

/**
 * The soft goals as warnings: undesired weekdays; the same person on
 * consecutive days of a service while a colleague was free; and, per city,
 * service and quarter, a load spread above one turn among the advisers who
 * were available throughout (an absence is a reason, not an imbalance).
 */
export function softViolations(turns: readonly RosterTurn[], advisers: readonly AdviserSpec[], absent: Map<number, Set<string>>): Violation[] {
  const byId = new Map(advisers.map((a) => [a.id, a]));
  const out: Violation[] = [];
  const worked = new Map<string, Set<number>>(); // service|date → advisers
  const busy = new Map<number, RosterTurn[]>();
  for (const t of turns) {
    const key = `${t.serviceId}|${t.date}`;
    const set = worked.get(key) ?? new Set<number>();
    for (const a of t.assignments) {
      set.add(a.adviserId);
      busy.set(a.adviserId, [...(busy.get(a.adviserId) ?? []), t]);
    }
    worked.set(key, set);
  }
  const pools = new Map<string, AdviserSpec[]>();
  for (const a of advisers) for (const s of a.skills) pools.set(`${a.cityId}|${s}`, [...(pools.get(`${a.cityId}|${s}`) ?? []), a]);

  for (const t of turns) {
    const at = { turnId: t.id, serviceId: t.serviceId, cityId: t.cityId, date: t.date, start: t.startAt };
    const yesterday = worked.get(`${t.serviceId}|${shiftDate(t.date, -1)}`);
    for (const a of t.assignments) {
      const adviser = byId.get(a.adviserId);
      if (!adviser) continue;
      if (adviser.undesired.has(t.weekday)) out.push(violation('undesired_day', { ...at, adviserId: a.adviserId }));
      if (!yesterday?.has(a.adviserId)) continue;
      const onTurn = new Set(t.assignments.map((x) => x.adviserId));
      const free = (pools.get(`${t.cityId}|${t.serviceId}`) ?? []).some(
        (o) =>
          !onTurn.has(o.id) &&
          !yesterday.has(o.id) &&
          activeOn(o, t.date) &&
          !absent.get(o.id)?.has(t.date) &&
          !(busy.get(o.id) ?? []).some((b) => overlaps(b, t)),
      );
      if (free) out.push(violation('consecutive_days', { ...at, adviserId: a.adviserId }));
    }
  }
  out.push(...loadImbalance(turns, pools, absent));
  return out;
}

function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

function loadImbalance(turns: readonly RosterTurn[], pools: Map<string, AdviserSpec[]>, absent: Map<number, Set<string>>): Violation[] {
  const groups = new Map<string, RosterTurn[]>();
  for (const t of turns) {
    if (t.cityId === null) continue;
    const key = `${t.cityId}|${t.serviceId}|${quarterOf(t.date)}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const out: Violation[] = [];
  for (const [key, list] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
    const [cityId, serviceId] = key.split('|').map(Number) as [number, number];
    const dates = [...new Set(list.map((t) => t.date))];
    const pool = (pools.get(`${cityId}|${serviceId}`) ?? []).filter((a) => dates.every((d) => activeOn(a, d) && !absent.get(a.id)?.has(d)));
    if (pool.length < 2) continue;
    const count = new Map<number, number>();
    for (const t of list) for (const a of t.assignments) count.set(a.adviserId, (count.get(a.adviserId) ?? 0) + 1);
    // Turns minus the fair share by capacity, so a spread of one turn is attainable for any capacities.
    const total = pool.reduce((s, a) => s + (count.get(a.id) ?? 0), 0);
    const capacity = pool.reduce((s, a) => s + a.maxHoursPerWeek, 0);
    const loads = pool
      .map((a) => ({ a, load: (count.get(a.id) ?? 0) - (total * a.maxHoursPerWeek) / capacity }))
      .sort((x, y) => x.load - y.load || x.a.id - y.a.id);
    const low = loads[0];
    const high = loads[loads.length - 1];
    if (!low || !high || high.load - low.load <= MAX_LOAD_SPREAD_TURNS + 1e-9) continue;
    const first = dates.sort()[0] ?? null;
    out.push(
      violation('load_imbalance', {
        adviserId: high.a.id,
        serviceId,
        cityId,
        date: first,
        params: { spread: Math.round((high.load - low.load) * 10) / 10, quarter: quarterOf(first ?? '') },
      }),
    );
  }
  return out;
}
