import { expandTurns } from '../src/rotation/expand.js';
import type { EngineInput, RosterTurn } from '../src/rotation/types.js';

/**
 * The baseline the engine is compared with: plain round robin of the cities
 * per rotation unit (skipping holidays, which expansion already does), and
 * within a city plain round robin of the advisers with the skill, blind to
 * shares, absences, languages, rest and hours.
 */
export function naiveRoster(input: EngineInput): RosterTurn[] {
  const turns = expandTurns(input.services, input.from, input.to, input.closedDates);
  const cities = input.cities
    .filter((c) => c.active)
    .map((c) => c.id)
    .sort((a, b) => a - b);
  const units = new Map(input.services.map((s) => [s.id, s.rotationUnit]));
  const nextCity = new Map<number, number>();
  const lastKey = new Map<number, string>();
  const cityOfService = new Map<number, number>();
  const nextAdviser = new Map<string, number>();
  return turns.map((t): RosterTurn => {
    const unit = units.get(t.serviceId);
    const key = unit === 'week' ? t.week : unit === 'day' ? t.date : t.startAt;
    if (lastKey.get(t.serviceId) !== key) {
      const i = nextCity.get(t.serviceId) ?? 0;
      cityOfService.set(t.serviceId, cities[i % cities.length] as number);
      nextCity.set(t.serviceId, i + 1);
      lastKey.set(t.serviceId, key);
    }
    const cityId = cityOfService.get(t.serviceId) as number;
    const pool = input.advisers.filter((a) => a.cityId === cityId && a.skills.has(t.serviceId));
    const poolKey = `${cityId}|${t.serviceId}`;
    const assignments = [];
    for (let k = 0; k < Math.min(t.headcount, pool.length); k++) {
      const i = nextAdviser.get(poolKey) ?? 0;
      assignments.push({ adviserId: (pool[i % pool.length] as { id: number }).id, pinned: false });
      nextAdviser.set(poolKey, i + 1);
    }
    return { ...t, cityId, cityPinned: false, status: 'draft', assignments };
  });
}
