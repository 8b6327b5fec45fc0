import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { apiToken, loggedIn, makeTestApp, makeUser } from './helpers/app.js';
import { makeAbsence, makeAdviser, makeRegion } from './helpers/factories.js';
import { snapshot } from './helpers/matrix.js';

// Regressions from a security and robustness review.
describe('hardening', () => {
  it('when an admin relinks or moves a user, then the calendar links that user made stop working', async () => {
    const t = makeTestApp();
    const region = makeRegion(t.db);
    const adviserId = makeAdviser(t.db, region.cities.helsinki, { skills: [region.services.phone] });
    const other = makeAdviser(t.db, region.cities.helsinki, { skills: [region.services.phone] });
    const adviserUser = await makeUser(t, 'adviser', { adviserId });
    const supervisor = await makeUser(t, 'supervisor', { cityId: region.cities.helsinki });
    const feed = async (userId: number, id: number) => {
      const res = await request(t.app)
        .post('/api/v1/calendar-tokens')
        .set('Authorization', `Bearer ${apiToken(t, userId)}`)
        .send({ scope: 'adviser', id });
      expect(res.status).toBe(201);
      return new URL(res.body.httpsUrl as string).pathname;
    };
    const own = await feed(adviserUser.id, adviserId);
    const colleague = await feed(supervisor.id, adviserId);
    expect((await request(t.app).get(own)).status).toBe(200);
    expect((await request(t.app).get(colleague)).status).toBe(200);

    t.db.prepare('UPDATE users SET adviser_id = ? WHERE id = ?').run(other, adviserUser.id);
    t.db.prepare('UPDATE users SET city_id = ? WHERE id = ?').run(region.cities.espoo, supervisor.id);
    expect((await request(t.app).get(own)).status).toBe(404);
    expect((await request(t.app).get(colleague)).status).toBe(404);
  });

  it('when TRUST_PROXY is true, then start-up refuses it; a hop count or addresses are accepted', () => {
    expect(() => parseConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(parseConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(parseConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(parseConfig({}).trustProxy).toBe(false);
  });

  it('when forms arrive without a body, then they are handled (a missing version is a 400), never a crash', async () => {
    const t = makeTestApp();
    const region = makeRegion(t.db);
    const adviserId = makeAdviser(t.db, region.cities.helsinki);
    const { browser } = await loggedIn(t, 'admin');
    await browser.get('/');
    const post = (path: string) => request(t.app).post(path).set({ Cookie: browser.cookieHeader(), 'X-CSRF-Token': browser.csrf, Accept: 'text/html' });
    expect((await post(`/advisers/${adviserId}/active`)).status).toBe(400);
    // A token needs no label: an empty form creates one.
    expect((await post('/tokens')).status).toBe(201);
  });

  it('when dates are impossible (month 13), then the fairness page and generate answer 400', async () => {
    const t = makeTestApp();
    makeRegion(t.db);
    const { browser, user } = await loggedIn(t, 'admin');
    expect((await browser.get('/fairness?from=2025-13-01&to=2026-01-01')).status).toBe(400);
    expect((await browser.get('/fairness?from=x&to=y')).status).toBe(400);
    const res = await request(t.app)
      .post('/api/v1/rosters/generate')
      .set('Authorization', `Bearer ${apiToken(t, user.id)}`)
      .send({ from: '2025-13-01', to: '2026-01-01' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('when an absence is deleted without the version read, then 400 and it stays', async () => {
    const t = makeTestApp();
    const region = makeRegion(t.db);
    const absenceId = makeAbsence(t.db, makeAdviser(t.db, region.cities.helsinki), '2027-01-04', '2027-01-05');
    const admin = await makeUser(t, 'admin');
    const token = apiToken(t, admin.id);
    const res = await request(t.app).delete(`/api/v1/absences/${absenceId}`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('version');
    expect(t.db.prepare('SELECT count(*) AS n FROM absences').get()).toEqual({ n: 1 });
    const ok = await request(t.app)
      .delete(`/api/v1/absences/${absenceId}`)
      .set({ Authorization: `Bearer ${token}`, 'If-Match': '"1"' });
    expect(ok.status).toBe(204);
  });

  it('when a share proposal can no longer apply, then approving it is refused and writes nothing', async () => {
    let now = new Date('2026-05-15T09:00:00Z');
    const t = makeTestApp({ clock: { now: () => now } });
    const { cities, services } = makeRegion(t.db);
    const hki = await loggedIn(t, 'supervisor', { cityId: cities.helsinki });
    const proposed = await hki.browser.post(`/services/${services.phone}/shares`, {
      validFrom: '2026-05-15',
      unit: 'percent',
      [`share_${cities.helsinki}`]: '40',
      [`share_${cities.espoo}`]: '30',
      [`share_${cities.vantaa}`]: '30',
    });
    expect(proposed.status).toBe(303);
    const p = t.db.prepare('SELECT id, version FROM share_proposals').get() as { id: number; version: number };
    now = new Date('2026-05-17T09:00:00Z');
    const espoo = await loggedIn(t, 'supervisor', { cityId: cities.espoo });
    const before = snapshot(t);
    const res = await espoo.browser.post(`/services/${services.phone}/shares/proposals/${p.id}/approve`, { version: String(p.version) });
    expect(res.status).toBeLessThan(500);
    expect(snapshot(t)).toBe(before);
  });

  it('when someone keeps guessing the current password, then the password form answers 429', async () => {
    const t = makeTestApp();
    const { browser } = await loggedIn(t, 'adviser', { adviserId: makeAdviser(t.db, makeRegion(t.db).cities.helsinki) });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (await browser.post('/profile/password', { currentPassword: `wrong ${i}`, newPassword: 'a new password 123', confirmPassword: 'a new password 123' }))
          .status,
      );
    }
    expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
    expect(statuses[6]).toBe(429);
  });
});
