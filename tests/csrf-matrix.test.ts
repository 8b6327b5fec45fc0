import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../src/route-table.js';
import { makeTestApp } from './helpers/app.js';
import { concretePath, sessionsFor, snapshot } from './helpers/matrix.js';

// Every unsafe route a browser session can reach: without the synchronizer
// token, with a wrong one, or from a foreign Origin, the answer is 403 and the
// database is unchanged. Generated from the route table.
describe('CSRF and Origin on every unsafe route', () => {
  it('when a logged-in browser posts without a valid token or from another site, then every route refuses and writes nothing', async () => {
    const t = makeTestApp();
    const sessions = await sessionsFor(t);
    const admin = sessions.admin.browser;
    if (!admin) throw new Error('no admin browser');
    const unsafe = allRoutes(t.ctx).filter((r) => r.method !== 'get' && r.path !== '/login');
    const failures: string[] = [];
    for (const r of unsafe) {
      const path = concretePath(r.path, '1');
      for (const [label, form, headers] of [
        ['no token', { _csrf: '' }, {}],
        ['wrong token', { _csrf: 'x'.repeat(43) }, {}],
        ['foreign origin', {}, { Origin: 'https://attacker.example' }],
        ['foreign referer', {}, { Referer: 'https://attacker.example/page' }],
      ] as const) {
        const before = snapshot(t);
        const agent = request(t.app);
        const res = await agent[r.method](path)
          .set({ Cookie: admin.cookieHeader(), Accept: 'text/html', ...headers })
          .type('form')
          .send(new URLSearchParams(form).toString());
        if (res.status !== 403) failures.push(`${r.method.toUpperCase()} ${r.path} (${label}): ${res.status}`);
        if (snapshot(t) !== before) failures.push(`${r.method.toUpperCase()} ${r.path} (${label}): wrote`);
      }
    }
    expect(failures).toEqual([]);
    expect(unsafe.length).toBeGreaterThan(10);
    // Control: the same browser with its real token and no foreign origin gets through.
    const ok = await admin.post('/language', { lang: 'sv', back: '/' });
    expect(ok.status).toBe(303);
  });
});
