import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { solve } from '../src/rotation/engine.js';
import { loadSolver } from '../src/rotation/solver.js';
import type { AdviserSpec, EngineInput, RosterTurn } from '../src/rotation/types.js';
import { validateRoster } from '../src/rotation/validator.js';
import { ERROR_CODES } from '../src/rotation/violations.js';

// Level 2 against exhaustive search: one city holding every turn of two
// services over two weeks, few advisers with tight weekly maximums, evening
// and morning turns (rest), overlapping turns, absences and a language. The
// most seats any valid roster fills is found by enumerating every choice of
// advisers per turn (pruned by the validator, which is separate code); the
// engine must fill as many.

const HARD = new Set<string>(ERROR_CODES.filter((c) => c !== 'understaffed'));

const FROM = '2027-03-01';
const TO = '2027-03-14';

const templateArb = fc.record({
  weekday: fc.integer({ min: 1, max: 7 }),
  start: fc.constantFrom(6, 8, 9, 12, 14, 17, 20),
  length: fc.constantFrom(3, 4, 6, 8),
  headcount: fc.integer({ min: 1, max: 2 }),
  language: fc.constantFrom(null, null, 'sv'),
});

const caseArb = fc.record({
  a: fc.array(templateArb, { minLength: 1, maxLength: 2 }),
  b: fc.array(templateArb, { minLength: 0, maxLength: 2 }),
  advisers: fc.array(
    fc.record({
      max: fc.constantFrom(4, 6, 8, 12, 40),
      skills: fc.subarray([1, 2], { minLength: 1 }),
      sv: fc.boolean(),
      absent: fc.option(fc.integer({ min: 0, max: 13 })),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

const hh = (h: number) => `${String(Math.min(h, 23)).padStart(2, '0')}:00`;

function toInput(c: Case): EngineInput {
  let id = 0;
  const templates = (list: Case['a']) =>
    list.map((t) => ({
      id: ++id,
      weekday: t.weekday,
      startTime: hh(t.start),
      endTime: hh(t.start + t.length),
      headcount: t.headcount,
      language: t.language,
    }));
  const advisers: AdviserSpec[] = c.advisers.map((a, i) => ({
    id: 100 + i,
    cityId: 1,
    maxHoursPerWeek: a.max,
    active: true,
    activeFrom: null,
    activeTo: null,
    skills: new Set(a.skills),
    languages: new Set(a.sv ? ['fi', 'sv'] : ['fi']),
    desired: new Set(),
    undesired: new Set(),
  }));
  const day = (n: number) => new Date(Date.parse(`${FROM}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  return {
    from: FROM,
    to: TO,
    services: [
      { id: 1, code: 'a', rotationUnit: 'turn', active: true, templates: templates(c.a) },
      { id: 2, code: 'b', rotationUnit: 'day', active: true, templates: templates(c.b) },
    ],
    cities: [{ id: 1, code: 'c1', active: true }],
    shares: [1, 2].map((serviceId) => ({ serviceId, cityId: 1, validFrom: '2020-01-01', share: 1 })),
    closedDates: new Set(),
    advisers,
    absences: c.advisers.flatMap((a, i) => (a.absent === null ? [] : [{ adviserId: 100 + i, from: day(a.absent), to: day(a.absent) }])),
    existing: [],
    context: [],
    history: [],
  };
}

function hardOk(turns: RosterTurn[], input: EngineInput): boolean {
  return !validateRoster({ turns, context: [], advisers: input.advisers, absences: input.absences, closedDates: input.closedDates, warnings: false }).some(
    (v) => HARD.has(v.code),
  );
}

const subsets = <T>(items: readonly T[], max: number): T[][] => {
  const out: T[][] = [[]];
  for (const x of items) for (const s of [...out]) if (s.length < max) out.push([...s, x]);
  return out.sort((p, q) => q.length - p.length);
};

/** The most seats any roster that breaks no hard rule fills (branch and bound over every turn's choice of advisers). */
function exhaustiveMax(turns: RosterTurn[], input: EngineInput): number {
  const base = turns.map((t) => ({ ...t, assignments: [] as RosterTurn['assignments'] }));
  const options = base.map((t) =>
    subsets(
      input.advisers.filter((a) => a.skills.has(t.serviceId)).map((a) => a.id),
      t.headcount,
    ),
  );
  const remaining = base.map((_, i) => base.slice(i).reduce((s, t) => s + t.headcount, 0));
  let best = 0;
  const walk = (i: number, filled: number): void => {
    if (filled + (remaining[i] ?? 0) <= best) return;
    if (i === base.length) {
      best = filled;
      return;
    }
    for (const ids of options[i] as number[][]) {
      (base[i] as RosterTurn).assignments = ids.map((adviserId) => ({ adviserId, pinned: false }));
      if (hardOk(base.slice(0, i + 1), input)) walk(i + 1, filled + ids.length);
    }
    (base[i] as RosterTurn).assignments = [];
  };
  walk(0, 0);
  return best;
}

describe('level 2: no avoidable open seat', () => {
  beforeAll(async () => {
    expect(await loadSolver()).toBe(true);
  });

  it('when small rosters are solved, then the engine fills as many seats as exhaustive search and breaks no hard rule', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const input = toInput(c);
        const result = solve(input);
        expect(hardOk(result.turns, input)).toBe(true);
        if (result.turns.length > 8) return;
        const filled = result.turns.reduce((s, t) => s + t.assignments.length, 0);
        expect(filled).toBe(exhaustiveMax(result.turns, input));
      }),
      { seed: 4242, numRuns: 120 },
    );
  }, 120_000);

  it('when a seat stays open, then every candidate of the city is listed with the rule that blocks them', () => {
    const input = toInput({
      a: [{ weekday: 1, start: 9, length: 4, headcount: 2, language: null }],
      b: [],
      advisers: [
        { max: 40, skills: [1], sv: false, absent: null },
        { max: 40, skills: [1], sv: false, absent: 0 },
      ],
    });
    const result = solve(input);
    const first = result.openSeats.find((s) => s.turn.date === '2027-03-01');
    expect(first?.open).toBe(1);
    expect(first?.candidates).toEqual([
      { adviserId: 100, rule: 'on_turn' },
      { adviserId: 101, rule: 'absent' },
    ]);
  });
});
