import { describe, expect, it } from 'vitest';
import { demoScenario } from '../bench/scenario.js';
import { solve } from '../src/rotation/engine.js';
import { expandTurns } from '../src/rotation/expand.js';
import type { AdviserSpec, EngineInput, RosterTurn, ServiceSpec } from '../src/rotation/types.js';
import { validateRoster } from '../src/rotation/validator.js';
import { finnishClosedDaysBetween } from '../src/time/holidays.js';

const weekdays = (start: string, end: string, headcount = 1, language: string | null = null) =>
  [1, 2, 3, 4, 5].map((weekday) => ({ id: weekday, weekday, startTime: start, endTime: end, headcount, language }));

function adviser(id: number, cityId: number, o: Partial<AdviserSpec> = {}): AdviserSpec {
  return {
    id,
    cityId,
    maxHoursPerWeek: 40,
    active: true,
    activeFrom: null,
    activeTo: null,
    skills: new Set([1]),
    languages: new Set(['fi']),
    desired: new Set(),
    undesired: new Set(),
    ...o,
  };
}

/** One service of equal turns (one a weekday), three cities with many advisers each. */
function oneService(shares: [number, number, number], o: { unit?: ServiceSpec['rotationUnit']; from?: string; to?: string } = {}): EngineInput {
  const from = o.from ?? '2027-01-01';
  const to = o.to ?? '2027-12-31';
  const advisers = [1, 2, 3].flatMap((c) => Array.from({ length: 6 }, (_, i) => adviser(c * 100 + i, c)));
  return {
    from,
    to,
    services: [{ id: 1, code: 's', rotationUnit: o.unit ?? 'turn', active: true, templates: weekdays('09:00', '12:00') }],
    cities: [1, 2, 3].map((id) => ({ id, code: `c${id}`, active: true })),
    shares: shares.map((share, i) => ({ serviceId: 1, cityId: i + 1, validFrom: '2020-01-01', share })),
    closedDates: new Set(finnishClosedDaysBetween(from, to).map((d) => d.date)),
    advisers,
    absences: [],
    existing: [],
    context: [],
    history: [],
  };
}

/** The largest |count_i − quota_i| over every prefix of a sequence of holders. */
function maxPrefixDeviation(holders: Array<number | null>, shares: Record<number, number>): number {
  const count: Record<number, number> = {};
  let worst = 0;
  holders.forEach((h, n) => {
    if (h !== null) count[h] = (count[h] ?? 0) + 1;
    for (const [city, share] of Object.entries(shares)) worst = Math.max(worst, Math.abs((count[Number(city)] ?? 0) - share * (n + 1)));
  });
  return worst;
}

const hardErrors = (turns: RosterTurn[], input: EngineInput) =>
  validateRoster({ turns, context: input.context, advisers: input.advisers, absences: input.absences, closedDates: input.closedDates, warnings: false });

describe('level 1: turns to cities', () => {
  for (const shares of [
    [1 / 3, 1 / 3, 1 / 3],
    [0.5, 0.25, 0.25],
    [0.5, 0.3, 0.2],
    [0.6, 0.3, 0.1],
  ] as Array<[number, number, number]>) {
    it(`when generating a year with shares ${shares.map((s) => s.toFixed(2)).join('/')}, then every prefix is within 0.75 turn of the quota`, () => {
      const result = solve(oneService(shares));
      expect(result.turns.length).toBeGreaterThan(240);
      const deviation = maxPrefixDeviation(
        result.turns.map((t) => t.cityId),
        { 1: shares[0], 2: shares[1], 3: shares[2] },
      );
      expect(deviation).toBeLessThanOrEqual(0.75 + 1e-9);
    });
  }

  it('when a service rotates by week, then each ISO week goes whole to one city', () => {
    const result = solve(oneService([0.5, 0.25, 0.25], { unit: 'week' }));
    const byWeek = new Map<string, Set<number | null>>();
    for (const t of result.turns) byWeek.set(t.week, (byWeek.get(t.week) ?? new Set()).add(t.cityId));
    expect(byWeek.size).toBeGreaterThan(50);
    for (const cities of byWeek.values()) expect(cities.size).toBe(1);
    const weeks = [...byWeek.values()].map((s) => [...s][0] ?? null);
    expect(weeks.filter((c) => c === 1).length).toBeGreaterThanOrEqual(25);
  });

  it('when a share changes from a date, then the new share applies from that date only', () => {
    const input = oneService([1, 0, 0]);
    input.shares.push({ serviceId: 1, cityId: 1, validFrom: '2027-07-01', share: 0 }, { serviceId: 1, cityId: 2, validFrom: '2027-07-01', share: 1 });
    const result = solve(input);
    expect(result.turns.filter((t) => t.date < '2027-07-01').every((t) => t.cityId === 1)).toBe(true);
    expect(result.turns.filter((t) => t.date >= '2027-07-01').every((t) => t.cityId === 2)).toBe(true);
  });

  it('when a city is inactive, then it gets no turns', () => {
    const input = oneService([0.5, 0.25, 0.25]);
    input.cities = input.cities.map((c) => (c.id === 1 ? { ...c, active: false } : c));
    const result = solve(input);
    expect(result.turns.some((t) => t.cityId === 1)).toBe(false);
    expect(result.turns.filter((t) => t.cityId === 2).length).toBeGreaterThan(100);
  });

  it('when a city cannot staff for two weeks, then it is skipped and pays its deficit back afterwards', () => {
    const input = oneService([1 / 3, 1 / 3, 1 / 3], { from: '2027-03-01', to: '2027-05-28' });
    input.absences = input.advisers.filter((a) => a.cityId === 3).map((a) => ({ adviserId: a.id, from: '2027-03-01', to: '2027-03-12' }));
    const result = solve(input);
    const early = result.turns.filter((t) => t.date <= '2027-03-12');
    expect(early.some((t) => t.cityId === 3)).toBe(false);
    expect(early.every((t) => t.assignments.length === 1)).toBe(true);
    const total = result.turns.filter((t) => t.cityId === 3).length;
    expect(Math.abs(total - result.turns.length / 3)).toBeLessThanOrEqual(1);
  });
});

