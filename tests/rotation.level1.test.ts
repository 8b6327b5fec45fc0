import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planLevel1, type Level1Item } from '../src/rotation/level1.js';

// Level 1 against brute force: every sequence of holders is enumerated on
// small cases (up to 12 units, three cities) and the best largest prefix
// deviation compared with the planner's.

interface Case {
  items: Level1Item[];
  carried: Map<number, number>;
}

/** The smallest largest |carried + held − quota| over every prefix and city, by enumerating every sequence. */
function bruteForce({ items, carried }: Case): number {
  const ids = [1, 2, 3];
  let best = Infinity;
  const walk = (u: number, dev: number[], worst: number): void => {
    if (worst >= best) return;
    if (u === items.length) {
      best = worst;
      return;
    }
    const it = items[u] as Level1Item;
    const moves: Array<Map<number, number>> = it.fixed
      ? [new Map(it.fixed)]
      : it.eligible.length === 0
        ? [new Map()]
        : it.eligible.map((c) => new Map([[c, it.hours]]));
    for (const credit of moves) {
      const next = ids.map((id, i) => (dev[i] as number) - (it.quotas.get(id) ?? 0) + (credit.get(id) ?? 0));
      walk(u + 1, next, Math.max(worst, ...next.map(Math.abs)));
    }
  };
  walk(
    0,
    ids.map((id) => carried.get(id) ?? 0),
    0,
  );
  return best;
}

/** The largest prefix deviation of the planner's own sequence, recomputed here. */
function boundOf({ items, carried }: Case, holders: Array<number | null>): number {
  const dev = new Map([1, 2, 3].map((id) => [id, carried.get(id) ?? 0]));
  let worst = 0;
  items.forEach((it, u) => {
    for (const id of dev.keys()) dev.set(id, (dev.get(id) ?? 0) - (it.quotas.get(id) ?? 0));
    const credit = it.fixed ?? (holders[u] === null ? new Map<number, number>() : new Map([[holders[u] as number, it.hours]]));
    for (const [id, h] of credit) dev.set(id, (dev.get(id) ?? 0) + h);
    worst = Math.max(worst, ...[...dev.values()].map(Math.abs));
  });
  return worst;
}

const shareVector = fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 10 }));

const caseArb = (opts: { eligibility: boolean; carry: boolean; fixed: boolean }) =>
  fc
    .record({
      first: shareVector,
      second: shareVector,
      changeAt: fc.integer({ min: 0, max: 12 }),
      units: fc.array(
        fc.record({
          hours: fc.constantFrom(3, 4, 6, 8, 18, 24),
          eligible: fc.subarray([1, 2, 3], { minLength: opts.eligibility ? 0 : 3 }),
          fixed: fc.constantFrom(null, null, null, null, null, 1, 2, 3),
        }),
        { minLength: 1, maxLength: 12 },
      ),
      carry: fc.tuple(fc.integer({ min: -12, max: 12 }), fc.integer({ min: -12, max: 12 })),
    })
    .map((c): Case => {
      const items = c.units.map((unit, u): Level1Item => {
        const v = u < c.changeAt ? c.first : c.second;
        const sum = v[0] + v[1] + v[2];
        const quotas = new Map([1, 2, 3].map((id, i) => [id, ((v[i] as number) / sum) * unit.hours]));
        const eligible = opts.eligibility ? unit.eligible : [1, 2, 3].filter((id) => (quotas.get(id) ?? 0) > 0);
        const fixed = opts.fixed && unit.fixed !== null ? new Map([[unit.fixed, unit.hours]]) : undefined;
        return { hours: unit.hours, quotas, eligible, fixed };
      });
      const carried = opts.carry
        ? new Map([
            [1, c.carry[0] / 2],
            [2, c.carry[1] / 2],
            [3, -(c.carry[0] + c.carry[1]) / 2],
          ])
        : new Map<number, number>();
      return { items, carried };
    });

describe('level 1: exact minimax sequence of cities', () => {
  it('when shares, lengths and share changes are random (≤ 12 units), then the bound equals brute force', () => {
    fc.assert(
      fc.property(caseArb({ eligibility: false, carry: false, fixed: false }), (c) => {
        const plan = planLevel1(c.items, c.carried);
        expect(plan.exact).toBe(true);
        expect(plan.boundHours).toBeCloseTo(bruteForce(c), 5);
        expect(boundOf(c, plan.holders)).toBeCloseTo(plan.boundHours, 9);
      }),
      { numRuns: 300, seed: 11 },
    );
  }, 60_000);

  it('when cities are ineligible, ledgers carried and units fixed at random, then the bound still equals brute force', () => {
    fc.assert(
      fc.property(caseArb({ eligibility: true, carry: true, fixed: true }), (c) => {
        const plan = planLevel1(c.items, c.carried);
        expect(plan.boundHours).toBeCloseTo(bruteForce(c), 5);
        expect(boundOf(c, plan.holders)).toBeCloseTo(plan.boundHours, 9);
        c.items.forEach((it, u) => {
          if (it.fixed) expect(plan.holders[u]).toBeNull();
          else if (it.eligible.length === 0) expect(plan.holders[u]).toBeNull();
          else expect(it.eligible).toContain(plan.holders[u]);
        });
      }),
      { numRuns: 300, seed: 12 },
    );
  }, 60_000);

  it('when no city is ineligible and nothing is carried, then the bound is at most 0.75 × the longest unit, across share changes', () => {
    fc.assert(
      fc.property(caseArb({ eligibility: false, carry: false, fixed: false }), (c) => {
        const plan = planLevel1(c.items, c.carried);
        const longest = Math.max(...c.items.map((i) => i.hours));
        expect(plan.boundHours).toBeLessThanOrEqual(0.75 * longest + 1e-9);
      }),
      { numRuns: 300, seed: 13 },
    );
  }, 60_000);

  it('when 300 equal turns are split 45/35/20, then the bound is never above the greedy start and is the same on every run', () => {
    const items = Array.from({ length: 300 }, (): Level1Item => ({
      hours: 3,
      quotas: new Map([
        [1, 1.35],
        [2, 1.05],
        [3, 0.6],
      ]),
      eligible: [1, 2, 3],
    }));
    const a = planLevel1(items, new Map());
    const b = planLevel1(items, new Map());
    expect(a.exact).toBe(true);
    expect(a.boundHours).toBeLessThanOrEqual(a.greedyHours + 1e-9);
    expect(a.boundHours).toBeLessThanOrEqual(0.75 * 3);
    expect(b.holders).toEqual(a.holders);
    // Spread: the 20 % city never holds two turns in a row.
    const runs = a.holders.filter((h, u) => h === 3 && a.holders[u - 1] === 3).length;
    expect(runs).toBe(0);
  });

  it('when a city carries a debt, then it is paid back first', () => {
    const items = Array.from({ length: 12 }, (): Level1Item => ({
      hours: 4,
      quotas: new Map([
        [1, 2],
        [2, 1],
        [3, 1],
      ]),
      eligible: [1, 2, 3],
    }));
    const plan = planLevel1(
      items,
      new Map([
        [1, 0],
        [2, 0],
        [3, -8],
      ]),
    );
    expect(plan.holders[0]).toBe(3);
    expect(plan.boundHours).toBeCloseTo(
      bruteForce({
        items,
        carried: new Map([
          [1, 0],
          [2, 0],
          [3, -8],
        ]),
      }),
      5,
    );
  });
});
