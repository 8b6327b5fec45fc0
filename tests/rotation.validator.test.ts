import { describe, expect, it } from 'vitest';
import type { AdviserSpec, RosterTurn } from '../src/rotation/types.js';
import { validateRoster } from '../src/rotation/validator.js';
import { describeViolation } from '../src/rotation/violations.js';
import { translator } from '../src/i18n/index.js';
import { calendarDays, msToUtcIso, wallToUtcMs } from '../src/time/zone.js';

let nextId = 1;
function turn(date: string, start: string, end: string, adviserIds: number[], o: Partial<RosterTurn> = {}): RosterTurn {
  const day = calendarDays(date, date)[0] as { weekday: number; monday: string };
  const startMs = wallToUtcMs(date, start);
  const endMs = wallToUtcMs(date, end);
  return {
    id: nextId++,
    serviceId: 1,
    templateId: null,
    date,
    week: day.monday,
    weekday: day.weekday,
    startAt: msToUtcIso(startMs),
    endAt: msToUtcIso(endMs),
    startMs,
    endMs,
    hours: (endMs - startMs) / 3_600_000,
    headcount: adviserIds.length || 1,
    language: null,
    cityId: 1,
    cityPinned: false,
    status: 'draft',
    assignments: adviserIds.map((adviserId) => ({ adviserId, pinned: false })),
    ...o,
  };
}

const anna: AdviserSpec = {
  id: 1,
  cityId: 1,
  maxHoursPerWeek: 20,
  active: true,
  activeFrom: null,
  activeTo: '2027-06-30',
  skills: new Set([1]),
  languages: new Set(['fi']),
  desired: new Set(),
  undesired: new Set([5]),
};
const bertil: AdviserSpec = { ...anna, id: 2, cityId: 2, skills: new Set([2]), languages: new Set(['sv']), activeTo: null, undesired: new Set() };

const check = (turns: RosterTurn[], absences = [] as Array<{ adviserId: number; from: string; to: string }>, closed: string[] = []) =>
  validateRoster({ turns, context: [], advisers: [anna, bertil], absences, closedDates: new Set(closed) });

const codes = (list: ReturnType<typeof check>) => list.map((v) => `${v.severity}:${v.code}:${v.adviserId ?? '-'}`);

describe('validator', () => {
  it('when a roster is clean, then there are no violations', () => {
    expect(check([turn('2027-05-03', '09:00', '12:00', [1]), turn('2027-05-04', '09:00', '12:00', [1])])).toEqual([]);
  });

  it('when an adviser is absent, lacks the skill, belongs to another city or is no longer active, then each is an error', () => {
    expect(codes(check([turn('2027-05-03', '09:00', '12:00', [1])], [{ adviserId: 1, from: '2027-05-01', to: '2027-05-03' }]))).toEqual(['error:absent:1']);
    expect(codes(check([turn('2027-05-03', '09:00', '12:00', [2])]))).toEqual(['error:skill_missing:2', 'error:wrong_city:2']);
    expect(codes(check([turn('2027-07-01', '09:00', '12:00', [1])]))).toEqual(['error:inactive_adviser:1']);
  });

  it('when turns overlap, break the 11 h rest or exceed the weekly maximum, then the offending turns are errors', () => {
    expect(codes(check([turn('2027-05-03', '09:00', '12:00', [1]), turn('2027-05-03', '11:00', '13:00', [1])]))).toEqual([
      'error:overlap:1',
      'error:overlap:1',
    ]);
    const late = turn('2027-05-03', '15:00', '23:00', [1]);
    const early = turn('2027-05-04', '06:00', '10:00', [1]);
    const rest = check([late, early]);
    expect(codes(rest)).toEqual(['error:rest_violation:1']);
    expect(rest[0]?.turnId).toBe(early.id);
    const week = [3, 4, 5, 6].map((d) => turn(`2027-05-0${d}`, '08:00', '14:00', [1]));
    const weekly = check(week);
    expect(codes(weekly)).toEqual(['error:weekly_hours_exceeded:1']);
    expect(weekly[0]?.turnId).toBe(week[3]?.id);
  });

  it('when a full turn lacks its language, is short of advisers or lies on a closed day, then it is an error', () => {
    expect(codes(check([turn('2027-05-03', '09:00', '12:00', [1], { language: 'sv' })]))).toEqual(['error:language_missing:-']);
    expect(codes(check([turn('2027-05-03', '09:00', '12:00', [1], { headcount: 2 })]))).toEqual(['error:understaffed:-']);
    expect(codes(check([turn('2027-05-03', '09:00', '12:00', [1])], [], ['2027-05-03']))).toEqual(['error:closed_day:-']);
  });

  it('when a violation is described, then it reads in Finnish, Swedish and English with the names filled in', () => {
    const [v] = check([turn('2027-05-03', '09:00', '12:00', [1])], [{ adviserId: 1, from: '2027-05-03', to: '2027-05-03' }]);
    const names = { adviser: () => 'Anna', service: () => 'Phone', city: () => 'Helsinki' };
    expect(describeViolation(v as NonNullable<typeof v>, translator('fi'), names)).toBe('Anna on poissa 2027-05-03, mutta hänellä on Phone-vuoro.');
    expect(describeViolation(v as NonNullable<typeof v>, translator('sv'), names)).toContain('frånvarande');
    expect(describeViolation(v as NonNullable<typeof v>, translator('en'), names)).toContain('absent');
  });
});