describe('expansion', () => {
  it('when the clocks change on 2027-03-28 and 2027-10-31, then 09:00 local is 07:00Z in winter and 06:00Z in summer', () => {
    const service: ServiceSpec = { id: 1, code: 's', rotationUnit: 'turn', active: true, templates: weekdays('09:00', '12:00') };
    const turns = expandTurns([service], '2027-03-26', '2027-11-01', new Set());
    const at = (date: string) => turns.find((t) => t.date === date);
    expect(at('2027-03-26')?.startAt).toBe('2027-03-26T07:00:00Z');
    expect(at('2027-03-29')?.startAt).toBe('2027-03-29T06:00:00Z');
    expect(at('2027-10-29')?.startAt).toBe('2027-10-29T06:00:00Z');
    expect(at('2027-11-01')?.startAt).toBe('2027-11-01T07:00:00Z');
    expect(at('2027-03-29')?.hours).toBe(3);
  });

  it('when a turn spans the spring clock change, then its length is the real 2 hours, not the 3 on the wall', () => {
    const service: ServiceSpec = {
      id: 1,
      code: 's',
      rotationUnit: 'turn',
      active: true,
      templates: [{ id: 1, weekday: 7, startTime: '02:00', endTime: '05:00', headcount: 1, language: null }],
    };
    const [turn] = expandTurns([service], '2027-03-28', '2027-03-28', new Set());
    expect(turn?.startAt).toBe('2027-03-28T00:00:00Z');
    expect(turn?.endAt).toBe('2027-03-28T02:00:00Z');
    expect(turn?.hours).toBe(2);
  });

  it('when a date is a holiday or closure, then it has no turns', () => {
    const service: ServiceSpec = { id: 1, code: 's', rotationUnit: 'turn', active: true, templates: weekdays('09:00', '12:00') };
    const turns = expandTurns([service], '2027-12-20', '2027-12-31', new Set(['2027-12-24', '2027-12-27']));
    expect(turns.map((t) => t.date)).toEqual(['2027-12-20', '2027-12-21', '2027-12-22', '2027-12-23', '2027-12-28', '2027-12-29', '2027-12-30', '2027-12-31']);
  });
});

describe('the demo region', () => {
  it('when generating the same input twice, then the rosters are identical', () => {
    const a = solve(demoScenario('2027-01-04', '2027-03-28'));
    const b = solve(demoScenario('2027-01-04', '2027-03-28'));
    const key = (turns: RosterTurn[]) => turns.map((t) => `${t.serviceId}|${t.startAt}|${t.cityId}|${t.assignments.map((x) => x.adviserId).join(',')}`);
    expect(key(a.turns)).toEqual(key(b.turns));
  });

  it('when generating a year, then no hard rule is broken and no turn is left open', () => {
    const input = demoScenario('2027-01-01', '2027-12-31');
    const result = solve(input);
    expect(hardErrors(result.turns, input)).toEqual([]);
    expect(result.turns.every((t) => t.assignments.length === t.headcount)).toBe(true);
  });

  it('when nobody speaks the required language, then the language seat stays open and is reported, never filled by others', () => {
    const input = oneService([1, 0, 0], { from: '2027-05-03', to: '2027-05-07' });
    input.services = [{ ...(input.services[0] as ServiceSpec), templates: weekdays('09:00', '12:00', 2, 'sv') }];
    const result = solve(input);
    for (const t of result.turns) expect(t.assignments.length).toBe(1);
    const errors = hardErrors(result.turns, input);
    expect(result.turns.length).toBe(4); // 6 May 2027 is Ascension Day
    expect(errors.map((e) => e.code)).toEqual(Array(4).fill('understaffed'));
  });

  it('when no adviser has the skill, then the turn stays open without a holder and is reported', () => {
    const input = oneService([0.5, 0.25, 0.25], { from: '2027-05-03', to: '2027-05-03' });
    input.advisers = input.advisers.map((a) => ({ ...a, skills: new Set([2]) }));
    const result = solve(input);
    expect(result.turns).toHaveLength(1);
    expect(result.turns[0]?.cityId).toBeNull();
    expect(hardErrors(result.turns, input).map((e) => e.code)).toEqual(['understaffed']);
  });
});
