import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { fixedHeaders } from '../src/http/fixed-headers.js';
import { apiToken, loggedIn, makeUser } from './helpers/app.js';
import { rosterApp } from './roster-views-fixtures.js';

// The load-tested reads are cached whole against the database stamp and
// mounted ahead of the route table: they must answer exactly what the
// uncached, normally mounted routes would.
describe('cached reads', () => {
  it('when an assignment changes after an on-duty answer was cached, then the next answer shows the change', async () => {
    const { t, turns, advisers } = rosterApp();
    const user = await makeUser(t, 'admin');
    const token = apiToken(t, user.id);
    const url = `/api/v1/on-duty?service=phone&at=${encodeURIComponent('2027-03-24T11:59:59+02:00')}`;
    const get = () => request(t.app).get(url).set('Authorization', `Bearer ${token}`);
    const first = await get();
    expect(first.body.advisers.map((a: { id: number }) => a.id)).toContain(advisers.anna);
    expect((await get()).text).toBe(first.text);

    t.db.prepare('DELETE FROM assignments WHERE turn_id = ? AND adviser_id = ?').run(turns.phoneMorning, advisers.anna);
    const after = await get();
    expect(after.status).toBe(200);
    expect(after.body.advisers.map((a: { id: number }) => a.id)).not.toContain(advisers.anna);
    expect(after.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(after.headers['cache-control']).toBe('no-store');
  });

  it('when the query is bad, then every time 400 with the error shape (a bad query is never cached)', async () => {
    const { t, advisers } = rosterApp();
    const user = await makeUser(t, 'adviser', { adviserId: advisers.anna });
    const token = apiToken(t, user.id);
    for (let i = 0; i < 2; i++) {
      const res = await request(t.app).get('/api/v1/on-duty?service=nope').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].field).toBe('service');
    }
    expect((await request(t.app).get('/api/v1/on-duty?service=phone')).status).toBe(401);
  });

  it('when the week view is served ahead of the route table, then it carries the same security headers as any other page', async () => {
    const { t } = rosterApp();
    const { browser } = await loggedIn(t, 'admin');
    const week = await browser.get('/roster');
    const other = await browser.get('/profile');
    expect(week.status).toBe(200);
    const security = [
      'content-security-policy',
      'x-frame-options',
      'x-content-type-options',
      'referrer-policy',
      'cross-origin-opener-policy',
      'cross-origin-resource-policy',
      'cache-control',
      'content-language',
    ];
    for (const h of security) expect(week.headers[h], h).toBe(other.headers[h]);
    expect(week.headers['content-security-policy']).toContain("script-src 'self'");
    expect(week.headers['x-powered-by']).toBeUndefined();
  });
});

describe('fixed headers', () => {
  it("when helmet's headers are replayed, then a response carries exactly what helmet itself would set", async () => {
    const options = {
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] } },
      referrerPolicy: { policy: 'same-origin' as const },
    };
    const live = express()
      .use(helmet(options))
      .get('/', (_req, res) => res.send('x'));
    const replayed = express()
      .use(fixedHeaders(helmet(options)))
      .get('/', (_req, res) => res.send('x'));
    const [a, b] = await Promise.all([request(live).get('/'), request(replayed).get('/')]);
    const pick = (h: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(h).filter(([k]) => !['date', 'etag', 'connection', 'keep-alive'].includes(k)));
    expect(pick(b.headers)).toEqual(pick(a.headers));
    expect(a.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
