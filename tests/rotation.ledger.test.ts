import { describe, expect, it } from 'vitest';
import { adviserLedger } from '../src/rotation/adviser-ledger.js';
import { solve } from '../src/rotation/engine.js';
import type { AdviserSpec, EngineInput } from '../src/rotation/types.js';

// The adviser ledger in hours: target by availability × weekly maximum,
// carried across published periods and paid back.

const adviser = (id: number, max: number): AdviserSpec => ({
  id,
  cityId: 1,
  maxHoursPerWeek: max,
  active: true,
  activeFrom: null,
  activeTo: null,
  skills: new Set([1]),
  languages: new Set(['fi']),
  desired: new Set(),
  undesired: new Set(),
});

function input(advisers: AdviserSpec[], carry: EngineInput['adviserCarry'] = []): EngineInput {
  return {
    from: '2027-03-01',
    to: '2027-03-28',
    services: [
      {
        id: 1,
        code: 'phone',
        rotationUnit: 'turn',
        active: true,
        templates: [1, 2, 3, 4, 5].map((weekday) => ({ id: weekday, weekday, startTime: '09:00', endTime: '12:00', headcount: 1, language: null })),
      },
    ],
    cities: [{ id: 1, code: 'c1', active: true }],
    shares: [{ serviceId: 1, cityId: 1, validFrom: '2020-01-01', share: 1 }],
    closedDates: new Set(),
    advisers,
    absences: [],
    existing: [],
    context: [],
    history: [],
    adviserCarry: carry,
  };
}

describe('adviser ledger in hours', () => {
  it("when capacities differ, then each adviser's hours follow their weekly maximum within one turn", () => {
    const advisers = [adviser(1, 30), adviser(2, 15)];
    const result = solve(input(advisers));
    const rows = adviserLedger(1, result.turns, advisers, []);
    const one = rows.get(1);
    const two = rows.get(2);
    expect((one?.targetHours ?? 0) + (two?.targetHours ?? 0)).toBeCloseTo(60, 6);
    expect(one?.targetHours).toBeCloseTo(40, 6);
    for (const r of rows.values()) expect(Math.abs(r.hours - r.targetHours)).toBeLessThanOrEqual(3);
  });

  it('when an adviser carries hours ahead from published periods, then the range pays it back', () => {
    const advisers = [adviser(1, 20), adviser(2, 20)];
    const even = solve(input(advisers));
    const evenHours = adviserLedger(1, even.turns, advisers, []).get(1)?.hours ?? 0;
    const result = solve(
      input(advisers, [
        { serviceId: 1, adviserId: 1, hours: 12 },
        { serviceId: 1, adviserId: 2, hours: -12 },
      ]),
    );
    const rows = adviserLedger(1, result.turns, advisers, []);
    const one = rows.get(1);
    const two = rows.get(2);
    expect(one?.hours).toBeLessThan(evenHours);
    expect(Math.abs(12 + (one?.hours ?? 0) - (one?.targetHours ?? 0))).toBeLessThanOrEqual(3);
    expect(Math.abs(-12 + (two?.hours ?? 0) - (two?.targetHours ?? 0))).toBeLessThanOrEqual(3);
  });
});
