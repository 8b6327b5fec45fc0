import { describe, expect, it } from 'vitest';
import { allRoutes } from '../src/route-table.js';
import { makeTestApp } from './helpers/app.js';
import { ACTORS, concretePath, send, sessionsFor } from './helpers/matrix.js';

// Generated from the route table, so a new route is checked the day it is added:
// a role the route does not allow gets 403 (anonymous: 401, or a redirect to the
// login for pages); an allowed role never gets 401/403 for an id that names
// nothing, and nothing answers 5xx.
describe('authorization matrix', () => {
  it('when every role calls every route, then each gets exactly what the route table allows', async () => {
    const t = makeTestApp();
    const sessions = await sessionsFor(t);
    const failures: string[] = [];
    let checked = 0;
    // Logging out ends the session the other checks use, so it goes last.
    const routes = allRoutes(t.ctx).sort((a, b) => Number(a.path === '/logout') - Number(b.path === '/logout'));
    for (const r of routes) {
      if (r.path === '/login' && r.method === 'post') continue; // rate-limited on purpose; tested in foundation
      const path = concretePath(r.path);
      for (const actor of ACTORS) {
        const res = await send(t, sessions[actor], r, path, {});
        checked++;
        // A loopback route (/metrics) answers every direct caller on this host, as supertest is.
        const allowed = r.access === 'public' || r.loopback === true || (actor !== 'anonymous' && r.access.includes(actor));
        const where = `${r.method.toUpperCase()} ${r.path} as ${actor}: ${res.status}`;
        if (res.status >= 500) failures.push(`${where} (server error)`);
        else if (!allowed && actor === 'anonymous') {
          const ok = res.status === 401 || (res.status === 303 && String(res.headers.location).startsWith('/login')) || res.status === 403;
          if (!ok) failures.push(`${where} (expected 401 or login redirect)`);
        } else if (!allowed && res.status !== 403) failures.push(`${where} (expected 403)`);
        else if (allowed && actor !== 'anonymous' && (res.status === 401 || res.status === 403)) failures.push(`${where} (expected access)`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });
});
