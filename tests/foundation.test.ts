import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connection.js';
import { loadMigrations, migrate } from '../src/db/migrate.js';
import { Browser, loggedIn, makeTestApp, makeUser } from './helpers/app.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('database', () => {
  it('when migrating an empty file database, then every migration applies and the pragmas hold', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vuoro-')), 'test.db');
    const db = openDatabase(path);
    const applied = migrate(db);
    expect(applied.length).toBe(loadMigrations().length);
    expect(db.pragma('user_version', { simple: true })).toBe(loadMigrations().at(-1)?.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(Number(db.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(5000);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(migrate(db)).toEqual([]);
    db.close();
  });
});

describe('health and login', () => {
  it('when asking /healthz without authentication, then it answers ok', async () => {
    const { app } = makeTestApp();
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('when not logged in, then pages redirect to the login and the API answers 401 JSON', async () => {
    const { app } = makeTestApp();
    const page = await request(app).get('/').set('Accept', 'text/html');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2F');
    const api = await request(app).get('/api/v1/cities');
    expect([401, 404]).toContain(api.status);
  });

  it('when logging in, then the session id changes (no fixation) and the cookie is __Host-, httpOnly, SameSite=Lax', async () => {
    const t = makeTestApp();
    const user = await makeUser(t, 'admin');
    const b = new Browser(t.app);
    const first = await b.get('/login');
    // The login page writes no session: its CSRF token is bound to a cookie of its own.
    expect(b.cookieHeader()).toMatch(/^__Host-vuoro_csrf=[^;]+$/);
    const flags = (line: string) => {
      expect(line).toMatch(/HttpOnly/i);
      expect(line).toMatch(/SameSite=Lax/i);
      expect(line).toMatch(/Secure/i);
      expect(line).toMatch(/Path=\//);
    };
    flags((first.headers['set-cookie'] as unknown as string[])[0] ?? '');
    // A session made before login (here by switching the language) is replaced at login.
    await b.post('/language', { lang: 'en', back: '/login' });
    await b.get('/login');
    const before = /__Host-vuoro_sid=[^;]+/.exec(b.cookieHeader())?.[0];
    expect(before).toBeTruthy();
    const res = await b.post('/login', { username: user.username, password: 'correct horse battery staple' });
    expect(res.status).toBe(303);
    const sidLine = (res.headers['set-cookie'] as unknown as string[]).find((l) => l.startsWith('__Host-vuoro_sid=')) ?? '';
    flags(sidLine);
    expect(/__Host-vuoro_sid=[^;]+/.exec(b.cookieHeader())?.[0]).not.toBe(before);
    const home = await b.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain(`Test ${user.username}`);
  });

  it('when the password is wrong or the user unknown, then the same message is shown', async () => {
    const t = makeTestApp();
    const user = await makeUser(t, 'admin');
    const wrong = await new Browser(t.app).post('/login', { username: user.username, password: 'nope nope nope' });
    const unknown = await new Browser(t.app).post('/login', { username: 'nobody', password: 'nope nope nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const msg = (r: request.Response) => /class="error-summary"[^>]*><p>([^<]*)</.exec(r.text)?.[1];
    expect(msg(wrong)).toBeTruthy();
    expect(msg(wrong)).toBe(msg(unknown));
  });

  it('when one user name fails too often, then the login answers 429', async () => {
    const t = makeTestApp();
    const user = await makeUser(t, 'admin');
    const b = new Browser(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await b.post('/login', { username: user.username, password: `wrong-${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[6]).toBe(429);
    // Even the right password is refused while limited.
    expect((await b.post('/login', { username: user.username, password: 'correct horse battery staple' })).status).toBe(429);
  });

  it('when a form is posted without a CSRF token or from a foreign origin, then 403 and nothing changes', async () => {
    const t = makeTestApp();
    const { browser } = await loggedIn(t, 'admin');
    const noToken = await browser.post('/language', { lang: 'sv', _csrf: '' });
    expect(noToken.status).toBe(403);
    const foreign = await browser.post('/language', { lang: 'sv' }, { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const home = await browser.get('/');
    expect(home.text).toContain('<html lang="en">');
  });

  it('when switching the language, then <html lang> follows and the choice is kept', async () => {
    const t = makeTestApp();
    const { browser } = await loggedIn(t, 'admin');
    for (const [lang, word] of [
      ['sv', 'Logga ut'],
      ['fi', 'Kirjaudu ulos'],
      ['en', 'Log out'],
    ] as const) {
      const res = await browser.post('/language', { lang, back: '/' });
      expect(res.status).toBe(303);
      const page = await browser.get('/');
      expect(page.text).toContain(`<html lang="${lang}">`);
      expect(page.text).toContain(word);
    }
  });

  it('when not logged in, then the language comes from Accept-Language', async () => {
    const { app } = makeTestApp();
    const res = await request(app).get('/login').set('Accept-Language', 'sv-FI,sv;q=0.9,en;q=0.5');
    expect(res.text).toContain('<html lang="sv">');
    expect(res.text).toContain('Användarnamn');
  });

  it('when logging out, then the session is gone', async () => {
    const t = makeTestApp();
    const { browser } = await loggedIn(t, 'admin');
    await browser.post('/logout');
    const res = await browser.get('/');
    expect(res.status).toBe(303);
  });

  it('sends a CSP without inline script', async () => {
    const { app } = makeTestApp();
    const res = await request(app).get('/login');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });
});

describe('session timeouts', () => {
  async function sessionAt(minutesIdle: number[], config = {}) {
    let now = Date.parse('2027-01-04T08:00:00Z');
    const t = makeTestApp({ clock: { now: () => new Date(now) }, config });
    const { browser } = await loggedIn(t, 'admin');
    const statuses: number[] = [];
    for (const m of minutesIdle) {
      now += m * 60_000;
      const res = await browser.get('/');
      statuses.push(res.status);
      if (res.status === 303) expect(res.headers.location).toBe('/login?next=%2F&expired=1');
    }
    return { statuses, browser };
  }

  it('when the user is idle longer than the idle timeout, then the session ends and the login says so', async () => {
    const { statuses, browser } = await sessionAt([30, 59, 61], { sessionIdleMs: 60 * 60_000 });
    expect(statuses).toEqual([200, 200, 303]);
    const login = await browser.get('/login?next=%2F&expired=1', { 'Accept-Language': 'en' });
    expect(login.text).toContain('Your session has expired');
    const again = await browser.get('/');
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe('/login?next=%2F');
  });

  it('when the session is older than the absolute timeout, then it ends even if the user was active', async () => {
    const every50min = Array.from({ length: 15 }, () => 50);
    const { statuses } = await sessionAt(every50min, { sessionIdleMs: 60 * 60_000, sessionAbsoluteMs: 12 * 3_600_000 });
    // 14 × 50 min = 11 h 40 min is still inside 12 h; 15 × 50 min = 12 h 30 min is not.
    expect(statuses.slice(0, 14).every((s) => s === 200)).toBe(true);
    expect(statuses[14]).toBe(303);
  });
});

describe('configuration', () => {
  it('when a setting is invalid, then start-up stops with a message naming it', async () => {
    const { parseConfig, ConfigError } = await import('../src/config.js');
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseConfig({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD must be at least 12/);
    expect(() => parseConfig({ BASE_URL: 'not a url' })).toThrow(/BASE_URL/);
    expect(() => parseConfig({ SEED_DEMO: 'maybe' })).toThrow(/SEED_DEMO/);
  });

  it('when nothing is set, then the defaults of the README apply', async () => {
    const { parseConfig } = await import('../src/config.js');
    const c = parseConfig({});
    expect(c.port).toBe(3000);
    expect(c.databasePath).toBe('./data/vuoro.db');
    expect(c.seedDemo).toBe(true);
    expect(c.baseUrl).toBe('http://localhost:3000');
    expect(c.secureCookies).toBe(true);
    expect(parseConfig({ BASE_URL: 'http://rota.internal:8080' }).secureCookies).toBe(false);
  });
});

describe('session keep-alive', () => {
  it('when logged in, then pages carry the idle timeout and the keep-alive answers 204; logged out it does not', async () => {
    const t = makeTestApp({ config: { sessionIdleMs: 45 * 60_000 } });
    const { browser } = await loggedIn(t, 'admin');
    const page = await browser.get('/');
    expect(page.text).toContain('data-session-idle-ms="2700000"');
    expect(page.text).toContain('id="session-warning"');
    expect((await browser.get('/session/keepalive')).status).toBe(204);
    const anonymous = await request(t.app).get('/session/keepalive').set('Accept', 'text/html');
    expect(anonymous.status).toBe(303);
    const login = await request(t.app).get('/login');
    expect(login.text).not.toContain('data-session-idle-ms');
  });
});
