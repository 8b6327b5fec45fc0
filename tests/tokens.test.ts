import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loggedIn, makeTestApp, makeUser, type TestApp } from './helpers/app.js';
import { makeAdviser, makeRegion } from './helpers/factories.js';
import { createApiToken } from '../src/features/auth/rules.js';

const tokenFrom = (html: string) => /id="new-token" type="text" readonly value="([^"]+)"/.exec(html)?.[1];
const tokenCount = (t: TestApp) => (t.db.prepare('SELECT count(*) AS n FROM api_tokens').get() as { n: number }).n;

describe('/tokens', () => {
  it('when a supervisor creates a token, then it is shown once, works with the supervisor role, and the hash is never shown', async () => {
    const t = makeTestApp();
    const region = makeRegion(t.db);
    const vantaa = makeAdviser(t.db, region.cities.vantaa);
    const { browser } = await loggedIn(t, 'supervisor', { cityId: region.cities.espoo });
    const res = await browser.post('/tokens', { label: 'phone <system>' });
    expect(res.status).toBe(201);
    const token = tokenFrom(res.text);
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('phone &lt;system&gt;');
    const auth = `Bearer ${token as string}`;
    expect((await request(t.app).get('/api/v1/advisers').set('Authorization', auth)).status).toBe(200);
    // The token carries the supervisor's role: another city's adviser stays out of reach.
    expect((await request(t.app).patch(`/api/v1/advisers/${vantaa}`).set('Authorization', auth).send({ name: 'x', version: 1 })).status).toBe(403);
    const again = await browser.get('/tokens');
    expect(again.text).not.toContain(token as string);
    const hash = (t.db.prepare('SELECT token_hash FROM api_tokens').get() as { token_hash: string }).token_hash;
    expect(again.text).not.toContain(hash);
    expect(again.text).toContain('phone &lt;system&gt;');
  });

  it('when a label is over 100 characters, then 400 and no token is created', async () => {
    const t = makeTestApp();
    const { browser } = await loggedIn(t, 'admin');
    const res = await browser.post('/tokens', { label: 'x'.repeat(101) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('At most 100 characters.');
    expect(tokenCount(t)).toBe(0);
  });

  it('when a user revokes their own token, then it stops working', async () => {
    const t = makeTestApp();
    const { browser, user } = await loggedIn(t, 'admin');
    const { id, token } = createApiToken(t.ctx, user.id, 'mine');
    expect((await browser.post(`/tokens/${id}/revoke`)).status).toBe(303);
    expect((await request(t.app).get('/api/v1/advisers').set('Authorization', `Bearer ${token}`)).status).toBe(401);
  });

  it("when a non-admin tries to revoke another user's token, then 403 and it keeps working; they do not see it listed", async () => {
    const t = makeTestApp();
    const region = makeRegion(t.db);
    const owner = await makeUser(t, 'admin', { username: 'owner' });
    const { id, token } = createApiToken(t.ctx, owner.id, 'owners-secret-label');
    const { browser } = await loggedIn(t, 'adviser', { adviserId: makeAdviser(t.db, region.cities.espoo) });
    expect((await browser.get('/tokens')).text).not.toContain('owners-secret-label');
    expect((await browser.post(`/tokens/${id}/revoke`)).status).toBe(403);
    expect((await request(t.app).get('/api/v1/advisers').set('Authorization', `Bearer ${token}`)).status).toBe(200);
  });

  it("when an admin opens /tokens, then every user's tokens are listed and any can be revoked", async () => {
    const t = makeTestApp();
    const region = makeRegion(t.db);
    const sup = await makeUser(t, 'supervisor', { cityId: region.cities.espoo, username: 'supname' });
    const { id, token } = createApiToken(t.ctx, sup.id, 'supervisor-label');
    const { browser } = await loggedIn(t, 'admin');
    const page = await browser.get('/tokens');
    expect(page.text).toContain('supervisor-label');
    expect(page.text).toContain('supname');
    expect((await browser.post(`/tokens/${id}/revoke`)).status).toBe(303);
    expect((await request(t.app).get('/api/v1/advisers').set('Authorization', `Bearer ${token}`)).status).toBe(401);
  });

  it('when there are no tokens, then the page says so', async () => {
    const t = makeTestApp();
    const { browser } = await loggedIn(t, 'admin');
    expect((await browser.get('/tokens')).text).toContain('No tokens yet.');
  });

  it('when revoking an unknown token, then 404', async () => {
    const t = makeTestApp();
    const { browser } = await loggedIn(t, 'admin');
    expect((await browser.post('/tokens/424242/revoke')).status).toBe(404);
  });
});
