import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solve } from '../src/rotation/engine.js';
import type { AdviserSpec, EngineInput, RosterTurn, TemplateSpec } from '../src/rotation/types.js';
import { validateRoster } from '../src/rotation/validator.js';
import { ERROR_CODES } from '../src/rotation/violations.js';
import { calendarDays } from '../src/time/zone.js';

// Random but small scenarios: few advisers, tight weekly maximums, evening
// and night turns (so the 11 h rest rule bites), absences, closures, mixed
// skills and languages, and some turns pinned or published beforehand.

const time = fc.integer({ min: 0, max: 21 }).chain((h) => fc.integer({ min: 1, max: Math.min(10, 23 - h) }).map((len) => [h, h + len] as const));

const template = (id: number) =>
  fc
    .record({
      weekday: fc.integer({ min: 1, max: 7 }),
      span: time,
      headcount: fc.integer({ min: 1, max: 3 }),
      language: fc.constantFrom(null, null, 'sv', 'en'),
    })
    .map((t): TemplateSpec => ({
      id,
      weekday: t.weekday,
      startTime: `${String(t.span[0]).padStart(2, '0')}:00`,
      endTime: `${String(t.span[1]).padStart(2, '0')}:00`,
      headcount: t.headcount,
      language: t.language,
    }));

const adviserArb = (id: number) =>
  fc
    .record({
      cityId: fc.integer({ min: 1, max: 3 }),
      max: fc.constantFrom(4, 8, 12, 20, 40),
      skills: fc.subarray([1, 2, 3], { minLength: 1 }),
      languages: fc.subarray(['fi', 'sv', 'en'], { minLength: 1 }),
      active: fc.constantFrom(true, true, true, false),
      activeFrom: fc.constantFrom(null, null, '2027-03-10'),
      activeTo: fc.constantFrom(null, null, '2027-03-20'),
      absent: fc.option(fc.record({ start: fc.integer({ min: 0, max: 27 }), len: fc.integer({ min: 0, max: 6 }) })),
      undesired: fc.subarray([1, 2, 3, 4, 5]),
    })
    .map((a) => ({ id, ...a }));

const scenario = fc.record({
  templates: fc.tuple(
    fc.array(template(0), { minLength: 1, maxLength: 4 }),
    fc.array(template(0), { minLength: 1, maxLength: 3 }),
    fc.array(template(0), { minLength: 1, maxLength: 2 }),
  ),
  units: fc.tuple(fc.constantFrom('turn', 'day', 'week'), fc.constantFrom('turn', 'day', 'week'), fc.constantFrom('turn', 'day', 'week')),
  advisers: fc.integer({ min: 2, max: 14 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => adviserArb(100 + i)))),
  shares: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 4 })),
  closed: fc.subarray(
    calendarDays('2027-03-01', '2027-03-28').map((d) => d.date),
    { maxLength: 4 },
  ),
  pinEvery: fc.integer({ min: 0, max: 5 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function toInput(s: Scenario): EngineInput {
  const from = '2027-03-01';
  const to = '2027-03-28';
  const advisers: AdviserSpec[] = s.advisers.map((a) => ({
    id: a.id,
    cityId: a.cityId,
    maxHoursPerWeek: a.max,
    active: a.active,
    activeFrom: a.activeFrom,
    activeTo: a.activeTo,
    skills: new Set(a.skills),
    languages: new Set(a.languages),
    desired: new Set(),
    undesired: new Set(a.undesired),
  }));
  const days = calendarDays(from, to);
  const absences = s.advisers.flatMap((a) =>
    a.absent
      ? [
          {
            adviserId: a.id,
            from: (days[a.absent.start] ?? days[0])?.date ?? from,
            to: (days[Math.min(27, a.absent.start + a.absent.len)] ?? days[27])?.date ?? to,
          },
        ]
      : [],
  );
  let tid = 0;
  return {
    from,
    to,
    services: s.templates.map((list, i) => ({
      id: i + 1,
      code: `s${i + 1}`,
      rotationUnit: s.units[i] as 'turn' | 'day' | 'week',
      active: true,
      templates: list.map((t) => ({ ...t, id: ++tid })),
    })),
    cities: [1, 2, 3].map((id) => ({ id, code: `c${id}`, active: true })),
    shares: [1, 2, 3].flatMap((serviceId) => s.shares.map((share, i) => ({ serviceId, cityId: i + 1, validFrom: '2020-01-01', share }))),
    closedDates: new Set(s.closed),
    advisers,
    absences,
    existing: [],
    context: [],
    history: [],
  };
}

const HARD = new Set<string>(ERROR_CODES.filter((c) => c !== 'understaffed'));

function hardBreaks(turns: RosterTurn[], input: EngineInput) {
  return validateRoster({ turns, context: [], advisers: input.advisers, absences: input.absences, closedDates: input.closedDates, warnings: false }).filter(
    (v) => HARD.has(v.code),
  );
}

describe('the engine never breaks a hard rule', () => {
  it('when solving hundreds of random scenarios, then the validator finds no hard violation (open seats aside)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const input = toInput(s);
        const result = solve(input);
        expect(hardBreaks(result.turns, input)).toEqual([]);
      }),
      { seed: 20270328, numRuns: 300 },
    );
  });

  it('when regenerating with some turns pinned by hand, then the pinned advisers and their cities survive', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const input = toInput(s);
        const first = solve(input);
        let n = 0;
        const existing = first.turns.map((t, i): RosterTurn => ({
          ...t,
          id: i + 1,
          assignments: t.assignments.map((a) => ({ ...a, pinned: s.pinEvery > 0 && n++ % s.pinEvery === 0 })),
        }));
        const pinned = existing.flatMap((t) => t.assignments.filter((a) => a.pinned).map((a) => `${t.id}|${a.adviserId}|${t.cityId}`));
        const second = solve({ ...input, existing });
        const kept = second.turns.flatMap((t) => t.assignments.filter((a) => a.pinned).map((a) => `${t.id}|${a.adviserId}|${t.cityId}`));
        expect(kept.sort()).toEqual(pinned.sort());
        expect(hardBreaks(second.turns, input)).toEqual([]);
      }),
      { seed: 872019, numRuns: 100 },
    );
  });
});
