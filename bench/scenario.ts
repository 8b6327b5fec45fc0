import { finnishClosedDaysBetween } from '../src/time/holidays.js';
import type { AbsenceSpec, AdviserSpec, EngineInput, ServiceSpec } from '../src/rotation/types.js';

/** A small seeded PRNG (mulberry32): scenarios are random but the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const weekdays = (start: string, end: string, headcount: number, language: string | null, idBase: number) =>
  [1, 2, 3, 4, 5].map((weekday) => ({ id: idBase + weekday, weekday, startTime: start, endTime: end, headcount, language }));

/** The three services as in the brief, with `scale` times the headcount. */
export function demoServices(scale: number): ServiceSpec[] {
  return [
    {
      id: 1,
      code: 'phone',
      rotationUnit: 'turn',
      active: true,
      templates: [...weekdays('09:00', '12:00', 2 * scale, 'sv', 10), ...weekdays('12:00', '16:00', 2 * scale, 'sv', 20)],
    },
    { id: 2, code: 'email', rotationUnit: 'turn', active: true, templates: weekdays('08:00', '16:00', scale, null, 30) },
    { id: 3, code: 'change_security', rotationUnit: 'week', active: true, templates: weekdays('09:00', '15:00', scale, null, 40) },
  ];
}

/**
 * The demo-sized region (scale 1: 3 cities, ~12 advisers each with mixed
 * skills and languages, shares 50/25/25) or a scaled one (scale 10: 360
 * advisers, ten times the headcount), with a few weeks of leave sprinkled in.
 */
export function demoScenario(from: string, to: string, scale = 1, seed = 1): EngineInput {
  const rnd = prng(seed);
  const cities = [1, 2, 3].map((id) => ({ id, code: ['helsinki', 'espoo', 'vantaa'][id - 1] as string, active: true }));
  const services = demoServices(scale);
  const shares = services.flatMap((s) => [
    { serviceId: s.id, cityId: 1, validFrom: '2020-01-01', share: 0.5 },
    { serviceId: s.id, cityId: 2, validFrom: '2020-01-01', share: 0.25 },
    { serviceId: s.id, cityId: 3, validFrom: '2020-01-01', share: 0.25 },
  ]);
  const advisers: AdviserSpec[] = [];
  const absences: AbsenceSpec[] = [];
  let id = 100;
  for (const city of cities) {
    for (let i = 0; i < 12 * scale; i++) {
      id++;
      const skills = new Set<number>([1]);
      if (i % 2 === 0) skills.add(2);
      if (i % 3 === 0) skills.add(3);
      if (i % 5 === 4) skills.delete(1);
      const languages = new Set(['fi']);
      if (i % 3 !== 2) languages.add('sv');
      if (i % 2 === 1) languages.add('en');
      const undesired = new Set<number>(i % 7 === 0 ? [5] : []);
      const desired = new Set<number>(i % 7 === 3 ? [2] : []);
      advisers.push({
        id,
        cityId: city.id,
        maxHoursPerWeek: [16, 20, 24, 30][i % 4] as number,
        active: true,
        activeFrom: null,
        activeTo: null,
        skills,
        languages,
        desired,
        undesired,
      });
      // Roughly one leave of one to three weeks a year per adviser.
      const startDay = Math.floor(rnd() * 330);
      const length = 5 + Math.floor(rnd() * 16);
      const start = new Date(Date.parse(`${from}T00:00:00Z`) + startDay * 86_400_000);
      const end = new Date(start.getTime() + length * 86_400_000);
      absences.push({ adviserId: id, from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) });
    }
  }
  const closedDates = new Set(finnishClosedDaysBetween(from, to).map((d) => d.date));
  return { from, to, services, cities, shares, closedDates, advisers, absences, existing: [], context: [], history: [] };
}
