import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../src/route-table.js';
import { makeTestApp } from './helpers/app.js';
import { concretePath, send, sessionsFor } from './helpers/matrix.js';

// Generated from the route table: whatever a signed-in user or an API call
// receives must not be kept by the browser (the back button after logout on a
// shared PC) or a shared cache.
describe('Cache-Control on private answers', () => {
  it('when an allowed role reads any private route, then the answer says no-store', async () => {
    const t = makeTestApp();
    const sessions = await sessionsFor(t);
    const failures: string[] = [];
    let checked = 0;
    const routes = allRoutes(t.ctx).filter((r) => r.access !== 'public' && r.method === 'get' && !r.bare);
    for (const r of routes) {
      if (r.access === 'public') continue;
      const role = r.access[0];
      if (!role) continue;
      for (const id of ['1', '999999']) {
        const res = await send(t, sessions[role], r, concretePath(r.path, id), {});
        checked++;
        if (!/\bno-store\b/.test(String(res.headers['cache-control'])))
          failures.push(`GET ${r.path} (${id}) as ${role}: ${res.status} ${String(res.headers['cache-control'])}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  it('when a signed-in user posts a form or an API client writes, then those answers are no-store too', async () => {
    const t = makeTestApp();
    const sessions = await sessionsFor(t);
    const admin = sessions.admin;
    const page = await admin.browser?.post('/language', { lang: 'fi', back: '/' });
    expect(page?.status).toBe(303);
    expect(page?.headers['cache-control']).toBe('no-store');
    const api = await request(t.app)
      .post('/api/v1/absences')
      .set('Authorization', `Bearer ${admin.token ?? ''}`)
      .send({});
    expect(api.status).toBe(400);
    expect(api.headers['cache-control']).toBe('no-store');
  });

  it('when anyone fetches static files, then they keep their own caching', async () => {
    const { app } = makeTestApp();
    const css = await request(app).get('/static/app.css');
    expect(css.status).toBe(200);
    expect(css.headers['cache-control']).toMatch(/max-age=3600/);
  });
});
