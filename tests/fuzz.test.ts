import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../src/route-table.js';
import { makeTestApp } from './helpers/app.js';
import { makeRegion, makeAdviser } from './helpers/factories.js';
import { concretePath, send, sessionsFor, snapshot } from './helpers/matrix.js';

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 25);

const FIELDS = [
  'from',
  'to',
  'adviserIds',
  'adviserId',
  'version',
  'name',
  'email',
  'cityId',
  'skills',
  'languages',
  'maxHoursPerWeek',
  'active',
  'reason',
  'scope',
  'id',
  'code',
  'colour',
  'date',
  'share',
  'weekday',
  'start',
  'end',
  'headcount',
  'language',
  'username',
  'password',
  'role',
  'name_fi',
  'name_sv',
  'name_en',
  'rotationUnit',
  'validFrom',
  'shares',
  'label',
  'year',
  'service',
  'city',
  'at',
  'week',
  'month',
  'turnId',
  'comment',
  'override',
  'overrideReason',
];

const nasty = fc.constantFrom(
  '<script>alert(1)</script>',
  "'; DROP TABLE advisers; --",
  '"',
  '\\',
  '\u0000',
  '%00',
  '../../etc/passwd',
  '2027-02-30',
  '2027-13-01',
  '9999-99-99',
  '-1',
  '1e308',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  ' ',
  'ä'.repeat(300),
  '__proto__',
  'constructor',
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  nasty,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.array(fc.oneof(fc.integer({ min: -2, max: 50 }), fc.string(), nasty), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }),
);
const body: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 }),
  fc.anything(),
  fc.string(), // malformed JSON for API routes
);
const pathValue = fc.oneof(fc.integer({ min: -5, max: 40 }).map(String), fc.constantFrom('abc', '1.5', '%27', '0x10', '99999999999999999999', '-0'));

// Random and malformed requests to every route: never a 5xx, a stable error
// code on every API error, and a rejected request leaves the database as it was.
describe('hostile input', () => {
  it('when random bodies hit every route, then the answers are 2xx/3xx or clear 4xx and rejections write nothing', async () => {
    const t = makeTestApp();
    const region = makeRegion(t.db);
    for (let i = 0; i < 6; i++) makeAdviser(t.db, region.cities.helsinki, { skills: [region.services.phone] });
    const sessions = await sessionsFor(t);
    const routes = allRoutes(t.ctx)
      .filter((r) => r.method !== 'get' || r.path.startsWith('/api/'))
      .filter((r) => r.path !== '/logout');
    let cases = 0;
    const problems: string[] = [];
    for (const r of routes) {
      await fc.assert(
        fc.asyncProperty(body, pathValue, fc.constantFrom('admin', 'supervisor') as fc.Arbitrary<'admin' | 'supervisor'>, async (b, id, actor) => {
          cases++;
          const before = snapshot(t);
          let path = concretePath(r.path, encodeURIComponent(id));
          if (r.method === 'get' && b && typeof b === 'object' && !Array.isArray(b)) {
            const q = new URLSearchParams();
            for (const [k, v] of Object.entries(b)) q.append(k, typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
            path += `?${q.toString()}`;
          }
          const res = await send(t, sessions[actor], r, path, b);
          const where = `${r.method.toUpperCase()} ${path} as ${actor} with ${JSON.stringify(b)?.slice(0, 200)} → ${res.status}`;
          if (res.status >= 500) problems.push(where);
          if (res.status >= 400 && path.startsWith('/api/') && typeof res.body?.error?.code !== 'string') problems.push(`${where}: no error code`);
          if (res.status >= 400 && snapshot(t) !== before) problems.push(`${where}: rejected but wrote`);
          return problems.length === 0;
        }),
        { numRuns: RUNS_PER_ROUTE, seed: 20261122, endOnFailure: true },
      );
    }
    console.log(`fuzz: ${cases} cases over ${routes.length} routes`);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(cases).toBeGreaterThan(routes.length);
  }, 300_000);
});
