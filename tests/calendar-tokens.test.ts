import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../src/features/auth/secrets.js';
import { apiToken, loggedIn, makeTestApp, makeUser, type TestApp } from './helpers/app.js';
import { makeAdviser, makeRegion } from './helpers/factories.js';
import { getFeed } from './calendar/support.js';

type Scope = 'adviser' | 'city' | 'service';

function setup() {
  const t = makeTestApp();
  const region = makeRegion(t.db);
  const mine = makeAdviser(t.db, region.cities.helsinki, { name: 'Mine' });
  const colleague = makeAdviser(t.db, region.cities.helsinki, { name: 'Colleague' });
  const elsewhere = makeAdviser(t.db, region.cities.espoo, { name: 'Elsewhere' });
  return { t, region, mine, colleague, elsewhere };
}

async function bearer(t: TestApp, role: 'admin' | 'supervisor' | 'adviser', opts: { cityId?: number; adviserId?: number } = {}) {
  const user = await makeUser(t, role, opts);
  const token = apiToken(t, user.id);
  return (body: unknown) =>
    request(t.app)
      .post('/api/v1/calendar-tokens')
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);
}

const count = (t: TestApp) => (t.db.prepare('SELECT count(*) AS n FROM calendar_tokens').get() as { n: number }).n;

