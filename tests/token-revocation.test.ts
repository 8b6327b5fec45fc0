import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { apiToken, loggedIn, makeTestApp, PASSWORD } from './helpers/app.js';
import { makeRegion } from './helpers/factories.js';

const NEW_PASSWORD = 'a brand new password 2026';
const reads = (t: ReturnType<typeof makeTestApp>, token: string) =>
  request(t.app)
    .get('/api/v1/cities')
    .set('Authorization', `Bearer ${token}`)
    .then((r) => r.status);

describe('API tokens end with the password or the account that made them', () => {
  it('when a user changes their own password, then their API tokens stop working; a token made afterwards works', async () => {
    const t = makeTestApp();
    makeRegion(t.db);
    const { browser, user } = await loggedIn(t, 'admin');
    const token = apiToken(t, user.id);
    expect(await reads(t, token)).toBe(200);
    const res = await browser.post('/profile/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(res.status).toBe(303);
    expect(await reads(t, token)).toBe(401);
    expect(t.db.prepare('SELECT count(*) AS n FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL').get(user.id)).toEqual({ n: 0 });
    expect(await reads(t, apiToken(t, user.id))).toBe(200);
  });

  it("when an admin resets a user's password, then that user's tokens stop working and other users' do not", async () => {
    const t = makeTestApp();
    const region = makeRegion(t.db);
    const target = await loggedIn(t, 'supervisor', { cityId: region.cities.espoo });
    const { browser, user: admin } = await loggedIn(t, 'admin');
    const targetToken = apiToken(t, target.user.id);
    const adminToken = apiToken(t, admin.id);
    const res = await browser.post(`/users/${target.user.id}/password`, { password: NEW_PASSWORD, version: '1' });
    expect(res.status).toBe(303);
    expect(await reads(t, targetToken)).toBe(401);
    expect(await reads(t, adminToken)).toBe(200);
  });

  it('when a user is deactivated and later reactivated, then their old tokens stay revoked', async () => {
    const t = makeTestApp();
    const region = makeRegion(t.db);
    const target = await loggedIn(t, 'supervisor', { cityId: region.cities.espoo });
    const token = apiToken(t, target.user.id);
    const { browser } = await loggedIn(t, 'admin');
    const edit = (version: string, active: boolean) =>
      browser.post(`/users/${target.user.id}`, {
        displayName: 'Esa',
        role: 'supervisor',
        cityId: String(region.cities.espoo),
        adviserId: '',
        language: '',
        version,
        ...(active ? { active: 'on' } : {}),
      });
    expect((await edit('1', false)).status).toBe(303);
    expect(await reads(t, token)).toBe(401);
    expect((await edit('2', true)).status).toBe(303);
    expect(t.db.prepare('SELECT active FROM users WHERE id = ?').get(target.user.id)).toEqual({ active: 1 });
    expect(await reads(t, token)).toBe(401);
  });
});
