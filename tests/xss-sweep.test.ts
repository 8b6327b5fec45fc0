import { describe, expect, it } from 'vitest';
import { allRoutes } from '../src/route-table.js';
import { makeTestApp } from './helpers/app.js';
import { makeAbsence, makeAdviser, makeCity, makeClosure, makeService, makeTurn, setShares } from './helpers/factories.js';
import { concretePath, send, sessionsFor } from './helpers/matrix.js';

const XSS = '<script>alert(1)</script>';
const SQL = "'; DROP TABLE advisers; --";

// Every text a user can enter, filled with a script tag and SQL metacharacters,
// then every page visited by every role: the tag must never come back raw.
describe('escaping everywhere', () => {
  it('when names and reasons hold script tags, then no page renders them raw', async () => {
    const t = makeTestApp();
    const cityId = makeCity(t.db, { name: `${XSS} city` });
    const serviceId = makeService(t.db, { name: `${XSS} service` });
    setShares(t.db, serviceId, '2020-01-01', { [cityId]: 1 });
    const adviserId = makeAdviser(t.db, cityId, { name: `${XSS} ${SQL}`, skills: [serviceId], email: 'x@example.test' });
    makeAbsence(t.db, adviserId, '2026-11-20', '2026-11-30', `${XSS} ${SQL}`);
    makeClosure(t.db, '2026-12-30', XSS);
    makeTurn(t.db, {
      serviceId,
      cityId,
      date: '2026-11-23',
      startAt: '2026-11-23T07:00:00Z',
      endAt: '2026-11-23T10:00:00Z',
      status: 'published',
      adviserIds: [adviserId],
    });
    const sessions = await sessionsFor(t);
    t.db.prepare('UPDATE users SET display_name = ?').run(`${XSS} user`);

    const pages = allRoutes(t.ctx).filter((r) => r.method === 'get' && !r.path.startsWith('/api/') && !r.path.includes('.'));
    const raw: string[] = [];
    let visited = 0;
    for (const r of pages) {
      for (const actor of ['admin', 'supervisor', 'adviser'] as const) {
        for (const id of ['1', String(adviserId), String(cityId), String(serviceId)]) {
          const res = await send(t, sessions[actor], r, concretePath(r.path, id), {});
          visited++;
          if (res.text?.includes(XSS)) raw.push(`${r.path} as ${actor} (id ${id})`);
          if (!r.path.includes(':')) break;
        }
      }
    }
    expect(raw).toEqual([]);
    expect(visited).toBeGreaterThan(3);
    // The data survived verbatim: SQL metacharacters are data, not code.
    const stored = t.db.prepare<[number], { name: string }>('SELECT name FROM advisers WHERE id = ?').get(adviserId);
    expect(stored?.name).toBe(`${XSS} ${SQL}`);
  });
});