describe('POST /api/v1/calendar-tokens', () => {
  it('when an admin asks for a feed, then 201 with the token and https and webcal URLs that open it', async () => {
    const { t, region } = setup();
    const res = await (await bearer(t, 'admin'))({ scope: 'city', id: region.cities.vantaa });
    expect(res.status).toBe(201);
    const { token, httpsUrl, webcalUrl } = res.body as { token: string; httpsUrl: string; webcalUrl: string };
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(httpsUrl).toBe(`${t.config.baseUrl}/calendar/${token}.ics`);
    expect(webcalUrl).toBe(httpsUrl.replace(/^https?:\/\//, 'webcal://'));
    expect((await getFeed(t, token)).status).toBe(200);
    expect(t.db.prepare('SELECT token_hash FROM calendar_tokens').get()).toEqual({ token_hash: hashToken(token) });
  });

  it('when each role asks, then the role rules decide: 201 allowed, 403 forbidden, and a refusal writes nothing', async () => {
    const { t, region, mine, colleague, elsewhere } = setup();
    const adviser = await bearer(t, 'adviser', { adviserId: mine });
    const supervisor = await bearer(t, 'supervisor', { cityId: region.cities.helsinki });
    const admin = await bearer(t, 'admin');
    const cases: [typeof admin, Scope, number, number][] = [
      [adviser, 'adviser', mine, 201],
      [adviser, 'adviser', colleague, 403],
      [adviser, 'city', region.cities.espoo, 201],
      [adviser, 'service', region.services.phone, 201],
      [supervisor, 'adviser', colleague, 201],
      [supervisor, 'adviser', elsewhere, 403],
      [supervisor, 'city', region.cities.helsinki, 201],
      [supervisor, 'city', region.cities.espoo, 403],
      [supervisor, 'service', region.services.changeSecurity, 201],
      [admin, 'adviser', elsewhere, 201],
      [admin, 'city', region.cities.espoo, 201],
    ];
    for (const [who, scope, id, status] of cases) {
      const before = count(t);
      const res = await who({ scope, id });
      expect({ scope, id, status: res.status }).toEqual({ scope, id, status });
      expect(count(t)).toBe(before + (status === 201 ? 1 : 0));
      if (status === 403) expect(res.body.error.code).toBe('forbidden');
    }
  });

  it('when the id is unknown or the adviser inactive, then 404; when the body is bad, then 400 with details; nothing is written', async () => {
    const { t, region } = setup();
    const admin = await bearer(t, 'admin');
    const inactive = makeAdviser(t.db, region.cities.espoo, { active: false });
    for (const body of [
      { scope: 'city', id: 999 },
      { scope: 'service', id: 999 },
      { scope: 'adviser', id: 999 },
      { scope: 'adviser', id: inactive },
    ]) {
      const res = await admin(body);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    for (const body of [{}, { scope: 'team', id: 1 }, { scope: 'city', id: 'x' }, { scope: 'city', id: -1 }, { scope: 'city', id: 1, language: 'de' }, []]) {
      const res = await admin(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.length).toBeGreaterThan(0);
    }
    expect(count(t)).toBe(0);
  });

  it('when not authenticated, then refused (401, or 403 from the CSRF check that runs first) and nothing is written', async () => {
    const { t, region } = setup();
    const res = await request(t.app).post('/api/v1/calendar-tokens').send({ scope: 'city', id: region.cities.helsinki });
    expect([401, 403]).toContain(res.status);
    const bad = await request(t.app)
      .post('/api/v1/calendar-tokens')
      .set('Authorization', 'Bearer not-a-real-token-at-all-xx')
      .send({ scope: 'city', id: region.cities.helsinki });
    expect(bad.status).toBe(401);
    expect(count(t)).toBe(0);
  });

  it('when the creator deletes the token through the API, then its feed is 404; another user gets 404 and the feed keeps working', async () => {
    const { t, region } = setup();
    const owner = await makeUser(t, 'admin');
    const other = await makeUser(t, 'admin');
    const ownerToken = apiToken(t, owner.id);
    const created = await request(t.app)
      .post('/api/v1/calendar-tokens')
      .set('Authorization', `Bearer ${ownerToken}`)
      .send({ scope: 'city', id: region.cities.helsinki });
    const row = t.db.prepare('SELECT id FROM calendar_tokens').get() as { id: number };
    const list = await request(t.app).get('/api/v1/calendar-tokens').set('Authorization', `Bearer ${ownerToken}`);
    expect(list.body).toMatchObject([{ id: row.id, scope: 'city', targetId: region.cities.helsinki, language: 'fi' }]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    const foreign = await request(t.app)
      .delete(`/api/v1/calendar-tokens/${row.id}`)
      .set('Authorization', `Bearer ${apiToken(t, other.id)}`);
    expect(foreign.status).toBe(404);
    expect((await getFeed(t, created.body.token)).status).toBe(200);
    const own = await request(t.app).delete(`/api/v1/calendar-tokens/${row.id}`).set('Authorization', `Bearer ${ownerToken}`);
    expect(own.status).toBe(204);
    expect((await getFeed(t, created.body.token)).status).toBe(404);
  });
});

describe('the /calendar page', () => {
  const linkOf = (html: string) => /id="feed-https"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? '';
  const tokenOf = (url: string) => /\/calendar\/([A-Za-z0-9_-]{43})\.ics$/.exec(url)?.[1] ?? '';

  it('when an adviser creates a feed of their own turns, then the links are shown once and afterwards only the date, renew and revoke', async () => {
    const { t, mine, region } = setup();
    const { browser } = await loggedIn(t, 'adviser', { adviserId: mine, language: 'fi' });
    const page = await browser.get('/calendar');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Kalenterisyötteet</h1>');
    expect(page.text).toContain(`value="adviser:${mine}"`);
    expect(page.text).toContain(`value="city:${region.cities.espoo}"`);
    const created = await browser.post('/calendar', { target: `adviser:${mine}`, language: 'sv' });
    expect(created.status).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    const https = linkOf(created.text);
    const token = tokenOf(https);
    expect(token).not.toBe('');
    expect(created.text).toContain(`value="webcal://${https.replace(/^https?:\/\//, '')}"`);
    expect(created.text).toContain('data-copy="#feed-https"');
    expect(created.text).toContain('id="copy-status"');
    expect(created.text).toContain('8–24');
    const feed = await getFeed(t, token);
    expect(feed.status).toBe(200);
    expect(feed.body.toString('utf8')).toContain('X-WR-CALNAME:vuoro: Mine – pass');
    const later = await browser.get('/calendar');
    expect(later.text).not.toContain(token);
    expect(later.text).toMatch(/action="\/calendar-feeds\/\d+\/renew"/);
    expect(later.text).toMatch(/action="\/calendar-feeds\/\d+\/revoke"/);
  });

  it('when an adviser opens the page, then other people’s feeds are not listed and their own colleague is not offered', async () => {
    const { t, mine, colleague, region } = setup();
    const other = await loggedIn(t, 'adviser', { adviserId: colleague, language: 'en' });
    await other.browser.post('/calendar', { target: `city:${region.cities.vantaa}`, language: 'en' });
    const { browser } = await loggedIn(t, 'adviser', { adviserId: mine, language: 'en' });
    const page = await browser.get('/calendar');
    expect(page.text).toContain('You have no calendar feeds yet.');
    expect(page.text).not.toMatch(/calendar-feeds\/\d+\//);
    expect(page.text).not.toContain(`value="adviser:${colleague}"`);
    // Posting someone else's token id is as if it did not exist.
    const theirs = (t.db.prepare('SELECT id FROM calendar_tokens').get() as { id: number }).id;
    expect((await browser.post(`/calendar-feeds/${theirs}/revoke`)).status).toBe(404);
    expect((await browser.post(`/calendar-feeds/${theirs}/renew`)).status).toBe(404);
    expect(t.db.prepare('SELECT count(*) AS n FROM calendar_tokens WHERE revoked_at IS NULL').get()).toEqual({ n: 1 });
    // And a hand-made form for a colleague's personal feed is refused.
    expect((await browser.post('/calendar', { target: `adviser:${colleague}`, language: 'en' })).status).toBe(403);
  });

  it('when a feed is renewed, then the old link is 404 and the new one works; when revoked, then it is 404 and gone from the page', async () => {
    const { t, region } = setup();
    const { browser } = await loggedIn(t, 'supervisor', { cityId: region.cities.helsinki, language: 'en' });
    const first = tokenOf(linkOf((await browser.post('/calendar', { target: `city:${region.cities.helsinki}`, language: 'en' })).text));
    const id = (t.db.prepare('SELECT id FROM calendar_tokens').get() as { id: number }).id;
    const renewed = await browser.post(`/calendar-feeds/${id}/renew`);
    expect(renewed.status).toBe(200);
    const second = tokenOf(linkOf(renewed.text));
    expect(second).not.toBe(first);
    expect((await getFeed(t, first)).status).toBe(404);
    expect((await getFeed(t, second)).status).toBe(200);
    const newId = (t.db.prepare('SELECT id FROM calendar_tokens WHERE revoked_at IS NULL').get() as { id: number }).id;
    const revoked = await browser.post(`/calendar-feeds/${newId}/revoke`);
    expect(revoked.status).toBe(303);
    expect(revoked.headers.location).toBe('/calendar');
    expect((await getFeed(t, second)).status).toBe(404);
    const page = await browser.get('/calendar');
    expect(page.text).toContain('The feed was revoked.');
    expect(page.text).toContain('You have no calendar feeds yet.');
  });

  it('when the form is bad or lacks the CSRF token, then it is refused and nothing is written', async () => {
    const { t } = setup();
    const { browser } = await loggedIn(t, 'admin', { language: 'en' });
    const bad = await browser.post('/calendar', { target: 'city:abc', language: 'xx' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('class="error-summary"');
    expect(bad.text).toContain('aria-invalid="true"');
    expect((await browser.post('/calendar', { target: 'city:1', language: 'en', _csrf: '' })).status).toBe(403);
    expect(count(t)).toBe(0);
  });

  it('when not logged in, then the page redirects to the login', async () => {
    const { t } = setup();
    const res = await request(t.app).get('/calendar').set('Accept', 'text/html');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fcalendar');
  });

  it('when logged in with any role, then the navigation links to /calendar in the page language', async () => {
    const { t, mine } = setup();
    for (const [role, lang, word] of [
      ['admin', 'en', 'Calendar feeds'],
      ['supervisor', 'sv', 'Kalenderflöden'],
      ['adviser', 'fi', 'Kalenterisyötteet'],
    ] as const) {
      const opts = role === 'adviser' ? { adviserId: mine } : role === 'supervisor' ? { cityId: 1 } : {};
      const { browser } = await loggedIn(t, role, { ...opts, language: lang });
      const home = await browser.get('/calendar');
      expect(home.text).toMatch(new RegExp(`<a href="/calendar" aria-current="page">${word}</a>`));
    }
  });
});
