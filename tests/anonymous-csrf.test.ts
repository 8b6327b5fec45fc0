import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { Browser, makeTestApp, makeUser, PASSWORD } from './helpers/app.js';

const sessionRows = (t: ReturnType<typeof makeTestApp>) => t.db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number };
const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('anonymous pages and the CSRF token before login', () => {
  it('when 1,000 anonymous GETs fetch the login, a 404 and the accessibility statement, then the sessions table is unchanged', async () => {
    const t = makeTestApp();
    const before = sessionRows(t);
    const changes = () => t.db.prepare('SELECT total_changes() AS n').get();
    // Migrating the new database wrote its history rows: count from here.
    const changesBefore = changes();
    const paths = ['/login', '/no-such-page', '/accessibility'];
    let withForm = 0;
    // One listening server: supertest would start one per request.
    const server = t.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      for (let i = 0; i < 1000; i++) {
        const res = await fetch(`http://127.0.0.1:${port}${paths[i % 3] as string}`, { headers: { Accept: 'text/html' } });
        expect(res.status).toBeLessThan(500);
        if (tokenOf(await res.text())) withForm++;
      }
    } finally {
      server.close();
    }
    expect(withForm).toBe(1000);
    expect(sessionRows(t)).toEqual(before);
    expect(changes()).toEqual(changesBefore);
  }, 60_000);

  it('when logging in with the token of the login page, then it works; without the cookie, another cookie or a forged token, then 403', async () => {
    const t = makeTestApp();
    const user = await makeUser(t, 'admin');
    const page = await request(t.app).get('/login').set('Accept', 'text/html');
    const token = tokenOf(page.text);
    const cookie = String((page.headers['set-cookie'] as unknown as string[]).find((c) => c.includes('vuoro_csrf'))).split(';')[0] as string;
    const post = (cookieHeader: string, csrf: string) =>
      request(t.app)
        .post('/login')
        .type('form')
        .set({ Cookie: cookieHeader, Accept: 'text/html' })
        .send(new URLSearchParams({ _csrf: csrf, username: user.username, password: PASSWORD }).toString());

    expect((await post('', token)).status).toBe(403);
    const other = await request(t.app).get('/login').set('Accept', 'text/html');
    const otherCookie = String((other.headers['set-cookie'] as unknown as string[])[0]).split(';')[0] as string;
    expect((await post(otherCookie, token)).status).toBe(403);
    expect((await post(cookie, 'x'.repeat(64))).status).toBe(403);
    expect(sessionRows(t)).toEqual({ n: 0 });

    const ok = await post(cookie, token);
    expect(ok.status).toBe(303);
    expect(sessionRows(t)).toEqual({ n: 1 });
  });

  it('when the login form comes from another origin, then it is refused even with a valid token', async () => {
    const t = makeTestApp();
    const user = await makeUser(t, 'admin');
    const b = new Browser(t.app);
    await b.get('/login');
    expect((await b.post('/login', { username: user.username, password: PASSWORD }, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await b.post('/login', { username: user.username, password: PASSWORD })).status).toBe(303);
  });

  it('when signed in, then pages carry the session token, not the anonymous one, and the anonymous one no longer passes', async () => {
    const t = makeTestApp();
    const user = await makeUser(t, 'admin');
    const b = new Browser(t.app);
    await b.get('/login');
    const anonymous = b.csrf;
    await b.login(user.username);
    expect(b.csrf).not.toBe(anonymous);
    expect((await b.post('/language', { lang: 'sv', _csrf: anonymous })).status).toBe(403);
    expect((await b.post('/language', { lang: 'sv' })).status).toBe(303);
  });
});
